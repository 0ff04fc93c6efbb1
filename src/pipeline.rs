//! The whole build of one unit-year: load → derive → validate → view → Typst → PDF → file.

use crate::diag::Code;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Sources};
pub use crate::document::{Checked, check};
use crate::document::{Document, Kind};
use crate::load::{Loaded, Project, load_unit_year};
use crate::output::write_files;
use crate::render::Templates;
use crate::typeset::{Compiled, Engine, PdfKind, compile, generated_key, lay_out, name_kept_source};

/// Release refuses any error; a draft renders anyway and marks every finding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Release,
    Draft,
}

/// Options of one build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub mode: Mode,
    /// Export PDF/A-2b (archival) instead of plain PDF.
    pub pdfa: bool,
    /// Export PDF/UA-1 (accessibility, validated by Typst); every PDF is tagged either way.
    pub pdfua: bool,
    /// Also write the generated Typst source next to the PDF.
    pub keep_typ: bool,
}

/// How far Typst goes: a build exports the PDF; the preview only shows pages and writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Pdf,
    Pages,
}

impl BuildOptions {
    /// The standards the export enforces.
    pub fn pdf_kind(&self) -> PdfKind {
        PdfKind { pdfa: self.pdfa, pdfua: self.pdfua }
    }
}

/// What a successful build produced.
#[derive(Debug)]
pub struct BuildReport {
    pub pdf: PathBuf,
    pub pages: usize,
    pub diagnostics: Diagnostics,
    /// Time in our own stages (check, view, templates, hashing, writing), outside Typst.
    pub own_time: std::time::Duration,
    pub sha256: String,
}

/// A document rendered in memory, before anything is written.
pub struct Rendered {
    /// Time in our own stages (check, view, templates), outside Typst.
    pub own_time: std::time::Duration,
    pub title: String,
    pub typst_source: String,
    pub compiled: Compiled,
    pub diagnostics: Diagnostics,
}

/// Loads, checks and typesets one unit-year without writing anything.
pub fn render_unit(
    project: &Project,
    engine: &Arc<Engine>,
    templates: &Templates,
    unit: &str,
    year: &str,
    mode: Mode,
) -> Result<Rendered, Diagnostics> {
    let loaded = load_unit_year(project, unit, year)?;
    render_loaded(&loaded, engine, templates, mode)
}

/// Checks and typesets already loaded input; a release stops at the first error-level finding.
pub fn render_loaded(loaded: &Loaded, engine: &Arc<Engine>, templates: &Templates, mode: Mode) -> Result<Rendered, Diagnostics> {
    render_with(loaded, engine, templates, &BuildOptions { mode, ..BuildOptions::default() })
}

/// Checks and typesets loaded input with every build option.
pub fn render_with(loaded: &Loaded, engine: &Arc<Engine>, templates: &Templates, options: &BuildOptions) -> Result<Rendered, Diagnostics> {
    render_kind(Kind::Budget(loaded), engine, templates, options, Output::Pdf)
}

/// The one path of every document kind: check, refuse errors in a release, view, template, compile.
fn render_kind(
    kind: Kind<'_>,
    engine: &Arc<Engine>,
    templates: &Templates,
    options: &BuildOptions,
    output: Output,
) -> Result<Rendered, Diagnostics> {
    let started = std::time::Instant::now();
    let checked = kind.check(templates);
    if options.mode == Mode::Release && checked.diagnostics.has_errors() {
        return Err(checked.diagnostics);
    }
    let view = kind.view(&checked, templates, options.mode == Mode::Draft)?;
    let typst_source = view.source(templates).map_err(single)?;
    let title = view.title().to_string();
    let own_time = started.elapsed();
    let (unit_dir, year) = kind.unit_year();
    let ident = format!("{unit_dir}-{year}-{title}");
    // The path's year is checked to be four digits; the file's own may be anything in a draft.
    let compiled = match output {
        Output::Pages => lay_out(engine, typst_source.clone(), year, &ident),
        Output::Pdf => compile(engine, typst_source.clone(), year, &ident, options.pdf_kind()),
    };
    let compiled = compiled.map_err(Diagnostics)?;
    let mut diagnostics = checked.diagnostics;
    diagnostics.0.extend(compiled.warnings.iter().cloned());
    Ok(Rendered { own_time, title, typst_source, compiled, diagnostics })
}

/// Builds every document of a unit-year and writes each PDF atomically; all or nothing is checked first.
pub fn build_unit(
    project: &Project,
    engine: &Arc<Engine>,
    templates: &Templates,
    unit: &str,
    year: &str,
    options: &BuildOptions,
) -> Result<Vec<BuildReport>, Diagnostics> {
    let documents = Document::load_all(project, unit, year)?;
    build_documents(project, engine, templates, &documents, options)
}

/// Renders every document first, then writes them: a failure in one writes none of them.
pub fn build_documents(
    project: &Project,
    engine: &Arc<Engine>,
    templates: &Templates,
    documents: &[Document],
    options: &BuildOptions,
) -> Result<Vec<BuildReport>, Diagnostics> {
    let staged = stage_documents(project, engine, templates, documents, options)?;
    let writing = std::time::Instant::now();
    write_files(&project.out(), &staged.files).map_err(single)?;
    let per_document = writing.elapsed() / staged.reports.len().max(1) as u32;
    Ok(staged.reports.into_iter().map(|r| BuildReport { own_time: r.own_time + per_document, ..r }).collect())
}

/// Every file a unit-year's build writes, rendered in memory, with the report of each document.
pub struct Staged {
    pub files: Vec<(PathBuf, Vec<u8>)>,
    pub reports: Vec<BuildReport>,
}

