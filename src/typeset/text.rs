//! Plain text of a laid-out document, for golden tests without external tools.
//!
//! Two readings, like `pdftotext`: `layout` groups text runs into visual lines
//! (same baseline, left to right); `stream` keeps the order Typst emitted them.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst_layout::PagedDocument;

/// One run of text with its position on the page.
struct Run {
    y_pt: f64,
    x_pt: f64,
    text: String,
}

/// The document's text in emission order, one run per line, pages separated by form feeds.
pub fn stream_text(document: &PagedDocument) -> String {
    let pages: Vec<String> =
        document.pages().iter().map(|page| runs(&page.frame).into_iter().map(|r| r.text).collect::<Vec<_>>().join("\n")).collect();
    pages.join("\n\u{c}")
}

/// The document's text as visual lines: runs on one baseline joined left to right.
pub fn layout_text(document: &PagedDocument) -> String {
    let pages: Vec<String> = document.pages().iter().map(|page| page_lines(&page.frame).join("\n")).collect();
    pages.join("\n\u{c}")
}

fn page_lines(frame: &Frame) -> Vec<String> {
    let mut runs = runs(frame);
    runs.sort_by(|a, b| a.y_pt.total_cmp(&b.y_pt).then(a.x_pt.total_cmp(&b.x_pt)));
    let mut lines: Vec<(f64 /* pt */, Vec<Run>)> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some((y_pt, line)) if (run.y_pt - *y_pt).abs() < 1.5 => line.push(run),
            _ => lines.push((run.y_pt, vec![run])),
        }
    }
    lines
        .into_iter()
        .map(|(_, mut line)| {
            line.sort_by(|a, b| a.x_pt.total_cmp(&b.x_pt));
            line.into_iter().map(|r| r.text).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

fn runs(frame: &Frame) -> Vec<Run> {
    let mut out = Vec::new();
    collect(frame, Transform::identity(), &mut out);
    out
}

fn collect(frame: &Frame, ts: Transform, out: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                collect(&group.frame, inner, out);
            }
            FrameItem::Text(text) => {
                let at: Point = pos.transform(ts);
                out.push(Run { y_pt: to_pt(at.y), x_pt: to_pt(at.x), text: text.text.to_string() });
            }
            _ => {}
        }
    }
}

fn to_pt(a: Abs) -> f64 {
    a.to_pt()
}
