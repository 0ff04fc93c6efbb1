//! Tables 2, 3, 5–8: 类/款/项 (or 经济分类 类/款) rows under merged headers, 合计 last.
//!
//! The rows and columns are those of render/tables.rs and the base `class-table` of
//! templates/lib.typ (the 区级 layout: parent codes repeated on every row).

use crate::derive::Budget;
use crate::derive::ledger::split_code;
use crate::money::Amount;

use super::grid::{BodyRow, Context, Head, Sheet, Value, shown};

use crate::derive::tables::{Grid, INCOME_HEADS, SPENDING_HEADS};

/// How one classification table is headed.
struct Layout {
    name: &'static str,
    /// The title after `2024年部门`.
    title: &'static str,
    /// The group header over the amount columns.
    group: &'static str,
    code_head: &'static str,
    name_head: &'static str,
    codes: &'static [&'static str],
    heads: Vec<&'static str>,
}

/// A classification layout with the 功能分类 code and name headers.
fn function_layout(name: &'static str, title: &'static str, group: &'static str, heads: &[&'static str]) -> Layout {
    Layout {
        name,
        title,
        group,
        code_head: "功能分类科目编码",
        name_head: "功能分类科目名称",
        codes: &["类", "款", "项"],
        heads: heads.to_vec(),
    }
}

/// Table 2; 上级补助收入 is a column only when there is any (the base set does not print it).
pub(crate) fn income(b: &Budget, cx: &Context) -> Sheet {
    let g = &b.figures.tables;
    let width = if g.income.superior.is_zero() { 5 } else { 6 };
    let layout = function_layout("表2 收入预算总表", "收入预算总表", "收入预算", &INCOME_HEADS[..width]);
    function_table(cx, layout, "t2", &g.t2, width)
}

/// Table 3: all spending by 基本/项目.
pub(crate) fn spending(b: &Budget, cx: &Context) -> Sheet {
    let layout = function_layout("表3 支出预算总表", "支出预算总表", "支出预算", &SPENDING_HEADS);
    function_table(cx, layout, "t3", &b.figures.tables.t3, SPENDING_HEADS.len())
}

/// Table 5: 一般公共预算 spending.
pub(crate) fn general(b: &Budget, cx: &Context) -> Sheet {
    let layout =
        function_layout("表5 一般公共预算支出功能分类预算表", "一般公共预算支出功能分类预算表", "一般公共预算支出", &SPENDING_HEADS);
    function_table(cx, layout, "t5", &b.figures.tables.t5, SPENDING_HEADS.len())
}

/// Table 6: 政府性基金 spending, with the 空表 note when there is none.
pub(crate) fn fund(b: &Budget, cx: &Context) -> Sheet {
    let layout =
        function_layout("表6 政府性基金预算支出功能分类预算表", "政府性基金预算支出功能分类预算表", "政府性基金预算支出", &SPENDING_HEADS);
    let mut sheet = function_table(cx, layout, "t6", &b.figures.tables.t6, SPENDING_HEADS.len());
    sheet.note = only_total(&sheet).then(|| empty_note(cx, "政府性基金预算"));
    sheet
}

/// Table 7: 国有资本经营预算 spending, with the 空表 note when there is none.
pub(crate) fn state_capital(b: &Budget, cx: &Context) -> Sheet {
    let layout = function_layout(
        "表7 国有资本经营预算支出功能分类预算表",
        "国有资本经营预算支出功能分类预算表",
        "国有资本经营预算支出",
        &SPENDING_HEADS,
    );
    let mut sheet = function_table(cx, layout, "t7", &b.figures.tables.t7, SPENDING_HEADS.len());
    sheet.note = only_total(&sheet).then(|| empty_note(cx, "国有资本经营预算"));
    sheet
}

/// A table with no 类/款/项 row, only its 合计: the PDF calls it 空表.
fn only_total(sheet: &Sheet) -> bool {
    sheet.body.len() == 1
}

