//! Publishing every unit at once: parallel builds, skip what is unchanged, manifest and index.

use crate::diag::Code;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::load::Project;
use crate::output::{sha256_hex, write_files};
use crate::pipeline::{BuildOptions, keep_refused_sources, stage_documents};
use crate::render::Templates;
use crate::typeset::Engine;

pub use crate::manifest::{DocumentRecord, FindingRecord, Manifest, ManifestEntry, ShardHeader, Status, WorkbookRecord};
use crate::manifest::{finding_records, read_manifest};
use crate::shard::Shard;

/// One unit's outcome with its findings and timings.
pub struct Outcome {
    pub entry: ManifestEntry,
    pub diagnostics: Diagnostics,
    pub wall: Duration,
    /// Time in gen-budget's own stages for this unit (loading, checks, templates, writing).
    pub own: Duration,
    /// The generated sources a refused draft wrote to look into (`…（草稿）.typ`).
    pub kept: Vec<PathBuf>,
}

/// The result of a whole batch.
pub struct BatchReport {
    pub outcomes: Vec<Outcome>,
    pub wall: Duration,
    /// Problems writing the manifests and index pages (exit status 2).
    pub setup: Diagnostics,
}

impl BatchReport {
    pub fn failed(&self) -> usize {
        self.outcomes.iter().filter(|o| o.entry.status == Status::Failed).count()
    }
}

/// Options of a batch.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Rebuild even units whose inputs are unchanged.
    pub force: bool,
    pub build: BuildOptions,
    /// A git revision: also write `out/<年>/changes.html`, every unit compared with that edition.
    pub diff_against: Option<String>,
    /// Build only one shard's units and write its shard manifest instead of manifest.json.
    pub shard: Option<ShardRun>,
}

/// One shard of a year's batch, with the program fingerprint its manifest records.
#[derive(Debug, Clone)]
pub struct ShardRun {
    pub shard: Shard,
    pub year: String,
    pub executable: String,
}

impl BatchOptions {
    /// Whether the batch builds this unit: every unit, or only the shard's.
    pub fn selects(&self, unit: &str) -> bool {
        self.shard.as_ref().is_none_or(|s| s.shard.contains(unit))
    }
}

pub(crate) const PROGRAM: &str = concat!("gen-budget ", env!("CARGO_PKG_VERSION"));

/// Units per thread between two cache evictions.
const CHUNK_PER_THREAD: usize = 4;

/// Builds the given unit-years (from `find_unit_years`); one unit's failure never stops the others.
pub fn publish_all(
    project: &Project,
    engine: &Arc<Engine>,
    templates: &Templates,
    options: &BatchOptions,
    targets: Vec<(String, String)>,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> BatchReport {
    let started = Instant::now();
    let targets: Vec<(String, String)> = targets.into_iter().filter(|(unit, _)| options.selects(unit)).collect();
    let previous = read_manifests(project, &targets, options.shard.as_ref());
    let mut outcomes = Vec::with_capacity(targets.len());
    // Chunks of a few units per thread, loaded only when their chunk comes: rayon balances uneven
    // units inside a chunk, and a chunk's input, its kept texts and Typst's caches are dropped
    // before the next one, so memory stays flat over any number of units.
    for chunk in targets.chunks(CHUNK_PER_THREAD * rayon::current_num_threads().max(1)) {
        let mut pending = Vec::new();
        for (unit, year) in chunk {
            match prepare(project, engine, templates, options, &previous, unit, year) {
                Prepared::Done(outcome) => {
                    progress(&outcome);
                    outcomes.push(outcome);
                }
                Prepared::Build(documents, hash, spent) => pending.push((unit, year, documents, hash, spent)),
            }
        }
        let built: Vec<Outcome> = pending
            .par_iter()
            .map(|(unit, year, documents, hash, spent)| {
                build_one(project, engine, templates, options, (unit, year), documents, hash, *spent)
            })
            .collect();
        drop(pending);
        typst::comemo::evict(0);
        release_freed_memory();
        for outcome in built {
            progress(&outcome);
            outcomes.push(outcome);
        }
        // Every finding of the chunk is printed: its units' texts need not stay for snippets.
        chunk.iter().for_each(|(unit, _)| crate::diag::Sources::run().forget_within(&project.departments().join(unit)));
    }
    outcomes.sort_by(|a, b| (&a.entry.year, &a.entry.unit).cmp(&(&b.entry.year, &b.entry.unit)));
    let mut setup = match &options.shard {
        Some(run) => write_shard(project, run, templates, &outcomes),
        None => write_manifests(project, &outcomes, options.diff_against.is_some()),
    };
    if let Some(rev) = &options.diff_against {
        setup.extend(crate::changes::write_pages(project, templates, rev, &targets));
    }
    BatchReport { outcomes, wall: started.elapsed(), setup }
}

/// Hands the pages freed by the eviction back to the system, which glibc would keep in its
/// arenas: 6–7% lower peak RSS at 200 and 600 units (BENCHMARKS.md, memory at scale).
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: glibc's malloc_trim takes no pointers and is thread-safe; it only releases free memory.
        unsafe {
            malloc_trim(0);
        }
    }
}