/// Renders every document of a unit-year without writing; two documents that would write the
/// same file are refused (O2), naming both sources.
pub fn stage_documents(
    project: &Project,
    engine: &Arc<Engine>,
    templates: &Templates,
    documents: &[Document],
    options: &BuildOptions,
) -> Result<Staged, Diagnostics> {
    let mut staged = Staged { files: Vec::new(), reports: Vec::new() };
    let mut failures = Diagnostics::default();
    let mut sources: Vec<(PathBuf, &Path)> = Vec::new();
    for doc in documents {
        match doc.render(engine, templates, options) {
            Ok(r) => {
                let pdf = pdf_path(project, doc, &r.title, options);
                if let Some((_, other)) = sources.iter().find(|(p, _)| *p == pdf) {
                    failures.push(same_output(&pdf, other, doc.source_path()));
                    continue;
                }
                sources.push((pdf.clone(), doc.source_path()));
                stage_document(&mut staged, pdf, r, options);
            }
            Err(d) => failures.extend(d),
        }
    }
    if failures.has_errors() {
        return Err(failures);
    }
    Ok(staged)
}

/// Where a document's PDF goes: `out/<年>/<单位>/<标题>.pdf` (drafts: `…（草稿）.pdf`).
fn pdf_path(project: &Project, doc: &Document, title: &str, options: &BuildOptions) -> PathBuf {
    output_path(project, &doc.year().to_string(), doc.unit_dir(), title, options.mode, "pdf")
}

/// A document's output file by its title: `out/<年>/<单位>/<标题>[（草稿）].<ext>`.
fn output_path(project: &Project, year: &str, unit: &str, title: &str, mode: Mode, ext: &str) -> PathBuf {
    let suffix = if mode == Mode::Draft { "（草稿）" } else { "" };
    project.out().join(year).join(unit).join(format!("{}{suffix}.{ext}", file_name(title)))
}

/// A draft Typst refused: each generated source it refused is written where the draft PDF would
/// be (`out/<年>/<单位>/<标题>（草稿）.typ`) and its findings name that file and line.
pub fn keep_refused_sources(project: &Project, unit: &str, year: &str, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut kept = Vec::new();
    let keys: BTreeSet<PathBuf> = diags.iter().filter_map(|d| d.generated.as_ref().map(|(k, _)| k.clone())).collect();
    let prefix = generated_key(&format!("{unit}-{year}-")).display().to_string();
    for key in keys {
        let Some(source) = Sources::run().get(&key) else { continue };
        let Some(title) = key.to_str().and_then(|k| k.strip_prefix(&prefix)) else { continue };
        let typ = output_path(project, year, unit, title, Mode::Draft, "typ");
        match write_files(&project.out(), &[(typ.clone(), source.text.clone().into_bytes())]) {
            Ok(()) => {
                name_kept_source(&mut diags.0, &key, &typ);
                kept.push(typ);
            }
            Err(d) => diags.push(d),
        }
    }
    kept
}

fn stage_document(staged: &mut Staged, pdf: PathBuf, rendered: Rendered, options: &BuildOptions) {
    if options.keep_typ {
        staged.files.push((pdf.with_extension("typ"), rendered.typst_source.into_bytes()));
    }
    let pages = rendered.compiled.page_count();
    let bytes = rendered.compiled.pdf.expect("staging always exports the PDF");
    let sha256 = crate::digest::sha256_hex(&bytes);
    staged.reports.push(BuildReport { pdf: pdf.clone(), pages, diagnostics: rendered.diagnostics, own_time: rendered.own_time, sha256 });
    staged.files.push((pdf, bytes));
}

/// O2: two documents of one unit-year would overwrite each other.
fn same_output(pdf: &Path, first: &Path, second: &Path) -> Diagnostic {
    Diagnostic::error(Code::O2, format!("{} 与 {} 会生成同一个文件 {}", first.display(), second.display(), pdf.display()))
        .in_file(second)
        .hint("同一单位同一年度的文件标题须各不相同：修改其中一个文件的单位名称或文件类型")
}

impl Document {
    /// Checks and typesets the document without writing anything.
    pub fn render(&self, engine: &Arc<Engine>, templates: &Templates, options: &BuildOptions) -> Result<Rendered, Diagnostics> {
        render_kind(self.kind(), engine, templates, options, Output::Pdf)
    }

    /// Checks and lays the document out for the preview: the pages, no PDF (`compiled.pdf` is `None`).
    pub fn lay_out(&self, engine: &Arc<Engine>, templates: &Templates, mode: Mode) -> Result<Rendered, Diagnostics> {
        render_kind(self.kind(), engine, templates, &BuildOptions { mode, ..BuildOptions::default() }, Output::Pages)
    }
}

/// The title as a file name: typed text (the district) must not add folders or hidden files.
pub fn file_name(title: &str) -> String {
    let cleaned: String = title.chars().map(|c| if matches!(c, '/' | '\\' | ':' | '\0') || c.is_control() { '_' } else { c }).collect();
    let cleaned = cleaned.trim_start_matches('.').trim();
    if cleaned.is_empty() { "预算".to_string() } else { cleaned.to_string() }
}

fn single(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn titles_never_become_paths() {
        assert_eq!(file_name("上海市../../etc2024年区级部门预算"), "上海市.._.._etc2024年区级部门预算");
        assert_eq!(file_name("../x"), "_x");
        assert_eq!(file_name("..."), "预算");
        assert_eq!(file_name("a\0b\nc"), "a_b_c");
    }
}
