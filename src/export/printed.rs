//! The table headings as the unit's template set prints them, read from the document's Typst source.
//!
//! Each table template heads its table with `#table-heading[title][owner][unit]` (the base) or
//! `#town-heading[title][label][owner][unit]` (嘉定镇级). Reading those calls out of the source the
//! PDF is typeset from keeps the workbook's headings the document's, for any set, with no Rust
//! change. The source is parsed with Typst's own parser, so escapes, shorthands and comments read
//! exactly as Typst reads them.

use typst::syntax::ast;
use typst::syntax::{SyntaxNode, parse};

use super::grid::Heading;

/// The number of tables, each headed by one call.
const TABLES: usize = 9;

/// The nine headings in table order, `None` where a heading is not plain text; all `None` unless
/// the document makes exactly nine heading calls (then which call heads which table is unknown).
pub(crate) fn headings(source: &str) -> Vec<Option<Heading>> {
    let mut found = Vec::new();
    collect(&parse(source), &mut found);
    if found.len() == TABLES { found } else { vec![None; TABLES] }
}

/// Every heading call under `node`, in source order.
fn collect(node: &SyntaxNode, found: &mut Vec<Option<Heading>>) {
    if let Some(call) = node.cast::<ast::FuncCall>()
        && let ast::Expr::Ident(name) = call.callee()
        && matches!(name.as_str(), "table-heading" | "town-heading")
    {
        found.push(heading(name.as_str(), call.args()));
        return;
    }
    for child in node.children() {
        collect(child, found);
    }
}

/// A call's lines: three (title, owner, unit) for `table-heading`, four (with the label) for `town-heading`.
fn heading(name: &str, args: ast::Args) -> Option<Heading> {
    // Named arguments (`outline:`, the table's 目录 entry) are not printed lines.
    let lines: Vec<String> = args
        .items()
        .filter(|arg| !matches!(arg, ast::Arg::Named(_)))
        .map(|arg| match arg {
            ast::Arg::Pos(ast::Expr::ContentBlock(block)) => plain(block.body()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let heading = |title: &String, label: Option<&String>, owner: &String, unit: &String| Heading {
        title: title.clone(),
        label: label.cloned(),
        owner: owner.clone(),
        unit: unit.clone(),
    };
    match (name, lines.as_slice()) {
        ("table-heading", [title, owner, unit]) => Some(heading(title, None, owner, unit)),
        ("town-heading", [title, label, owner, unit]) => Some(heading(title, Some(label), owner, unit)),
        _ => None,
    }
}

/// Markup as the text the PDF shows; `None` for anything but text, spaces, escapes, shorthands,
/// quotes and `#linebreak()` (bold, calls …), which a cell cannot show as printed.
fn plain(markup: ast::Markup) -> Option<String> {
    let mut out = String::new();
    for expr in markup.exprs() {
        match expr {
            ast::Expr::Text(t) => out.push_str(t.get()),
            ast::Expr::Space(_) if !out.ends_with(' ') => out.push(' '),
            ast::Expr::Space(_) => {}
            ast::Expr::Linebreak(_) => out.push('\n'),
            ast::Expr::Escape(e) => out.push(e.get()),
            ast::Expr::Shorthand(s) => out.push(s.get()),
            ast::Expr::SmartQuote(q) => out.push(quote(q.double(), out.chars().last())),
            ast::Expr::FuncCall(call) if is_linebreak(call) => out.push('\n'),
            _ => return None,
        }
    }
    Some(out.trim().to_string())
}

/// `#linebreak()`, which escaping writes for a newline in typed text.
fn is_linebreak(call: ast::FuncCall) -> bool {
    matches!(call.callee(), ast::Expr::Ident(name) if name.as_str() == "linebreak") && call.args().items().next().is_none()
}

/// A smart quote: opening at the start or after a space or an opening bracket, else closing.
fn quote(double: bool, before: Option<char>) -> char {
    let opening = before.is_none_or(|c| c.is_whitespace() || "([{（【“‘".contains(c));
    match (double, opening) {
        (true, true) => '“',
        (true, false) => '”',
        (false, true) => '‘',
        (false, false) => '’',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(source: &str) -> Option<Heading> {
        let mut found = Vec::new();
        collect(&parse(source), &mut found);
        assert_eq!(found.len(), 1, "{source}");
        found.pop().flatten()
    }

    #[test]
    fn both_calls_are_read_with_their_lines() {
        let h = one("#table-heading[2024年部门收入预算总表][编制部门：某局\\(某中心\\)][单位：元]").unwrap();
        assert_eq!(
            (h.title.as_str(), h.label, h.owner.as_str(), h.unit.as_str()),
            ("2024年部门收入预算总表", None, "编制部门：某局(某中心)", "单位：元")
        );
        let h = one("#town-heading[标题][部门预算08表][编报单位：某镇\\#1 \\[甲\\]][单位：万元]").unwrap();
        assert_eq!(h.label.as_deref(), Some("部门预算08表"));
        assert_eq!(h.owner, "编报单位：某镇#1 [甲]");
    }

    #[test]
    fn typst_text_reads_as_printed() {
        let h = one("#table-heading[ A--B ~ \"x\" a\\u{4e2d} #linebreak()c ][o][u]").unwrap();
        assert_eq!(h.title, "A\u{2013}B \u{a0} “x” a中 \nc");
    }

    #[test]
    fn markup_or_a_wrong_shape_is_not_guessed() {
        assert_eq!(one("#table-heading[*粗*][o][u]"), None);
        let named = one("#table-heading(outline: [2\\. 收入预算总表])[收入预算总表][o][u]").unwrap();
        assert_eq!((named.title.as_str(), named.owner.as_str()), ("收入预算总表", "o"));
        assert_eq!(one("#table-heading[#text(red)[t]][o][u]"), None);
        assert_eq!(one("#table-heading[t][o]"), None, "a missing line");
        assert_eq!(one("#town-heading[t][o][u]"), None, "no label");
    }

    #[test]
    fn nine_calls_or_none() {
        let call = "#table-heading[t][o][u]\n";
        assert!(headings(&call.repeat(9)).iter().all(Option::is_some));
        assert!(headings(&call.repeat(8)).iter().all(Option::is_none));
        let hidden = format!("{}// {call}\\#table-heading[x][y][z]\n", call.repeat(9));
        assert!(headings(&hidden).iter().all(Option::is_some), "comments and escaped text are no calls");
    }
}
