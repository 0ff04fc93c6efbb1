//! The nine tables as rows of cells that hold both the derived amount and the printed text,
//! so a change is computed from the amounts and shown as the document prints it.

use crate::derive::ledger::split_code;
use crate::derive::{Budget, Cell, Kind, Level, Row, Source};
use crate::money::{Amount, NumberFormat, Scale};
use crate::render::tables::{Column, INCOME_COLUMNS, INCOME_HEADS, SPENDING_COLUMNS, SPENDING_HEADS, SideRow, TableRow, Tables};
use crate::style::Formats;

/// One table of chapter 五: `表3` and its rows.
pub(crate) struct Table {
    pub name: &'static str,
    /// How its amounts print, for the difference: format and unit.
    pub number: NumberFormat,
    pub scale: Scale,
    pub rows: Vec<GridRow>,
}

/// One row: matched by `key` (a code, or the label), shown as `label`.
pub(crate) struct GridRow {
    pub key: String,
    pub label: String,
    pub cells: Vec<GridCell>,
}

/// One amount cell under its column header.
pub(crate) struct GridCell {
    pub head: &'static str,
    pub amount: Amount,
    pub text: String,
}

const APPROPRIATION_HEADS: [&str; 4] = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"];
const ECONOMIC_HEADS: [&str; 3] = ["合计", "人员经费", "公用经费"];
const BUDGETED: [&str; 1] = ["预算数"];

/// Every table of the document, in its order, from the derived figures and the table view.
pub(crate) fn tables_of(b: &Budget, t: &Tables, f: &Formats) -> Vec<Table> {
    let table = |name, rows| Table { name, number: f.table, scale: f.scale, rows };
    let side = |name, rows| Table { name, number: f.side, scale: f.scale, rows };
    vec![
        side("表1", t1(b, t)),
        table("表2", class_rows(b, &t.t2.rows, &t.t2.total, |_, _| true, &INCOME_COLUMNS, &INCOME_HEADS)),
        table("表3", class_rows(b, &t.t3.rows, &t.t3.total, |_, _| true, &SPENDING_COLUMNS, &SPENDING_HEADS)),
        side("表4", t4(b, t)),
        table("表5", class_rows(b, &t.t5.rows, &t.t5.total, |s, _| s == Source::General, &SPENDING_COLUMNS, &SPENDING_HEADS)),
        table("表6", class_rows(b, &t.t6.rows, &t.t6.total, |s, _| s == Source::Fund, &SPENDING_COLUMNS, &SPENDING_HEADS)),
        table("表7", class_rows(b, &t.t7.rows, &t.t7.total, |s, _| s == Source::StateCapital, &SPENDING_COLUMNS, &SPENDING_HEADS)),
        table("表8", t8(b, t)),
        Table { name: "表9", number: f.three_public, scale: Scale::Wan, rows: t9(b, t) },
    ]
}

