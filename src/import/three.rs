//! The “三公” table: one data row under a two-level header, in the sheet's own unit (万元).

use crate::diag::Code;
use std::path::Path;

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Diagnostics};

use super::cells::{Figure, read_figure};
use super::grid::{Grid, Value};
use super::sums::{Recomputed, disagreement};

/// The “三公” figures of the export, each with its cell.
#[derive(Debug, Clone)]
pub(crate) struct ThreePublicRow {
    pub(crate) abroad: Figure,
    pub(crate) reception: Figure,
    pub(crate) purchase: Figure,
    pub(crate) operation: Figure,
    pub(crate) operating_costs: Option<Figure>,
    pub(crate) sheet: String,
}

/// Header cells by what they say (several headers span two rows).
struct Heads {
    total: Option<(u32, u32)>,
    abroad: (u32, u32),
    reception: (u32, u32),
    vehicles: Option<(u32, u32)>,
    purchase: (u32, u32),
    operation: (u32, u32),
    operating: Option<(u32, u32)>,
}

fn find_heads(grid: &Grid) -> Option<Heads> {
    let at = |keep: &dyn Fn(&str) -> bool| {
        grid.texts().filter(|(r, _, _)| *r < 20).find(|(_, _, t)| keep(&super::grid::normalise(t))).map(|(r, c, _)| (r, c))
    };
    Some(Heads {
        total: at(&|t| t == "合计"),
        abroad: at(&|t| t.contains("出国"))?,
        reception: at(&|t| t.contains("接待"))?,
        vehicles: at(&|t| t == "小计"),
        purchase: at(&|t| t == "购置费")?,
        operation: at(&|t| t == "运行费")?,
        operating: at(&|t| t.contains("机关运行") && !t.contains("三公")),
    })
}

/// Reads the one data row; its 合计 and 小计 are checked against the parts.
pub(crate) fn read_three_public(
    grid: &Grid,
    scale: Decimal,
    workbook: &Path,
    found: &mut Diagnostics,
    recomputed: &mut Recomputed,
) -> Option<ThreePublicRow> {
    let Some(heads) = find_heads(grid) else {
        found.push(
            Diagnostic::error(
                Code::K9,
                format!("工作表“{}”找不到“三公”经费表头（因公出国(境)费、公务接待费、购置费、运行费）", grid.name.trim()),
            )
            .in_sheet(workbook, &grid.name)
            .hint("表头文字须与导出表一致；请不要改动或删去表头行"),
        );
        return None;
    };
    let cols: Vec<u32> = [Some(heads.abroad), Some(heads.reception), Some(heads.purchase), Some(heads.operation)]
        .into_iter()
        .flatten()
        .map(|(_, c)| c)
        .collect();
    let last_head = [heads.abroad, heads.reception, heads.purchase, heads.operation].iter().map(|(r, _)| *r).max().unwrap_or(0);
    let data = (last_head + 1..grid.rows).find(|&r| cols.iter().any(|&c| grid.get(r, c) != &Value::Empty)).unwrap_or(last_head + 1);
    let mut read = |col: u32| match read_figure(grid, data, col, scale, workbook) {
        Ok(f) => Some(f),
        Err(d) => {
            found.push(d);
            None
        }
    };
    let row = ThreePublicRow {
        abroad: read(heads.abroad.1)?,
        reception: read(heads.reception.1)?,
        purchase: read(heads.purchase.1)?,
        operation: read(heads.operation.1)?,
        operating_costs: heads.operating.and_then(|(_, c)| read(c)),
        sheet: grid.name.clone(),
    };
    let vehicles = row.purchase.yuan + row.operation.yuan;
    let subtotal = heads.vehicles.and_then(|(_, c)| read(c));
    let total = heads.total.and_then(|(_, c)| read(c));
    check_sum(subtotal, vehicles, "公务用车购置及运行费小计", workbook, grid, found, recomputed);
    check_sum(total, row.abroad.yuan + row.reception.yuan + vehicles, "“三公”经费合计", workbook, grid, found, recomputed);
    Some(row)
}

fn check_sum(
    figure: Option<Figure>,
    sum: Decimal,
    what: &str,
    workbook: &Path,
    grid: &Grid,
    found: &mut Diagnostics,
    recomputed: &mut Recomputed,
) {
    let Some(f) = figure else { return };
    if f.uncached {
        recomputed.cells.push((grid.name.clone(), f.a1()));
    } else if f.yuan != sum {
        found.push(disagreement(workbook, &grid.name, &f.a1(), what, f.yuan, sum));
    }
}
