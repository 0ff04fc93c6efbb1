//! Data a template set's sentences need (its `style.toml` `[needs]`): missing data is refused
//! before a sentence could print a zero for something the user never typed.

use super::Context;
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics, Place};

/// D12 (上年执行数 per 项), D13 (上年预算总额) and R1 (“三公” reasons), as the set requires.
pub fn check(cx: &Context, diags: &mut Diagnostics) {
    if cx.formats.item_priors {
        check_item_priors(cx, diags);
    }
    if cx.formats.total_prior && cx.loaded.data.last_year.is_none() {
        diags.push(
            Diagnostic::error(Code::D13, "缺少上年预算总额：本样式的编制说明要写“比上年增加/减少……”")
                .at_opt(&cx.loaded.source, cx.fields.entry("unit.style").or_else(|| cx.fields.header("unit")))
                .hint("加上 [last_year] total = <上年部门预算收支总额，元>")
                .place(Place::Narrative),
        );
    }
    if cx.formats.three_public_reasons {
        check_three_public_reasons(cx, diags);
    }
    if cx.formats.total_prior {
        check_shares(cx, diags);
    }
    if cx.formats.reservations {
        check_reservations(cx, diags);
    }
}

/// D16: a set that prints the 中小企业 sentence needs both reservation figures.
fn check_reservations(cx: &Context, diags: &mut Diagnostics) {
    let p = &cx.loaded.data.procurement;
    let missing: Vec<&str> = [("sme_reserved", p.sme_reserved.is_none()), ("small_micro_reserved", p.small_micro_reserved.is_none())]
        .into_iter()
        .filter_map(|(key, none)| none.then_some(key))
        .collect();
    if missing.is_empty() {
        return;
    }
    let src = &cx.loaded.source;
    diags.push(
        Diagnostic::error(
            Code::D16,
            format!("[procurement] 缺少 {}：本样式要写“面向中小企业预留政府采购项目预算金额……”", missing.join("、")),
        )
        .at_opt(src, cx.fields.header("procurement"))
        .hint("填写面向中小企业、小型和微型企业预留的金额（元）；样式不写该句时可在 style.toml 设 [needs] reservations = false")
        .place(Place::Procurement),
    );
}

/// D15: the sets that compare the totals with last year (镇级) also give shares (占X%) of the
/// 收支总额 and of 项目支出; a zero whole has no shares, so the sentence cannot be written.
fn check_shares(cx: &Context, diags: &mut Diagnostics) {
    let src = &cx.loaded.source;
    let figures = &cx.budget.figures;
    if figures.all.total().is_zero() {
        let first = cx.loaded.data.functions.first().map(|l| l.code.span());
        diags.push(
            Diagnostic::error(Code::D15, "预算收支总额为零：本样式的编制说明要写各项收入、支出“占X%”")
                .at_opt(src, first)
                .label("各科目金额合计为零")
                .hint("填写各 [[function]] 的 basic/project 金额；零总额没有占比")
                .place(Place::Narrative),
        );
    }
    if figures.performance.whole.is_zero() {
        diags.push(
            Diagnostic::error(Code::D15, "项目支出合计为零：本样式要写绩效目标资金“占年初项目总预算的X%”")
                .at(src, cx.loaded.data.performance.amount.span())
                .label("没有项目支出可占")
                .hint("填写项目支出金额；没有项目支出时该句无从写出")
                .place(Place::Performance),
        );
    }
}

fn check_item_priors(cx: &Context, diags: &mut Diagnostics) {
    for line in cx.loaded.data.functions.iter().filter(|l| l.prior.is_none()) {
        let code = line.code.get_ref();
        diags.push(
            Diagnostic::error(Code::D12, format!("科目 {code} 缺少上年执行数 prior"))
                .at(&cx.loaded.source, line.code.span())
                .label("这一条没有 prior")
                .hint("本样式逐项比较上年：在这条 [[function]] 中加上 prior = <上年执行数，元>")
                .place(Place::Item(code.clone())),
        );
    }
}

/// R1: the set prints “主要原因是……” after every “三公” component.
fn check_three_public_reasons(cx: &Context, diags: &mut Diagnostics) {
    let r = &cx.loaded.data.three_public.reasons;
    for (name, reason) in [
        ("abroad", &r.abroad),
        ("reception", &r.reception),
        ("vehicle_purchase", &r.vehicle_purchase),
        ("vehicle_operation", &r.vehicle_operation),
    ] {
        if reason.trim().is_empty() {
            diags.push(
                Diagnostic::error(Code::R1, format!("“三公”经费说明缺少 {name} 的原因"))
                    .at_opt(&cx.loaded.source, cx.fields.header("three_public.reasons"))
                    .hint("每一项都要写“主要原因是……”的内容")
                    .place(Place::ThreePublic),
            );
        }
    }
}
