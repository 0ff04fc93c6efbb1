//! Small edits of a TOML document that keep the person's layout: tables made on demand, lists one entry a line.

use toml_edit::{Array, DocumentMut, Item, Table, Value};

/// The table at `key`, created when absent.
pub(crate) fn table_mut<'a>(doc: &'a mut DocumentMut, key: &str) -> &'a mut Table {
    if !doc.contains_table(key) {
        doc[key] = Item::Table(Table::new());
    }
    doc[key].as_table_mut().expect("checked to be a table")
}

/// A list of strings as a multi-line array, one entry per line.
pub(crate) fn string_list(items: &[String]) -> Value {
    let mut array = Array::new();
    for item in items {
        let mut v = Value::from(item.as_str());
        v.decor_mut().set_prefix("\n  ");
        array.push_formatted(v);
    }
    array.set_trailing("\n");
    array.set_trailing_comma(true);
    Value::Array(array)
}
