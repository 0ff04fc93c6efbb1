//! Excel out: the nine tables of a budget document as an XLSX workbook, with the PDF's figures.
//!
//! One sheet per table in the document's order, headed as the document heads it; amounts are
//! numbers holding the exact value in the table's unit (元, or 元 ÷ 10000 for 万元), shown
//! with the set's decimals and separators, so a reader of the workbook recovers every 元.

mod classes;
mod files;
mod grid;
mod sides;
mod xlsx;

pub use files::{Exported, Prepared, export_documents, export_unit, prepare, write_all};

use crate::derive::Budget;
use crate::diag::Diagnostic;
use crate::load::Loaded;
use crate::render::{Formats, build_view};

use grid::{Context, Sheet};

/// The workbook of a checked budget: nine sheets, tables 1–9; equal input gives equal bytes.
pub fn workbook(
    loaded: &Loaded,
    budget: &Budget,
    formats: &Formats,
) -> Result<Vec<u8>, Diagnostic> {
    titled_workbook(loaded, budget, formats).map(|(_, bytes)| bytes)
}

/// The workbook with the document's title (view.title, which also names the PDF).
pub(crate) fn titled_workbook(
    loaded: &Loaded,
    budget: &Budget,
    formats: &Formats,
) -> Result<(String, Vec<u8>), Diagnostic> {
    let view = build_view(loaded, budget, formats);
    let cx = Context {
        year: budget.year,
        d: view.d,
        owner: format!("编制{}：{}", view.d, view.unit_full),
        formats,
    };
    let bytes = xlsx::write_workbook(
        &sheets(budget, &cx),
        &view.title,
        &view.unit_full,
        budget.year,
    )?;
    Ok((view.title, bytes))
}

/// The nine tables in the document's order.
fn sheets(b: &Budget, cx: &Context) -> Vec<Sheet> {
    vec![
        sides::finances(b, cx),
        classes::income(b, cx),
        classes::spending(b, cx),
        sides::appropriation(b, cx),
        classes::general(b, cx),
        classes::fund(b, cx),
        classes::state_capital(b, cx),
        classes::economic(b, cx),
        sides::three_public(b, cx),
    ]
}
