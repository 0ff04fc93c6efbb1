//! Overflow properties (issue 11), one per loader — budget (区级 and 镇级), 自评, booklet: every
//! figure driven to the amount bound and beyond, points and scores to huge values, huge numbers
//! in free text. Loading, deriving, checking, the view and the templates never panic; a figure
//! beyond what can be computed is refused with diagnostics. tests/robustness.rs fuzzes syntax;
//! this drives the numbers.

use crate::common;

use std::ops::Range;
use std::sync::OnceLock;

use gen_budget::load::{Loaded, load_unit_year, parse_toml};
use gen_budget::model::booklet::BookletFile;
use gen_budget::model::evaluation::EvaluationFile;
use gen_budget::model::{SourceFile, UnitYear};
use gen_budget::render::Templates;
use proptest::prelude::*;
use toml::de::{DeTable, DeValue};

/// Values at and within the bound: accepted, and must be computed without panicking.
const WITHIN: [&str; 7] =
    ["1000000000000000", "\"1,000,000,000,000,000.00\"", "\"999999999999999.99\"", "\"0.01\"", "0", "4294967295", "1"];
/// Values beyond the bound (or not amounts at all): always an error, never a panic.
const BEYOND: [&str; 6] = ["1000000000000001", "\"79228162514264337593543950335\"", "9223372036854775807", "-1", "\"1,2,3\"", "\"12,34\""];
/// Figures and dates written into free text, read by the checks that parse prose.
const TEXT_BOMBS: [&str; 9] = [
    "（9）共9999999999999999999999999999万",
    "共99999999999999999999999999999999万",
    "预算申请9999999999999999999999999999万",
    "=9999999999999999999999999999元",
    "：99999999999999999999999999999元",
    "99999999999999999999999999999万元",
    "2024年2月30日",
    "≥99999999999999999999999999999(%)",
    "（1）共5000000000000000000000000万，其中4000000000000000000000000万、4000000000000000000000000万",
];

/// Keys whose integers are counts or the year, not amounts.
const COUNTS: [&str; 9] =
    ["year", "units", "projects", "admin_units", "institution_units", "equipment", "planned_equipment", "vehicles", "planned_vehicles"];

/// The shipped documents: budget 区级, budget 镇级, 自评, booklet.
const FILES: [(&str, &str); 4] = [("普陀城运", "2024"), ("安亭城运", "2024"), ("普陀城运", "2023"), ("松江城运", "2022")];

/// A figure's place in a file: its span, whether it is a count, and whether it identifies
/// something (a code, the year) rather than measures it.
struct Figure {
    span: Range<usize>,
    count: bool,
    code: bool,
}

fn shipped(i: usize) -> String {
    let (unit, year) = FILES[i];
    std::fs::read_to_string(common::root().join(format!("departments/{unit}/{year}.toml"))).unwrap()
}

/// Every number of a file (integers and amount strings) and every string value, with spans.
fn values(text: &str) -> (Vec<Figure>, Vec<Range<usize>>) {
    fn walk(v: &toml::Spanned<DeValue>, path: &str, out: &mut (Vec<Figure>, Vec<Range<usize>>)) {
        let count = COUNTS.iter().any(|k| path == *k || path.ends_with(&format!(".{k}")) || path.contains(&format!("{k}.")));
        let code = path.ends_with(".code") || path == "year";
        // Free text that may be all digits (a 联系电话 `59562698`) is text, not an amount.
        let text_field = path.ends_with(".phone");
        // An amount string has digits, separators and at most one point (`2023.12.28` is a date).
        let amount =
            |s: &str| !s.is_empty() && s.matches('.').count() <= 1 && s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.');
        match v.get_ref() {
            DeValue::Table(t) => t.iter().for_each(|(k, x)| walk(x, &format!("{path}.{}", k.get_ref()), out)),
            DeValue::Array(a) => a.iter().for_each(|x| walk(x, path, out)),
            DeValue::Integer(_) => out.0.push(Figure { span: v.span(), count, code }),
            DeValue::String(s) if amount(s) && !text_field => out.0.push(Figure { span: v.span(), count, code }),
            DeValue::String(_) => out.1.push(v.span()),
            _ => {}
        }
    }
    let mut out = (Vec::new(), Vec::new());
    let root = DeTable::parse(text).unwrap();
    root.get_ref().iter().for_each(|(k, x)| walk(x, k.get_ref(), &mut out));
    out
}

/// Replaces spans (in any order) by new texts.
fn replace(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    edits.dedup_by_key(|(r, _)| r.start);
    let mut out = text.to_string();
    for (range, new) in edits {
        out.replace_range(range, &new);
    }
    out
}

fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(common::templates)
}

/// The shipped budget of `unit` loaded once; each case swaps in its own text.
fn budget_base(unit: &str) -> Loaded {
    load_unit_year(&common::project(), unit, "2024").unwrap()
}

/// Loads, derives, checks and builds the view and the template output of file `i` from `text`;
/// `Some(has_errors)` when it loaded, `None` when the loader refused it.
fn run(i: usize, text: String) -> Option<bool> {
    let (unit, year) = FILES[i];
    let source = SourceFile::new(format!("departments/{unit}/{year}.toml"), text);
    let t = templates();
    match year {
        "2023" => {
            let file = parse_toml::<EvaluationFile>(&source).ok()?;
            let scores = gen_budget::evaluation::derive(&file);
            let diags = gen_budget::evaluation::check(&file, &scores, &source, 2023);
            let view = gen_budget::evaluation::build_view(&file, &scores);
            let _ = t.render_evaluation(&view);
            Some(diags.has_errors())
        }
        "2022" => {
            let file = parse_toml::<BookletFile>(&source).ok()?;
            let diags = gen_budget::booklet::check(&file, &source, 2022);
            let _ = t.render_booklet(&gen_budget::booklet::build_view(&file));
            Some(diags.has_errors())
        }
        _ => {
            let data = parse_toml::<UnitYear>(&source).ok()?;
            let mut loaded = budget_base(unit);
            (loaded.source, loaded.data) = (source, data);
            let checked = gen_budget::pipeline::check(&loaded, t);
            let style = loaded
                .data
                .unit
                .style
                .as_ref()
                .map(|s| s.get_ref().clone())
                .filter(|s| t.has_style(s))
                .unwrap_or_else(|| "普陀区级".into());
            let view = gen_budget::render::build_view(&loaded, &checked.budget, &t.formats(&style));
            let _ = t.render_budget(&view, &style);
            Some(checked.diagnostics.has_errors())
        }
    }
}

