//! Indicator targets: `≥95(%)`-style values parsed into operator, number and unit.

use rust_decimal::Decimal;

/// A comparison operator of a quantitative target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Ge,
    Le,
    Eq,
    Gt,
    Lt,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Le => "≤",
            Op::Eq => "=",
            Op::Gt => ">",
            Op::Lt => "<",
        }
    }
}

/// A target: quantitative (operator, number, unit) or a qualitative word such as 及时.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Quantity { op: Op, value: Decimal, unit: String },
    Quality(String),
}

const OPERATORS: [(&str, Op); 7] =
    [("≥", Op::Ge), (">=", Op::Ge), ("≤", Op::Le), ("<=", Op::Le), ("=", Op::Eq), (">", Op::Gt), ("<", Op::Lt)];

/// Why a target does not parse: empty, no number after the operator, or a number too large.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    Empty,
    NoNumber(String),
    TooLarge(String),
}

impl TargetError {
    /// The message, in Chinese.
    pub fn message(&self) -> String {
        match self {
            TargetError::Empty => "指标值为空".into(),
            TargetError::NoNumber(text) => format!("“{text}”的运算符后应是数字，如 ≥95(%)"),
            TargetError::TooLarge(text) => format!("“{text}”中的数字过大，无法计算"),
        }
    }
}

/// Parses a target; text starting with an operator must continue with a number.
pub fn parse_target(text: &str) -> Result<Target, TargetError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(TargetError::Empty);
    }
    let Some((rest, op)) = OPERATORS.iter().find_map(|(s, op)| text.strip_prefix(s).map(|r| (r.trim(), *op))) else {
        return Ok(Target::Quality(text.to_string()));
    };
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
    let number = &rest[..end];
    let value: Decimal = number.parse().map_err(|_| {
        // Digits with at most one point that still do not parse are beyond Decimal's range.
        let numeric = number.bytes().any(|b| b.is_ascii_digit()) && number.matches('.').count() <= 1;
        if numeric { TargetError::TooLarge(text.to_string()) } else { TargetError::NoNumber(text.to_string()) }
    })?;
    let unit = rest[end..].trim();
    let unit = unit.strip_prefix('(').and_then(|u| u.strip_suffix(')')).unwrap_or(unit);
    Ok(Target::Quantity { op, value, unit: unit.trim().to_string() })
}

impl Target {
    /// The 2024 普陀 style: operator, two decimals, unit in ASCII parentheses: `≥95.00(%)`.
    pub fn display(&self) -> String {
        match self {
            Target::Quality(text) => text.clone(),
            Target::Quantity { op, value, unit } => {
                let number = crate::money::round_half_up(*value, 2);
                if unit.is_empty() { format!("{}{number}", op.symbol()) } else { format!("{}{number}({unit})", op.symbol()) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_and_print_in_the_2024_style() {
        let show = |s: &str| parse_target(s).unwrap().display();
        assert_eq!(show("≥360000(件)"), "≥360000.00(件)");
        assert_eq!(show(">=95%"), "≥95.00(%)");
        assert_eq!(show("≤5 (天)"), "≤5.00(天)");
        assert_eq!(show("=0"), "=0.00");
        assert_eq!(show("及时"), "及时");
        assert!(parse_target("≥abc").is_err());
        assert!(parse_target("  ").is_err());
        assert!(matches!(parse_target("≥99999999999999999999999999999999(件)"), Err(TargetError::TooLarge(_))));
        assert!(matches!(parse_target("≥.(件)"), Err(TargetError::NoNumber(_))));
    }
}
