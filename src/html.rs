//! The HTML pages gen-budget writes (batch index, changes page, diff fragment) are Tera templates
//! from `assets/html/`, embedded and autoescaped by Tera, so typed text never becomes markup.

use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Tera};

/// The built-in page templates; `.html` names make Tera escape every `{{ … }}`.
const TEMPLATES: &[(&str, &str)] = &[
    ("index.html", include_str!("../assets/html/index.html")),
    ("changes.html", include_str!("../assets/html/changes.html")),
    ("diff.html", include_str!("../assets/html/diff.html")),
];

/// The templates, parsed once per process.
fn pages() -> &'static Tera {
    static PAGES: OnceLock<Tera> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut tera = Tera::default();
        tera.add_raw_templates(TEMPLATES.iter().copied()).expect("the built-in HTML templates parse");
        tera
    })
}

/// Renders a built-in page with its view as `name`; the templates are fixed and tested, so a
/// failure is a bug, not a user's problem.
pub(crate) fn render(template: &str, name: &'static str, view: &impl Serialize) -> String {
    let mut context = Context::new();
    context.insert(name, view);
    pages().render(template, &context).unwrap_or_else(|e| panic!("HTML template {template}: {e:?}"))
}

/// Text as HTML character data or a quoted attribute value (the preview page's own markup).
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
