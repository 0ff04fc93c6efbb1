//! The amounts of the nine tables of chapter 五, rolled up once when the budget is derived: the
//! table views format them and the diff compares them, so neither sums a column of its own.

use std::collections::BTreeMap;

use super::EconomicRow;
use super::ledger::{Cell, Kind, Ledger, Level, Source};
use crate::money::Amount;

/// One amount column of a table, read from a rolled-up cell (shared with the XLSX export).
pub(crate) type Column = fn(&Cell) -> Amount;

/// A selection of the budget's money by source and kind.
type Keep = fn(Source, Kind) -> bool;

/// Printed headers of the INCOME_COLUMNS, in order (the export and the diff name cells by them).
pub(crate) const INCOME_HEADS: [&str; 6] = ["合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入", "上级补助收入"];
/// Printed headers of the SPENDING_COLUMNS.
pub(crate) const SPENDING_HEADS: [&str; 3] = ["合计", "基本支出", "项目支出"];

/// 合计, 财政拨款收入, 事业收入, 事业单位经营收入, 其他收入, 上级补助收入 (last: only some sets print it).
pub(crate) const INCOME_COLUMNS: [Column; 6] = [
    |c| c.total(),
    |c| c.sum(|s, _| s.is_appropriation()),
    |c| c.of_source(Source::Business),
    |c| c.of_source(Source::Operating),
    |c| c.of_source(Source::Other),
    |c| c.of_source(Source::Superior),
];

/// 合计, 基本支出, 项目支出.
pub(crate) const SPENDING_COLUMNS: [Column; 3] = [|c| c.total(), |c| c.of_kind(Kind::Basic), |c| c.of_kind(Kind::Project)];

/// Table 4's spending side: 合计 (财政拨款), 一般公共预算, 政府性基金, 国有资本经营预算.
pub(crate) const APPROPRIATION_COLUMNS: [Column; 4] = [
    |c| c.sum(|s, _| s.is_appropriation()),
    |c| c.of_source(Source::General),
    |c| c.of_source(Source::Fund),
    |c| c.of_source(Source::StateCapital),
];

/// One row of a table: its code, 科目 name and level, and one amount per column.
#[derive(Debug, Clone)]
pub struct AmountRow {
    pub code: String,
    pub name: String,
    pub level: Level,
    pub amounts: Vec<Amount>,
}

/// A table's rows in print order and the amounts of its 合计 row.
#[derive(Debug, Clone)]
pub struct Grid {
    pub rows: Vec<AmountRow>,
    pub total: Vec<Amount>,
}

/// The income side of tables 1 and 4: the whole budget by source.
#[derive(Debug, Clone)]
pub struct Income {
    pub appropriation: Amount,
    pub general: Amount,
    pub fund: Amount,
    pub state_capital: Amount,
    pub business: Amount,
    pub operating: Amount,
    pub superior: Amount,
    pub other: Amount,
}

/// Every amount of tables 1–8 (table 9 is [`super::ThreePublic`]).
#[derive(Debug, Clone)]
pub struct TableFigures {
    pub income: Income,
    /// 收入总计 of table 1: the whole budget.
    pub t1_income_total: Amount,
    /// Table 1's 类 rows under one 合计 column, and its 支出总计.
    pub t1: Grid,
    /// Table 1's 类 rows with 基本支出 split: 合计, 人员经费, 公用经费, 项目支出.
    pub t1_split: Grid,
    pub t2: Grid,
    pub t3: Grid,
    /// 收入总计 of table 4: 财政拨款 only.
    pub t4_income_total: Amount,
    /// Table 4's 类 rows under the APPROPRIATION_COLUMNS.
    pub t4: Grid,
    pub t5: Grid,
    pub t6: Grid,
    pub t7: Grid,
    /// Table 8: economic 类 and 款 rows, 合计, 人员经费, 公用经费.
    pub t8: Grid,
}

/// The parts of a derived budget the tables are rolled up from.
pub(crate) struct Parts<'a> {
    pub ledger: &'a Ledger,
    pub names: &'a BTreeMap<String, String>,
    pub basic_public: &'a BTreeMap<String, Amount>,
    pub economic: &'a [EconomicRow],
}

