//! The `"待补充…"` values `import` left to fill, found by the parser: never in a comment, never
//! inside another text that merely quotes the marker.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::model::{MISSING, SourceFile};

/// Each string value that starts with the marker: its span (quotes included) and its text, in
/// file order. A file with syntax errors gives the values the recovering parser could read.
pub(crate) fn values(source: &SourceFile) -> Vec<(Range<usize>, String)> {
    let (root, _) = DeTable::parse_recoverable(&source.text);
    let mut found = Vec::new();
    table(root.get_ref(), &mut found);
    found.sort_by_key(|(span, _)| span.start);
    found
}

fn table(t: &DeTable<'_>, found: &mut Vec<(Range<usize>, String)>) {
    for (_, v) in t.iter() {
        value(v, found);
    }
}

fn value(v: &Spanned<DeValue<'_>>, found: &mut Vec<(Range<usize>, String)>) {
    match v.get_ref() {
        DeValue::Table(t) => table(t, found),
        DeValue::Array(items) => items.iter().for_each(|i| value(i, found)),
        DeValue::String(s) if s.starts_with(MISSING) => found.push((v.span(), s.to_string())),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::values;
    use crate::model::SourceFile;

    #[test]
    fn markers_are_values_never_comments_or_quotes_inside_text() {
        let text = "# a = \"待补充：注释\"\nb = \"见“待补充”一栏\"\n[t]\nc = [1, \"待补充：c\"]\nd = '待补充：d' # \"待补充：e\"\n";
        let source = SourceFile::new("t.toml", text);
        let found: Vec<((usize, usize), String)> = values(&source).into_iter().map(|(s, t)| (source.line_col(s.start), t)).collect();
        assert_eq!(found, [((4, 9), "待补充：c".to_string()), ((5, 5), "待补充：d".to_string())]);
    }
}
