//! Cross-year checks (Y1–Y4): this year's file against the unit's previous-year budget file.
//!
//! All are warnings: last year's file may be the wrong one, and a text may rightly stay the same.

use crate::diag::Code;
use std::collections::BTreeMap;
use std::ops::Range;

use rust_decimal::Decimal;

use super::{Context, yuan};
use crate::derive::Change;
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::load::previous::{Previous, PreviousBudget, first_problem};
use crate::model::input::{BySource, FunctionLine, Texts, ThreePublic, ThreePublicPrior, UnitYear};
use crate::money::Amount;

/// A change of the 收支总额 above this share of last year's makes unchanged texts suspect (Y2).
const TEXT_THRESHOLD_PERCENT: u32 = 20;

/// Runs the cross-year checks when last year's budget file is there.
pub(crate) fn check(cx: &Context, diags: &mut Diagnostics) {
    match &cx.previous {
        Previous::Nothing => {}
        Previous::Broken { path, problems } => diags.push(broken(path, problems)),
        Previous::Budget(prev) => {
            check_three_public(cx, prev, diags);
            check_last_year_total(cx, prev, diags);
            check_texts(cx, prev, diags);
            check_items(cx, prev, diags);
        }
    }
}

/// Y4: last year's file does not load; pointed at its first problem, this year still builds.
fn broken(path: &std::path::Path, problems: &Diagnostics) -> Diagnostic {
    let first = first_problem(problems);
    let reason = first.map_or_else(String::new, |d| format!("：{}", d.message));
    let mut d = Diagnostic::warning(Code::Y4, format!("上年文件 {} 无法读取，跳过跨年度核对{reason}", path.display()))
        .in_file(path)
        .hint("修正上年文件（可运行 gen-budget check <单位> <上年> 查看全部问题），或忽略此提醒");
    if let Some(first) = first.filter(|f| f.file.as_deref() == Some(path)) {
        d.span = first.span.clone();
        d.line_col = first.line_col;
        d.label = first.label.clone();
    }
    d
}

