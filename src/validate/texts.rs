//! Wording checks on typed text: placeholders, markup, 部门/单位, punctuation, missing reasons.

use super::Context;
use crate::derive::Wording;
use crate::diag::{Diagnostic, Diagnostics, Place};

/// Template leftovers that must never reach a published document.
const PLACEHOLDERS: [&str; 12] =
    ["XX", "ｘｘ", "ＸＸ", "待填写", "待补充", "增加减少", "增加（减少）", "增加(减少)", "{单位}", "{年}", "TODO", "此处填写"];

/// Markup pasted from web forms (published 000 carries `<p>…</p>`).
const MARKUP: [&str; 6] = ["<p>", "</p>", "<br>", "<br/>", "&nbsp;", "<div"];

/// One typed text, with its field for messages and its place in the document.
struct Text<'a> {
    field: String,
    text: &'a str,
    place: Place,
}

/// Runs every wording check.
pub fn check(cx: &Context, diags: &mut Diagnostics) {
    let texts = typed_texts(cx);
    for t in &texts {
        check_placeholders(cx, t, diags);
        check_markup(cx, t, diags);
        check_wording(cx, t, diags);
    }
    check_sentence_ends(cx, diags);
    check_missing_reasons(cx, diags);
    check_glossary_level(cx, diags);
    check_purpose_style(cx, diags);
}

fn typed_texts<'a>(cx: &'a Context) -> Vec<Text<'a>> {
    let d = &cx.loaded.data;
    let mut out = Vec::new();
    let mut add = |field: &str, text: &'a str, place: Place| out.push(Text { field: field.to_string(), text, place });
    add("unit.name", &d.unit.name, Place::Cover);
    if let Some(alias) = &d.unit.alias {
        add("unit.alias", alias, Place::Cover);
    }
    add("text.nature", &d.text.nature, Place::Functions);
    d.text.functions.iter().for_each(|t| add("text.functions", t, Place::Functions));
    d.text.members.iter().for_each(|t| add("text.members", t, Place::Functions));
    add("text.change_reason", &d.text.change_reason, Place::Narrative);
    for line in &d.functions {
        let place = Place::Item(line.code.get_ref().clone());
        add("function.purpose", &line.purpose, place.clone());
        if let Some(reason) = &line.reason {
            add("function.reason", reason, place);
        }
    }
    let r = &d.three_public.reasons;
    for reason in [&r.abroad, &r.reception, &r.vehicle_purchase, &r.vehicle_operation] {
        add("three_public.reasons", reason, Place::ThreePublic);
    }
    add("assets.as_of", &d.assets.as_of, Place::Assets);
    for (i, p) in d.projects.iter().enumerate() {
        add("project.name", &p.name, Place::Project(i));
        for t in [&p.overview, &p.basis, &p.implementer, &p.plan, &p.period, &p.budget_text, &p.goals].into_iter().flatten() {
            add("project", t, Place::Project(i));
        }
        let f = &p.form;
        for t in [&f.nature, &f.category, &f.department, &f.implementer, &f.overall_goal, &f.annual_goal] {
            add("project.form", t, Place::Project(i));
        }
        for ind in &f.indicators {
            add("project.form.indicator", &ind.name, Place::Project(i));
        }
    }
    out
}

/// W1: template leftovers such as XX, 待填写 or 增加减少.
fn check_placeholders(cx: &Context, t: &Text, diags: &mut Diagnostics) {
    for mark in PLACEHOLDERS {
        if !t.text.contains(mark) {
            continue;
        }
        diags.push(
            Diagnostic::error("W1", format!("{} 中有未替换的占位文字“{mark}”", t.field))
                .at_opt(&cx.loaded.source, cx.locate(mark))
                .label("占位文字")
                .hint(if mark.starts_with("增加") { "只写一个词：增加或减少（程序生成的句子会自动判断）" } else { "填入实际内容" })
                .place(t.place.clone()),
        );
    }
}

/// W3: HTML tags and entities pasted into text.
fn check_markup(cx: &Context, t: &Text, diags: &mut Diagnostics) {
    if let Some(mark) = MARKUP.iter().find(|m| t.text.contains(**m)) {
        diags.push(
            Diagnostic::error("W3", format!("{} 中有网页标记“{mark}”", t.field))
                .at_opt(&cx.loaded.source, cx.locate(mark))
                .label("会原样印出")
                .hint("删去 <p>、</p> 等标记，只保留文字")
                .place(t.place.clone()),
        );
    }
}

