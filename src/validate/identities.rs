//! Cross-checks between independently typed figures (X8, X10–X12, N7–N9) and the heuristic H1.

use crate::diag::Code;
use toml::Spanned;

use super::{Context, yuan};
use crate::derive::{Kind, Source, UnitKind};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::options::VEHICLE_CATEGORIES;
use crate::money::Amount;

/// Runs the cross-table identities.
pub fn check(cx: &Context, diags: &mut Diagnostics) {
    check_basic_matches_economic(cx, diags);
    check_insurance_pairs(cx, diags);
    check_three_public_covers_economic(cx, diags);
    check_operating_costs(cx, diags);
    check_reservations(cx, diags);
    check_performance_coverage(cx, diags);
    check_vehicle_categories(cx, diags);
    check_pension_heuristic(cx, diags);
    check_basic_public(cx, diags);
}

/// X13: typed 公用经费 parts of basic expenditure add up to table 8's 公用经费 and fit their line.
fn check_basic_public(cx: &Context, diags: &mut Diagnostics) {
    let lines: Vec<_> = cx.loaded.data.functions.iter().filter_map(|f| f.basic_public.as_ref().map(|p| (f, p))).collect();
    let Some((_, first)) = lines.first() else { return };
    for (line, part) in &lines {
        let basic = cx
            .budget
            .ledger
            .items
            .get(line.code.get_ref())
            .map_or(Amount::ZERO, |c| c.sum(|s, k| s == Source::General && k == Kind::Basic));
        if *part.get_ref() > basic {
            diags.push(
                Diagnostic::error(
                    Code::X13,
                    format!(
                        "科目 {} 的公用经费 {} 元超过其一般公共预算基本支出 {} 元",
                        line.code.get_ref(),
                        yuan(*part.get_ref()),
                        yuan(basic)
                    ),
                )
                .at(&cx.loaded.source, part.span())
                .hint("basic_public 是该科目基本支出中的公用经费部分")
                .place(Place::Table(1)),
            );
        }
    }
    let typed: Amount = lines.iter().map(|(_, p)| *p.get_ref()).sum();
    let (_, public) = cx.budget.economic_totals();
    if typed != public {
        diags.push(
            Diagnostic::error(
                Code::X13,
                format!("各科目 basic_public 合计 {} 元与经济分类公用经费合计 {} 元不一致", yuan(typed), yuan(public)),
            )
            .at(&cx.loaded.source, first.span())
            .hint(format!("相差 {} 元；表一的人员经费、公用经费须与表八一致", yuan(typed.difference(public))))
            .place(Place::Table(1)),
        );
    }
}

/// X8: 一般公共预算基本支出 by function (table 5) equals its economic split (table 8).
fn check_basic_matches_economic(cx: &Context, diags: &mut Diagnostics) {
    let b = cx.budget;
    let by_function = b.ledger.total(|s, k| s == Source::General && k == Kind::Basic).total();
    let (personnel, public) = b.economic_totals();
    let by_economic = personnel + public;
    if by_function == by_economic {
        return;
    }
    let first = cx.loaded.data.economic.values().next().map(Spanned::span);
    diags.push(
        Diagnostic::error(
            Code::X8,
            format!("经济分类合计 {} 元与功能分类一般公共预算基本支出合计 {} 元不一致", yuan(by_economic), yuan(by_function)),
        )
        .at_opt(&cx.loaded.source, first)
        .label("[economic] 从这里开始")
        .hint(format!("相差 {} 元；检查 [economic] 各款金额与各 [[function]] 的 basic.general", yuan(by_economic - by_function)))
        .place(Place::Table(8)),
    );
}

/// Economic 款 that must equal the basic 一般公共预算 of one 功能分类 项 (domain-spec X10).
const INSURANCE_PAIRS: [(&str, &str); 4] = [("30108", "2080505"), ("30109", "2080506"), ("30110", "2101102"), ("30113", "2210201")];

/// X10: social insurance 款 of table 8 equal their 项 of table 5.
fn check_insurance_pairs(cx: &Context, diags: &mut Diagnostics) {
    let b = cx.budget;
    for (econ, func) in INSURANCE_PAIRS {
        let typed = cx.loaded.data.economic.get(econ);
        let economic = typed.map_or(Amount::ZERO, |a| *a.get_ref());
        let function = b.ledger.items.get(func).map_or(Amount::ZERO, |c| c.sum(|s, k| s == Source::General && k == Kind::Basic));
        if economic == function {
            continue;
        }
        let line = cx.loaded.data.functions.iter().find(|l| l.code.get_ref() == func);
        let at = typed.map(Spanned::span).or_else(|| line.map(|l| l.code.span()));
        diags.push(
            Diagnostic::error(
                Code::X10,
                format!(
                    "经济分类 {econ}（{}）{} 元与功能分类 {func}（{}）基本支出 {} 元不一致",
                    cx.loaded.catalog.economic_name(econ).unwrap_or(""),
                    yuan(economic),
                    b.function_name(func),
                    yuan(function)
                ),
            )
            .at_opt(&cx.loaded.source, at)
            .label(format!("应为 {} 元", yuan(function)))
            .hint(format!("两者是同一笔缴费，相差 {} 元", yuan(economic.difference(function))))
            .place(Place::Table(8)),
        );
    }
}

