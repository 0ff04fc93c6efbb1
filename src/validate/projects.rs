//! Chapter 七 checks: the 申报表 money block, dates, indicator targets, text against form (N10).

use crate::diag::Code;
use std::sync::LazyLock;

use super::common::{TargetRow, check_target, too_large};
use super::dates::{Period, check_period};
use super::{Context, yuan};
use crate::derive::date::{Date, Typed, prose_period};
use crate::derive::indicator::Target;
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::input::Project;
use crate::money::{parse_amount, to_wan};
use crate::style::wan;
use regex::Regex;

/// An amount in 万元 in prose: 4,078.10万元.
static WAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d[\d,]*(?:\.\d+)?)万元").unwrap());

/// Runs every project check.
pub fn check(cx: &Context, diags: &mut Diagnostics) {
    for (i, p) in cx.loaded.data.projects.iter().enumerate() {
        check_money_block(cx, i, p, diags);
        check_dates(cx, i, p, diags);
        check_goal_years(cx, i, p, diags);
        check_targets(cx, i, p, diags);
        check_budget_text(cx, i, p, diags);
    }
}

/// P1: 年度资金申请总额 = 当年财政拨款 + 上年结转 + 其他, and the project total is not less.
fn check_money_block(cx: &Context, i: usize, p: &Project, diags: &mut Diagnostics) {
    let funds = &cx.budget.project_funds[i];
    if let Some(typed) = &p.form.annual
        && *typed.get_ref() != funds.annual
    {
        diags.push(
            Diagnostic::error(
                Code::P1,
                format!("“{}”申报表的年度资金申请总额 {} 元不等于各来源之和 {} 元", p.name, yuan(*typed.get_ref()), yuan(funds.annual)),
            )
            .at(&cx.loaded.source, typed.span())
            .label(format!("当年财政拨款 + 上年结转 + 其他 = {}", yuan(funds.annual)))
            .hint("改正各来源金额，或删去 annual（程序会自动相加）")
            .place(Place::Project(i)),
        );
    }
    if let (Some(total), Some(typed)) = (funds.total_budget, &p.total_budget)
        && total < funds.annual
    {
        diags.push(
            Diagnostic::error(
                Code::P1,
                format!("“{}”的项目财政资金总预算 {} 元小于当年预算 {} 元", p.name, yuan(total), yuan(funds.annual)),
            )
            .at(&cx.loaded.source, typed.span())
            .hint("总预算包含各年度安排，不能少于当年数")
            .place(Place::Project(i)),
        );
    }
}

/// P8: the 项目总体目标 years, when given, run forward and include the year of the 申报表's dates.
fn check_goal_years(cx: &Context, i: usize, p: &Project, diags: &mut Diagnostics) {
    let f = &p.form;
    let (Some(from), Some(to)) = (f.goal_from.as_ref().or(f.goal_to.as_ref()), f.goal_to.as_ref().or(f.goal_from.as_ref())) else { return };
    let start = crate::derive::date::parse_iso(f.start.get_ref()).map(|d| d.year);
    let covers = start.is_none_or(|y| (*from.get_ref()..=*to.get_ref()).contains(&y));
    if from.get_ref() > to.get_ref() || !covers {
        let range = format!("{}年-{}年", from.get_ref(), to.get_ref());
        diags.push(
            Diagnostic::error(Code::P8, format!("“{}”项目总体目标的年度 {range} 不合理", p.name))
                .at(&cx.loaded.source, from.span())
                .label(format!("计划开始日期为 {}", f.start.get_ref()))
                .hint("goal_from 不晚于 goal_to，且包含计划开始日期所在年度")
                .place(Place::Project(i)),
        );
    }
}

/// P2: dates are real and ordered; P3: the period text agrees with them.
fn check_dates(cx: &Context, i: usize, p: &Project, diags: &mut Diagnostics) {
    let src = &cx.loaded.source;
    let period = Period { name: &p.name, start: &p.form.start, end: &p.form.end, place: Place::Project(i) };
    let Some((start, end)) = check_period(src, &period, diags) else { return };
    let real = |(y, m, d): Typed| Date::new(y, m, d);
    for (j, text) in p.period.iter().enumerate() {
        let Some((written, from, to)) = prose_period(text) else { continue };
        if real(from) == Some(start) && real(to) == Some(end) {
            continue;
        }
        diags.push(
            Diagnostic::warning(
                Code::P3,
                format!("“{}”实施周期写作“{}”，申报表日期为 {} 至 {}", p.name, written, p.form.start.get_ref(), p.form.end.get_ref()),
            )
            .at_opt(src, cx.fields.find_in(src, &format!("project[{i}].period[{j}]"), &written))
            .label("与申报表的计划日期不一致")
            .hint("统一实施周期与申报表的计划开始、完成日期")
            .place(Place::Project(i)),
        );
    }
}

/// P4: quantitative targets parse; P5: a rate (…率) is measured in %.
fn check_targets(cx: &Context, i: usize, p: &Project, diags: &mut Diagnostics) {
    for ind in &p.form.indicators {
        let row = TargetRow { name: &ind.name, target: &ind.target, place: Place::Project(i), example: "≥95(%)、≤5(天)、=100(台)" };
        let Some(Target::Quantity { unit, .. }) = check_target(&cx.loaded.source, &row, diags) else { continue };
        if ind.name.ends_with('率') && unit != "%" {
            diags.push(
                Diagnostic::warning(Code::P5, format!("指标“{}”是比率，单位却是“{unit}”", ind.name))
                    .at(&cx.loaded.source, ind.target.span())
                    .label("比率通常以 % 计")
                    .hint("核对指标名称与单位")
                    .place(Place::Project(i)),
            );
        }
    }
}

/// N10: a 万元 figure typed in 年度预算安排 agrees with the 申报表 (T7 when it cannot be read).
fn check_budget_text(cx: &Context, i: usize, p: &Project, diags: &mut Diagnostics) {
    let funds = &cx.budget.project_funds[i];
    let src = &cx.loaded.source;
    let expected = [funds.appropriation, funds.annual].map(|a| to_wan(a, 2));
    for (j, text) in p.budget_text.iter().enumerate() {
        let Some(last) = WAN.captures_iter(text).last() else { continue };
        let at = cx.fields.find_in(src, &format!("project[{i}].budget_text[{j}]"), &last[0]);
        let stated = match parse_amount(&last[1]) {
            Ok(a) => a.yuan(),
            Err(_) if digits_only(&last[1]) => {
                let span = at.unwrap_or_else(|| p.form.appropriation.span());
                diags.push(too_large(src, span, &format!("“{}”年度预算安排中的金额", p.name)).place(Place::Project(i)));
                continue;
            }
            Err(_) => continue,
        };
        if expected.contains(&stated) {
            continue;
        }
        diags.push(
            Diagnostic::warning(
                Code::N10,
                format!("“{}”年度预算安排写“{}”，申报表当年财政拨款为 {}万元", p.name, &last[0], wan(funds.appropriation)),
            )
            .at_opt(src, at)
            .label(format!("申报表为 {}万元", wan(funds.appropriation)))
            .hint("核对文字与申报表金额；不写 budget_text 时程序按申报表生成该句")
            .place(Place::Project(i)),
        );
    }
}

/// A number of well-grouped digits that still does not parse is beyond what can be computed.
fn digits_only(text: &str) -> bool {
    text.chars().filter(|c| *c != ',' && *c != '.').count() > 28
}
