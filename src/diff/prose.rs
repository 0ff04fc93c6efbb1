//! Generated Typst source reduced to the sentences it prints: markup lines and calls dropped,
//! escapes undone (typed text is escaped by render/escape.rs, so every literal ASCII punctuation
//! character arrives as `\x` and an unescaped one is markup), paragraphs split at 。 and ；.

/// The printed sentences of a document, in order.
pub(crate) fn sentences(source: &str) -> Vec<String> {
    paragraphs(source).iter().flat_map(|p| split(p)).collect()
}

/// The text paragraphs: blank lines and markup lines end a paragraph; code a markup line opens
/// (a table's rows inside `#let rows = (` … `)`) is skipped until its brackets close.
fn paragraphs(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    let mut open = 0i32;
    let mut in_comment = false;
    for raw in source.lines() {
        let line = strip_comments(raw, &mut in_comment);
        if open > 0 {
            open = (open + balance(&line)).max(0);
            continue;
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            open = if line.starts_with('#') { balance(line).max(0) } else { 0 };
            flush(&mut current, &mut found);
            continue;
        }
        current.push_str(unescape(line).trim());
    }
    flush(&mut current, &mut found);
    found
}

fn flush(current: &mut String, found: &mut Vec<String>) {
    if !current.trim().is_empty() {
        found.push(std::mem::take(current));
    }
    current.clear();
}

/// A paragraph cut after each 。 and ；; pieces without any letter are dropped.
fn split(paragraph: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut current = String::new();
    for c in paragraph.chars() {
        current.push(c);
        if matches!(c, '。' | '；') {
            found.push(std::mem::take(&mut current));
        }
    }
    found.push(current);
    found.into_iter().map(|s| s.trim().to_string()).filter(|s| s.chars().any(char::is_alphanumeric)).collect()
}

/// The line without `/* … */` and `// …` comments (a `/*` may run over lines).
fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if *in_comment {
            if c == '*' && chars.peek() == Some(&'/') {
                chars.next();
                *in_comment = false;
            }
            continue;
        }
        match c {
            '\\' => {
                out.push(c);
                out.extend(chars.next());
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                *in_comment = true;
            }
            '/' if chars.peek() == Some(&'/') => break,
            c => out.push(c),
        }
    }
    out
}

/// Unescaped `(` minus `)` on a line of code, outside string literals.
fn balance(line: &str) -> i32 {
    let mut depth = 0;
    let mut chars = line.chars();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => depth -= 1,
            _ => {}
        }
    }
    depth
}

/// The printed text of a markup line: escapes undone, `#name(args)` calls dropped (their `[…]`
/// content kept), other markup characters dropped.
fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('u') if chars.peek() == Some(&'{') => out.extend(code_point(&mut chars)),
                Some(next) => out.push(next),
                None => {}
            },
            '#' => skip_call(&mut chars),
            '[' | ']' | '*' | '_' | '`' | '$' | '<' | '>' | '@' | '~' => {}
            c => out.push(c),
        }
    }
    out
}

/// `\u{4e2d}` after the `u`: the character it names.
fn code_point(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<char> {
    chars.next();
    let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
    u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
}

/// Skips `name(args)` after a `#`.
fn skip_call(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars.peek().is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        chars.next();
    }
    if chars.peek() != Some(&'(') {
        return;
    }
    let mut depth = 0;
    let mut in_string = false;
    for c in chars.by_ref() {
        match c {
            '"' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_dropped_and_escapes_undone() {
        let source = "/*@1:2*/#anchor(1)[一、标题]\n\n甲\\,乙1\\.5万元。第二句；\n第三句#linebreak()续\n\n#let rows = (\n  ([a], [b]),\n)\n/*@3:4*/丙\\(丁\\)。";
        assert_eq!(sentences(source), vec!["甲,乙1.5万元。", "第二句；", "第三句续", "丙(丁)。"]);
    }
}
