//! The changes as an HTML fragment (`assets/html/diff.html`): the text's runs with `<del>` and
//! `<ins>`, every text escaped by Tera.

use serde::Serialize;

use super::Changes;
use super::text::{Run, sections};

/// What the fragment shows: the summary, then each section that has changes.
#[derive(Serialize)]
struct View {
    summary: String,
    sections: Vec<Section>,
}

#[derive(Serialize)]
struct Section {
    title: &'static str,
    items: Vec<Vec<Run>>,
}

/// The changes as an HTML fragment for embedding in a page.
pub(crate) fn to_html(c: &Changes) -> String {
    let sections = sections(c).into_iter().filter(|(_, items)| !items.is_empty()).map(|(title, items)| Section { title, items });
    crate::html::render("diff.html", "diff", &View { summary: c.summary(), sections: sections.collect() })
}

/// Changes of every kind, with markup characters in each text, for tests.
#[cfg(test)]
pub(crate) fn sample() -> Changes {
    use super::{CellText, FieldChange, FigureChange, Piece, PieceOp, ProjectChange, SentenceChange};
    let piece = |op, text: &str| Piece { op, text: text.into() };
    let amount = crate::money::Amount::default();
    Changes {
        old: "HEAD:a".into(),
        new: "a".into(),
        figures: vec![
            FigureChange::Changed {
                table: "表3".into(),
                row: "212 <b>".into(),
                column: "项目&支出".into(),
                old: "1.00".into(),
                new: String::new(),
                old_amount: amount,
                new_amount: amount,
                delta: "+1".into(),
                percent: Some("+0.36%".into()),
            },
            FigureChange::Added {
                table: "表1".into(),
                row: "x\"".into(),
                cells: vec![CellText { column: "c".into(), text: "<i>".into() }],
            },
            FigureChange::Removed { table: "表2".into(), row: String::new(), cells: vec![] },
        ],
        sentences: vec![
            SentenceChange::Added { text: "<script>alert(1)</script>".into() },
            SentenceChange::Removed { text: "A & B".into() },
            SentenceChange::Changed {
                old: String::new(),
                new: String::new(),
                pieces: vec![piece(PieceOp::Same, "共"), piece(PieceOp::Removed, "<1>"), piece(PieceOp::Added, "&2")],
            },
        ],
        projects: vec![
            ProjectChange::Added { name: "<新>".into() },
            ProjectChange::Removed { name: "旧&".into() },
            ProjectChange::Changed {
                name: "改\"".into(),
                fields: vec![
                    FieldChange { field: "申报表·<a>".into(), old: Some("1\n2".into()), new: Some("1\n3".into()) },
                    FieldChange { field: "b".into(), old: None, new: Some("<n>".into()) },
                    FieldChange { field: "c".into(), old: Some("o".into()), new: None },
                    FieldChange { field: "d".into(), old: None, new: None },
                ],
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_escaped_and_changes_marked() {
        let html = to_html(&sample());
        assert!(!html.contains("<script>") && !html.contains("<b>") && !html.contains("<i>"), "{html}");
        assert!(html.starts_with(
            "<section class=\"diff\">\n<p class=\"summary\">共 3 处数字、3 句、3 个项目有变化</p>\n<h3>数字（3）</h3>\n<ul>\n"
        ));
        assert!(html.contains("<li>表3 212 &lt;b&gt; · 项目&amp;支出: <del>1.00</del> → <ins>（空）</ins>（+1，+0.36%）</li>\n"));
        assert!(html.contains("<li>+ <ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins></li>\n<li>- <del>A &amp; B</del></li>\n"));
        assert!(html.contains("<li>~ 共<del>&lt;1&gt;</del><ins>&amp;2</ins></li>\n"));
        assert!(html.contains(
            "有变化<br>申报表·&lt;a&gt;: 1 ¶ <del>2</del><ins>3</ins><br>b: 新增 <ins>&lt;n&gt;</ins><br>c: 删除 <del>o</del><br>d: </li>"
        ));
        assert!(html.ends_with("</ul>\n</section>\n"));
        let none = Changes { figures: vec![], sentences: vec![], projects: vec![], ..sample() };
        assert_eq!(to_html(&none), "<section class=\"diff\">\n<p class=\"summary\">两个版本没有差别</p>\n</section>\n");
    }
}
