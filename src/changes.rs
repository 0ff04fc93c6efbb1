//! `out/<年>/changes.html` of a batch with `--diff-against <修订>`: every unit-year's budget data
//! compared with the same file at that git revision, so the reviewer sees at once which units
//! changed since the version approved, and what.

use crate::diag::Code;
use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::diff::{Changes, Edition, compare};
use crate::html::escape as html;
use crate::load::Project;
use crate::output::write_files;
use crate::render::Templates;

/// What became of one unit-year against the revision.
pub enum UnitChange {
    /// Both editions compare equal.
    Unchanged,
    /// What changed.
    Changed(Box<Changes>),
    /// The revision has no such file (or not one that loads): shown with the reason.
    NotComparable(String),
}

/// Compares every target with its edition at `rev` (in parallel, in the targets' order); only
/// unit-years with a budget file take part.
pub fn collect(project: &Project, templates: &Templates, rev: &str, targets: &[(String, String)]) -> Vec<(String, String, UnitChange)> {
    targets
        .par_iter()
        .filter(|(unit, year)| project.departments().join(unit).join(format!("{year}.toml")).is_file())
        .map(|(unit, year)| (unit.clone(), year.clone(), unit_change(project, templates, rev, unit, year)))
        .collect()
}

/// One unit-year against its edition at `rev`.
fn unit_change(project: &Project, templates: &Templates, rev: &str, unit: &str, year: &str) -> UnitChange {
    let path = project.departments().join(unit).join(format!("{year}.toml"));
    let new = match Edition::from_file(project, templates, unit, year, &path) {
        Ok(e) => e,
        Err(d) => return UnitChange::NotComparable(format!("本版本无法比较：{}", d.first_message())),
    };
    let old = match Edition::from_git(project, templates, unit, year, rev) {
        Ok(e) => e,
        Err(d) => return UnitChange::NotComparable(d.first_message()),
    };
    let changes = compare(&old, &new);
    if changes.is_empty() { UnitChange::Unchanged } else { UnitChange::Changed(Box::new(changes)) }
}

/// Writes one changes page per year of the targets; returns what could not be written.
pub fn write_pages(project: &Project, templates: &Templates, rev: &str, targets: &[(String, String)]) -> Diagnostics {
    let mut by_year: BTreeMap<String, Vec<(String, UnitChange)>> = BTreeMap::new();
    for (unit, year, change) in collect(project, templates, rev, targets) {
        by_year.entry(year).or_default().push((unit, change));
    }
    let mut problems = Diagnostics::default();
    for (year, units) in by_year {
        let file: (PathBuf, Vec<u8>) = (project.out().join(&year).join("changes.html"), page_html(&year, rev, &units).into_bytes());
        if let Err(d) = write_files(&project.out(), &[file]) {
            problems.push(d);
        }
    }
    problems
}

/// The page: a summary table (changed first), then each changed unit's details.
pub fn page_html(year: &str, rev: &str, units: &[(String, UnitChange)]) -> String {
    let changed = units.iter().filter(|(_, c)| matches!(c, UnitChange::Changed(_))).count();
    let mut rows = String::new();
    let mut details = String::new();
    for (unit, change) in units {
        let (class, said) = match change {
            UnitChange::Unchanged => ("same", "无变化".to_string()),
            UnitChange::Changed(c) => ("changed", format!("<a href=\"#{}\">{}</a>", html(unit), html(&c.summary()))),
            UnitChange::NotComparable(why) => ("none", html(why)),
        };
        rows.push_str(&format!("<tr class=\"{class}\"><td>{}</td><td>{said}</td></tr>\n", html(unit)));
        if let UnitChange::Changed(c) = change {
            details.push_str(&format!("<section id=\"{0}\"><h2>{0}</h2>\n{1}\n</section>\n", html(unit), c.to_html()));
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{year}年各单位变化（对比 {rev}）</title>\n<style>{STYLE}</style></head>\n<body><h1>{year}年各单位变化</h1>\n<p>与修订 <code>{rev}</code> 中的数据相比：共 {} 个单位，{changed} 个有变化。<a href=\"index.html\">返回文件列表</a></p>\n<table><tr><th>单位</th><th>变化</th></tr>\n{rows}</table>\n{details}</body></html>\n",
        units.len(),
        year = html(year),
        rev = html(rev),
    )
}

const STYLE: &str = "@font-face{font-family:\"GenBudget Sans\";src:url(\"../fonts/sans.otf\") format(\"opentype\")}body{font-family:\"GenBudget Sans\",\"Noto Sans SC\",sans-serif;margin:2em;line-height:1.5}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}tr.changed{background:#fff8e1}tr.none{color:#666}ins{background:#e6ffec;text-decoration:none}del{background:#ffebe9}section{margin-top:2em}";

/// Checks the revision once, before any unit is compared, so a typo is one clear message.
pub fn check_revision(project: &Project, rev: &str) -> Result<(), Diagnostic> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(&project.root)
        .args(["rev-parse", "--verify", "--quiet"])
        .arg(format!("{rev}^{{commit}}"))
        .output();
    match out {
        Ok(o) if o.status.success() => Ok(()),
        Ok(_) => {
            Err(Diagnostic::error(Code::U15, format!("git 中没有修订“{rev}”"))
                .hint("用 git log 查看可用的修订，例如 HEAD、HEAD~1 或标签名"))
        }
        Err(e) => {
            Err(Diagnostic::error(Code::U15, format!("无法运行 git：{}", crate::diag::io_reason(&e)))
                .hint("安装 git，或不用 --diff-against"))
        }
    }
}
