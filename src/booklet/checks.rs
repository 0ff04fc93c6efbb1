//! Booklet checks: the year, every typed text, dates, the money block, indicator targets, and
//! the 年度预算安排 itemisation (B1, B2) with every sum computed checked (T7 when too large).

use crate::diag::Code;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::annual;
use crate::derive::indicator::Target;
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::SourceFile;
use crate::model::booklet::{BookletFile, BookletProject};
use crate::style::wan;
use crate::validate::common::{TargetRow, check_target, check_year, too_large};
use crate::validate::dates::{Period, check_period};
use crate::validate::fields::Fields;
use crate::validate::marks::check_texts;
use crate::validate::yuan;

/// `（1）…共50万` items of 年度预算安排; `预算申请X万` overrides the item's total.
static ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[（(]\d+[）)]").unwrap());
static WAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d+(?:\.\d+)?)\s*万").unwrap());
static REQUEST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"预算申请\s*(\d+(?:\.\d+)?)\s*万").unwrap());
static TOTAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"共\s*(\d+(?:\.\d+)?)\s*万").unwrap());
/// A detail line's result in 元: `师资费：4000元/天*6人=24000元`.
static DETAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"=\s*(\d+(?:\.\d+)?)\s*元").unwrap());
/// A detail line given directly: `油费：36000元`.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[：:]\s*(\d+(?:\.\d+)?)\s*元").unwrap());

/// Every finding about a booklet.
pub fn check(file: &BookletFile, source: &SourceFile, path_year: i32) -> Diagnostics {
    let mut diags = Diagnostics::default();
    diags.0.extend(check_year(source, &file.year, path_year, None));
    let fields = Fields::of(source);
    check_texts(source, &fields, &|f| f.index_in("project").map(Place::Project), &mut diags);
    for (i, p) in file.projects.iter().enumerate() {
        let cx = Project { source, fields: &fields, p, i };
        let period = Period { name: &p.name, start: &p.start, end: &p.end, place: Place::Project(i) };
        check_period(source, &period, &mut diags);
        cx.check_money_block(&mut diags);
        cx.check_items(&mut diags);
        cx.check_details(&mut diags);
        cx.check_indicators(&mut diags);
    }
    dedup_too_large(&mut diags);
    diags
}

/// A number read twice (as an item and as a detail) is reported too large once.
fn dedup_too_large(diags: &mut Diagnostics) {
    let mut seen = std::collections::HashSet::new();
    diags.0.retain(|d| d.code != "T7" || seen.insert(d.span.clone()));
}

/// One project of the booklet with where its texts are.
struct Project<'a> {
    source: &'a SourceFile,
    fields: &'a Fields,
    p: &'a BookletProject,
    i: usize,
}

/// A figure of 年度预算安排, or the text to point at when it cannot be computed.
type Figure<'t> = Result<Decimal, &'t str>;

impl<'a> Project<'a> {
    /// The span of `needle` inside budget_text line `j`.
    fn at(&self, j: usize, needle: &str) -> Option<std::ops::Range<usize>> {
        self.fields.find_in(self.source, &format!("project[{}].budget_text[{j}]", self.i), needle)
    }

    /// T7 at `needle` of line `j` (the whole form's total when the line cannot be found).
    fn too_large(&self, j: usize, needle: &str, diags: &mut Diagnostics) {
        let span = self.at(j, needle).unwrap_or_else(|| self.p.total.span());
        diags.push(too_large(self.source, span, &format!("“{}”年度预算安排中的金额", self.p.name)).place(Place::Project(self.i)));
    }

