//! Excel in: a 预算管理一体化 export workbook → `departments/<简称>/<年>.toml` (leaf figures only).
//!
//! workbook → grids (`grid`) → sheets by meaning (`sheets`, `book`) → tables by header text
//! (`tables`, `three`) → totals checked against their leaves (`sums`) → leaves per 项, 经济分类 款
//! and “三公” (`items`, `economic`) → written over the unit-year's TOML (`base`, `write`).

mod base;
mod book;
mod cells;
mod economic;
mod edit;
mod grid;
mod items;
mod sheets;
mod sums;
mod tables;
mod texts;
mod three;
mod unit;
mod write;

pub use base::Origin;
pub use write::MISSING;

use crate::diag::Code;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{Project, parse_toml};
use crate::model::Catalog;
use crate::output::write_files;

use book::{Book, recognise};
use economic::{read_economic, three_public_leaves};
use items::{APPROPRIATION, ItemTables, KnownSplit, read_items};
use sheets::{Caliber, Table};
use sums::{Recomputed, settle};
use tables::{ClassTable, Column, INCOME, SPENDING, STAFF, read_class_table};
use write::{Figures, apply};

/// What an import wrote, and the warnings it met.
#[derive(Debug)]
pub struct Imported {
    /// The unit folder name under `departments/`.
    pub unit: String,
    pub year: i32,
    /// The TOML file written.
    pub path: PathBuf,
    /// The TOML text written.
    pub text: String,
    /// Warnings (errors refuse the import).
    pub diagnostics: Diagnostics,
    /// One line per table: (table, sheet read for it).
    pub sheets: Vec<(String, String)>,
    /// What the figures were written over.
    pub origin: Origin,
}