/// X11: “三公” 公务接待费 and 公务用车运行费 are at least their basic-expenditure 款 302 17 and 302 31.
fn check_three_public_covers_economic(cx: &Context, diags: &mut Diagnostics) {
    let t = &cx.loaded.data.three_public;
    for (part, econ, name) in [(&t.reception, "30217", "公务接待费"), (&t.vehicle_operation, "30231", "公务用车运行费")] {
        let basic = cx.loaded.data.economic.get(econ).map_or(Amount::ZERO, |a| *a.get_ref());
        if *part.get_ref() >= basic {
            continue;
        }
        diags.push(
            Diagnostic::error(
                Code::X11,
                format!("“三公”{name} {} 元小于经济分类 {econ} 的基本支出 {} 元", yuan(*part.get_ref()), yuan(basic)),
            )
            .at(&cx.loaded.source, part.span())
            .label(format!("至少应为 {} 元", yuan(basic)))
            .hint("“三公”经费包括基本支出和项目支出中的该项费用，不会少于基本支出中的数额")
            .place(Place::Table(9)),
        );
    }
}

/// X12: only 行政单位 and 参公事业单位 have 机关运行经费.
fn check_operating_costs(cx: &Context, diags: &mut Diagnostics) {
    let Some(costs) = &cx.loaded.data.three_public.operating_costs else { return };
    if cx.budget.kind == UnitKind::Institution && !costs.get_ref().is_zero() {
        diags.push(
            Diagnostic::error(Code::X12, format!("事业单位不安排机关运行经费，却填写了 {} 元", yuan(*costs.get_ref())))
                .at(&cx.loaded.source, costs.span())
                .label("事业单位此项应为 0 或不填")
                .hint("机关运行经费只适用于行政单位和参照公务员法管理的事业单位；检查 kind 或删去此项")
                .place(Place::Table(9)),
        );
    }
}

/// N7: reservations for small enterprises never exceed what they are reserved from.
fn check_reservations(cx: &Context, diags: &mut Diagnostics) {
    let p = &cx.budget.procurement;
    let input = &cx.loaded.data.procurement;
    if let Some(sme) = &input.sme_reserved {
        exceeds(cx, diags, Code::N7, sme, p.total, "面向中小企业预留金额", "政府采购预算合计", Place::Procurement);
    }
    if let Some(small) = &input.small_micro_reserved {
        exceeds(cx, diags, Code::N7, small, p.sme_reserved, "预留给小微企业金额", "面向中小企业预留金额", Place::Procurement);
    }
}

/// N8: money with performance targets never exceeds 项目支出; less is allowed but worth a look.
fn check_performance_coverage(cx: &Context, diags: &mut Diagnostics) {
    let project_total = cx.budget.figures.project_spending;
    let perf = &cx.loaded.data.performance;
    exceeds(cx, diags, Code::N8, &perf.amount, project_total, "绩效目标涉及项目预算资金", "项目支出合计", Place::Performance);
    let amount = *perf.amount.get_ref();
    if amount < project_total {
        diags.push(
            Diagnostic::warning(
                Code::N8,
                format!("绩效目标涉及项目预算资金 {} 元少于项目支出合计 {} 元", yuan(amount), yuan(project_total)),
            )
            .at(&cx.loaded.source, perf.amount.span())
            .label(format!("未覆盖 {} 元", yuan(project_total - amount)))
            .hint("若部分项目无需编报绩效目标可忽略；否则补齐金额")
            .place(Place::Performance),
        );
    }
    let described: Amount = cx.budget.project_funds.iter().map(|f| f.appropriation).sum();
    if described > amount {
        diags.push(
            Diagnostic::error(
                Code::N8,
                format!("第七章所列项目的当年财政拨款合计 {} 元超过绩效目标涉及项目预算资金 {} 元", yuan(described), yuan(amount)),
            )
            .at(&cx.loaded.source, perf.amount.span())
            .hint("所列项目都编报了绩效目标，其金额应包含在此数之内")
            .place(Place::Performance),
        );
    }
    check_coverage_claim(cx, amount, project_total, diags);
    let listed = cx.loaded.data.projects.len();
    if (perf.projects as usize) < listed {
        diags.push(
            Diagnostic::error(Code::N8, format!("编报绩效目标的项目数 {} 少于第七章所列的 {listed} 个项目", perf.projects))
                .at_opt(&cx.loaded.source, cx.fields.entry("performance.projects"))
                .hint("项目数应不少于有绩效目标申报表的项目")
                .place(Place::Performance),
        );
    }
}

