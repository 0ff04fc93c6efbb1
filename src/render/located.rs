//! Set-up diagnostics pointed at a template line: the project's own file, or a built-in one.

use std::ops::Range;
use std::path::PathBuf;

use super::source_map::{FileEntry, Origin};
use crate::diag::Diagnostic;
use crate::model::SourceFile;

/// How a built-in template is named where a path is expected: it is not on disk.
pub(crate) fn builtin_path(name: &str) -> PathBuf {
    PathBuf::from(format!("（内置模板）{name}"))
}

/// The text of a template file as it was loaded (never re-read), to place a snippet in it.
fn template_source(file: &FileEntry) -> (PathBuf, Option<String>) {
    if file.builtin {
        let text = super::templates::BUILTIN_TEMPLATES.iter().find(|(n, _)| *n == file.path).map(|(_, t)| t.to_string());
        (builtin_path(&file.path), text)
    } else {
        let path = PathBuf::from(&file.path);
        let text = crate::diag::Sources::run().get(&path).map(|s| s.text.clone());
        (path, text)
    }
}

/// Points `d` at the template line of `origin`, at the error's column when the line begins alike.
pub(crate) fn at_template(d: Diagnostic, origin: &Origin, width: usize, label: &str) -> Diagnostic {
    let (path, text) = template_source(&origin.file);
    let span = text.as_deref().and_then(|t| line_span(t, origin.line, &origin.before, width));
    match (text, span) {
        (Some(text), Some(span)) => d.at(&SourceFile::new(path, text), span).label(label),
        _ => {
            let mut d = d.in_file(&path);
            d.line_col = Some((origin.line, 1));
            d
        }
    }
}

/// The bytes of line `line` to underline: from the error's column if the generated text before
/// it is the template's own, else the whole line without its indentation.
fn line_span(text: &str, line: usize, before: &str, width: usize) -> Option<Range<usize>> {
    let start: usize = text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
    let own = text.get(start..)?.lines().next()?;
    let end = start + own.len();
    if own.starts_with(before) {
        let from = start + before.len();
        return Some(from..floor(text, (from + width.max(1)).min(end)).max(from));
    }
    let indent = own.len() - own.trim_start().len();
    Some(start + indent..end)
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::line_span;

    #[test]
    fn spans_the_column_when_the_line_begins_alike() {
        let text = "a\n  #let x = (1,\n#b\n";
        assert_eq!(&text[line_span(text, 2, "  #let x = ", 1).unwrap()], "(");
        assert_eq!(&text[line_span(text, 2, "  #let y", 1).unwrap()], "#let x = (1,");
        assert_eq!(line_span(text, 9, "", 1), None);
    }
}
