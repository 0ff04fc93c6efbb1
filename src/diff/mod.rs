//! Edition diff: what changes in the printed document between two editions of a unit-year's data —
//! table cells, sentences of the narrative, and projects with their forms and indicators.
//!
//! Both editions are loaded and derived as a build does and rendered to Typst source (never to
//! PDF), so a diff is cheap enough for a page that refreshes on every save.

mod align;
mod cells;
mod edition;
mod figures;
pub(crate) mod html;
mod json;
mod projects;
mod prose;
mod text;

use serde::Serialize;

use crate::money::Amount;

pub use edition::Edition;

/// Everything that differs between two editions, in document order within each section.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// The older edition's name (a path, or `HEAD:departments/…`).
    pub old: String,
    /// The newer edition's name.
    pub new: String,
    pub figures: Vec<FigureChange>,
    pub sentences: Vec<SentenceChange>,
    pub projects: Vec<ProjectChange>,
}

/// A cell that prints differently, or a row only one edition has.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FigureChange {
    Changed {
        table: String,
        row: String,
        column: String,
        old: String,
        new: String,
        old_amount: Amount,
        new_amount: Amount,
        /// The difference in the table's unit and format, signed: `+417,490.00`.
        delta: String,
        /// The relative change, signed, two decimals: `+0.36%`; absent when the old amount is zero.
        percent: Option<String>,
    },
    Added {
        table: String,
        row: String,
        cells: Vec<CellText>,
    },
    Removed {
        table: String,
        row: String,
        cells: Vec<CellText>,
    },
}

/// A printed cell of an added or removed row.
#[derive(Debug, Clone, Serialize)]
pub struct CellText {
    pub column: String,
    pub text: String,
}

/// A sentence of the narrative that only one edition prints, or that both print differently.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SentenceChange {
    Added { text: String },
    Removed { text: String },
    Changed { old: String, new: String, pieces: Vec<Piece> },
}

/// A run of a changed text: kept, taken out or put in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub op: PieceOp,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PieceOp {
    Same,
    Removed,
    Added,
}

/// A project only one edition describes, or one whose printed fields differ.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProjectChange {
    Added { name: String },
    Removed { name: String },
    Changed { name: String, fields: Vec<FieldChange> },
}

/// One printed field of a project, its form or an indicator (`申报表·当年财政拨款`, `指标“…”·指标值`).
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Compares two editions: `old` is the one compared against, `new` the current data.
pub fn compare(old: &Edition, new: &Edition) -> Changes {
    Changes {
        old: old.name.clone(),
        new: new.name.clone(),
        figures: cells::compare_tables(&old.tables, &new.tables),
        sentences: align::compare_sentences(&old.sentences, &new.sentences),
        projects: projects::compare_projects(&old.projects, &new.projects),
    }
}

impl Changes {
    /// Whether the two editions print the same document.
    pub fn is_empty(&self) -> bool {
        self.figures.is_empty() && self.sentences.is_empty() && self.projects.is_empty()
    }

    /// The one summary line: `共 N 处数字、M 句、K 个项目有变化`, or `两个版本没有差别`.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "两个版本没有差别".to_string();
        }
        format!("共 {} 处数字、{} 句、{} 个项目有变化", self.figures.len(), self.sentences.len(), self.projects.len())
    }

    /// Plain text for a terminal or a file; `color` marks changes in ANSI red and green.
    pub fn to_text(&self, color: bool) -> String {
        text::to_text(self, color)
    }

    /// Stable JSON of the same content: sorted keys, no timestamps; equal input gives equal bytes.
    pub fn to_json(&self) -> String {
        json::to_json(self)
    }

    /// An HTML fragment (every text escaped), `<ins>`/`<del>` around changed characters.
    pub fn to_html(&self) -> String {
        html::to_html(self)
    }
}
