//! Display formats of figures: decimals, thousands separators, how zero looks, 元 or 万元.

use rust_decimal::Decimal;

use super::{Amount, round_half_up, to_wan};

/// Inserts thousands separators into the integer part of an already rounded decimal.
pub fn group_thousands(value: Decimal) -> String {
    let text = value.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// How a number is written: decimals, separators, how zero looks, and trailing zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberFormat {
    pub decimals: u32,
    pub separators: bool,
    pub zero: ZeroStyle,
    /// Drops trailing zeros after rounding: `5295.10` → `5295.1`, `5370.00` → `5370` (镇级 prose).
    pub trim: bool,
    /// Drops the decimals of a whole number only: `7万元` but `7,464.83万元` (2022 区级 prose).
    pub whole: bool,
}

/// How a zero value is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZeroStyle {
    /// Printed with the usual decimals, e.g. `0.00`.
    Padded,
    /// Printed as a bare `0`.
    Bare,
    /// Left blank.
    Blank,
}

impl NumberFormat {
    /// 元 in tables: `136,993,587.00`.
    pub const YUAN_TABLE: NumberFormat = NumberFormat { decimals: 2, separators: true, zero: ZeroStyle::Padded, trim: false, whole: false };
    /// 万元 in prose: `13,699.36`, zero as `0`.
    pub const WAN_PROSE: NumberFormat = NumberFormat { decimals: 2, separators: true, zero: ZeroStyle::Bare, trim: false, whole: false };
    /// Percentages in prose: `4.38`, `0.00`.
    pub const PERCENT: NumberFormat = NumberFormat { decimals: 2, separators: false, zero: ZeroStyle::Padded, trim: false, whole: false };

    /// Renders an already-rounded value in this format.
    pub fn render(self, value: Decimal) -> String {
        if value.is_zero() {
            return match self.zero {
                ZeroStyle::Padded => self.render_nonzero(value),
                ZeroStyle::Bare => "0".into(),
                ZeroStyle::Blank => String::new(),
            };
        }
        self.render_nonzero(value)
    }

    fn render_nonzero(self, value: Decimal) -> String {
        let mut rounded = round_half_up(value, self.decimals);
        if self.trim || (self.whole && rounded.fract().is_zero()) {
            rounded = rounded.normalize();
        }
        if self.separators { group_thousands(rounded) } else { rounded.to_string() }
    }

    /// Renders an amount of 元 in the given unit.
    pub fn amount(self, amount: Amount, unit: Scale) -> String {
        match unit {
            Scale::Yuan => self.yuan(amount),
            Scale::Wan => self.wan(amount),
        }
    }

    /// Renders an amount of 元 in 元.
    pub fn yuan(self, amount: Amount) -> String {
        self.render(amount.0)
    }

    /// Renders an amount of 元 in 万元, rounded from 元.
    pub fn wan(self, amount: Amount) -> String {
        self.render(to_wan(amount, self.decimals))
    }
}

/// The unit a table prints its amounts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// 元, as typed.
    #[default]
    Yuan,
    /// 万元, rounded from 元.
    Wan,
}

impl Scale {
    /// The unit's name for table headings: `单位：元`.
    pub fn label(self) -> &'static str {
        match self {
            Scale::Yuan => "元",
            Scale::Wan => "万元",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn prose_and_table_formats() {
        assert_eq!(NumberFormat::WAN_PROSE.wan(Amount::from(136_993_587)), "13,699.36");
        assert_eq!(NumberFormat::WAN_PROSE.wan(Amount::ZERO), "0");
        assert_eq!(NumberFormat::YUAN_TABLE.yuan(Amount::from(136_993_587)), "136,993,587.00");
        assert_eq!(NumberFormat::YUAN_TABLE.yuan(Amount::ZERO), "0.00");
        assert_eq!(group_thousands(d("-1234567.5")), "-1,234,567.5");
        assert_eq!(group_thousands(d("999")), "999");
        let trimmed = NumberFormat { separators: false, trim: true, ..NumberFormat::WAN_PROSE };
        for (yuan, text) in
            [(52_951_000, "5295.1"), (53_700_000, "5370"), (3_828_000, "382.8"), (57_152_900, "5715.29"), (0, "0"), (180_000, "18")]
        {
            assert_eq!(trimmed.wan(Amount::from(yuan)), text, "{yuan} 元");
        }
        assert_eq!(NumberFormat { trim: true, ..NumberFormat::PERCENT }.render(d("0.00")), "0", "trimming applies to a padded zero too");
        assert_eq!(NumberFormat::PERCENT.render(d("0.00")), "0.00");
        assert_eq!(NumberFormat { trim: true, zero: ZeroStyle::Bare, ..NumberFormat::PERCENT }.render(d("0.00")), "0");
        assert_eq!(NumberFormat::YUAN_TABLE.amount(Amount::from(57_152_900), Scale::Wan), "5,715.29");
        let whole = NumberFormat { whole: true, ..NumberFormat::WAN_PROSE };
        for (yuan, text) in
            [(77_130_000, "7,713"), (70_000, "7"), (74_648_300, "7,464.83"), (52_951_000, "5,295.10"), (80_541_100, "8,054.11")]
        {
            assert_eq!(whole.wan(Amount::from(yuan)), text, "{yuan} 元");
        }
    }
}
