//! Figures the user typed although they can be derived: each must equal its derivation.

use crate::diag::Code;
use toml::Spanned;

use super::common::too_large;
use super::{Context, yuan};
use crate::derive::{Kind, Source};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::money::Amount;

/// Compares every typed total and typed name with what the data derives.
pub fn check(cx: &Context, diags: &mut Diagnostics) {
    check_typed_totals(cx, diags);
    check_vehicle_total(cx, diags);
    check_function_names(cx, diags);
    check_glossary_terms(cx, diags);
}

/// One typed total: the value as typed, the derived sum, its code, its name and where it prints.
type TypedTotal<'a> = (&'a Option<Spanned<Amount>>, Amount, Code, &'static str, Place);

fn check_typed_totals(cx: &Context, diags: &mut Diagnostics) {
    let b = cx.budget;
    let t = &cx.loaded.data.totals;
    let all = &b.figures.all;
    let (personnel, public) = b.economic_totals();
    let appropriation = b.change_of(|s, _| s.is_appropriation());
    let checks: [TypedTotal; 11] = [
        (&t.income, all.total(), Code::I4, "收入总计", Place::Table(1)),
        (&t.appropriation, appropriation.current, Code::I2, "财政拨款收入", Place::Table(1)),
        (&t.other, all.of_source(Source::Other), Code::I5, "其他收入合计", Place::Table(2)),
        (&t.general, all.of_source(Source::General), Code::X6, "一般公共预算支出合计", Place::Table(5)),
        (&t.basic, all.of_kind(Kind::Basic), Code::I7, "基本支出合计", Place::Table(3)),
        (&t.project, all.of_kind(Kind::Project), Code::I7, "项目支出合计", Place::Table(3)),
        (&t.personnel, personnel, Code::I10, "人员经费合计", Place::Table(8)),
        (&t.public, public, Code::I10, "公用经费合计", Place::Table(8)),
        (&t.three_public, b.three_public.total.current, Code::I11, "“三公”经费合计", Place::Table(9)),
        (&t.procurement, b.procurement.total, Code::N7, "政府采购预算合计", Place::Procurement),
        (&t.prior_appropriation, appropriation.prior, Code::N5, "上年财政拨款预算执行数", Place::Narrative),
    ];
    for (typed, derived, code, name, place) in checks {
        let Some(typed) = typed else { continue };
        let value = *typed.get_ref();
        if value == derived {
            continue;
        }
        diags.push(
            Diagnostic::error(code, format!("填写的{name} {} 元与明细推算的 {} 元不一致", yuan(value), yuan(derived)))
                .at(&cx.loaded.source, typed.span())
                .label(format!("明细合计为 {} 元", yuan(derived)))
                .hint(format!(
                    "下级合计为 {}，相差 {} 元；改正明细或删去此合计（程序会自动计算）",
                    yuan(derived),
                    yuan(value.difference(derived))
                ))
                .place(place),
        );
    }
}

/// The vehicles of one map added up; `Err` names the count where the sum no longer fits (T7).
fn vehicle_sum(map: &std::collections::BTreeMap<String, Spanned<u32>>) -> Result<u32, std::ops::Range<usize>> {
    map.values().try_fold(0u32, |sum, c| sum.checked_add(*c.get_ref()).ok_or_else(|| c.span()))
}

/// N9: a typed vehicle total equals the sum of the categories; T7 when the counts cannot be added.
fn check_vehicle_total(cx: &Context, diags: &mut Diagnostics) {
    let assets = &cx.loaded.data.assets;
    for (map, what) in [(&assets.vehicles, "车辆数"), (&assets.planned_vehicles, "拟购置车辆数")] {
        if let Err(span) = vehicle_sum(map) {
            diags.push(too_large(&cx.loaded.source, span, what).place(Place::Assets));
        }
    }
    let (Some(typed), Ok(sum)) = (&cx.loaded.data.totals.vehicles, vehicle_sum(&assets.vehicles)) else { return };
    if *typed.get_ref() == sum {
        return;
    }
    diags.push(
        Diagnostic::error(Code::N9, format!("填写的车辆合计 {} 辆与各类别之和 {sum} 辆不一致", typed.get_ref()))
            .at(&cx.loaded.source, typed.span())
            .label(format!("各类别之和为 {sum}"))
            .hint("核对 [assets] vehicles 中各类别的数量")
            .place(Place::Assets),
    );
}

/// D8: a typed 项 name agrees with the year's catalogue.
fn check_function_names(cx: &Context, diags: &mut Diagnostics) {
    for line in &cx.loaded.data.functions {
        let Some(name) = &line.name else { continue };
        let Some(expected) = cx.loaded.catalog.function_name(line.code.get_ref()) else { continue };
        if name.get_ref() == expected {
            continue;
        }
        diags.push(
            Diagnostic::error(
                Code::D8,
                format!(
                    "科目 {} 的名称“{}”与 {} 年科目目录中的“{expected}”不一致",
                    line.code.get_ref(),
                    name.get_ref(),
                    cx.loaded.catalog.year
                ),
            )
            .at(&cx.loaded.source, name.span())
            .label(format!("目录名称为“{expected}”"))
            .hint("科目名称以当年目录为准；改正名称或删去 name（程序会取目录名称）")
            .place(Place::Item(line.code.get_ref().clone())),
        );
    }
}

/// D9: every chosen 名词解释 term exists in the catalogue.
fn check_glossary_terms(cx: &Context, diags: &mut Diagnostics) {
    let catalog = &cx.loaded.catalog;
    for term in &cx.loaded.data.unit.glossary {
        if catalog.glossary.contains_key(term.get_ref()) {
            continue;
        }
        let known: Vec<&str> = catalog.glossary.keys().map(String::as_str).collect();
        diags.push(
            Diagnostic::error(Code::D9, format!("名词解释“{}”不在 {} 年目录中", term.get_ref(), catalog.year))
                .at(&cx.loaded.source, term.span())
                .label("未知的名词")
                .hint(format!("可选：{}", known.join("、")))
                .place(Place::Glossary),
        );
    }
}
