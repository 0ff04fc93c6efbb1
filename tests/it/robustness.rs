//! No input makes the loader or the validator panic; all typed text prints literally.

use crate::common;

use gen_budget::load::{load_unit_year, parse_toml};
use gen_budget::model::{SourceFile, UnitYear};
use gen_budget::pipeline::{Mode, check, render_loaded};
use gen_budget::typeset::text::stream_text;
use proptest::prelude::*;

fn shipped_text() -> String {
    std::fs::read_to_string(common::root().join("departments/普陀城运/2024.toml")).unwrap()
}

/// Parses and, when it parses, derives and validates: the whole pre-render pipeline.
fn load_and_check(text: String) {
    let source = SourceFile::new("fuzz.toml", text);
    let Ok(data) = parse_toml::<UnitYear>(&source) else { return };
    let mut loaded = load_unit_year(&common::project(), "普陀城运", "2024").unwrap();
    loaded.source = source;
    loaded.data = data;
    static TEMPLATES: std::sync::OnceLock<gen_budget::render::Templates> = std::sync::OnceLock::new();
    let checked = check(&loaded, TEMPLATES.get_or_init(common::templates));
    for d in checked.diagnostics.iter() {
        let _ = d.render(Some(&loaded.source));
    }
}

/// Tokens that stress the parser and the checks when spliced into valid data.
const TOKENS: [&str; 16] = [
    "",
    "-1",
    "1.5",
    "\"\"",
    "\"9999999999999999999999999\"",
    "99999999999999999",
    "\"2080502\"",
    "[",
    "]",
    "=",
    "\n",
    "\"\\u0000\"",
    "\"≥\"",
    "0",
    "\"1,,2\"",
    "year = 1",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        load_and_check(text);
    }

    #[test]
    fn edits_to_valid_data_never_panic(position in 0usize..20_000, cut in 0usize..12, token in 0usize..TOKENS.len()) {
        let mut text = shipped_text();
        let mut at = position.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        text.replace_range(at..end, TOKENS[token]);
        load_and_check(text);
    }
}

/// Characters the shipped fonts cover: ASCII, Latin-1, CJK punctuation and common Han.
fn printable() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::char::range('!', '~'),
            prop::char::range('¡', 'ÿ'),
            prop::char::range('一', '龥'),
            prop::sample::select(vec!['（', '）', '“', '”', '、', '，', '。', '《', '》', ' ', '\n']),
        ],
        1..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Drops what is not printed as a glyph: whitespace and the soft hyphen (a hyphenation hint).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && *c != '\u{ad}').collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, .. ProptestConfig::default() })]

    #[test]
    fn every_text_field_prints_literally(s in printable()) {
        let mut loaded = load_unit_year(&common::project(), "普陀城运", "2024").unwrap();
        let mut fields: Vec<String> = Vec::new();
        let next = |fields: &mut Vec<String>| { let t = format!("{s}〔{}〕", fields.len()); fields.push(t.clone()); t };
        let d = &mut loaded.data;
        d.unit.name = next(&mut fields);
        d.unit.alias = Some(next(&mut fields));
        d.text.nature = next(&mut fields);
        d.text.functions = vec![next(&mut fields), next(&mut fields)];
        d.text.members = vec![next(&mut fields)];
        d.text.change_reason = next(&mut fields);
        for line in &mut d.functions {
            line.purpose = next(&mut fields);
            // 2080599 is unchanged from last year, so its sentence has no reason to print.
            if line.code.get_ref() != "2080599" {
                line.reason = Some(next(&mut fields));
            }
        }
        let r = &mut d.three_public.reasons;
        for reason in [&mut r.abroad, &mut r.reception, &mut r.vehicle_purchase, &mut r.vehicle_operation] {
            *reason = next(&mut fields);
        }
        d.assets.as_of = next(&mut fields);
        d.projects.truncate(1);
        let p = &mut d.projects[0];
        p.name = next(&mut fields);
        for texts in [&mut p.overview, &mut p.basis, &mut p.implementer, &mut p.plan, &mut p.period, &mut p.goals] {
            *texts = vec![next(&mut fields)];
        }
        let f = &mut p.form;
        for t in [&mut f.nature, &mut f.category, &mut f.department, &mut f.implementer, &mut f.overall_goal, &mut f.annual_goal] {
            *t = next(&mut fields);
        }
        for ind in &mut f.indicators {
            ind.name = next(&mut fields);
        }
        let rendered = render_loaded(&loaded, &common::engine(), &common::templates(), Mode::Draft);
        let rendered = rendered.unwrap_or_else(|e| panic!("{s:?}: {:?}", e.0));
        // A table row may break across pages: the page number and the draft watermark then
        // stand between the two halves of a cell, so both are taken out before comparing.
        let furniture = regex::Regex::new(r"—\d+—|草稿").unwrap();
        let text = furniture.replace_all(&squeeze(&stream_text(&rendered.compiled.document)), "").into_owned();
        // Each line of a field is checked: a table cell of several lines is laid out beside cells
        // that span its rows (效益指标 …), which the frame order puts between its lines.
        for field in &fields {
            for line in field.split('\n') {
                let line = squeeze(line).replace("草稿", "");
                prop_assert!(text.contains(&line), "not printed literally: {:?} (of {:?})", line, field);
            }
        }
    }
}

/// Parses, scores, checks and builds the view of a self-evaluation or booklet text.
fn load_and_check_other(text: String) {
    let source = SourceFile::new("fuzz.toml", text);
    if let Ok(file) = parse_toml::<gen_budget::model::evaluation::EvaluationFile>(&source) {
        let scores = gen_budget::evaluation::derive(&file);
        let _ = gen_budget::evaluation::check(&file, &scores, &source, 2023);
        let _ = gen_budget::evaluation::build_view(&file, &scores);
    }
    if let Ok(file) = parse_toml::<gen_budget::model::booklet::BookletFile>(&source) {
        let _ = gen_budget::booklet::check(&file, &source, 2022);
        let _ = gen_budget::booklet::build_view(&file);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn edits_to_performance_documents_never_panic(which in 0usize..2, position in 0usize..40_000, cut in 0usize..12, token in 0usize..TOKENS.len()) {
        let file = ["departments/普陀城运/2023.toml", "departments/松江城运/2022.toml"][which];
        let mut text = std::fs::read_to_string(common::root().join(file)).unwrap();
        let mut at = position.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        text.replace_range(at..end, TOKENS[token]);
        load_and_check_other(text);
    }
}
