//! Example values for the reference, read from the views of the shipped units, so each example
//! is what a template really receives.

use std::path::Path;

use serde_json::Value;

use super::schema::Step;
use crate::diag::Diagnostics;
use crate::document::{Document, View};
use crate::load::Project;
use crate::render::templates::Templates;

/// The shipped unit-years whose views give the examples: 区级 and 镇级 budgets, a 自评, a booklet.
pub const SAMPLE_UNITS: [(&str, &str); 4] = [("普陀城运", "2024"), ("安亭城运", "2024"), ("普陀城运", "2023"), ("松江城运", "2022")];

/// Examples longer than this many characters are cut, with `…`.
const EXAMPLE_CHARS: usize = 30;

/// The serialized views of the sample documents, by document kind (drafts, so marks have values).
#[derive(Debug, Default)]
pub struct Samples {
    pub budget: Vec<Value>,
    pub evaluation: Vec<Value>,
    pub booklet: Vec<Value>,
}

/// Loads the sample units under `root` and serializes their draft views.
pub fn load(root: &Path) -> Result<Samples, Diagnostics> {
    let project = Project::new(root);
    let templates = Templates::load(&project.templates()).map_err(|d| Diagnostics(vec![d]))?;
    let mut samples = Samples::default();
    for (unit, year) in SAMPLE_UNITS {
        for document in Document::load_all(&project, unit, year)? {
            let kind = document.kind();
            // The same stages as `gen-budget --draft`: check, then the view with every mark.
            match kind.view(&kind.check(&templates), &templates, true)? {
                View::Budget { view, .. } => samples.budget.push(to_value(&view)),
                View::Evaluation(view) => samples.evaluation.push(to_value(&view)),
                View::Booklet(view) => samples.booklet.push(to_value(&view)),
            }
        }
    }
    // Findings name their file under the project; the reference must not depend on where it is.
    let prefix = format!("{}{}", root.display(), std::path::MAIN_SEPARATOR);
    for value in samples.budget.iter_mut().chain(&mut samples.evaluation).chain(&mut samples.booklet) {
        strip_prefix(value, &prefix);
    }
    Ok(samples)
}

/// Removes `prefix` from the start of every string in a value.
fn strip_prefix(value: &mut Value, prefix: &str) {
    match value {
        Value::String(s) if s.starts_with(prefix) => *s = s[prefix.len()..].to_string(),
        Value::Array(items) => items.iter_mut().for_each(|v| strip_prefix(v, prefix)),
        Value::Object(map) => map.values_mut().for_each(|v| strip_prefix(v, prefix)),
        _ => {}
    }
}

fn to_value(view: &impl serde::Serialize) -> Value {
    serde_json::to_value(view).expect("view models serialize to JSON")
}

/// The first non-empty value at any of the paths in any sample, printed; None when there is none.
/// Non-empty: a non-empty string, a non-zero number, `true`; a 0 or `false` is shown when that is all.
pub fn example(samples: &[Value], paths: &[Vec<Step>]) -> Option<String> {
    let mut found = Vec::new();
    for path in paths {
        for sample in samples {
            leaves(sample, path, &mut found);
        }
    }
    let full = found.iter().find(|v| non_empty(v));
    let fallback = || found.iter().find(|v| v.is_number() || v.is_boolean());
    full.or_else(fallback).map(|v| shown(v))
}

/// Every value reached by a path: a field of an object, each element of an array.
fn leaves<'a>(value: &'a Value, steps: &[Step], out: &mut Vec<&'a Value>) {
    let Some((first, rest)) = steps.split_first() else {
        out.push(value);
        return;
    };
    match (first, value) {
        (Step::Field(name), Value::Object(map)) => {
            if let Some(v) = map.get(name) {
                leaves(v, rest, out);
            }
        }
        (Step::Index, Value::Array(items)) => items.iter().for_each(|v| leaves(v, rest, out)),
        (Step::Key, Value::Object(map)) => map.values().for_each(|v| leaves(v, rest, out)),
        _ => {}
    }
}

fn non_empty(v: &Value) -> bool {
    match v {
        Value::String(s) => !s.trim().is_empty(),
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::Bool(b) => *b,
        _ => false,
    }
}

/// A value as the reference prints it: strings quoted and cut at about 30 characters.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let one_line = s.replace(['\n', '\r'], " ");
            let cut: String = one_line.chars().take(EXAMPLE_CHARS).collect();
            let more = if one_line.chars().count() > EXAMPLE_CHARS { "…" } else { "" };
            format!("\"{cut}{more}\"")
        }
        other => other.to_string(),
    }
}
