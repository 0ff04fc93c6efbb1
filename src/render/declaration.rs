//! View model of the 镇级 上海市财政支出项目绩效目标申报表 (layout D): one per project.

use serde::Serialize;

use crate::derive::ProjectFunds;
use crate::model::input::Project;
use crate::money::{Amount, NumberFormat, ZeroStyle};

use super::project::{indicator_rows_as_typed, year_of, IndicatorRow};

/// The 项目属性 options of the 申报表, in printed order.
pub const NATURES: [&str; 2] = ["一次性项目", "经常性项目"];
/// The 资金用途 options.
pub const CATEGORIES: [&str; 6] = ["事业/专业类", "基本建设工程类", "信息化建设工程类", "政策补贴类", "政府购买类", "其他"];
/// The 资金来源 options.
pub const FUNDINGS: [&str; 6] = ["中央财政", "省级财政", "市级财政", "县(区)财政", "镇(街道)财政", "自筹资金"];

/// One printed option and whether it is ticked (√) or not (□).
#[derive(Debug, Serialize)]
pub struct Tick {
    pub name: &'static str,
    pub ticked: bool,
}

fn ticks(options: &[&'static str], chosen: &str) -> Vec<Tick> {
    options.iter().map(|name| Tick { name, ticked: *name == chosen }).collect()
}

/// 元 without separators, 分 only when there are any, as the 申报表 prints them: `37151600`, `33694700.86`.
const FORM_YUAN: NumberFormat = NumberFormat { decimals: 2, separators: false, zero: ZeroStyle::Bare, trim: true };

/// Every cell of one 申报表, final text.
#[derive(Debug, Serialize)]
pub struct DeclarationView {
    pub year: String,
    pub name: String,
    pub nature: Vec<Tick>,
    pub category: Vec<Tick>,
    pub funding: Vec<Tick>,
    pub leader: String,
    pub contact: String,
    pub phone: String,
    pub start: String,
    pub end: String,
    pub overview: Vec<String>,
    pub basis: Vec<String>,
    pub necessity: Vec<String>,
    pub measures: Vec<String>,
    pub total: String,
    pub current: String,
    pub prior_budget: String,
    pub prior_spent: String,
    pub parts: Vec<PartView>,
    pub plan: Vec<String>,
    pub overall_goal: String,
    pub annual_goal: String,
    pub indicators: Vec<IndicatorRow>,
    pub note: String,
    pub filled_by: String,
    pub filled_on: String,
}

/// A 子项目 and its amount in 元.
#[derive(Debug, Serialize)]
pub struct PartView {
    pub name: String,
    pub amount: String,
}

/// Builds a project's 申报表; `-` stands for last year's figures of a new project.
pub fn build_declaration(p: &Project, funds: &ProjectFunds) -> DeclarationView {
    let f = &p.form;
    let yuan = |a: Amount| FORM_YUAN.yuan(a);
    let optional = |a: &Option<toml::Spanned<Amount>>| a.as_ref().map_or_else(|| "-".to_string(), |a| yuan(*a.get_ref()));
    let current = funds.annual();
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
        total: yuan(funds.total_budget.unwrap_or(current)),
        current: yuan(current),
        prior_budget: optional(&f.prior_budget),
        prior_spent: optional(&f.prior_spent),
        parts: f.parts.iter().map(|part| PartView { name: part.name.clone(), amount: yuan(*part.amount.get_ref()) }).collect(),
        plan: f.plan.clone(),
        overall_goal: f.overall_goal.clone(),
        annual_goal: f.annual_goal.clone(),
        indicators: indicator_rows_as_typed(&f.indicators),
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
