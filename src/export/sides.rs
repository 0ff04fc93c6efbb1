//! Tables 1 and 4 (income beside spending by 类) and table 9 (“三公” in 万元).
//!
//! Rows and labels are those of templates/budget/tables/t1.typ, t4.typ and t9.typ.

use crate::derive::Budget;
use crate::derive::tables::Grid;
use crate::money::{Amount, Scale};
use crate::numerals::chapter_marker;

use super::grid::{BodyRow, Context, Head, Sheet, Value, blank_zero, shown};

/// Table 1: 本年收入 by source | 本年支出 by 类, 收入总计 and 支出总计 last.
pub(crate) fn finances(b: &Budget, cx: &Context) -> Sheet {
    let g = &b.figures.tables;
    let i = &g.income;
    let mut income = vec![
        ("一、财政拨款收入", i.appropriation),
        ("1. 一般公共预算资金", i.general),
        ("2. 政府性基金", i.fund),
        ("3. 国有资本经营预算", i.state_capital),
        ("二、事业收入", i.business),
        ("三、事业单位经营收入", i.operating),
        ("四、其他收入", i.other),
    ];
    // The base set has no 上级补助收入 row; when there is any it is listed, as the 镇级 set does.
    if !i.superior.is_zero() {
        income.pop();
        income.extend([("四、上级补助收入", i.superior), ("五、其他收入", i.other)]);
    }
    let head = vec![
        Head::span(0, 0, 1, 2, "本年收入"),
        Head::span(0, 2, 1, 2, "本年支出"),
        Head::span(1, 0, 1, 1, "项目"),
        Head::span(1, 1, 1, 1, "预算数"),
        Head::span(1, 2, 1, 1, "项目"),
        Head::span(1, 3, 1, 1, "预算数"),
    ];
    let layout = Side {
        name: "表1 财务收支预算总表", title: "财务收支预算总表", table: "t1", head, widths: vec![34.0, 20.0, 40.0, 20.0]
    };
    two_sided(cx, layout, &income, &g.t1, g.t1_income_total)
}

/// Table 4: 财政拨款收入 by fund | 财政拨款支出 by 类 and fund.
pub(crate) fn appropriation(b: &Budget, cx: &Context) -> Sheet {
    let g = &b.figures.tables;
    let income =
        [("一、一般公共预算资金", g.income.general), ("二、政府性基金", g.income.fund), ("三、国有资本经营预算", g.income.state_capital)];
    let mut head = vec![Head::span(0, 0, 1, 2, "财政拨款收入"), Head::span(0, 2, 1, 5, "财政拨款支出")];
    let labels = ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"];
    head.extend(labels.iter().enumerate().map(|(i, l)| Head::span(1, i as u16, 1, 1, *l)));
    let layout = Side {
        name: "表4 财政拨款收支预算总表",
        title: "财政拨款收支预算总表",
        table: "t4",
        head,
        widths: vec![26.0, 18.0, 36.0, 18.0, 18.0, 18.0, 18.0],
    };
    two_sided(cx, layout, &income, &g.t4, g.t4_income_total)
}

/// The heading of a two-sided table.
struct Side {
    name: &'static str,
    title: &'static str,
    table: &'static str,
    head: Vec<Head>,
    widths: Vec<f64>,
}

/// Income rows on the left, the derived 类 rows on the right, totals last.
fn two_sided(cx: &Context, layout: Side, income: &[(&str, Amount)], classes: &Grid, income_total: Amount) -> Sheet {
    let number = cx.formats.side;
    let mut grid: Vec<Vec<Amount>> = classes.rows.iter().map(|r| r.amounts.clone()).collect();
    grid.push(classes.total.clone());
    let mut spending = shown(&grid, cx.formats, layout.table, number);
    let spending_total = spending.pop().unwrap_or_default();
    let labels: Vec<String> = classes.rows.iter().enumerate().map(|(i, r)| format!("{}{}", chapter_marker(i + 1), r.name)).collect();
    let rows = income.len().max(classes.rows.len());
    let mut body: Vec<BodyRow> = (0..rows)
        .map(|i| {
            let mut cells = match income.get(i) {
                Some((label, a)) => vec![Value::Text((*label).into()), blank_zero(*a)],
                None => vec![Value::Blank, Value::Blank],
            };
            match (labels.get(i), spending.get(i)) {
                (Some(label), Some(values)) => {
                    cells.push(Value::Text(label.clone()));
                    cells.extend(values.iter().cloned());
                }
                _ => cells.extend(std::iter::repeat_n(Value::Blank, classes.total.len() + 1)),
            }
            BodyRow::plain(cells)
        })
        .collect();
    let mut last = vec![Value::Text("收入总计".into()), blank_zero(income_total), Value::Text("支出总计".into())];
    last.extend(spending_total);
    body.push(BodyRow::plain(last));
    Sheet {
        name: layout.name,
        heading: cx.heading(format!("{}年{}{}", cx.year, cx.d, layout.title), cx.formats.scale),
        scale: cx.formats.scale,
        number,
        widths: layout.widths,
        head: layout.head,
        head_rows: 2,
        body,
        note: None,
    }
}

/// Table 9, always in 万元: “三公” parts and 机关运行经费 (blank for a 事业单位), zeros blank.
pub(crate) fn three_public(b: &Budget, cx: &Context) -> Sheet {
    let t = &b.three_public;
    let mut cells: Vec<Value> = [
        t.total.current,
        t.abroad.current,
        t.reception.current,
        t.vehicles.current,
        t.vehicle_purchase.current,
        t.vehicle_operation.current,
    ]
    .into_iter()
    .map(blank_zero)
    .collect();
    cells.push(t.operating_costs.map_or(Value::Blank, blank_zero));
    let year = cx.year;
    let head = vec![
        Head::span(0, 0, 1, 6, format!("{year}年“三公”经费预算数")),
        Head::span(0, 6, 3, 1, format!("{year}年机关运行经费预算数")),
        Head::span(1, 0, 2, 1, "合计"),
        Head::span(1, 1, 2, 1, "因公出国(境)费"),
        Head::span(1, 2, 2, 1, "公务接待费"),
        Head::span(1, 3, 1, 3, "公务用车购置及运行费"),
        Head::span(2, 3, 1, 1, "小计"),
        Head::span(2, 4, 1, 1, "购置费"),
        Head::span(2, 5, 1, 1, "运行费"),
    ];
    Sheet {
        name: "表9 “三公”经费和机关运行经费预算表",
        heading: cx.heading(format!("{}“三公”经费和机关运行经费预算表", cx.d), Scale::Wan),
        scale: Scale::Wan,
        number: cx.formats.three_public,
        widths: vec![16.0, 16.0, 16.0, 16.0, 16.0, 16.0, 26.0],
        head,
        head_rows: 3,
        body: vec![BodyRow::plain(cells)],
        note: None,
    }
}
