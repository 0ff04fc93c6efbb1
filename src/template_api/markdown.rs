//! Prints the reference: one section per view type reachable from a context root, one table
//! row per field with its Tera path, kind, doc comment and an example.

use std::fmt::Write as _;

use serde_json::Value;

use super::Context;
use super::examples::example;
use super::schema::{Field, Reached, Schema, Shape, Step, element, path_text};

/// The whole reference: the header, then one part per document kind.
pub(super) fn reference(schema: &Schema, header: &str, parts: &[(&Context, &[Value])]) -> String {
    let mut out = header.to_string();
    for (context, samples) in parts {
        part(&mut out, schema, context, samples);
    }
    out
}

/// One document kind: its templates, its root, then every type reachable from the root.
fn part(out: &mut String, schema: &Schema, context: &Context, samples: &[Value]) {
    let reached = schema.reachable(context.root);
    writeln!(out, "\n## {}\n", context.title).unwrap();
    writeln!(
        out,
        "Templates: {}. Context variable `{}`: {}.\n",
        context.templates,
        context.variable,
        type_link(schema, context, context.root)
    )
    .unwrap();
    let links: Vec<String> = reached.iter().map(|r| type_link(schema, context, &r.key)).collect();
    writeln!(out, "Types: {}.", links.join(", ")).unwrap();
    for r in &reached {
        section(out, schema, context, r, samples);
    }
}

/// One type: its doc, where it is reached, and a row per field.
fn section(out: &mut String, schema: &Schema, context: &Context, reached: &Reached, samples: &[Value]) {
    let def = &schema.types[&reached.key];
    writeln!(out, "\n<a id=\"{}\"></a>\n\n### {}\n", anchor(context, &reached.key), def.name).unwrap();
    if !def.doc.is_empty() {
        writeln!(out, "{}\n", def.doc).unwrap();
    }
    let at: Vec<String> = reached.paths.iter().map(|p| format!("`{}`", path_text(context.variable, p))).collect();
    writeln!(out, "Reached at: {}.\n", at.join(", ")).unwrap();
    out.push_str("| field | Tera path | kind | description | example |\n|---|---|---|---|---|\n");
    for field in schema.visible_fields(&reached.key) {
        row(out, schema, context, reached, field, samples);
    }
}

/// One field: absolute path (and the element path of a list), kind, doc and example.
fn row(out: &mut String, schema: &Schema, context: &Context, reached: &Reached, field: &Field, samples: &[Value]) {
    let (leaf, inside) = element(&field.shape);
    let with_field = |p: &Vec<Step>| -> Vec<Step> {
        let mut steps = p.clone();
        steps.push(Step::Field(field.name.clone()));
        steps
    };
    let first = with_field(&reached.paths[0]);
    let mut path = format!("`{}`", path_text(context.variable, &first));
    if !inside.is_empty() {
        let each: Vec<Step> = first.iter().chain(&inside).cloned().collect();
        write!(path, "<br>each: `{}`", path_text(context.variable, &each)).unwrap();
    }
    let leaf_paths: Vec<Vec<Step>> =
        reached.paths.iter().map(|p| with_field(p).into_iter().chain(inside.iter().cloned()).collect()).collect();
    let shown = match leaf {
        Shape::Named(key) if schema.variants(key).is_none() => None,
        _ => example(samples, &leaf_paths),
    };
    let example = shown.map_or_else(|| "—".to_string(), |e| code(&e));
    let doc = if field.doc.is_empty() { "—".to_string() } else { cell(&field.doc) };
    writeln!(out, "| `{}` | {path} | {} | {doc} | {example} |", field.name, kind(schema, context, &field.shape)).unwrap();
}

/// What a value is, for a template author: text, number, bool, a linked type, list of …, optional ….
fn kind(schema: &Schema, context: &Context, shape: &Shape) -> String {
    match shape {
        Shape::Text => "text".to_string(),
        Shape::Number => "number".to_string(),
        Shape::Bool => "bool".to_string(),
        Shape::List(inner) => format!("list of {}", kind(schema, context, inner)),
        Shape::Optional(inner) => format!("optional {}", kind(schema, context, inner)),
        Shape::Map(inner) => format!("map from a name to {}", kind(schema, context, inner)),
        Shape::Named(key) => match schema.variants(key) {
            Some(values) => {
                let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                format!("text, one of {}", values.join(", "))
            }
            None => type_link(schema, context, key),
        },
        Shape::Unknown(rust) => format!("`{}` (not followed)", cell(rust)),
    }
}

fn type_link(schema: &Schema, context: &Context, key: &str) -> String {
    format!("[{}](#{})", schema.display_name(key), anchor(context, key))
}

/// A stable anchor per document kind and type: `budget-render-project-formview`.
fn anchor(context: &Context, key: &str) -> String {
    format!("{}-{}", context.id, key.replace("::", "-").to_lowercase())
}

/// Text fit for a table cell: pipes escaped, on one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// An example as inline code, with a longer fence when the value itself holds a backtick.
fn code(text: &str) -> String {
    if text.contains('`') { format!("`` {} ``", cell(text)) } else { format!("`{}`", cell(text)) }
}
