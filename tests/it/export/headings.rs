//! Sheet headings come from the unit's template set: the 镇级 workbook says what its PDF says.

use calamine::{Data, Reader};
use gen_budget::derive::Source;
use gen_budget::load::load_unit_year;
use gen_budget::pipeline::{Mode, render_loaded};
use gen_budget::typeset::text::stream_text;

use crate::common;
use crate::export::book::{Book, INCOME, SHEETS, SPENDING, assert_class_rows_from, d, shown};

/// The last column of each sheet, where the label and unit lines stand.
const LAST: [&str; 9] = ["D", "I", "G", "G", "G", "G", "G", "F", "G"];

/// The titles of templates/styles/嘉定镇级/budget/tables/t*.typ for 2024, d = 部门.
const TOWN_TITLES: [&str; 9] = [
    "2024年部门财务收支预算总表",
    "2024年部门收入预算总表",
    "2024年部门支出预算总表",
    "2024年部门财政拨款收支预算总表",
    "2024年部门一般公共预算支出功能分类预算表",
    "2024年部门政府性基金预算支出功能分类预算表",
    "2024年部门国有资本经营预算支出功能分类预算表",
    "2024年部门一般公共预算基本支出经济分类预算表",
    "2024年部门“三公”经费和机关运行经费预算表",
];

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of the unit's 2024 PDF, typeset as a release build does.
fn pdf_text(unit: &str) -> String {
    let loaded = load_unit_year(&common::project(), unit, "2024").expect("loads");
    let rendered = render_loaded(&loaded, &common::engine(), &common::templates(), Mode::Release).unwrap_or_else(|e| panic!("{:?}", e.0));
    squeeze(&stream_text(&rendered.compiled.document))
}

#[test]
fn town_sheets_carry_the_sets_title_label_owner_and_unit() {
    let mut book = Book::of("安亭城运");
    assert_eq!(book.xlsx.sheet_names(), SHEETS.map(String::from).to_vec());
    for n in 1..=9 {
        let (sheet, last) = (book.sheet(n), LAST[n - 1]);
        assert_eq!(sheet.text("A1"), TOWN_TITLES[n - 1], "sheet {n}");
        assert!(sheet.merges.contains(&format!("A1:{last}1")), "sheet {n}");
        assert_eq!(sheet.text(&format!("{last}2")), format!("部门预算0{n}表"));
        assert_eq!(sheet.text("A2"), "", "the label alone on row 2, at the right");
        assert_eq!(sheet.text("A3"), "编报单位：上海市嘉定区安亭镇城市运行管理中心", "sheet {n}");
        assert_eq!(sheet.text(&format!("{last}3")), "单位：万元", "sheet {n}");
    }
}

#[test]
fn every_sheet_is_headed_as_its_pdf_prints_the_table() {
    for unit in ["普陀城运", "安亭城运"] {
        let pdf = pdf_text(unit);
        let mut book = Book::of(unit);
        for n in 1..=9 {
            let sheet = book.sheet(n);
            let rows = if sheet.text("A2").is_empty() { 3 } else { 2 };
            let mut lines = sheet.text("A1");
            for row in 2..=rows {
                let cells = sheet.range.width() as u32;
                lines.extend(sheet.texts(row, 0..cells));
            }
            assert!(pdf.contains(&squeeze(&lines)), "{unit} sheet {n}: “{lines}” is not what the PDF prints");
        }
    }
}

#[test]
fn town_tables_are_in_wan_with_exact_values() {
    let mut book = Book::of("安亭城运");
    let b = book.budget.clone();
    let t2 = book.sheet(2);
    assert_eq!(t2.yuan("E22", 10_000), d(57_152_900), "合计 = 收入总计, in 万元 but exact");
    assert_eq!(t2.yuan("I22", 10_000), shown(b.ledger.total(|_, _| true).of_source(Source::Other)));
    assert_eq!(t2.format("E7"), "0.00", "the town set prints tables 2–8 without separators");
    assert_class_rows_from(&t2, 7, &b, |_, _| true, &INCOME, 10_000);
    let t3 = book.sheet(3);
    assert_class_rows_from(&t3, 7, &b, |_, _| true, &SPENDING, 10_000);
    let general = |s, _| s == Source::General;
    assert_class_rows_from(&book.sheet(5), 7, &b, general, &SPENDING, 10_000);
    assert_eq!(t3.yuan("G7", 10_000), None, "the town set blanks a zero 项目支出 (blank_zero t3 = [3])");
    assert_eq!(t3.at("F17"), &Data::Float(0.0), "… but prints a zero 基本支出");
    let t1 = book.sheet(1);
    assert_eq!(t1.format("B6"), "#,##0.00", "tables 1 and 4 keep separators");
    assert_eq!(t1.yuan("B13", 10_000), d(57_152_900));
    let t8 = book.sheet(8);
    let (personnel, public) = b.economic_totals();
    let last = t8.last_row();
    assert_eq!((t8.yuan(&format!("E{last}"), 10_000), t8.yuan(&format!("F{last}"), 10_000)), (shown(personnel), shown(public)));
    let t9 = book.sheet(9);
    assert_eq!((t9.yuan("A7", 10_000), t9.yuan("C7", 10_000)), (None, None), "no “三公” money: blank, as the PDF");
}
