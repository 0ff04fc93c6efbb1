//! TOML string literals read character by character, so a part of a value as the parser read it
//! (after escapes) is pointed at the bytes that typed it, never at an escape or other text.

use std::ops::Range;

use crate::model::SourceFile;

/// `needle` inside the string value `value` typed at `span`; the whole span when the needle is
/// not in the value or the literal does not read back as `value`.
pub(crate) fn part(source: &SourceFile, span: Range<usize>, value: &str, needle: &str) -> Range<usize> {
    let Some(raw) = source.text.get(span.clone()) else { return span };
    let Some(found) = value.find(needle).filter(|_| !needle.is_empty()) else { return span };
    let Some(chars) = decode(raw).filter(|c| c.iter().map(|(ch, _)| *ch).eq(value.chars())) else { return span };
    let mut at = 0;
    let (mut start, mut end) = (None, None);
    for (ch, bytes) in &chars {
        if at == found {
            start = Some(bytes.start);
        }
        at += ch.len_utf8();
        if at == found + needle.len() {
            end = Some(bytes.end);
        }
    }
    match (start, end) {
        (Some(s), Some(e)) => span.start + s..span.start + e,
        _ => span,
    }
}

/// Each character a literal stands for, with the bytes of `raw` (quotes included) that typed it.
fn decode(raw: &str) -> Option<Vec<(char, Range<usize>)>> {
    let (quote, escapes) = match raw {
        r if r.starts_with("'''") => ("'''", false),
        r if r.starts_with("\"\"\"") => ("\"\"\"", true),
        r if r.starts_with('\'') => ("'", false),
        r if r.starts_with('"') => ("\"", true),
        _ => return None,
    };
    let body = raw.get(quote.len()..raw.len().checked_sub(quote.len())?)?;
    let mut from = quote.len();
    // A newline right after the opening quotes of a multi-line string is not part of it.
    let body = if quote.len() == 3 {
        let trimmed = body.strip_prefix("\r\n").or_else(|| body.strip_prefix('\n')).unwrap_or(body);
        from += body.len() - trimmed.len();
        trimmed
    } else {
        body
    };
    if escapes { escaped(body, from) } else { Some(body.char_indices().map(|(i, c)| (c, from + i..from + i + c.len_utf8())).collect()) }
}

/// A basic string's characters: escapes read as what they stand for, a line-ending `\` skipped.
fn escaped(body: &str, from: usize) -> Option<Vec<(char, Range<usize>)>> {
    let mut out = Vec::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push((c, from + i..from + i + c.len_utf8()));
            continue;
        }
        let (_, e) = chars.next()?;
        let simple = match e {
            'b' => Some('\u{8}'),
            't' => Some('\t'),
            'n' => Some('\n'),
            'f' => Some('\u{c}'),
            'r' => Some('\r'),
            'e' => Some('\u{1b}'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(ch) = simple {
            out.push((ch, from + i..from + i + 2));
            continue;
        }
        let digits = match e {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ if e.is_whitespace() => {
                while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                continue;
            }
            _ => return None,
        };
        let hex = body.get(i + 2..i + 2 + digits)?;
        out.push((char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, from + i..from + i + 2 + digits));
        for _ in 0..digits {
            chars.next();
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode;

    fn read(raw: &str) -> String {
        decode(raw).unwrap().iter().map(|(c, _)| *c).collect()
    }

    #[test]
    fn literals_read_as_the_parser_reads_them() {
        assert_eq!(read("\"a\\tb\\u4E00\\\"\""), "a\tb一\"");
        assert_eq!(read("'a\\n'"), "a\\n");
        assert_eq!(read("\"\"\"\nx\\\n   y\"\"\""), "xy");
        assert_eq!(read("'''\r\nz'''"), "z");
        assert!(decode("\"\\q\"").is_none(), "not an escape TOML knows");
    }
}
