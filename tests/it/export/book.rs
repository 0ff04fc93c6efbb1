//! Reading an exported workbook back: sheets, cells by A1 address, merges, exact amounts.

use std::io::Cursor;
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx};
use gen_budget::derive::{Budget, Cell, Kind, Source};
use gen_budget::load::load_unit_year;
use gen_budget::money::Amount;
use gen_budget::pipeline::check;
use rust_decimal::Decimal;

use crate::common;

pub const SHEETS: [&str; 9] = [
    "表1 财务收支预算总表",
    "表2 收入预算总表",
    "表3 支出预算总表",
    "表4 财政拨款收支预算总表",
    "表5 一般公共预算支出功能分类预算表",
    "表6 政府性基金预算支出功能分类预算表",
    "表7 国有资本经营预算支出功能分类预算表",
    "表8 一般公共预算基本支出经济分类预算表",
    "表9 “三公”经费和机关运行经费预算表",
];

/// A workbook exported by the library, opened for reading, with the figures it came from.
pub struct Book {
    pub xlsx: Xlsx<Cursor<Vec<u8>>>,
    pub budget: Budget,
    pub bytes: Vec<u8>,
}

impl Book {
    pub fn of(unit: &str) -> Book {
        let templates = common::templates();
        let loaded = load_unit_year(&common::project(), unit, "2024").expect("loads");
        let checked = check(&loaded, &templates);
        assert!(!checked.diagnostics.has_errors(), "the shipped data has no errors");
        let bytes = gen_budget::export::workbook(&loaded, &checked.budget, &templates).expect("workbook");
        let xlsx = Xlsx::new(Cursor::new(bytes.clone())).expect("a readable workbook");
        Book { xlsx, budget: checked.budget, bytes }
    }

    pub fn sheet(&mut self, n: usize) -> Sheet {
        let name = SHEETS[n - 1];
        let range = self.xlsx.worksheet_range(name).expect("sheet exists");
        let merges =
            self.xlsx.merge_cells_by_sheet_name(name).expect("merges").iter().map(|d| format!("{}:{}", a1(d.start), a1(d.end))).collect();
        let styles = self.xlsx.worksheet_style(name).expect("styles");
        let format_of =
            |at: &str| styles.get(pos(at)).and_then(|s| s.number_format.as_ref()).map(|f| f.format_code.clone()).unwrap_or_default();
        let formats = ["E6", "B5", "A6", "D6", "E7", "B6", "A7"].iter().map(|at| (at.to_string(), format_of(at))).collect();
        Sheet { range, merges, formats }
    }
}

/// One sheet's cells and merged ranges.
pub struct Sheet {
    pub range: calamine::Range<Data>,
    pub merges: Vec<String>,
    /// Number formats of a few amount cells, by A1 address.
    pub formats: Vec<(String, String)>,
}

impl Sheet {
    pub fn at(&self, address: &str) -> &Data {
        self.range.get_value(pos(address)).unwrap_or(&Data::Empty)
    }

    pub fn text(&self, address: &str) -> String {
        match self.at(address) {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => panic!("{address} holds {other:?}, not text"),
        }
    }

    pub fn texts(&self, row: u32, cols: std::ops::Range<u32>) -> Vec<String> {
        cols.map(|c| self.text(&a1((row - 1, c)))).collect()
    }

    /// An amount cell in 元: a number times `scale`, exactly; blank is `None`.
    pub fn yuan(&self, address: &str, scale: i64) -> Option<Decimal> {
        match self.at(address) {
            Data::Float(f) => {
                let exact = Decimal::from_str(&f.to_string()).expect("a plain number");
                let yuan = (exact * Decimal::from(scale)).normalize();
                assert!(yuan.scale() <= 2, "{address} = {f} is not a whole 分 amount ×{scale}");
                Some(yuan)
            }
            Data::Empty => None,
            other => panic!("{address} holds {other:?}, not a number"),
        }
    }

    pub fn format(&self, address: &str) -> &str {
        self.formats.iter().find(|(a, _)| a == address).map_or("", |(_, f)| f.as_str())
    }

    pub fn last_row(&self) -> u32 {
        self.range.end().map_or(0, |(r, _)| r + 1)
    }
}

pub fn pos(address: &str) -> (u32, u32) {
    let letters: String = address.chars().take_while(char::is_ascii_alphabetic).collect();
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1)) - 1;
    let row: u32 = address[letters.len()..].parse().expect("a row number");
    (row - 1, col)
}

pub fn a1((row, col): (u32, u32)) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        letters.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

pub fn d(v: i64) -> Option<Decimal> {
    Some(Decimal::from(v))
}

/// The cell value of an amount as the PDF shows it: blank when zero.
pub fn shown(a: Amount) -> Option<Decimal> {
    (!a.is_zero()).then(|| a.yuan().normalize())
}

pub type Column = fn(&Cell) -> Amount;

/// Table 2's columns after 合计: 财政拨款收入, 事业收入, 事业单位经营收入, 其他收入.
pub const INCOME: [Column; 5] = [
    |c| c.total(),
    |c| c.sum(|s, _| s.is_appropriation()),
    |c| c.of_source(Source::Business),
    |c| c.of_source(Source::Operating),
    |c| c.of_source(Source::Other),
];

/// Tables 3, 5–7: 合计, 基本支出, 项目支出.
pub const SPENDING: [Column; 3] = [|c| c.total(), |c| c.of_kind(Kind::Basic), |c| c.of_kind(Kind::Project)];

/// [`assert_class_rows_from`] for a sheet whose data starts on row 6 (no label row).
pub fn assert_class_rows(sheet: &Sheet, b: &Budget, keep: fn(Source, Kind) -> bool, columns: &[Column], scale: i64) {
    assert_class_rows_from(sheet, 6, b, keep, columns, scale);
}

/// Every 类/款/项 row of a classification table from row `first` and its 合计: codes as text with
/// parents repeated, the catalogue name, and each amount exact (a blank only where it is zero).
pub fn assert_class_rows_from(sheet: &Sheet, first: u32, b: &Budget, keep: fn(Source, Kind) -> bool, columns: &[Column], scale: i64) {
    let rows = b.ledger.rollup(keep);
    let amounts = |at: u32, cell: &Cell| {
        for (i, f) in columns.iter().enumerate() {
            let address = a1((at - 1, 4 + i as u32));
            assert_eq!(sheet.yuan(&address, scale).unwrap_or_default(), f(cell).yuan().normalize(), "{address}");
        }
    };
    for (i, r) in rows.iter().enumerate() {
        let at = first + i as u32;
        let parts = r.code_parts();
        for (c, letter) in ["A", "B", "C"].iter().enumerate() {
            let want = parts.get(c).map_or(Data::Empty, |p| Data::String(p.to_string()));
            assert_eq!(sheet.at(&format!("{letter}{at}")), &want, "code column {letter} of row {at} ({})", r.code);
        }
        assert_eq!(sheet.text(&format!("D{at}")), b.function_name(&r.code));
        assert!(sheet.yuan(&format!("E{at}"), scale).is_some(), "a row's 合计 is never blank");
        amounts(at, &r.cell);
    }
    let total = first + rows.len() as u32;
    assert_eq!(sheet.text(&format!("A{total}")), "合计");
    assert!(sheet.merges.contains(&format!("A{total}:D{total}")));
    amounts(total, &b.ledger.total(keep));
    assert_eq!(sheet.last_row(), total, "nothing after the 合计 row");
}
