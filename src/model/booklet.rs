//! Raw input of a 项目绩效目标申报表 booklet: per project its explanation and 填报表.

use serde::Deserialize;
use toml::Spanned;

use super::input::IndicatorInput;
use crate::money::Amount;

/// A booklet file: `document = "绩效目标申报"`, the unit and its projects.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookletFile {
    pub document: String,
    pub year: Spanned<i32>,
    pub unit: String,
    /// 预算单位 count of the opening paragraph.
    pub units: u32,
    #[serde(rename = "project")]
    pub projects: Vec<BookletProject>,
}

/// One project: sections 一 to 六 as paragraphs, and the form's fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookletProject {
    pub name: String,
    pub category: String,
    pub department: String,
    pub implementer: String,
    pub start: Spanned<String>,
    pub end: Spanned<String>,
    /// 项目资金总额 (all years).
    pub total: Spanned<Amount>,
    pub appropriation: Spanned<Amount>,
    #[serde(default)]
    pub carryover: Option<Spanned<Amount>>,
    #[serde(default)]
    pub other: Option<Spanned<Amount>>,
    pub overview: Vec<String>,
    pub basis: Vec<String>,
    pub implementer_text: Vec<String>,
    pub plan: Vec<String>,
    pub period: Vec<String>,
    pub budget_text: Vec<String>,
    pub overall_goal: String,
    pub annual_goal: String,
    #[serde(rename = "indicator")]
    pub indicators: Vec<IndicatorInput>,
}
