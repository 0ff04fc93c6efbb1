//! Raw TOML input for one unit and year: only what a person knows, amounts in 元.
//!
//! Nothing here is a subtotal: totals, 万元 figures and wording are derived later.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::money::Amount;

/// One unit's budget for one year, exactly as typed in `departments/<单位>/<年>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitYear {
    /// Kind of document; a budget file may say `document = "预算公开"` or leave it out.
    #[serde(default)]
    pub document: Option<String>,
    pub year: Spanned<i32>,
    pub unit: Unit,
    pub text: Texts,
    #[serde(default, rename = "function")]
    pub functions: Vec<FunctionLine>,
    #[serde(default)]
    pub economic: BTreeMap<String, Spanned<Amount>>,
    pub three_public: ThreePublic,
    pub procurement: Procurement,
    pub performance: Performance,
    pub assets: Assets,
    #[serde(default, rename = "project")]
    pub projects: Vec<Project>,
    #[serde(default)]
    pub totals: Totals,
}

/// Optional figures copied from another system; each one typed is checked against the derivation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// 收入总计 = 支出总计 (table 1).
    pub income: Option<Spanned<Amount>>,
    /// 财政拨款收入 (table 1 and table 4).
    pub appropriation: Option<Spanned<Amount>>,
    /// 一般公共预算 (table 5 合计).
    pub general: Option<Spanned<Amount>>,
    /// 基本支出 合计 (table 3).
    pub basic: Option<Spanned<Amount>>,
    /// 项目支出 合计 (table 3).
    pub project: Option<Spanned<Amount>>,
    /// 人员经费 合计 (table 8).
    pub personnel: Option<Spanned<Amount>>,
    /// 公用经费 合计 (table 8).
    pub public: Option<Spanned<Amount>>,
    /// “三公”经费 合计 (table 9), in 元.
    pub three_public: Option<Spanned<Amount>>,
    /// 政府采购预算 合计.
    pub procurement: Option<Spanned<Amount>>,
    /// 上年财政拨款预算执行数.
    pub prior_appropriation: Option<Spanned<Amount>>,
    /// 车辆 合计.
    pub vehicles: Option<Spanned<u32>>,
}

/// Who publishes: identity and the choices that decide wording.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Template set, e.g. 普陀区级; absent means the base templates.
    #[serde(default)]
    pub style: Option<Spanned<String>>,
    pub name: String,
    #[serde(default)]
    pub alias: Option<String>,
    pub district: String,
    pub level: Spanned<String>,
    pub wording: Spanned<String>,
    pub kind: Spanned<String>,
    pub glossary_level: String,
    pub glossary: Vec<Spanned<String>>,
}

/// Free texts of chapters 一, 二 and 四.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub nature: String,
    pub functions: Vec<String>,
    pub admin_units: u32,
    pub institution_units: u32,
    pub members: Vec<String>,
    /// 机构设置 of a single unit (单位 wording), e.g. “…设7个内设机构，包括：…”; replaces the 部门 form.
    #[serde(default)]
    pub structure: Vec<String>,
    pub change_reason: String,
}

/// Amounts by funding source; absent sources are zero.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BySource {
    pub general: Option<Spanned<Amount>>,
    pub fund: Option<Spanned<Amount>>,
    pub state_capital: Option<Spanned<Amount>>,
    pub business: Option<Spanned<Amount>>,
    pub operating: Option<Spanned<Amount>>,
    pub superior: Option<Spanned<Amount>>,
    pub other: Option<Spanned<Amount>>,
}

/// One 功能分类 项 with its budget split by kind and source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionLine {
    pub code: Spanned<String>,
    /// Optional: the 项 name as the user knows it; must agree with the catalogue.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    #[serde(default)]
    pub basic: BySource,
    #[serde(default)]
    pub project: BySource,
    pub prior: Spanned<Amount>,
    /// The 公用经费 part of this line's basic 一般公共预算 (the rest is 人员经费); for the
    /// table 1 layout that splits 基本支出.
    #[serde(default)]
    pub basic_public: Option<Spanned<Amount>>,
    pub purpose: String,
    /// The published text starts the purpose as its own sentence (`。主要用于`) instead of `，主要用于`.
    #[serde(default)]
    pub purpose_sentence: bool,
    #[serde(default)]
    pub reason: Option<String>,
}

/// The four “三公” components, this year and last.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePublic {
    pub abroad: Spanned<Amount>,
    pub reception: Spanned<Amount>,
    pub vehicle_purchase: Spanned<Amount>,
    pub vehicle_operation: Spanned<Amount>,
    #[serde(default)]
    pub operating_costs: Option<Spanned<Amount>>,
    pub prior: ThreePublicPrior,
    pub reasons: ThreePublicReasons,
}

/// Last year's “三公” budget, for the 持平/增加/减少 wording.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePublicPrior {
    pub abroad: Spanned<Amount>,
    pub reception: Spanned<Amount>,
    pub vehicle_purchase: Spanned<Amount>,
    pub vehicle_operation: Spanned<Amount>,
}

/// Why each “三公” component is what it is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePublicReasons {
    pub abroad: String,
    pub reception: String,
    pub vehicle_purchase: String,
    pub vehicle_operation: String,
}

/// 政府采购 by kind and the reservations for small enterprises.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    pub goods: Spanned<Amount>,
    pub works: Spanned<Amount>,
    pub services: Spanned<Amount>,
    pub sme_reserved: Spanned<Amount>,
    pub small_micro_reserved: Spanned<Amount>,
}

/// 绩效目标 coverage as reported by the budget system.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    pub units: u32,
    pub projects: u32,
    pub amount: Spanned<Amount>,
}

/// 国有资产: vehicles by category and large equipment, held and planned.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    pub as_of: String,
    #[serde(default)]
    pub vehicles: BTreeMap<String, Spanned<u32>>,
    #[serde(default)]
    pub planned_vehicles: BTreeMap<String, Spanned<u32>>,
    pub equipment: u32,
    pub planned_equipment: u32,
}

/// A project described in chapter 七, with its 绩效目标申报表.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub name: String,
    pub overview: Vec<String>,
    pub basis: Vec<String>,
    pub implementer: Vec<String>,
    pub plan: Vec<String>,
    pub period: Vec<String>,
    #[serde(default)]
    pub total_budget: Option<Spanned<Amount>>,
    #[serde(default)]
    pub budget_text: Vec<String>,
    pub goals: Vec<String>,
    pub form: ProjectForm,
}

/// The 财政项目支出绩效目标申报表 of one project.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectForm {
    pub nature: String,
    pub category: String,
    pub department: String,
    pub implementer: String,
    pub start: Spanned<String>,
    pub end: Spanned<String>,
    pub appropriation: Spanned<Amount>,
    /// Optional typed 年度资金申请总额; must equal 当年财政拨款 + 上年结转 + 其他.
    #[serde(default)]
    pub annual: Option<Spanned<Amount>>,
    #[serde(default)]
    pub carryover: Option<Spanned<Amount>>,
    #[serde(default)]
    pub other: Option<Spanned<Amount>>,
    #[serde(default)]
    pub overall_goal: String,
    pub annual_goal: String,
    #[serde(rename = "indicator")]
    pub indicators: Vec<IndicatorInput>,
}

/// One row of the indicator table; `target` like `≥95(%)` or a word like `及时`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorInput {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub target: Spanned<String>,
}
