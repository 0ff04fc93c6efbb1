//! Builds the derived [`Budget`] from raw input, collecting every problem on the way.

use crate::diag::Code;
use std::collections::BTreeMap;

use toml::Spanned;

use super::ledger::{Kind, Ledger, Source};
use super::tables::{Parts, tables};
use super::{Budget, Change, EconomicRow, Procurement, ProjectFunds, staff_split};
use super::{ThreePublic, UnitKind, Wording};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::load::Loaded;
use crate::model::SourceFile;
use crate::model::input::{self, BySource};
use crate::money::Amount;

/// Derives every figure from the loaded input; lines the catalogue rejects are left out and reported.
pub fn derive(loaded: &Loaded) -> (Budget, Diagnostics) {
    let mut diags = Diagnostics::default();
    let src = &loaded.source;
    let data = &loaded.data;
    let wording = parse_wording(&data.unit.wording, src, &mut diags);
    let kind = parse_kind(&data.unit.kind, src, &mut diags);
    let (ledger, priors) = build_ledger(loaded, &mut diags);
    let economic = build_economic(loaded, &mut diags);
    let function_names = loaded.catalog.function.clone();
    let basic_public = build_basic_public(data);
    let parts = Parts { ledger: &ledger, names: &function_names, basic_public: &basic_public, economic: &economic };
    let figures = super::figures::figures(&ledger, data, tables(&parts), super::prose::prose_figures(&ledger, &priors));
    let budget = Budget {
        year: *data.year.get_ref(),
        wording,
        kind,
        function_names,
        basic_public,
        ledger,
        priors,
        economic,
        three_public: build_three_public(&data.three_public),
        procurement: build_procurement(&data.procurement),
        performance_amount: *data.performance.amount.get_ref(),
        project_funds: data.projects.iter().map(build_funds).collect(),
        figures,
    };
    (budget, diags)
}

/// The 公用经费 part of each 项's basic expenditure, where typed.
fn build_basic_public(data: &input::UnitYear) -> BTreeMap<String, Amount> {
    data.functions.iter().filter_map(|f| f.basic_public.as_ref().map(|a| (f.code.get_ref().clone(), *a.get_ref()))).collect()
}

fn parse_wording(value: &Spanned<String>, src: &SourceFile, diags: &mut Diagnostics) -> Wording {
    match value.get_ref().as_str() {
        "部门" => Wording::Department,
        "单位" => Wording::Unit,
        other => {
            diags.push(unknown_choice(Code::D2, "wording", other, "部门 或 单位", value, src));
            Wording::Department
        }
    }
}

fn parse_kind(value: &Spanned<String>, src: &SourceFile, diags: &mut Diagnostics) -> UnitKind {
    match value.get_ref().as_str() {
        "行政单位" => UnitKind::Administrative,
        "参公事业单位" => UnitKind::CivilServiceInstitution,
        "事业单位" => UnitKind::Institution,
        other => {
            diags.push(unknown_choice(Code::D3, "kind", other, "行政单位、参公事业单位 或 事业单位", value, src));
            UnitKind::Institution
        }
    }
}

fn unknown_choice(code: Code, field: &str, got: &str, allowed: &str, at: &Spanned<String>, src: &SourceFile) -> Diagnostic {
    Diagnostic::error(code, format!("{field} 的取值“{got}”无效"))
        .at(src, at.span())
        .label("无效取值")
        .hint(format!("可选值：{allowed}"))
        .place(Place::Cover)
}

/// Fills the ledger from the 功能分类 lines, checking codes against the catalogue.
fn build_ledger(loaded: &Loaded, diags: &mut Diagnostics) -> (Ledger, BTreeMap<String, Amount>) {
    let mut ledger = Ledger::default();
    let mut priors = BTreeMap::new();
    for line in &loaded.data.functions {
        let code = line.code.get_ref();
        if !check_function_code(loaded, &line.code, diags) {
            continue;
        }
        if ledger.items.contains_key(code) {
            diags.push(
                Diagnostic::error(Code::D6, format!("功能分类科目 {code} 重复出现"))
                    .at(&loaded.source, line.code.span())
                    .label("重复的科目")
                    .hint("同一项级科目只写一次，把金额合并到同一条 [[function]]")
                    .place(Place::Table(2)),
            );
            continue;
        }
        let cell = ledger.items.entry(code.clone()).or_default();
        add_sources(cell, Kind::Basic, &line.basic);
        add_sources(cell, Kind::Project, &line.project);
        if let Some(prior) = &line.prior {
            priors.insert(code.clone(), *prior.get_ref());
        }
    }
    (ledger, priors)
}

