//! Table against table: rows matched by code (or label), cells by column header; a cell counts
//! as changed when it prints differently, and its difference comes from the amounts.

use std::collections::BTreeMap;

use crate::money::{Amount, NumberFormat, ZeroStyle, percent_change};

use super::figures::{GridCell, GridRow, Table};
use super::{CellText, FigureChange};

/// Every changed cell and every added or removed row, table by table.
pub(crate) fn compare_tables(old: &[Table], new: &[Table]) -> Vec<FigureChange> {
    old.iter().zip(new).flat_map(|(o, n)| compare_table(o, n)).collect()
}

fn compare_table(old: &Table, new: &Table) -> Vec<FigureChange> {
    let table = new.name.to_string();
    let old_rows: BTreeMap<&str, &GridRow> = old.rows.iter().map(|r| (r.key.as_str(), r)).collect();
    let new_keys: Vec<&str> = new.rows.iter().map(|r| r.key.as_str()).collect();
    let mut found = Vec::new();
    for row in &new.rows {
        match old_rows.get(row.key.as_str()) {
            Some(before) => found.extend(compare_row(new, before, row)),
            None => found.push(FigureChange::Added { table: table.clone(), row: row.label.clone(), cells: printed(&row.cells) }),
        }
    }
    for row in old.rows.iter().filter(|r| !new_keys.contains(&r.key.as_str())) {
        found.push(FigureChange::Removed { table: table.clone(), row: row.label.clone(), cells: printed(&row.cells) });
    }
    found
}

/// The non-blank cells of a row, as printed.
fn printed(cells: &[GridCell]) -> Vec<CellText> {
    cells.iter().filter(|c| !c.text.is_empty()).map(|c| CellText { column: c.head.to_string(), text: c.text.clone() }).collect()
}

fn compare_row(table: &Table, old: &GridRow, new: &GridRow) -> Vec<FigureChange> {
    new.cells
        .iter()
        .filter_map(|cell| {
            let before = old.cells.iter().find(|c| c.head == cell.head)?;
            (before.text != cell.text).then(|| changed(table, &new.label, before, cell))
        })
        .collect()
}

fn changed(table: &Table, row: &str, old: &GridCell, new: &GridCell) -> FigureChange {
    let delta = Amount(new.amount.0 - old.amount.0);
    FigureChange::Changed {
        table: table.name.to_string(),
        row: row.to_string(),
        column: new.head.to_string(),
        old: old.text.clone(),
        new: new.text.clone(),
        old_amount: old.amount,
        new_amount: new.amount,
        delta: signed(table, delta),
        percent: percent_change(new.amount, old.amount, 2).map(|p| format!("{}{p:.2}%", sign(delta))),
    }
}

fn sign(delta: Amount) -> &'static str {
    if delta.0.is_sign_negative() && !delta.is_zero() {
        "-"
    } else if delta.is_zero() {
        ""
    } else {
        "+"
    }
}

/// The difference in the table's unit and format, with its sign (zero printed as such).
fn signed(table: &Table, delta: Amount) -> String {
    let number = NumberFormat { zero: ZeroStyle::Padded, ..table.number };
    format!("{}{}", sign(delta), number.amount(Amount(delta.0.abs()), table.scale))
}
