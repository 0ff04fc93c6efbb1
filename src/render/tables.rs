//! View model of the nine tables: every cell already formatted, zero policy applied.

use serde::Serialize;

use crate::derive::ledger::split_code;
use crate::derive::tables::{AmountRow, Grid, Income};
use crate::derive::{Budget, Level};
use crate::money::{Amount, NumberFormat, Scale, ZeroStyle};
use crate::numerals::chapter_marker;

use super::formats::Formats;

/// A classification row: code columns, name, and formatted amounts.
#[derive(Debug, Serialize)]
pub struct TableRow {
    /// 区级 layout: parent codes repeated (`208`, `05`, `05` on a 项 row).
    pub codes: Vec<String>,
    /// 镇级 layout: only the row's own level filled (``, ``, `05` on a 项 row).
    pub own_codes: Vec<String>,
    /// The 科目 name: `社会保障和就业支出`.
    pub name: String,
    /// The row's level, for styling: `class` (类), `section` (款) or `item` (项).
    pub level: Level,
    /// The row's amounts, one per column, in the set's table format (`2,528,998.00`); blank in an all-zero column.
    pub values: Vec<String>,
}

/// A labelled amount on one side of a two-sided table (tables 1 and 4).
#[derive(Debug, Serialize)]
pub struct SideRow {
    /// The row label with its marker: `一、社会保障和就业支出`.
    pub label: String,
    /// Its amounts, one per column, in the set's table format; blank where zero.
    pub values: Vec<String>,
}

/// A classification table: its rows and the formatted 合计 row.
#[derive(Debug, Serialize)]
pub struct ClassTable {
    /// The rows in code order: 类, 款 and 项 (table 8: economic 类 and 款).
    pub rows: Vec<TableRow>,
    /// The 合计 row: one formatted amount per column.
    pub total: Vec<String>,
    /// Whether the table has no rows, so the template prints its 空表 note.
    pub empty: bool,
}

/// Table 1 and table 4: income on the left, classes on the right.
#[derive(Debug, Serialize)]
pub struct TwoSided {
    /// The income side's amounts; the template writes their labels.
    pub income: IncomeCells,
    /// The spending side: one row per 类 with money, numbered 一、二、… in code order.
    pub classes: Vec<SideRow>,
    /// Every 类 of the year's catalogue in order (镇级: the fixed 22 rows), unused ones blank.
    pub all_classes: Vec<SideRow>,
    /// Table 1 with 基本支出 split: per class 合计, 人员经费, 公用经费, 项目支出.
    pub split_classes: Vec<SideRow>,
    /// The 支出总计 of `split_classes`: 合计, 人员经费, 公用经费, 项目支出.
    pub split_total: Vec<String>,
    /// 收入总计 in the set's table format: `136,993,587.00`.
    pub income_total: String,
    /// 支出总计: one formatted amount per spending column.
    pub spending_total: Vec<String>,
}

/// Formatted income figures; the template decides their labels.
#[derive(Debug, Serialize)]
pub struct IncomeCells {
    /// 财政拨款收入 (all three kinds) in the table format, blank when zero: `136,993,587.00`.
    pub appropriation: String,
    /// 一般公共预算资金 in the table format, blank when zero.
    pub general: String,
    /// 政府性基金 in the table format, blank when zero.
    pub fund: String,
    /// 国有资本经营预算 in the table format, blank when zero.
    pub state_capital: String,
    /// 事业收入 in the table format, blank when zero.
    pub business: String,
    /// 事业单位经营收入 in the table format, blank when zero.
    pub operating: String,
    /// 上级补助收入 in the table format, blank when zero.
    pub superior: String,
    /// 其他收入 in the table format, blank when zero.
    pub other: String,
}

/// Table 9 in 万元: “三公” parts and 机关运行经费.
#[derive(Debug, Serialize)]
pub struct ThreePublicTable {
    /// The “三公” total in 万元, two decimals with separators, blank when zero: `6.57`.
    pub total: String,
    /// 因公出国（境）费 in 万元, same format.
    pub abroad: String,
    /// 公务接待费 in 万元, same format.
    pub reception: String,
    /// 公务用车购置及运行费 in 万元, same format.
    pub vehicles: String,
    /// 公务用车购置费 in 万元, same format.
    pub purchase: String,
    /// 公务用车运行费 in 万元, same format.
    pub operation: String,
    /// 机关运行经费 in 万元, same format; blank when the unit has none.
    pub operating_costs: String,
    /// Every figure zero (or 机关运行经费 absent): the table prints its 空表 note.
    pub empty: bool,
}