/// Pairs amounts with printed texts under their heads (the view has as many texts as columns).
fn cells(heads: &[&'static str], amounts: Vec<Amount>, texts: &[String]) -> Vec<GridCell> {
    heads.iter().zip(amounts).zip(texts).map(|((head, amount), text)| GridCell { head, amount, text: text.clone() }).collect()
}

/// `212 01 99 其他城乡社区管理事务支出`.
fn code_label(code: &str, name: &str) -> String {
    format!("{} {name}", split_code(code).join(" "))
}

/// A 类/款/项 table: rows in the view's order (the ledger's rollup), then 合计.
fn class_rows(
    b: &Budget,
    view: &[TableRow],
    total: &[String],
    keep: fn(Source, Kind) -> bool,
    columns: &[Column],
    heads: &[&'static str],
) -> Vec<GridRow> {
    let ledger_rows: Vec<Row> = b.ledger.rollup(keep);
    let amounts = |cell: &Cell| columns.iter().map(|c| c(cell)).collect::<Vec<_>>();
    let mut rows: Vec<GridRow> = ledger_rows
        .iter()
        .zip(view)
        .map(|(r, v)| GridRow {
            key: r.code.clone(),
            label: code_label(&r.code, &v.name),
            cells: cells(heads, amounts(&r.cell), &v.values),
        })
        .collect();
    rows.push(total_row("合计", cells(heads, amounts(&b.ledger.total(keep)), total)));
    rows
}

fn total_row(label: &str, cells: Vec<GridCell>) -> GridRow {
    GridRow { key: label.to_string(), label: label.to_string(), cells }
}

/// A labelled income row with one 预算数 cell.
fn income_row(label: &str, amount: Amount, text: &str) -> GridRow {
    total_row(label, cells(&BUDGETED, vec![amount], &[text.to_string()]))
}

/// The 类 rows of a two-sided table, keyed by code (their 一、二、 markers follow the position).
fn side_classes(b: &Budget, view: &[SideRow], keep: fn(Source, Kind) -> bool, columns: &[Column], heads: &[&'static str]) -> Vec<GridRow> {
    let classes = b.ledger.rollup(keep).into_iter().filter(|r| r.level == Level::Class);
    classes
        .zip(view)
        .map(|(r, v)| {
            let amounts = columns.iter().map(|c| c(&r.cell)).collect();
            GridRow { key: r.code.clone(), label: code_label(&r.code, b.function_name(&r.code)), cells: cells(heads, amounts, &v.values) }
        })
        .collect()
}

fn t1(b: &Budget, t: &Tables) -> Vec<GridRow> {
    let total = &b.figures.all;
    let i = &t.t1.income;
    let mut rows = vec![
        income_row("财政拨款收入", total.sum(|s, _| s.is_appropriation()), &i.appropriation),
        income_row("一般公共预算资金", total.of_source(Source::General), &i.general),
        income_row("政府性基金", total.of_source(Source::Fund), &i.fund),
        income_row("国有资本经营预算", total.of_source(Source::StateCapital), &i.state_capital),
        income_row("事业收入", total.of_source(Source::Business), &i.business),
        income_row("事业单位经营收入", total.of_source(Source::Operating), &i.operating),
        income_row("上级补助收入", total.of_source(Source::Superior), &i.superior),
        income_row("其他收入", total.of_source(Source::Other), &i.other),
        income_row("收入总计", total.total(), &t.t1.income_total),
    ];
    rows.extend(side_classes(b, &t.t1.classes, |_, _| true, &[|c| c.total()], &BUDGETED));
    rows.push(total_row("支出总计", cells(&BUDGETED, vec![total.total()], &t.t1.spending_total)));
    rows
}

fn t4(b: &Budget, t: &Tables) -> Vec<GridRow> {
    let keep: fn(Source, Kind) -> bool = |s, _| s.is_appropriation();
    let columns: [Column; 4] = [
        |c| c.sum(|s, _| s.is_appropriation()),
        |c| c.of_source(Source::General),
        |c| c.of_source(Source::Fund),
        |c| c.of_source(Source::StateCapital),
    ];
    let total = b.ledger.total(keep);
    let i = &t.t4.income;
    let mut rows = vec![
        income_row("一般公共预算资金", total.of_source(Source::General), &i.general),
        income_row("政府性基金", total.of_source(Source::Fund), &i.fund),
        income_row("国有资本经营预算", total.of_source(Source::StateCapital), &i.state_capital),
        income_row("收入总计", total.total(), &t.t4.income_total),
    ];
    rows.extend(side_classes(b, &t.t4.classes, keep, &columns, &APPROPRIATION_HEADS));
    let amounts = columns.iter().map(|c| c(&total)).collect();
    rows.push(total_row("支出总计", cells(&APPROPRIATION_HEADS, amounts, &t.t4.spending_total)));
    rows
}

fn t8(b: &Budget, t: &Tables) -> Vec<GridRow> {
    let mut rows: Vec<GridRow> = b
        .economic
        .iter()
        .zip(&t.t8.rows)
        .map(|(r, v)| GridRow {
            key: r.code.clone(),
            label: code_label(&r.code, &r.name),
            cells: cells(&ECONOMIC_HEADS, vec![r.total(), r.personnel, r.public], &v.values),
        })
        .collect();
    let (personnel, public) = b.economic_totals();
    rows.push(total_row("合计", cells(&ECONOMIC_HEADS, vec![personnel + public, personnel, public], &t.t8.total)));
    rows
}

/// Table 9 is one row of seven figures, each under its own header.
fn t9(b: &Budget, t: &Tables) -> Vec<GridRow> {
    let p = &b.three_public;
    let v = &t.t9;
    let heads = ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "购置费", "运行费", "机关运行经费"];
    let amounts = vec![
        p.total().current,
        p.abroad.current,
        p.reception.current,
        p.vehicles().current,
        p.vehicle_purchase.current,
        p.vehicle_operation.current,
        p.operating_costs.unwrap_or_default(),
    ];
    let texts = [&v.total, &v.abroad, &v.reception, &v.vehicles, &v.purchase, &v.operation, &v.operating_costs].map(|s| s.clone());
    vec![GridRow { key: String::new(), label: String::new(), cells: cells(&heads, amounts, &texts) }]
}