/// W2: a 单位 document speaks of 本单位, never 本部门.
fn check_wording(cx: &Context, t: &Text, diags: &mut Diagnostics) {
    if cx.budget.wording == Wording::Unit && t.text.contains("本部门") {
        diags.push(
            Diagnostic::warning("W2", format!("单位预算的 {} 中出现“本部门”", t.field))
                .at_opt(&cx.loaded.source, cx.locate("本部门"))
                .label("应为“本单位”")
                .hint("wording = \"单位\" 时全文统一用“本单位”")
                .place(t.place.clone()),
        );
    }
}

/// W4: texts the template follows with 。 must not end with one themselves.
fn check_sentence_ends(cx: &Context, diags: &mut Diagnostics) {
    let d = &cx.loaded.data;
    let r = &d.three_public.reasons;
    let mut ends: Vec<(&str, &str, Place, usize)> = vec![("text.change_reason", &d.text.change_reason, Place::Narrative, 0)];
    for line in &d.functions {
        let entry = line.code.span().start;
        ends.push(("function.purpose", &line.purpose, Place::Item(line.code.get_ref().clone()), entry));
        if let Some(reason) = &line.reason {
            ends.push(("function.reason", reason, Place::Item(line.code.get_ref().clone()), entry));
        }
    }
    for reason in [&r.abroad, &r.reception, &r.vehicle_purchase, &r.vehicle_operation] {
        ends.push(("three_public.reasons", reason, Place::ThreePublic, 0));
    }
    for (field, text, place, entry) in ends {
        if text.ends_with('。') || text.ends_with('；') || text.ends_with('，') {
            diags.push(
                Diagnostic::warning("W4", format!("{field} 以标点结尾，句子会出现重复标点"))
                    .at_opt(&cx.loaded.source, cx.locate_after(entry, text))
                    .hint("去掉末尾的标点，句号由程序添加")
                    .place(place),
            );
        }
    }
}

/// R1: every changed figure needs its reason, and “三公” sentences always print one.
fn check_missing_reasons(cx: &Context, diags: &mut Diagnostics) {
    for line in &cx.loaded.data.functions {
        let code = line.code.get_ref();
        let Some(cell) = cx.budget.ledger.items.get(code) else { continue };
        let Some(prior) = &line.prior else { continue };
        let changed = cell.total() != *prior.get_ref();
        let missing = line.reason.as_deref().is_none_or(|r| r.trim().is_empty());
        if changed && missing {
            diags.push(
                Diagnostic::error("R1", format!("科目 {code} 比上年有增减，但没有填写原因"))
                    .at(&cx.loaded.source, line.code.span())
                    .label("这一条缺少 reason")
                    .hint("在这条 [[function]] 中加上 reason = \"……\"（句子“主要原因是：……”的内容）")
                    .place(Place::Item(code.clone())),
            );
        }
    }
}

/// L1: the level word in 名词解释 normally matches the document's level.
fn check_glossary_level(cx: &Context, diags: &mut Diagnostics) {
    let unit = &cx.loaded.data.unit;
    if unit.glossary_level == *unit.level.get_ref() {
        return;
    }
    diags.push(
        Diagnostic::warning("L1", format!("名词解释用“{}”，而本文件是{}预算", unit.glossary_level, unit.level.get_ref()))
            .at_opt(&cx.loaded.source, cx.locate(&format!("glossary_level = \"{}\"", unit.glossary_level)))
            .label("级次用语")
            .hint(format!("通常应为 glossary_level = \"{}\"", unit.level.get_ref()))
            .place(Place::Glossary),
    );
}

/// S1: 主要用于 is introduced the same way in every item sentence.
fn check_purpose_style(cx: &Context, diags: &mut Diagnostics) {
    let lines = &cx.loaded.data.functions;
    let separate = lines.iter().filter(|l| l.purpose_sentence).count();
    if separate == 0 || separate == lines.len() {
        return;
    }
    let first = lines.iter().find(|l| l.purpose_sentence).expect("counted above");
    diags.push(
        Diagnostic::warning("S1", format!("{} 条科目说明用“。主要用于”，其余用“，主要用于”", separate))
            .at_opt(&cx.loaded.source, cx.locate("purpose_sentence = true"))
            .hint("全文统一更规范；如需与已发布文本一致可忽略")
            .place(Place::Item(first.code.get_ref().clone())),
    );
}