enum Prepared {
    Done(Outcome),
    Build(Vec<Document>, String, Duration),
}

/// Loads a unit and decides whether it needs building.
fn prepare(
    project: &Project,
    engine: &Engine,
    templates: &Templates,
    options: &BatchOptions,
    previous: &BTreeMap<(String, String), ManifestEntry>,
    unit: &str,
    year: &str,
) -> Prepared {
    let started = Instant::now();
    let documents = match Document::load_all(project, unit, year) {
        Ok(documents) => documents,
        Err(d) => return Prepared::Done(failed(unit, year, d, String::new(), started.elapsed())),
    };
    let hash = input_hash(&documents, engine, templates, &options.build);
    let unchanged = previous.get(&(unit.to_string(), year.to_string())).filter(|e| {
        let mut written = e.documents.iter().map(|d| (&d.file, &d.sha256)).chain(e.workbooks.iter().map(|w| (&w.file, &w.sha256)));
        e.status != Status::Failed
            && e.input_hash == hash
            && written.all(|(f, sha)| on_disk_matches(&project.out().join(year).join(f), sha))
    });
    match unchanged {
        Some(entry) if !options.force => {
            let entry = ManifestEntry { status: Status::Skipped, ..entry.clone() };
            let (wall, diagnostics) = (started.elapsed(), Diagnostics::default());
            Prepared::Done(Outcome { entry, diagnostics, wall, own: wall, kept: Vec::new() })
        }
        _ => Prepared::Build(documents, hash, started.elapsed()),
    }
}

#[allow(clippy::too_many_arguments)]
fn build_one(
    project: &Project,
    engine: &Arc<Engine>,
    templates: &Templates,
    options: &BatchOptions,
    (unit, year): (&str, &str),
    documents: &[Document],
    hash: &str,
    loading: Duration,
) -> Outcome {
    let started = Instant::now();
    match stage_unit(project, engine, templates, options, documents) {
        Ok((reports, workbooks)) => {
            let records =
                reports.iter().map(|r| DocumentRecord { file: relative(project, year, &r.pdf), pages: r.pages, sha256: r.sha256.clone() });
            let entry = ManifestEntry {
                unit: unit.to_string(),
                year: year.to_string(),
                status: Status::Built,
                documents: records.collect(),
                workbooks,
                warnings: reports.iter().map(|r| r.diagnostics.0.len()).sum(),
                errors: 0,
                input_hash: hash.to_string(),
                findings: reports.iter().flat_map(|r| finding_records(&r.diagnostics)).collect(),
            };
            let own = loading + reports.iter().map(|r| r.own_time).sum::<Duration>();
            let mut diagnostics = Diagnostics::default();
            reports.into_iter().for_each(|r| diagnostics.extend(r.diagnostics));
            Outcome { entry, diagnostics, wall: started.elapsed(), own, kept: Vec::new() }
        }
        Err(mut diags) => {
            let draft = options.build.mode == crate::pipeline::Mode::Draft;
            let kept = if draft { keep_refused_sources(project, unit, year, &mut diags) } else { Vec::new() };
            Outcome { kept, ..failed(unit, year, diags, hash.to_string(), started.elapsed()) }
        }
    }
}

