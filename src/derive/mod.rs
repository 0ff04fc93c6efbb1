//! Stage 2–3: check the raw input against the catalogue and derive every figure.
//!
//! Only leaf amounts come in; every subtotal, total and comparison is computed here.

mod build;
pub mod change;
pub(crate) mod date;
pub mod figures;
pub mod indicator;
pub mod ledger;
pub mod prose;
pub mod tables;

pub use build::derive;
pub use change::{Change, Direction, Share};
pub use figures::Figures;
pub use ledger::{Cell, Kind, Ledger, Level, Row, Source};

use std::collections::BTreeMap;

use crate::model::catalog::StaffColumn;
use crate::money::Amount;

/// Wording of the document: a 部门 (department) or a 单位 (single unit) budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    Department,
    Unit,
}

impl Wording {
    /// The word itself: 部门 or 单位.
    pub fn word(self) -> &'static str {
        match self {
            Wording::Department => "部门",
            Wording::Unit => "单位",
        }
    }
}

/// Legal kind of the unit, which decides whether 机关运行经费 exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Administrative,
    CivilServiceInstitution,
    Institution,
}

/// One row of table 8: an economic 类 or 款 with its 人员/公用 split.
#[derive(Debug, Clone)]
pub struct EconomicRow {
    pub code: String,
    pub name: String,
    pub personnel: Amount,
    pub public: Amount,
}

impl EconomicRow {
    pub fn total(&self) -> Amount {
        self.personnel + self.public
    }
}

/// The “三公” figures of table 9 and section 六.一, with last year's values and their sums.
#[derive(Debug, Clone)]
pub struct ThreePublic {
    pub abroad: Change,
    pub reception: Change,
    pub vehicle_purchase: Change,
    pub vehicle_operation: Change,
    pub operating_costs: Option<Amount>,
    /// 公务用车购置及运行费: purchase plus operation.
    pub vehicles: Change,
    /// The “三公” total: abroad, reception and vehicles.
    pub total: Change,
}

/// 政府采购 parts and their sum.
#[derive(Debug, Clone)]
pub struct Procurement {
    pub goods: Amount,
    pub works: Amount,
    pub services: Amount,
    /// 政府采购预算合计: goods, works and services.
    pub total: Amount,
    pub sme_reserved: Amount,
    pub small_micro_reserved: Amount,
}

/// A project's 申报表 money block.
#[derive(Debug, Clone)]
pub struct ProjectFunds {
    pub appropriation: Amount,
    pub carryover: Amount,
    pub other: Amount,
    pub total_budget: Option<Amount>,
    /// 年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金.
    pub annual: Amount,
    /// 项目资金总额: the typed total budget, else this year's money.
    pub total: Amount,
    /// Its 财政资金 part: the total less 其他资金.
    pub total_appropriation: Amount,
}

/// Every figure of one unit-year, derived from its leaf inputs.
#[derive(Debug, Clone)]
pub struct Budget {
    pub year: i32,
    pub wording: Wording,
    pub kind: UnitKind,
    pub ledger: Ledger,
    pub priors: BTreeMap<String, Amount>,
    /// 公用经费 part of each 项's basic expenditure, where typed.
    pub basic_public: BTreeMap<String, Amount>,
    pub function_names: BTreeMap<String, String>,
    pub economic: Vec<EconomicRow>,
    pub three_public: ThreePublic,
    pub procurement: Procurement,
    pub performance_amount: Amount,
    pub project_funds: Vec<ProjectFunds>,
    /// Totals and shares computed once, for the views and the checks alike.
    pub figures: Figures,
}

impl Budget {
    /// Name of a 功能分类 code from the year's catalogue.
    pub fn function_name(&self, code: &str) -> &str {
        self.function_names.get(code).map_or("", String::as_str)
    }

    /// The change of a selection of the budget against the sum of the item priors.
    pub fn change_of(&self, keep: impl Fn(Source, Kind) -> bool + Copy) -> Change {
        prose::change_of(&self.ledger, &self.priors, keep)
    }

    /// Table 8 totals: (人员经费, 公用经费).
    pub fn economic_totals(&self) -> (Amount, Amount) {
        tables::economic_totals(&self.economic)
    }
}

/// Splits an economic 款 amount into the table 8 columns.
pub(crate) fn staff_split(column: StaffColumn, amount: Amount) -> (Amount, Amount) {
    match column {
        StaffColumn::Personnel => (amount, Amount::ZERO),
        StaffColumn::Public => (Amount::ZERO, amount),
    }
}
