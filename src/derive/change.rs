//! A figure compared with last year: the direction word and the size of the change.

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

/// This year's and last year's value of the same figure, in 元.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub current: Amount,
    pub prior: Amount,
}

impl Change {
    pub fn new(current: Amount, prior: Amount) -> Self {
        Self { current, prior }
    }

    pub fn direction(self) -> Direction {
        match self.current.cmp(&self.prior) {
            std::cmp::Ordering::Greater => Direction::Increase,
            std::cmp::Ordering::Less => Direction::Decrease,
            std::cmp::Ordering::Equal => Direction::Equal,
        }
    }

    /// Size of the change without sign, in 元.
    pub fn magnitude(self) -> Amount {
        self.current.difference(self.prior)
    }

    /// Size of the change in percent of last year, without sign; `None` when last year was 0.
    pub fn percent(self, dp: u32) -> Option<Decimal> {
        money::percent_change(self.current, self.prior, dp)
    }
}