/// N12: a typed coverage share (`占年初项目总预算的100%`) equals 涉及资金 ÷ 项目支出.
fn check_coverage_claim(cx: &Context, amount: Amount, project_total: Amount, diags: &mut Diagnostics) {
    let Some(typed) = &cx.loaded.data.performance.coverage else { return };
    let text = typed.get_ref().trim();
    let parsed = text.strip_suffix('%').unwrap_or(text).trim().parse::<rust_decimal::Decimal>();
    let place = |d: Diagnostic| d.at(&cx.loaded.source, typed.span()).place(Place::Performance);
    let Ok(claimed) = parsed else {
        diags.push(place(
            Diagnostic::error(Code::N12, format!("覆盖比例“{text}”不是百分数")).hint("写成 coverage = \"100%\" 或删去（程序会自动计算）"),
        ));
        return;
    };
    let Some(derived) = crate::money::percent_share(amount, project_total, claimed.scale().max(2)) else {
        diags.push(place(
            Diagnostic::error(Code::N12, format!("项目支出合计为零，覆盖比例 {text} 无从计算"))
                .label("没有项目支出，就没有覆盖比例")
                .hint("删去 coverage，或补上项目支出"),
        ));
        return;
    };
    if crate::money::round_half_up(derived, claimed.scale()) == crate::money::round_half_up(claimed, claimed.scale()) {
        return;
    }
    diags.push(place(
        Diagnostic::error(Code::N12, format!("填写的覆盖比例 {text} 与推算的 {derived}% 不一致"))
            .label(format!("{} 元 ÷ 项目支出 {} 元 = {derived}%", yuan(amount), yuan(project_total)))
            .hint("改正绩效目标涉及的项目预算资金，或删去 coverage（程序会自动计算）"),
    ));
}

/// N9: vehicle categories are the eight fixed ones.
fn check_vehicle_categories(cx: &Context, diags: &mut Diagnostics) {
    let assets = &cx.loaded.data.assets;
    for (name, count) in assets.vehicles.iter().chain(&assets.planned_vehicles) {
        if VEHICLE_CATEGORIES.contains(&name.as_str()) {
            continue;
        }
        diags.push(
            Diagnostic::error(Code::N9, format!("车辆类别“{name}”不是规定的八类之一"))
                .at(&cx.loaded.source, count.span())
                .label("此类别的数量")
                .hint(format!("可用类别：{}", VEHICLE_CATEGORIES.join("、")))
                .place(Place::Assets),
        );
    }
}

/// H1: 职业年金 is usually half of 基本养老保险 (a heuristic, so only a warning).
fn check_pension_heuristic(cx: &Context, diags: &mut Diagnostics) {
    let economic = &cx.loaded.data.economic;
    let (Some(pension), Some(annuity)) = (economic.get("30108"), economic.get("30109")) else { return };
    let (p, a) = (pension.get_ref().yuan(), annuity.get_ref().yuan());
    if a.checked_mul(rust_decimal::Decimal::TWO) == Some(p) {
        return;
    }
    diags.push(
        Diagnostic::warning(
            Code::H1,
            format!("职业年金缴费 {} 元不是基本养老保险缴费 {} 元的一半", yuan(*annuity.get_ref()), yuan(*pension.get_ref())),
        )
        .at(&cx.loaded.source, annuity.span())
        .label(format!("通常为 {} 元", yuan(Amount(p / rust_decimal::Decimal::TWO))))
        .hint("职业年金单位缴费比例通常为基本养老保险的一半；如确有差异可忽略")
        .place(Place::Table(8)),
    );
}

#[allow(clippy::too_many_arguments)]
fn exceeds(
    cx: &Context,
    diags: &mut Diagnostics,
    code: Code,
    part: &Spanned<Amount>,
    whole: Amount,
    part_name: &str,
    whole_name: &str,
    place: Place,
) {
    let value = *part.get_ref();
    if value <= whole {
        return;
    }
    diags.push(
        Diagnostic::error(code, format!("{part_name} {} 元超过{whole_name} {} 元", yuan(value), yuan(whole)))
            .at(&cx.loaded.source, part.span())
            .label(format!("不能超过 {} 元", yuan(whole)))
            .hint(format!("超出 {} 元；核对两处数字", yuan(value - whole)))
            .place(place),
    );
}
