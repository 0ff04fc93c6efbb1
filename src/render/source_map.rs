//! Generated Typst back to template lines, through markers the templates carry.
//!
//! Tera cannot say which template wrote an output line, so each template line that can take
//! it safely starts (after its indentation) with `/*@<file>:<line>*/`, a Typst block comment
//! that changes nothing in the PDF, and the generated source ends with the table of template
//! files the markers name. A Typst error's line then maps to the nearest marker above it.

use std::fmt::Write as _;

/// Opens every marker and the file table; data text cannot produce it (markup escapes `/` and `*`).
const OPEN: &str = "/*@";
/// Opens the file table appended to the generated source.
const TABLE: &str = "/*@templates\n";

/// A template's text with markers inserted, and where they went.
#[derive(Debug, Clone, Default)]
pub(crate) struct Marked {
    pub text: String,
    /// Byte offset in `text` and byte length of each inserted marker, in order.
    inserts: Vec<(usize, usize)>,
}

impl Marked {
    /// The text unchanged, for templates that cannot carry markers.
    pub fn plain(text: &str) -> Self {
        Self { text: text.to_string(), inserts: Vec::new() }
    }

    /// A byte offset of the marked text as the offset of the same character in the original.
    pub fn original_offset(&self, marked: usize) -> usize {
        let mut shift = 0;
        for &(at, len) in &self.inserts {
            if marked >= at + len {
                shift += len;
            } else if marked >= at {
                return at - shift;
            }
        }
        marked - shift
    }
}

/// Tera state carried from line to line, to tell where a marker would change the output.
#[derive(Default)]
struct Scanner {
    /// Closing delimiter of a Tera tag, expression or comment still open.
    open: Option<&'static str>,
    /// Text of the statement tag still open, to recognise `raw`, `set` … once it closes.
    tag: String,
    /// Inside `{% raw %}`.
    raw: bool,
    /// Depth of blocks whose output is captured or re-used inline (block `set`, `filter`, `component`).
    captured: usize,
    /// An odd number of `"` so far: possibly inside a Typst string.
    quote: bool,
    /// An odd number of backticks so far: possibly inside Typst raw text.
    tick: bool,
    /// The last non-blank text ended with a tag that trims the whitespace after it (`-%}` …).
    trims: bool,
}

/// Inserts a marker of `file` at every line where it provably leaves the output's meaning alone.
pub(crate) fn mark(file: usize, text: &str) -> Marked {
    let mut scanner = Scanner::default();
    let mut marked = Marked { text: String::with_capacity(text.len() + text.len() / 4), inserts: Vec::new() };
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        marked.text.push_str(&line[..indent]);
        if index > 0 && scanner.safe() && starts_with_text(&line[indent..]) {
            let marker = format!("{OPEN}{file}:{}*/", index + 1);
            marked.inserts.push((marked.text.len(), marker.len()));
            marked.text.push_str(&marker);
        }
        marked.text.push_str(&line[indent..]);
        scanner.advance(line);
    }
    marked
}

/// Whether a line begins with literal text that cannot change meaning behind a comment.
///
/// Tera tags or expressions may output nothing (a comment alone on a line would then join two
/// paragraphs); `= - + / digits <` start headings, lists, labels and the like; `*` `.` `` ` ``
/// could continue a comment, a method chain or raw text.
fn starts_with_text(rest: &str) -> bool {
    match rest.chars().next() {
        None => false,
        Some(c) if c.is_whitespace() || c.is_ascii_digit() => false,
        Some(c) => !matches!(c, '{' | '=' | '-' | '+' | '/' | '*' | '<' | '>' | '.' | '`'),
    }
}

impl Scanner {
    /// Whether the position at the start of the next line is plain Typst the template writes as is.
    fn safe(&self) -> bool {
        self.open.is_none() && !self.raw && self.captured == 0 && !self.quote && !self.tick && !self.trims
    }

