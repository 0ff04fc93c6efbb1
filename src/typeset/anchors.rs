//! Where a draft's marks and the outlined headings sit on the laid-out pages, so the preview
//! can link findings to their marks and show the document's outline.

use typst::foundations::{Label, NativeElement, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::model::{HeadingElem, Outlinable};
use typst::utils::PicoStr;
use typst::visualize::{Geometry, Paint};
use typst_layout::PagedDocument;

/// The fill of a `draft-mark` box in templates/lib.typ: how its box is told from other shapes.
const MARK_FILL: [u8; 4] = [0xfd, 0xec, 0xea, 0xff];

/// A draft mark as laid out: its text and the box it is printed in.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkBox {
    /// Page index, from 0.
    pub page: usize,
    /// The mark's text: `[3] 警告[P3]：…`.
    pub text: String,
    /// The box (x0, y0, x1, y1) in pt from the page's top-left corner.
    pub rect: [f64; 4],
}

/// A heading the document's outline (目录, PDF bookmarks) lists.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// 1 for a chapter, 2 for its sections and tables.
    pub level: usize,
    pub title: String,
    /// Page index, from 0.
    pub page: usize,
    /// Distance from the page's top, in pt.
    pub y: f64,
}

/// Every `draft-mark` of a document, in document order; empty for a release.
pub fn draft_marks(document: &PagedDocument) -> Vec<MarkBox> {
    let introspector = document.introspector();
    let Some(label) = Label::new(PicoStr::intern("draft-mark")) else { return Vec::new() };
    let boxes: Vec<Vec<[f64; 4]>> = document.pages().iter().map(|p| mark_boxes(&p.frame)).collect();
    let marks = introspector.query(&Selector::Label(label));
    marks
        .iter()
        .filter_map(|elem| {
            let text = match &elem.to_packed::<MetadataElem>()?.value {
                Value::Content(c) => c.plain_text().to_string(),
                Value::Str(s) => s.to_string(),
                _ => return None,
            };
            let at = introspector.position(elem.location()?)?;
            let page = at.page.get() - 1;
            let (x, y) = (at.point.x.to_pt(), at.point.y.to_pt());
            let found = boxes.get(page)?.iter().find(|r| r[0] - 1.0 <= x && x <= r[2] + 1.0 && r[1] - 1.0 <= y && y <= r[3] + 1.0);
            Some(MarkBox { page, text, rect: found.copied().unwrap_or([x - 4.0, y - 4.0, x + 200.0, y + 16.0]) })
        })
        .collect()
}

/// The headings that are outlined or bookmarked, in document order.
pub fn outline(document: &PagedDocument) -> Vec<OutlineEntry> {
    let introspector = document.introspector();
    let headings = introspector.query(&Selector::Elem(HeadingElem::ELEM, None));
    headings
        .iter()
        .filter_map(|elem| {
            let heading = elem.to_packed::<HeadingElem>()?;
            let bookmarked = heading.bookmarked.get(typst::foundations::StyleChain::default()).custom().unwrap_or(false);
            if !heading.outlined() && !bookmarked {
                return None;
            }
            let at = introspector.position(elem.location()?)?;
            let title = heading.body().plain_text().to_string();
            Some(OutlineEntry { level: heading.level().get(), title, page: at.page.get() - 1, y: at.point.y.to_pt() })
        })
        .collect()
}

/// Page bounds of every box filled with the mark colour.
fn mark_boxes(frame: &Frame) -> Vec<[f64; 4]> {
    let mut out = Vec::new();
    walk(frame, Transform::identity(), &mut out);
    out
}

fn walk(frame: &Frame, ts: Transform, out: &mut Vec<[f64; 4]>) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => walk(&group.frame, here.pre_concat(group.transform), out),
            FrameItem::Shape(shape, _) => {
                let filled = matches!(&shape.fill, Some(Paint::Solid(c)) if c.to_vec4_u8() == MARK_FILL);
                if let (true, Geometry::Rect(size)) = (filled, &shape.geometry) {
                    out.push(bounds(Point::zero(), Point::new(size.x, size.y), here));
                }
            }
            _ => {}
        }
    }
}

/// The axis-aligned page box of a local rectangle.
fn bounds(a: Point, b: Point, ts: Transform) -> [f64; 4] {
    let points = [a, b, Point::new(a.x, b.y), Point::new(b.x, a.y)].map(|p| p.transform(ts));
    let xs = points.map(|p| p.x.to_pt());
    let ys = points.map(|p| p.y.to_pt());
    let min = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
    let max = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
    [min(xs), min(ys), max(xs), max(ys)]
}
