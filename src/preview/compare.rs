//! The preview's 与上一版比较 view: the data as it is now against the version saved before the
//! latest save, and against the last committed version when the project is kept in git.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use crate::diff::{Edition, compare};
use crate::load::Project;
use crate::render::Templates;

/// The editions the preview compares with, kept across rebuilds.
#[derive(Default)]
pub(crate) struct Baseline {
    /// The data file's text at the last rebuild.
    current: Option<String>,
    /// Its text before the latest save that changed it.
    previous: Option<String>,
}

impl Baseline {
    /// Remembers the data file's text; a changed text moves the last one to `previous`.
    pub(crate) fn saw(&mut self, text: Option<String>) {
        if text != self.current {
            self.previous = self.current.take();
            self.current = text;
        }
    }
}

/// One comparison as the panel shows it: the changes' HTML, or a note saying why there is none.
#[derive(Serialize)]
struct Section {
    heading: &'static str,
    /// The diff fragment (`Changes::to_html`, autoescaped when rendered); empty when `note` says why.
    changes: String,
    note: String,
}

/// The 与上一版比较 panel (assets/compare.html): both comparisons, each with its heading.
pub(crate) fn compare_html(project: &Project, unit: &str, year: &str, baseline: &Baseline) -> String {
    let path = project.departments().join(unit).join(format!("{year}.toml"));
    let Ok(templates) = Templates::load(&project.templates()) else { return panel(Err("模板有错误，无法比较。".into())) };
    let now = match Edition::from_file(project, &templates, unit, year, &path) {
        Ok(e) => e,
        Err(d) => return panel(Err(format!("当前数据无法比较：{}", d.first_message()))),
    };
    let saved = match &baseline.previous {
        Some(text) => against(Edition::from_text(project, &templates, unit, year, &path, text), &now),
        None => (String::new(), "预览开始后数据还没有改动过。".to_string()),
    };
    let committed = against(Edition::from_git(project, &templates, unit, year, "HEAD"), &now);
    panel(Ok(vec![section("与上次保存的版本比较", saved), section("与最近一次提交（git HEAD）比较", committed)]))
}

fn section(heading: &'static str, (changes, note): (String, String)) -> Section {
    Section { heading, changes, note }
}

/// The panel from its sections, or the note saying why nothing could be compared.
fn panel(sections: Result<Vec<Section>, String>) -> String {
    let mut context = Context::new();
    match sections {
        Ok(sections) => context.insert("sections", &sections),
        Err(failure) => context.insert("failure", &failure),
    }
    super::page::render("compare.html", &context)
}

/// One comparison: the changes' HTML, or a note (the summary when nothing changed, or why not).
fn against(old: Result<Edition, crate::diag::Diagnostics>, now: &Edition) -> (String, String) {
    match old {
        Ok(old) => {
            let changes = compare(&old, now);
            if changes.is_empty() { (String::new(), changes.summary()) } else { (changes.to_html(), String::new()) }
        }
        Err(d) => (String::new(), format!("无法比较：{}", d.first_message())),
    }
}

/// The data file's text now, if it reads.
pub(crate) fn read_data(project: &Project, unit: &str, year: &str) -> Option<String> {
    std::fs::read_to_string(project.departments().join(unit).join(Path::new(&format!("{year}.toml")))).ok()
}

#[cfg(test)]
mod tests {
    use super::{Section, panel};

    #[test]
    fn notes_are_escaped_and_the_changes_fragment_is_not() {
        let note = |heading, note: &str| Section { heading, changes: String::new(), note: note.into() };
        let changes = Section { heading: "甲", changes: "<ul><li>改动</li></ul>".into(), note: String::new() };
        let html = panel(Ok(vec![changes, note("乙", "无法比较：<script>alert(1) & 其他")]));
        assert!(html.contains("<h2>甲</h2>\n<ul><li>改动</li></ul>"), "{html}");
        assert!(html.contains("<p>无法比较：&lt;script&gt;alert(1) &amp; 其他</p>"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        let failed = panel(Err("当前数据无法比较：a < b & c".into()));
        assert_eq!(failed.trim(), "<p>当前数据无法比较：a &lt; b &amp; c</p>");
    }
}
