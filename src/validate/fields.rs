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

    /// `needle` inside this value as the parser read it, mapped back through the literal's escapes
    /// to the bytes that typed it; the whole value when it is not there.
    pub fn part(&self, source: &SourceFile, needle: &str) -> Range<usize> {
        crate::load::literal::part(source, self.span.clone(), &self.text, needle)
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
    keys: HashMap<String, Range<usize>>,
    /// What each table's value spans: its `[header]` for a standard table.
    tables: HashMap<String, Range<usize>>,
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
            self.keys.insert(path.clone(), key.span());
            self.value(value, path);
        }
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>, path: String) {
        match value.get_ref() {
            DeValue::Table(table) => {
                self.tables.insert(path.clone(), value.span());
                self.table(table, &path);
            }
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
        Some(self.keys.get(path).map_or(value.start, |k| k.start.min(value.start))..value.end)
    }

    /// The key of `path` as typed (`functions` of `[text] functions = …`), whatever its value.
    pub fn key(&self, path: &str) -> Option<Range<usize>> {
        self.keys.get(path).cloned()
    }

    /// The table `path` as the parser saw it: the `[three_public.reasons]` header that opens it.
    pub fn header(&self, path: &str) -> Option<Range<usize>> {
        self.tables.get(path).cloned()
    }

    /// `needle` inside the string value at `path` as the parser read it, else the whole value.
    pub fn find_in(&self, source: &SourceFile, path: &str, needle: &str) -> Option<Range<usize>> {
        let span = self.span(path)?;
        Some(match self.texts.iter().find(|t| t.path == path) {
            Some(text) => text.part(source, needle),
            None => span,
        })
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

    #[test]
    fn headers_and_keys_come_from_the_parser_not_from_a_comment_or_a_value() {
        let text = "# [text]\nnote = \"\"\"\n[text]\nfunctions \"\"\"\n[text] # the table\n# functions = 1\nfunctions = [\"a\"]\n";
        let source = SourceFile::new("t.toml", text);
        let fields = Fields::of(&source);
        let header = fields.header("text").unwrap();
        assert_eq!(source.line_col(header.start), (5, 1), "the header, not the comment or the string");
        assert!(text[header].starts_with("[text]"));
        let key = fields.key("text.functions").unwrap();
        assert_eq!((&text[key.clone()], source.line_col(key.start)), ("functions", (7, 1)));
        assert_eq!(fields.header("nothing"), None);
    }

    #[test]
    fn a_part_is_found_in_the_value_read_not_in_its_escapes() {
        // `n` is also the letter of the escape `\n`; `本部门` follows a `\u` escape and a comment.
        let text = "# 本部门\na = \"x\\ny n\"\nb = \"\\u4E00本部门\"\nc = '''\n本部门'''\nd = \"\"\"\\\n   本部门\"\"\"\n";
        let source = SourceFile::new("t.toml", text);
        let fields = Fields::of(&source);
        let at = |path: &str, needle: &str| {
            let r = fields.find_in(&source, path, needle).unwrap();
            (text[r.clone()].to_string(), source.line_col(r.start))
        };
        assert_eq!(at("a", "n"), ("n".to_string(), (2, 11)));
        assert_eq!(at("b", "本部门"), ("本部门".to_string(), (3, 12)));
        assert_eq!(at("c", "本部门"), ("本部门".to_string(), (5, 1)));
        assert_eq!(at("d", "本部门"), ("本部门".to_string(), (7, 4)));
        assert_eq!(at("a", "absent"), ("\"x\\ny n\"".to_string(), (2, 5)));
    }
}
