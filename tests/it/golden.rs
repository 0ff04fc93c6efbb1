//! Golden text: the generated 普陀城运 2024 document reproduces its published original.
//!
//! Same scoring as `../shared/tools/fidelity.py`, on text taken from the laid-out pages
//! (no pdftotext needed): a reference line counts when its characters, whitespace
//! removed, occur contiguously in the document's text.

use crate::common;

use std::collections::HashMap;

use gen_budget::document::Document;
use gen_budget::pipeline::{BuildOptions, Mode, render_unit};
use gen_budget::typeset::text::{layout_text, stream_text};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// fidelity.py --nfkc: full-width punctuation and digits folded, for OCR'd references.
fn fold(s: &str, nfkc: bool) -> String {
    use unicode_normalization::UnicodeNormalization;
    if nfkc { s.nfkc().collect() } else { s.to_string() }
}

/// Markdown list and heading markers that the extracted references carry (fidelity.py MARKUP).
fn strip_markup(line: &str) -> &str {
    let markup = regex::Regex::new(r"^(?:#+\s*|-\s+|\*\s+)+").unwrap();
    let at = markup.find(line).map_or(0, |m| m.end());
    &line[at..]
}

/// A reference text with its errata (published → corrected, or SKIP) applied, as fidelity.py does.
struct Reference {
    text: String,
    skips: Vec<String>,
}

fn reference(seed: &str, errata: &std::path::Path) -> Reference {
    let mut text = std::fs::read_to_string(common::root().join("tests/golden").join(seed)).unwrap();
    let mut skips = Vec::new();
    for line in std::fs::read_to_string(errata).unwrap().lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')) {
        let (published, corrected) = line.split_once('\t').expect("errata lines have a TAB");
        if corrected.trim() == "SKIP" {
            skips.push(published.trim().to_string());
            continue;
        }
        assert!(text.contains(published), "errata text not in reference: {published}");
        text = text.replace(published, corrected);
    }
    Reference { text, skips }
}