/// Renders a unit's PDFs and (in a release) workbooks, then writes them all or none.
fn stage_unit(
    project: &Project,
    engine: &Arc<Engine>,
    templates: &Templates,
    options: &BatchOptions,
    documents: &[Document],
) -> Result<(Vec<crate::pipeline::BuildReport>, Vec<WorkbookRecord>), Diagnostics> {
    let staged = stage_documents(project, engine, templates, documents, &options.build)?;
    let books = if options.build.mode == crate::pipeline::Mode::Release {
        crate::export::prepare(project, templates, documents)?
    } else {
        Vec::new()
    };
    let records = books.iter().map(|b| WorkbookRecord { file: relative_to_year(project, &b.path), sha256: sha256_hex(&b.bytes) }).collect();
    let mut files = staged.files;
    files.extend(books.into_iter().map(|b| (b.path, b.bytes)));
    write_files(&project.out(), &files).map_err(|d| Diagnostics(vec![d]))?;
    Ok((staged.reports, records))
}

/// `out/<年>/<单位>/x.xlsx` → `<单位>/x.xlsx`, as the manifest lists files.
fn relative_to_year(project: &Project, path: &std::path::Path) -> String {
    let inside = path.strip_prefix(project.out()).unwrap_or(path);
    inside.components().skip(1).collect::<PathBuf>().display().to_string()
}

/// The file is there, a regular file, and still has the bytes the manifest recorded.
fn on_disk_matches(path: &std::path::Path, sha256: &str) -> bool {
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    regular && std::fs::read(path).is_ok_and(|bytes| sha256_hex(&bytes) == sha256)
}

/// A written file's path relative to `out/<年>/`, as the manifest and index list it.
fn relative(project: &Project, year: &str, path: &std::path::Path) -> String {
    path.strip_prefix(project.out().join(year)).unwrap_or(path).display().to_string()
}

fn failed(unit: &str, year: &str, diagnostics: Diagnostics, hash: String, wall: Duration) -> Outcome {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let entry = ManifestEntry {
        unit: unit.to_string(),
        year: year.to_string(),
        status: Status::Failed,
        documents: Vec::new(),
        workbooks: Vec::new(),
        warnings: diagnostics.0.len() - errors,
        errors,
        input_hash: hash,
        findings: finding_records(&diagnostics),
    };
    Outcome { entry, diagnostics, wall, own: wall, kept: Vec::new() }
}

/// Everything the documents depend on: data, catalogue, templates, fonts, options and program.
fn input_hash(documents: &[Document], engine: &Engine, templates: &Templates, build: &BuildOptions) -> String {
    // `xlsx`: release outputs include workbooks, so units built before them are rebuilt once.
    // `tagged`: PDFs exported before tagging are rebuilt once; PDF/UA and untagged builds are other outputs.
    let kind = build.pdf_kind();
    let options = format!("{:?} pdfa={} xlsx tagged={} pdfua={}", build.mode, build.pdfa, kind.tagged(), kind.pdfua);
    let mut parts = vec![PROGRAM, templates.fingerprint(), engine.fingerprint(), &options];
    parts.extend(documents.iter().flat_map(Document::inputs));
    // The cross-year checks (Y1–Y4) read last year's file: a change there changes the findings.
    let previous: Vec<String> = documents.iter().filter_map(previous_text).collect();
    parts.extend(previous.iter().map(String::as_str));
    sha256_hex(parts.join("\u{1f}").as_bytes())
}

