//! The findings page of a draft, the same for every document kind, and the text of each mark.

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Place, Severity};

/// One line of the findings page.
#[derive(Debug, Serialize)]
pub struct Finding {
    /// The finding's number, as in its mark: `1`.
    pub number: usize,
    /// `错误` or `警告`.
    pub severity: &'static str,
    /// The check's code: `N8`.
    pub code: &'static str,
    /// What is wrong, in Chinese.
    pub message: String,
    /// Where: `departments/普陀城运/2024.toml:12:5`, the file alone, or empty.
    pub location: String,
    /// How to fix it; may be empty.
    pub hint: String,
}

/// Everything a draft adds to the document.
#[derive(Debug, Serialize)]
pub struct DraftView {
    /// Every finding, in the order of their numbers.
    pub findings: Vec<Finding>,
    /// How many findings are errors, a number.
    pub errors: usize,
    /// How many findings are warnings, a number.
    pub warnings: usize,
}

/// The text of a mark: number on the findings page, severity, code and message.
pub(crate) fn mark_text(number: usize, d: &Diagnostic) -> String {
    let severity = if d.severity == Severity::Error { "错误" } else { "警告" };
    format!("[{number}] {severity}[{}]：{}", d.code, d.message)
}

/// The findings page of any document.
pub fn findings(diags: &Diagnostics) -> DraftView {
    let findings: Vec<Finding> = diags.iter().enumerate().map(|(i, d)| to_finding(i + 1, d)).collect();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    DraftView { warnings: findings.len() - errors, errors, findings }
}

/// Marks for documents made of project forms: one list per project; the rest go to the first.
pub fn project_marks(diags: &Diagnostics, projects: usize) -> Vec<Vec<String>> {
    let mut marks = vec![Vec::new(); projects.max(1)];
    for (i, d) in diags.iter().enumerate() {
        let at = match d.place {
            Some(Place::Project(p)) if p < projects => p,
            _ => 0,
        };
        marks[at].push(mark_text(i + 1, d));
    }
    marks
}

fn to_finding(number: usize, d: &Diagnostic) -> Finding {
    let location = match (&d.file, d.line_col) {
        (Some(path), Some((line, col))) => format!("{}:{line}:{col}", path.display()),
        (Some(path), None) => path.display().to_string(),
        _ => String::new(),
    };
    Finding {
        number,
        severity: if d.severity == Severity::Error { "错误" } else { "警告" },
        code: d.code.as_str(),
        message: d.message.clone(),
        location,
        hint: d.hint.clone().unwrap_or_default(),
    }
}
