//! The nine tables as rows of cells that hold both the derived amount (read from the figures
//! stage) and the printed text (from the view), so a change is computed from the amounts and
//! shown as the document prints it.

use crate::derive::Budget;
use crate::derive::ledger::split_code;
use crate::derive::tables::{Grid, INCOME_HEADS, SPENDING_HEADS};
use crate::money::{Amount, NumberFormat, Scale};
use crate::render::tables::{SideRow, TableRow, Tables};
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
    let g = &b.figures.tables;
    let table = |name, rows| Table { name, number: f.table, scale: f.scale, rows };
    let side = |name, rows| Table { name, number: f.side, scale: f.scale, rows };
    vec![
        side("表1", t1(b, t)),
        table("表2", class_rows(&g.t2, &t.t2.rows, &t.t2.total, &INCOME_HEADS)),
        table("表3", class_rows(&g.t3, &t.t3.rows, &t.t3.total, &SPENDING_HEADS)),
        side("表4", t4(b, t)),
        table("表5", class_rows(&g.t5, &t.t5.rows, &t.t5.total, &SPENDING_HEADS)),
        table("表6", class_rows(&g.t6, &t.t6.rows, &t.t6.total, &SPENDING_HEADS)),
        table("表7", class_rows(&g.t7, &t.t7.rows, &t.t7.total, &SPENDING_HEADS)),
        table("表8", class_rows(&g.t8, &t.t8.rows, &t.t8.total, &ECONOMIC_HEADS)),
        Table { name: "表9", number: f.three_public, scale: Scale::Wan, rows: t9(b, t) },
    ]
}

/// Pairs amounts with printed texts under their heads (the view has as many texts as columns).
fn cells(heads: &[&'static str], amounts: &[Amount], texts: &[String]) -> Vec<GridCell> {
    heads.iter().zip(amounts).zip(texts).map(|((head, amount), text)| GridCell { head, amount: *amount, text: text.clone() }).collect()
}

/// `212 01 99 其他城乡社区管理事务支出`.
fn code_label(code: &str, name: &str) -> String {
    format!("{} {name}", split_code(code).join(" "))
}

/// The rows of a grid keyed by code, each with the view's texts (a 类 table's rows, a side's 类 rows).
fn keyed_rows(grid: &Grid, texts: impl Iterator<Item = Vec<String>>, heads: &[&'static str]) -> Vec<GridRow> {
    let rows = grid.rows.iter().zip(texts);
    rows.map(|(r, v)| GridRow { key: r.code.clone(), label: code_label(&r.code, &r.name), cells: cells(heads, &r.amounts, &v) }).collect()
}

/// A 类/款/项 table: rows in the view's order (the same grid), then 合计.
fn class_rows(grid: &Grid, view: &[TableRow], total: &[String], heads: &[&'static str]) -> Vec<GridRow> {
    let mut rows = keyed_rows(grid, view.iter().map(|v| v.values.clone()), heads);
    rows.push(total_row("合计", cells(heads, &grid.total, total)));
    rows
}

fn total_row(label: &str, cells: Vec<GridCell>) -> GridRow {
    GridRow { key: label.to_string(), label: label.to_string(), cells }
}

/// A labelled income row with one 预算数 cell.
fn income_row(label: &str, amount: Amount, text: &str) -> GridRow {
    total_row(label, cells(&BUDGETED, &[amount], &[text.to_string()]))
}

/// The 类 rows of a two-sided table, keyed by code (their 一、二、 markers follow the position), then 支出总计.
fn side_classes(grid: &Grid, view: &[SideRow], total: &[String], heads: &[&'static str]) -> Vec<GridRow> {
    let mut rows = keyed_rows(grid, view.iter().map(|v| v.values.clone()), heads);
    rows.push(total_row("支出总计", cells(heads, &grid.total, total)));
    rows
}

fn t1(b: &Budget, t: &Tables) -> Vec<GridRow> {
    let g = &b.figures.tables;
    let (amount, i) = (&g.income, &t.t1.income);
    let mut rows = vec![
        income_row("财政拨款收入", amount.appropriation, &i.appropriation),
        income_row("一般公共预算资金", amount.general, &i.general),
        income_row("政府性基金", amount.fund, &i.fund),
        income_row("国有资本经营预算", amount.state_capital, &i.state_capital),
        income_row("事业收入", amount.business, &i.business),
        income_row("事业单位经营收入", amount.operating, &i.operating),
        income_row("上级补助收入", amount.superior, &i.superior),
        income_row("其他收入", amount.other, &i.other),
        income_row("收入总计", g.t1_income_total, &t.t1.income_total),
    ];
    rows.extend(side_classes(&g.t1, &t.t1.classes, &t.t1.spending_total, &BUDGETED));
    rows
}

fn t4(b: &Budget, t: &Tables) -> Vec<GridRow> {
    let g = &b.figures.tables;
    let (amount, i) = (&g.income, &t.t4.income);
    let mut rows = vec![
        income_row("一般公共预算资金", amount.general, &i.general),
        income_row("政府性基金", amount.fund, &i.fund),
        income_row("国有资本经营预算", amount.state_capital, &i.state_capital),
        income_row("收入总计", g.t4_income_total, &t.t4.income_total),
    ];
    rows.extend(side_classes(&g.t4, &t.t4.classes, &t.t4.spending_total, &APPROPRIATION_HEADS));
    rows
}

/// Table 9 is one row of seven figures, each under its own header.
fn t9(b: &Budget, t: &Tables) -> Vec<GridRow> {
    let p = &b.three_public;
    let v = &t.t9;
    let heads = ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "购置费", "运行费", "机关运行经费"];
    let amounts = [
        p.total.current,
        p.abroad.current,
        p.reception.current,
        p.vehicles.current,
        p.vehicle_purchase.current,
        p.vehicle_operation.current,
        p.operating_costs.unwrap_or_default(),
    ];
    let texts = [&v.total, &v.abroad, &v.reception, &v.vehicles, &v.purchase, &v.operation, &v.operating_costs].map(|s| s.clone());
    vec![GridRow { key: String::new(), label: String::new(), cells: cells(&heads, &amounts, &texts) }]
}