/// The note templates/budget/tables/t6.typ and t7.typ print under an empty table.
fn empty_note(cx: &Context, fund: &str) -> String {
    format!("注：本{}{}年无{fund}财政拨款安排的预算，故本表为空表。", cx.d, cx.year)
}

/// Table 8: 一般公共预算基本支出 by 经济分类 类 and 款, split into 人员经费 and 公用经费.
pub(crate) fn economic(b: &Budget, cx: &Context) -> Sheet {
    let layout = Layout {
        name: "表8 一般公共预算基本支出经济分类预算表",
        title: "一般公共预算基本支出部门预算经济分类预算表",
        group: "一般公共预算基本支出",
        code_head: "部门预算经济分类科目编码",
        name_head: "经济分类科目名称",
        codes: &["类", "款"],
        heads: vec!["合计", "人员经费", "公用经费"],
    };
    let width = layout.heads.len();
    function_table(cx, layout, "t8", &b.figures.tables.t8, width)
}

/// A classification table from its derived grid, with its first `width` amount columns.
fn function_table(cx: &Context, layout: Layout, key: &str, grid: &Grid, width: usize) -> Sheet {
    let cut = |amounts: &[Amount]| amounts[..width].to_vec();
    let mut amounts: Vec<Vec<Amount>> = grid.rows.iter().map(|r| cut(&r.amounts)).collect();
    amounts.push(cut(&grid.total));
    let labels = grid.rows.iter().map(|r| (r.code.as_str(), r.name.clone())).collect::<Vec<_>>();
    table(cx, layout, key, &labels, &amounts)
}

/// Lays out rows (code, name) with their amounts; the grid's last row is the 合计.
fn table(cx: &Context, layout: Layout, key: &str, labels: &[(&str, String)], grid: &[Vec<Amount>]) -> Sheet {
    let number = cx.formats.table;
    let mut values = shown(grid, cx.formats, key, number);
    let total = values.pop().unwrap_or_default();
    let nc = layout.codes.len();
    let mut body: Vec<BodyRow> = labels
        .iter()
        .zip(values)
        .map(|((code, name), amounts)| {
            let mut cells = codes(code, nc);
            cells.push(Value::Text(name.clone()));
            cells.extend(amounts);
            BodyRow::plain(cells)
        })
        .collect();
    let mut cells = vec![Value::Text("合计".into())];
    cells.resize(nc + 1, Value::Blank);
    cells.extend(total);
    body.push(BodyRow { cells, merge: nc as u16 + 1 });
    let widths = [vec![8.0; nc], vec![36.0], vec![18.0; layout.heads.len()]].concat();
    Sheet {
        name: layout.name,
        heading: cx.heading(format!("{}年{}{}", cx.year, cx.d, layout.title), cx.formats.scale),
        scale: cx.formats.scale,
        number,
        widths,
        head: header(&layout),
        head_rows: 3,
        body,
        note: None,
    }
}

/// The three header rows of `class-table`: 项目 | group; code head, name head, amount heads; 类 款 项.
fn header(layout: &Layout) -> Vec<Head> {
    let nc = layout.codes.len() as u16;
    let n = layout.heads.len() as u16;
    let mut head = vec![
        Head::span(0, 0, 1, nc + 1, "项目"),
        Head::span(0, nc + 1, 1, n, layout.group),
        Head::span(1, 0, 1, nc, layout.code_head),
        Head::span(1, nc, 2, 1, layout.name_head),
    ];
    head.extend(layout.heads.iter().enumerate().map(|(i, h)| Head::span(1, nc + 1 + i as u16, 2, 1, *h)));
    head.extend(layout.codes.iter().enumerate().map(|(i, c)| Head::span(2, i as u16, 1, 1, *c)));
    head
}

/// The code columns of a row, parents repeated: `208`, `05`, `02` on a 项 row; blank below its level.
fn codes(code: &str, width: usize) -> Vec<Value> {
    let mut cells: Vec<Value> = split_code(code).into_iter().map(|p| Value::Code(p.to_string())).collect();
    cells.resize(width, Value::Blank);
    cells
}
