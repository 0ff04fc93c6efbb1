//! The arithmetic of a self-evaluation: 执行率, its score, 总分 and 评分等级 (domain-spec §5.3).

use rust_decimal::Decimal;
use toml::Spanned;

use crate::model::evaluation::{EvaluatedProject, EvaluationFile, FundRow, Points};
use crate::money::{truncate, Amount};

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

    /// 执行率 in percent of the adjusted budget (全年预算数), truncated to 2 decimals; 0 without budget.
    pub fn rate(self) -> Decimal {
        if self.adjusted.is_zero() {
            return truncate(Decimal::ZERO, 2);
        }
        truncate(self.executed.yuan() / self.adjusted.yuan() * Decimal::ONE_HUNDRED, 2)
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
}

/// The default 分数 of budget execution.
pub const EXECUTION_POINTS: i64 = 10;

/// Scores one project.
pub fn score(p: &EvaluatedProject) -> ProjectScore {
    let parts = [Funds::of(&p.appropriation), Funds::of(&p.carryover), Funds::of(&p.other)];
    let total_row = parts.iter().fold(Funds::default(), |a, b| a.plus(*b));
    let points = p.execution_points.as_ref().map_or(Decimal::from(EXECUTION_POINTS), |s| s.get_ref().0);
    let exact = if total_row.adjusted.is_zero() { Decimal::ZERO } else { total_row.executed.yuan() / total_row.adjusted.yuan() };
    let execution_score = truncate((points * exact).min(points), 2);
    let sum = |f: fn(&crate::model::evaluation::EvaluatedIndicator) -> Points| p.indicators.iter().map(|i| f(i).0).sum::<Decimal>();
    let indicator_scores = sum(|i| *i.score.get_ref());
    let total = truncate(execution_score + indicator_scores, 2);
    ProjectScore {
        rows: [total_row, parts[0], parts[1], parts[2]],
        execution_points: points,
        execution_score,
        weights: sum(|i| *i.weight.get_ref()),
        total,
        grade: Grade::of(total),
    }
}

/// Scores every project of a file.
pub fn derive(file: &EvaluationFile) -> Vec<ProjectScore> {
    file.projects.iter().map(score).collect()
}
