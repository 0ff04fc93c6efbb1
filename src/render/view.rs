//! Stage 4: the document view model — every string the templates print, already final.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::derive::figures::Counts;
use crate::derive::{Budget, Change, Figures, UnitKind, Wording};
use crate::load::Loaded;
use crate::model::options::VEHICLE_CATEGORIES;
use crate::numerals::paren_marker;

use super::chapters::{ChapterView, build_chapters};
use super::composition::{BasicNoteView, Composition, SectionGroup, build_basic_notes, build_composition, build_sections};
use super::declaration::{DeclarationView, build_declaration};
use super::draft::Marks;
use super::formats::Formats;
use super::narrative::{Figure, ItemText, Narrative, build_narrative};
use super::project::{ProjectView, build_project};
use super::tables::{Tables, build_tables};
use crate::style::Prose;
use crate::view_model::findings::DraftView;

/// Everything one document needs, serialized into the template context as `doc`.
#[derive(Debug, Serialize)]
pub struct DocView {
    /// The document title: `上海市普陀区2024年区级部门预算`.
    pub title: String,
    /// The budget year, a number: `2024`.
    pub year: i32,
    /// The year before, a number: `2023` (the 上年 of every comparison).
    pub prior_year: i32,
    /// The district as typed: `普陀区`.
    pub district: String,
    /// The level word as typed: `区级` or `镇级`.
    pub level: String,
    /// 部门 or 单位.
    pub d: &'static str,
    /// The cover's label: 预算主管部门 for a department, 预算单位 for a single unit.
    pub cover_label: &'static str,
    /// Who the cover names as 预算主管部门: the unit itself unless the data names another.
    pub cover_owner: String,
    /// The unit's name as typed: `上海市普陀区城市运行管理中心`.
    pub unit_name: String,
    /// The unit's second name as typed, or empty when it has none.
    pub unit_alias: String,
    /// The name with its alias in full-width brackets (`…中心（…中心）`), the name alone without one.
    pub unit_full: String,
    /// The 单位性质 sentence of chapter 一, as typed.
    pub nature: String,
    /// The 主要职能 paragraphs of chapter 一, as typed, one text each.
    pub functions: Vec<String>,
    /// Number of 行政单位 in the 机构设置 sentence, a number.
    pub admin_units: u32,
    /// Number of 事业单位 in the 机构设置 sentence, a number.
    pub institution_units: u32,
    /// The 部门预算单位构成 lines, as typed.
    pub members: Vec<String>,
    /// The 机构设置 paragraphs, as typed; may be empty.
    pub structure: Vec<String>,
    /// The 名词解释 entries the unit chose, numbered （一）、（二）… in order.
    pub glossary: Vec<GlossaryEntry>,
    /// Why 财政拨款收支 changed against last year, as typed (a clause without 。).
    pub change_reason: String,
    /// Why total income changed (镇级 编制说明), as typed; may be empty.
    pub income_reason: String,
    /// Why total spending changed (镇级 编制说明), as typed; may be empty.
    pub spending_reason: String,
    /// The unit's own 专有名词解释 paragraphs, as typed; may be empty.
    pub special_terms: Vec<String>,
    /// The 名词解释 marker after the standard terms, for the 专有名词解释 entry: `（五）`.
    pub special_marker: String,
    /// The figures of the 区级 预算编制说明 (chapter 四).
    pub narrative: Narrative,
    /// The figures of the 镇级 编制说明 (一) and (二): shares and growth.
    pub composition: Composition,
    /// 编制说明 (三): 一般公共预算 spending grouped by 款, in code order.
    pub sections: Vec<SectionGroup>,
    /// 编制说明 (四): the typed 基本支出 sentences, one per economic 类.
    pub basic_notes: Vec<BasicNoteView>,
    /// The nine tables of chapter 五, every cell already formatted.
    pub tables: Tables,
    /// 六.一: the “三公” figures against last year, with their reasons.
    pub three_public: ThreePublicView,
    /// Whether the unit has 机关运行经费 (false for a 事业单位, which prints 无机关运行经费).
    pub has_operating_costs: bool,
    /// 机关运行经费 in 万元 with the set's prose format: `12.34`; `0` when none.
    pub operating_costs: String,
    /// 六.三: the 政府采购 figures.
    pub procurement: ProcurementView,
    /// 六.四: the 绩效目标 figures.
    pub performance: PerformanceView,
    /// 六.五: vehicles and large equipment.
    pub assets: AssetsView,
    /// The projects of chapter 七, each with its 绩效目标申报表.
    pub projects: Vec<ProjectView>,
    /// The 镇级 申报表, one per project.
    pub declarations: Vec<DeclarationView>,
    /// The chapters in the set's order (`[document] chapters`), for the template that prints them.
    pub chapters: Vec<ChapterView>,
    /// The same chapters by key, for headings: `{{ doc.chapter.narrative.marker }}` → `四、`.
    pub chapter: BTreeMap<String, ChapterView>,
    /// Draft marks per section; all empty in a release.
    pub marks: Marks,
    /// Present only in a draft: the findings page.
    pub draft: Option<DraftView>,
}

/// A numbered 名词解释 entry.
#[derive(Debug, Serialize)]
pub struct GlossaryEntry {
    /// The entry's marker: `（一）`.
    pub marker: String,
    /// The term: `财政拨款收入`.
    pub term: String,
    /// The explanation from the catalogue, with the level word filled in.
    pub text: String,
}

