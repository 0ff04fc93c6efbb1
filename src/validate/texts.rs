//! Wording checks on typed text: placeholders, markup, 部门/单位, punctuation, missing reasons.

use super::Context;
use super::fields::TextField;
use super::marks::check_texts;
use crate::derive::Wording;
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics, Place};

/// Runs every wording check.
pub fn check(cx: &Context, diags: &mut Diagnostics) {
    check_texts(&cx.loaded.source, &cx.fields, &|f| place_of(cx, f), diags);
    check_wording(cx, diags);
    check_sentence_ends(cx, diags);
    check_missing_reasons(cx, diags);
    check_glossary_level(cx, diags);
    check_purpose_style(cx, diags);
}

/// The section of the document a typed value prints in, from its key path.
fn place_of(cx: &Context, f: &TextField) -> Option<Place> {
    let d = &cx.loaded.data;
    Some(match f.root() {
        "unit" if f.path == "unit.glossary_level" => Place::Glossary,
        "unit" => Place::Cover,
        "text" if f.path.starts_with("text.special_terms") => Place::Glossary,
        "text" if ["text.change_reason", "text.income_reason", "text.spending_reason"].contains(&f.path.as_str()) => Place::Narrative,
        "text" => Place::Functions,
        "function" => Place::Item(d.functions.get(f.index_in("function")?)?.code.get_ref().clone()),
        "basic_note" => Place::Narrative,
        "three_public" => Place::ThreePublic,
        "procurement" => Place::Procurement,
        "performance" => Place::Performance,
        "assets" => Place::Assets,
        "project" => Place::Project(f.index_in("project")?),
        _ => return None,
    })
}

/// W2: a 单位 document speaks of 本单位, never 本部门, in every typed text.
fn check_wording(cx: &Context, diags: &mut Diagnostics) {
    if cx.budget.wording != Wording::Unit {
        return;
    }
    let src = &cx.loaded.source;
    for f in cx.fields.texts().iter().filter(|f| f.text.contains("本部门")) {
        let d = Diagnostic::warning(Code::W2, format!("单位预算的 {} 中出现“本部门”", f.name()))
            .at(src, f.part(src, "本部门"))
            .label("应为“本单位”")
            .hint("wording = \"单位\" 时全文统一用“本单位”");
        diags.push(match place_of(cx, f) {
            Some(p) => d.place(p),
            None => d,
        });
    }
}

/// Texts a template follows with its own 。 or ，: the sentence must not end twice.
const SENTENCE_PARTS: [&str; 11] = [
    "text.change_reason",
    "text.income_reason",
    "text.spending_reason",
    "function.purpose",
    "function.reason",
    "function.project_purpose",
    "basic_note.purpose",
    "three_public.reasons.abroad",
    "three_public.reasons.reception",
    "three_public.reasons.vehicle_purchase",
    "three_public.reasons.vehicle_operation",
];

/// W4: texts the template follows with 。 must not end with one themselves.
fn check_sentence_ends(cx: &Context, diags: &mut Diagnostics) {
    for f in cx.fields.texts() {
        let ends = f.text.ends_with('。') || f.text.ends_with('；') || f.text.ends_with('，');
        if !ends || !SENTENCE_PARTS.contains(&f.name().as_str()) {
            continue;
        }
        let d = Diagnostic::warning(Code::W4, format!("{} 以标点结尾，句子会出现重复标点", f.name()))
            .at(&cx.loaded.source, f.part(&cx.loaded.source, &f.text))
            .hint("去掉末尾的标点，句号由程序添加");
        diags.push(match place_of(cx, f) {
            Some(p) => d.place(p),
            None => d,
        });
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
                Diagnostic::error(Code::R1, format!("科目 {code} 比上年有增减，但没有填写原因"))
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
        Diagnostic::warning(Code::L1, format!("名词解释用“{}”，而本文件是{}预算", unit.glossary_level, unit.level.get_ref()))
            .at_opt(&cx.loaded.source, cx.fields.entry("unit.glossary_level"))
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
    let (i, first) = lines.iter().enumerate().find(|(_, l)| l.purpose_sentence).expect("counted above");
    diags.push(
        Diagnostic::warning(Code::S1, format!("{} 条科目说明用“。主要用于”，其余用“，主要用于”", separate))
            .at_opt(&cx.loaded.source, cx.fields.entry(&format!("function[{i}].purpose_sentence")))
            .hint("全文统一更规范；如需与已发布文本一致可忽略")
            .place(Place::Item(first.code.get_ref().clone())),
    );
}
