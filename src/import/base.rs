//! What an import writes over: the unit-year's own TOML, else the unit's latest earlier year
//! carried forward, else a skeleton whose unknowns are marked for `check` to ask for.

use crate::diag::Code;
use toml_edit::{DocumentMut, Item, Table, Value};

use crate::derive::derive;
use crate::diag::Diagnostic;
use crate::load::{Project, load_budget};
use crate::model::SourceFile;

use super::write::{amount, missing, table_mut};

/// Where the document an import starts from came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The unit-year's own file, updated in place.
    Existing,
    /// The unit's file of an earlier year, carried forward.
    Carried(i32),
    /// Nothing earlier: a skeleton with marked unknowns.
    Skeleton,
}

/// The budget file of a unit-year, if there is one; a file of another document kind is refused.
pub(crate) fn budget_file(project: &Project, unit: &str, year: i32) -> Result<Option<SourceFile>, Diagnostic> {
    let path = project.departments().join(unit).join(format!("{year}.toml"));
    if !path.is_file() {
        return Ok(None);
    }
    let source = project.read(&path)?;
    let doc: toml::Table = toml::from_str(&source.text).unwrap_or_default();
    match doc.get("document").and_then(|d| d.as_str()) {
        None | Some(crate::document::BUDGET) => Ok(Some(source)),
        Some(other) => Err(Diagnostic::error(Code::U10, format!("{} 是“{other}”文件，不是预算公开数据，导入不会覆盖它", path.display()))
            .in_file(&path)
            .hint("把该文件移到 departments/<单位>/<年>/ 目录下（每个文件以 document = … 说明类型），再导入")),
    }
}

/// The document to write into, and where it came from.
pub(crate) fn starting_document(project: &Project, unit: &str, year: i32) -> Result<(DocumentMut, Origin), Diagnostic> {
    if let Some(source) = budget_file(project, unit, year)? {
        return Ok((parse(&source)?, Origin::Existing));
    }
    match latest_before(project, unit, year)? {
        Some((earlier, source)) => Ok((carry_forward(project, unit, &source, earlier, year)?, Origin::Carried(earlier))),
        None => Ok((skeleton(), Origin::Skeleton)),
    }
}

fn parse(source: &SourceFile) -> Result<DocumentMut, Diagnostic> {
    source.text.parse::<DocumentMut>().map_err(|err| {
        let span = err.span().unwrap_or(0..0);
        Diagnostic::error(Code::T1, "TOML 语法错误，导入无法在其上更新数字")
            .at(source, span)
            .hint("先修好该文件（gen-budget check 会指出位置），再导入")
    })
}

/// The unit's budget file of the latest year before `year`.
fn latest_before(project: &Project, unit: &str, year: i32) -> Result<Option<(i32, SourceFile)>, Diagnostic> {
    for earlier in (year - 20..year).rev() {
        if let Some(source) = budget_file(project, unit, earlier)? {
            return Ok(Some((earlier, source)));
        }
    }
    Ok(None)
}

/// Last year's file as this year's start: identity and texts kept, last year's “三公” and total
/// as this year's priors, this year's figures and 执行数 left to the import (or marked).
pub(crate) fn carry_forward(
    project: &Project,
    unit: &str,
    source: &SourceFile,
    earlier: i32,
    year: i32,
) -> Result<DocumentMut, Diagnostic> {
    let mut doc = parse(source)?;
    let last_total = load_budget(project, unit, earlier, source.clone()).ok().map(|l| derive(&l).0.ledger.total(|_, _| true).total());
    doc.remove("totals");
    doc.remove("document");
    doc["year"] = Item::Value(Value::from(i64::from(year)));
    doc.decor_mut().set_prefix(format!("# 由 {earlier} 年数据开始：项目、政府采购、绩效与资产沿用 {earlier} 年，请逐项核对后修改。\n"));
    carry_three_public(&mut doc);
    let total = match last_total {
        Some(t) => amount(t.yuan()),
        None => missing(&format!("{earlier}年收支总额（元）")),
    };
    table_mut(&mut doc, "last_year")["total"] = Item::Value(total);
    if let Some(functions) = doc.get_mut("function").and_then(Item::as_array_of_tables_mut) {
        functions.iter_mut().for_each(clear_function_figures);
    }
    table_mut(&mut doc, "economic").clear();
    Ok(doc)
}

