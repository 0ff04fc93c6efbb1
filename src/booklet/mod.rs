//! 项目绩效目标申报表 booklet (layout of 003): headline, project explanations, 填报表.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::booklet::{BookletFile, BookletProject};
use crate::model::SourceFile;
use crate::money::{Amount, NumberFormat, ZeroStyle};
use crate::render::narrative::wan;
use crate::render::project::year_of;

/// This year's money of a project: 当年财政拨款 + 上年结转 + 其他.
pub fn annual(p: &BookletProject) -> Amount {
    let opt = |a: &Option<toml::Spanned<Amount>>| a.as_ref().map_or(Amount::ZERO, |a| *a.get_ref());
    *p.appropriation.get_ref() + opt(&p.carryover) + opt(&p.other)
}

/// 10,000 as a Decimal, for 万 figures in prose.
fn wan_unit() -> Decimal {
    Decimal::from(10_000)
}

/// `（1）…共50万` items of 年度预算安排; `预算申请X万` overrides the item's total.
static ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[（(]\d+[）)]").unwrap());
static WAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d+(?:\.\d+)?)\s*万").unwrap());
static REQUEST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"预算申请\s*(\d+(?:\.\d+)?)\s*万").unwrap());
static TOTAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"共\s*(\d+(?:\.\d+)?)\s*万").unwrap());
/// A detail line's result in 元: `师资费：4000元/天*6人=24000元`.
static DETAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"=\s*(\d+(?:\.\d+)?)\s*元").unwrap());
/// A detail line given directly: `油费：36000元`.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[：:]\s*(\d+(?:\.\d+)?)\s*元").unwrap());

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or_default()
}

/// Every finding about a booklet: itemisations that do not add up (warnings, domain-spec E003).
pub fn check(file: &BookletFile, source: &SourceFile, path_year: i32) -> Diagnostics {
    let mut diags = Diagnostics::default();
    if *file.year.get_ref() != path_year {
        diags.push(Diagnostic::error("D1", format!("文件中的年度 {} 与路径中的年度 {path_year} 不一致", file.year.get_ref())).at(source, file.year.span()));
    }
    for (i, p) in file.projects.iter().enumerate() {
        check_items(p, i, source, &mut diags);
        check_details(p, i, source, &mut diags);
        check_indicators(p, i, source, &mut diags);
    }
    diags
}

/// B2 for itemised lines: an item `（2）热线服务科 4万` equals the `=…元` results of its detail lines.
fn check_details(p: &BookletProject, i: usize, source: &SourceFile, diags: &mut Diagnostics) {
    let flush = |item: Option<(&String, Decimal)>, parts: &[Decimal], diags: &mut Diagnostics| {
        let Some((header, amount)) = item else { return };
        let sum: Decimal = parts.iter().sum();
        if parts.is_empty() || sum == amount * wan_unit() {
            return;
        }
        diags.push(
            Diagnostic::warning("B2", format!("“{}”年度预算安排“{}”为 {amount}万，明细合计 {sum}元", p.name, header.trim()))
                .at_opt(source, source.text.find(header.as_str()).map(|s| s..s + header.len()))
                .hint("核对该项明细与合计")
                .place(Place::Project(i)),
        );
    };
    let mut item: Option<(&String, Decimal)> = None;
    let mut parts = Vec::new();
    for text in &p.budget_text {
        if ITEM.is_match(text) {
            flush(item, &parts, diags);
            parts.clear();
            let plain_amount = (!TOTAL.is_match(text) && !REQUEST.is_match(text)).then(|| WAN.captures_iter(text).last().map(|c| dec(&c[1]))).flatten();
            item = plain_amount.map(|a| (text, a));
        } else if let Some(c) = DETAIL.captures_iter(text).last().or_else(|| LABELLED.captures(text)) {
            parts.push(dec(&c[1]));
        }
    }
    flush(item, &parts, diags);
}

/// P4: targets parse; B3: a 数量指标 states a quantity, not a quality (E003-7).
fn check_indicators(p: &BookletProject, i: usize, source: &SourceFile, diags: &mut Diagnostics) {
    use crate::derive::indicator::{parse_target, Target};
    for ind in &p.indicators {
        match parse_target(ind.target.get_ref()) {
            Err(message) => diags.push(
                Diagnostic::error("P4", format!("指标“{}”的指标值有误：{message}", ind.name))
                    .at(source, ind.target.span())
                    .hint("写成 >=95%、=100%，或定性值如 规范、及时")
                    .place(Place::Project(i)),
            ),
            Ok(Target::Quality(word)) if ind.level2 == "数量指标" => diags.push(
                Diagnostic::warning("B3", format!("数量指标“{}”的指标值“{word}”不是数量", ind.name))
                    .at(source, ind.target.span())
                    .hint("数量指标应写可计量的值，如 >=2场；质量评价放在质量指标下")
                    .place(Place::Project(i)),
            ),
            Ok(_) => {}
        }
    }
}

