//! The figures of the 编制说明 sentences, derived once: income by source against last year, the 项
//! sentences' changes and the shares of the 收支总额, so the narrative views only format them.

use std::collections::BTreeMap;

use super::change::{Change, Share};
use super::ledger::{Cell, Kind, Ledger, Source};
use crate::money::Amount;

/// The changes and shares the 编制说明 prints.
#[derive(Debug, Clone)]
pub struct ProseFigures {
    /// 财政拨款收入 (and 支出) against last year.
    pub appropriation: Change,
    /// 一般公共预算拨款 against last year.
    pub general: Change,
    /// 政府性基金拨款 against last year.
    pub fund: Change,
    /// 国有资本经营预算拨款 against last year.
    pub state_capital: Change,
    /// One per 项 with 一般公共预算 money, in code order.
    pub items: Vec<ItemFigure>,
    /// The (一) shares of the 收支总额.
    pub shares: Shares,
}

/// A 项's 一般公共预算 amount against last year's 执行数.
#[derive(Debug, Clone)]
pub struct ItemFigure {
    pub code: String,
    pub change: Change,
}

/// The parts of the 收支总额 the 镇级 (一) sentence gives with their shares.
#[derive(Debug, Clone)]
pub struct Shares {
    pub appropriation: Share,
    pub business: Share,
    pub operating: Share,
    pub superior: Share,
    pub other: Share,
    pub basic: Share,
    pub project: Share,
    /// A part no input models, printed as zero.
    pub unmodelled: Share,
}

/// The sentences' figures from the ledger and the 项 priors.
pub(crate) fn prose_figures(ledger: &Ledger, priors: &BTreeMap<String, Amount>) -> ProseFigures {
    ProseFigures {
        appropriation: change_of(ledger, priors, |s, _| s.is_appropriation()),
        general: change_of(ledger, priors, |s, _| s == Source::General),
        fund: change_of(ledger, priors, |s, _| s == Source::Fund),
        state_capital: change_of(ledger, priors, |s, _| s == Source::StateCapital),
        items: items(ledger, priors),
        shares: shares(&ledger.total(|_, _| true)),
    }
}

/// The change of a selection of the budget against the sum of the item priors.
pub(crate) fn change_of(ledger: &Ledger, priors: &BTreeMap<String, Amount>, keep: impl Fn(Source, Kind) -> bool + Copy) -> Change {
    Change::new(ledger.total(keep).total(), prior_of(ledger, priors, keep))
}

/// Last year's 执行数 of the items that have any money from the selection.
fn prior_of(ledger: &Ledger, priors: &BTreeMap<String, Amount>, keep: impl Fn(Source, Kind) -> bool + Copy) -> Amount {
    ledger
        .items
        .iter()
        .filter(|(_, cell)| !cell.filtered(keep).total().is_zero())
        .map(|(code, _)| priors.get(code).copied().unwrap_or_default())
        .sum()
}

/// One figure per 项 of table 5, in code order (domain-spec N4).
fn items(ledger: &Ledger, priors: &BTreeMap<String, Amount>) -> Vec<ItemFigure> {
    let general = |s: Source, _: Kind| s == Source::General;
    let with_money = ledger.items.iter().map(|(code, cell)| (code, cell.filtered(general).total())).filter(|(_, a)| !a.is_zero());
    let figure = |(code, amount): (&String, Amount)| ItemFigure {
        change: Change::new(amount, priors.get(code).copied().unwrap_or_default()),
        code: code.clone(),
    };
    with_money.map(figure).collect()
}

/// Each part's share of the whole budget.
fn shares(all: &Cell) -> Shares {
    let share = |part: Amount| Share::new(part, all.total());
    Shares {
        appropriation: share(all.sum(|s, _| s.is_appropriation())),
        business: share(all.of_source(Source::Business)),
        operating: share(all.of_source(Source::Operating)),
        superior: share(all.of_source(Source::Superior)),
        other: share(all.of_source(Source::Other)),
        basic: share(all.of_kind(Kind::Basic)),
        project: share(all.of_kind(Kind::Project)),
        unmodelled: share(Amount::ZERO),
    }
}
