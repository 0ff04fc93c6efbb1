//! View model of chapter 七: project descriptions and their 绩效目标申报表.

use serde::Serialize;

use crate::derive::ProjectFunds;
use crate::model::input::{IndicatorInput, Project};
use crate::money::{Amount, Scale};

use super::formats::{FormFormats, Formats, TargetStyle};
use crate::derive::date::year_of;
use crate::style::Prose;
use crate::view_model::indicators::{IndicatorCells, IndicatorRow, spanned_rows};

/// One project block: its texts, budget figures and form.
#[derive(Debug, Serialize)]
pub struct ProjectView {
    /// The chapter 七 heading: `…项目经费情况说明`.
    pub heading: String,
    /// 项目概述 paragraphs, as typed.
    pub overview: Vec<String>,
    /// 立项依据 paragraphs, as typed.
    pub basis: Vec<String>,
    /// 实施主体 paragraphs, as typed.
    pub implementer: Vec<String>,
    /// 实施方案 paragraphs, as typed.
    pub plan: Vec<String>,
    /// 实施周期 paragraphs, as typed.
    pub period: Vec<String>,
    /// 年度预算安排 paragraphs, as typed; when empty the template writes the standard sentence.
    pub budget_text: Vec<String>,
    /// The project's 财政资金总预算 in `budget_unit` and the set's format (`507.73`); empty when not given.
    pub budget_total: String,
    /// This year's appropriation (当年预算安排) in `budget_unit` and the set's format: `507.73`.
    pub budget_current: String,
    /// Unit of `budget_total` and `budget_current` in the set: `万元` or `元`.
    pub budget_unit: &'static str,
    /// Whether chapter 七 explains this project (it has an overview), or only its 申报表 is printed.
    pub explained: bool,
    /// 年初总预算 and its sources, in 万元 (镇级 年度预算安排).
    pub budget_annual: String,
    /// Its 其他资金 in 万元 with the prose format: `0`.
    pub budget_other: String,
    /// Whether the project has other funds than this year's appropriation (镇级 其他代管资金 clause).
    pub has_other: bool,
    /// 绩效目标 paragraphs, as typed.
    pub goals: Vec<String>,
    /// The project's 财政项目支出绩效目标申报表.
    pub form: FormView,
    /// Draft marks for this project (`[4] 警告[P3]：…`); empty in a release.
    pub marks: Vec<String>,
}

/// The 申报表 with its money block in 元 and grouped indicator rows.
#[derive(Debug, Serialize)]
pub struct FormView {
    /// 项目名称: the project's name.
    pub name: String,
    /// 项目性质, as typed: `经常性项目`.
    pub nature: String,
    /// 项目类别, as typed: `特定目标类`.
    pub category: String,
    /// 主管部门, as typed.
    pub department: String,
    /// 实施单位, as typed.
    pub implementer: String,
    /// 计划开始日期, as typed: `2024-01-01`.
    pub start: String,
    /// 计划完成日期, as typed: `2024-12-31`.
    pub end: String,
    /// The year of the start date: `2024`.
    pub start_year: String,
    /// The year of the end date: `2024`.
    pub end_year: String,
    /// 年度资金申请总额 in 元 with the set's form format: `5,077,345.00`.
    pub annual: String,
    /// 其中：当年财政拨款 in 元, form format.
    pub appropriation: String,
    /// 上年结转资金 in 元, form format: `0.00`.
    pub carryover: String,
    /// 其他资金 in 元, form format.
    pub other: String,
    /// 项目资金总额: the project's total in sets that print it (`[forms] total`), else blank.
    pub total: String,
    /// 其中：财政资金 of the total: the total less other funds, or blank.
    pub total_appropriation: String,
    /// 其他资金 of the total, or blank.
    pub total_other: String,
    /// The money block as the set prints it: 4 rows, or 3 without 上年结转资金 (`[forms] rows`).
    pub money: Vec<MoneyRow>,
    /// 项目总体目标, as typed.
    pub overall_goal: String,
    /// 年度总体目标, as typed.
    pub annual_goal: String,
    /// The 绩效指标 rows, with the spans of their merged 一级 and 二级 cells.
    pub indicators: Vec<IndicatorRow>,
    /// Rows spanned by the 绩效指标 cell: the header row plus one per indicator.
    pub indicator_span: usize,
}

