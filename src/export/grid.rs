//! A table as the workbook lays it out: heading lines, merged header cells, body rows.
//!
//! The tables are described here without any spreadsheet library, so what goes into each
//! cell (and which zeros stay blank) is decided in one place, the same way as in the PDF.

use crate::money::{Amount, NumberFormat, Scale, ZeroStyle};
use crate::style::Formats;

/// What one body cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// A label or name, left aligned.
    Text(String),
    /// A classification code, kept as text so `05` keeps its leading zero.
    Code(String),
    /// An amount in 元; the writer stores it in the sheet's unit.
    Amount(Amount),
    /// An empty cell, where the PDF prints nothing.
    Blank,
}

/// A header cell spanning `rows` × `cols` from (`row`, `col`), rows counted from the first header row.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    pub row: u32,
    pub col: u16,
    pub rows: u32,
    pub cols: u16,
    pub text: String,
}

impl Head {
    /// A header cell over `cols` columns and `rows` rows.
    pub(crate) fn span(row: u32, col: u16, rows: u32, cols: u16, text: impl Into<String>) -> Head {
        Head { row, col, rows, cols, text: text.into() }
    }
}

/// One body row; `merge` > 1 joins that many leading cells (the 合计 label over the code columns).
#[derive(Debug, Clone)]
pub(crate) struct BodyRow {
    pub cells: Vec<Value>,
    pub merge: u16,
}

impl BodyRow {
    pub(crate) fn plain(cells: Vec<Value>) -> BodyRow {
        BodyRow { cells, merge: 1 }
    }
}

/// The lines above a table's header, as its template set prints them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// Row 1: the table title.
    pub title: String,
    /// The set's table label (`部门预算08表`), on its own row at the right, when the set prints one.
    pub label: Option<String>,
    /// Left of the next row: `编制部门：…`, `编报单位：…`.
    pub owner: String,
    /// Right of that row, in the last column: `单位：元`, `单位：万元`.
    pub unit: String,
}

/// One worksheet: a table of the document with its heading, header and rows.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    /// Sheet tab name, short and unique (the importer classifies sheets by its words).
    pub name: &'static str,
    pub heading: Heading,
    /// The unit the amounts are stored and shown in.
    pub scale: Scale,
    /// Display format of the amounts (decimals, separators, how a shown zero looks).
    pub number: NumberFormat,
    /// Column widths in Excel character units; their count is the table's width.
    pub widths: Vec<f64>,
    pub head: Vec<Head>,
    pub head_rows: u32,
    pub body: Vec<BodyRow>,
    /// The 空表 note printed under an empty table.
    pub note: Option<String>,
}

impl Sheet {
    /// Number of columns.
    pub(crate) fn width(&self) -> u16 {
        self.widths.len() as u16
    }

    /// Rows above the header: title, the label when there is one, owner and unit.
    pub(crate) fn heading_rows(&self) -> u32 {
        if self.heading.label.is_some() { 3 } else { 2 }
    }
}

/// What every table of one document shares: year, wording, owner line and number formats.
pub(crate) struct Context<'a> {
    pub year: i32,
    /// 部门 or 单位.
    pub d: &'static str,
    /// `编制部门：上海市…（…）`.
    pub owner: String,
    pub formats: &'a Formats,
}

impl Context<'_> {
    /// The built-in (base 区级) heading, kept where the set's own cannot be read.
    pub(crate) fn heading(&self, title: String, scale: Scale) -> Heading {
        Heading { title, label: None, owner: self.owner.clone(), unit: format!("单位：{}", scale.label()) }
    }
}

/// Decides per cell whether an amount prints, exactly as the PDF tables do: a column that is
/// zero throughout stays blank, so do zeros of the set's blank-zero columns and of a blank zero style.
pub(crate) fn shown(grid: &[Vec<Amount>], formats: &Formats, table: &str, number: NumberFormat) -> Vec<Vec<Value>> {
    let width = grid.first().map_or(0, Vec::len);
    let unused: Vec<bool> = (0..width).map(|c| grid.iter().all(|row| row[c].is_zero())).collect();
    let blank = |c: usize, a: Amount| unused[c] || (a.is_zero() && (formats.blanks_zero(table, c) || number.zero == ZeroStyle::Blank));
    grid.iter()
        .map(|row| row.iter().enumerate().map(|(c, a)| if blank(c, *a) { Value::Blank } else { Value::Amount(*a) }).collect())
        .collect()
}

/// A single amount that stays blank when zero (the income side of tables 1 and 4, table 9).
pub(crate) fn blank_zero(a: Amount) -> Value {
    if a.is_zero() { Value::Blank } else { Value::Amount(a) }
}

/// The Excel number format that displays an amount as the set prints it: `#,##0.00`, `0.00`, `#,##0` …
pub(crate) fn excel_format(number: NumberFormat) -> String {
    let mut base = String::from(if number.separators { "#,##0" } else { "0" });
    if number.decimals > 0 {
        base.push('.');
        base.push_str(&"0".repeat(number.decimals as usize));
    }
    // A bare zero (`0` beside `1,234.00`) needs the third section of the format.
    if number.zero == ZeroStyle::Bare && number.decimals > 0 { format!("{base};-{base};0") } else { base }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_set() {
        assert_eq!(excel_format(NumberFormat::YUAN_TABLE), "#,##0.00");
        assert_eq!(excel_format(NumberFormat { separators: false, ..NumberFormat::YUAN_TABLE }), "0.00");
        assert_eq!(excel_format(NumberFormat { decimals: 0, ..NumberFormat::YUAN_TABLE }), "#,##0");
        assert_eq!(excel_format(NumberFormat { zero: ZeroStyle::Bare, ..NumberFormat::YUAN_TABLE }), "#,##0.00;-#,##0.00;0");
    }

    #[test]
    fn zeros_are_blank_where_the_pdf_leaves_them_blank() {
        let a = |v: i64| Amount::from(v);
        let grid = vec![vec![a(5), a(0), a(0)], vec![a(5), a(0), a(3)]];
        let mut formats = Formats::default();
        let cells = shown(&grid, &formats, "t3", formats.table);
        assert_eq!(cells[0], vec![Value::Amount(a(5)), Value::Blank, Value::Amount(a(0))], "an unused column is blank, a used one shows 0");
        formats.blank_zero.insert("t3".into(), vec![3]);
        assert_eq!(shown(&grid, &formats, "t3", formats.table)[0][2], Value::Blank, "a blank-zero column of the set");
        let blank = NumberFormat { zero: ZeroStyle::Blank, ..formats.table };
        assert_eq!(shown(&grid, &Formats::default(), "t3", blank)[0][2], Value::Blank, "zero style \"\"");
    }
}
