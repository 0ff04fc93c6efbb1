//! A worksheet read into plain cells: numbers as exact decimals, formulas flagged, text kept raw.

use crate::diag::Code;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use calamine::{Data, Reader};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::diag::Diagnostic;

/// One cell's content as the importer needs it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Empty,
    Text(String),
    /// A number as stored, cleaned of binary noise (`0.1+0.2` reads as 0.3).
    Number(Decimal),
    /// An error value, a boolean or a date: never a budget figure.
    Other(String),
}

/// One worksheet: cells by absolute (row, column), 0-based, and which of them hold formulas.
#[derive(Debug, Clone)]
pub(crate) struct Grid {
    pub(crate) name: String,
    cells: BTreeMap<(u32, u32), Value>,
    formulas: BTreeSet<(u32, u32)>,
    pub(crate) rows: u32,
    pub(crate) cols: u32,
}

impl Grid {
    /// The cell at (row, column); empty outside the used range.
    pub(crate) fn get(&self, row: u32, col: u32) -> &Value {
        self.cells.get(&(row, col)).unwrap_or(&Value::Empty)
    }

    /// The cell's text, normalised for matching labels (spaces dropped, brackets and colons half-width).
    pub(crate) fn label(&self, row: u32, col: u32) -> String {
        match self.get(row, col) {
            Value::Text(t) => normalise(t),
            _ => String::new(),
        }
    }

    /// A formula cell: its cached value may be missing or a stale 0.
    pub(crate) fn is_formula(&self, row: u32, col: u32) -> bool {
        self.formulas.contains(&(row, col))
    }

    /// Every non-empty text cell with its position, in reading order.
    pub(crate) fn texts(&self) -> impl Iterator<Item = (u32, u32, &str)> {
        self.cells.iter().filter_map(|(&(r, c), v)| match v {
            Value::Text(t) if !t.trim().is_empty() => Some((r, c, t.as_str())),
            _ => None,
        })
    }

    /// The first cell whose normalised text satisfies `keep`, searching row by row.
    pub(crate) fn find(&self, keep: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
        self.texts().find(|(_, _, t)| keep(&normalise(t))).map(|(r, c, _)| (r, c))
    }
}

/// Label text for matching: no whitespace of any width, （）：→ ():, curly quotes kept.
pub(crate) fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            _ => c,
        })
        .collect()
}

/// A1 notation of a 0-based cell: (19, 4) → `E20`.
pub(crate) fn a1(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Reads every sheet of a workbook, in workbook order.
pub(crate) fn read_workbook(path: &Path) -> Result<Vec<Grid>, Diagnostic> {
    if path.exists() && !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Err(unreadable(path, "不是普通文件"));
    }
    let mut book = calamine::open_workbook_auto(path).map_err(|err| unreadable(path, &err.to_string()))?;
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let values = book.worksheet_range(&name).map_err(|err| unreadable(path, &err.to_string()))?;
            let formulas = book.worksheet_formula(&name).unwrap_or_default();
            Ok(grid_of(name, &values, &formulas))
        })
        .collect()
}

/// A workbook calamine cannot open is not an export at all.
fn unreadable(path: &Path, reason: &str) -> Diagnostic {
    let missing = !path.is_file();
    let why = if reason == "不是普通文件" { reason } else { translate(reason) };
    let message = if missing && path.symlink_metadata().is_err() {
        format!("找不到工作簿 {}", path.display())
    } else {
        format!("无法读取工作簿 {}（{why}）", path.display())
    };
    Diagnostic::error(Code::U7, message).in_file(path).hint("请提供预算管理一体化平台导出的 .xlsx（或 .xls）工作簿")
}

/// calamine's English reasons, in the words a user needs.
fn translate(reason: &str) -> &'static str {
    if reason.contains("Zip") || reason.contains("zip") || reason.contains("Invalid") || reason.contains("Cfb") {
        "不是有效的 Excel 文件"
    } else {
        "文件已损坏或格式不受支持"
    }
}

fn grid_of(name: String, values: &calamine::Range<Data>, formulas: &calamine::Range<String>) -> Grid {
    let mut cells = BTreeMap::new();
    for (r, c, data) in values.used_cells() {
        let (r0, c0) = values.start().unwrap_or((0, 0));
        cells.insert((r as u32 + r0, c as u32 + c0), value_of(data));
    }
    let mut formula_cells = BTreeSet::new();
    for (r, c, f) in formulas.used_cells() {
        let (r0, c0) = formulas.start().unwrap_or((0, 0));
        if !f.is_empty() {
            formula_cells.insert((r as u32 + r0, c as u32 + c0));
        }
    }
    let rows = cells.keys().chain(formula_cells.iter()).map(|&(r, _)| r + 1).max().unwrap_or(0);
    let cols = cells.keys().chain(formula_cells.iter()).map(|&(_, c)| c + 1).max().unwrap_or(0);
    Grid { name, cells, formulas: formula_cells, rows, cols }
}

fn value_of(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(Decimal::from(*i)),
        Data::Float(f) => Decimal::from_f64(*f).map_or_else(|| Value::Other(f.to_string()), Value::Number),
        other => Value::Other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::{a1, normalise};

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(19, 4), "E20");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(2, 26), "AA3");
        assert_eq!(a1(0, 701), "ZZ1");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn labels_ignore_spacing_and_bracket_width() {
        assert_eq!(normalise(" 合 计 "), "合计");
        assert_eq!(normalise("因公出国（境）费"), "因公出国(境)费");
        assert_eq!(normalise("单位：万元\u{3000}"), "单位:万元");
    }
}