    /// Follows one line: Tera delimiters, raw blocks, captured blocks, quotes and trimming tags.
    fn advance(&mut self, line: &str) {
        let mut rest = line;
        while !rest.is_empty() {
            if let Some(close) = self.open {
                let Some(at) = rest.find(close) else {
                    self.tag.push_str(rest);
                    return;
                };
                self.tag.push_str(&rest[..at]);
                if close == "%}" {
                    self.statement();
                }
                self.tag.clear();
                self.open = None;
                rest = &rest[at + close.len()..];
            } else if self.raw {
                let Some(at) = rest.find("endraw") else { return };
                self.raw = false;
                rest = rest[at..].find("%}").map_or("", |end| &rest[at + end + 2..]);
            } else {
                let Some((at, close)) = next_opener(rest) else {
                    self.literal(rest);
                    break;
                };
                self.literal(&rest[..at]);
                self.open = Some(close);
                rest = &rest[at + 2..];
            }
        }
        let end = line.trim_end();
        if !end.is_empty() && self.open.is_none() {
            self.trims = end.ends_with("-%}") || end.ends_with("-}}") || end.ends_with("-#}");
        }
    }

    /// Notes the statements that change what follows: `raw`, block `set`, `filter`, `component`.
    fn statement(&mut self) {
        let body = self.tag.trim_matches(|c: char| c == '-' || c.is_whitespace());
        match body.split_whitespace().next().unwrap_or_default() {
            "raw" => self.raw = true,
            "set" | "set_global" if !body.contains('=') => self.captured += 1,
            "filter" | "component" => self.captured += 1,
            "endset" | "endfilter" | "endcomponent" => self.captured = self.captured.saturating_sub(1),
            _ => {}
        }
    }

    /// Literal template text: tracks unescaped `"` and backticks.
    fn literal(&mut self, text: &str) {
        let mut escaped = false;
        for c in text.chars() {
            match c {
                '"' if !escaped => self.quote = !self.quote,
                '`' if !escaped => self.tick = !self.tick,
                _ => {}
            }
            escaped = c == '\\' && !escaped;
        }
    }
}

/// The first Tera opener of `text` and the delimiter that closes it.
fn next_opener(text: &str) -> Option<(usize, &'static str)> {
    let at = text.match_indices('{').map(|(i, _)| i).find(|&i| matches!(text.as_bytes().get(i + 1), Some(b'{' | b'%' | b'#')))?;
    let close = match text.as_bytes()[at + 1] {
        b'{' => "}}",
        b'%' => "%}",
        _ => "#}",
    };
    Some((at, close))
}

/// One template file a marker can name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileEntry {
    /// Embedded in the program rather than read from the project's `templates/`.
    pub builtin: bool,
    /// The file's path (user templates) or name under `templates/` (built-in ones).
    pub path: String,
}

/// Whether a path can be written inside a Typst block comment and read back.
pub(crate) fn fits_marker(path: &str) -> bool {
    !path.contains("*/") && !path.contains("/*") && !path.contains(['\n', '\r', '\t'])
}

/// The table of the template files whose markers occur in `source`, to append to it.
pub(crate) fn table(source: &str, files: &[FileEntry]) -> String {
    let mut used: Vec<usize> = markers(source).filter_map(|(file, _)| (file < files.len()).then_some(file)).collect();
    used.sort_unstable();
    used.dedup();
    if used.is_empty() {
        return String::new();
    }
    let mut out = TABLE.to_string();
    for index in used {
        let entry = &files[index];
        let _ = writeln!(out, "{index}\t{}\t{}", if entry.builtin { "builtin" } else { "user" }, entry.path);
    }
    out.push_str("*/");
    out
}

/// Every marker of a generated source, as (file, line).
fn markers(source: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    source.lines().filter_map(|line| parse_marker(line).map(|(file, line, _)| (file, line)))
}

/// The marker a generated line starts with: file, template line and the marker's byte end.
fn parse_marker(line: &str) -> Option<(usize, usize, usize)> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let body = line[indent..].strip_prefix(OPEN)?;
    let end = body.find("*/")?;
    let (file, number) = body[..end].split_once(':')?;
    Some((file.parse().ok()?, number.parse().ok()?, indent + OPEN.len() + end + 2))
}

