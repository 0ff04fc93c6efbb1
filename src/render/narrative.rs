//! View model of the generated prose: amounts in 万元, change words and percentages.

use serde::Serialize;

use crate::derive::{Budget, Change, Direction, Kind, Source};
use crate::money::{Amount, NumberFormat};

use super::formats::Formats;

/// How sentences print figures: 万元 amounts and percentages in the set's formats.
#[derive(Debug, Clone, Copy)]
pub struct Prose {
    pub money: NumberFormat,
    pub percent: NumberFormat,
}

impl Default for Prose {
    fn default() -> Self {
        Prose { money: NumberFormat::WAN_PROSE, percent: NumberFormat::PERCENT }
    }
}

/// 元 as 万元 in the base prose format (`13,699.36`), for messages and the booklet headline.
pub fn wan(a: Amount) -> String {
    Prose::default().wan(a)
}

impl Prose {
    /// The prose formats of a template set.
    pub fn of(f: &Formats) -> Prose {
        Prose { money: f.prose, percent: f.percent }
    }

    /// 元 as a 万元 figure: `13,699.36` (区级) or `5295.1` (镇级), zero as `0`.
    pub fn wan(self, a: Amount) -> String {
        self.money.wan(a)
    }

    /// A percentage already rounded by the derivation.
    pub fn percent(self, p: rust_decimal::Decimal) -> String {
        self.percent.render(p)
    }

    /// Share of a part in a whole: `93.96`; a zero whole (refused by D15 where a set prints
    /// shares) reads as a zero share so a draft still renders.
    pub fn share(self, part: Amount, whole: Amount) -> String {
        let dp = self.percent.decimals;
        let share = crate::money::percent_share(part, whole, dp).unwrap_or_else(|| crate::money::round_half_up(rust_decimal::Decimal::ZERO, dp));
        self.percent(share)
    }

    pub fn figure(self, c: Change) -> Figure {
        Figure { amount: self.wan(c.current), prior: self.wan(c.prior), change: self.change(c) }
    }

    pub fn change(self, c: Change) -> ChangeView {
        ChangeView {
            direction: c.direction(),
            word: c.direction().word(),
            amount: self.wan(c.magnitude()),
            percent: c.percent(self.percent.decimals).map(|p| self.percent(p)),
            new: c.prior.is_zero() && !c.current.is_zero(),
        }
    }
}

/// A change ready for a sentence: direction, its word, size in 万元 and percent.
#[derive(Debug, Serialize)]
pub struct ChangeView {
    pub direction: Direction,
    pub word: &'static str,
    pub amount: String,
    pub percent: Option<String>,
    pub new: bool,
}

/// A figure with its change against last year.
#[derive(Debug, Serialize)]
pub struct Figure {
    pub amount: String,
    pub prior: String,
    pub change: ChangeView,
}

/// One 项 sentence of 编制说明: path of names, amount, purpose, prior and reason.
#[derive(Debug, Serialize)]
pub struct ItemView {
    pub number: usize,
    pub code: String,
    pub class: String,
    pub section: String,
    pub item: String,
    pub figure: Figure,
    pub purpose: String,
    pub purpose_sentence: bool,
    pub reason: String,
    pub marks: Vec<String>,
}

/// The typed texts of one 项 sentence.
#[derive(Debug, Default)]
pub struct ItemText {
    pub purpose: String,
    pub purpose_sentence: bool,
    pub reason: String,
}

/// The whole 编制说明 chapter's figures.
#[derive(Debug, Serialize)]
pub struct Narrative {
    pub income_total: String,
    pub appropriation: Figure,
    pub business: String,
    pub operating: String,
    pub other: String,
    pub spending_total: String,
    pub general: Figure,
    pub fund: Figure,
    pub state_capital: Figure,
    pub items: Vec<ItemView>,
}

/// Builds the narrative figures; `texts` gives each item's purpose and reason.
pub fn build_narrative(b: &Budget, texts: &dyn Fn(&str) -> ItemText, prose: Prose) -> Narrative {
    let all = b.ledger.total(|_, _| true);
    Narrative {
        income_total: prose.wan(all.total()),
        appropriation: prose.figure(b.change_of(|s, _| s.is_appropriation())),
        business: prose.wan(all.of_source(Source::Business)),
        operating: prose.wan(all.of_source(Source::Operating)),
        other: prose.wan(all.of_source(Source::Other)),
        spending_total: prose.wan(all.total()),
        general: prose.figure(b.change_of(|s, _| s == Source::General)),
        fund: prose.figure(b.change_of(|s, _| s == Source::Fund)),
        state_capital: prose.figure(b.change_of(|s, _| s == Source::StateCapital)),
        items: build_items(b, texts, prose),
    }
}

/// One sentence per 项 of table 5, in code order (domain-spec N4).
fn build_items(b: &Budget, texts: &dyn Fn(&str) -> ItemText, prose: Prose) -> Vec<ItemView> {
    let general = |s: Source, _: Kind| s == Source::General;
    b.ledger
        .items
        .iter()
        .filter(|(_, cell)| !cell.filtered(general).total().is_zero())
        .enumerate()
        .map(|(i, (code, cell))| {
            let prior = b.priors.get(code).copied().unwrap_or_default();
            let text = texts(code);
            ItemView {
                number: i + 1,
                code: code.clone(),
                class: b.function_name(&code[..3]).into(),
                section: b.function_name(&code[..5]).into(),
                item: b.function_name(code).into(),
                figure: prose.figure(Change::new(cell.filtered(general).total(), prior)),
                purpose: text.purpose,
                purpose_sentence: text.purpose_sentence,
                reason: text.reason,
                marks: Vec::new(),
            }
        })
        .collect()
}
