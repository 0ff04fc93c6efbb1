//! The arithmetic of a self-evaluation: 执行率, its score, 总分 and 评分等级 (domain-spec §5.3).

use std::ops::Range;

use rust_decimal::Decimal;
use toml::Spanned;

use crate::model::evaluation::{EvaluatedProject, EvaluationFile, FundRow, Points};
use crate::money::{Amount, percent_of, truncate};

/// 评分等级 by the 财政部 thresholds: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    Excellent,
    Good,
    Fair,
    Poor,
}

impl Grade {
    pub fn of(total: Decimal) -> Grade {
        match total {
            t if t >= Decimal::from(90) => Grade::Excellent,
            t if t >= Decimal::from(80) => Grade::Good,
            t if t >= Decimal::from(60) => Grade::Fair,
            _ => Grade::Poor,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }
}

/// One money row in 元 with its execution rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Funds {
    pub initial: Amount,
    pub adjusted: Amount,
    pub executed: Amount,
}

impl Funds {
    fn of(row: &FundRow) -> Funds {
        let get = |a: &Option<Spanned<Amount>>| a.as_ref().map_or(Amount::ZERO, |a| *a.get_ref());
        Funds { initial: get(&row.initial), adjusted: get(&row.adjusted), executed: get(&row.executed) }
    }

    fn plus(self, o: Funds) -> Funds {
        Funds { initial: self.initial + o.initial, adjusted: self.adjusted + o.adjusted, executed: self.executed + o.executed }
    }

    /// 执行率 in percent of the adjusted budget (全年预算数), truncated to 2 decimals; 0 without
    /// budget (V5 refuses spending without one). Bounded amounts keep the quotient far in range.
    pub fn rate(self) -> Decimal {
        let rate = percent_of(self.executed.yuan(), self.adjusted.yuan()).unwrap_or_default();
        truncate(rate, 2)
    }
}

/// Every derived figure of one project's form.
#[derive(Debug, Clone)]
pub struct ProjectScore {
    /// 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金.
    pub rows: [Funds; 4],
    pub execution_points: Decimal,
    /// 预算执行率得分 = trunc₂(分数 × 执行率 / 100), at most 分数.
    pub execution_score: Decimal,
    pub weights: Decimal,
    pub total: Decimal,
    pub grade: Grade,
    /// The typed values whose arithmetic overflowed (T7), by span; the figures they feed are zero.
    pub too_large: Vec<Range<usize>>,
}

impl ProjectScore {
    /// 分值 of the whole form: the indicators' weights plus the execution 分数.
    pub fn total_points(&self) -> Option<Decimal> {
        self.weights.checked_add(self.execution_points)
    }
}

/// The default 分数 of budget execution.
pub const EXECUTION_POINTS: i64 = 10;

/// A sum of typed points, or the span of the first one that no longer fits.
fn points_sum<'a>(items: impl Iterator<Item = &'a Spanned<Points>>) -> Result<Decimal, Range<usize>> {
    items.into_iter().try_fold(Decimal::ZERO, |sum, p| sum.checked_add(p.get_ref().0).ok_or_else(|| p.span()))
}

/// 预算执行率得分 = trunc₂(min(分数 × 执行数 ÷ 全年预算数, 分数)); `None` when it cannot be computed.
fn execution_score(points: Decimal, total: Funds) -> Option<Decimal> {
    if total.adjusted.is_zero() {
        return Some(truncate(Decimal::ZERO, 2));
    }
    let exact = total.executed.yuan().checked_div(total.adjusted.yuan())?;
    Some(truncate(points.checked_mul(exact)?.min(points), 2))
}

/// Where an execution score that cannot be computed is reported: the 分数 if typed, else 执行数.
fn execution_span(p: &EvaluatedProject) -> Option<Range<usize>> {
    let executed = [&p.appropriation, &p.carryover, &p.other].into_iter().find_map(|r| r.executed.as_ref().map(|a| a.span()));
    p.execution_points.as_ref().map(|s| s.span()).or(executed)
}

/// Scores one project; figures that overflow are zero and their values listed for T7.
pub fn score(p: &EvaluatedProject) -> ProjectScore {
    let parts = [Funds::of(&p.appropriation), Funds::of(&p.carryover), Funds::of(&p.other)];
    let total_row = parts.iter().fold(Funds::default(), |a, b| a.plus(*b));
    let points = p.execution_points.as_ref().map_or(Decimal::from(EXECUTION_POINTS), |s| s.get_ref().0);
    let mut too_large = Vec::new();
    let mut keep = |r: Result<Decimal, Range<usize>>| {
        r.unwrap_or_else(|span| {
            too_large.push(span);
            Decimal::ZERO
        })
    };
    let execution = keep(execution_score(points, total_row).ok_or_else(|| execution_span(p).unwrap_or_default()));
    let weights = keep(points_sum(p.indicators.iter().map(|i| &i.weight)));
    let scores = keep(points_sum(p.indicators.iter().map(|i| &i.score)));
    let last_score = p.indicators.last().map(|i| i.score.span()).unwrap_or_default();
    let total = keep(execution.checked_add(scores).map(|t| truncate(t, 2)).ok_or(last_score));
    ProjectScore {
        rows: [total_row, parts[0], parts[1], parts[2]],
        execution_points: points,
        execution_score: execution,
        weights,
        total,
        grade: Grade::of(total),
        too_large,
    }
}

/// Scores every project of a file.
pub fn derive(file: &EvaluationFile) -> Vec<ProjectScore> {
    file.projects.iter().map(score).collect()
}
