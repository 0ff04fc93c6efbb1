//! The leaf figures per 功能分类 项: income by source (收入总表) crossed with the 基本/项目 split
//! (支出总表 and the three 财政拨款 tables), each table checked against the others (K4).

use crate::diag::Code;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Diagnostics};
use crate::money::group_thousands;

use super::grid::a1;
use super::sheets::Table;
use super::tables::{ClassRow, ClassTable, Column};

/// Source keys of the data format, appropriation first.
pub(crate) const APPROPRIATION: [(Table, &str); 3] =
    [(Table::General, "general"), (Table::Fund, "fund"), (Table::StateCapital, "state_capital")];
/// The other sources, in the order they take 基本支出 when the export cannot tell.
const OWN: [(Column, &str); 4] =
    [(Column::Business, "business"), (Column::Operating, "operating"), (Column::Superior, "superior"), (Column::Other, "other")];

/// One 项's leaf amounts by kind and source key, with the cells they were read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ItemLeaves {
    pub(crate) basic: BTreeMap<&'static str, Decimal>,
    pub(crate) project: BTreeMap<&'static str, Decimal>,
    pub(crate) basic_origin: Vec<String>,
    pub(crate) project_origin: Vec<String>,
}

/// One 项's amounts by source key as the TOML holds them: (基本支出, 项目支出).
pub(crate) type Written = (BTreeMap<String, Decimal>, BTreeMap<String, Decimal>);

/// A split of the non-appropriation sources a person already wrote, kept when it still fits.
pub(crate) type KnownSplit = BTreeMap<String, Written>;

/// The tables the items are read from.
pub(crate) struct ItemTables<'a> {
    pub(crate) income: &'a ClassTable,
    pub(crate) spending: &'a ClassTable,
    pub(crate) by_fund: Vec<(&'static str, Option<&'a ClassTable>)>,
}

/// Every 项 of the workbook with its leaves; disagreements between tables are K4.
pub(crate) fn read_items(t: &ItemTables<'_>, known: &KnownSplit, workbook: &Path, found: &mut Diagnostics) -> BTreeMap<String, ItemLeaves> {
    let income = items_of(t.income);
    let spending = items_of(t.spending);
    let mut codes: BTreeSet<&str> = income.keys().chain(spending.keys()).copied().collect();
    for (_, table) in &t.by_fund {
        for (code, row) in table.map(items_of).unwrap_or_default() {
            if !spending.contains_key(code) {
                found.push(cross(
                    workbook,
                    table.map_or("", |t| &t.sheet),
                    row.row,
                    row.code_col,
                    format!("科目 {code} 出现在本表，支出总表中却没有"),
                ));
            }
            codes.insert(code);
        }
    }
    let mut items = BTreeMap::new();
    for code in codes {
        let (Some(inc), Some(sp)) = (income.get(code), spending.get(code)) else {
            let (table, row) = income.get(code).map_or((t.spending, spending.get(code)), |r| (t.income, Some(r)));
            let other = if std::ptr::eq(table, t.income) { "支出总表" } else { "收入总表" };
            if let Some(row) = row {
                found.push(cross(workbook, &table.sheet, row.row, row.code_col, format!("科目 {code} 出现在本表，{other}中却没有")));
            }
            continue;
        };
        if let Some(leaves) = item_leaves(code, inc, sp, t, known.get(code), workbook, found) {
            items.insert(code.to_string(), leaves);
        }
    }
    items
}

fn items_of(table: &ClassTable) -> BTreeMap<&str, &ClassRow> {
    table.rows.iter().filter(|r| r.code.len() == 7).map(|r| (r.code.as_str(), r)).collect()
}

/// K4 at a cell: the same figure read two ways differs.
pub(crate) fn cross(workbook: &Path, sheet: &str, row: u32, col: u32, message: String) -> Diagnostic {
    Diagnostic::error(Code::K4, message)
        .in_cell(workbook, sheet, a1(row, col))
        .label("与其他表不符")
        .hint("同一数字在各表中应一致；请在预算管理一体化平台核对后重新导出")
}

/// The cell reference written beside an imported value: `3.16部门收入总表!F12`.
pub(crate) fn origin(sheet: &str, row: &ClassRow, column: Column) -> String {
    let cell = row.figures.get(&column).map_or_else(String::new, |f| f.a1());
    format!("{}!{cell}", sheet.trim())
}