/// One row of the money block: the total's side (left) and this year's side (right).
#[derive(Debug, Serialize)]
pub struct MoneyRow {
    /// Label of the total's side: `项目资金总额`, `其中：财政资金`, `` or `其他资金`.
    pub total_label: &'static str,
    /// Its figure in 元, blank unless the set prints totals.
    pub total: String,
    /// Label of this year's side: `年度资金申请总额`, `其中：当年财政拨款`, `上年结转资金`, `其他资金`.
    pub annual_label: &'static str,
    /// Its figure in 元.
    pub annual: String,
}

/// The heading names the project once: `…建设项目` + `经费情况说明`, otherwise + `项目经费情况说明`.
pub fn project_heading(name: &str) -> String {
    if name.ends_with("项目") { format!("{name}经费情况说明") } else { format!("{name}项目经费情况说明") }
}

/// Builds a project's view from its input and derived money block, in the set's formats.
pub fn build_project(p: &Project, funds: &ProjectFunds, prose: Prose, formats: &Formats) -> ProjectView {
    let budget = |a: Amount| match formats.project_budget {
        Scale::Wan => prose.wan(a),
        Scale::Yuan => formats.forms.money.yuan(a),
    };
    ProjectView {
        heading: project_heading(&p.name),
        overview: p.overview.clone(),
        basis: p.basis.clone(),
        implementer: p.implementer.clone(),
        plan: p.plan.clone(),
        period: p.period.clone(),
        budget_text: p.budget_text.clone(),
        budget_total: funds.total_budget.map(budget).unwrap_or_default(),
        budget_current: budget(funds.appropriation),
        budget_unit: formats.project_budget.label(),
        explained: !p.overview.is_empty(),
        budget_annual: prose.wan(funds.annual),
        budget_other: prose.wan(funds.other),
        has_other: !funds.other.is_zero(),
        goals: p.goals.clone(),
        form: build_form(p, funds, &formats.forms),
        marks: Vec::new(),
    }
}

/// The 申报表 of one project in the set's form formats.
fn build_form(p: &Project, funds: &ProjectFunds, forms: &FormFormats) -> FormView {
    let f = &p.form;
    let yuan = |a: Amount| forms.money.yuan(a);
    let totals = forms.total.then_some(funds.total);
    let of_total = |a: Option<Amount>| a.map(yuan).unwrap_or_default();
    let year = |given: &Option<toml::Spanned<i32>>, date: &str| given.as_ref().map_or_else(|| year_of(date), |y| y.get_ref().to_string());
    let mut form = FormView {
        name: p.name.clone(),
        nature: f.nature.clone(),
        category: f.category.clone(),
        department: f.department.clone(),
        implementer: f.implementer.clone(),
        start: f.start.get_ref().clone(),
        end: f.end.get_ref().clone(),
        start_year: year(&f.goal_from, f.start.get_ref()),
        end_year: year(&f.goal_to, f.end.get_ref()),
        annual: yuan(funds.annual),
        appropriation: yuan(funds.appropriation),
        carryover: yuan(funds.carryover),
        other: yuan(funds.other),
        total: of_total(totals),
        total_appropriation: of_total(forms.total.then_some(funds.total_appropriation)),
        total_other: of_total(totals.map(|_| funds.other)),
        money: Vec::new(),
        overall_goal: f.overall_goal.clone(),
        annual_goal: f.annual_goal.clone(),
        indicator_span: f.indicators.len() + 1,
        indicators: indicator_rows(&f.indicators, forms.targets),
    };
    form.money = money_rows(&form, forms.rows);
    form
}

/// The money block's rows from the form's figures; 3 rows leave out 上年结转资金.
fn money_rows(f: &FormView, rows: u8) -> Vec<MoneyRow> {
    let row = |total_label, total: &str, annual_label, annual: &str| MoneyRow {
        total_label,
        total: total.to_string(),
        annual_label,
        annual: annual.to_string(),
    };
    let mut all = vec![
        row("项目资金总额", &f.total, "年度资金申请总额", &f.annual),
        row("其中：财政资金", &f.total_appropriation, "其中：当年财政拨款", &f.appropriation),
        row("", "", "上年结转资金", &f.carryover),
        row("其他资金", &f.total_other, "其他资金", &f.other),
    ];
    if rows == 3 {
        all.remove(2);
    }
    all
}

/// Indicator rows with targets in the set's style (`≥95.00(%)`, `>=95%` or as typed).
pub fn indicator_rows(indicators: &[IndicatorInput], style: TargetStyle) -> Vec<IndicatorRow> {
    spanned_rows(indicators, |ind| IndicatorCells {
        level1: &ind.level1,
        level2: &ind.level2,
        name: &ind.name,
        target: style.show(ind.target.get_ref()),
    })
}
