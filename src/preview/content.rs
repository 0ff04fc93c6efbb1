//! The part of the preview page that changes with each build: outline, pages with their mark
//! overlays, findings and the diagnostics that stopped the draft. The page script moves each
//! `data-slot` section into its column.

use crate::html::escape as html;

use super::snapshot::{Finding, Heading, Mark, Snapshot};

/// `/content`: one fragment per column, so the page swaps them together.
pub(crate) fn content_html(state: &Snapshot) -> String {
    let failed = !state.failure.is_empty();
    format!(
        "<section data-slot=\"side\">{}</section>\n<section data-slot=\"main\">{}{}</section>\n<section data-slot=\"findings-box\">{}</section>\n",
        outline_html(&state.outline),
        failure_html(&state.failure),
        pages_html(state, failed),
        findings_html(state, failed)
    )
}

/// The sidebar: chapters and tables as Typst outlines them, each linking to its page.
fn outline_html(outline: &[Heading]) -> String {
    if outline.is_empty() {
        return "<h2>目录</h2><p class=\"quiet\">还没有可显示的页面。</p>".into();
    }
    let items: String = outline
        .iter()
        .map(|h| format!("<li class=\"level{}\"><a href=\"#page-{n}\" data-page=\"{n}\" title=\"第 {n} 页\"><span>{}</span><span class=\"num\">{n}</span></a></li>", h.level.min(3), html(&h.title), n = h.page + 1))
        .collect();
    format!("<h2>目录</h2><ol id=\"outline\">{items}</ol>")
}

/// The diagnostics that stopped the draft, in full, above the out-of-date pages.
fn failure_html(failure: &[String]) -> String {
    if failure.is_empty() {
        return String::new();
    }
    let blocks: String = failure.iter().map(|d| format!("<pre class=\"diagnostic\">{}</pre>", html(d))).collect();
    format!(
        "<section id=\"failure\"><h2>排版中断：数据或模板有错误（{} 条）</h2><p>改正后保存即可，预览会自动恢复。下面是上一次成功排版的页面，可能已过期。</p>{blocks}</section>",
        failure.len()
    )
}

/// Every page as a lazily loaded image with a clickable box over each of its marks.
fn pages_html(state: &Snapshot, stale: bool) -> String {
    let mut out = format!("<div id=\"pages\" class=\"{}\">", if stale { "stale" } else { "" });
    // Lazy loading: the browser paints only the pages in view, so a refresh stays quick.
    for (i, page) in state.pages.iter().enumerate() {
        let (w, h) = (page.width.round() as u32, page.height.round() as u32);
        out.push_str(&format!(
            "<div class=\"sheet\" id=\"page-{n}\" data-page=\"{n}\" style=\"max-width:{max}px\"><img class=\"page\" loading=\"lazy\" width=\"{w}\" height=\"{h}\" src=\"/page/{i}.svg?v={v}\" alt=\"第{n}页\">",
            n = i + 1,
            max = (page.width * 96.0 / 72.0 * 1.15).round(),
            v = state.version
        ));
        for mark in state.marks.iter().filter(|m| m.page == i) {
            out.push_str(&overlay(mark, page.width, page.height));
        }
        out.push_str(&format!("<span class=\"folio\">{}</span></div>", i + 1));
    }
    out.push_str("</div>");
    out
}

/// A link over a mark's box, back to its finding; placed in percent so it scales with the image.
fn overlay(mark: &Mark, width: f64, height: f64) -> String {
    let [x0, y0, x1, y1] = mark.rect;
    let pct = |v: f64, of: f64| format!("{:.3}%", v / of * 100.0);
    format!(
        "<a class=\"mark {kind}\" id=\"mark-{id}\" href=\"#finding-{id}\" data-finding=\"{id}\" title=\"{title}\" style=\"left:{};top:{};width:{};height:{}\"></a>",
        pct(x0, width),
        pct(y0, height),
        pct(x1 - x0, width),
        pct(y1 - y0, height),
        kind = kind(mark.error),
        id = html(&mark.finding),
        title = html(&mark.text)
    )
}

/// The findings column: filter buttons with counts, then one entry per finding.
fn findings_html(state: &Snapshot, failed: bool) -> String {
    let errors = state.findings.iter().filter(|f| f.error).count();
    let warnings = state.findings.len() - errors;
    let mut out = format!(
        "<div id=\"status\" data-version=\"{v}\" data-failed=\"{failed}\" data-pages=\"{p}\">第 {v} 次排版 · 用时 {ms} 毫秒{}</div>",
        if failed { " · <b class=\"bad\">排版中断</b>" } else { "" },
        v = state.version,
        p = state.pages.len(),
        ms = state.build_ms
    );
    out.push_str(&format!(
        "<h2>校验结果（{} 条）</h2><div id=\"filter\" role=\"group\" aria-label=\"筛选\"><button data-filter=\"all\">全部 {}</button><button data-filter=\"error\" class=\"error\">错误 {errors}</button><button data-filter=\"warning\" class=\"warning\">警告 {warnings}</button></div><ol id=\"findings\">",
        state.findings.len(),
        state.findings.len()
    ));
    out.extend(state.findings.iter().map(finding_html));
    out.push_str("</ol>");
    if state.findings.is_empty() {
        out.push_str("<p class=\"quiet\">没有发现问题。</p>");
    }
    out
}

fn finding_html(f: &Finding) -> String {
    let badge = format!("<span class=\"badge\">{}</span> <code>{}</code>", if f.error { "错误" } else { "警告" }, html(f.code));
    let at = if f.location.is_empty() { String::new() } else { format!("<span class=\"where\">{}</span>", html(&f.location)) };
    let body = format!("{badge} <span class=\"message\">{}</span>{at}", html(&f.message));
    let linked = match f.page {
        Some(page) => format!(
            "<a href=\"#mark-{id}\" data-mark=\"{id}\">{body}<span class=\"page-ref\">第 {} 页</span></a>",
            page + 1,
            id = html(&f.id)
        ),
        None => format!("<div>{body}<span class=\"page-ref\">页面上无标记</span></div>"),
    };
    let hint = if f.hint.is_empty() { String::new() } else { format!("<div class=\"hint\">提示：{}</div>", html(&f.hint)) };
    format!("<li class=\"finding {kind}\" id=\"finding-{}\">{linked}{hint}</li>", html(&f.id), kind = kind(f.error))
}

fn kind(error: bool) -> &'static str {
    if error { "error" } else { "warning" }
}