/// Section 六.一 figures with reasons.
#[derive(Debug, Serialize)]
pub struct ThreePublicView {
    /// The “三公” total: this year and last year in 万元, and the change.
    pub total: Figure,
    /// 因公出国（境）费 against last year.
    pub abroad: Figure,
    /// 公务用车购置及运行费 (purchase plus operation) against last year.
    pub vehicles: Figure,
    /// 公务用车购置费 against last year.
    pub purchase: Figure,
    /// 公务用车运行费 against last year.
    pub operation: Figure,
    /// 公务接待费 against last year.
    pub reception: Figure,
    /// Why 因公出国（境）费 changed, as typed (a clause without 。).
    pub abroad_reason: String,
    /// Why 公务用车购置费 changed, as typed.
    pub purchase_reason: String,
    /// Why 公务用车运行费 changed, as typed.
    pub operation_reason: String,
    /// Why 公务接待费 changed, as typed.
    pub reception_reason: String,
}

/// Section 六.三 figures.
#[derive(Debug, Serialize)]
pub struct ProcurementView {
    /// 政府采购预算 in 万元 with the set's prose format: `844.81`.
    pub total: String,
    /// Its 货物 part in 万元, prose format.
    pub goods: String,
    /// Its 工程 part in 万元, prose format.
    pub works: String,
    /// Its 服务 part in 万元, prose format.
    pub services: String,
    /// The amount reserved for 中小企业, in 万元, prose format.
    pub sme_reserved: String,
    /// Of that, reserved for 小型和微型企业, in 万元, prose format.
    pub small_micro_reserved: String,
    /// Whether the data gives the reservations (sets with `[needs] reservations = false` may omit them).
    pub reserved: bool,
}

/// Section 六.四 figures.
#[derive(Debug, Serialize)]
pub struct PerformanceView {
    /// Number of units that set 绩效目标, a number.
    pub units: u32,
    /// Number of projects with 绩效目标, a number.
    pub projects: u32,
    /// The 项目预算资金 those projects involve, in 万元 with the prose format: `11,648.82`.
    pub amount: String,
    /// Share of 项目支出 the amount covers.
    pub share: String,
}

/// Section 六.五: vehicles by the eight fixed categories.
#[derive(Debug, Serialize)]
pub struct AssetsView {
    /// The date the counts hold, as typed: `2023年8月31日`.
    pub as_of: String,
    /// Vehicles in all, a number.
    pub vehicles_total: u32,
    /// Vehicles per category: always the eight categories in their fixed order, zeros included.
    pub vehicles: Vec<CountView>,
    /// Equipment of 100万元 or more a piece (vehicles not counted), a number.
    pub equipment: u32,
    /// Vehicles to be bought this year, a number.
    pub planned_total: u32,
    /// Vehicles to be bought per category, the same eight categories.
    pub planned: Vec<CountView>,
    /// Equipment of 100万元 or more to be bought this year, a number.
    pub planned_equipment: u32,
}

/// A vehicle category and its count.
#[derive(Debug, Serialize)]
pub struct CountView {
    /// The vehicle category: `执法执勤用车`.
    pub name: &'static str,
    /// How many, a number.
    pub count: u32,
}

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
    let (chapters, chapter) = build_chapters(&formats.chapters);
    DocView {
        chapters,
        chapter,
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
        composition: build_composition(b, prose),
        sections: build_sections(loaded, b, prose),
        basic_notes: build_basic_notes(loaded, b, prose),
        tables: build_tables(b, formats),
        three_public: build_three_public(loaded, b, prose),
        has_operating_costs: b.kind != UnitKind::Institution,
        operating_costs: wan(b.three_public.operating_costs.unwrap_or_default()),
        procurement: build_procurement(loaded, b, prose),
        performance: PerformanceView {
            units: data.performance.units,
            projects: data.performance.projects,
            amount: wan(b.performance_amount),
            share: prose.share_of(b.figures.performance),
        },
        assets: build_assets(loaded, &b.figures),
        projects: data.projects.iter().zip(&b.project_funds).map(|(p, f)| build_project(p, f, prose, formats)).collect(),
        declarations: data.projects.iter().zip(&b.project_funds).map(|(p, f)| build_declaration(p, f, &formats.forms)).collect(),
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
        total: fig(t.total),
        abroad: fig(t.abroad),
        vehicles: fig(t.vehicles),
        purchase: fig(t.vehicle_purchase),
        operation: fig(t.vehicle_operation),
        reception: fig(t.reception),
        abroad_reason: r.abroad.clone(),
        purchase_reason: r.vehicle_purchase.clone(),
        operation_reason: r.vehicle_operation.clone(),
        reception_reason: r.reception.clone(),
    }
}

fn build_procurement(loaded: &Loaded, b: &Budget, prose: Prose) -> ProcurementView {
    let p = &b.procurement;
    let wan = |a| prose.wan(a);
    ProcurementView {
        total: wan(p.total),
        goods: wan(p.goods),
        works: wan(p.works),
        services: wan(p.services),
        sme_reserved: wan(p.sme_reserved),
        small_micro_reserved: wan(p.small_micro_reserved),
        reserved: loaded.data.procurement.sme_reserved.is_some() && loaded.data.procurement.small_micro_reserved.is_some(),
    }
}

fn build_assets(loaded: &Loaded, figures: &Figures) -> AssetsView {
    let a = &loaded.data.assets;
    let counts = |c: &Counts| -> Vec<CountView> {
        VEHICLE_CATEGORIES.iter().zip(&c.each).map(|(name, count)| CountView { name, count: *count }).collect()
    };
    AssetsView {
        as_of: a.as_of.clone(),
        vehicles_total: figures.vehicles.total,
        vehicles: counts(&figures.vehicles),
        equipment: a.equipment,
        planned_total: figures.planned_vehicles.total,
        planned: counts(&figures.planned_vehicles),
        planned_equipment: a.planned_equipment,
    }
}
