//! The preview's HTML, from Tera templates (autoescaped: typed text never becomes markup): the
//! page shell, the fragment that changes with each build and the 与上一版比较 panel.

use std::sync::OnceLock;

use tera::{Context, Tera};

const STYLE: &str = include_str!("assets/preview.css");
const SCRIPT: &str = include_str!("assets/preview.js");

/// The templates, parsed once; they are part of the binary, so an error is a bug.
fn tera() -> &'static Tera {
    static TERA: OnceLock<Tera> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut tera = Tera::default();
        let templates = [
            ("page.html", include_str!("assets/page.html")),
            ("content.html", include_str!("assets/content.html")),
            ("compare.html", include_str!("assets/compare.html")),
        ];
        tera.add_raw_templates(templates).expect("the preview's templates parse");
        tera
    })
}

/// Renders one of the preview's templates.
pub(crate) fn render(name: &str, context: &Context) -> String {
    tera().render(name, context).unwrap_or_else(|e| panic!("the preview's {name} renders: {e:?}"))
}

/// `/`: the columns stay empty until the script swaps in `/content`.
pub(crate) fn page_html(unit: &str, year: &str) -> String {
    let mut context = Context::new();
    context.insert("unit", unit);
    context.insert("year", year);
    context.insert("style", STYLE);
    context.insert("script", SCRIPT);
    render("page.html", &context)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_unit_name_is_escaped() {
        let html = super::page_html("<b>单位</b>", "2024");
        assert!(html.contains("预览：&lt;b&gt;单位&lt;/b&gt; 2024（草稿）"), "{html}");
        assert!(html.contains("function toggleCompare"), "the script is not escaped");
    }
}