/// Reads a workbook and writes the unit-year's TOML; on any error nothing is written.
pub fn import_workbook(project: &Project, workbook: &Path, unit: Option<&str>, year: Option<&str>) -> Result<Imported, Diagnostics> {
    let year_arg = year.map(crate::load::check_year).transpose().map_err(one)?;
    let grids = grid::read_workbook(workbook).map_err(one)?;
    let mut found = Diagnostics::default();
    let book = recognise(&grids, workbook, year_arg, &mut found).map_err(one)?;
    if found.has_errors() {
        return Err(found);
    }
    let unit =
        unit::match_unit(project, &book.owner, unit).map_err(|d| one(d.in_cell(workbook, &book.owner_at.0, book.owner_at.1.clone())))?;
    let catalog = load_catalog(project, book.year)?;
    let (mut doc, origin) = base::starting_document(project, &unit, book.year).map_err(one)?;
    let known = known_split(&doc);
    let figures = read_figures(&book, &catalog, &known, workbook, &mut found);
    let Some(figures) = figures.filter(|_| !found.has_errors()) else { return Err(found) };
    if origin == Origin::Skeleton {
        base::name_skeleton(&mut doc, &book.owner);
    }
    apply(&mut doc, &figures);
    let text = doc.to_string();
    let path = project.departments().join(&unit).join(format!("{}.toml", book.year));
    write_files(&project.departments(), &[(path.clone(), text.clone().into_bytes())]).map_err(one)?;
    Ok(Imported { unit, year: book.year, path, text, diagnostics: found, sheets: book.taken(), origin })
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

fn load_catalog(project: &Project, year: i32) -> Result<Catalog, Diagnostics> {
    let source = project.read(&project.catalog_file(year)).map_err(one)?;
    parse_toml(&source)
}

/// Reads every table, checks each against its leaves and the others, and collects the leaves.
fn read_figures(book: &Book<'_>, catalog: &Catalog, known: &KnownSplit, workbook: &Path, found: &mut Diagnostics) -> Option<Figures> {
    let mut recomputed = Recomputed::default();
    let mut read = |t: Table, depth: usize, columns: &[Column], parts: &[Column]| -> Option<ClassTable> {
        let (grid, heading) = book.tables.get(&t)?;
        let mut table = read_class_table(grid, depth, columns, heading.scale, workbook, found)?;
        settle(&mut table, parts, workbook, found, &mut recomputed);
        check_codes(&table, catalog, depth, workbook, found);
        Some(table)
    };
    let spending_columns = [Column::Total, Column::Basic, Column::Project];
    let income = read(
        Table::Income,
        3,
        &[Column::Total, Column::Appropriation, Column::Business, Column::Operating, Column::Other, Column::Superior],
        &INCOME,
    );
    let spending = read(Table::Spending, 3, &spending_columns, &SPENDING);
    let funds: Vec<(&'static str, Option<ClassTable>)> =
        APPROPRIATION.iter().map(|&(t, key)| (key, read(t, 3, &spending_columns, &SPENDING))).collect();
    let economic_table = read(Table::Economic, 2, &[Column::Total, Column::Personnel, Column::Public], &STAFF);
    let three = book
        .tables
        .get(&Table::ThreePublic)
        .and_then(|(g, h)| three::read_three_public(g, h.scale, workbook, found, &mut recomputed).map(|r| (r, h.scale)));
    recomputed.report(workbook, found);
    let (income, spending, economic_table, (three, scale)) = (income?, spending?, economic_table?, three?);
    let general = funds[0].1.as_ref()?;
    let tables = ItemTables { income: &income, spending: &spending, by_fund: funds.iter().map(|(k, t)| (*k, t.as_ref())).collect() };
    let items = read_items(&tables, known, workbook, found);
    let economic = read_economic(&economic_table, catalog, workbook, found);
    check_basic_total(&economic_table, general, workbook, found);
    let three_public = three_public_leaves(&three, &economic, scale, workbook, found);
    let mut texts = texts::read_texts(&book.texts, &book.owner, catalog);
    if book.caliber != Caliber::Unit {
        texts.structure = None;
    }
    Some(Figures { year: book.year, wording: book.caliber.word(), items, economic, three_public, texts })
}

/// K11: every code of a table must be in the year's catalogue.
fn check_codes(table: &ClassTable, catalog: &Catalog, depth: usize, workbook: &Path, found: &mut Diagnostics) {
    for row in &table.rows {
        let known = if depth == 3 { catalog.function_name(&row.code) } else { catalog.economic_name(&row.code) };
        if known.is_none() {
            let kind = if depth == 3 { "功能分类" } else { "经济分类" };
            found.push(
                Diagnostic::error(Code::K11, format!("{kind}科目 {} 不在 {} 年的科目目录中", row.code, catalog.year))
                    .in_cell(workbook, &table.sheet, grid::a1(row.row, row.code_col))
                    .hint(format!("核对编码；若为新增科目，请先补入 catalog/{}.toml", catalog.year)),
            );
        }
    }
}

/// K4: the 经济分类 table's 合计 is the 一般公共预算 基本支出.
fn check_basic_total(economic: &ClassTable, general: &ClassTable, workbook: &Path, found: &mut Diagnostics) {
    let (Some(e), Some(g)) = (&economic.total, &general.total) else { return };
    if e.get(Column::Total) != g.get(Column::Basic) {
        let m = format!(
            "基本支出经济分类合计 {} 元与一般公共预算基本支出 {} 元不符",
            crate::money::group_thousands(e.get(Column::Total)),
            crate::money::group_thousands(g.get(Column::Basic))
        );
        let col = e.figures.get(&Column::Total).map_or(e.code_col, |f| f.col);
        found.push(items::cross(workbook, &economic.sheet, e.row, col, m));
    }
}

/// The non-appropriation split per 项 the person already wrote, kept when it still fits.
fn known_split(doc: &toml_edit::DocumentMut) -> KnownSplit {
    let mut known = KnownSplit::new();
    let Some(functions) = doc.get("function").and_then(toml_edit::Item::as_array_of_tables) else { return known };
    for entry in functions.iter() {
        let Some(code) = entry.get("code").and_then(toml_edit::Item::as_str) else { continue };
        known.insert(code.to_string(), (amounts_of(entry.get("basic")), amounts_of(entry.get("project"))));
    }
    known
}

fn amounts_of(item: Option<&toml_edit::Item>) -> std::collections::BTreeMap<String, rust_decimal::Decimal> {
    let Some(table) = item.and_then(toml_edit::Item::as_table_like) else { return Default::default() };
    table
        .iter()
        .filter_map(|(k, v)| {
            let text = v.as_integer().map(|i| i.to_string()).or_else(|| v.as_str().map(str::to_string))?;
            Some((k.to_string(), crate::money::parse_amount(&text).ok()?.yuan()))
        })
        .collect()
}

/// `gen-budget new`: starts `departments/<简称>/<年>.toml` from the unit's latest earlier year.
pub fn start_year(project: &Project, unit: &str, year: &str) -> Result<(PathBuf, i32), Diagnostic> {
    let path = project.unit_file(unit, year)?;
    let year = crate::load::check_year(year)?;
    if path.exists() {
        return Err(Diagnostic::error(Code::U11, format!("{} 已存在，不会覆盖", path.display()))
            .in_file(&path)
            .hint("要更新其中的数字，请用 gen-budget import <工作簿.xlsx>"));
    }
    let (doc, origin) = base::starting_document(project, unit, year)?;
    let Origin::Carried(earlier) = origin else {
        return Err(Diagnostic::error(Code::U3, format!("departments/{unit}/ 下没有 {year} 年以前的预算数据，无法沿用"))
            .in_file(&project.departments().join(unit))
            .hint("首次建立请直接导入导出表：gen-budget import <工作簿.xlsx> --unit <简称>"));
    };
    write_files(&project.departments(), &[(path.clone(), doc.to_string().into_bytes())])?;
    Ok((path, earlier))
}
