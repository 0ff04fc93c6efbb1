//! Excel out: the nine tables of a budget document as an XLSX workbook, with the PDF's figures.
//!
//! One sheet per table in the document's order, headed as the document heads it; amounts are
//! numbers holding the exact value in the table's unit (元, or 元 ÷ 10000 for 万元), shown
//! with the set's decimals and separators, so a reader of the workbook recovers every 元.

mod classes;
mod files;
mod grid;
mod printed;
mod sides;
mod xlsx;

pub use files::{Exported, Prepared, export_documents, export_unit, prepare, write_all};

use crate::derive::Budget;
use crate::diag::Diagnostic;
use crate::load::Loaded;
use crate::money::Scale;
use crate::render::templates::DEFAULT_STYLE;
use crate::render::{Templates, build_view};

use grid::{Context, Heading, Sheet};

/// The workbook of a checked budget: nine sheets, tables 1–9; equal input gives equal bytes.
pub fn workbook(loaded: &Loaded, budget: &Budget, templates: &Templates) -> Result<Vec<u8>, Diagnostic> {
    titled_workbook(loaded, budget, templates).map(|(_, bytes)| bytes)
}

/// The workbook with the document's title (view.title, which also names the PDF); the sheets
/// are headed as the Typst source of the PDF heads its tables.
pub(crate) fn titled_workbook(loaded: &Loaded, budget: &Budget, templates: &Templates) -> Result<(String, Vec<u8>), Diagnostic> {
    let style = style_of(loaded);
    let formats = templates.formats(style);
    let view = build_view(loaded, budget, &formats);
    let source = templates.render_budget(&view, style)?;
    let cx = Context { year: budget.year, d: view.d, owner: format!("编制{}：{}", view.d, view.unit_full), formats: &formats };
    let sheets: Vec<Sheet> =
        sheets(budget, &cx).into_iter().zip(printed::headings(&source)).map(|(sheet, printed)| headed(sheet, printed)).collect();
    let bytes = xlsx::write_workbook(&sheets, &view.title, &view.unit_full, budget.year)?;
    Ok((view.title, bytes))
}

/// The unit's template set; an unknown one was refused by the check (D11), the base stands in.
fn style_of(loaded: &Loaded) -> &str {
    loaded.data.unit.style.as_ref().map_or(DEFAULT_STYLE, |s| s.get_ref().as_str())
}

/// The sheet under the set's printed heading when there is one; a printed unit line that does
/// not name the unit the amounts are stored in is not taken, so the line never misstates them.
fn headed(mut sheet: Sheet, printed: Option<Heading>) -> Sheet {
    if let Some(printed) = printed {
        let unit = if names_unit(&printed.unit, sheet.scale) { printed.unit.clone() } else { sheet.heading.unit.clone() };
        sheet.heading = Heading { unit, ..printed };
    }
    sheet
}

/// Whether a unit line (`单位：万元`) ends with the scale's unit.
fn names_unit(line: &str, scale: Scale) -> bool {
    let line = line.trim_end();
    match scale {
        Scale::Yuan => line.ends_with('元') && !line.ends_with("万元"),
        Scale::Wan => line.ends_with("万元"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_unit_line_is_taken_only_when_it_names_the_stored_unit() {
        assert!(names_unit("单位：万元", Scale::Wan));
        assert!(names_unit("单位：元 ", Scale::Yuan));
        assert!(!names_unit("单位：元", Scale::Wan));
        assert!(!names_unit("单位：万元", Scale::Yuan));
    }
}