/// A 项 code must be 7 digits and known, with its 类 and 款, to the year's catalogue.
fn check_function_code(loaded: &Loaded, code: &Spanned<String>, diags: &mut Diagnostics) -> bool {
    let text = code.get_ref();
    if text.len() != 7 || !text.chars().all(|c| c.is_ascii_digit()) {
        diags.push(
            Diagnostic::error(Code::D4, format!("功能分类科目编码“{text}”格式不对"))
                .at(&loaded.source, code.span())
                .label("应为7位数字")
                .hint("填写项级科目编码，如 2080502（类208 款05 项02）")
                .place(Place::Table(2)),
        );
        return false;
    }
    let missing: Vec<&str> =
        [&text[..3], &text[..5], &text[..]].into_iter().filter(|c| loaded.catalog.function_name(c).is_none()).collect();
    if let Some(first) = missing.first() {
        diags.push(
            Diagnostic::error(Code::D5, format!("科目 {first} 不在 {} 年功能分类科目目录中", loaded.catalog.year))
                .at(&loaded.source, code.span())
                .label("目录中没有此科目")
                .hint(format!("核对编码，或在 {} 中补充该科目", loaded.catalog_source.path.display()))
                .place(Place::Table(2)),
        );
        return false;
    }
    true
}

fn add_sources(cell: &mut super::Cell, kind: Kind, by: &BySource) {
    let pairs = [
        (Source::General, &by.general),
        (Source::Fund, &by.fund),
        (Source::StateCapital, &by.state_capital),
        (Source::Business, &by.business),
        (Source::Operating, &by.operating),
        (Source::Superior, &by.superior),
        (Source::Other, &by.other),
    ];
    for (source, amount) in pairs {
        if let Some(a) = amount {
            cell.add(source, kind, *a.get_ref());
        }
    }
}

/// Builds table 8 rows: each 款 from input, each 类 as the sum of its 款.
fn build_economic(loaded: &Loaded, diags: &mut Diagnostics) -> Vec<EconomicRow> {
    let catalog = &loaded.catalog;
    let mut classes: BTreeMap<String, EconomicRow> = BTreeMap::new();
    let mut rows = Vec::new();
    for (code, amount) in &loaded.data.economic {
        let known = code.len() == 5 && catalog.economic_name(code).is_some();
        let column = catalog.staff_column(code);
        let (Some(name), Some(column), true) = (catalog.economic_name(code), column, known) else {
            diags.push(
                Diagnostic::error(Code::D7, format!("经济分类科目“{code}”不在 {} 年目录中", catalog.year))
                    .at(&loaded.source, amount.span())
                    .label("此科目的金额")
                    .hint("填写5位款级编码，如 30101（基本工资）")
                    .place(Place::Table(8)),
            );
            continue;
        };
        let (personnel, public) = staff_split(column, *amount.get_ref());
        let class = &code[..3];
        let entry = classes.entry(class.to_string()).or_insert_with(|| EconomicRow {
            code: class.to_string(),
            name: catalog.economic_name(class).unwrap_or_default().to_string(),
            personnel: Amount::ZERO,
            public: Amount::ZERO,
        });
        entry.personnel += personnel;
        entry.public += public;
        rows.push(EconomicRow { code: code.clone(), name: name.to_string(), personnel, public });
    }
    rows.extend(classes.into_values());
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    rows
}

fn build_three_public(t: &input::ThreePublic) -> ThreePublic {
    let change = |c: &Spanned<Amount>, p: &Spanned<Amount>| Change::new(*c.get_ref(), *p.get_ref());
    let (abroad, reception) = (change(&t.abroad, &t.prior.abroad), change(&t.reception, &t.prior.reception));
    let vehicle_purchase = change(&t.vehicle_purchase, &t.prior.vehicle_purchase);
    let vehicle_operation = change(&t.vehicle_operation, &t.prior.vehicle_operation);
    let vehicles = sum_changes(&[vehicle_purchase, vehicle_operation]);
    ThreePublic {
        total: sum_changes(&[abroad, reception, vehicles]),
        vehicles,
        abroad,
        reception,
        vehicle_purchase,
        vehicle_operation,
        operating_costs: t.operating_costs.as_ref().map(|a| *a.get_ref()),
    }
}

/// The sum of several figures, this year and last.
fn sum_changes(parts: &[Change]) -> Change {
    Change::new(parts.iter().map(|c| c.current).sum(), parts.iter().map(|c| c.prior).sum())
}

fn build_procurement(p: &input::Procurement) -> Procurement {
    let (goods, works, services) = (*p.goods.get_ref(), *p.works.get_ref(), *p.services.get_ref());
    Procurement {
        total: goods + works + services,
        goods,
        works,
        services,
        sme_reserved: p.sme_reserved.as_ref().map_or(Amount::ZERO, |a| *a.get_ref()),
        small_micro_reserved: p.small_micro_reserved.as_ref().map_or(Amount::ZERO, |a| *a.get_ref()),
    }
}

fn build_funds(p: &input::Project) -> ProjectFunds {
    let opt = |a: &Option<Spanned<Amount>>| a.as_ref().map_or(Amount::ZERO, |a| *a.get_ref());
    let (appropriation, carryover, other) = (*p.form.appropriation.get_ref(), opt(&p.form.carryover), opt(&p.form.other));
    let annual = appropriation + carryover + other;
    let total_budget = p.total_budget.as_ref().map(|a| *a.get_ref());
    let total = total_budget.unwrap_or(annual);
    ProjectFunds { annual, total, total_appropriation: total - other, appropriation, carryover, other, total_budget }
}
