//! 项目绩效目标申报表 booklet (layout of 003): headline, project explanations, 填报表.

mod checks;

use serde::Serialize;

pub use checks::check;

use crate::model::booklet::{BookletFile, BookletProject};
use crate::money::{Amount, NumberFormat, ZeroStyle};
use crate::render::narrative::wan;
use crate::render::project::year_of;

/// This year's money of a project: 当年财政拨款 + 上年结转 + 其他.
pub fn annual(p: &BookletProject) -> Amount {
    let opt = |a: &Option<toml::Spanned<Amount>>| a.as_ref().map_or(Amount::ZERO, |a| *a.get_ref());
    *p.appropriation.get_ref() + opt(&p.carryover) + opt(&p.other)
}

/// The whole booklet as the template prints it.
#[derive(Debug, Serialize)]
pub struct BookletView {
    pub title: String,
    pub year: i32,
    pub unit: String,
    pub units: u32,
    pub project_count: usize,
    pub amount: String,
    pub projects: Vec<ProjectView>,
    /// Present only in a draft: the findings page.
    pub draft: Option<crate::render::draft::DraftView>,
}

/// One project's explanation and form.
#[derive(Debug, Serialize)]
pub struct ProjectView {
    pub number: usize,
    pub name: String,
    pub category: String,
    pub department: String,
    pub implementer: String,
    pub start: String,
    pub end: String,
    pub start_year: String,
    pub end_year: String,
    pub total: String,
    pub annual: String,
    pub fiscal: String,
    pub appropriation: String,
    pub carryover: String,
    pub other: String,
    pub sections: Vec<Vec<String>>,
    pub overall_goal: String,
    pub annual_goal: String,
    pub indicators: Vec<crate::render::project::IndicatorRow>,
    pub indicator_span: usize,
    /// Draft marks of this project; empty in a release.
    pub marks: Vec<String>,
}

/// 项目资金总额 with two decimals, no separators: `1132300.00`.
const TOTAL_FORMAT: NumberFormat = NumberFormat { decimals: 2, separators: false, zero: ZeroStyle::Padded, trim: false };

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
        sections: vec![p.overview.clone(), p.basis.clone(), p.implementer_text.clone(), p.plan.clone(), p.period.clone(), p.budget_text.clone()],
        overall_goal: p.overall_goal.clone(),
        annual_goal: p.annual_goal.clone(),
        indicator_span: p.indicators.len() + 1,
        indicators: crate::render::project::indicator_rows_as_typed(&p.indicators),
        marks: Vec::new(),
    }
}
