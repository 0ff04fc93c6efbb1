//! Every value of a data file with its exact span, by key path (`project[2].form.overview[0]`):
//! findings about a typed value point at that value, never at an earlier equal text or a comment.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::model::SourceFile;

/// One string value as typed: its key path, its text and the span of the value (quotes included).
#[derive(Debug, Clone)]
pub(crate) struct TextField {
    pub path: String,
    pub text: String,
    pub span: Range<usize>,
}

impl TextField {
    /// The path without indices, for messages: `project.form.overview`.
    pub fn name(&self) -> String {
        let mut name = String::with_capacity(self.path.len());
        let mut skipping = false;
        for c in self.path.chars() {
            match c {
                '[' => skipping = true,
                ']' => skipping = false,
                _ if !skipping => name.push(c),
                _ => {}
            }
        }
        name
    }

    /// The first key of the path: `project` for `project[2].name`.
    pub fn root(&self) -> &str {
        self.path.split(['.', '[']).next().unwrap_or_default()
    }

    /// The index of the entry of the top-level array `key` holding this value: `project` → 2.
    pub fn index_in(&self, key: &str) -> Option<usize> {
        let rest = self.path.strip_prefix(key)?.strip_prefix('[')?;
        rest[..rest.find(']')?].parse().ok()
    }
}

/// The spans of a file's values, built once per check from the same TOML parser as the data.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    texts: Vec<TextField>,
    spans: HashMap<String, Range<usize>>,
    keys: HashMap<String, usize>,
}

impl Fields {
    /// Indexes every value of the file; a file that does not parse gives no spans.
    pub fn of(source: &SourceFile) -> Fields {
        let mut fields = Fields::default();
        if let Ok(root) = DeTable::parse(&source.text) {
            fields.table(root.get_ref(), "");
        }
        fields.texts.sort_by_key(|t| t.span.start);
        fields
    }

    fn table(&mut self, table: &DeTable<'_>, prefix: &str) {
        for (key, value) in table.iter() {
            let path = if prefix.is_empty() { key.get_ref().to_string() } else { format!("{prefix}.{}", key.get_ref()) };
            self.keys.insert(path.clone(), key.span().start);
            self.value(value, path);
        }
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>, path: String) {
        match value.get_ref() {
            DeValue::Table(table) => self.table(table, &path),
            DeValue::Array(items) => items.iter().enumerate().for_each(|(i, item)| self.value(item, format!("{path}[{i}]"))),
            DeValue::String(text) => {
                self.texts.push(TextField { path: path.clone(), text: text.to_string(), span: value.span() });
                self.spans.insert(path, value.span());
            }
            _ => {
                self.spans.insert(path, value.span());
            }
        }
    }

    /// Every string value, in file order.
    pub fn texts(&self) -> &[TextField] {
        &self.texts
    }

    /// The span of the value at `path` (`function[3].purpose_sentence`), if typed.
    pub fn span(&self, path: &str) -> Option<Range<usize>> {
        self.spans.get(path).cloned()
    }

    /// The whole `key = value` of `path`, from its key: for findings about the setting itself.
    pub fn entry(&self, path: &str) -> Option<Range<usize>> {
        let value = self.span(path)?;
        Some(self.keys.get(path).map_or(value.start, |k| (*k).min(value.start))..value.end)
    }

    /// `needle` inside the value at `path` as typed, else the whole value.
    pub fn find_in(&self, source: &SourceFile, path: &str, needle: &str) -> Option<Range<usize>> {
        let span = self.span(path)?;
        Some(within(source, span, needle))
    }
}

/// The line `[name]` that opens a table (a header, never a comment or a value that mentions it).
pub(crate) fn header(source: &SourceFile, name: &str) -> Option<Range<usize>> {
    let wanted = format!("[{name}]");
    let mut start = 0;
    for line in source.text.split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or_default().trim();
        if code == wanted {
            let at = start + line.find('[').unwrap_or(0);
            return Some(at..at + wanted.len());
        }
        start += line.len();
    }
    None
}

/// `needle` inside `span` of the source, else the whole span (the text may be written with escapes).
pub(crate) fn within(source: &SourceFile, span: Range<usize>, needle: &str) -> Range<usize> {
    let raw = source.text.get(span.clone()).unwrap_or_default();
    match raw.find(needle).filter(|_| !needle.is_empty()) {
        Some(at) => span.start + at..span.start + at + needle.len(),
        None => span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_found_at_its_own_entry() {
        let text = "# name = \"XX\"\n[[project]]\nname = \"XX\"\n[[project]]\nname = \"a\\nXX\"\nlist = [\"b\", \"XX\"]\n";
        let source = SourceFile::new("t.toml", text);
        let fields = Fields::of(&source);
        let names: Vec<String> = fields.texts().iter().map(|t| t.path.clone()).collect();
        assert_eq!(names, ["project[0].name", "project[1].name", "project[1].list[0]", "project[1].list[1]"]);
        let second = &fields.texts()[1];
        assert_eq!((second.name(), second.root(), second.index_in("project")), ("project.name".to_string(), "project", Some(1)));
        let at = fields.find_in(&source, "project[1].name", "XX").unwrap();
        assert_eq!(&text[at.clone()], "XX");
        assert_eq!(source.line_col(at.start), (5, 12), "the second entry's value, not the comment");
        let entry = fields.entry("project[1].name").unwrap();
        assert_eq!(&text[entry], "name = \"a\\nXX\"");
    }
}
