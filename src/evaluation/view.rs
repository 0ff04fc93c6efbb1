//! View model of the self-evaluation forms: every figure formatted, spans for merged cells.

use serde::Serialize;

use super::figures::{Funds, ProjectScore};
use crate::model::evaluation::{EvaluatedIndicator, EvaluationFile};
use crate::money::{NumberFormat, ZeroStyle};
use crate::view_model::findings::DraftView;
use crate::view_model::indicators::{IndicatorCells, spanned_rows};

/// 万元 with separators and two decimals, zero as 0.00: `12,566.54`.
const WAN: NumberFormat = NumberFormat { decimals: 2, separators: true, zero: ZeroStyle::Padded, trim: false, whole: false };

/// The whole document.
#[derive(Debug, Serialize)]
pub struct EvaluationView {
    /// The document title: `…2023年度财政项目支出绩效自评表`.
    pub title: String,
    /// The year evaluated, a number: `2023`.
    pub year: i32,
    /// 主管部门, as typed.
    pub department: String,
    /// One 自评表 per project, in the file's order.
    pub projects: Vec<FormView>,
    /// Present only in a draft: the findings page.
    pub draft: Option<DraftView>,
}

/// One project's form.
#[derive(Debug, Serialize)]
pub struct FormView {
    /// 项目名称: the project's name.
    pub name: String,
    /// 主管部门: the project's own, else the document's.
    pub department: String,
    /// 实施单位, as typed.
    pub implementer: String,
    /// The 项目资金 rows: 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金.
    pub rows: Vec<MoneyRow>,
    /// 年度总体目标's 预期目标, as typed.
    pub expected: String,
    /// 实际完成情况, as typed.
    pub achieved: String,
    /// The indicator rows with the evaluation's own columns.
    pub indicators: Vec<IndicatorRow>,
    /// Rows the indicator block spans: the header row plus one per indicator, a number.
    pub indicator_span: usize,
    /// The 分值 of 总分 (all points), two decimals: `100.00`.
    pub total_points: String,
    /// 总分 as scored, two decimals: `96.37`.
    pub total: String,
    /// 评分等级 from the score: `优`, `良`, `中` or `差`.
    pub grade: &'static str,
    /// Draft marks of this form; empty in a release.
    pub marks: Vec<String>,
}

/// One money row; 分数 and 得分 only on the first.
#[derive(Debug, Serialize)]
pub struct MoneyRow {
    /// The row label: `年度资金总额：`, `其中：当年财政拨款`, `上年结转资金` or `其他资金`.
    pub label: &'static str,
    /// 年初预算数 in 万元, two decimals with separators: `97.68`.
    pub initial: String,
    /// 全年预算数 in 万元, same format.
    pub adjusted: String,
    /// 全年执行数 in 万元, same format.
    pub executed: String,
    /// 分数, two decimals (`10.00`), on the first row; `-` on the others.
    pub points: String,
    /// 执行率 in percent: `93.77`.
    pub rate: String,
    /// 得分, two decimals (`9.37`), on the first row; `-` on the others.
    pub score: String,
}

/// One indicator row of the 自评表: the shared row cells plus the evaluation's own columns.
#[derive(Debug, Serialize)]
pub struct IndicatorRow {
    /// The shared cells (`level1`, `level1_span`, `level2`, `level2_span`, `name`, `target`), flattened into this row.
    #[serde(flatten)]
    pub row: crate::view_model::indicators::IndicatorRow,
    /// 实际完成值, as typed: `103.00(台)`.
    pub actual: String,
    /// 分值, two decimals: `40.00`.
    pub weight: String,
    /// 得分, two decimals: `40.00`.
    pub score: String,
    /// 偏差原因分析及改进措施, as typed; may be empty.
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
        projects: file
            .projects
            .iter()
            .zip(scores)
            .map(|(p, s)| FormView {
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
            })
            .collect(),
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
    let rows = spanned_rows(indicators, |ind| IndicatorCells {
        level1: &ind.level1,
        level2: &ind.level2,
        name: &ind.name,
        target: ind.target.get_ref().clone(),
    });
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
