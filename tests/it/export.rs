//! `gen-budget export`: the nine tables as an XLSX workbook, read back with calamine.

#[path = "export/book.rs"]
mod book;
#[path = "export/commands.rs"]
mod commands;
#[path = "export/headings.rs"]
mod headings;

use calamine::{Data, Reader};
use gen_budget::derive::Source;

use book::{Book, INCOME, SHEETS, SPENDING, a1, assert_class_rows, d, shown};

#[test]
fn putuo_sheets_titles_and_heading_lines() {
    let mut book = Book::of("普陀城运");
    assert_eq!(book.xlsx.sheet_names(), SHEETS.map(String::from).to_vec());
    let titles = [
        "2024年部门财务收支预算总表",
        "2024年部门收入预算总表",
        "2024年部门支出预算总表",
        "2024年部门财政拨款收支预算总表",
        "2024年部门一般公共预算支出功能分类预算表",
        "2024年部门政府性基金预算支出功能分类预算表",
        "2024年部门国有资本经营预算支出功能分类预算表",
        "2024年部门一般公共预算基本支出部门预算经济分类预算表",
        "部门“三公”经费和机关运行经费预算表",
    ];
    let last_col = ["D", "I", "G", "G", "G", "G", "G", "F", "G"];
    for n in 1..=9 {
        let sheet = book.sheet(n);
        assert_eq!(sheet.text("A1"), titles[n - 1], "sheet {n}");
        assert!(sheet.merges.contains(&format!("A1:{}1", last_col[n - 1])), "title merged across, sheet {n}: {:?}", sheet.merges);
        assert_eq!(sheet.text("A2"), "编制部门：上海市普陀区城市运行管理中心（上海市普陀区城市网格化综合管理中心）");
        let unit = if n == 9 { "单位：万元" } else { "单位：元" };
        assert_eq!(sheet.text(&format!("{}2", last_col[n - 1])), unit, "sheet {n}");
    }
}

