//! 经济分类 款 amounts with their 人员/公用 column checked against the catalogue (K10), and the
//! “三公” parts in 元, made exact from the 经济分类 figure where the 万元 sheet rounded them.

use crate::diag::Code;
use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::catalog::{Catalog, StaffColumn};
use crate::money::{group_thousands, round_half_up};

use super::cells::Figure;
use super::items::{cross, origin};
use super::tables::{ClassTable, Column};
use super::three::ThreePublicRow;

/// An imported amount in 元 with the cell reference (and a note) written beside it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sourced {
    pub(crate) yuan: Decimal,
    pub(crate) origin: String,
}

/// 经济分类 款 → amount; a 款 in the column its 类 does not feed is K10.
pub(crate) fn read_economic(table: &ClassTable, catalog: &Catalog, workbook: &Path, found: &mut Diagnostics) -> BTreeMap<String, Sourced> {
    let mut out = BTreeMap::new();
    for row in table.rows.iter().filter(|r| r.code.len() == 5) {
        let wrong = match catalog.staff_column(&row.code) {
            Some(StaffColumn::Personnel) => Column::Public,
            Some(StaffColumn::Public) => Column::Personnel,
            None => continue,
        };
        if let Some(f) = row.figures.get(&wrong).filter(|f| !f.yuan.is_zero()) {
            let right = if wrong == Column::Public { "人员经费" } else { "公用经费" };
            found.push(
                Diagnostic::error(
                    Code::K10,
                    format!(
                        "经济分类 {} 的 {} 元列在“{}”，按目录应列在“{right}”",
                        row.code,
                        group_thousands(f.yuan),
                        if wrong == Column::Public { "公用经费" } else { "人员经费" }
                    ),
                )
                .in_cell(workbook, &table.sheet, f.a1())
                .hint(format!("catalog/{}.toml 的 [economic_column] 规定每个经济分类类所属的列", catalog.year)),
            );
            continue;
        }
        let column = if wrong == Column::Public { Column::Personnel } else { Column::Public };
        out.insert(row.code.clone(), Sourced { yuan: row.get(Column::Total), origin: origin(&table.sheet, row, column) });
    }
    out
}

/// The “三公” parts and 机关运行经费 in 元, and their checks against 经济分类 302 17 / 302 31.
#[derive(Debug, Clone)]
pub(crate) struct ThreePublicLeaves {
    pub(crate) abroad: Sourced,
    pub(crate) reception: Sourced,
    pub(crate) vehicle_purchase: Sourced,
    pub(crate) vehicle_operation: Sourced,
    pub(crate) operating_costs: Option<Sourced>,
}

/// Converts the “三公” row to 元; a 万元 figure that is the 经济分类 amount rounded takes that amount.
pub(crate) fn three_public_leaves(
    row: &ThreePublicRow,
    economic: &BTreeMap<String, Sourced>,
    scale: Decimal,
    workbook: &Path,
    found: &mut Diagnostics,
) -> ThreePublicLeaves {
    let plain = |f: &Figure| Sourced { yuan: f.yuan, origin: format!("{}!{}", row.sheet.trim(), f.a1()) };
    let leaves = ThreePublicLeaves {
        abroad: plain(&row.abroad),
        reception: exact(&row.reception, economic.get("30217"), scale, plain(&row.reception)),
        vehicle_purchase: plain(&row.purchase),
        vehicle_operation: exact(&row.operation, economic.get("30231"), scale, plain(&row.operation)),
        operating_costs: row.operating_costs.as_ref().map(plain),
    };
    for (figure, code, name) in [(&row.reception, "30217", "公务接待费"), (&row.operation, "30231", "公务用车运行费")] {
        let leaf = if code == "30217" { &leaves.reception } else { &leaves.vehicle_operation };
        if let Some(e) = economic.get(code).filter(|e| leaf.yuan < e.yuan) {
            let m = format!("“三公”{name} {} 元低于经济分类 {code} 的 {} 元", group_thousands(leaf.yuan), group_thousands(e.yuan));
            found.push(cross(workbook, &row.sheet, figure.row, figure.col, m));
        }
    }
    leaves
}

/// The 元 amount behind a rounded 万元 figure, when the 经济分类 amount rounds to it.
fn exact(figure: &Figure, economic: Option<&Sourced>, scale: Decimal, plain: Sourced) -> Sourced {
    let Some(e) = economic.filter(|_| scale > Decimal::ONE) else { return plain };
    let rounded = round_half_up(e.yuan / scale, 2) * scale;
    if rounded == figure.yuan && e.yuan != figure.yuan {
        return Sourced { yuan: e.yuan, origin: format!("{}（万元数取经济分类 {} 精确到元）", plain.origin, e.origin) };
    }
    plain
}
