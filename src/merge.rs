//! `gen-budget merge <年>`: a year's shard manifests combined into the `manifest.json` and
//! `index.html` one unsharded batch writes; refused, with nothing written, when they do not fit.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::Project;
use crate::manifest::{Manifest, ManifestEntry, ShardHeader, read_manifest};
use crate::shard::Shard;

/// What was merged: the year's manifest as written, and from how many shards.
pub struct Merged {
    pub manifest: Manifest,
    pub shards: usize,
}

/// One shard manifest as found on disk.
struct Found {
    shard: Shard,
    file: PathBuf,
    header: ShardHeader,
    manifest: Manifest,
}

const RERUN: &str = "用同一个程序、同样的模板和字体重新运行全部分片（gen-budget --all <年> --shard K/N），再合并";

/// Checks every shard manifest of the year, then writes the merged manifest and index page.
pub fn merge(project: &Project, year: &str) -> Result<Merged, Diagnostics> {
    let found = read_shards(project, year)?;
    check(&found, year)?;
    uncovered(project, &found, year)?;
    let shards = found.len();
    let program = found[0].manifest.program.clone();
    let mut units: Vec<ManifestEntry> = found.into_iter().flat_map(|f| f.manifest.units).collect();
    units.sort_by(|a, b| (&a.year, &a.unit).cmp(&(&b.year, &b.unit)));
    let manifest = Manifest { program, shard: None, units };
    crate::index_page::write_font(project).map_err(one)?;
    crate::batch::write_year(project, year, &manifest, false).map_err(one)?;
    Ok(Merged { manifest, shards })
}

/// Every `manifest.shard-K-of-N.json` of `out/<年>/`, sorted; any that cannot be read is refused.
fn read_shards(project: &Project, year: &str) -> Result<Vec<Found>, Diagnostics> {
    let dir = project.out().join(year);
    let mut names: Vec<(Shard, PathBuf)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Shard::from_file_name(&e.file_name().to_string_lossy()).map(|s| (s, e.path())))
        .collect();
    names.sort();
    if names.is_empty() {
        let d = refusal(format!("{} 中没有分片清单 manifest.shard-K-of-N.json", shown(&dir)));
        return Err(one(d.hint(format!("先运行 gen-budget --all {year} --shard K/N（K = 1…N），再合并"))));
    }
    let mut problems = Diagnostics::default();
    let mut found = Vec::new();
    for (shard, file) in names {
        match read_manifest(&file).and_then(|m| Some((m.shard.clone()?, m))) {
            Some((header, manifest)) if header.number == shard.number && header.count == shard.count => {
                found.push(Found { shard, file, header, manifest })
            }
            _ => problems.push(refusal(format!("分片清单 {} 无法读取，或不是该分片的清单", shown(&file))).hint(RERUN)),
        }
    }
    if problems.has_errors() { Err(problems) } else { Ok(found) }
}

/// All shards of one N, none missing, built alike, each unit once and in its own shard.
fn check(found: &[Found], year: &str) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    let counts: BTreeMap<usize, Vec<&Found>> = found.iter().fold(BTreeMap::new(), |mut m, f| {
        m.entry(f.shard.count).or_insert_with(Vec::new).push(f);
        m
    });
    if counts.len() > 1 {
        let listed: Vec<String> = counts.iter().map(|(n, fs)| format!("{n} 份：{}", names(fs))).collect();
        let d = refusal(format!("分片清单的分片数 N 不一致（{}）", listed.join("；")));
        problems.push(d.hint(format!("删除旧的分片清单（out/{year}/manifest.shard-*-of-N.json），只保留本次运行的，再合并")));
        return Err(problems);
    }
    let count = found[0].shard.count;
    for number in (1..=count).filter(|k| !found.iter().any(|f| f.shard.number == *k)) {
        let d = refusal(format!("缺少分片 {number}/{count}（out/{year}/{}）", Shard { number, count }.file_name()));
        problems.push(d.hint(format!("运行 gen-budget --all {year} --shard {number}/{count}，再合并")));
    }
    found.iter().skip(1).for_each(|f| problems.extend(mismatches(&found[0], f)));
    problems.extend(unit_problems(found, year));
    if problems.has_errors() { Err(problems) } else { Ok(()) }
}

/// What differs between how two shards were built: program, templates, fonts.
fn mismatches(first: &Found, other: &Found) -> Diagnostics {
    let (a, b) = (&first.header, &other.header);
    let checks = [
        (first.manifest.program != other.manifest.program || a.executable != b.executable, "程序"),
        (a.templates != b.templates, "模板"),
        (a.fonts != b.fonts, "字体"),
    ];
    let said = |what: &str| {
        let message = format!("分片 {} 与分片 {} 所用的{what}不同，不能合并", label(other.shard), label(first.shard));
        refusal(message).hint(RERUN)
    };
    Diagnostics(checks.iter().filter(|(differs, _)| *differs).map(|(_, what)| said(what)).collect())
}

/// Units listed twice, in a shard their name does not hash to, or of another year.
fn unit_problems(found: &[Found], year: &str) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let mut seen: BTreeMap<&str, Shard> = BTreeMap::new();
    for f in found {
        for entry in &f.manifest.units {
            if let Some(earlier) = seen.insert(&entry.unit, f.shard) {
                let message = format!("单位“{}”同时出现在分片 {} 和 {} 中", entry.unit, label(earlier), label(f.shard));
                problems.push(refusal(message).hint(RERUN));
            } else if !f.shard.contains(&entry.unit) || entry.year != year {
                let message = format!("分片清单 {} 中的单位“{}”（{} 年）不属于该分片", shown(&f.file), entry.unit, entry.year);
                problems.push(refusal(message).hint(RERUN));
            }
        }
    }
    problems
}

/// Units with a `<年>.toml` under departments/ that no shard built (added after the shards ran):
/// merging without them would publish an index that silently leaves them out.
fn uncovered(project: &Project, found: &[Found], year: &str) -> Result<(), Diagnostics> {
    let listed: std::collections::BTreeSet<&str> = found.iter().flat_map(|f| f.manifest.units.iter().map(|u| u.unit.as_str())).collect();
    let count = found[0].shard.count;
    let problems: Vec<Diagnostic> = crate::load::find_unit_years(project, Some(year))
        .into_iter()
        .filter(|(unit, _)| !listed.contains(unit.as_str()))
        .map(|(unit, _)| {
            let shard = Shard { number: Shard::of(&unit, count), count };
            let message = format!("单位“{unit}”有 departments/{unit}/{year}.toml，但不在任何分片清单中（分片运行之后才加入？）");
            refusal(message).hint(format!("重新运行它所属的分片 gen-budget --all {year} --shard {}，再合并", label(shard)))
        })
        .collect();
    if problems.is_empty() { Ok(()) } else { Err(Diagnostics(problems)) }
}

fn label(shard: Shard) -> String {
    format!("{}/{}", shard.number, shard.count)
}

fn names(found: &[&Found]) -> String {
    found.iter().map(|f| f.shard.file_name()).collect::<Vec<_>>().join("、")
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn refusal(message: String) -> Diagnostic {
    Diagnostic::error(Code::U17, message)
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}