/// The text of a budget document's previous-year file, when there is one to read.
fn previous_text(document: &Document) -> Option<String> {
    let Document::Budget(loaded) = document else { return None };
    std::fs::read_to_string(crate::load::previous::previous_file(loaded)?).ok()
}

/// Earlier manifests of the years in the batch (and the shard's own, which is newer), keyed by
/// (unit, year); an entry is only trusted after its files' hashes are checked on disk.
fn read_manifests(project: &Project, targets: &[(String, String)], shard: Option<&ShardRun>) -> BTreeMap<(String, String), ManifestEntry> {
    let years: std::collections::BTreeSet<&String> = targets.iter().map(|(_, y)| y).collect();
    let mut paths: Vec<PathBuf> = years.iter().map(|year| project.out().join(year).join("manifest.json")).collect();
    paths.extend(shard.map(|run| project.out().join(&run.year).join(run.shard.file_name())));
    let mut out = BTreeMap::new();
    for manifest in paths.iter().filter_map(|path| read_manifest(path)) {
        for entry in manifest.units {
            out.insert((entry.unit.clone(), entry.year.clone()), entry);
        }
    }
    out
}

/// Writes `manifest.json` and `index.html` for every year in the batch; returns what failed.
fn write_manifests(project: &Project, outcomes: &[Outcome], changes: bool) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let mut by_year: BTreeMap<&str, Vec<ManifestEntry>> = BTreeMap::new();
    for o in outcomes {
        by_year.entry(&o.entry.year).or_default().push(o.entry.clone());
    }
    if let Err(d) = crate::index_page::write_font(project) {
        problems.push(d);
    }
    for (year, units) in by_year {
        let manifest = Manifest { program: PROGRAM.to_string(), shard: None, units };
        if let Err(d) = write_year(project, year, &manifest, changes) {
            problems.push(d);
        }
    }
    problems
}

/// Writes a year's `manifest.json` and `index.html` together (an unsharded batch and `merge`).
pub(crate) fn write_year(project: &Project, year: &str, manifest: &Manifest, changes: bool) -> Result<(), Diagnostic> {
    let dir = project.out().join(year);
    let files = [
        (dir.join("manifest.json"), manifest.to_json().into_bytes()),
        (dir.join("index.html"), crate::index_page::index_html(year, manifest, changes).into_bytes()),
    ];
    write_files(&project.out(), &files)
}

/// Writes `manifest.shard-K-of-N.json` only (even with no units, so `merge` sees the shard ran);
/// no index page and no font copy, which are the merge's: shards never write the same file.
fn write_shard(project: &Project, run: &ShardRun, templates: &Templates, outcomes: &[Outcome]) -> Diagnostics {
    let header = ShardHeader {
        number: run.shard.number,
        count: run.shard.count,
        executable: run.executable.clone(),
        templates: templates.fingerprint().to_string(),
        fonts: crate::typeset::font_files::contents_fingerprint(&project.fonts()),
    };
    let units = outcomes.iter().map(|o| o.entry.clone()).collect();
    let manifest = Manifest { program: PROGRAM.to_string(), shard: Some(header), units };
    let path = project.out().join(&run.year).join(run.shard.file_name());
    match write_files(&project.out(), &[(path, manifest.to_json().into_bytes())]) {
        Ok(()) => Diagnostics::default(),
        Err(d) => Diagnostics(vec![d]),
    }
}

/// A diagnostic saying a batch found nothing to do.
pub fn nothing_found() -> Diagnostic {
    Diagnostic::error(Code::U5, "departments/ 下没有找到任何 <单位>/<年>.toml").hint("数据文件应位于 departments/<单位>/<年>.toml")
}