/// The template files listed at the end of a generated source.
pub(crate) fn files(source: &str) -> Vec<(usize, FileEntry)> {
    let Some(start) = source.rfind(TABLE) else { return Vec::new() };
    let body = &source[start + TABLE.len()..];
    let body = &body[..body.find("*/").unwrap_or(body.len())];
    body.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            let index = parts.next()?.parse().ok()?;
            let builtin = parts.next()? == "builtin";
            Some((index, FileEntry { builtin, path: parts.next()?.to_string() }))
        })
        .collect()
}

/// Where a byte of the generated source came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub file: FileEntry,
    /// 1-based line in the template.
    pub line: usize,
    /// Generated text of that line before the byte, marker removed (to find the column).
    pub before: String,
}

/// Maps a byte offset of a generated source to the template line that wrote it.
pub(crate) fn locate(source: &str, offset: usize) -> Option<Origin> {
    let offset = floor_boundary(source, offset.min(source.len()));
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[offset..].find('\n').map_or(source.len(), |i| offset + i);
    let lines = source[..line_start].lines().rev();
    let current = std::iter::once(&source[line_start..line_end]);
    let (back, (file, line, marker_end)) =
        current.chain(lines).enumerate().find_map(|(back, text)| parse_marker(text).map(|m| (back, m)))?;
    let file = files(source).into_iter().find(|(index, _)| *index == file)?.1;
    let head = &source[line_start..offset];
    let before = if back == 0 {
        format!("{}{}", &head[..head.len() - head.trim_start_matches([' ', '\t']).len()], &head[marker_end.min(head.len())..])
    } else {
        head.to_string()
    };
    Some(Origin { file, line: line + back, before })
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The generated source without markers or file table: what the templates alone would give.
pub fn strip_markers(source: &str) -> String {
    let body = source.rfind(TABLE).map_or(source, |at| &source[..at]);
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        match parse_marker(line) {
            Some((_, _, end)) => {
                let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                out.push_str(&line[..indent]);
                out.push_str(&line[end..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_plain_lines_only() {
        let text = "{%- set a = 1 -%}\n#one\n  #two {{ a }}\n{% if a %}\n\n{{ a }}\n#three\n{% set b %}\n#captured\n{% endset %}\n- item\n";
        let marked = mark(4, text);
        assert_eq!(
            marked.text,
            "{%- set a = 1 -%}\n#one\n  /*@4:3*/#two {{ a }}\n{% if a %}\n\n{{ a }}\n/*@4:7*/#three\n{% set b %}\n#captured\n{% endset %}\n- item\n"
        );
        assert_eq!(strip_markers(&marked.text), text);
        let at = marked.text.find("#three").unwrap();
        assert_eq!(&text[marked.original_offset(at)..][..6], "#three");
    }

    #[test]
    fn quotes_and_multi_line_tags_stop_marking() {
        let text = "a\n#let s = \"x\nb\"\nc\n{#\nd\n#}\ne\n";
        assert_eq!(mark(0, text).text, "a\n/*@0:2*/#let s = \"x\nb\"\n/*@0:4*/c\n{#\nd\n#}\n/*@0:8*/e\n");
    }

    #[test]
    fn locates_a_line_below_its_marker() {
        let files = [FileEntry { builtin: false, path: "/p/t.typ".into() }];
        let body = "x\n  /*@0:10*/#a\n#b(\"q\")\n";
        let source = format!("{body}{}", table(body, &files));
        let origin = locate(&source, source.find("\"q").unwrap()).unwrap();
        assert_eq!((origin.file.path.as_str(), origin.line, origin.before.as_str()), ("/p/t.typ", 11, "#b("));
        let origin = locate(&source, source.find("#a").unwrap() + 1).unwrap();
        assert_eq!((origin.line, origin.before.as_str()), (10, "  #"));
        assert_eq!(locate(&source, 0), None);
        assert_eq!(strip_markers(&source), "x\n  #a\n#b(\"q\")\n");
    }
}
