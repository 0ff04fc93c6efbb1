//! User text can never run as Typst code: hostile strings print literally.

use crate::common;

use gen_budget::load::load_unit_year;
use gen_budget::pipeline::{Mode, render_loaded};
use gen_budget::typeset::text::stream_text;
use proptest::prelude::*;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Renders the shipped document with `text` as unit alias and first function, returns its text.
fn render_with(text: &str) -> String {
    let project = common::project();
    let mut loaded = load_unit_year(&project, "普陀城运", "2024").unwrap();
    loaded.data.projects.truncate(1);
    loaded.data.unit.alias = Some(text.to_string());
    loaded.data.text.functions[0] = text.to_string();
    // A draft renders even when the text trips a check (an `<p>` is W3, for instance).
    let rendered =
        render_loaded(&loaded, &common::engine(), &common::templates(), Mode::Draft).unwrap_or_else(|e| panic!("{text:?}: {:?}", e.0));
    stream_text(&rendered.compiled.document)
}

#[test]
fn typst_syntax_in_user_text_prints_literally() {
    let hostile = "#set page(width: 1cm) $x^2$ *bold* _it_ [link] \\ \"q\" <lbl> @ref // c /* d */ `raw` = h - l + e 1. n\n第二行";
    let text = render_with(hostile);
    assert!(squeeze(&text).contains(&squeeze(hostile)), "hostile text not printed literally");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_compiles_and_prints_literally(s in "[#$*_\\[\\]\\\\\"<>@/`=+\\-~'a-z0-9 \n中文（），。]{1,40}") {
        let text = render_with(&s);
        prop_assert!(squeeze(&text).contains(&squeeze(&s)), "not literal: {:?}", s);
    }
}
