//! A figure compared with last year (the direction word and the size of the change) or with a
//! whole (a share), each with its percent computed once.

use rust_decimal::Decimal;

use crate::money::{self, Amount};

/// Direction of a change, which decides the 增加/减少/持平 wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Increase,
    Decrease,
    Equal,
}

impl Direction {
    /// The one word that states the direction.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Increase => "增加",
            Direction::Decrease => "减少",
            Direction::Equal => "持平",
        }
    }
}

/// This year's and last year's value of the same figure, in 元, with the change in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub current: Amount,
    pub prior: Amount,
    /// Which way the figure moved.
    pub direction: Direction,
    /// Size of the change without sign, in 元.
    pub magnitude: Amount,
    /// The change in percent of last year, without sign and unrounded; `None` when last year was 0.
    pub ratio: Option<Decimal>,
}

impl Change {
    /// The figure's change: direction, size and percent computed once here.
    pub fn new(current: Amount, prior: Amount) -> Self {
        let direction = match current.cmp(&prior) {
            std::cmp::Ordering::Greater => Direction::Increase,
            std::cmp::Ordering::Less => Direction::Decrease,
            std::cmp::Ordering::Equal => Direction::Equal,
        };
        Self { current, prior, direction, magnitude: current.difference(prior), ratio: money::change_ratio(current, prior) }
    }

    /// The derived percent rounded half-up to `dp` decimals for print; `None` when last year was 0.
    pub fn percent(self, dp: u32) -> Option<Decimal> {
        self.ratio.map(|r| money::round_half_up(r, dp))
    }
}

/// A part of a whole, for the 占X% sentences, with the share in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub part: Amount,
    pub whole: Amount,
    /// The share in percent, unrounded; `None` for a zero whole (D15).
    pub ratio: Option<Decimal>,
}

impl Share {
    /// The share of `part` in `whole`, its percent computed once here.
    pub fn new(part: Amount, whole: Amount) -> Share {
        Share { part, whole, ratio: money::percent_of(part.0, whole.0) }
    }

    /// The derived share rounded half-up to `dp` decimals for print; `None` for a zero whole (D15).
    pub fn percent(self, dp: u32) -> Option<Decimal> {
        self.ratio.map(|r| money::round_half_up(r, dp))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_of_nothing_is_none() {
        let share = Share::new(Amount::from(5), Amount::ZERO);
        assert_eq!(share.percent(2), None);
        let share = Share::new(Amount::from(1), Amount::from(3));
        assert_eq!(share.percent(2), Some(Decimal::new(3333, 2)));
    }
}
