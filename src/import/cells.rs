//! One amount cell read as 元: numbers scaled by the sheet's unit, formulas without a trusted
//! cache flagged for recomputation, text refused unless it is a plainly written number.

use crate::diag::Code;
use std::path::Path;

use rust_decimal::Decimal;

use crate::diag::Diagnostic;
use crate::money::round_half_up;

use super::grid::{Grid, Value, a1};

/// An amount of the workbook with the cell it came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Figure {
    /// In 元, at most two decimals.
    pub(crate) yuan: Decimal,
    pub(crate) row: u32,
    pub(crate) col: u32,
    /// A formula whose cached value is missing or 0: to be computed from its parts.
    pub(crate) uncached: bool,
}

impl Figure {
    pub(crate) fn a1(&self) -> String {
        a1(self.row, self.col)
    }
}

/// The largest amount accepted, as in the TOML data: 一千万亿元.
const MAX_YUAN: i64 = 1_000_000_000_000_000;

/// Reads the amount at (row, col) in 元; an unreadable cell is K3.
pub(crate) fn read_figure(grid: &Grid, row: u32, col: u32, scale: Decimal, workbook: &Path) -> Result<Figure, Diagnostic> {
    let bad = |why: String| Diagnostic::error(Code::K3, why).in_cell(workbook, &grid.name, a1(row, col));
    let raw = match grid.get(row, col) {
        Value::Empty => Decimal::ZERO,
        Value::Number(d) => *d,
        Value::Text(t) => parse_text(t).map_err(|why| bad(why).hint("金额单元格应为数值；请在导出表中改为数字后重新导入"))?,
        Value::Other(o) => return Err(bad(format!("金额单元格的内容“{o}”不是数字")).hint("检查该单元格是否为错误值（如 #REF!）或日期")),
    };
    let yuan = to_yuan(raw, scale).map_err(|why| bad(why).hint("金额以元计最多两位小数，且不能为负"))?;
    let uncached = grid.is_formula(row, col) && yuan.is_zero();
    Ok(Figure { yuan, row, col, uncached })
}

/// A number typed as text: digits with correctly grouped thousands separators, or a dash for zero.
fn parse_text(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    if t.is_empty() || t == "-" || t == "—" {
        return Ok(Decimal::ZERO);
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    let grouped = int.contains(',');
    let groups: Vec<&str> = int.split(',').collect();
    let well_grouped = !grouped || (groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3));
    let digits = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())) && frac.chars().all(|c| c.is_ascii_digit());
    if !digits || !well_grouped || int.is_empty() {
        return Err(format!("金额单元格的内容“{t}”不是数字"));
    }
    let plain: String = int.chars().filter(|c| *c != ',').collect();
    let number = if frac.is_empty() { plain } else { format!("{plain}.{frac}") };
    Decimal::from_str_exact(&number).map_err(|_| format!("金额“{t}”超出可处理的范围"))
}

/// Scales a sheet figure to 元, refusing fractions of a 分, negatives and absurd sizes.
fn to_yuan(raw: Decimal, scale: Decimal) -> Result<Decimal, String> {
    let yuan = raw.checked_mul(scale).ok_or_else(|| format!("金额 {raw} 超出可处理的范围"))?;
    let cents = round_half_up(yuan, 2);
    if (yuan - cents).abs() > Decimal::new(1, 6) {
        return Err(format!("金额 {raw} 折合 {yuan} 元，超过两位小数（分）"));
    }
    if cents.is_sign_negative() && !cents.is_zero() {
        return Err(format!("金额不能为负数：{raw}"));
    }
    if cents > Decimal::from(MAX_YUAN) {
        return Err(format!("金额 {raw} 过大，超过一千万亿元"));
    }
    Ok(cents.normalize())
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::{parse_text, to_yuan};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn text_numbers_need_proper_grouping() {
        assert_eq!(parse_text("1,234,567.50"), Ok(d("1234567.50")));
        assert_eq!(parse_text(" 2600 "), Ok(d("2600")));
        assert_eq!(parse_text("-"), Ok(Decimal::ZERO));
        assert!(parse_text("1,2,3").is_err());
        assert!(parse_text("abc").is_err());
        assert!(parse_text("12,34").is_err());
        assert!(parse_text(",123").is_err());
    }

    #[test]
    fn wan_figures_become_exact_yuan() {
        assert_eq!(to_yuan(d("0.6835"), d("10000")), Ok(d("6835")));
        assert_eq!(to_yuan(d("21.56"), d("10000")), Ok(d("215600")));
        assert_eq!(to_yuan(d("189767551.46"), Decimal::ONE), Ok(d("189767551.46")));
        assert!(to_yuan(d("1.005"), Decimal::ONE).is_err());
        assert!(to_yuan(d("-3"), Decimal::ONE).is_err());
    }
}
