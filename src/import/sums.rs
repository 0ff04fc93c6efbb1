//! The export's own totals against its leaves: a formula total without a trusted cache is
//! computed from its parts; any other total that disagrees is K1.

use crate::diag::Code;
use std::collections::BTreeSet;
use std::path::Path;

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Diagnostics};
use crate::money::group_thousands;

use super::cells::Figure;
use super::tables::{ClassRow, ClassTable, Column};

/// Formula cells of one sheet that were computed because their cache could not be trusted.
#[derive(Debug, Default)]
pub(crate) struct Recomputed {
    pub(crate) cells: Vec<(String, String)>,
}

impl Recomputed {
    /// One K8 warning per sheet, naming the first such cell and how many there were.
    pub(crate) fn report(&self, workbook: &Path, found: &mut Diagnostics) {
        let sheets: BTreeSet<&str> = self.cells.iter().map(|(s, _)| s.as_str()).collect();
        for sheet in sheets {
            let cells: Vec<&str> = self.cells.iter().filter(|(s, _)| s == sheet).map(|(_, c)| c.as_str()).collect();
            found.push(
                Diagnostic::warning(
                    Code::K8,
                    format!("工作表“{}”有 {} 个公式合计没有可信的缓存值（未缓存或为0），已按明细重新计算", sheet.trim(), cells.len()),
                )
                .in_cell(workbook, sheet, cells[0])
                .hint("在 Excel 中打开并保存一次可让公式结果写入文件；导入结果不受影响"),
            );
        }
    }
}

/// Checks one table's sums row by row and level by level, filling untrusted formula totals.
pub(crate) fn settle(table: &mut ClassTable, parts: &[Column], workbook: &Path, found: &mut Diagnostics, recomputed: &mut Recomputed) {
    let mut reported = BTreeSet::new();
    let mut ctx = Ctx { sheet: table.sheet.clone(), workbook, found, recomputed, reported: &mut reported };
    let leaves: Vec<bool> =
        table.rows.iter().map(|r| !table.rows.iter().any(|o| o.code.len() > r.code.len() && o.code.starts_with(&r.code))).collect();
    for (row, _) in table.rows.iter_mut().zip(&leaves).filter(|(_, leaf)| **leaf) {
        ctx.across(row, parts);
    }
    for level in [5, 3] {
        let at_level: Vec<usize> = (0..table.rows.len()).filter(|&i| table.rows[i].code.len() == level).collect();
        for i in at_level {
            let children = children_sum(&table.rows, &table.rows[i].code, &table.columns);
            ctx.down(&mut table.rows[i], &children);
        }
    }
    if let Some(total) = table.total.as_mut() {
        let children = children_sum(&table.rows, "", &table.columns);
        ctx.down(total, &children);
    }
    let inner = table.rows.iter_mut().zip(&leaves).filter(|(_, leaf)| !**leaf).map(|(row, _)| row);
    for row in inner.chain(table.total.as_mut()) {
        ctx.across(row, parts);
    }
}

struct Ctx<'a> {
    sheet: String,
    workbook: &'a Path,
    found: &'a mut Diagnostics,
    recomputed: &'a mut Recomputed,
    reported: &'a mut BTreeSet<(u32, u32)>,
}

impl Ctx<'_> {
    /// 合计 column = the sum of the row's part columns.
    fn across(&mut self, row: &mut ClassRow, parts: &[Column]) {
        let present: Vec<&Column> = parts.iter().filter(|c| row.figures.contains_key(c)).collect();
        if present.is_empty() {
            return;
        }
        let sum: Decimal = present.iter().map(|c| row.get(**c)).sum();
        let name = if row.code.is_empty() { "合计行".to_string() } else { format!("科目 {}", row.code) };
        if let Some(total) = row.figures.get_mut(&Column::Total) {
            self.compare(total, sum, &format!("{name}的合计"));
        }
    }

    /// A subtotal row (or the 合计 row) = the sum of the rows one level below, column by column.
    fn down(&mut self, row: &mut ClassRow, children: &[(Column, Decimal, usize)]) {
        let name = if row.code.is_empty() { "合计行".to_string() } else { format!("科目 {} 的小计", row.code) };
        for &(column, sum, count) in children {
            if count == 0 {
                continue;
            }
            if let Some(figure) = row.figures.get_mut(&column) {
                self.compare(figure, sum, &name);
            }
        }
    }

    fn compare(&mut self, figure: &mut Figure, sum: Decimal, what: &str) {
        if figure.uncached {
            figure.yuan = sum;
            figure.uncached = false;
            self.recomputed.cells.push((self.sheet.clone(), figure.a1()));
        } else if figure.yuan != sum && self.reported.insert((figure.row, figure.col)) {
            self.found.push(disagreement(self.workbook, &self.sheet, &figure.a1(), what, figure.yuan, sum));
        }
    }
}

/// K1: a total and the sum of its detail, with the difference.
pub(crate) fn disagreement(workbook: &Path, sheet: &str, cell: &str, what: &str, shown: Decimal, sum: Decimal) -> Diagnostic {
    Diagnostic::error(
        Code::K1,
        format!("{what}为 {} 元，明细之和为 {} 元，相差 {} 元", group_thousands(shown), group_thousands(sum), group_thousands(shown - sum)),
    )
    .in_cell(workbook, sheet, cell)
    .label("与明细不符")
    .hint("导出表的合计与明细不一致；请在预算管理一体化平台核对后重新导出")
}

/// Per column: the sum over the rows directly below `code` (the next level present) and how many.
fn children_sum(rows: &[ClassRow], code: &str, columns: &std::collections::BTreeMap<Column, u32>) -> Vec<(Column, Decimal, usize)> {
    let below = |len: usize| rows.iter().filter(|r| r.code.len() == len && r.code.starts_with(code)).collect::<Vec<_>>();
    let levels: &[usize] = if code.is_empty() {
        &[3, 5, 7]
    } else if code.len() == 3 {
        &[5, 7]
    } else {
        &[7]
    };
    let kids = levels.iter().map(|&l| below(l)).find(|k| !k.is_empty()).unwrap_or_default();
    columns.keys().map(|&c| (c, kids.iter().map(|r| r.get(c)).sum(), kids.len())).collect()
}
