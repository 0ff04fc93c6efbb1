//! The template API reference: complete (every field documented), current (the committed
//! docs/template-api.md is what the generator prints) and covering what templates really use.

use crate::common;
#[path = "template_api/paths.rs"]
mod paths;

use std::collections::BTreeMap;

use gen_budget::template_api::{self as api, CONTEXTS, FieldRow, Schema, TypeRow, api_reference};
use paths::{shipped_templates, steps, unresolved_paths};

const REFERENCE: &str = "docs/template-api.md";

#[test]
fn every_reachable_view_field_has_a_doc_comment() {
    let problems = Schema::generated().problems(&api::roots());
    assert!(problems.is_empty(), "add a `///` line above each of these view fields:\n{}", problems.join("\n"));
}

#[test]
fn the_doc_check_names_an_undocumented_field_and_sees_flattened_fields() {
    let types = [
        TypeRow { module: "m", name: "Root", kind: "struct", doc: "A root." },
        TypeRow { module: "m", name: "Inner", kind: "struct", doc: "Flattened into Root." },
        TypeRow { module: "m", name: "Row", kind: "struct", doc: "A row." },
    ];
    let field = |owner, name, shape, doc, flatten| FieldRow { module: "m", owner, name, rust: "", shape, doc, flatten };
    let fields = [
        field("Root", "title", "text", "The title.", false),
        field("Root", "rows", "list(type(m::Row))", "The rows.", false),
        field("Root", "inner", "type(m::Inner)", "Flattened.", true),
        field("Row", "label", "text", "", false),
        field("Inner", "count", "number", "", false),
    ];
    let schema = Schema::from_rows(&types, &fields);
    assert_eq!(schema.problems(&["m::Root"]), ["Inner.count: no `///` doc comment (m)", "Row.label: no `///` doc comment (m)"]);
    assert_eq!(schema.resolve("m::Root", &steps(".count")), Ok(api::Shape::Number), "a flattened field is the root's own");
    assert!(schema.resolve("m::Root", &steps(".inner")).is_err(), "the flattened field itself is not visible");
    assert!(schema.resolve("m::Root", &steps(".rows[].label")).is_ok());
}

#[test]
fn the_committed_reference_is_current() {
    let fresh = api_reference(&common::root()).unwrap_or_else(|d| panic!("{:?}", d.0));
    let path = common::root().join(REFERENCE);
    if std::env::var_os("GEN_BUDGET_WRITE_API").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{REFERENCE} is out of date (first difference at line {}); regenerate it with\n  gen-budget style api > {REFERENCE}\nor\n  GEN_BUDGET_WRITE_API=1 cargo test --release --test template_api",
        first_difference(&committed, &fresh)
    );
}

#[test]
fn the_reference_documents_every_root_and_prints_a_dash_without_examples() {
    let bare = api::api_reference_without_examples();
    for context in CONTEXTS {
        assert!(bare.contains(&format!("## {}", context.title)), "{}", context.title);
    }
    assert!(bare.contains("| `title` | `doc.title` | text |"), "{}", &bare[..2000.min(bare.len())]);
    assert!(bare.lines().filter(|l| l.starts_with("| `")).all(|l| l.ends_with("| — |")), "no examples: every row says —");
    let full = api_reference(&common::root()).unwrap_or_else(|d| panic!("{:?}", d.0));
    assert!(full.contains("`doc.projects`<br>each: `doc.projects[]` | list of [ProjectView]"), "a list shows its element path and type");
    assert!(full.contains("| `general` | `doc.tables.t1.income.general` |"), "nested paths are absolute");
}

#[test]
fn every_variable_the_shipped_templates_use_is_documented() {
    let schema = Schema::generated();
    let unresolved = unresolved_paths(&shipped_templates(), &schema);
    assert!(
        unresolved.is_empty(),
        "template paths missing from the reference (add or document the view field):\n{}",
        unresolved.join("\n")
    );
}

#[test]
fn the_template_check_reports_unknown_fields_and_unbound_names() {
    let schema = Schema::generated();
    let mut set = BTreeMap::new();
    set.insert(
        "budget.typ".to_string(),
        "{% include \"budget/x.typ\" %}{{ doc.nope }}{% for p in doc.projects %}{{ p.heading }}{% endfor %}".to_string(),
    );
    set.insert("budget/x.typ".to_string(), "{{ p.form.nope }}{{ q.name }}{{ doc.title | typst_str }}".to_string());
    let found = unresolved_paths(&set, &schema);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.iter().any(|f| f.contains("budget.typ") && f.contains("`doc.nope`")), "{found:#?}");
    assert!(
        found.iter().any(|f| f.contains("budget/x.typ") && f.contains("`p.form.nope`") && f.contains("FormView has no field `nope`")),
        "{found:#?}"
    );
    assert!(found.iter().any(|f| f.contains("`q.name`") && f.contains("not bound")), "{found:#?}");
}

#[test]
fn build_rs_honours_serde_renames_and_flatten() {
    let schema = Schema::generated();
    let direction = schema.variants("derive::change::Direction");
    assert_eq!(direction, Some(vec!["increase", "decrease", "equal"]), "rename_all = \"lowercase\"");
    let row = schema.resolve("evaluation::view::EvaluationView", &steps(".projects[].indicators[].level1"));
    assert_eq!(row, Ok(api::Shape::Text), "flatten: the shared cells are the row's own");
    assert!(schema.resolve("evaluation::view::EvaluationView", &steps(".projects[].indicators[].row")).is_err());
}

#[test]
fn a_wrong_field_in_a_shipped_template_is_caught_through_its_includes() {
    // `f` in budget/form.typ is `p.form`, `p` a loop variable of budget/projects.typ.
    let mut shipped = shipped_templates();
    shipped.get_mut("budget/form.typ").unwrap().push_str("{{ f.indicators[0].nope }}");
    let found = unresolved_paths(&shipped, &Schema::generated());
    assert!(
        found.iter().any(|f| f.starts_with("budget/form.typ: `f.indicators[].nope`") && f.contains("IndicatorRow has no field `nope`")),
        "{found:#?}"
    );
}

fn first_difference(a: &str, b: &str) -> usize {
    a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(a.lines().count().min(b.lines().count())) + 1
}

#[test]
fn style_api_prints_the_committed_reference() {
    let out =
        std::process::Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(["style", "api", "--root"]).arg(common::root()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let committed = std::fs::read_to_string(common::root().join("docs/template-api.md")).unwrap();
    assert!(String::from_utf8(out.stdout).unwrap() == committed, "`gen-budget style api > docs/template-api.md` regenerates the file");
}
