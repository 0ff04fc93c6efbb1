//! The year's classification catalogue: 功能分类 and 部门预算经济分类 names, kept as data.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Which column of table 8 an economic class feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum StaffColumn {
    #[serde(rename = "人员经费")]
    Personnel,
    #[serde(rename = "公用经费")]
    Public,
}

/// Names of every code for one budget year, read from `catalog/<年>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub year: i32,
    /// 类 (3 digits), 款 (5) and 项 (7) codes of the 功能分类.
    pub function: BTreeMap<String, String>,
    /// 类 (3 digits) and 款 (5) codes of the 部门预算经济分类.
    pub economic: BTreeMap<String, String>,
    /// The table 8 column of each economic 类.
    pub economic_column: BTreeMap<String, StaffColumn>,
    /// Standard 名词解释 by term; `{级}` stands for the level word.
    pub glossary: BTreeMap<String, String>,
}

impl Catalog {
    /// Name of a 功能分类 code, if the catalogue knows it.
    pub fn function_name(&self, code: &str) -> Option<&str> {
        self.function.get(code).map(String::as_str)
    }

    /// Name of an economic code, if the catalogue knows it.
    pub fn economic_name(&self, code: &str) -> Option<&str> {
        self.economic.get(code).map(String::as_str)
    }

    /// The table 8 column of an economic 款, decided by its 类.
    pub fn staff_column(&self, code: &str) -> Option<StaffColumn> {
        code.get(..3).and_then(|class| self.economic_column.get(class).copied())
    }
}
