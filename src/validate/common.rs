//! Checks every kind of document shares: the year against the path (D1), indicator targets (P4)
//! and figures too large to compute (T7), so each is written once.

use crate::diag::Code;
use std::ops::Range;

use toml::Spanned;

use crate::derive::indicator::{Target, TargetError, parse_target};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::SourceFile;

/// D1: the year in the file is the year of its path.
pub(crate) fn check_year(source: &SourceFile, year: &Spanned<i32>, path_year: i32, place: Option<Place>) -> Option<Diagnostic> {
    if *year.get_ref() == path_year {
        return None;
    }
    let d = Diagnostic::error(Code::D1, format!("文件中的年度 {} 与路径中的年度 {path_year} 不一致", year.get_ref()))
        .at(source, year.span())
        .label("此处的年度")
        .hint(format!("把 year 改为 {path_year}，或把文件移到对应年度"));
    Some(match place {
        Some(p) => d.place(p),
        None => d,
    })
}

/// An indicator as every document kind has it: its name, typed target and place.
pub(crate) struct TargetRow<'a> {
    pub name: &'a str,
    pub target: &'a Spanned<String>,
    pub place: Place,
    /// How this document writes targets, for the hint: `≥95(%)`, `>=95%` …
    pub example: &'a str,
}

/// P4 (T7 when the number is too large): the target parses; the parsed target for the kind's own checks.
pub(crate) fn check_target(source: &SourceFile, row: &TargetRow, diags: &mut Diagnostics) -> Option<Target> {
    let error = match parse_target(row.target.get_ref()) {
        Ok(target) => return Some(target),
        Err(error) => error,
    };
    let d = match &error {
        TargetError::TooLarge(_) => too_large(source, row.target.span(), &format!("指标“{}”的指标值", row.name)),
        _ => Diagnostic::error(Code::P4, format!("指标“{}”的指标值有误：{}", row.name, error.message()))
            .at(source, row.target.span())
            .label("运算符、数字、单位")
            .hint(format!("写成 {}，或定性值如 及时、合格", row.example)),
    };
    diags.push(d.place(row.place.clone()));
    None
}

/// T7: a figure whose arithmetic overflows; `what` names it (`执行率分数`, `年度预算安排中的金额`).
pub(crate) fn too_large(source: &SourceFile, span: Range<usize>, what: &str) -> Diagnostic {
    Diagnostic::error(Code::T7, format!("{what}数额过大，无法计算"))
        .at(source, span)
        .label("数额过大")
        .hint("核对数字与单位：金额以元计，每项不超过一千万亿元；分值、得分按百分制填写")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanned(source: &SourceFile) -> Spanned<String> {
        #[derive(serde::Deserialize)]
        struct T {
            t: Spanned<String>,
        }
        toml::from_str::<T>(&source.text).unwrap().t
    }

    #[test]
    fn targets_are_checked_once_for_every_kind() {
        for (text, code) in
            [("t = \"≥三十六万\"", Some("P4")), ("t = \"≥99999999999999999999999999999999(件)\"", Some("T7")), ("t = \"≥95(%)\"", None)]
        {
            let source = SourceFile::new("t.toml", text);
            let target = spanned(&source);
            let mut diags = Diagnostics::default();
            let row = TargetRow { name: "n", target: &target, place: Place::Project(0), example: "≥95(%)" };
            let parsed = check_target(&source, &row, &mut diags);
            assert_eq!(diags.iter().next().map(|d| d.code.as_str()), code, "{text}");
            assert_eq!(parsed.is_some(), code.is_none());
            assert!(diags.iter().all(|d| d.line_col == Some((1, 5))));
        }
    }
}
