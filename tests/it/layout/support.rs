//! Rendering and geometry helpers of the layout tests: the shipped documents rendered once,
//! glyph look-ups by text, lines by baseline, rule enclosure.

use std::sync::OnceLock;

use gen_budget::document::Document;
use gen_budget::load::Project;
use gen_budget::pipeline::{BuildOptions, Mode};
use gen_budget::typeset::glyphs::{PageLayout, PlacedGlyph, pages};
use gen_budget::typeset::text::stream_text;

use super::common;

/// One rendered document: its pages' glyphs and rules, and each page's text layer.
pub struct Rendered {
    /// Seed number of the document (000, 002, 003, 004).
    pub name: &'static str,
    /// Glyphs and rules per page.
    pub pages: Vec<PageLayout>,
    /// Text layer per page, in emission order.
    pub texts: Vec<String>,
}

/// The four shipped documents: seed number, unit, year.
pub const SHIPPED: [(&str, &str, &str); 4] =
    [("000", "普陀城运", "2024"), ("002", "安亭城运", "2024"), ("003", "松江城运", "2022"), ("004", "普陀城运", "2023")];

/// The shipped documents, rendered once per test binary.
pub fn shipped() -> &'static [Rendered] {
    static DOCS: OnceLock<Vec<Rendered>> = OnceLock::new();
    DOCS.get_or_init(|| SHIPPED.iter().map(|(name, unit, year)| render(&common::project(), name, unit, year)).collect())
}

/// A shipped document by seed number.
pub fn doc(name: &str) -> &'static Rendered {
    shipped().iter().find(|d| d.name == name).expect("a shipped document")
}

/// Renders the only document of a unit-year of a project, as released.
pub fn render(project: &Project, name: &'static str, unit: &str, year: &str) -> Rendered {
    render_with(project, name, unit, year, &BuildOptions::default())
}

/// Renders a draft: edited data that breaks a cross-check still typesets.
pub fn render_draft(project: &Project, name: &'static str, unit: &str, year: &str) -> Rendered {
    render_with(project, name, unit, year, &BuildOptions { mode: Mode::Draft, ..BuildOptions::default() })
}

fn render_with(project: &Project, name: &'static str, unit: &str, year: &str, options: &BuildOptions) -> Rendered {
    let documents = Document::load_all(project, unit, year).unwrap_or_else(|d| panic!("{:?}", d.0));
    let templates = gen_budget::render::Templates::load(&project.templates()).expect("templates load");
    let rendered = documents[0].render(&common::engine(), &templates, options).unwrap_or_else(|d| panic!("{:?}", d.0));
    let document = &rendered.compiled.document;
    let texts = stream_text(document).split('\u{c}').map(String::from).collect();
    Rendered { name, pages: pages(document), texts }
}

/// Text without whitespace, as fidelity compares it.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The page's glyph texts joined, with the byte offset where each glyph starts.
fn joined(page: &PageLayout) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for g in &page.glyphs {
        starts.push(text.len());
        text.push_str(&g.text);
    }
    (text, starts)
}

/// Every occurrence of `needle` (no whitespace) among the page's glyphs, as its glyph slice.
pub fn find<'a>(page: &'a PageLayout, needle: &str) -> Vec<&'a [PlacedGlyph]> {
    let (text, starts) = joined(page);
    let glyph_at = |byte: usize| starts.partition_point(|&s| s <= byte) - 1;
    text.match_indices(needle).map(|(at, m)| &page.glyphs[glyph_at(at)..=glyph_at(at + m.len() - 1)]).collect()
}

/// Every match of a regular expression among the page's glyphs, as its glyph slice.
pub fn find_regex<'a>(page: &'a PageLayout, re: &regex::Regex) -> Vec<&'a [PlacedGlyph]> {
    let (text, starts) = joined(page);
    let glyph_at = |byte: usize| starts.partition_point(|&s| s <= byte) - 1;
    re.find_iter(&text).map(|m| &page.glyphs[glyph_at(m.start())..=glyph_at(m.end() - 1)]).collect()
}

/// Pages whose glyphs contain the text.
pub fn pages_with(doc: &Rendered, needle: &str) -> Vec<usize> {
    (0..doc.pages.len()).filter(|&i| !find(&doc.pages[i], needle).is_empty()).collect()
}

/// Whether two glyphs sit on one line (baselines within a point).
pub fn same_line(a: &PlacedGlyph, b: &PlacedGlyph) -> bool {
    (a.baseline - b.baseline).abs() < 1.0
}

/// Horizontal gap between two glyph boxes (negative when they overlap on x).
pub fn x_gap(a: &PlacedGlyph, b: &PlacedGlyph) -> f64 {
    (b.x0 - a.x1).max(a.x0 - b.x1)
}

/// How far two glyphs' advance boxes overlap: the smaller of the x and y overlaps, 0 when apart.
pub fn overlap(a: &PlacedGlyph, b: &PlacedGlyph) -> f64 {
    let ([ax0, ay0, ax1, ay1], [bx0, by0, bx1, by1]) = (a.advance, b.advance);
    (ax1.min(bx1) - ax0.max(bx0)).min(ay1.min(by1) - ay0.max(by0)).max(0.0)
}

/// Whether a table rule lies on each side of the glyph: left, right, above and below.
pub fn enclosed(page: &PageLayout, g: &PlacedGlyph) -> [bool; 4] {
    let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.y0 + g.y1) / 2.0);
    let spans = |a: f64, b: f64, v: f64| a.min(b) - 0.5 <= v && v <= a.max(b) + 0.5;
    let vertical =
        |side: fn(f64, f64) -> bool| page.rules.iter().any(|r| r.is_vertical() && spans(r.from.1, r.to.1, cy) && side(r.from.0, cx));
    let horizontal =
        |side: fn(f64, f64) -> bool| page.rules.iter().any(|r| r.is_horizontal() && spans(r.from.0, r.to.0, cx) && side(r.from.1, cy));
    [vertical(|x, c| x < c), vertical(|x, c| x > c), horizontal(|y, c| y < c), horizontal(|y, c| y > c)]
}

/// Whether the glyph sits inside a ruled table cell (rules on all four sides).
pub fn in_table(page: &PageLayout, g: &PlacedGlyph) -> bool {
    enclosed(page, g).iter().all(|&side| side)
}
