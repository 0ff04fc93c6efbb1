//! Raw input of a 财政项目支出绩效自评表 document: one form per project.

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::money::Amount;

/// Points of a score (分值, 得分): a decimal written like an amount, never a float.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Points(pub rust_decimal::Decimal);

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Amount::deserialize(d).map(|a| Points(a.yuan()))
    }
}

/// A self-evaluation file: `document = "绩效自评"`, the year evaluated, and the projects.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationFile {
    pub document: String,
    pub year: Spanned<i32>,
    /// 主管部门, shared by every form unless a project names its own.
    pub department: String,
    #[serde(rename = "project")]
    pub projects: Vec<EvaluatedProject>,
}

/// One project's form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluatedProject {
    pub name: String,
    #[serde(default)]
    pub department: Option<String>,
    pub implementer: String,
    /// Points for budget execution (分数); 10 unless given.
    #[serde(default)]
    pub execution_points: Option<Spanned<Points>>,
    pub appropriation: FundRow,
    #[serde(default)]
    pub carryover: FundRow,
    #[serde(default)]
    pub other: FundRow,
    pub expected: String,
    pub achieved: String,
    #[serde(rename = "indicator")]
    pub indicators: Vec<EvaluatedIndicator>,
}

/// One source of money in 元: budget at the start of the year, adjusted budget, spending.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundRow {
    #[serde(default)]
    pub initial: Option<Spanned<Amount>>,
    #[serde(default)]
    pub adjusted: Option<Spanned<Amount>>,
    #[serde(default)]
    pub executed: Option<Spanned<Amount>>,
}

/// One indicator: target and result as published, its weight and the score given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluatedIndicator {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub target: Spanned<String>,
    pub actual: String,
    pub weight: Spanned<Points>,
    pub score: Spanned<Points>,
    #[serde(default)]
    pub deviation: String,
}
