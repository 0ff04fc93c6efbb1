//! Glyph boxes and ruled lines of laid-out pages, for layout tests without a PDF parser.
//!
//! Positions are in points from the page's top-left corner; transforms of groups
//! (rotated page numbers, placed content) are applied, and a rotated box is taken as
//! its axis-aligned bounds.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::text::TextItem;
use typst::visualize::Geometry;
use typst_layout::PagedDocument;

/// One glyph as printed: its text, the ink box and the em size it was set in.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// The characters of the glyph's cluster.
    pub text: String,
    /// Left edge of the ink box, in pt.
    pub x0: f64,
    /// Top edge of the ink box, in pt.
    pub y0: f64,
    /// Right edge of the ink box, in pt.
    pub x1: f64,
    /// Bottom edge of the ink box, in pt.
    pub y1: f64,
    /// The box the glyph's advance spans (x0, y0, x1, y1), ink height: glyphs set one after
    /// another never overlap here, while ink may reach into the neighbour's advance.
    pub advance: [f64; 4],
    /// Baseline of the glyph's run, in pt from the top (unrotated runs).
    pub baseline: f64,
    /// Font size of the run, in pt (one em).
    pub size: f64,
}

/// A stroked straight segment (table rules), from its start to its end point, in pt.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Start point (x, y) in pt.
    pub from: (f64, f64),
    /// End point (x, y) in pt.
    pub to: (f64, f64),
}

impl Rule {
    /// Whether the segment runs left to right (within a tenth of a point).
    pub fn is_horizontal(&self) -> bool {
        (self.from.1 - self.to.1).abs() < 0.1
    }

    /// Whether the segment runs top to bottom (within a tenth of a point).
    pub fn is_vertical(&self) -> bool {
        (self.from.0 - self.to.0).abs() < 0.1
    }
}

/// What one page holds: its glyphs in emission order, its rules and its size.
#[derive(Debug, Clone, Default)]
pub struct PageLayout {
    /// Every glyph with an ink box (spaces have none and are left out).
    pub glyphs: Vec<PlacedGlyph>,
    /// Every stroked line segment.
    pub rules: Vec<Rule>,
    /// Page width in pt.
    pub width: f64,
    /// Page height in pt.
    pub height: f64,
}

/// Glyphs and rules of every page of a laid-out document.
pub fn pages(document: &PagedDocument) -> Vec<PageLayout> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut layout = PageLayout { width: page.frame.width().to_pt(), height: page.frame.height().to_pt(), ..PageLayout::default() };
            walk(&page.frame, Transform::identity(), &mut layout);
            layout
        })
        .collect()
}

fn walk(frame: &Frame, ts: Transform, out: &mut PageLayout) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => walk(&group.frame, here.pre_concat(group.transform), out),
            FrameItem::Text(text) => push_text(text, here, out),
            FrameItem::Shape(shape, _) if shape.stroke.is_some() => push_rules(&shape.geometry, here, out),
            _ => {}
        }
    }
}

/// The ink boxes of a run's glyphs, moved to the page.
fn push_text(text: &TextItem, ts: Transform, out: &mut PageLayout) {
    let size = text.size;
    let mut pen = Abs::zero();
    for glyph in &text.glyphs {
        let x = pen + glyph.x_offset.at(size);
        let y = -glyph.y_offset.at(size);
        if let Some(r) = text.font.ttf().glyph_bounding_box(ttf_parser::GlyphId(glyph.id)) {
            let em = |u: i16| text.font.to_em(u).at(size);
            let [x0, y0, x1, y1] = bounds([(x + em(r.x_min), y - em(r.y_min)), (x + em(r.x_max), y - em(r.y_max))], ts);
            let advance = bounds([(pen, y - em(r.y_min)), (pen + glyph.x_advance.at(size), y - em(r.y_max))], ts);
            out.glyphs.push(PlacedGlyph {
                text: text.text.get(glyph.range()).unwrap_or_default().to_string(),
                x0,
                y0,
                x1,
                y1,
                advance,
                baseline: Point::zero().transform(ts).y.to_pt(),
                size: size.to_pt(),
            });
        }
        pen += glyph.x_advance.at(size);
    }
}

/// Page bounds (x0, y0, x1, y1) in pt of the local box spanned by two opposite corners.
fn bounds(corners: [(Abs, Abs); 2], ts: Transform) -> [f64; 4] {
    let [(ax, ay), (bx, by)] = corners;
    let points = [(ax, ay), (bx, by), (ax, by), (bx, ay)].map(|(x, y)| Point::new(x, y).transform(ts));
    let (xs, ys) = (points.map(|p| p.x.to_pt()), points.map(|p| p.y.to_pt()));
    let min = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
    let max = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
    [min(xs), min(ys), max(xs), max(ys)]
}

/// Straight strokes: lines, and the four sides of a stroked rectangle.
fn push_rules(geometry: &Geometry, ts: Transform, out: &mut PageLayout) {
    let at = |x: Abs, y: Abs| {
        let p = Point::new(x, y).transform(ts);
        (p.x.to_pt(), p.y.to_pt())
    };
    match geometry {
        Geometry::Line(to) => out.rules.push(Rule { from: at(Abs::zero(), Abs::zero()), to: at(to.x, to.y) }),
        Geometry::Rect(size) => {
            let (w, h, o) = (size.x, size.y, Abs::zero());
            for (a, b) in [((o, o), (w, o)), ((w, o), (w, h)), ((o, h), (w, h)), ((o, o), (o, h))] {
                out.rules.push(Rule { from: at(a.0, a.1), to: at(b.0, b.1) });
            }
        }
        Geometry::Curve(_) => {}
    }
}
