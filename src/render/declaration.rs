//! View model of the 镇级 上海市财政支出项目绩效目标申报表 (layout D): one per project.

use serde::Serialize;

use crate::derive::ProjectFunds;
use crate::model::input::Project;
use crate::money::Amount;

use super::project::indicator_rows;
use crate::derive::date::year_of;
use crate::style::FormFormats;
use crate::view_model::indicators::IndicatorRow;

use crate::model::options::{CATEGORIES, FUNDINGS, NATURES};

/// One printed option and whether it is ticked (√) or not (□).
#[derive(Debug, Serialize)]
pub struct Tick {
    /// The option as printed: `一次性项目`.
    pub name: &'static str,
    /// Whether it is the chosen option (the template prints √, else □).
    pub ticked: bool,
}

fn ticks(options: &[&'static str], chosen: &str) -> Vec<Tick> {
    options.iter().map(|name| Tick { name, ticked: *name == chosen }).collect()
}

/// Every cell of one 申报表, final text.
#[derive(Debug, Serialize)]
pub struct DeclarationView {
    /// The form's year, from the start date: `2024`.
    pub year: String,
    /// 项目名称: the project's name.
    pub name: String,
    /// 项目属性: every option, the chosen one ticked.
    pub nature: Vec<Tick>,
    /// 资金用途: every option, the chosen one ticked.
    pub category: Vec<Tick>,
    /// 资金来源: every option, the chosen one ticked.
    pub funding: Vec<Tick>,
    /// 项目负责人, as typed.
    pub leader: String,
    /// 联系人, as typed.
    pub contact: String,
    /// 联系电话, as typed.
    pub phone: String,
    /// 开始时间 as a Chinese date: `2024年1月1日`.
    pub start: String,
    /// 结束时间 as a Chinese date: `2024年12月31日`.
    pub end: String,
    /// 项目概况 paragraphs: the form's own, else chapter 七's.
    pub overview: Vec<String>,
    /// 立项依据 paragraphs: the form's own, else chapter 七's.
    pub basis: Vec<String>,
    /// 项目设立的必要性 paragraphs, as typed.
    pub necessity: Vec<String>,
    /// 保证项目实施的制度、措施 paragraphs, as typed.
    pub measures: Vec<String>,
    /// 项目总预算 in 元 with the set's form format (镇级: `37151600`).
    pub total: String,
    /// 项目当年预算 in 元, form format.
    pub current: String,
    /// 同名项目上年预算额 in 元, form format; `-` for a new project.
    pub prior_budget: String,
    /// 同名项目上年预算执行数 in 元, form format; `-` for a new project.
    pub prior_spent: String,
    /// 项目当年投入资金构成: each 子项目 with its amount.
    pub parts: Vec<PartView>,
    /// 项目实施计划 paragraphs, as typed.
    pub plan: Vec<String>,
    /// 项目总目标, as typed.
    pub overall_goal: String,
    /// 年度绩效目标, as typed.
    pub annual_goal: String,
    /// 分解目标 rows with merged 一级 spans; targets as typed.
    pub indicators: Vec<IndicatorRow>,
    /// 备注, as typed; may be empty.
    pub note: String,
    /// 填报人, as typed.
    pub filled_by: String,
    /// 填报日期, as typed: `2023.12.28`.
    pub filled_on: String,
}

/// A 子项目 and its amount in 元.
#[derive(Debug, Serialize)]
pub struct PartView {
    /// 子项目名称, as typed.
    pub name: String,
    /// Its amount in 元 with the set's form format: `22134400`.
    pub amount: String,
}

/// Builds a project's 申报表; `-` stands for last year's figures of a new project.
pub fn build_declaration(p: &Project, funds: &ProjectFunds, forms: &FormFormats) -> DeclarationView {
    let f = &p.form;
    let yuan = |a: Amount| forms.money.yuan(a);
    let optional = |a: &Option<toml::Spanned<Amount>>| a.as_ref().map_or_else(|| "-".to_string(), |a| yuan(*a.get_ref()));
    DeclarationView {
        year: year_of(f.start.get_ref()),
        name: p.name.clone(),
        nature: ticks(&NATURES, &f.nature),
        category: ticks(&CATEGORIES, &f.category),
        funding: ticks(&FUNDINGS, &f.funding),
        leader: f.leader.clone(),
        contact: f.contact.clone(),
        phone: f.phone.clone(),
        start: chinese_date(f.start.get_ref()),
        end: chinese_date(f.end.get_ref()),
        // The form repeats the chapter 七 texts unless it has its own.
        overview: if f.overview.is_empty() { p.overview.clone() } else { f.overview.clone() },
        basis: if f.basis.is_empty() { p.basis.clone() } else { f.basis.clone() },
        necessity: f.necessity.clone(),
        measures: f.measures.clone(),
        total: yuan(funds.total),
        current: yuan(funds.annual),
        prior_budget: optional(&f.prior_budget),
        prior_spent: optional(&f.prior_spent),
        parts: f.parts.iter().map(|part| PartView { name: part.name.clone(), amount: yuan(*part.amount.get_ref()) }).collect(),
        plan: f.plan.clone(),
        overall_goal: f.overall_goal.clone(),
        annual_goal: f.annual_goal.clone(),
        indicators: indicator_rows(&f.indicators, forms.targets),
        note: f.note.clone(),
        filled_by: f.filled_by.clone(),
        filled_on: f.filled_on.clone(),
    }
}

/// `2024-01-01` → `2024年1月1日`; other text (refused by P2) is kept as typed.
pub fn chinese_date(iso: &str) -> String {
    crate::derive::date::parse_iso(iso).map_or_else(|| iso.to_string(), |d| d.chinese())
}

#[cfg(test)]
mod tests {
    use super::chinese_date;

    #[test]
    fn dates_read_as_on_the_form() {
        assert_eq!(chinese_date("2024-01-01"), "2024年1月1日");
        assert_eq!(chinese_date("2024-12-31"), "2024年12月31日");
        assert_eq!(chinese_date("全年"), "全年");
    }
}
