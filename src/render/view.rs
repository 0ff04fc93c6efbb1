//! Stage 4: the document view model — every string the templates print, already final.

use serde::Serialize;

use crate::derive::{Budget, Change, UnitKind, Wording};
use crate::load::Loaded;
use crate::numerals::paren_marker;

use super::composition::{build_basic_notes, build_composition, build_sections, BasicNoteView, Composition, SectionGroup};
use super::declaration::{build_declaration, DeclarationView};
use super::draft::{DraftView, Marks};
use super::narrative::{build_narrative, Figure, ItemText, Narrative, Prose};
use super::project::{build_project, ProjectView};
use super::tables::{build_tables, Tables};
use super::formats::Formats;

/// Everything one document needs, serialized into the template context as `doc`.
#[derive(Debug, Serialize)]
pub struct DocView {
    pub title: String,
    pub year: i32,
    pub prior_year: i32,
    pub district: String,
    pub level: String,
    /// 部门 or 单位.
    pub d: &'static str,
    /// The cover's label: 预算主管部门 for a department, 预算单位 for a single unit.
    pub cover_label: &'static str,
    /// Who the cover names as 预算主管部门: the unit itself unless the data names another.
    pub cover_owner: String,
    pub unit_name: String,
    pub unit_alias: String,
    pub unit_full: String,
    pub nature: String,
    pub functions: Vec<String>,
    pub admin_units: u32,
    pub institution_units: u32,
    pub members: Vec<String>,
    pub structure: Vec<String>,
    pub glossary: Vec<GlossaryEntry>,
    pub change_reason: String,
    pub income_reason: String,
    pub spending_reason: String,
    pub special_terms: Vec<String>,
    /// The 名词解释 marker after the standard terms, for the 专有名词解释 entry: `（五）`.
    pub special_marker: String,
    pub narrative: Narrative,
    pub composition: Composition,
    pub sections: Vec<SectionGroup>,
    pub basic_notes: Vec<BasicNoteView>,
    pub tables: Tables,
    pub three_public: ThreePublicView,
    pub has_operating_costs: bool,
    pub operating_costs: String,
    pub procurement: ProcurementView,
    pub performance: PerformanceView,
    pub assets: AssetsView,
    pub projects: Vec<ProjectView>,
    /// The 镇级 申报表, one per project.
    pub declarations: Vec<DeclarationView>,
    /// Draft marks per section; all empty in a release.
    pub marks: Marks,
    /// Present only in a draft: the findings page.
    pub draft: Option<DraftView>,
}

/// A numbered 名词解释 entry.
#[derive(Debug, Serialize)]
pub struct GlossaryEntry {
    pub marker: String,
    pub term: String,
    pub text: String,
}

/// Section 六.一 figures with reasons.
#[derive(Debug, Serialize)]
pub struct ThreePublicView {
    pub total: Figure,
    pub abroad: Figure,
    pub vehicles: Figure,
    pub purchase: Figure,
    pub operation: Figure,
    pub reception: Figure,
    pub abroad_reason: String,
    pub purchase_reason: String,
    pub operation_reason: String,
    pub reception_reason: String,
}

/// Section 六.三 figures.
#[derive(Debug, Serialize)]
pub struct ProcurementView {
    pub total: String,
    pub goods: String,
    pub works: String,
    pub services: String,
    pub sme_reserved: String,
    pub small_micro_reserved: String,
}

/// Section 六.四 figures.
#[derive(Debug, Serialize)]
pub struct PerformanceView {
    pub units: u32,
    pub projects: u32,
    pub amount: String,
    /// Share of 项目支出 the amount covers.
    pub share: String,
}

/// Section 六.五: vehicles by the eight fixed categories.
#[derive(Debug, Serialize)]
pub struct AssetsView {
    pub as_of: String,
    pub vehicles_total: u32,
    pub vehicles: Vec<CountView>,
    pub equipment: u32,
    pub planned_total: u32,
    pub planned: Vec<CountView>,
    pub planned_equipment: u32,
}

/// A vehicle category and its count.
#[derive(Debug, Serialize)]
pub struct CountView {
    pub name: &'static str,
    pub count: u32,
}

/// The eight vehicle categories in their fixed order (domain-spec §6.3).
pub const VEHICLE_CATEGORIES: [&str; 8] = [
    "部级领导干部用车",
    "主要领导干部用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "离退休干部用车",
    "其他用车",
];

