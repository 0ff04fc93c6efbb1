//! Exact money: amounts in 元 as `Decimal`, one rounding rule, display formats.
//!
//! Every figure the documents print goes through [`round_half_up`], so the
//! 四舍五入 rule lives in exactly one place.

mod format;

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

pub use format::{NumberFormat, Scale, ZeroStyle, group_thousands};

/// An amount of money in 元, parsed from a TOML integer or string, never a float.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

impl Amount {
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// The amount's value in 元.
    pub fn yuan(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

/// Leaves are bounded at [`MAX_YUAN`], so no real file comes near `Decimal`'s range (it would need
/// some 10^13 leaves); the operators saturate instead of panicking, and `checked_*` lets a caller
/// that combines unbounded figures report T7 instead.
impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, rhs: Amount) -> Amount {
        Amount(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::AddAssign for Amount {
    fn add_assign(&mut self, rhs: Amount) {
        *self = *self + rhs;
    }
}

impl std::ops::Sub for Amount {
    type Output = Amount;
    fn sub(self, rhs: Amount) -> Amount {
        Amount(self.0.saturating_sub(rhs.0))
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, |a, b| a + b)
    }
}

impl Amount {
    /// The sum, or `None` when it cannot be represented.
    pub fn checked_add(self, rhs: Amount) -> Option<Amount> {
        self.0.checked_add(rhs.0).map(Amount)
    }

    /// The size of the gap between two amounts, without sign (saturating, like the operators).
    pub fn difference(self, other: Amount) -> Amount {
        Amount(self.0.saturating_sub(other.0).abs())
    }

    /// The sum of many amounts, or `None` when it cannot be represented.
    pub fn checked_sum(items: impl IntoIterator<Item = Amount>) -> Option<Amount> {
        items.into_iter().try_fold(Amount::ZERO, Amount::checked_add)
    }
}

impl From<i64> for Amount {
    fn from(v: i64) -> Self {
        Amount(Decimal::from(v))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

/// Parses "1,234.50" or "1234" into an amount; commas (or `_`) must group thousands.
pub fn parse_amount(text: &str) -> Result<Amount, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("金额为空".into());
    }
    if !separators_group_thousands(trimmed) {
        return Err(format!("金额“{text}”的千位分隔符位置不对：逗号应每三位一个，如 \"1,234,567.50\""));
    }
    let cleaned: String = trimmed.chars().filter(|c| *c != ',' && *c != '_').collect();
    let value = Decimal::from_str_exact(&cleaned).map_err(|_| format!("“{text}”不是有效的金额"))?;
    if value.scale() > 2 {
        return Err(format!("金额“{text}”超过两位小数（分）"));
    }
    Ok(Amount(value))
}

/// Separators only between groups of three digits of the integer part, one kind per number:
/// `1,234,567.50` and `1234` pass, `1,2,3`, `12,34`, `,123` and `1,234.5,0` do not.
fn separators_group_thousands(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int_part, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let separator = match (int_part.contains(','), int_part.contains('_')) {
        (false, false) => return !frac.contains([',', '_']),
        (true, true) => return false,
        (true, false) => ',',
        (false, true) => '_',
    };
    let mut groups = int_part.split(separator);
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3) && !frac.contains([',', '_'])
}

/// The largest amount accepted: 一千万亿元, far above any budget, so sums cannot overflow.
const MAX_YUAN: i64 = 1_000_000_000_000_000;

/// Budget amounts are never negative (a minus sign is a typing mistake) nor absurdly large.
fn non_negative(a: Amount) -> Result<Amount, String> {
    if a.0.is_sign_negative() && !a.0.is_zero() {
        return Err(format!("金额不能为负数：{a}"));
    }
    if a.0 > Decimal::from(MAX_YUAN) {
        return Err(format!("金额 {a} 元过大，超过一千万亿元，请检查单位是否为元"));
    }
    Ok(a)
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AmountVisitor)
    }
}

struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("以元为单位的金额（整数或字符串，如 1000 或 \"1,000.50\"）")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        non_negative(Amount::from(v)).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        non_negative(Amount(Decimal::from(v))).map_err(E::custom)
    }

    /// A TOML floating point number is refused: its digits are already lost.
    fn visit_f64<E: de::Error>(self, floating_point: f64) -> Result<Amount, E> {
        Err(E::custom(format!(
            "金额不能写成浮点数 {floating_point}：浮点数会丢失精度。请写成整数或加引号的字符串，如 \"{floating_point}\""
        )))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        parse_amount(v).and_then(non_negative).map_err(E::custom)
    }
}

/// Rounds half away from zero (四舍五入) to `dp` decimals: the only rounding in the program.
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// Truncates toward zero to `dp` decimals (the 绩效自评 score rule, domain-spec §5.3).
pub fn truncate(value: Decimal, dp: u32) -> Decimal {
    let mut r = value.round_dp_with_strategy(dp, RoundingStrategy::ToZero);
    r.rescale(dp);
    r
}

/// Converts 元 to 万元 rounded half-up at `dp` decimals, computed from 元 (dividing only shrinks it).
pub fn to_wan(amount: Amount, dp: u32) -> Decimal {
    round_half_up(amount.0 / Decimal::from(10_000), dp)
}

/// `a ÷ b × 100`, or `None` when `b` is zero or the result cannot be represented.
pub fn percent_of(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        return None;
    }
    a.checked_div(b)?.checked_mul(Decimal::ONE_HUNDRED)
}