#[test]
fn putuo_headers_are_merged_as_printed() {
    let mut book = Book::of("普陀城运");
    let t2 = book.sheet(2);
    for range in ["A3:D3", "E3:I3", "A4:C4", "D4:D5", "E4:E5", "I4:I5"] {
        assert!(t2.merges.contains(&range.to_string()), "{range} in {:?}", t2.merges);
    }
    assert_eq!(
        (t2.text("A3"), t2.text("E3"), t2.text("A4"), t2.text("D4")),
        ("项目".into(), "收入预算".into(), "功能分类科目编码".into(), "功能分类科目名称".into())
    );
    assert_eq!(t2.texts(4, 4..9), ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"]);
    assert_eq!(t2.texts(5, 0..3), ["类", "款", "项"]);
    for n in [3, 5, 6, 7] {
        let t = book.sheet(n);
        assert_eq!(t.texts(4, 4..7), ["合计", "基本支出", "项目支出"], "sheet {n}");
    }
    let t8 = book.sheet(8);
    assert_eq!((t8.text("A4"), t8.text("C4")), ("部门预算经济分类科目编码".into(), "经济分类科目名称".into()));
    assert_eq!(t8.texts(4, 3..6), ["合计", "人员经费", "公用经费"]);
    assert_eq!(t8.texts(5, 0..2), ["类", "款"]);
    for range in ["A3:C3", "D3:F3", "A4:B4", "C4:C5", "F4:F5"] {
        assert!(t8.merges.contains(&range.to_string()), "{range} in {:?}", t8.merges);
    }
    let t9 = book.sheet(9);
    assert_eq!((t9.text("A3"), t9.text("G3")), ("2024年“三公”经费预算数".into(), "2024年机关运行经费预算数".into()));
    assert_eq!(t9.texts(4, 0..4), ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费"]);
    assert_eq!(t9.texts(5, 3..6), ["小计", "购置费", "运行费"]);
    for range in ["A3:F3", "G3:G5", "A4:A5", "B4:B5", "C4:C5", "D4:F4"] {
        assert!(t9.merges.contains(&range.to_string()), "{range} in {:?}", t9.merges);
    }
    let t1 = book.sheet(1);
    assert_eq!(t1.texts(3, 0..4), ["本年收入", "", "本年支出", ""]);
    assert_eq!(t1.texts(4, 0..4), ["项目", "预算数", "项目", "预算数"]);
    let t4 = book.sheet(4);
    assert_eq!(t4.texts(4, 0..7), ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]);
}

#[test]
fn putuo_amounts_are_exact_numbers() {
    let mut book = Book::of("普陀城运");
    let b = book.budget.clone();
    let total = b.ledger.total(|_, _| true);
    let t2 = book.sheet(2);
    assert_eq!(t2.yuan("E21", 1), shown(total.total()), "合计 = 收入总计");
    assert_eq!(t2.yuan("E21", 1), d(136_993_587));
    assert_eq!(t2.yuan("F21", 1), shown(total.sum(|s, _| s.is_appropriation())));
    assert_eq!(t2.yuan("G21", 1), None, "an unused column stays blank, as in the PDF");
    assert_eq!(t2.format("E6"), "#,##0.00");
    assert_class_rows(&t2, &b, |_, _| true, &INCOME, 1);
    let t3 = book.sheet(3);
    assert_class_rows(&t3, &b, |_, _| true, &SPENDING, 1);
    assert_eq!(t3.at("G6"), &Data::Float(0.0), "a zero in a used column is a number 0, shown 0.00");
    assert_eq!((t3.yuan("F21", 1), t3.yuan("G21", 1)), (d(20_411_077), d(116_582_510)));
    assert_class_rows(&book.sheet(5), &b, |s, _| s == Source::General, &SPENDING, 1);
    let t8 = book.sheet(8);
    let (personnel, public) = b.economic_totals();
    let last = t8.last_row();
    assert_eq!(t8.text(&format!("A{last}")), "合计");
    assert_eq!((t8.yuan(&format!("E{last}"), 1), t8.yuan(&format!("F{last}"), 1)), (shown(personnel), shown(public)));
    assert_eq!((t8.yuan(&format!("E{last}"), 1), t8.yuan(&format!("F{last}"), 1)), (d(19_257_772), d(1_153_305)));
    for (i, r) in b.economic.iter().enumerate() {
        let at = 6 + i as u32;
        assert_eq!(t8.at(&format!("A{at}")), &Data::String(r.code[..3].to_string()));
        assert_eq!(t8.yuan(&format!("D{at}"), 1).unwrap_or_default(), r.total().yuan().normalize(), "{}", r.code);
    }
    let t9 = book.sheet(9);
    assert_eq!(t9.yuan("C6", 10_000), d(6835), "公务接待费 6835 元 stored as 0.6835 万元, unrounded");
    assert_eq!(t9.at("C6"), &Data::Float(0.6835));
    assert_eq!(
        (t9.yuan("A6", 10_000), t9.yuan("F6", 10_000), t9.yuan("B6", 10_000), t9.yuan("G6", 10_000)),
        (d(65_735), d(58_900), None, None)
    );
    assert_eq!(t9.format("A6"), "#,##0.00");
    let t1 = book.sheet(1);
    assert_eq!(
        (t1.yuan("B12", 1), t1.yuan("D12", 1), t1.text("A12"), t1.text("C12")),
        (d(136_993_587), d(136_993_587), "收入总计".into(), "支出总计".into())
    );
    assert_eq!((t1.text("C5"), t1.yuan("D5", 1), t1.yuan("B7", 1)), ("一、社会保障和就业支出".into(), d(2_528_998), None));
    let t4 = book.sheet(4);
    assert_eq!(
        (t4.text("A9"), t4.yuan("B9", 1), t4.yuan("E9", 1), t4.yuan("F9", 1)),
        ("收入总计".into(), d(136_993_587), d(136_993_587), None)
    );
}

#[test]
fn empty_tables_carry_the_pdf_note() {
    let mut book = Book::of("普陀城运");
    let t6 = book.sheet(6);
    assert_eq!(t6.text("A6"), "合计");
    assert_eq!(t6.yuan("E6", 1), None);
    assert_eq!(t6.text("A8"), "注：本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。");
    assert_eq!(book.sheet(7).text("A8"), "注：本部门2024年无国有资本经营预算财政拨款安排的预算，故本表为空表。");
}

#[test]
fn every_amount_cell_holds_the_exact_value() {
    for (unit, scale) in [("普陀城运", 1), ("安亭城运", 10_000)] {
        let mut book = Book::of(unit);
        for n in 1..=9 {
            let sheet = book.sheet(n);
            let scale = if n == 9 { 10_000 } else { scale };
            let (top, left) = sheet.range.start().expect("a non-empty sheet");
            for (row, col, value) in sheet.range.used_cells() {
                if let Data::Float(_) = value {
                    // `yuan` asserts the number times the scale is a whole 分 amount.
                    sheet.yuan(&a1((top + row as u32, left + col as u32)), scale);
                }
            }
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let first = Book::of("普陀城运").bytes;
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(first == Book::of("普陀城运").bytes, "two exports must be byte-identical");
}
