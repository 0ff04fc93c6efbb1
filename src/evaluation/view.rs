//! View model of the self-evaluation forms: every figure formatted, spans for merged cells.

use serde::Serialize;

use super::figures::{Funds, ProjectScore};
use crate::model::evaluation::{EvaluatedIndicator, EvaluationFile};
use crate::money::{NumberFormat, ZeroStyle};
use crate::render::project::{spanned_rows, IndicatorCells};

/// 万元 with separators and two decimals, zero as 0.00: `12,566.54`.
const WAN: NumberFormat = NumberFormat { decimals: 2, separators: true, zero: ZeroStyle::Padded, trim: false };

/// The whole document.
#[derive(Debug, Serialize)]
pub struct EvaluationView {
    pub title: String,
    pub year: i32,
    pub department: String,
    pub projects: Vec<FormView>,
    /// Present only in a draft: the findings page.
    pub draft: Option<crate::render::draft::DraftView>,
}

/// One project's form.
#[derive(Debug, Serialize)]
pub struct FormView {
    pub name: String,
    pub department: String,
    pub implementer: String,
    pub rows: Vec<MoneyRow>,
    pub expected: String,
    pub achieved: String,
    pub indicators: Vec<IndicatorRow>,
    pub indicator_span: usize,
    pub total_points: String,
    pub total: String,
    pub grade: &'static str,
    /// Draft marks of this form; empty in a release.
    pub marks: Vec<String>,
}

/// One money row; 分数 and 得分 only on the first.
#[derive(Debug, Serialize)]
pub struct MoneyRow {
    pub label: &'static str,
    pub initial: String,
    pub adjusted: String,
    pub executed: String,
    pub points: String,
    pub rate: String,
    pub score: String,
}

/// One indicator row of the 自评表: the shared row cells plus the evaluation's own columns.
#[derive(Debug, Serialize)]
pub struct IndicatorRow {
    #[serde(flatten)]
    pub row: crate::render::project::IndicatorRow,
    pub actual: String,
    pub weight: String,
    pub score: String,
    pub deviation: String,
}

const ROW_LABELS: [&str; 4] = ["年度资金总额：", "其中：当年财政拨款", "上年结转资金", "其他资金"];

/// Builds the view of every form.
pub fn build_view(file: &EvaluationFile, scores: &[ProjectScore]) -> EvaluationView {
    let year = *file.year.get_ref();
    EvaluationView {
        title: format!("{}{year}年度财政项目支出绩效自评表", file.department),
        year,
        department: file.department.clone(),
        projects: file.projects.iter().zip(scores).map(|(p, s)| FormView {
            name: p.name.clone(),
            department: p.department.clone().unwrap_or_else(|| file.department.clone()),
            implementer: p.implementer.clone(),
            rows: s.rows.iter().zip(ROW_LABELS).enumerate().map(|(i, (row, label))| money_row(i, label, row, s)).collect(),
            expected: p.expected.clone(),
            achieved: p.achieved.clone(),
            indicator_span: p.indicators.len() + 1,
            indicators: indicator_rows(&p.indicators),
            total_points: two(s.total_points().unwrap_or_default()),
            total: two(s.total),
            grade: s.grade.word(),
            marks: Vec::new(),
        }).collect(),
        draft: None,
    }
}

fn two(d: rust_decimal::Decimal) -> String {
    crate::money::round_half_up(d, 2).to_string()
}

fn money_row(i: usize, label: &'static str, row: &Funds, s: &ProjectScore) -> MoneyRow {
    let first = i == 0;
    MoneyRow {
        label,
        initial: WAN.wan(row.initial),
        adjusted: WAN.wan(row.adjusted),
        executed: WAN.wan(row.executed),
        points: if first { two(s.execution_points) } else { "-".into() },
        rate: row.rate().to_string(),
        score: if first { two(s.execution_score) } else { "-".into() },
    }
}

fn indicator_rows(indicators: &[EvaluatedIndicator]) -> Vec<IndicatorRow> {
    let rows = spanned_rows(indicators, |ind| IndicatorCells { level1: &ind.level1, level2: &ind.level2, name: &ind.name, target: ind.target.get_ref().clone() });
    rows.into_iter()
        .zip(indicators)
        .map(|(row, ind)| IndicatorRow {
            row,
            actual: ind.actual.clone(),
            weight: two(ind.weight.get_ref().0),
            score: two(ind.score.get_ref().0),
            deviation: ind.deviation.clone(),
        })
        .collect()
}
