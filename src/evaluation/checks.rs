//! Self-evaluation checks: scores within weights, weights adding to 100, targets that parse,
//! 执行率 that exist, figures that can be computed, and every typed text.

use crate::diag::Code;
use rust_decimal::Decimal;

use super::figures::ProjectScore;
use crate::derive::indicator::Target;
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::SourceFile;
use crate::model::evaluation::{EvaluatedProject, EvaluationFile, FundRow};
use crate::validate::common::{TargetRow, check_target, check_year, too_large};
use crate::validate::fields::Fields;
use crate::validate::marks::check_texts;

/// Every finding about a self-evaluation file.
pub fn check(file: &EvaluationFile, scores: &[ProjectScore], source: &SourceFile, path_year: i32) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.0.extend(check_year(source, &file.year, path_year, None));
    let fields = Fields::of(source);
    check_texts(source, &fields, &|f| f.index_in("project").map(Place::Project), &mut diags);
    for (i, (p, s)) in file.projects.iter().zip(scores).enumerate() {
        check_project(source, Place::Project(i), p, s, &mut diags);
    }
    diags
}

fn check_project(source: &SourceFile, place: Place, p: &EvaluatedProject, s: &ProjectScore, diags: &mut Diagnostics) {
    for span in &s.too_large {
        diags.push(too_large(source, span.clone(), &format!("“{}”的分数或金额", p.name)).place(place.clone()));
    }
    check_points(source, &place, p, s, diags);
    for ind in &p.indicators {
        if ind.score.get_ref() > ind.weight.get_ref() {
            diags.push(
                Diagnostic::error(
                    Code::V1,
                    format!("指标“{}”得分 {} 超过分值 {}", ind.name, ind.score.get_ref().0, ind.weight.get_ref().0),
                )
                .at(source, ind.score.span())
                .label(format!("不能超过 {}", ind.weight.get_ref().0))
                .hint("得分不能高于该指标的分值")
                .place(place.clone()),
            );
        }
        let row = TargetRow { name: &ind.name, target: &ind.target, place: place.clone(), example: "≥95.00(%)、=103.00(台)" };
        check_zero_target(source, &row, check_target(source, &row, diags), diags);
    }
    check_rates(source, &place, p, diags);
    if s.rows[0].executed > s.rows[0].adjusted && !s.rows[0].adjusted.is_zero() {
        diags.push(
            Diagnostic::warning(Code::V4, format!("“{}”全年执行数超过全年预算数，执行率得分按满分 {} 计", p.name, s.execution_points))
                .at_opt(source, p.appropriation.executed.as_ref().map(|a| a.span()))
                .hint("核对全年预算数（调整后预算）与执行数")
                .place(place.clone()),
        );
    }
}

/// V2: indicator 分值 plus the execution 分数 add up to 100.
fn check_points(source: &SourceFile, place: &Place, p: &EvaluatedProject, s: &ProjectScore, diags: &mut Diagnostics) {
    let Some(total) = s.total_points() else { return };
    if total == Decimal::ONE_HUNDRED || !s.too_large.is_empty() {
        return;
    }
    let at = p.indicators.first().map(|ind| ind.weight.span());
    let rest = Decimal::ONE_HUNDRED.checked_sub(s.execution_points).filter(|r| !r.is_sign_negative());
    let hint = rest.map_or_else(|| "执行率分数不能超过 100（通常为 10）".to_string(), |r| format!("指标分值应合计 {r}"));
    diags.push(
        Diagnostic::error(Code::V2, format!("“{}”各指标分值之和 {} 加执行率分数 {} 不等于 100", p.name, s.weights, s.execution_points))
            .at_opt(source, at)
            .label("第一个指标的分值")
            .hint(hint)
            .place(place.clone()),
    );
}

/// V5: a row with spending but no 全年预算数 has no 执行率; it would print 0.00 for money spent.
fn check_rates(source: &SourceFile, place: &Place, p: &EvaluatedProject, diags: &mut Diagnostics) {
    let rows: [(&FundRow, &str); 3] = [(&p.appropriation, "当年财政拨款"), (&p.carryover, "上年结转资金"), (&p.other, "其他资金")];
    for (row, label) in rows {
        let Some(executed) = &row.executed else { continue };
        let adjusted_zero = row.adjusted.as_ref().is_none_or(|a| a.get_ref().is_zero());
        if executed.get_ref().is_zero() || !adjusted_zero {
            continue;
        }
        diags.push(
            Diagnostic::error(Code::V5, format!("“{}”的{label}有执行数，全年预算数却为零，执行率无从计算", p.name))
                .at(source, executed.span())
                .label("没有预算的执行数")
                .hint("填写该行的全年预算数 adjusted（调整后预算）")
                .place(place.clone()),
        );
    }
}

/// V3: a zero quantitative target, met by any result.
fn check_zero_target(source: &SourceFile, row: &TargetRow, parsed: Option<Target>, diags: &mut Diagnostics) {
    let Some(Target::Quantity { value, .. }) = parsed else { return };
    if !value.is_zero() {
        return;
    }
    diags.push(
        Diagnostic::warning(Code::V3, format!("指标“{}”的指标值 {} 为零，任何结果都能达到", row.name, row.target.get_ref()))
            .at(source, row.target.span())
            .label("零目标")
            .hint("核对目标值；数量目标一般应大于零")
            .place(row.place.clone()),
    );
}
