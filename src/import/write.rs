//! The imported figures written into a unit-year's TOML, keeping every other key, comment and
//! layout the person wrote; each imported value carries the cell it came from as a comment.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

pub(crate) use super::edit::table_mut;

use super::economic::{Sourced, ThreePublicLeaves};
use super::items::ItemLeaves;
use super::texts::Texts;

/// The figures of one workbook, ready to be written.
pub(crate) struct Figures {
    pub(crate) year: i32,
    /// `wording` when the workbook's owner line tells it (编制部门/编制单位).
    pub(crate) wording: Option<&'static str>,
    pub(crate) items: BTreeMap<String, ItemLeaves>,
    pub(crate) economic: BTreeMap<String, Sourced>,
    pub(crate) three_public: ThreePublicLeaves,
    pub(crate) texts: Texts,
}

pub use crate::model::MISSING;

/// A marked value: `"待补充：上年执行数"`.
pub(crate) fn missing(what: &str) -> Value {
    Value::from(format!("{MISSING}：{what}"))
}

/// An amount as the data format writes it: an integer when whole, else a string with two decimals.
pub(crate) fn amount(yuan: Decimal) -> Value {
    if let Some(whole) = yuan.fract().is_zero().then(|| yuan.to_i64()).flatten() {
        return Value::from(whole);
    }
    let mut cents = yuan.round_dp(2);
    cents.rescale(2);
    Value::from(cents.to_string())
}

/// Sets `key` to `value` with the source comment, keeping the key's place in the table.
fn set(table: &mut Table, key: &str, mut value: Value, origin: &str) {
    value.decor_mut().set_suffix(format!("  # {origin}"));
    table[key] = Item::Value(value);
    if let Some(v) = table.get_mut(key).and_then(Item::as_value_mut) {
        v.decor_mut().set_prefix(" ");
    }
}

/// Applies the figures to the document.
pub(crate) fn apply(doc: &mut DocumentMut, f: &Figures) {
    doc["year"] = Item::Value(Value::from(i64::from(f.year)));
    let unit = table_mut(doc, "unit");
    if let Some(wording) = f.wording.filter(|w| unit.get("wording").and_then(Item::as_str) != Some(w)) {
        unit["wording"] = Item::Value(Value::from(wording));
    }
    write_functions(doc, &f.items);
    write_economic(table_mut(doc, "economic"), &f.economic);
    write_three_public(table_mut(doc, "three_public"), &f.three_public);
    f.texts.apply(doc);
}

/// Rebuilds `[[function]]` in code order: an existing entry keeps its texts, a new one gets markers.
fn write_functions(doc: &mut DocumentMut, items: &BTreeMap<String, ItemLeaves>) {
    let old: Vec<Table> = doc.get("function").and_then(Item::as_array_of_tables).map(|a| a.iter().cloned().collect()).unwrap_or_default();
    let wants_prior = old.is_empty() || old.iter().any(|t| t.contains_key("prior"));
    let mut array = ArrayOfTables::new();
    for (code, leaves) in items {
        let mut entry = old
            .iter()
            .find(|t| t.get("code").and_then(Item::as_str) == Some(code))
            .cloned()
            .unwrap_or_else(|| new_function(code, wants_prior));
        write_kind(&mut entry, "basic", &leaves.basic, &leaves.basic_origin);
        write_kind(&mut entry, "project", &leaves.project, &leaves.project_origin);
        array.push(entry);
    }
    doc["function"] = Item::ArrayOfTables(array);
}

/// A 项 the person has not described yet: its texts are marked for `check` to ask for.
fn new_function(code: &str, wants_prior: bool) -> Table {
    let mut t = Table::new();
    t["code"] = Item::Value(Value::from(code));
    t["basic"] = Item::Value(Value::InlineTable(InlineTable::new()));
    t["project"] = Item::Value(Value::InlineTable(InlineTable::new()));
    if wants_prior {
        t["prior"] = Item::Value(missing("上年执行数（元）"));
    }
    t["purpose"] = Item::Value(missing("主要用途"));
    t
}

fn write_kind(entry: &mut Table, key: &str, amounts: &BTreeMap<&'static str, Decimal>, origins: &[String]) {
    if amounts.is_empty() {
        entry.remove(key);
        return;
    }
    let mut inline = InlineTable::new();
    for source in ["general", "fund", "state_capital", "business", "operating", "superior", "other"] {
        if let Some(a) = amounts.get(source) {
            inline.insert(source, amount(*a));
        }
    }
    let mut origins = origins.to_vec();
    origins.dedup();
    set(entry, key, Value::InlineTable(inline), &origins.join("、"));
}

fn write_economic(table: &mut Table, economic: &BTreeMap<String, Sourced>) {
    table.clear();
    for (code, s) in economic {
        set(table, code, amount(s.yuan), &s.origin);
    }
}

fn write_three_public(table: &mut Table, t: &ThreePublicLeaves) {
    for (key, s) in [
        ("abroad", &t.abroad),
        ("reception", &t.reception),
        ("vehicle_purchase", &t.vehicle_purchase),
        ("vehicle_operation", &t.vehicle_operation),
    ] {
        set(table, key, amount(s.yuan), &s.origin);
    }
    match &t.operating_costs {
        Some(s) if !s.yuan.is_zero() || table.contains_key("operating_costs") => set(table, "operating_costs", amount(s.yuan), &s.origin),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::amount;

    #[test]
    fn amounts_are_written_exactly() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(amount(d("241670")).to_string(), "241670");
        assert_eq!(amount(d("241670.00")).to_string(), "241670");
        assert_eq!(amount(d("6835.5")).to_string(), "\"6835.50\"");
        assert_eq!(amount(d("0")).to_string(), "0");
    }
}