fn item_leaves(
    code: &str,
    inc: &ClassRow,
    sp: &ClassRow,
    t: &ItemTables<'_>,
    known: Option<&Written>,
    workbook: &Path,
    found: &mut Diagnostics,
) -> Option<ItemLeaves> {
    let at = |row: &ClassRow, sheet: &str, column: Column, message: String| {
        let col = row.figures.get(&column).map_or(row.code_col, |f| f.col);
        cross(workbook, sheet, row.row, col, message)
    };
    if inc.get(Column::Total) != sp.get(Column::Total) {
        let m = format!(
            "科目 {code} 支出合计 {} 元与收入总表的 {} 元不符",
            group_thousands(sp.get(Column::Total)),
            group_thousands(inc.get(Column::Total))
        );
        found.push(at(sp, &t.spending.sheet, Column::Total, m));
        return None;
    }
    let mut leaves = ItemLeaves::default();
    let (mut app_basic, mut app_project) = (Decimal::ZERO, Decimal::ZERO);
    for (key, table) in &t.by_fund {
        let Some(row) = table.and_then(|t| items_of(t).get(code).copied()) else { continue };
        let sheet = &table.map_or("", |t| t.sheet.as_str());
        put(&mut leaves.basic, &mut leaves.basic_origin, key, row.get(Column::Basic), origin(sheet, row, Column::Basic));
        put(&mut leaves.project, &mut leaves.project_origin, key, row.get(Column::Project), origin(sheet, row, Column::Project));
        app_basic += row.get(Column::Basic);
        app_project += row.get(Column::Project);
    }
    if app_basic + app_project != inc.get(Column::Appropriation) {
        let m = format!(
            "科目 {code} 财政拨款收入 {} 元与各财政拨款支出表之和 {} 元不符",
            group_thousands(inc.get(Column::Appropriation)),
            group_thousands(app_basic + app_project)
        );
        found.push(at(inc, &t.income.sheet, Column::Appropriation, m));
        return None;
    }
    let own_basic = sp.get(Column::Basic) - app_basic;
    let own_project = sp.get(Column::Project) - app_project;
    if own_basic.is_sign_negative() || own_project.is_sign_negative() {
        let column = if own_basic.is_sign_negative() { Column::Basic } else { Column::Project };
        found.push(at(
            sp,
            &t.spending.sheet,
            column,
            format!("科目 {code} 的{}小于各财政拨款支出表之和", if column == Column::Basic { "基本支出" } else { "项目支出" }),
        ));
        return None;
    }
    split_own(&mut leaves, inc, &t.income.sheet, own_basic, known);
    Some(leaves)
}

fn put(map: &mut BTreeMap<&'static str, Decimal>, origins: &mut Vec<String>, key: &'static str, amount: Decimal, from: String) {
    if !amount.is_zero() {
        *map.entry(key).or_default() += amount;
        origins.push(from);
    }
}

/// Splits the non-appropriation income of a 项 between 基本 and 项目: the person's own split when
/// it still fits, else 基本支出 taken from the sources in a fixed order (the export does not say).
fn split_own(leaves: &mut ItemLeaves, inc: &ClassRow, sheet: &str, own_basic: Decimal, known: Option<&Written>) {
    let amounts: Vec<(&'static str, Decimal, String)> =
        OWN.iter().map(|&(c, k)| (k, inc.get(c), origin(sheet, inc, c))).filter(|(_, a, _)| !a.is_zero()).collect();
    let fits = known.filter(|(b, p)| {
        let basic: Decimal = OWN.iter().map(|(_, k)| b.get(*k).copied().unwrap_or_default()).sum();
        basic == own_basic
            && amounts.iter().all(|(k, a, _)| b.get(*k).copied().unwrap_or_default() + p.get(*k).copied().unwrap_or_default() == *a)
    });
    let mut left = own_basic;
    for (key, amount, from) in amounts {
        let basic = match fits {
            Some((b, _)) => b.get(key).copied().unwrap_or_default(),
            None => amount.min(left),
        };
        left -= basic;
        put(&mut leaves.basic, &mut leaves.basic_origin, key, basic, from.clone());
        put(&mut leaves.project, &mut leaves.project_origin, key, amount - basic, from);
    }
}