/// Rolls up every table from the ledger, the 公用经费 parts and the economic rows.
pub(crate) fn tables(p: &Parts<'_>) -> TableFigures {
    let all: Keep = |_, _| true;
    let appropriation: Keep = |s, _| s.is_appropriation();
    let spending = |keep: Keep| class_grid(p, keep, &SPENDING_COLUMNS, false);
    TableFigures {
        income: income(&p.ledger.total(all)),
        t1_income_total: p.ledger.total(all).total(),
        t1: class_grid(p, all, &[|c| c.total()], true),
        t1_split: split_grid(p),
        t2: class_grid(p, all, &INCOME_COLUMNS, false),
        t3: spending(all),
        t4_income_total: p.ledger.total(appropriation).total(),
        t4: class_grid(p, appropriation, &APPROPRIATION_COLUMNS, true),
        t5: spending(|s, _| s == Source::General),
        t6: spending(|s, _| s == Source::Fund),
        t7: spending(|s, _| s == Source::StateCapital),
        t8: economic_grid(p.economic),
    }
}

fn income(total: &Cell) -> Income {
    Income {
        appropriation: total.sum(|s, _| s.is_appropriation()),
        general: total.of_source(Source::General),
        fund: total.of_source(Source::Fund),
        state_capital: total.of_source(Source::StateCapital),
        business: total.of_source(Source::Business),
        operating: total.of_source(Source::Operating),
        superior: total.of_source(Source::Superior),
        other: total.of_source(Source::Other),
    }
}

/// The name of a 功能分类 code in the year's catalogue.
fn name_of(names: &BTreeMap<String, String>, code: &str) -> String {
    names.get(code).cloned().unwrap_or_default()
}

/// A 类/款/项 table over the selected money (or its 类 rows only), with the given columns and 合计.
fn class_grid(p: &Parts<'_>, keep: Keep, columns: &[Column], classes_only: bool) -> Grid {
    let amounts = |cell: &Cell| columns.iter().map(|f| f(cell)).collect::<Vec<_>>();
    let rows = p.ledger.rollup(keep).into_iter().filter(|r| !classes_only || r.level == Level::Class);
    let rows = rows.map(|r| AmountRow { name: name_of(p.names, &r.code), amounts: amounts(&r.cell), code: r.code, level: r.level });
    Grid { rows: rows.collect(), total: amounts(&p.ledger.total(keep)) }
}

/// Table 1's 类 rows with 基本支出 split into 人员经费 and 公用经费 by each line's `basic_public`.
fn split_grid(p: &Parts<'_>) -> Grid {
    let public_of = |class: &str| -> Amount { p.basic_public.iter().filter(|(code, _)| code.starts_with(class)).map(|(_, a)| *a).sum() };
    let split = |cell: &Cell, public: Amount| vec![cell.total(), cell.of_kind(Kind::Basic) - public, public, cell.of_kind(Kind::Project)];
    let classes = p.ledger.rollup(|_, _| true).into_iter().filter(|r| r.level == Level::Class);
    let rows = classes.map(|r| AmountRow {
        name: name_of(p.names, &r.code),
        amounts: split(&r.cell, public_of(&r.code)),
        code: r.code,
        level: r.level,
    });
    Grid { rows: rows.collect(), total: split(&p.ledger.total(|_, _| true), p.basic_public.values().copied().sum()) }
}

/// Table 8: each economic row's 合计, 人员经费 and 公用经费, and the 类 rows' sums.
fn economic_grid(economic: &[EconomicRow]) -> Grid {
    let level = |code: &str| if code.len() == 3 { Level::Class } else { Level::Section };
    let rows = economic.iter().map(|r| AmountRow {
        code: r.code.clone(),
        name: r.name.clone(),
        level: level(&r.code),
        amounts: vec![r.total(), r.personnel, r.public],
    });
    let (personnel, public) = economic_totals(economic);
    Grid { rows: rows.collect(), total: vec![personnel + public, personnel, public] }
}

/// Table 8 totals over the 类 rows: (人员经费, 公用经费).
pub(crate) fn economic_totals(economic: &[EconomicRow]) -> (Amount, Amount) {
    let classes = economic.iter().filter(|r| r.code.len() == 3);
    classes.fold((Amount::ZERO, Amount::ZERO), |(p, q), r| (p + r.personnel, q + r.public))
}
