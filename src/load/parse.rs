//! TOML into typed input with every mistake of the file reported: all syntax errors from the
//! recovering parser, then every type error by taking the offending key out and trying again.

use crate::diag::Code;
use serde::de::DeserializeOwned;
use std::ops::Range;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::SourceFile;

/// More findings than this in one file are not worth reading; the first ones are the fix.
const MAX_FINDINGS: usize = 50;

/// Parses TOML into `T`, turning every syntax and type error into a located diagnostic.
pub fn parse_toml<T: DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostics> {
    // Texts that never were a file on disk (a git revision's, a test's) get their snippets too.
    crate::diag::Sources::run().remember(source);
    let (root, syntax) = DeTable::parse_recoverable(&source.text);
    if !syntax.is_empty() {
        let mut found: Vec<Diagnostic> = syntax.iter().take(MAX_FINDINGS).map(|e| diagnostic(source, e)).collect();
        found.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        return Err(Diagnostics(found));
    }
    let first = match T::deserialize(Deserializer::from(root)) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    Err(Diagnostics(every_type_error::<T>(source, first)))
}

/// The first error, then each further one: the offending value is replaced in a copy of the
/// text by a harmless value of the expected type (an unknown key is taken out), the copy is
/// read again, and the next error's position is mapped back to the original text.
fn every_type_error<T: DeserializeOwned>(source: &SourceFile, first: toml::de::Error) -> Vec<Diagnostic> {
    let mut found = vec![diagnostic(source, &first)];
    let mut text = source.text.clone();
    let mut edits: Vec<Edit> = Vec::new();
    let mut error = first;
    while found.len() < MAX_FINDINGS {
        let Some(edit) = error.span().and_then(|span| repair(&text, span.start, error.message())) else { break };
        text.replace_range(edit.at.clone(), &edit.with);
        edits.push(edit);
        let (root, syntax) = DeTable::parse_recoverable(&text);
        if !syntax.is_empty() {
            break;
        }
        error = match T::deserialize(Deserializer::from(root)) {
            Ok(_) => break,
            Err(e) => e,
        };
        let Some(span) = error.span().map(|s| original(&edits, s)) else { break };
        found.push(diagnostic_at(source, &error, span));
    }
    found.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    found
}

/// One replacement in the working copy of the text.
struct Edit {
    at: Range<usize>,
    with: String,
}

/// Maps a span of the repaired text back to the original, undoing the edits last to first.
fn original(edits: &[Edit], mut span: Range<usize>) -> Range<usize> {
    for e in edits.iter().rev() {
        let shift = |p: usize| {
            if p >= e.at.start + e.with.len() {
                p + e.at.len() - e.with.len()
            } else if p > e.at.start {
                e.at.start
            } else {
                p
            }
        };
        span = shift(span.start)..shift(span.end).max(shift(span.start));
    }
    span
}

/// The edit that gets past the error at `at`: drop an unknown key, or give a value of the type
/// the message expects (an amount or a word that failed a check becomes 0 or "").
fn repair(text: &str, at: usize, message: &str) -> Option<Edit> {
    let (root, _) = DeTable::parse_recoverable(text);
    let (key, value) = entry_at(root.get_ref(), at)?;
    if message.starts_with("unknown field") {
        let end = text[value.end..].find('\n').map_or(text.len(), |i| value.end + i);
        let rest = text[value.end..end].trim_start();
        let end = if rest.starts_with(',') { value.end + text[value.end..].find(',')? + 1 } else { value.end };
        return Some(Edit { at: key.start..end, with: String::new() });
    }
    if message.starts_with("missing field") {
        return None;
    }
    Some(Edit { at: value, with: placeholder(message).to_string() })
}

/// A value of the kind serde expected, for the repaired copy only.
fn placeholder(message: &str) -> &'static str {
    let expected = message.split_once("expected ").map_or("", |(_, e)| e);
    if expected.contains("string") || expected.contains("文字") {
        "\"\""
    } else if expected.contains("sequence") || expected.contains("数组") {
        "[]"
    } else if expected.contains("map") || expected.contains("struct") || expected.contains("table") {
        "{}"
    } else if expected.contains("bool") {
        "false"
    } else {
        "0"
    }
}

/// The deepest key and value spans whose key or value holds byte `at`. A `[table]` value spans
/// only its header, so every nested table is searched, not just the one whose span holds `at`.
fn entry_at(table: &DeTable<'_>, at: usize) -> Option<(Range<usize>, Range<usize>)> {
    for (k, v) in table.iter() {
        let nested = match v.get_ref() {
            DeValue::Table(t) => entry_at(t, at),
            DeValue::Array(items) => items.iter().find_map(|i| match i.get_ref() {
                DeValue::Table(t) => entry_at(t, at),
                _ => i.span().contains(&at).then(|| (k.span(), i.span())),
            }),
            _ => None,
        };
        if nested.is_some() {
            return nested;
        }
        if k.span().contains(&at) || v.span().contains(&at) {
            return Some((k.span(), v.span()));
        }
    }
    None
}

fn diagnostic(source: &SourceFile, err: &toml::de::Error) -> Diagnostic {
    match err.span() {
        Some(span) => diagnostic_at(source, err, span),
        None => Diagnostic::error(code(err.message()), format!("TOML 数据有误：{}", translate(err.message())))
            .in_file(&source.path)
            .hint(hint(err.message())),
    }
}

fn diagnostic_at(source: &SourceFile, err: &toml::de::Error, span: Range<usize>) -> Diagnostic {
    let message = translate(err.message());
    Diagnostic::error(code(err.message()), format!("TOML 数据有误：{message}")).at(source, span).hint(hint(err.message()))
}

