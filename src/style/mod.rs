//! Number formats, variants and data needs of a template set (read from its optional `style.toml`).
//!
//! Sets differ in how they print money (元 or 万元, separators, trailing zeros, blank zeros), in
//! their forms and in the chapters they hold; keeping that here lets a new district or level be a
//! folder of templates and one settings file. Checks and views both read it, so it imports only
//! `money` and `model`.

use std::collections::BTreeMap;

use crate::money::{NumberFormat, Scale, ZeroStyle};

mod prose;

pub use prose::{Prose, wan};

/// How one template set prints figures, which variants it chooses, and which data it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formats {
    /// Unit of tables 1–8.
    pub scale: Scale,
    /// Tables 2, 3 and 5–8.
    pub table: NumberFormat,
    /// Tables 1 and 4 (their income side always leaves zero blank).
    pub side: NumberFormat,
    /// Table 9 (万元): how its zero cells print differs by set.
    pub three_public: NumberFormat,
    /// 万元 in sentences.
    pub prose: NumberFormat,
    /// Percentages of totals in sentences (shares, growth, coverage).
    pub percent: NumberFormat,
    /// Percentages of the 项 sentences (比上年预算执行数增加X%), rounded apart from totals in some years.
    pub item_percent: NumberFormat,
    /// Per table (`t3`), the 1-based amount columns whose zeros stay blank even in a used column.
    pub blank_zero: BTreeMap<String, Vec<usize>>,
    /// The 申报表 of the set: money block and indicator targets.
    pub forms: FormFormats,
    /// Unit of the 年度预算安排 sentence of each project.
    pub project_budget: Scale,
    /// The chapters in printed order; their 一、二、… follow from the position.
    pub chapters: Vec<String>,
    /// Whether the set's sentences compare every 项 with last year (each function line needs `prior`).
    pub item_priors: bool,
    /// Whether the set's sentences compare the whole budget with last year (needs `[last_year]`).
    pub total_prior: bool,
    /// Whether the set's “三公” sentences give a reason for each component.
    pub three_public_reasons: bool,
    /// Whether the set prints the 中小企业 reservation sentence (needs both reservation figures).
    pub reservations: bool,
}

/// How a set's 申报表 prints its money block and targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormFormats {
    /// 元 figures of the money block and the 镇级 budget lines.
    pub money: NumberFormat,
    /// Whether 项目资金总额 and 其中：财政资金 print the project's total (layout B) or stay blank (layout A).
    pub total: bool,
    /// Rows of the money block: 4 with 上年结转资金, 3 without.
    pub rows: u8,
    /// How indicator targets print.
    pub targets: TargetStyle,
}

/// Indicator targets as typed, or normalised to one syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetStyle {
    /// Exactly as typed.
    Typed,
    /// `≥360000.00(件)`: Unicode operator, two decimals, unit in ASCII parentheses (2024 普陀).
    Unicode,
    /// `>=540000件`: ASCII operator, no padding, unit appended (2022 普陀).
    Ascii,
}

/// The chapters a set may list, with the base's order as the default.
pub const CHAPTERS: [&str; 9] =
    ["functions", "structure", "glossary", "narrative", "tables", "other", "projects", "performance", "declarations"];

/// The base set's chapters: 一 to 七 of the 2024 区级 document.
const BASE_CHAPTERS: [&str; 7] = ["functions", "structure", "glossary", "narrative", "tables", "other", "projects"];

impl Default for Formats {
    fn default() -> Self {
        Formats {
            scale: Scale::Yuan,
            table: NumberFormat::YUAN_TABLE,
            side: NumberFormat::YUAN_TABLE,
            three_public: NumberFormat { zero: ZeroStyle::Blank, ..NumberFormat::YUAN_TABLE },
            prose: NumberFormat::WAN_PROSE,
            percent: NumberFormat::PERCENT,
            item_percent: NumberFormat::PERCENT,
            blank_zero: BTreeMap::new(),
            forms: FormFormats { money: NumberFormat::YUAN_TABLE, total: false, rows: 4, targets: TargetStyle::Unicode },
            project_budget: Scale::Wan,
            chapters: BASE_CHAPTERS.iter().map(|c| c.to_string()).collect(),
            item_priors: true,
            total_prior: false,
            three_public_reasons: true,
            reservations: true,
        }
    }
}

impl Formats {
    /// Whether zeros in a column of a table print blank.
    pub fn blanks_zero(&self, table: &str, column: usize) -> bool {
        self.blank_zero.get(table).is_some_and(|cols| cols.contains(&(column + 1)))
    }
}