/// B1: the items of 年度预算安排 add up to the form; B2: each item's parts add up to its 共.
fn check_items(p: &BookletProject, i: usize, source: &SourceFile, diags: &mut Diagnostics) {
    let locate = |t: &str| source.text.find(t).map(|s| s..s + t.len());
    let mut items = Decimal::ZERO;
    let mut counted = 0;
    for text in p.budget_text.iter().filter(|t| ITEM.is_match(t)) {
        let request = REQUEST.captures_iter(text).last().map(|c| dec(&c[1]));
        let total = TOTAL.captures(text).map(|c| dec(&c[1]));
        if let Some(amount) = request.or(total) {
            items += amount;
            counted += 1;
        }
        let Some(total) = total else { continue };
        let after = &text[TOTAL.find(text).map_or(0, |m| m.end())..];
        let parts: Vec<Decimal> = WAN.captures_iter(after).filter(|c| !c.get(0).is_some_and(|m| after[..m.start()].ends_with("申请"))).map(|c| dec(&c[1])).collect();
        let sum: Decimal = parts.iter().sum();
        if parts.len() > 1 && sum != total && request.is_none() {
            diags.push(
                Diagnostic::warning("B2", format!("“{}”年度预算安排中一项写“共{total}万”，其明细合计 {sum}万", p.name))
                    .at_opt(source, locate(text))
                    .hint("核对该项明细与合计")
                    .place(Place::Project(i)),
            );
        }
    }
    let form = annual(p);
    if counted > 0 && items * wan_unit() != form.yuan() {
        let at = p.budget_text.first().and_then(|t| locate(t));
        diags.push(
            Diagnostic::warning("B1", format!("“{}”年度预算安排各项合计 {items}万元，申报表年度资金申请总额 {}万元", p.name, wan(form)))
                .at_opt(source, at)
                .hint("核对各项金额与申报表金额")
                .place(Place::Project(i)),
        );
    }
}

/// The whole booklet as the template prints it.
#[derive(Debug, Serialize)]
pub struct BookletView {
    pub title: String,
    pub year: i32,
    pub unit: String,
    pub units: u32,
    pub project_count: usize,
    pub amount: String,
    pub projects: Vec<ProjectView>,
    /// Present only in a draft: the findings page.
    pub draft: Option<crate::render::draft::DraftView>,
}

/// One project's explanation and form.
#[derive(Debug, Serialize)]
pub struct ProjectView {
    pub number: usize,
    pub name: String,
    pub category: String,
    pub department: String,
    pub implementer: String,
    pub start: String,
    pub end: String,
    pub start_year: String,
    pub end_year: String,
    pub total: String,
    pub annual: String,
    pub fiscal: String,
    pub appropriation: String,
    pub carryover: String,
    pub other: String,
    pub sections: Vec<Vec<String>>,
    pub overall_goal: String,
    pub annual_goal: String,
    pub indicators: Vec<crate::render::project::IndicatorRow>,
    pub indicator_span: usize,
    /// Draft marks of this project; empty in a release.
    pub marks: Vec<String>,
}

/// 项目资金总额 with two decimals, no separators: `1132300.00`.
const TOTAL_FORMAT: NumberFormat = NumberFormat { decimals: 2, separators: false, zero: ZeroStyle::Padded, trim: false };

/// Other form amounts as the 003 forms print them: no trailing zeros (`1132300`, `2793072.2`).
fn plain(a: Amount) -> String {
    a.yuan().normalize().to_string()
}

/// Builds the booklet view; the headline counts and sums the projects.
pub fn build_view(file: &BookletFile) -> BookletView {
    let year = *file.year.get_ref();
    let amount: Amount = file.projects.iter().map(annual).sum();
    BookletView {
        title: format!("{}{year}年财政支出项目绩效目标申报表", file.unit),
        year,
        unit: file.unit.clone(),
        units: file.units,
        project_count: file.projects.len(),
        amount: wan(amount),
        projects: file.projects.iter().enumerate().map(|(i, p)| project_view(i, p)).collect(),
        draft: None,
    }
}

fn project_view(i: usize, p: &BookletProject) -> ProjectView {
    let opt = |a: &Option<toml::Spanned<Amount>>| a.as_ref().map_or(Amount::ZERO, |a| *a.get_ref());
    ProjectView {
        number: i + 1,
        name: p.name.clone(),
        category: p.category.clone(),
        department: p.department.clone(),
        implementer: p.implementer.clone(),
        start: p.start.get_ref().clone(),
        end: p.end.get_ref().clone(),
        start_year: year_of(p.start.get_ref()),
        end_year: year_of(p.end.get_ref()),
        total: TOTAL_FORMAT.yuan(*p.total.get_ref()),
        annual: plain(annual(p)),
        fiscal: plain(*p.appropriation.get_ref() + opt(&p.carryover)),
        appropriation: plain(*p.appropriation.get_ref()),
        carryover: plain(opt(&p.carryover)),
        other: plain(opt(&p.other)),
        sections: vec![p.overview.clone(), p.basis.clone(), p.implementer_text.clone(), p.plan.clone(), p.period.clone(), p.budget_text.clone()],
        overall_goal: p.overall_goal.clone(),
        annual_goal: p.annual_goal.clone(),
        indicator_span: p.indicators.len() + 1,
        indicators: crate::render::project::indicator_rows_as_typed(&p.indicators),
        marks: Vec::new(),
    }
}