/// All nine tables of chapter 五.
#[derive(Debug, Serialize)]
pub struct Tables {
    /// Unit of tables 1–8 in the set (`[tables] unit`), for their 单位 line: `元` or `万元`.
    pub unit: &'static str,
    /// Table 1, 财务收支预算总表 (收入 left, 支出 by 类 right).
    pub t1: TwoSided,
    /// Table 2, 收入预算总表 by 功能分类: 合计, 财政拨款, 事业, 事业单位经营, 其他, 上级补助.
    pub t2: ClassTable,
    /// Table 3, 支出预算总表 by 功能分类: 合计, 基本支出, 项目支出.
    pub t3: ClassTable,
    /// Table 4, 财政拨款收支预算总表: 合计, 一般公共预算, 政府性基金, 国有资本经营预算.
    pub t4: TwoSided,
    /// Table 5, 一般公共预算支出功能分类预算表: 合计, 基本支出, 项目支出.
    pub t5: ClassTable,
    /// Table 6, 政府性基金预算支出功能分类预算表 (`empty` when there is none).
    pub t6: ClassTable,
    /// Table 7, 国有资本经营预算支出功能分类预算表 (`empty` when there is none).
    pub t7: ClassTable,
    /// Table 8, 一般公共预算基本支出 by 经济分类: 合计, 人员经费, 公用经费.
    pub t8: ClassTable,
    /// Table 9, “三公”经费和机关运行经费预算表, in 万元.
    pub t9: ThreePublicTable,
}

/// A number format together with the unit it prints in, and the table's blank-zero columns.
#[derive(Clone, Copy)]
struct Style<'a> {
    number: NumberFormat,
    scale: Scale,
    formats: &'a Formats,
    table: &'a str,
}

impl<'a> Style<'a> {
    fn of(formats: &'a Formats, table: &'a str, number: NumberFormat) -> Style<'a> {
        Style { number, scale: formats.scale, formats, table }
    }

    fn show(self, a: Amount) -> String {
        self.number.amount(a, self.scale)
    }

    fn blank_zero(self) -> Self {
        Style { number: NumberFormat { zero: ZeroStyle::Blank, ..self.number }, ..self }
    }
}

/// Builds every table from the derived budget in the set's formats.
pub fn build_tables(b: &Budget, f: &Formats) -> Tables {
    let t = &b.figures.tables;
    let table = |name: &'static str| Style::of(f, name, f.table);
    let side = |name: &'static str| Style::of(f, name, f.side);
    Tables {
        unit: f.scale.label(),
        t1: build_t1(b, side("t1")),
        t2: class_table(&t.t2, 3, table("t2")),
        t3: class_table(&t.t3, 3, table("t3")),
        t4: build_t4(b, side("t4")),
        t5: class_table(&t.t5, 3, table("t5")),
        t6: class_table(&t.t6, 3, table("t6")),
        t7: class_table(&t.t7, 3, table("t7")),
        t8: class_table(&t.t8, 2, table("t8")),
        t9: build_t9(b, f.three_public),
    }
}

/// A 类/款/项 (or economic 类/款) table with `width` code columns, formatted from its amounts.
fn class_table(grid: &Grid, width: usize, style: Style<'_>) -> ClassTable {
    let (formatted, total) = format_grid(grid, style);
    let rows = grid
        .rows
        .iter()
        .zip(formatted)
        .map(|(r, values)| TableRow {
            codes: repeated_codes(&r.code, width),
            own_codes: own_codes(&r.code, width),
            name: r.name.clone(),
            level: r.level,
            values,
        })
        .collect::<Vec<_>>();
    ClassTable { empty: rows.is_empty(), rows, total }
}

/// 区级 layout: parent codes repeated on every row, padded to `width` columns.
fn repeated_codes(code: &str, width: usize) -> Vec<String> {
    let mut parts: Vec<String> = split_code(code).into_iter().map(String::from).collect();
    parts.resize(width, String::new());
    parts
}

/// 镇级 layout: the code of the row's own level only, in its column.
fn own_codes(code: &str, width: usize) -> Vec<String> {
    let parts = split_code(code);
    let mut codes = vec![String::new(); width.max(parts.len())];
    if let Some(last) = parts.last() {
        codes[parts.len() - 1] = (*last).to_string();
    }
    codes
}

