//! The workbook as an export: which sheet was taken for which table, whose it is, which year.

use crate::diag::Code;
use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};

use super::grid::{Grid, a1};
use super::sheets::{Caliber, Heading, Role, Table, TextSheet, classify, read_heading};

/// The recognised sheets of an export and what they say about the unit and year.
pub(crate) struct Book<'a> {
    pub(crate) tables: BTreeMap<Table, (&'a Grid, Heading)>,
    pub(crate) texts: Vec<(TextSheet, &'a Grid)>,
    /// The unit's full name as the 编制单位/编制部门 line gives it, and the caliber that line shows.
    pub(crate) owner: String,
    pub(crate) owner_at: (String, String),
    pub(crate) caliber: Caliber,
    pub(crate) year: i32,
}

impl Book<'_> {
    /// Which sheet was taken for which table, in table order.
    pub(crate) fn taken(&self) -> Vec<(String, String)> {
        self.tables.iter().map(|(t, (g, _))| (t.label().to_string(), g.name.clone())).collect()
    }
}

/// Finds the export's sheets by meaning and checks that they agree on unit and year.
pub(crate) fn recognise<'a>(
    grids: &'a [Grid],
    workbook: &Path,
    year_arg: Option<i32>,
    found: &mut Diagnostics,
) -> Result<Book<'a>, Diagnostic> {
    let mut tables: BTreeMap<Table, (&Grid, Heading)> = BTreeMap::new();
    let mut texts = Vec::new();
    let mut present = std::collections::BTreeSet::new();
    for grid in grids {
        match classify(&grid.name) {
            Some(Role::Table(t)) => {
                if !present.insert(t) {
                    continue;
                }
                if let Some(h) = read_heading(grid, workbook, found) {
                    tables.insert(t, (grid, h));
                }
            }
            Some(Role::Text(t)) => texts.push((t, grid)),
            None => {}
        }
    }
    let names = || grids.iter().map(|g| format!("“{}”", g.name)).collect::<Vec<_>>().join("、");
    if present.is_empty() {
        return Err(Diagnostic::error(
            Code::U8,
            format!("{} 不是预算管理一体化的导出工作簿：没有找到任何预算表。工作簿中的工作表：{}", workbook.display(), names()),
        )
        .in_file(workbook)
        .hint("导出工作簿应含收入总表、支出总表、一般公共预算支出表、基本支出经济分类表和“三公”经费表等工作表"));
    }
    let missing: Vec<&str> = Table::REQUIRED.iter().filter(|t| !present.contains(t)).map(|t| t.label()).collect();
    if !missing.is_empty() {
        found.push(
            Diagnostic::error(Code::K2, format!("工作簿缺少{}，无法导入。工作簿中的工作表：{}", missing.join("、"), names()))
                .in_file(workbook)
                .hint("请导出完整的部门（单位）预算公开报表，不要删去工作表"),
        );
    }
    let (owner, owner_at, caliber) = agree_owner(&tables, workbook, found);
    let year = agree_year(&tables, year_arg, workbook, found);
    Ok(Book { tables, texts, owner, owner_at, caliber, year: year.unwrap_or_default() })
}

/// The 编制单位 of the first table sheet; any sheet naming another unit is K5.
fn agree_owner(
    tables: &BTreeMap<Table, (&Grid, Heading)>,
    workbook: &Path,
    found: &mut Diagnostics,
) -> (String, (String, String), Caliber) {
    let mut first: Option<(String, (String, String), Caliber)> = None;
    for (grid, heading) in tables.values() {
        let Some((name, caliber, (r, c))) = &heading.owner else { continue };
        match &first {
            None => first = Some((name.clone(), (grid.name.clone(), a1(*r, *c)), *caliber)),
            Some((seen, (sheet, _), _)) if seen != name => found.push(
                Diagnostic::error(Code::K5, format!("一个工作簿中有两个单位：本表编制单位为“{name}”，“{}”为“{seen}”", sheet.trim()))
                    .in_cell(workbook, &grid.name, a1(*r, *c))
                    .hint("每个工作簿只能是一个单位的导出表；请分别导出、分别导入"),
            ),
            Some(_) => {}
        }
    }
    first.unwrap_or_else(|| {
        found.push(
            Diagnostic::error(Code::K5, "工作簿中没有“编制单位：”或“编制部门：”一行，无法确定是哪个单位的预算")
                .in_file(workbook)
                .hint("导出表标题下方应有“编制单位：<单位全称>”"),
        );
        (String::new(), (String::new(), String::new()), Caliber::Department)
    })
}

/// The year all titles give; a title with another year, or a `--year` that differs, is K6.
fn agree_year(tables: &BTreeMap<Table, (&Grid, Heading)>, year_arg: Option<i32>, workbook: &Path, found: &mut Diagnostics) -> Option<i32> {
    let mut first: Option<(i32, String)> = None;
    for (grid, heading) in tables.values() {
        let Some((year, (r, c))) = heading.year else { continue };
        match &first {
            None => {
                if let Some(arg) = year_arg.filter(|a| *a != year) {
                    found.push(
                        Diagnostic::error(Code::K6, format!("--year 为 {arg}，而工作簿标题为 {year} 年"))
                            .in_cell(workbook, &grid.name, a1(r, c))
                            .hint("去掉 --year，或导入该年度的工作簿"),
                    );
                }
                first = Some((year, grid.name.clone()));
            }
            Some((seen, sheet)) if *seen != year => found.push(
                Diagnostic::error(Code::K6, format!("本表标题为 {year} 年，“{}”为 {seen} 年", sheet.trim()))
                    .in_cell(workbook, &grid.name, a1(r, c))
                    .hint("一个工作簿中各表应为同一年度"),
            ),
            Some(_) => {}
        }
    }
    let year = first.map(|(y, _)| y).or(year_arg);
    if year.is_none() {
        found.push(Diagnostic::error(Code::K6, "工作簿各表标题中没有年度（如“2024年”）").in_file(workbook).hint("用 --year <年> 指定年度"));
    }
    year
}
