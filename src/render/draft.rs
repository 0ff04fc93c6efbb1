//! Draft view: every finding marked where it belongs and listed on a last page.

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Place, Severity};

/// Marks shown at the start of each section of a draft; empty in a release.
#[derive(Debug, Serialize)]
pub struct Marks {
    /// Marks for the cover, and for findings that belong nowhere else: `[1] 警告[H1]：…`.
    pub cover: Vec<String>,
    /// Marks for chapter 一 (主要职能).
    pub functions: Vec<String>,
    /// Marks for the 名词解释.
    pub glossary: Vec<String>,
    /// Marks for the 预算编制说明.
    pub narrative: Vec<String>,
    /// Index 0 is table 1.
    pub tables: Vec<Vec<String>>,
    /// Marks for 六.一, the “三公” figures.
    pub three_public: Vec<String>,
    /// Marks for 六.三, 政府采购.
    pub procurement: Vec<String>,
    /// Marks for 六.四, 绩效目标.
    pub performance: Vec<String>,
    /// Marks for 六.五, 国有资产.
    pub assets: Vec<String>,
}

impl Default for Marks {
    fn default() -> Self {
        let none = Vec::new;
        Marks {
            cover: none(),
            functions: none(),
            glossary: none(),
            narrative: none(),
            tables: vec![Vec::new(); 9],
            three_public: none(),
            procurement: none(),
            performance: none(),
            assets: none(),
        }
    }
}

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
