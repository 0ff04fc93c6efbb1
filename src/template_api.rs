//! The template API reference (`docs/template-api.md`): every variable a template can use,
//! generated from the view-model types that build.rs tabulates, so it cannot drift from them,
//! with examples taken from the views of the shipped units.

mod examples;
mod header;
mod markdown;
pub mod schema;

use std::path::Path;

use crate::diag::Diagnostics;

pub use examples::SAMPLE_UNITS;
pub use schema::{FieldRow, Schema, Shape, Step, TypeRow, path_text};

/// A document kind as templates see it: its main templates and the type of its context variable.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Short name for anchors and tests: `budget`, `evaluation`, `booklet`.
    pub id: &'static str,
    pub title: &'static str,
    /// The main template (relative to `templates/`) rendered with this context.
    pub main: &'static str,
    /// The templates that render with this context, for the reader.
    pub templates: &'static str,
    /// The name of the context variable (see `Templates::render`).
    pub variable: &'static str,
    /// The root view type, as `module::Name`.
    pub root: &'static str,
}

/// The three document kinds, in the order the reference prints them (see `Templates::render_*`).
pub const CONTEXTS: [Context; 3] = [
    Context {
        id: "budget",
        title: "预算公开文本 (budget document)",
        main: "budget.typ",
        templates: "`budget.typ` and `budget/*.typ`, and a set's own copies under `styles/<set>/`",
        variable: "doc",
        root: "render::view::DocView",
    },
    Context {
        id: "evaluation",
        title: "财政项目支出绩效自评表 (自评 document)",
        main: "evaluation.typ",
        templates: "`evaluation.typ` (it includes `budget/marks.typ` and `budget/findings.typ`)",
        variable: "doc",
        root: "evaluation::view::EvaluationView",
    },
    Context {
        id: "booklet",
        title: "项目绩效目标申报表 (booklet)",
        main: "booklet.typ",
        templates: "`booklet.typ` (it includes `budget/marks.typ` and `budget/findings.typ`)",
        variable: "doc",
        root: "booklet::BookletView",
    },
];

/// The root types of every context, for checks over the whole reference.
pub fn roots() -> Vec<&'static str> {
    CONTEXTS.iter().map(|c| c.root).collect()
}

/// The Markdown reference for the project at `root` (examples from its shipped units); what
/// `gen-budget style api` prints and `docs/template-api.md` holds.
pub fn api_reference(root: &Path) -> Result<String, Diagnostics> {
    let samples = examples::load(root)?;
    let by_kind = [&samples.budget, &samples.evaluation, &samples.booklet];
    let parts: Vec<(&Context, &[serde_json::Value])> = CONTEXTS.iter().zip(by_kind).map(|(c, s)| (c, s.as_slice())).collect();
    Ok(markdown::reference(&Schema::generated(), header::HEADER, &parts))
}

/// The reference with no examples (every example `—`): the generator on data-less input.
pub fn api_reference_without_examples() -> String {
    let parts: Vec<(&Context, &[serde_json::Value])> = CONTEXTS.iter().map(|c| (c, &[][..])).collect();
    markdown::reference(&Schema::generated(), header::HEADER, &parts)
}
