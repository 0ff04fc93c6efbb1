//! Identities the data model cannot guarantee by construction (domain-spec §3.4).

use toml::Spanned;

use super::ledger::{Kind, Source};
use super::Budget;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::money::{Amount, NumberFormat};

/// Runs every cross-check between independently typed figures.
pub fn check_identities(loaded: &Loaded, budget: &Budget, diags: &mut Diagnostics) {
    check_basic_matches_economic(loaded, budget, diags);
    check_reservations(loaded, budget, diags);
    check_performance_coverage(loaded, budget, diags);
}

fn yuan(a: Amount) -> String {
    NumberFormat::YUAN_TABLE.yuan(a)
}

/// X8: 一般公共预算基本支出 by function (table 5) equals its economic split (table 8).
fn check_basic_matches_economic(loaded: &Loaded, budget: &Budget, diags: &mut Diagnostics) {
    let by_function = budget.ledger.total(|s, k| s == Source::General && k == Kind::Basic).total();
    let (personnel, public) = budget.economic_totals();
    let by_economic = personnel + public;
    if by_function == by_economic {
        return;
    }
    let first = loaded.data.economic.values().next();
    let mut d = Diagnostic::error(
        "X8",
        format!(
            "经济分类合计 {} 元与功能分类一般公共预算基本支出合计 {} 元不一致",
            yuan(by_economic),
            yuan(by_function)
        ),
    )
    .hint(format!("相差 {} 元；检查 [economic] 各款金额与各 [[function]] 的 basic.general", yuan(by_economic - by_function)));
    if let Some(at) = first {
        d = d.at(&loaded.source, at.span()).label("[economic] 从这里开始");
    }
    diags.push(d);
}

/// N7: reservations for small enterprises never exceed what they are reserved from.
fn check_reservations(loaded: &Loaded, budget: &Budget, diags: &mut Diagnostics) {
    let p = &budget.procurement;
    let input = &loaded.data.procurement;
    exceeds(loaded, diags, "N7", &input.sme_reserved, p.total(), "面向中小企业预留金额", "政府采购预算合计");
    exceeds(loaded, diags, "N7", &input.small_micro_reserved, p.sme_reserved, "预留给小微企业金额", "面向中小企业预留金额");
}

/// N8: money with performance targets never exceeds the 项目支出 total.
fn check_performance_coverage(loaded: &Loaded, budget: &Budget, diags: &mut Diagnostics) {
    let project_total = budget.ledger.total(|_, k| k == Kind::Project).total();
    let amount = &loaded.data.performance.amount;
    exceeds(loaded, diags, "N8", amount, project_total, "绩效目标涉及项目预算资金", "项目支出合计");
}

fn exceeds(
    loaded: &Loaded,
    diags: &mut Diagnostics,
    code: &'static str,
    part: &Spanned<Amount>,
    whole: Amount,
    part_name: &str,
    whole_name: &str,
) {
    let value = *part.get_ref();
    if value <= whole {
        return;
    }
    diags.push(
        Diagnostic::error(code, format!("{part_name} {} 元超过{whole_name} {} 元", yuan(value), yuan(whole)))
            .at(&loaded.source, part.span())
            .label(format!("不能超过 {} 元", yuan(whole)))
            .hint(format!("超出 {} 元；核对两处数字", yuan(value - whole))),
    );
}
