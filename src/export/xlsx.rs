//! Writes laid-out tables into an XLSX workbook: formats, merges, print set-up, fixed properties.

use crate::diag::Code;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::grid::{Sheet, Value, excel_format};
use crate::diag::Diagnostic;
use crate::money::{Amount, Scale};

/// A4 in Excel's paper-size numbering.
const PAPER_A4: u8 = 9;

/// CJK text needs a CJK font; 宋体 is what the published Excel tables use.
const FONT: &str = "宋体";

/// Cell formats of one sheet, made once.
struct Styles {
    title: Format,
    owner: Format,
    unit: Format,
    head: Format,
    code: Format,
    text: Format,
    label: Format,
    amount: Format,
    note: Format,
}

impl Styles {
    fn of(sheet: &Sheet) -> Styles {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let cell = base.clone().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        Styles {
            title: base.clone().set_font_size(14).set_bold().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter),
            owner: base.clone().set_align(FormatAlign::Left),
            unit: base.clone().set_align(FormatAlign::Right),
            head: cell.clone().set_bold().set_align(FormatAlign::Center).set_text_wrap(),
            code: cell.clone().set_num_format("@").set_align(FormatAlign::Left),
            text: cell.clone().set_align(FormatAlign::Left).set_text_wrap(),
            label: cell.clone().set_align(FormatAlign::Center),
            amount: cell.set_num_format(excel_format(sheet.number)).set_align(FormatAlign::Right),
            note: base.set_align(FormatAlign::Left).set_text_wrap(),
        }
    }
}

/// The whole workbook as bytes; the same sheets always give the same bytes.
pub(crate) fn write_workbook(sheets: &[Sheet], title: &str, author: &str, year: i32) -> Result<Vec<u8>, Diagnostic> {
    build(sheets, title, author, year)
        .map_err(|e| Diagnostic::error(Code::O1, format!("无法生成 Excel 工作簿：{e}")).hint("请报告此问题；PDF 不受影响"))
}

fn build(sheets: &[Sheet], title: &str, author: &str, year: i32) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed creation date (1 January of the budget year) instead of now, so equal input gives equal bytes.
    let created = ExcelDateTime::from_ymd(u16::try_from(year.clamp(1900, 9999)).unwrap_or(1900), 1, 1)?;
    let properties = DocProperties::new().set_title(title).set_author(author).set_creation_datetime(&created);
    workbook.set_properties(&properties);
    for sheet in sheets {
        write_sheet(workbook.add_worksheet(), sheet)?;
    }
    workbook.save_to_buffer()
}

/// One table: heading lines, header, body, note, print set-up.
fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let styles = Styles::of(sheet);
    let last = sheet.width() - 1;
    ws.set_name(sheet.name)?;
    write_heading(ws, sheet, &styles)?;
    let top = sheet.heading_rows();
    for h in &sheet.head {
        span(ws, top + h.row, h.col, h.rows, h.cols, &h.text, &styles.head)?;
    }
    let first = top + sheet.head_rows;
    for (i, row) in sheet.body.iter().enumerate() {
        write_row(ws, first + i as u32, row, sheet.scale, &styles)?;
    }
    if let Some(note) = &sheet.note {
        let at = first + sheet.body.len() as u32 + 1;
        ws.merge_range(at, 0, at, last, note, &styles.note)?;
    }
    for (c, width) in sheet.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    print_setup(ws, first)
}

/// The title merged across, the set's label at the right of its own row as the PDF sets it,
/// then the owner line on the left and the unit line in the last column.
fn write_heading(ws: &mut Worksheet, sheet: &Sheet, styles: &Styles) -> Result<(), XlsxError> {
    let last = sheet.width() - 1;
    let heading = &sheet.heading;
    ws.merge_range(0, 0, 0, last, &heading.title, &styles.title)?;
    ws.set_row_height(0, 28)?;
    if let Some(label) = &heading.label {
        ws.write_string_with_format(1, last, label, &styles.unit)?;
    }
    let row = sheet.heading_rows() - 1;
    span(ws, row, 0, 1, last, &heading.owner, &styles.owner)?;
    ws.write_string_with_format(row, last, &heading.unit, &styles.unit)?;
    Ok(())
}

/// A4 landscape, one page wide, the heading and header rows on every page.
fn print_setup(ws: &mut Worksheet, body_row: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4).set_landscape().set_print_fit_to_pages(1, 0).set_print_center_horizontally(true);
    ws.set_repeat_rows(0, body_row - 1)?;
    ws.set_freeze_panes(body_row, 0)?;
    Ok(())
}

/// Writes text over `cols` columns (from `col`) and `rows` rows, merged when more than one cell.
fn span(ws: &mut Worksheet, row: u32, col: u16, rows: u32, cols: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    if rows == 1 && cols == 1 {
        ws.write_string_with_format(row, col, text, format)?;
    } else {
        ws.merge_range(row, col, row + rows - 1, col + cols - 1, text, format)?;
    }
    Ok(())
}

/// One body row; a merged leading label (合计) covers the cells after it.
fn write_row(ws: &mut Worksheet, r: u32, row: &super::grid::BodyRow, scale: Scale, styles: &Styles) -> Result<(), XlsxError> {
    for (c, value) in row.cells.iter().enumerate() {
        let c = c as u16;
        if row.merge > 1 && c < row.merge {
            if c == 0 {
                let Value::Text(text) = value else { continue };
                ws.merge_range(r, 0, r, row.merge - 1, text, &styles.label)?;
            }
            continue;
        }
        match value {
            Value::Text(text) => ws.write_string_with_format(r, c, text, &styles.text)?,
            Value::Code(code) => ws.write_string_with_format(r, c, code, &styles.code)?,
            Value::Amount(a) => ws.write_with_format(r, c, stored(*a, scale), &styles.amount)?,
            Value::Blank => ws.write_blank(r, c, &styles.amount)?,
        };
    }
    Ok(())
}

/// The exact amount in the sheet's unit, unrounded: 6835 元 is 0.6835 万元; only the display rounds.
pub(crate) fn stored(a: Amount, scale: Scale) -> Decimal {
    match scale {
        Scale::Yuan => a.yuan(),
        Scale::Wan => a.yuan() / Decimal::from(10_000),
    }
}
