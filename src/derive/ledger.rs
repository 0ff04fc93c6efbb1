//! Leaf amounts by 功能分类 项, funding source and kind, and their 类/款 roll-ups.

use std::collections::BTreeMap;

use crate::money::Amount;

/// Where money comes from (table 1 income rows, table 2 columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    General,
    Fund,
    StateCapital,
    Business,
    Operating,
    Superior,
    Other,
}

impl Source {
    pub const ALL: [Source; 7] =
        [Source::General, Source::Fund, Source::StateCapital, Source::Business, Source::Operating, Source::Superior, Source::Other];

    /// 财政拨款 covers the three budget funds.
    pub fn is_appropriation(self) -> bool {
        matches!(self, Source::General | Source::Fund | Source::StateCapital)
    }
}

/// 基本支出 or 项目支出.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Basic,
    Project,
}

/// Amounts of one code by source and kind; the unit every roll-up adds up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    amounts: BTreeMap<(Source, Kind), Amount>,
}

impl Cell {
    pub fn add(&mut self, source: Source, kind: Kind, amount: Amount) {
        *self.amounts.entry((source, kind)).or_default() += amount;
    }

    pub fn merge(&mut self, other: &Cell) {
        for (&(s, k), &a) in &other.amounts {
            self.add(s, k, a);
        }
    }

    /// Sum over the sources and kinds that `keep` accepts.
    pub fn sum(&self, keep: impl Fn(Source, Kind) -> bool) -> Amount {
        self.amounts.iter().filter(|((s, k), _)| keep(*s, *k)).map(|(_, a)| *a).sum()
    }

    pub fn total(&self) -> Amount {
        self.sum(|_, _| true)
    }

    pub fn of_source(&self, source: Source) -> Amount {
        self.sum(|s, _| s == source)
    }

    pub fn of_kind(&self, kind: Kind) -> Amount {
        self.sum(|_, k| k == kind)
    }

    /// The part of this cell that `keep` selects, as a new cell.
    pub fn filtered(&self, keep: impl Fn(Source, Kind) -> bool) -> Cell {
        let amounts = self.amounts.iter().filter(|((s, k), _)| keep(*s, *k)).map(|(k, a)| (*k, *a));
        Cell { amounts: amounts.collect() }
    }
}

/// Hierarchy level of a classification row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Class,
    Section,
    Item,
}

/// One row of a 功能分类 table: a 类, 款 or 项 with its rolled-up cell.
#[derive(Debug, Clone)]
pub struct Row {
    pub code: String,
    pub level: Level,
    pub cell: Cell,
}

impl Row {
    /// The code split into its 类/款/项 parts: `2080502` → [208, 05, 02].
    pub fn code_parts(&self) -> Vec<&str> {
        split_code(&self.code)
    }
}

/// Splits a classification code into 3-digit class and 2-digit sub-codes.
pub fn split_code(code: &str) -> Vec<&str> {
    let mut parts = vec![&code[..3.min(code.len())]];
    let mut rest = &code[3.min(code.len())..];
    while !rest.is_empty() {
        let n = 2.min(rest.len());
        parts.push(&rest[..n]);
        rest = &rest[n..];
    }
    parts
}

/// Leaf cells keyed by 7-digit 项 code, in code order.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    pub items: BTreeMap<String, Cell>,
}

impl Ledger {
    /// Rolls the items selected by `keep` up into 类, 款 and 项 rows, skipping zero rows.
    pub fn rollup(&self, keep: impl Fn(Source, Kind) -> bool + Copy) -> Vec<Row> {
        let mut by_code: BTreeMap<String, Cell> = BTreeMap::new();
        for (code, cell) in &self.items {
            let part = cell.filtered(keep);
            if part.total().is_zero() {
                continue;
            }
            for prefix in [&code[..3], &code[..5], &code[..]] {
                by_code.entry(prefix.to_string()).or_default().merge(&part);
            }
        }
        by_code.into_iter().map(|(code, cell)| Row { level: level_of(&code), code, cell }).collect()
    }

    /// The grand total cell of everything `keep` selects.
    pub fn total(&self, keep: impl Fn(Source, Kind) -> bool + Copy) -> Cell {
        let mut total = Cell::default();
        for cell in self.items.values() {
            total.merge(&cell.filtered(keep));
        }
        total
    }
}

fn level_of(code: &str) -> Level {
    match code.len() {
        3 => Level::Class,
        5 => Level::Section,
        _ => Level::Item,
    }
}