/// Percentage change from `prior` to `current` without sign, unrounded; `None` when prior is zero.
pub fn change_ratio(current: Amount, prior: Amount) -> Option<Decimal> {
    percent_of(current.0.checked_sub(prior.0)?, prior.0).map(|r| r.abs())
}

/// Percentage change from `prior` to `current`, rounded half-up; `None` when prior is zero.
pub fn percent_change(current: Amount, prior: Amount, dp: u32) -> Option<Decimal> {
    change_ratio(current, prior).map(|r| round_half_up(r, dp))
}

/// Share of `part` in `whole` in percent, rounded half-up; `None` when the whole is zero (no share
/// of nothing: the sentence must not print one).
pub fn percent_share(part: Amount, whole: Amount, dp: u32) -> Option<Decimal> {
    percent_of(part.0, whole.0).map(|p| round_half_up(p, dp))
}

impl FromStr for Amount {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_amount(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn half_up_rounds_ties_away_from_zero() {
        assert_eq!(round_half_up(d("2.345"), 2).to_string(), "2.35");
        assert_eq!(round_half_up(d("-2.345"), 2).to_string(), "-2.35");
        assert_eq!(round_half_up(d("2.344"), 2).to_string(), "2.34");
        assert_eq!(round_half_up(d("12"), 2).to_string(), "12.00");
    }

    #[test]
    fn wan_is_rounded_from_yuan_not_truncated() {
        // domain-spec §4.1: every published value, truncation would give the second column.
        for (yuan, wan) in [
            (136_993_587, "13699.36"),
            (241_670, "24.17"),
            (1_523_152, "152.32"),
            (761_576, "76.16"),
            (6_835, "0.68"),
            (5_077_345, "507.73"),
        ] {
            assert_eq!(to_wan(Amount::from(yuan), 2).to_string(), wan, "{yuan} 元");
        }
        assert_eq!(to_wan(Amount::from(50), 2).to_string(), "0.01", "a tie of 50 元 rounds up");
        assert_eq!(to_wan(Amount::from(49), 2).to_string(), "0.00");
    }

    #[test]
    fn percentages_from_yuan() {
        let pc = |c: i64, p: i64| percent_change(Amount::from(c), Amount::from(p), 2).map(|x| x.to_string());
        assert_eq!(pc(241_670, 231_530), Some("4.38".into()));
        assert_eq!(pc(132_798_641, 133_961_200), Some("0.87".into()), "sign is dropped; the word says 减少");
        assert_eq!(pc(2_600, 2_600), Some("0.00".into()));
        assert_eq!(pc(2_600, 0), None, "no percentage against a zero base");
        assert_eq!(percent_share(Amount::from(5370), Amount::from(571529), 2).map(|p| p.to_string()), Some("0.94".into()));
        assert_eq!(percent_share(Amount::ZERO, Amount::ZERO, 2), None, "no share of a zero whole");
        assert_eq!(percent_of(Decimal::MAX, d("0.01")), None, "too large is None, not a panic");
    }

    #[test]
    fn amounts_parse_from_integers_and_strings_but_not_floats() {
        #[derive(Debug, serde::Deserialize)]
        struct T {
            a: Amount,
        }
        assert_eq!(toml::from_str::<T>("a = 1000").unwrap().a, Amount::from(1000));
        assert_eq!(toml::from_str::<T>("a = \"1,234.50\"").unwrap().a.to_string(), "1234.50");
        let err = toml::from_str::<T>("a = 1000.5").unwrap_err();
        assert!(err.message().contains("金额不能写成浮点数"), "{}", err.message());
        assert!(toml::from_str::<T>("a = \"1.234\"").is_err(), "more than 分 is refused");
        assert!(toml::from_str::<T>("a = \"abc\"").is_err());
        let err = toml::from_str::<T>("a = -5").unwrap_err();
        assert!(err.message().contains("金额不能为负数"), "{}", err.message());
        assert!(toml::from_str::<T>("a = \"-1,000\"").is_err());
    }

    #[test]
    fn separators_must_group_thousands() {
        for ok in ["1,234", "1,234,567.50", "123", "1234567", "12_345", "999,999.99", "0.50"] {
            assert!(parse_amount(ok).is_ok(), "{ok}");
        }
        for bad in ["1,2,3", "12,34", ",123", "1,234,", "1234,567", "1,234.5,0", "1,234_567", "1,,234", "1_2"] {
            let err = parse_amount(bad).unwrap_err();
            assert!(err.contains("金额"), "{bad}: {err}");
        }
    }

    #[test]
    fn operators_saturate_and_checked_forms_report() {
        let max = Amount(Decimal::MAX);
        assert_eq!(max + max, max, "saturates, never panics");
        assert_eq!(max.checked_add(Amount::from(1)), None);
        assert_eq!(Amount::checked_sum([Amount::from(1), Amount::from(2)]), Some(Amount::from(3)));
        assert_eq!(Amount::checked_sum([max, max]), None);
        assert_eq!(percent_change(max, Amount(d("0.01")), 2), None);
    }

    #[test]
    fn truncation_for_scores() {
        assert_eq!(truncate(d("9.3776"), 2).to_string(), "9.37");
        assert_eq!(truncate(d("10"), 2).to_string(), "10.00");
    }
}
