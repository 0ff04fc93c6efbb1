//! Stable JSON: object keys sorted at every level whatever serde_json's map order is, lists in
//! document order, two-space indentation, a final newline.

use serde_json::Value;

use super::Changes;

/// The changes as pretty JSON with sorted keys.
pub(crate) fn to_json(changes: &Changes) -> String {
    let value = serde_json::to_value(changes).expect("changes serialize");
    let mut out = serde_json::to_string_pretty(&sorted(value)).expect("a value serializes");
    out.push('\n');
    out
}

/// The value with every object's keys in sorted order.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
