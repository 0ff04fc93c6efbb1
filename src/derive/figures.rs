//! The headline figures of a budget, computed once when it is derived: views format them and the
//! checks read the same values, so a sentence and the check that guards it cannot disagree.

use super::change::{Change, Share};
use super::ledger::{Cell, Kind, Ledger};
use super::prose::ProseFigures;
use super::tables::TableFigures;
use crate::model::UnitYear;
use crate::model::options::VEHICLE_CATEGORIES;
use crate::money::Amount;

/// The totals and shares the sentences print and the checks test.
#[derive(Debug, Clone)]
pub struct Figures {
    /// The whole budget by source and kind: 收支总额 and its parts.
    pub all: Cell,
    /// 项目支出合计: the whole of the performance share and the bound of N8.
    pub project_spending: Amount,
    /// 绩效目标涉及项目预算资金 as a part of 项目支出 (占年初项目总预算的X%).
    pub performance: Share,
    /// The 收支总额 against `[last_year] total` (the 镇级 growth sentence), when given.
    pub total_change: Option<Change>,
    /// Vehicles held, per category of `VEHICLE_CATEGORIES`, and their total.
    pub vehicles: Counts,
    /// Vehicles planned for the year, the same way.
    pub planned_vehicles: Counts,
    /// Every amount of tables 1–8, rows and totals.
    pub tables: TableFigures,
    /// The changes and shares of the 编制说明 sentences.
    pub prose: ProseFigures,
}

/// Counts in the fixed category order, with their sum (saturating: T7 refuses counts that overflow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub each: Vec<u32>,
    pub total: u32,
}

/// The typed counts of each category (zero where none is typed) and their total.
fn counts(typed: &std::collections::BTreeMap<String, toml::Spanned<u32>>) -> Counts {
    let each: Vec<u32> = VEHICLE_CATEGORIES.iter().map(|name| typed.get(*name).map_or(0, |c| *c.get_ref())).collect();
    Counts { total: each.iter().fold(0u32, |sum, c| sum.saturating_add(*c)), each }
}

/// The figures of a ledger and of the typed performance amount, last year's total and assets.
pub(crate) fn figures(ledger: &Ledger, data: &UnitYear, tables: TableFigures, prose: ProseFigures) -> Figures {
    let last_total = data.last_year.as_ref().map(|l| *l.total.get_ref());
    let all = ledger.total(|_, _| true);
    let project_spending = ledger.total(|_, k| k == Kind::Project).total();
    Figures {
        total_change: last_total.map(|prior| Change::new(all.total(), prior)),
        performance: Share::new(*data.performance.amount.get_ref(), project_spending),
        vehicles: counts(&data.assets.vehicles),
        planned_vehicles: counts(&data.assets.planned_vehicles),
        project_spending,
        all,
        tables,
        prose,
    }
}
