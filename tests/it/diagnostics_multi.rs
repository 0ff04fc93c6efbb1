//! Every syntax and type error of a data file and of a catalogue is reported, each at its own
//! value, not only the first.

use crate::common;

use gen_budget::load::{load_budget, parse_toml};
use gen_budget::model::{Catalog, SourceFile};

/// The shipped data with `patches` applied (each `find` must be there).
fn patched(patches: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(common::root().join("departments/普陀城运/2024.toml")).unwrap();
    for (find, replace) in patches {
        assert!(text.contains(find), "`{find}` in the shipped data");
        text = text.replacen(find, replace, 1);
    }
    text
}

/// Code, line and the text the finding points at, in file order.
fn findings(source: &SourceFile, diags: &gen_budget::diag::Diagnostics) -> Vec<(String, usize, String)> {
    diags
        .iter()
        .map(|d| {
            let span = d.span.clone().expect("located");
            (d.code.to_string(), source.line_col(span.start).0, source.text[span].to_string())
        })
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn every_wrong_typed_value_of_the_data_file_is_reported() {
    let text = patched(&[
        ("year = 2024\n", "year = 2024\ncolour = \"red\"\n"),
        ("district = \"普陀区\"", "district = 3"),
        ("reception = 6835\n", "reception = 6835.5\n"),
        ("\"30101\" = 1549416", "\"30101\" = -1549416"),
        ("admin_units = 0", "admin_units = \"零\""),
    ]);
    let source = SourceFile::new(common::root().join("departments/普陀城运/2024.toml"), text.clone());
    let diags = load_budget(&common::project(), "普陀城运", 2024, source.clone()).unwrap_err();
    let found = findings(&source, &diags);
    let codes: Vec<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(codes.len(), 5, "one finding per wrong value: {found:#?}");
    for (code, needle) in [("T2", "colour"), ("T1", "district = 3"), ("T4", "6835.5"), ("T5", "-1549416"), ("T1", "\"零\"")] {
        let line = line_of(&text, needle);
        assert!(found.iter().any(|(c, l, _)| c == code && *l == line), "{code} at line {line} ({needle}): {found:#?}");
    }
}

#[test]
fn every_syntax_error_of_the_data_file_is_reported() {
    let text = patched(&[("[procurement]", "[procurement"), ("reception = 6835\n", "reception = \n")]);
    let source = SourceFile::new("2024.toml", text.clone());
    let diags = load_budget(&common::project(), "普陀城运", 2024, source.clone()).unwrap_err();
    let lines: Vec<usize> = findings(&source, &diags).iter().map(|(_, l, _)| *l).collect();
    assert!(lines.contains(&line_of(&text, "[procurement")) && lines.contains(&line_of(&text, "reception = \n")), "{lines:?}");
}

#[test]
fn every_wrong_typed_value_of_the_catalogue_is_reported() {
    let mut text = std::fs::read_to_string(common::root().join("catalog/2024.toml")).unwrap();
    text = text.replacen("year = 2024", "year = \"2024年\"", 1).replacen("\"203\" = \"国防支出\"", "\"203\" = 203", 1);
    let source = SourceFile::new("catalog/2024.toml", text.clone());
    let diags = parse_toml::<Catalog>(&source).unwrap_err();
    let found = findings(&source, &diags);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[0].1, found[1].1), (line_of(&text, "year = "), line_of(&text, "\"203\" = 203")), "{found:#?}");
}
