//! The preview's 与上一版比较 view: the data as it is now against the version saved before the
//! latest save, and against the last committed version when the project is kept in git.

use std::path::Path;

use crate::diff::{Edition, compare};
use crate::html::escape as html;
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

/// The 与上一版比较 panel: both comparisons as HTML, each with its heading.
pub(crate) fn compare_html(project: &Project, unit: &str, year: &str, baseline: &Baseline) -> String {
    let path = project.departments().join(unit).join(format!("{year}.toml"));
    let Ok(templates) = Templates::load(&project.templates()) else { return "<p>模板有错误，无法比较。</p>".into() };
    let now = match Edition::from_file(project, &templates, unit, year, &path) {
        Ok(e) => e,
        Err(d) => return format!("<p>当前数据无法比较：{}</p>", html(&d.first_message())),
    };
    let saved = match &baseline.previous {
        Some(text) => against(Edition::from_text(project, &templates, unit, year, &path, text), &now),
        None => "<p>预览开始后数据还没有改动过。</p>".to_string(),
    };
    let committed = against(Edition::from_git(project, &templates, unit, year, "HEAD"), &now);
    format!("<h2>与上次保存的版本比较</h2>\n{saved}\n<h2>与最近一次提交（git HEAD）比较</h2>\n{committed}")
}

/// One comparison, or why it cannot be made.
fn against(old: Result<Edition, crate::diag::Diagnostics>, now: &Edition) -> String {
    match old {
        Ok(old) => {
            let changes = compare(&old, now);
            if changes.is_empty() { format!("<p>{}</p>", html(&changes.summary())) } else { changes.to_html() }
        }
        Err(d) => format!("<p>无法比较：{}</p>", html(&d.first_message())),
    }
}

/// The data file's text now, if it reads.
pub(crate) fn read_data(project: &Project, unit: &str, year: &str) -> Option<String> {
    std::fs::read_to_string(project.departments().join(unit).join(Path::new(&format!("{year}.toml")))).ok()
}