/// Numbers as fidelity.py counts them: digit groups split by whitespace are joined first.
fn numbers(text: &str) -> HashMap<String, usize> {
    let split = regex::Regex::new(r"([\d,.])\s+([\d.])").unwrap();
    let number = regex::Regex::new(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+").unwrap();
    // Python's lookarounds do not consume; re-run until no split group is left.
    let mut joined = text.to_string();
    loop {
        let next = split.replace_all(&joined, "$1$2").into_owned();
        if next == joined {
            break;
        }
        joined = next;
    }
    let mut out = HashMap::new();
    for m in number.find_iter(&joined) {
        *out.entry(m.as_str().to_string()).or_insert(0) += 1;
    }
    out
}

struct Score {
    chars: f64,
    numbers: f64,
    missing: Vec<String>,
}

fn score(reference: &Reference, haystacks: &[String], nfkc: bool) -> Score {
    let squeezed: Vec<String> = haystacks.iter().map(|h| squeeze(&fold(h, nfkc))).collect();
    let (mut total, mut found) = (0usize, 0usize);
    let mut missing = Vec::new();
    let lines = reference.text.lines().map(|l| strip_markup(l.trim())).filter(|l| !l.is_empty() && !reference.skips.iter().any(|s| s == l));
    for line in lines {
        let key = squeeze(&fold(line, nfkc));
        if key.is_empty() {
            continue;
        }
        total += key.chars().count();
        if squeezed.iter().any(|h| h.contains(&key)) {
            found += key.chars().count();
        } else {
            missing.push(line.to_string());
        }
    }
    let want = numbers(&fold(&reference.text, nfkc));
    let have = numbers(&fold(&haystacks.join("\n"), nfkc));
    let want_n: usize = want.values().sum();
    let got_n: usize = want.iter().map(|(n, c)| (*c).min(have.get(n).copied().unwrap_or(0))).sum();
    Score { chars: found as f64 / total as f64, numbers: got_n as f64 / want_n as f64, missing }
}

#[test]
fn putuo_2024_reproduces_the_published_text() {
    let rendered = render_unit(&common::project(), &common::engine(), &common::templates(), "普陀城运", "2024", Mode::Release)
        .unwrap_or_else(|d| panic!("build failed: {:?}", d.0));
    let doc = &rendered.compiled.document;
    let errata = common::root().join("tests/golden/普陀城运-2024.errata.tsv");
    let s = score(&reference("普陀城运-2024.txt", &errata), &[stream_text(doc), layout_text(doc)], false);
    for line in &s.missing {
        eprintln!("missing: {line}");
    }
    eprintln!("chars {:.4} numbers {:.4}", s.chars, s.numbers);
    assert!(s.chars >= 0.98, "chars score {:.4} below 0.98", s.chars);
    assert!(s.numbers >= 0.995, "numbers score {:.4} below 0.995", s.numbers);
}

#[test]
fn published_errors_are_not_reproduced() {
    let rendered = render_unit(&common::project(), &common::engine(), &common::templates(), "普陀城运", "2024", Mode::Release).unwrap();
    let text = squeeze(&stream_text(&rendered.compiled.document));
    for wrong in ["增加减少", "2023年预算安排76.16万元", "6,326.53万元", "(一期)建项目", "<p>"] {
        assert!(!text.contains(&squeeze(wrong)), "published error copied: {wrong}");
    }
    assert!(text.contains("财政拨款收入支出减少的主要原因是"));
    assert!(text.contains("2024年预算安排76.16万元"));
}

/// Renders the only document of a unit-year and scores it against its reference.
fn assert_reproduces(unit: &str, year: &str, seed: &str, nfkc: bool, min_chars: f64, min_numbers: f64) {
    let documents = Document::load_all(&common::project(), unit, year).unwrap();
    assert_eq!(documents.len(), 1);
    let rendered =
        documents[0].render(&common::engine(), &common::templates(), &BuildOptions::default()).unwrap_or_else(|d| panic!("{:?}", d.0));
    let doc = &rendered.compiled.document;
    let errata = common::root().join("departments").join(unit).join(format!("{year}.errata.tsv"));
    let s = score(&reference(seed, &errata), &[stream_text(doc), layout_text(doc)], nfkc);
    for line in &s.missing {
        eprintln!("missing: {line}");
    }
    eprintln!("{unit} {year}: chars {:.4} numbers {:.4}", s.chars, s.numbers);
    assert!(s.chars >= min_chars, "chars score {:.4} below {min_chars}", s.chars);
    assert!(s.numbers >= min_numbers, "numbers score {:.4} below {min_numbers}", s.numbers);
}

#[test]
fn putuo_2023_self_evaluation_reproduces_the_published_forms() {
    assert_reproduces("普陀城运", "2023", "普陀城运-2023.txt", false, 0.97, 0.99);
}

#[test]
fn songjiang_2022_booklet_reproduces_the_published_text() {
    assert_reproduces("松江城运", "2022", "松江城运-2022.txt", false, 0.97, 0.99);
}

#[test]
fn anting_2024_town_budget_reproduces_the_published_text() {
    // The reference is OCR'd: scored with full-width forms folded, as fidelity.py --nfkc.
    assert_reproduces("安亭城运", "2024", "安亭城运-2024.txt", true, 0.95, 0.99);
}

#[test]
fn anting_2024_corrects_the_published_errors() {
    let documents = Document::load_all(&common::project(), "安亭城运", "2024").unwrap();
    let rendered = documents[0].render(&common::engine(), &common::templates(), &BuildOptions::default()).unwrap();
    let text = squeeze(&stream_text(&rendered.compiled.document));
    // E002-2: the six forms cover all of 项目支出; E002-6: no doubled year, no stray parenthesis.
    assert!(text.contains("涉及项目预算资金5295.1万元，占年初项目总预算的100%"), "coverage sentence");
    for wrong in ["4542.16", "中心2024年无政府性基金", "中心2024年无车辆", "2024年度未安排", "专用设备）。"] {
        assert!(!text.contains(wrong), "published error copied: {wrong}");
    }
    // E002-1: table 2 合计 row is derived (5715.29, 5370.00, 345.29), never 5715.29 three times.
    assert!(text.contains("合计5715.295370.00345.29"), "table 2 合计 row");
    // Shares and growth of 编制说明 (一), derived from 元 and last year's total.
    assert!(text.contains("财政拨款收入5370万元，占93.96%"));
    assert!(text.contains("比上年部门收入增加1598.63万元，增幅38.83%"));
}
