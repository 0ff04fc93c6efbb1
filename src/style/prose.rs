//! How sentences print figures: 万元 amounts and percentages, shared by the checks' messages and the views.

use crate::money::{Amount, NumberFormat};

use super::Formats;

/// How sentences print figures: 万元 amounts and percentages in the set's formats.
#[derive(Debug, Clone, Copy)]
pub struct Prose {
    pub money: NumberFormat,
    pub percent: NumberFormat,
    /// Percentages of the 项 sentences, which some years round to whole numbers.
    pub item_percent: NumberFormat,
}

impl Default for Prose {
    fn default() -> Self {
        Prose { money: NumberFormat::WAN_PROSE, percent: NumberFormat::PERCENT, item_percent: NumberFormat::PERCENT }
    }
}

/// 元 as 万元 in the base prose format (`13,699.36`), for messages and the booklet headline.
pub fn wan(a: Amount) -> String {
    Prose::default().wan(a)
}

impl Prose {
    /// The prose formats of a template set.
    pub fn of(f: &Formats) -> Prose {
        Prose { money: f.prose, percent: f.percent, item_percent: f.item_percent }
    }

    /// 元 as a 万元 figure: `13,699.36` (区级) or `5295.1` (镇级), zero as `0`.
    pub fn wan(self, a: Amount) -> String {
        self.money.wan(a)
    }

    /// A percentage already rounded by the derivation.
    pub fn percent(self, p: rust_decimal::Decimal) -> String {
        self.percent.render(p)
    }

    /// The formats of the 项 sentences: their own percent precision.
    pub fn items(self) -> Prose {
        Prose { percent: self.item_percent, ..self }
    }
}
