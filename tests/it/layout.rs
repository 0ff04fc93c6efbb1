//! Layout guarantees of the printed documents (issue 12), checked from glyph positions of
//! the laid-out pages: 目录 leaders clear of their text, tracked headings, forms kept with
//! their title, ruled machine-readable tables with their 单位 and 空表 notes, figures never
//! split across lines, and no overprinted glyphs.

use crate::common;
#[path = "layout/forms.rs"]
mod forms;
#[path = "layout/support.rs"]
mod support;
#[path = "layout/tables.rs"]
mod tables;

use support::{doc, find, pages_with, same_line, shipped, squeeze, x_gap};

/// The 目录 page of a budget document (the page whose title is 目录, in 18pt).
fn toc_page(name: &str) -> usize {
    let d = doc(name);
    *pages_with(d, "目录").iter().find(|&&p| find(&d.pages[p], "目录").iter().any(|g| g[0].size >= 18.0)).expect("a 目录 page")
}

/// Leader dots: the `.` glyphs of a 目录 line that follow its first Han character.
fn is_leader(line_start_han: Option<f64>, g: &gen_budget::typeset::glyphs::PlacedGlyph) -> bool {
    g.text == "." && line_start_han.is_some_and(|x| g.x0 > x)
}

#[test]
fn toc_leader_dots_never_touch_the_title_or_the_number() {
    for name in ["000", "002"] {
        let page = &doc(name).pages[toc_page(name)];
        let mut leaders = 0;
        for dot in &page.glyphs {
            let first_han =
                page.glyphs.iter().filter(|g| same_line(g, dot) && g.text.chars().all(|c| c > '\u{2e80}')).map(|g| g.x0).reduce(f64::min);
            if !is_leader(first_han, dot) {
                continue;
            }
            leaders += 1;
            for g in page.glyphs.iter().filter(|g| same_line(g, dot) && !is_leader(first_han, g)) {
                let gap = x_gap(dot, g);
                assert!(gap >= 0.2 * g.size, "{name}: a leader dot at x={:.1} is {gap:.2}pt from {:?} (needs 0.2em)", dot.x0, g.text);
            }
        }
        assert!(leaders > 100, "{name}: the 目录 has leader dots ({leaders})");
    }
}

#[test]
fn toc_text_layer_reads_each_title_then_its_number() {
    let d = doc("000");
    let text = squeeze(&d.texts[toc_page("000")]);
    for line in ["一、部门主要职能1", "五、部门预算表5", "1.2024年部门财务收支预算总表5", "七、项目经费情况说明15"]
    {
        assert!(text.contains(line), "目录 text layer lacks {line:?}: {text}");
    }
}

#[test]
fn the_contents_heading_is_tracked_not_spaced() {
    for name in ["000", "002"] {
        let d = doc(name);
        let p = toc_page(name);
        assert!(d.texts[p].contains("目录") && !d.texts[p].contains("目 录"), "{name}: text layer of the 目录 heading");
    }
    let d = doc("000");
    let heading = find(&d.pages[toc_page("000")], "目录").into_iter().find(|g| g[0].size >= 18.0).unwrap();
    // Extractors join characters whose advance boxes are less than 3pt apart (pdfplumber's
    // x_tolerance); the ink still stands visibly apart.
    let advance_gap = heading[1].advance[0] - heading[0].advance[2];
    assert!(advance_gap < 3.0, "000: advance gap {advance_gap:.2}pt (must stay under 3pt)");
    let gap = heading[1].x0 - heading[0].x1;
    // Noto's side bearings leave about 4.1pt of ink gap at 18pt; tracking adds to it. Under 0.4em
    // (7.2pt) the tracking stays below the 3pt at which extractors insert a space.
    let size = heading[0].size;
    assert!(gap >= 0.25 * size && gap < 0.4 * size, "000: 目 and 录 are {gap:.1}pt apart (needs 0.25em–0.4em)");
}

#[test]
fn no_template_spaces_out_a_heading() {
    let spaced = regex::Regex::new(r"\[(?:\p{Han} )+\p{Han}\]").unwrap();
    for entry in walkdir::WalkDir::new(common::root().join("templates"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "typ"))
    {
        let source = std::fs::read_to_string(entry.path()).unwrap();
        for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
            assert!(!spaced.is_match(line), "{}: a heading spaced with spaces: {line}", entry.path().display());
        }
    }
}

#[test]
fn no_two_glyphs_overprint_each_other() {
    for d in shipped() {
        for (p, page) in d.pages.iter().enumerate() {
            let mut glyphs: Vec<_> = page.glyphs.iter().collect();
            glyphs.sort_by(|a, b| a.advance[0].total_cmp(&b.advance[0]));
            for (i, a) in glyphs.iter().enumerate() {
                for b in glyphs[i + 1..].iter().take_while(|b| b.advance[0] < a.advance[2]) {
                    if a.text == "." && b.text == "." {
                        continue;
                    }
                    let o = support::overlap(a, b);
                    assert!(
                        o <= 0.3,
                        "{} page {}: {:?} and {:?} overlap by {o:.2}pt at ({:.1}, {:.1})",
                        d.name,
                        p + 1,
                        a.text,
                        b.text,
                        a.x0,
                        a.y0
                    );
                }
            }
        }
    }
}

#[test]
fn figures_with_their_unit_stay_on_one_line() {
    let figure = regex::Regex::new(r"\d[\d,]*(?:\.\d+)?(?:万元|元|%|％)").unwrap();
    let mut seen = 0;
    for d in shipped() {
        for (p, page) in d.pages.iter().enumerate() {
            for m in support::find_regex(page, &figure).into_iter().filter(|m| !support::in_table(page, &m[0])) {
                seen += 1;
                let text: String = m.iter().map(|g| g.text.as_str()).collect();
                assert!(m.iter().all(|g| same_line(g, &m[0])), "{} page {}: {text} is split across lines", d.name, p + 1);
            }
        }
    }
    assert!(seen > 100, "prose figures checked: {seen}");
}
