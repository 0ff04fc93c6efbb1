//! Escaping user text for Typst, so that no input can ever run as Typst code.
//!
//! Markup: a backslash before every ASCII punctuation character makes it literal
//! (typst-syntax `lexer.rs::backslash`); newlines become explicit line breaks.
//! String literals: only `\\ \" \n \r \t` exist, so markup escaping must not be used there.

use std::io::{self, Write};

/// Escapes text for Typst markup (content blocks and body text).
pub fn escape_markup(input: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut buf = [0u8; 4];
    for c in input.chars() {
        match c {
            '\r' => {}
            '\n' => out.write_all(b"#linebreak()")?,
            '\t' => out.write_all(b" ")?,
            c if c.is_ascii_punctuation() => {
                out.write_all(b"\\")?;
                out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            }
            c if c.is_control() => write!(out, "\\u{{{:x}}}", c as u32)?,
            c => out.write_all(c.encode_utf8(&mut buf).as_bytes())?,
        }
    }
    Ok(())
}

/// Returns the markup-escaped form of `input`.
pub fn markup(input: &str) -> String {
    let mut out = Vec::with_capacity(input.len() + 8);
    escape_markup(input, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

/// Quotes `input` as a Typst string literal: `"…"` with `\\ \" \n \r \t` escapes.
pub fn string_literal(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 2);
    out.push('"');
    for c in input.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_every_ascii_punctuation() {
        assert_eq!(markup("某局 #1 预算_2026"), "某局 \\#1 预算\\_2026");
        assert_eq!(markup("1. a\\b"), "1\\. a\\\\b");
        assert_eq!(markup("a\nb"), "a#linebreak()b");
        assert_eq!(markup("中文，（一）"), "中文，（一）", "full-width text is untouched");
    }

    #[test]
    fn string_literal_uses_code_escapes_only() {
        assert_eq!(string_literal("a\"b\\c\nd#"), "\"a\\\"b\\\\c\\nd#\"");
    }
}