/// Builds the whole document view from loaded input and derived figures.
pub fn build_view(loaded: &Loaded, b: &Budget, formats: &Formats) -> DocView {
    let data = &loaded.data;
    let unit = &data.unit;
    let unit_full = match &unit.alias {
        Some(alias) => format!("{}（{alias}）", unit.name),
        None => unit.name.clone(),
    };
    let d = b.wording.word();
    let prose = Prose::of(formats);
    let glossary = build_glossary(loaded);
    let special_marker = paren_marker(glossary.len() + 1);
    let wan = |a| prose.wan(a);
    let texts = |code: &str| {
        let line = data.functions.iter().find(|f| f.code.get_ref() == code);
        line.map(|f| ItemText {
            purpose: f.purpose.clone(),
            purpose_sentence: f.purpose_sentence,
            reason: f.reason.clone().unwrap_or_default(),
        })
        .unwrap_or_default()
    };
    DocView {
        title: format!("上海市{}{}{}年{}{d}预算", unit.district, unit.town.as_deref().unwrap_or(""), b.year, unit.level.get_ref()),
        year: b.year,
        prior_year: b.year - 1,
        district: unit.district.clone(),
        level: unit.level.get_ref().clone(),
        d,
        cover_label: match b.wording {
            Wording::Department => "预算主管部门",
            Wording::Unit => "预算单位",
        },
        unit_name: unit.name.clone(),
        unit_alias: unit.alias.clone().unwrap_or_default(),
        cover_owner: unit.cover_owner.clone().unwrap_or_else(|| unit_full.clone()),
        unit_full,
        nature: data.text.nature.clone(),
        functions: data.text.functions.clone(),
        admin_units: data.text.admin_units,
        institution_units: data.text.institution_units,
        members: data.text.members.clone(),
        structure: data.text.structure.clone(),
        glossary,
        change_reason: data.text.change_reason.clone(),
        income_reason: data.text.income_reason.clone(),
        spending_reason: data.text.spending_reason.clone(),
        special_terms: data.text.special_terms.clone(),
        special_marker,
        narrative: build_narrative(b, &texts, prose),
        composition: build_composition(loaded, b, prose),
        sections: build_sections(loaded, b, prose),
        basic_notes: build_basic_notes(loaded, b, prose),
        tables: build_tables(b, formats),
        three_public: build_three_public(loaded, b, prose),
        has_operating_costs: b.kind != UnitKind::Institution,
        operating_costs: wan(b.three_public.operating_costs.unwrap_or_default()),
        procurement: build_procurement(b, prose),
        performance: PerformanceView {
            units: data.performance.units,
            projects: data.performance.projects,
            amount: wan(b.performance_amount),
            share: prose.share(b.performance_amount, b.ledger.total(|_, k| k == crate::derive::Kind::Project).total()),
        },
        assets: build_assets(loaded),
        projects: data.projects.iter().zip(&b.project_funds).map(|(p, f)| build_project(p, f, prose)).collect(),
        declarations: data.projects.iter().zip(&b.project_funds).map(|(p, f)| build_declaration(p, f)).collect(),
        marks: Marks::default(),
        draft: None,
    }
}

/// Numbers the chosen 名词解释 and fills in the level word.
fn build_glossary(loaded: &Loaded) -> Vec<GlossaryEntry> {
    let unit = &loaded.data.unit;
    unit.glossary
        .iter()
        .filter_map(|term| loaded.catalog.glossary.get(term.get_ref()).map(|text| (term.get_ref(), text)))
        .enumerate()
        .map(|(i, (term, text))| GlossaryEntry {
            marker: paren_marker(i + 1),
            term: term.clone(),
            text: text.replace("{级}", &unit.glossary_level),
        })
        .collect()
}

fn build_three_public(loaded: &Loaded, b: &Budget, prose: Prose) -> ThreePublicView {
    let t = &b.three_public;
    let r = &loaded.data.three_public.reasons;
    let fig = |c: Change| -> Figure { prose.figure(c) };
    ThreePublicView {
        total: fig(t.total()),
        abroad: fig(t.abroad),
        vehicles: fig(t.vehicles()),
        purchase: fig(t.vehicle_purchase),
        operation: fig(t.vehicle_operation),
        reception: fig(t.reception),
        abroad_reason: r.abroad.clone(),
        purchase_reason: r.vehicle_purchase.clone(),
        operation_reason: r.vehicle_operation.clone(),
        reception_reason: r.reception.clone(),
    }
}

fn build_procurement(b: &Budget, prose: Prose) -> ProcurementView {
    let p = &b.procurement;
    let wan = |a| prose.wan(a);
    ProcurementView {
        total: wan(p.total()),
        goods: wan(p.goods),
        works: wan(p.works),
        services: wan(p.services),
        sme_reserved: wan(p.sme_reserved),
        small_micro_reserved: wan(p.small_micro_reserved),
    }
}

fn build_assets(loaded: &Loaded) -> AssetsView {
    let a = &loaded.data.assets;
    let counts = |map: &std::collections::BTreeMap<String, toml::Spanned<u32>>| -> Vec<CountView> {
        VEHICLE_CATEGORIES
            .iter()
            .map(|name| CountView { name, count: map.get(*name).map_or(0, |c| *c.get_ref()) })
            .collect()
    };
    let vehicles = counts(&a.vehicles);
    let planned = counts(&a.planned_vehicles);
    AssetsView {
        as_of: a.as_of.clone(),
        // Saturating: counts that cannot be added are refused by T7; a draft still renders.
        vehicles_total: vehicles.iter().fold(0u32, |sum, c| sum.saturating_add(c.count)),
        vehicles,
        equipment: a.equipment,
        planned_total: planned.iter().fold(0u32, |sum, c| sum.saturating_add(c.count)),
        planned,
        planned_equipment: a.planned_equipment,
    }
}