/// The four “三公” components: key, name as printed, this year's prior, last year's budget.
fn three_public_pairs<'a>(
    prior: &'a ThreePublicPrior,
    last: &'a ThreePublic,
) -> [(&'static str, &'static str, &'a toml::Spanned<Amount>, Amount); 4] {
    [
        ("abroad", "因公出国（境）费", &prior.abroad, *last.abroad.get_ref()),
        ("reception", "公务接待费", &prior.reception, *last.reception.get_ref()),
        ("vehicle_purchase", "公务用车购置费", &prior.vehicle_purchase, *last.vehicle_purchase.get_ref()),
        ("vehicle_operation", "公务用车运行费", &prior.vehicle_operation, *last.vehicle_operation.get_ref()),
    ]
}

/// Y1: `[three_public.prior]` is last year's “三公” budget, component by component.
fn check_three_public(cx: &Context, prev: &PreviousBudget, diags: &mut Diagnostics) {
    let src = &cx.loaded.source;
    let file = prev.source.path.display();
    let year = prev_year(cx);
    for (key, name, quoted, last) in three_public_pairs(&cx.loaded.data.three_public.prior, &prev.data.three_public) {
        let typed = *quoted.get_ref();
        if typed == last {
            continue;
        }
        diags.push(
            Diagnostic::warning(
                Code::Y1,
                format!("“三公”经费上年预算数（{name}）{} 元与 {year} 年预算文件的 {} 元不一致", yuan(typed), yuan(last)),
            )
            .at(src, quoted.span())
            .label(format!("上年文件 {file} 的 [three_public] {key} 为 {} 元", yuan(last)))
            .hint(format!("改正本年的 [three_public.prior] {key}，或改正 {file} 的 [three_public] {key}，使两者一致"))
            .place(Place::ThreePublic),
        );
    }
}

/// Y1: `[last_year] total` is last year's 收支总额, the sum of its 功能分类 lines.
fn check_last_year_total(cx: &Context, prev: &PreviousBudget, diags: &mut Diagnostics) {
    let Some(quoted) = &cx.loaded.data.last_year else { return };
    let Some(last) = lines_total(&prev.data.functions) else { return };
    let typed = *quoted.total.get_ref();
    if typed == last {
        return;
    }
    let file = prev.source.path.display();
    diags.push(
        Diagnostic::warning(
            Code::Y1,
            format!("上年预算总额 {} 元与 {} 年预算文件的收支总额 {} 元不一致", yuan(typed), prev_year(cx), yuan(last)),
        )
        .at(&cx.loaded.source, quoted.total.span())
        .label(format!("上年文件 {file} 各科目合计为 {} 元", yuan(last)))
        .hint(format!("改正本年的 [last_year] total，或改正 {file} 的 [[function]] 金额，使两者一致"))
        .place(Place::Narrative),
    );
}

/// Y2: 主要职能 or 机构设置 typed as last year while the 收支总额 moved by more than the threshold.
fn check_texts(cx: &Context, prev: &PreviousBudget, diags: &mut Diagnostics) {
    let this_total = cx.budget.ledger.total(|_, _| true).total();
    let Some(last_total) = lines_total(&prev.data.functions) else { return };
    if !beyond_threshold(this_total, last_total) {
        return;
    }
    let (this, last) = (&cx.loaded.data.text, &prev.data.text);
    let same_functions = this.functions == last.functions;
    let same_structure = same_structure(this, last);
    let names: Vec<&str> =
        [("主要职能", same_functions), ("机构设置", same_structure)].into_iter().filter_map(|(n, same)| same.then_some(n)).collect();
    if names.is_empty() {
        return;
    }
    let change = Change::new(this_total, last_total);
    let percent = change.percent(2).map_or_else(String::new, |p| format!(" {p}%"));
    let key = if same_functions {
        "functions"
    } else if this.structure.is_empty() {
        "members"
    } else {
        "structure"
    };
    diags.push(
        Diagnostic::warning(
            Code::Y2,
            format!(
                "收支总额比上年{}{percent}（超过 {TEXT_THRESHOLD_PERCENT}%），但{}与 {} 年文件完全相同",
                change.direction.word(),
                names.join("、"),
                prev_year(cx)
            ),
        )
        .at_opt(&cx.loaded.source, text_key(cx, key))
        .label(format!("与上年文件 {} 相同", prev.source.path.display()))
        .hint("职能或机构有调整时请更新 [text]；确无变化可忽略此提醒")
        .place(Place::Functions),
    );
}

/// 机构设置 as typed: the counts, the members and the 单位 wording's text.
fn same_structure(this: &Texts, last: &Texts) -> bool {
    this.admin_units == last.admin_units
        && this.institution_units == last.institution_units
        && this.members == last.members
        && this.structure == last.structure
}

/// Whether `current` differs from `prior` by more than the threshold share of `prior` (not when
/// `prior` is zero: no share of nothing).
fn beyond_threshold(current: Amount, prior: Amount) -> bool {
    if prior.is_zero() {
        return false;
    }
    let limit = prior.0 * Decimal::from(TEXT_THRESHOLD_PERCENT) / Decimal::ONE_HUNDRED;
    current.difference(prior).0 > limit
}

/// The key `key` inside `[text]` as parsed, else the table header.
fn text_key(cx: &Context, key: &str) -> Option<Range<usize>> {
    cx.fields.key(&format!("text.{key}")).or_else(|| cx.fields.header("text"))
}

/// Y3: a 项 with an amount last year and none this year, or the other way round without `prior`.
fn check_items(cx: &Context, prev: &PreviousBudget, diags: &mut Diagnostics) {
    let this = items(&cx.loaded.data);
    let last = items(&prev.data);
    for (code, line) in this.iter().filter(|(code, _)| !last.contains_key(*code)) {
        if line.prior.is_none() {
            diags.push(new_item(cx, code, line));
        }
    }
    for (code, line) in last.iter().filter(|(code, _)| !this.contains_key(*code)) {
        diags.push(removed_item(cx, prev, code, line));
    }
}

fn new_item(cx: &Context, code: &str, line: &FunctionLine) -> Diagnostic {
    Diagnostic::warning(
        Code::Y3,
        format!("科目 {code} 为本年新增（{} 年文件中没有此项）：请核对编制说明的措辞（新增安排……）", prev_year(cx)),
    )
    .at(&cx.loaded.source, line.code.span())
    .label("上年没有此项")
    .hint("上年执行中已有此项时，填写 prior = <上年执行数，元>；否则确认编制说明写作新增")
    .place(Place::Item(code.to_string()))
}

fn removed_item(cx: &Context, prev: &PreviousBudget, code: &str, line: &FunctionLine) -> Diagnostic {
    let amount = line_total(line).map_or_else(String::new, |a| format!(" {} 元", yuan(a)));
    let (row, _) = prev.source.line_col(line.code.span().start);
    Diagnostic::warning(
        Code::Y3,
        format!("科目 {code} 上年有预算{amount}（{} 第 {row} 行），本年没有：请核对编制说明中相关的表述", prev.source.path.display()),
    )
    .in_file(&cx.loaded.source.path)
    .hint("确已不再安排时可忽略此提醒；否则在本年补上这条 [[function]]")
    .place(Place::Narrative)
}

/// The 项 (7-digit codes) of a file that carry an amount, first line per code.
fn items(data: &UnitYear) -> BTreeMap<&str, &FunctionLine> {
    let mut found = BTreeMap::new();
    for line in &data.functions {
        let code = line.code.get_ref().as_str();
        let is_item = code.len() == 7 && code.chars().all(|c| c.is_ascii_digit());
        if is_item && line_total(line).is_some_and(|a| !a.is_zero()) {
            found.entry(code).or_insert(line);
        }
    }
    found
}

/// 基本 plus 项目 of one line over every source; `None` if it cannot be computed.
fn line_total(line: &FunctionLine) -> Option<Amount> {
    Amount::checked_sum([&line.basic, &line.project].into_iter().flat_map(sources))
}

/// The 收支总额 of a file as typed: every line's amounts.
fn lines_total(lines: &[FunctionLine]) -> Option<Amount> {
    Amount::checked_sum(lines.iter().map(line_total).collect::<Option<Vec<_>>>()?)
}

fn sources(by: &BySource) -> impl Iterator<Item = Amount> + '_ {
    [&by.general, &by.fund, &by.state_capital, &by.business, &by.operating, &by.superior, &by.other]
        .into_iter()
        .flatten()
        .map(|a| *a.get_ref())
}

/// The previous year, from this year's path (last year's own `year` is its own check's D1).
fn prev_year(cx: &Context) -> i32 {
    cx.loaded.file_year - 1
}

#[cfg(test)]
mod tests {
    use super::beyond_threshold;
    use crate::money::Amount;

    #[test]
    fn threshold_is_strictly_more_than_twenty_percent() {
        assert!(!beyond_threshold(Amount::from(120), Amount::from(100)));
        assert!(beyond_threshold(Amount::from(121), Amount::from(100)));
        assert!(beyond_threshold(Amount::from(79), Amount::from(100)));
        assert!(!beyond_threshold(Amount::from(80), Amount::from(100)));
        assert!(!beyond_threshold(Amount::from(5), Amount::from(0)));
    }
}
