//! Chapter 七 checks: the 申报表 money block, dates, indicator targets, text against form (N10).

use std::sync::LazyLock;

use regex::Regex;
use toml::Spanned;

use super::{yuan, Context};
use crate::derive::indicator::{parse_target, Target};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::input::Project;
use crate::money::{parse_amount, to_wan, Amount};
use crate::render::narrative::wan;

/// A span of dates in prose: 2023年12月1日至2024年11月30日.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日至(\d{4})年(\d{1,2})月(\d{1,2})日").unwrap());
/// An amount in 万元 in prose: 4,078.10万元.
static WAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d[\d,]*(?:\.\d+)?)万元").unwrap());

/// Runs every project check.
pub fn check(cx: &Context, diags: &mut Diagnostics) {
    for (i, p) in cx.loaded.data.projects.iter().enumerate() {
        check_money_block(cx, i, p, diags);
        check_dates(cx, i, p, diags);
        check_targets(cx, i, p, diags);
        check_budget_text(cx, i, p, diags);
    }
}

/// P1: 年度资金申请总额 = 当年财政拨款 + 上年结转 + 其他, and the project total is not less.
fn check_money_block(cx: &Context, i: usize, p: &Project, diags: &mut Diagnostics) {
    let funds = &cx.budget.project_funds[i];
    if let Some(typed) = &p.form.annual {
        if *typed.get_ref() != funds.annual() {
            diags.push(
                Diagnostic::error("P1", format!("“{}”申报表的年度资金申请总额 {} 元不等于各来源之和 {} 元", p.name, yuan(*typed.get_ref()), yuan(funds.annual())))
                    .at(&cx.loaded.source, typed.span())
                    .label(format!("当年财政拨款 + 上年结转 + 其他 = {}", yuan(funds.annual())))
                    .hint("改正各来源金额，或删去 annual（程序会自动相加）")
                    .place(Place::Project(i)),
            );
        }
    }
    if let (Some(total), Some(typed)) = (funds.total_budget, &p.total_budget) {
        if total < funds.annual() {
            diags.push(
                Diagnostic::error("P1", format!("“{}”的项目财政资金总预算 {} 元小于当年预算 {} 元", p.name, yuan(total), yuan(funds.annual())))
                    .at(&cx.loaded.source, typed.span())
                    .hint("总预算包含各年度安排，不能少于当年数")
                    .place(Place::Project(i)),
            );
        }
    }
}

/// Parses `YYYY-MM-DD` into (year, month, day) when it is a real calendar date.
fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    (1..=12).contains(&m).then_some(())?;
    (1..=days[m as usize - 1]).contains(&d).then_some((y, m, d))
}

/// P2: dates are real and ordered; P3: the period text agrees with them.
fn check_dates(cx: &Context, i: usize, p: &Project, diags: &mut Diagnostics) {
    let src = &cx.loaded.source;
    let date = |s: &Spanned<String>, diags: &mut Diagnostics| {
        let parsed = parse_date(s.get_ref());
        if parsed.is_none() {
            diags.push(
                Diagnostic::error("P2", format!("日期“{}”格式不对", s.get_ref()))
                    .at(src, s.span())
                    .label("应为 YYYY-MM-DD")
                    .hint("例如 2024-01-01")
                    .place(Place::Project(i)),
            );
        }
        parsed
    };
    let (Some(start), Some(end)) = (date(&p.form.start, diags), date(&p.form.end, diags)) else { return };
    if start > end {
        diags.push(
            Diagnostic::error("P2", format!("“{}”的计划开始日期晚于计划完成日期", p.name))
                .at(src, p.form.start.span())
                .hint("交换两个日期或改正其中之一")
                .place(Place::Project(i)),
        );
    }
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    for text in &p.period {
        let Some(c) = PERIOD.captures(text) else { continue };
        let from = (num(&c[1]) as i32, num(&c[2]), num(&c[3]));
        let to = (num(&c[4]) as i32, num(&c[5]), num(&c[6]));
        if from != start || to != end {
            diags.push(
                Diagnostic::warning("P3", format!("“{}”实施周期写作“{}”，申报表日期为 {} 至 {}", p.name, &c[0], p.form.start.get_ref(), p.form.end.get_ref()))
                    .at_opt(src, cx.locate(&c[0]))
                    .label("与申报表的计划日期不一致")
                    .hint("统一实施周期与申报表的计划开始、完成日期")
                    .place(Place::Project(i)),
            );
        }
    }
}

/// P4: quantitative targets parse; P5: a rate (…率) is measured in %.
fn check_targets(cx: &Context, i: usize, p: &Project, diags: &mut Diagnostics) {
    for ind in &p.form.indicators {
        match parse_target(ind.target.get_ref()) {
            Err(message) => diags.push(
                Diagnostic::error("P4", format!("指标“{}”的指标值有误：{message}", ind.name))
                    .at(&cx.loaded.source, ind.target.span())
                    .label("运算符、数字、单位")
                    .hint("写成 ≥95(%)、≤5(天)、=100(台)，或定性值如 及时、合格")
                    .place(Place::Project(i)),
            ),
            Ok(Target::Quantity { unit, .. }) if ind.name.ends_with('率') && unit != "%" => diags.push(
                Diagnostic::warning("P5", format!("指标“{}”是比率，单位却是“{unit}”", ind.name))
                    .at(&cx.loaded.source, ind.target.span())
                    .label("比率通常以 % 计")
                    .hint("核对指标名称与单位")
                    .place(Place::Project(i)),
            ),
            Ok(_) => {}
        }
    }
}

/// N10: a 万元 figure typed in 年度预算安排 agrees with the 申报表.
fn check_budget_text(cx: &Context, i: usize, p: &Project, diags: &mut Diagnostics) {
    let funds = &cx.budget.project_funds[i];
    let expected = [funds.appropriation, funds.annual()].map(|a| to_wan(a, 2));
    for text in &p.budget_text {
        let Some(last) = WAN.captures_iter(text).last() else { continue };
        let Ok(stated) = parse_amount(&last[1]).map(|a: Amount| a.yuan()) else { continue };
        if expected.iter().any(|e| *e == stated) {
            continue;
        }
        diags.push(
            Diagnostic::warning("N10", format!("“{}”年度预算安排写“{}”，申报表当年财政拨款为 {}万元", p.name, &last[0], wan(funds.appropriation)))
                .at_opt(&cx.loaded.source, cx.locate(&last[0]))
                .label(format!("申报表为 {}万元", wan(funds.appropriation)))
                .hint("核对文字与申报表金额；不写 budget_text 时程序按申报表生成该句")
                .place(Place::Project(i)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_must_exist() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("2024-1-01"), None);
    }
}