/// This year's “三公” prior is last year's budget; this year's own figures come from the import.
fn carry_three_public(doc: &mut DocumentMut) {
    let three = table_mut(doc, "three_public");
    let mut prior = Table::new();
    for key in ["abroad", "reception", "vehicle_purchase", "vehicle_operation"] {
        if let Some(v) = three.get(key).cloned() {
            prior[key] = v;
        }
        three[key] = Item::Value(missing("本年预算（元）"));
    }
    three.remove("prior");
    three["prior"] = Item::Table(prior);
}

/// A 项 keeps its texts; its amounts, 执行数 and 公用经费 split belong to the new year.
fn clear_function_figures(entry: &mut Table) {
    entry.remove("basic");
    entry.remove("project");
    if entry.contains_key("prior") {
        entry["prior"] = Item::Value(missing("上年执行数（元）"));
    }
    if entry.contains_key("basic_public") {
        entry["basic_public"] = Item::Value(missing("公用经费（元）"));
    }
}

/// A new unit: every key the data format requires, unknowns marked.
fn skeleton() -> DocumentMut {
    SKELETON.parse().expect("the skeleton is valid TOML")
}

const SKELETON: &str = r#"# 由预算管理一体化导出表生成。标“待补充”的内容导出表中没有，请逐项填写；
# gen-budget check 会逐一指出尚未填写之处。字段说明见 README.md 的“数据格式”一节。
year = 0

[unit]
name = "待补充：单位全称"
district = "待补充：区，如 普陀区"
level = "待补充：区级 或 镇级"
wording = "部门"
kind = "待补充：行政单位 / 参公事业单位 / 事业单位"
glossary_level = "待补充：名词解释中的级次，如 区级"
glossary = []

[text]
nature = "待补充：单位性质，如 是普陀区人民政府直属的全额拨款事业单位。"
functions = ["待补充：主要职能"]
admin_units = "待补充：行政单位数"
institution_units = "待补充：事业单位数"
members = ["待补充：纳入部门预算编制范围的单位"]
change_reason = "待补充：财政拨款增减的主要原因"

[economic]

[three_public]
abroad = 0
reception = 0
vehicle_purchase = 0
vehicle_operation = 0

[three_public.prior]
abroad = "待补充：上年预算（元）"
reception = "待补充：上年预算（元）"
vehicle_purchase = "待补充：上年预算（元）"
vehicle_operation = "待补充：上年预算（元）"

[procurement]
goods = "待补充：货物类（元）"
works = "待补充：工程类（元）"
services = "待补充：服务类（元）"
sme_reserved = "待补充：面向中小企业预留（元）"
small_micro_reserved = "待补充：其中小微企业（元）"

[performance]
units = "待补充：单位数"
projects = "待补充：项目数"
amount = "待补充：涉及项目预算资金（元）"

[assets]
as_of = "待补充：如 2023年8月31日"
vehicles = {}
planned_vehicles = {}
equipment = "待补充：单价100万元以上设备台数"
planned_equipment = "待补充：拟购置台数"
"#;

/// Fills the skeleton's identity from the workbook: the full name, and the district it names.
pub(crate) fn name_skeleton(doc: &mut DocumentMut, owner: &str) {
    let unit = table_mut(doc, "unit");
    unit["name"] = Item::Value(Value::from(owner));
    if let Some(district) = district_of(owner) {
        unit["district"] = Item::Value(Value::from(district.as_str()));
        unit["level"] = Item::Value(Value::from(if owner.contains('镇') { "镇级" } else { "区级" }));
    }
}

/// `上海市普陀区城市运行管理中心` → `普陀区`.
fn district_of(name: &str) -> Option<String> {
    let rest = name.strip_prefix("上海市")?;
    let end = rest.find('区')?;
    Some(rest[..end + '区'.len_utf8()].to_string())
}
