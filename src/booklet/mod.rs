//! 项目绩效目标申报表 booklet (layout of 003): headline, project explanations, 填报表.

mod checks;

use serde::Serialize;

pub use checks::check;

use crate::derive::date::year_of;
use crate::model::booklet::{BookletFile, BookletProject};
use crate::money::{Amount, NumberFormat, ZeroStyle};
use crate::style::wan;
use crate::view_model::findings::DraftView;
use crate::view_model::indicators::{IndicatorRow, indicator_rows_as_typed};

/// This year's money of a project: 当年财政拨款 + 上年结转 + 其他.
pub fn annual(p: &BookletProject) -> Amount {
    let opt = |a: &Option<toml::Spanned<Amount>>| a.as_ref().map_or(Amount::ZERO, |a| *a.get_ref());
    *p.appropriation.get_ref() + opt(&p.carryover) + opt(&p.other)
}

/// The whole booklet as the template prints it.
#[derive(Debug, Serialize)]
pub struct BookletView {
    /// The booklet title: `…2022年财政支出项目绩效目标申报表`.
    pub title: String,
    /// The year, a number: `2022`.
    pub year: i32,
    /// The unit's name, as typed.
    pub unit: String,
    /// Number of units in the headline, as typed.
    pub units: u32,
    /// Number of projects, a number.
    pub project_count: usize,
    /// The projects' money this year in 万元 with the base prose format: `582.64`.
    pub amount: String,
    /// One explanation and form per project, in the file's order.
    pub projects: Vec<ProjectView>,
    /// Present only in a draft: the findings page.
    pub draft: Option<DraftView>,
}

/// One project's explanation and form.
#[derive(Debug, Serialize)]
pub struct ProjectView {
    /// The project's position, from 1.
    pub number: usize,
    /// 项目名称: the project's name.
    pub name: String,
    /// 项目类别, as typed: `经常性项目`.
    pub category: String,
    /// 主管部门, as typed.
    pub department: String,
    /// 实施单位, as typed.
    pub implementer: String,
    /// 计划开始日期, as typed: `2022-01-01`.
    pub start: String,
    /// 计划完成日期, as typed.
    pub end: String,
    /// The year of the start date: `2022`.
    pub start_year: String,
    /// The year of the end date.
    pub end_year: String,
    /// 项目资金总额 in 元, two decimals, no separators: `1132300.00`.
    pub total: String,
    /// 年度资金申请总额 in 元, no trailing zeros: `1132300`.
    pub annual: String,
    /// 其中：财政资金 (当年财政拨款 plus 上年结转) in 元, no trailing zeros.
    pub fiscal: String,
    /// 当年财政拨款 in 元, no trailing zeros.
    pub appropriation: String,
    /// 上年结转资金 in 元, no trailing zeros: `0`.
    pub carryover: String,
    /// 其他资金 in 元, no trailing zeros.
    pub other: String,
    /// The six explanation sections in order (项目概述 … 年度预算安排), each a list of paragraphs.
    pub sections: Vec<Vec<String>>,
    /// 项目总体目标, as typed.
    pub overall_goal: String,
    /// 年度总体目标, as typed.
    pub annual_goal: String,
    /// The indicator rows with merged-cell spans; targets as typed.
    pub indicators: Vec<IndicatorRow>,
    /// Rows the 绩效指标 cell spans: the header row plus one per indicator, a number.
    pub indicator_span: usize,
    /// Draft marks of this project; empty in a release.
    pub marks: Vec<String>,
}

/// 项目资金总额 with two decimals, no separators: `1132300.00`.
const TOTAL_FORMAT: NumberFormat = NumberFormat { decimals: 2, separators: false, zero: ZeroStyle::Padded, trim: false, whole: false };

/// Other form amounts as the 003 forms print them: no trailing zeros (`1132300`, `2793072.2`).
fn plain(a: Amount) -> String {
    a.yuan().normalize().to_string()
}

/// Builds the booklet view; the headline counts and sums the projects.
pub fn build_view(file: &BookletFile) -> BookletView {
    let year = *file.year.get_ref();
    let amount: Amount = file.projects.iter().map(annual).sum();
    BookletView {
        title: format!("{}{year}年财政支出项目绩效目标申报表", file.unit),
        year,
        unit: file.unit.clone(),
        units: file.units,
        project_count: file.projects.len(),
        amount: wan(amount),
        projects: file.projects.iter().enumerate().map(|(i, p)| project_view(i, p)).collect(),
        draft: None,
    }
}

fn project_view(i: usize, p: &BookletProject) -> ProjectView {
    let opt = |a: &Option<toml::Spanned<Amount>>| a.as_ref().map_or(Amount::ZERO, |a| *a.get_ref());
    ProjectView {
        number: i + 1,
        name: p.name.clone(),
        category: p.category.clone(),
        department: p.department.clone(),
        implementer: p.implementer.clone(),
        start: p.start.get_ref().clone(),
        end: p.end.get_ref().clone(),
        start_year: year_of(p.start.get_ref()),
        end_year: year_of(p.end.get_ref()),
        total: TOTAL_FORMAT.yuan(*p.total.get_ref()),
        annual: plain(annual(p)),
        fiscal: plain(*p.appropriation.get_ref() + opt(&p.carryover)),
        appropriation: plain(*p.appropriation.get_ref()),
        carryover: plain(opt(&p.carryover)),
        other: plain(opt(&p.other)),
        sections: vec![
            p.overview.clone(),
            p.basis.clone(),
            p.implementer_text.clone(),
            p.plan.clone(),
            p.period.clone(),
            p.budget_text.clone(),
        ],
        overall_goal: p.overall_goal.clone(),
        annual_goal: p.annual_goal.clone(),
        indicator_span: p.indicators.len() + 1,
        indicators: indicator_rows_as_typed(&p.indicators),
        marks: Vec::new(),
    }
}