/// Formats each row of a grid and its 合计, blanking all-zero columns.
fn format_grid(grid: &Grid, style: Style<'_>) -> (Vec<Vec<String>>, Vec<String>) {
    let mut amounts: Vec<Vec<Amount>> = grid.rows.iter().map(|r| r.amounts.clone()).collect();
    amounts.push(grid.total.clone());
    let mut formatted = format_by_column(&amounts, style);
    let total = formatted.pop().unwrap_or_default();
    (formatted, total)
}

/// Formats a grid of 元 amounts: a column that is all zero stays blank, and so do zeros of
/// the set's blank-zero columns; other zeros show in the format's zero style.
fn format_by_column(grid: &[Vec<Amount>], style: Style<'_>) -> Vec<Vec<String>> {
    let width = grid.first().map_or(0, Vec::len);
    let blank: Vec<bool> = (0..width).map(|c| grid.iter().all(|row| row[c].is_zero())).collect();
    grid.iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(
                    |(c, a)| {
                        if blank[c] || (a.is_zero() && style.formats.blanks_zero(style.table, c)) { String::new() } else { style.show(*a) }
                    },
                )
                .collect()
        })
        .collect()
}

fn income_cells(income: &Income, style: Style<'_>) -> IncomeCells {
    let f = |a: Amount| style.blank_zero().show(a);
    IncomeCells {
        appropriation: f(income.appropriation),
        general: f(income.general),
        fund: f(income.fund),
        state_capital: f(income.state_capital),
        business: f(income.business),
        operating: f(income.operating),
        superior: f(income.superior),
        other: f(income.other),
    }
}

/// Pairs class rows with their formatted values, labelled 一、二、… in order.
fn labelled(classes: &[AmountRow], formatted: Vec<Vec<String>>) -> Vec<SideRow> {
    classes
        .iter()
        .zip(formatted)
        .enumerate()
        .map(|(i, (r, values))| SideRow { label: format!("{}{}", chapter_marker(i + 1), r.name), values })
        .collect()
}

/// Class rows (类 only) numbered 一、二、…, every catalogue class, and the 支出总计.
fn class_side(b: &Budget, grid: &Grid, style: Style<'_>) -> (Vec<SideRow>, Vec<SideRow>, Vec<String>) {
    let (formatted, total) = format_grid(grid, style);
    let all = every_class(b, &grid.rows, &formatted);
    (labelled(&grid.rows, formatted), all, total)
}

/// The catalogue's whole 类 list, numbered, with the used classes' values and blanks elsewhere.
fn every_class(b: &Budget, used: &[AmountRow], formatted: &[Vec<String>]) -> Vec<SideRow> {
    let width = formatted.first().map_or(0, Vec::len);
    b.function_names
        .iter()
        .filter(|(code, _)| code.len() == 3)
        .enumerate()
        .map(|(i, (code, name))| {
            let values = used.iter().position(|r| &r.code == code).map_or_else(|| vec![String::new(); width], |at| formatted[at].clone());
            SideRow { label: format!("{}{name}", chapter_marker(i + 1)), values }
        })
        .collect()
}

fn build_t1(b: &Budget, style: Style<'_>) -> TwoSided {
    let t = &b.figures.tables;
    let (classes, all_classes, spending_total) = class_side(b, &t.t1, style);
    let (split, split_total) = format_grid(&t.t1_split, style.blank_zero());
    TwoSided {
        income: income_cells(&t.income, style),
        classes,
        all_classes,
        split_classes: labelled(&t.t1_split.rows, split),
        split_total,
        income_total: style.blank_zero().show(t.t1_income_total),
        spending_total,
    }
}

fn build_t4(b: &Budget, style: Style<'_>) -> TwoSided {
    let t = &b.figures.tables;
    let (classes, all_classes, spending_total) = class_side(b, &t.t4, style);
    TwoSided {
        income: income_cells(&t.income, style),
        classes,
        all_classes,
        split_classes: Vec::new(),
        split_total: Vec::new(),
        income_total: style.blank_zero().show(t.t4_income_total),
        spending_total,
    }
}

fn build_t9(b: &Budget, number: NumberFormat) -> ThreePublicTable {
    let t = &b.three_public;
    let w = |a: Amount| number.wan(a);
    ThreePublicTable {
        total: w(t.total.current),
        abroad: w(t.abroad.current),
        reception: w(t.reception.current),
        vehicles: w(t.vehicles.current),
        purchase: w(t.vehicle_purchase.current),
        operation: w(t.vehicle_operation.current),
        operating_costs: t.operating_costs.map(w).unwrap_or_default(),
        empty: [t.total.current, t.operating_costs.unwrap_or_default()].iter().all(|a| a.is_zero()),
    }
}