/// Figure edits: (which figure, which extreme); indices past WITHIN pick from BEYOND.
fn figure_edits() -> impl Strategy<Value = Vec<(prop::sample::Index, usize)>> {
    prop::collection::vec((any::<prop::sample::Index>(), 0..WITHIN.len() + BEYOND.len()), 1..24)
}

/// Drives the chosen figures of file `i` to the chosen extremes; beyond the bound must be an error.
fn drive_figures(i: usize, edits: &[(prop::sample::Index, usize)]) -> Result<(), TestCaseError> {
    let text = shipped(i);
    let (figures, _) = values(&text);
    let mut chosen: Vec<(Range<usize>, usize)> = Vec::new();
    for (at, v) in edits {
        // A figure picked twice keeps its first extreme.
        let span = at.get(&figures).span.clone();
        if !chosen.iter().any(|(s, _)| *s == span) {
            chosen.push((span, *v));
        }
    }
    let beyond = chosen.iter().any(|(_, v)| *v >= WITHIN.len());
    let edits = chosen.into_iter().map(|(span, v)| (span, WITHIN.iter().chain(&BEYOND).nth(v).unwrap().to_string())).collect();
    let outcome = run(i, replace(&text, edits));
    prop_assert!(!beyond || outcome != Some(false), "a figure beyond the bound was accepted without an error");
    Ok(())
}

/// Writes figures too large to compute into the chosen texts of file `i`.
fn bomb_texts(i: usize, edits: &[(prop::sample::Index, usize)]) {
    let text = shipped(i);
    let (_, texts) = values(&text);
    let edits = edits.iter().map(|(at, b)| {
        let span = at.get(&texts).clone();
        let quote = if text[span.clone()].starts_with("\"\"\"") { 3 } else { 1 };
        (span.start + quote..span.start + quote, TEXT_BOMBS[*b].to_string())
    });
    let _ = run(i, replace(&text, edits.collect()));
}

fn text_edits() -> impl Strategy<Value = Vec<(prop::sample::Index, usize)>> {
    prop::collection::vec((any::<prop::sample::Index>(), 0..TEXT_BOMBS.len()), 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn budget_figures_at_and_beyond_the_bound_never_panic(town in any::<bool>(), edits in figure_edits()) {
        drive_figures(usize::from(town), &edits)?;
    }

    #[test]
    fn evaluation_points_and_figures_at_and_beyond_the_bound_never_panic(edits in figure_edits()) {
        drive_figures(2, &edits)?;
    }

    #[test]
    fn booklet_figures_at_and_beyond_the_bound_never_panic(edits in figure_edits()) {
        drive_figures(3, &edits)?;
    }

    #[test]
    fn huge_figures_in_free_text_never_panic(which in 0usize..FILES.len(), edits in text_edits()) {
        bomb_texts(which, &edits);
    }
}

/// Every amount of a file at `amount`, every count at u32::MAX, `adjusted` budgets at `adjusted`.
fn all_figures(i: usize, amount: &str, adjusted: &str) -> String {
    let text = shipped(i);
    let (figures, _) = values(&text);
    let edits = figures.iter().filter(|f| !f.code).map(|f| {
        let is_adjusted =
            text[..f.span.start].rsplit_once(['{', ',', '\n']).is_some_and(|(_, key)| key.trim_start().starts_with("adjusted"));
        let value = if f.count {
            "4294967295"
        } else if is_adjusted {
            adjusted
        } else {
            amount
        };
        (f.span.clone(), value.to_string())
    });
    replace(&text, edits.collect())
}

#[test]
fn every_figure_at_the_bound_at_once_is_computed_or_refused_never_a_panic() {
    for (i, file) in FILES.iter().enumerate() {
        let outcome = run(i, all_figures(i, "\"999999999999999.99\"", "\"999999999999999.99\""));
        assert!(outcome.is_some(), "{file:?}: figures at the bound load");
        let outcome = run(i, all_figures(i, "\"999999999999999.99\"", "\"0.01\""));
        assert!(outcome.is_some(), "{file:?}");
    }
    // Points at the bound over a budget of 0.01 for every project: each score overflows (T7).
    let text = all_figures(2, "\"999999999999999.99\"", "\"0.01\"")
        .replace("[[project]]\n", "[[project]]\nexecution_points = \"999999999999999.99\"\n");
    let source = SourceFile::new("departments/普陀城运/2023.toml", text);
    let file = parse_toml::<EvaluationFile>(&source).unwrap();
    let diags = gen_budget::evaluation::check(&file, &gen_budget::evaluation::derive(&file), &source, 2023);
    let t7 = diags.iter().filter(|d| d.code == "T7").count();
    assert!(t7 >= file.projects.len(), "every project's score overflows and is located: {t7}");
    assert!(diags.iter().filter(|d| d.code == "T7").all(|d| d.line_col.is_some()), "T7 points at the value");
}
