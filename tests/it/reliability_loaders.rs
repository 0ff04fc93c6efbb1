//! Bounded fuzz of the two set-up loaders (issue 11): style.toml and the catalogue. Random edits
//! of the shipped files — characters inserted, ranges deleted, values replaced by hostile tokens —
//! must give formats or a located C4 / T finding, never a panic; a catalogue that still parses is
//! then used for a whole check of the shipped unit, which must not panic either.

use crate::common;

use std::path::Path;
use std::sync::OnceLock;

use gen_budget::load::{Loaded, load_unit_year, parse_toml};
use gen_budget::model::{Catalog, SourceFile};
use gen_budget::render::Templates;
use gen_budget::render::style_file::parse_formats;
use proptest::prelude::*;

const TOKENS: [&str; 14] =
    ["", "\"", "[", "]", "{", "=", "\n", "-1", "1e309", "\"万元\"", "99999999999999999999999", "true", "\"\\u0000\"", "[[x]]"];

/// One random edit of a text, at a char boundary.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let one = prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Edit::Delete(a, n))
    ];
    proptest::collection::vec(one, 1..4)
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_string();
    for e in edits {
        let boundary = |at: usize, t: &str| (0..=at % (t.len() + 1)).rev().find(|i| t.is_char_boundary(*i)).unwrap_or(0);
        match *e {
            Edit::Insert(at, token) => {
                let at = boundary(at, &text);
                text.insert_str(at, TOKENS[token]);
            }
            Edit::Delete(at, n) => {
                let start = boundary(at, &text);
                let end = (start + n..=text.len().min(start + n + 4)).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
                text.replace_range(start..end.min(text.len()), "");
            }
        }
    }
    text
}

fn shipped(path: &str) -> String {
    std::fs::read_to_string(common::root().join(path)).unwrap()
}

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(common::templates)
}

fn loaded() -> Loaded {
    load_unit_year(&common::project(), "普陀城运", "2024").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn style_files_never_panic(e in edits()) {
        let text = apply(&shipped("templates/styles/嘉定镇级/style.toml"), &e);
        if let Err(d) = parse_formats(Path::new("style.toml"), &text) {
            prop_assert_eq!(d.code, "C4");
            prop_assert!(d.file.is_some());
        }
    }

    #[test]
    fn catalogues_never_panic(e in edits()) {
        let text = apply(&shipped("catalog/2024.toml"), &e);
        let source = SourceFile::new("catalog/2024.toml", text);
        match parse_toml::<Catalog>(&source) {
            Ok(catalog) => {
                let mut l = loaded();
                l.catalog = catalog;
                let _ = gen_budget::pipeline::check(&l, templates());
            }
            Err(found) => prop_assert!(found.iter().all(|d| d.code.as_str().starts_with('T') && d.line_col.is_some())),
        }
    }
}