/// A stable code per kind of TOML mistake.
fn code(message: &str) -> Code {
    if message.starts_with("unknown field") {
        Code::T2
    } else if message.starts_with("missing field") {
        Code::T3
    } else if message.contains("浮点数") {
        Code::T4
    } else if message.contains("负数") {
        Code::T5
    } else if message.contains("金额") {
        Code::T6
    } else {
        Code::T1
    }
}

/// The parser's and serde's English in Chinese; what is not known keeps the original in （）.
fn translate(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ");
        return format!("未知字段 {field}，可用字段：{expected}");
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("缺少必填字段 {field}");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("类型不对：这里是{}，应为{}", kind_word(got), kind_word(expected));
    }
    if !message.is_ascii() {
        return message.to_string();
    }
    let (what, expected) = message.split_once(", expected ").unwrap_or((message, ""));
    let said = SYNTAX.iter().find(|(en, _)| what.starts_with(en)).map(|(_, zh)| *zh);
    match (said, expected) {
        (Some(zh), "") => zh.to_string(),
        (Some(zh), e) => format!("{zh}，此处应为 {}", expected_word(e)),
        (None, _) => format!("TOML 语法错误（{message}）"),
    }
}

/// Known syntax errors of the toml parser.
const SYNTAX: [(&str, &str); 16] = [
    ("unclosed table", "表头缺少右方括号 ]"),
    ("unclosed array", "数组缺少右方括号 ]"),
    ("unclosed inline table", "内联表缺少右花括号 }"),
    ("string values must be quoted", "文字值必须加引号"),
    ("duplicate key", "重复的键"),
    ("invalid basic string", "字符串缺少右引号 \""),
    ("invalid literal string", "字符串缺少右引号 '"),
    ("unquoted keys cannot be empty", "键名不能为空"),
    ("invalid boolean", "布尔值只能是 true 或 false"),
    ("integer number overflowed", "整数超出范围"),
    ("invalid time", "时间格式不对"),
    ("invalid date", "日期格式不对"),
    ("missing escaped value", "反斜杠后的转义字符不对"),
    ("invalid table header", "表头格式不对"),
    ("key with no value", "键后面缺少值"),
    ("invalid unquoted key", "键名含有不允许的字符"),
];

fn expected_word(expected: &str) -> String {
    expected
        .replace(" or ", " 或 ")
        .replace("letters, numbers", "字母、数字")
        .replace("literal string", "带引号的字符串")
        .replace("hour", "小时")
}

/// serde's names of kinds of values, as a user reads them.
fn kind_word(text: &str) -> String {
    let t = text.trim();
    let word = |w: &str| t.starts_with(w);
    if word("string") {
        format!("文字 {}", t.trim_start_matches("string").trim())
    } else if word("integer") || word("i64") || word("u64") || word("u32") || word("i32") {
        format!("整数{}", t.split_once(' ').map_or(String::new(), |(_, v)| format!(" {v}")))
    } else if word("sequence") || word("a sequence") {
        "数组".into()
    } else if word("map") || word("struct") || word("a map") {
        "表".into()
    } else if word("boolean") || word("a boolean") {
        format!("布尔值{}", t.split_once(' ').map_or(String::new(), |(_, v)| format!(" {v}")))
    } else if word("a string") {
        "文字".into()
    } else if word("floating point") {
        "小数".into()
    } else {
        t.to_string()
    }
}

/// A short hint for the common TOML mistakes.
fn hint(message: &str) -> String {
    if message.contains("浮点数") {
        "金额以元为单位，写整数（如 241670）或字符串（如 \"241,670.00\"）".into()
    } else if message.starts_with("unknown field") {
        "检查字段名拼写，字段说明见 README.md 的“数据格式”一节".into()
    } else if message.starts_with("missing field") {
        "补上该字段，字段说明见 README.md 的“数据格式”一节".into()
    } else {
        "按 TOML 语法修改该处，参见 README.md 的“数据格式”一节".into()
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_toml, translate};
    use crate::model::SourceFile;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: i64,
        b: String,
        #[serde(default)]
        c: Vec<Item>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        n: i64,
    }

    fn codes(text: &str) -> Vec<(String, usize)> {
        let source = SourceFile::new("t.toml", text);
        parse_toml::<T>(&source).unwrap_err().0.iter().map(|d| (d.code.as_str().to_string(), d.line_col.map_or(0, |l| l.0))).collect()
    }

    #[test]
    fn every_syntax_error_is_reported() {
        assert_eq!(codes("a = \nb = 1 2\n[c\n"), vec![("T1".into(), 1), ("T1".into(), 2), ("T1".into(), 3)]);
    }

    #[test]
    fn every_type_error_is_reported() {
        let found = codes("a = \"one\"\nb = 2\ncolour = 1\n[[c]]\nn = \"x\"\n[[c]]\nn = 1\nm = 2\n");
        assert_eq!(found, vec![("T1".into(), 1), ("T1".into(), 2), ("T2".into(), 3), ("T1".into(), 5), ("T2".into(), 8)]);
    }

    #[test]
    fn messages_are_chinese() {
        assert_eq!(translate("unclosed table, expected `]`"), "表头缺少右方括号 ]，此处应为 `]`");
        assert_eq!(translate("invalid type: string \"x\", expected i64"), "类型不对：这里是文字 \"x\"，应为整数");
        assert!(translate("something new").starts_with("TOML 语法错误（"));
    }
}
