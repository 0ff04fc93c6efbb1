//! View model of the generated prose: amounts in 万元, change words and percentages.

use serde::Serialize;

use crate::derive::{Budget, Change, Direction, Kind, Source};
use crate::money::{Amount, NumberFormat};

/// Decimals of percentages in the 区级 narrative (000: two).
const PERCENT_DP: u32 = 2;

/// Formats 元 as a 万元 figure in prose: `13,699.36`, zero as `0`.
pub fn wan(a: Amount) -> String {
    NumberFormat::WAN_PROSE.wan(a)
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

impl From<Change> for ChangeView {
    fn from(c: Change) -> Self {
        ChangeView {
            direction: c.direction(),
            word: c.direction().word(),
            amount: wan(c.magnitude()),
            percent: c.percent(PERCENT_DP).map(|p| p.to_string()),
            new: c.prior.is_zero() && !c.current.is_zero(),
        }
    }
}

/// A figure with its change against last year.
#[derive(Debug, Serialize)]
pub struct Figure {
    pub amount: String,
    pub prior: String,
    pub change: ChangeView,
}

impl From<Change> for Figure {
    fn from(c: Change) -> Self {
        Figure { amount: wan(c.current), prior: wan(c.prior), change: c.into() }
    }
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
pub fn build_narrative(b: &Budget, texts: &dyn Fn(&str) -> ItemText) -> Narrative {
    let all = b.ledger.total(|_, _| true);
    Narrative {
        income_total: wan(all.total()),
        appropriation: b.change_of(|s, _| s.is_appropriation()).into(),
        business: wan(all.of_source(Source::Business)),
        operating: wan(all.of_source(Source::Operating)),
        other: wan(all.of_source(Source::Other)),
        spending_total: wan(all.total()),
        general: b.change_of(|s, _| s == Source::General).into(),
        fund: b.change_of(|s, _| s == Source::Fund).into(),
        state_capital: b.change_of(|s, _| s == Source::StateCapital).into(),
        items: build_items(b, texts),
    }
}

/// One sentence per 项 of table 5, in code order (domain-spec N4).
fn build_items(b: &Budget, texts: &dyn Fn(&str) -> ItemText) -> Vec<ItemView> {
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
                figure: Change::new(cell.filtered(general).total(), prior).into(),
                purpose: text.purpose,
                purpose_sentence: text.purpose_sentence,
                reason: text.reason,
                marks: Vec::new(),
            }
        })
        .collect()
}
