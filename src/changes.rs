//! `out/<年>/changes.html` of a batch with `--diff-against <修订>`: every unit-year's budget data
//! compared with the same file at that git revision, so the reviewer sees at once which units
//! changed since the version approved, and what.

use crate::diag::Code;
use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::diff::{Changes, Edition, compare};
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
    let rows: Vec<Row> = units.iter().map(|(unit, change)| row(unit, change)).collect();
    let details = units
        .iter()
        .filter_map(|(unit, change)| match change {
            UnitChange::Changed(c) => Some(Detail { unit, html: c.to_html() }),
            _ => None,
        })
        .collect();
    let changed = rows.iter().filter(|r| r.class == "changed").count();
    crate::html::render("changes.html", "page", &PageView { year, rev, changed, rows, details })
}

/// What `assets/html/changes.html` shows.
#[derive(Serialize)]
struct PageView<'a> {
    year: &'a str,
    rev: &'a str,
    changed: usize,
    rows: Vec<Row<'a>>,
    details: Vec<Detail<'a>>,
}

/// A unit's line of the summary table: its class and what it says.
#[derive(Serialize)]
struct Row<'a> {
    unit: &'a str,
    class: &'static str,
    said: String,
}

/// A changed unit's details: the diff fragment, already rendered (and escaped) by Tera.
#[derive(Serialize)]
struct Detail<'a> {
    unit: &'a str,
    html: String,
}

fn row<'a>(unit: &'a str, change: &UnitChange) -> Row<'a> {
    let (class, said) = match change {
        UnitChange::Unchanged => ("same", "无变化".to_string()),
        UnitChange::Changed(c) => ("changed", c.summary()),
        UnitChange::NotComparable(why) => ("none", why.clone()),
    };
    Row { unit, class, said }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_revision_and_reasons_are_escaped_by_tera() {
        let units = vec![
            ("<script>甲&".to_string(), UnitChange::Unchanged),
            ("乙".to_string(), UnitChange::NotComparable("修订中没有 <x> & 文件".into())),
            ("丙&".to_string(), UnitChange::Changed(Box::new(crate::diff::html::sample()))),
        ];
        let page = page_html("2024", "HEAD~1 <&>", &units);
        assert!(!page.contains("<script>") && !page.contains("<x>"), "{page}");
        assert!(page.contains("<title>2024年各单位变化（对比 HEAD~1 &lt;&amp;&gt;）</title>"));
        assert!(page.contains("<tr class=\"same\"><td>&lt;script&gt;甲&amp;</td><td>无变化</td></tr>\n"));
        assert!(page.contains("<tr class=\"none\"><td>乙</td><td>修订中没有 &lt;x&gt; &amp; 文件</td></tr>\n"));
        assert!(page.contains("共 3 个单位，1 个有变化。"));
        assert!(page.contains("<a href=\"#丙&amp;\">共 3 处数字、3 句、3 个项目有变化</a>"));
        assert!(page.contains("<section id=\"丙&amp;\"><h2>丙&amp;</h2>\n<section class=\"diff\">\n"), "{page}");
        assert!(page.ends_with("</section>\n\n</section>\n</body></html>\n"));
    }
}
