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
    /// Last year's whole budget, for sets that compare the totals (镇级 编制说明 (一)(二)).
    #[serde(default)]
    pub last_year: Option<LastYear>,
    /// 编制说明 of 基本支出 by economic 类 (镇级 (四)): label and purpose per 类.
    #[serde(default, rename = "basic_note")]
    pub basic_notes: Vec<BasicNote>,
}

/// Last year's 部门预算 收支总额, in 元.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LastYear {
    pub total: Spanned<Amount>,
}

/// One sentence on an economic 类 of 基本支出; the amount is derived from `[economic]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicNote {
    pub code: Spanned<String>,
    /// The name printed in quotes, when it is not the catalogue's (e.g. 事业编人员工资福利支出).
    #[serde(default)]
    pub label: Option<String>,
    pub purpose: String,
}

/// Optional figures copied from another system; each one typed is checked against the derivation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// 收入总计 = 支出总计 (table 1).
    pub income: Option<Spanned<Amount>>,
    /// 财政拨款收入 (table 1 and table 4).
    pub appropriation: Option<Spanned<Amount>>,
    /// 其他收入 合计 (table 2).
    pub other: Option<Spanned<Amount>>,
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
    /// The town (镇) of a 镇级 unit, named in the title after the district.
    #[serde(default)]
    pub town: Option<String>,
    pub level: Spanned<String>,
    pub wording: Spanned<String>,
    pub kind: Spanned<String>,
    pub glossary_level: String,
    pub glossary: Vec<Spanned<String>>,
    /// The 预算主管部门 named on the cover when it is not the unit itself (镇级: the 财政所).
    #[serde(default)]
    pub cover_owner: Option<String>,
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
    /// Why the 财政拨款 changed against last year (区级 编制说明).
    #[serde(default)]
    pub change_reason: String,
    /// Why total income changed against last year (镇级 编制说明 (一)).
    #[serde(default)]
    pub income_reason: String,
    /// Why total spending changed against last year (镇级 编制说明 (二)).
    #[serde(default)]
    pub spending_reason: String,
    /// 专有名词解释; none gives the sentence that the unit has none.
    #[serde(default)]
    pub special_terms: Vec<String>,
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
    /// 上年执行数; needed by sets that compare every 项 with last year (区级).
    #[serde(default)]
    pub prior: Option<Spanned<Amount>>,
    /// The 公用经费 part of this line's basic 一般公共预算 (the rest is 人员经费); for the
    /// table 1 layout that splits 基本支出.
    #[serde(default)]
    pub basic_public: Option<Spanned<Amount>>,
    #[serde(default)]
    pub purpose: String,
    /// What the 项目支出 of a line with both kinds is used for (镇级 (三)).
    #[serde(default)]
    pub project_purpose: Option<String>,
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
    #[serde(default)]
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
#[derive(Debug, Default, Deserialize)]
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
    /// 面向中小企业预留; optional in sets that print no reservation sentence (`[needs] reservations`).
    #[serde(default)]
    pub sme_reserved: Option<Spanned<Amount>>,
    #[serde(default)]
    pub small_micro_reserved: Option<Spanned<Amount>>,
}

/// 绩效目标 coverage as reported by the budget system.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    pub units: u32,
    pub projects: u32,
    pub amount: Spanned<Amount>,
    /// The share of 项目支出 covered, if typed (e.g. `"100%"`); checked against the derivation.
    #[serde(default)]
    pub coverage: Option<Spanned<String>>,
}

/// 国有资产: vehicles by category and large equipment, held and planned.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    #[serde(default)]
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
    /// The explanation texts; a project without an overview has only its 申报表 (镇级).
    #[serde(default)]
    pub overview: Vec<String>,
    #[serde(default)]
    pub basis: Vec<String>,
    #[serde(default)]
    pub implementer: Vec<String>,
    #[serde(default)]
    pub plan: Vec<String>,
    #[serde(default)]
    pub period: Vec<String>,
    #[serde(default)]
    pub total_budget: Option<Spanned<Amount>>,
    #[serde(default)]
    pub budget_text: Vec<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    pub form: ProjectForm,
}

/// The 财政项目支出绩效目标申报表 of one project.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectForm {
    pub nature: String,
    pub category: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
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
    /// Years of the 项目总体目标 when it spans more than this year's dates (`goal_from = 2022`).
    #[serde(default)]
    pub goal_from: Option<Spanned<i32>>,
    #[serde(default)]
    pub goal_to: Option<Spanned<i32>>,
    pub annual_goal: String,
    #[serde(rename = "indicator")]
    pub indicators: Vec<IndicatorInput>,
    // The 镇级 申报表 (上海市财政支出项目绩效目标申报表, layout D) fields, all optional.
    /// 资金来源 ticked: 中央财政, 省级财政, 市级财政, 县(区)财政, 镇(街道)财政 or 自筹资金.
    #[serde(default)]
    pub funding: String,
    #[serde(default)]
    pub leader: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub overview: Vec<String>,
    #[serde(default)]
    pub basis: Vec<String>,
    #[serde(default)]
    pub necessity: Vec<String>,
    #[serde(default)]
    pub measures: Vec<String>,
    /// 同名项目上年预算额 and 上年预算执行数; absent for a new project (printed `-`).
    #[serde(default)]
    pub prior_budget: Option<Spanned<Amount>>,
    #[serde(default)]
    pub prior_spent: Option<Spanned<Amount>>,
    /// 项目当年投入资金构成: 子项目 and their amounts.
    #[serde(default, rename = "part")]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub plan: Vec<String>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub filled_by: String,
    #[serde(default)]
    pub filled_on: String,
}

/// One 子项目 of a 申报表.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub name: String,
    pub amount: Spanned<Amount>,
}

/// One row of the indicator table; `target` like `≥95(%)` or a word like `及时`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorInput {
    pub level1: String,
    pub level2: String,
    /// 三级指标; the 镇级 申报表 has none and puts everything in the target text.
    #[serde(default)]
    pub name: String,
    pub target: Spanned<String>,
}