    /// The number captured by a regex: `Err` names the whole match when it is too large to hold.
    fn number<'t>(c: &regex::Captures<'t>) -> Figure<'t> {
        c[1].parse().map_err(|_| c.get(0).map_or("", |m| m.as_str()))
    }

    /// A 万 figure that can also be held in 元 (× 10 000), so every later conversion is safe.
    fn wan_number<'t>(c: &regex::Captures<'t>) -> Figure<'t> {
        let whole = c.get(0).map_or("", |m| m.as_str());
        Self::number(c).and_then(|v: Decimal| v.checked_mul(Decimal::from(10_000)).map(|_| v).ok_or(whole))
    }

    /// P1: the 项目资金总额 of all years is not less than this year's 年度资金申请总额.
    fn check_money_block(&self, diags: &mut Diagnostics) {
        let (total, this_year) = (*self.p.total.get_ref(), annual(self.p));
        if total >= this_year {
            return;
        }
        diags.push(
            Diagnostic::error(
                Code::P1,
                format!("“{}”的项目资金总额 {} 元小于年度资金申请总额 {} 元", self.p.name, yuan(total), yuan(this_year)),
            )
            .at(self.source, self.p.total.span())
            .label(format!("当年财政拨款 + 上年结转 + 其他 = {}", yuan(this_year)))
            .hint("项目资金总额包含各年度安排，不能少于当年数")
            .place(Place::Project(self.i)),
        );
    }

    /// B1: the items of 年度预算安排 add up to the form; B2: each item's parts add up to its 共.
    fn check_items(&self, diags: &mut Diagnostics) {
        let (mut items, mut in_yuan) = (Decimal::ZERO, Decimal::ZERO);
        let mut counted = 0;
        for (j, text) in self.p.budget_text.iter().enumerate().filter(|(_, t)| ITEM.is_match(t)) {
            let request = REQUEST.captures_iter(text).last().map(|c| Self::wan_number(&c));
            let total = TOTAL.captures(text).map(|c| Self::wan_number(&c));
            for bad in [&request, &total].into_iter().flatten().filter_map(|f| f.err()) {
                self.too_large(j, bad, diags);
            }
            let (request, total) = (request.and_then(Result::ok), total.and_then(Result::ok));
            if let Some(amount) = request.or(total) {
                // Each figure fits in 元 (wan_number); their sum is checked line by line.
                let Some(sum) = in_yuan.checked_add(amount * Decimal::from(10_000)) else { return self.too_large(j, text, diags) };
                (items, in_yuan, counted) = (items + amount, sum, counted + 1);
            }
            let Some(total) = total else { continue };
            self.check_item_parts(j, text, total, request.is_some(), diags);
        }
        let form = annual(self.p);
        if counted == 0 || in_yuan == form.yuan() {
            return;
        }
        let at = self.p.budget_text.first().and_then(|t| self.at(0, t));
        diags.push(
            Diagnostic::warning(
                Code::B1,
                format!("“{}”年度预算安排各项合计 {items}万元，申报表年度资金申请总额 {}万元", self.p.name, wan(form)),
            )
            .at_opt(self.source, at)
            .hint("核对各项金额与申报表金额")
            .place(Place::Project(self.i)),
        );
    }

    /// B2 for one `共…万` item: the 万 figures after it add up to it (unless a 预算申请 overrides).
    fn check_item_parts(&self, j: usize, text: &str, total: Decimal, requested: bool, diags: &mut Diagnostics) {
        let after = &text[TOTAL.find(text).map_or(0, |m| m.end())..];
        let parts: Vec<Figure> = WAN
            .captures_iter(after)
            .filter(|c| !c.get(0).is_some_and(|m| after[..m.start()].ends_with("申请")))
            .map(|c| Self::wan_number(&c))
            .collect();
        let Some(sum) = self.checked_sum(j, &parts, text, diags) else { return };
        if parts.len() > 1 && sum != total && !requested {
            diags.push(
                Diagnostic::warning(Code::B2, format!("“{}”年度预算安排中一项写“共{total}万”，其明细合计 {sum}万", self.p.name))
                    .at_opt(self.source, self.at(j, text))
                    .hint("核对该项明细与合计")
                    .place(Place::Project(self.i)),
            );
        }
    }

    /// The sum of figures of line `j`, or `None` after reporting the one too large (T7).
    fn checked_sum(&self, j: usize, figures: &[Figure], whole: &str, diags: &mut Diagnostics) -> Option<Decimal> {
        let mut sum = Decimal::ZERO;
        for figure in figures {
            match figure.map(|v| sum.checked_add(v)) {
                Ok(Some(s)) => sum = s,
                Ok(None) => {
                    self.too_large(j, whole, diags);
                    return None;
                }
                Err(bad) => {
                    self.too_large(j, bad, diags);
                    return None;
                }
            }
        }
        Some(sum)
    }

    /// B2 for itemised lines: an item `（2）热线服务科 4万` equals the `=…元` results of its detail lines.
    fn check_details(&self, diags: &mut Diagnostics) {
        let mut item: Option<(usize, &String, Decimal)> = None;
        let mut parts: Vec<(usize, Figure)> = Vec::new();
        for (j, text) in self.p.budget_text.iter().enumerate() {
            if ITEM.is_match(text) {
                self.flush(item, &parts, diags);
                parts.clear();
                let plain = (!TOTAL.is_match(text) && !REQUEST.is_match(text)).then(|| WAN.captures_iter(text).last()).flatten();
                item = match plain.map(|c| Self::wan_number(&c)) {
                    Some(Ok(amount)) => Some((j, text, amount)),
                    Some(Err(bad)) => {
                        self.too_large(j, bad, diags);
                        None
                    }
                    None => None,
                };
            } else if let Some(c) = DETAIL.captures_iter(text).last().or_else(|| LABELLED.captures(text)) {
                parts.push((j, Self::number(&c)));
            }
        }
        self.flush(item, &parts, diags);
    }

    /// Reports an item whose detail lines do not add up to it.
    fn flush(&self, item: Option<(usize, &String, Decimal)>, parts: &[(usize, Figure)], diags: &mut Diagnostics) {
        let Some((j, header, amount)) = item else { return };
        if parts.is_empty() {
            return;
        }
        let mut sum = Decimal::ZERO;
        for (line, figure) in parts {
            match figure.map(|v| sum.checked_add(v)) {
                Ok(Some(s)) => sum = s,
                Ok(None) => return self.too_large(*line, self.p.budget_text[*line].as_str(), diags),
                Err(bad) => return self.too_large(*line, bad, diags),
            }
        }
        // `amount` came through wan_number, so it is known to fit in 元.
        if sum == amount * Decimal::from(10_000) {
            return;
        }
        diags.push(
            Diagnostic::warning(Code::B2, format!("“{}”年度预算安排“{}”为 {amount}万，明细合计 {sum}元", self.p.name, header.trim()))
                .at_opt(self.source, self.at(j, header))
                .hint("核对该项明细与合计")
                .place(Place::Project(self.i)),
        );
    }

    /// P4: targets parse; B3: a 数量指标 states a quantity, not a quality (E003-7).
    fn check_indicators(&self, diags: &mut Diagnostics) {
        for ind in &self.p.indicators {
            let row = TargetRow { name: &ind.name, target: &ind.target, place: Place::Project(self.i), example: ">=95%、=100%" };
            let Some(Target::Quality(word)) = check_target(self.source, &row, diags) else { continue };
            if ind.level2 != "数量指标" {
                continue;
            }
            diags.push(
                Diagnostic::warning(Code::B3, format!("数量指标“{}”的指标值“{word}”不是数量", ind.name))
                    .at(self.source, ind.target.span())
                    .hint("数量指标应写可计量的值，如 >=2场；质量评价放在质量指标下")
                    .place(Place::Project(self.i)),
            );
        }
    }
}
