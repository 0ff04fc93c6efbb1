//! Self-evaluation checks: scores within weights, weights adding to 100, targets that parse.

use rust_decimal::Decimal;

use super::figures::ProjectScore;
use crate::derive::indicator::{parse_target, Target};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::evaluation::EvaluationFile;
use crate::model::SourceFile;

/// Every finding about a self-evaluation file.
pub fn check(file: &EvaluationFile, scores: &[ProjectScore], source: &SourceFile, path_year: i32) -> Diagnostics {
    let mut diags = Diagnostics::default();
    if *file.year.get_ref() != path_year {
        diags.push(
            Diagnostic::error("D1", format!("文件中的年度 {} 与路径中的年度 {path_year} 不一致", file.year.get_ref()))
                .at(source, file.year.span())
                .hint(format!("把 year 改为 {path_year}，或把文件移到对应年度")),
        );
    }
    for (i, (p, s)) in file.projects.iter().zip(scores).enumerate() {
        let place = Place::Project(i);
        if s.weights + s.execution_points != Decimal::ONE_HUNDRED {
            let at = p.indicators.first().map(|ind| ind.weight.span());
            diags.push(
                Diagnostic::error("V2", format!("“{}”各指标分值之和 {} 加执行率分数 {} 不等于 100", p.name, s.weights, s.execution_points))
                    .at_opt(source, at)
                    .label("第一个指标的分值")
                    .hint(format!("指标分值应合计 {}", Decimal::ONE_HUNDRED - s.execution_points))
                    .place(place.clone()),
            );
        }
        for ind in &p.indicators {
            if ind.score.get_ref() > ind.weight.get_ref() {
                diags.push(
                    Diagnostic::error("V1", format!("指标“{}”得分 {} 超过分值 {}", ind.name, ind.score.get_ref().0, ind.weight.get_ref().0))
                        .at(source, ind.score.span())
                        .label(format!("不能超过 {}", ind.weight.get_ref().0))
                        .hint("得分不能高于该指标的分值")
                        .place(place.clone()),
                );
            }
            check_target(source, &ind.name, &ind.target, place.clone(), &mut diags);
        }
        if s.rows[0].executed > s.rows[0].adjusted && !s.rows[0].adjusted.is_zero() {
            diags.push(
                Diagnostic::warning("V4", format!("“{}”全年执行数超过全年预算数，执行率得分按满分 {} 计", p.name, s.execution_points))
                    .at_opt(source, p.appropriation.executed.as_ref().map(|a| a.span()))
                    .hint("核对全年预算数（调整后预算）与执行数")
                    .place(place),
            );
        }
    }
    diags
}

/// P4: a quantitative target parses; V3: a zero target that any result meets.
fn check_target(source: &SourceFile, name: &str, target: &toml::Spanned<String>, place: Place, diags: &mut Diagnostics) {
    match parse_target(target.get_ref()) {
        Err(message) => diags.push(
            Diagnostic::error("P4", format!("指标“{name}”的指标值有误：{message}"))
                .at(source, target.span())
                .hint("写成 ≥95.00(%)、=103.00(台)，或定性值如 及时、合格")
                .place(place),
        ),
        Ok(Target::Quantity { value, .. }) if value.is_zero() => diags.push(
            Diagnostic::warning("V3", format!("指标“{name}”的指标值 {} 为零，任何结果都能达到", target.get_ref()))
                .at(source, target.span())
                .label("零目标")
                .hint("核对目标值；数量目标一般应大于零")
                .place(place),
        ),
        Ok(_) => {}
    }
}
