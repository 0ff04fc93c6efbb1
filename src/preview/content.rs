//! The part of the preview page that changes with each build: outline, pages with their mark
//! overlays, findings and the diagnostics that stopped the draft (assets/content.html). The page
//! script moves each `data-slot` section into its column.

use serde::Serialize;
use tera::Context;

use super::snapshot::{Finding, Heading, Mark, Sheet, Snapshot};

/// An outline entry as shown: level capped at 3, page numbered from 1.
#[derive(Serialize)]
struct Entry<'a> {
    level: usize,
    title: &'a str,
    page: usize,
}

/// A page image and the boxes over its marks; the image URL names the page's hash.
#[derive(Serialize)]
struct PageView<'a> {
    i: usize,
    n: usize,
    w: u32,
    h: u32,
    max: f64,
    hash: &'a str,
    marks: Vec<MarkView<'a>>,
}

/// A link over a mark's box, placed in percent so it scales with the image.
#[derive(Serialize)]
struct MarkView<'a> {
    kind: &'static str,
    finding: &'a str,
    text: &'a str,
    left: String,
    top: String,
    width: String,
    height: String,
}

/// One entry of the findings column; `page` is numbered from 1.
#[derive(Serialize)]
struct FindingView<'a> {
    id: &'a str,
    kind: &'static str,
    badge: &'static str,
    code: &'a str,
    message: &'a str,
    location: &'a str,
    hint: &'a str,
    page: Option<usize>,
}

/// `/content`: one fragment per column, so the page swaps them together.
pub(crate) fn content_html(state: &Snapshot) -> String {
    let errors = state.findings.iter().filter(|f| f.error).count();
    let mut context = Context::new();
    context.insert("outline", &state.outline.iter().map(entry).collect::<Vec<_>>());
    context.insert("failure", &state.failure);
    context.insert("failed", &!state.failure.is_empty());
    context.insert("pages", &state.pages.iter().enumerate().map(|(i, p)| page(state, i, p)).collect::<Vec<_>>());
    context.insert("findings", &state.findings.iter().map(finding).collect::<Vec<_>>());
    context.insert("errors", &errors);
    context.insert("warnings", &(state.findings.len() - errors));
    context.insert("version", &state.version);
    context.insert("build_ms", &state.build_ms);
    super::page::render("content.html", &context)
}

fn entry(h: &Heading) -> Entry<'_> {
    Entry { level: h.level.min(3), title: &h.title, page: h.page + 1 }
}

fn page<'a>(state: &'a Snapshot, i: usize, p: &'a Sheet) -> PageView<'a> {
    PageView {
        i,
        n: i + 1,
        w: p.width.round() as u32,
        h: p.height.round() as u32,
        max: (p.width * 96.0 / 72.0 * 1.15).round(),
        hash: &p.hash,
        marks: state.marks.iter().filter(|m| m.page == i).map(|m| mark(m, p.width, p.height)).collect(),
    }
}

fn mark(m: &Mark, width: f64, height: f64) -> MarkView<'_> {
    let [x0, y0, x1, y1] = m.rect;
    let pct = |v: f64, of: f64| format!("{:.3}%", v / of * 100.0);
    MarkView {
        kind: kind(m.error),
        finding: &m.finding,
        text: &m.text,
        left: pct(x0, width),
        top: pct(y0, height),
        width: pct(x1 - x0, width),
        height: pct(y1 - y0, height),
    }
}

fn finding(f: &Finding) -> FindingView<'_> {
    FindingView {
        id: &f.id,
        kind: kind(f.error),
        badge: if f.error { "错误" } else { "警告" },
        code: f.code,
        message: &f.message,
        location: &f.location,
        hint: &f.hint,
        page: f.page.map(|p| p + 1),
    }
}

fn kind(error: bool) -> &'static str {
    if error { "error" } else { "warning" }
}

#[cfg(test)]
mod tests {
    use super::super::snapshot::{Finding, Snapshot};

    #[test]
    fn typed_text_is_escaped_and_an_empty_draft_says_so() {
        let mut state = Snapshot::default();
        let empty = super::content_html(&state);
        assert!(empty.contains("还没有可显示的页面") && empty.contains("没有发现问题"), "{empty}");
        state.failure = vec!["a < b".into()];
        state.findings.push(Finding {
            id: "e1".into(),
            error: true,
            code: "T1",
            message: "<script>".into(),
            hint: String::new(),
            location: "a.toml:1:2".into(),
            page: None,
        });
        let html = super::content_html(&state);
        assert!(html.contains("<pre class=\"diagnostic\">a &lt; b</pre>") && html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<div id=\"pages\" class=\"stale\">") && html.contains("页面上无标记"), "{html}");
        assert!(html.contains("错误 1") && html.contains("警告 0") && html.contains("data-failed=\"true\""), "{html}");
    }
}
