//! Patch-and-locate helpers of the broken-input corpora (broken.rs, reliability_checks.rs): a
//! shipped file patched, the CLI's findings read back as (code, line:column) pairs.

use std::collections::BTreeMap;
use std::path::Path;

/// Applies the patches (first occurrence of each replaced); returns the patched text and where
/// the first one landed. `name` is the case's, for the panic when a text is not in the data.
pub fn apply<'a>(original: &str, name: &str, patches: impl IntoIterator<Item = (&'a str, &'a str)>) -> (String, usize) {
    let mut text = original.to_string();
    let mut first = None;
    for (find, replace) in patches {
        let pos = text.find(find).unwrap_or_else(|| panic!("{name}: `{find}` not in the shipped data"));
        first.get_or_insert(pos);
        text.replace_range(pos..pos + find.len(), replace);
    }
    (text, first.unwrap_or(0))
}

/// 1-based "line:column" (in characters) of a byte offset, as the diagnostics count them.
pub fn line_col(text: &str, offset: usize) -> String {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    format!("{line}:{}", text[start..offset].chars().count() + 1)
}

/// Every (code, "line:col") in the rendered diagnostics, the place read after `file:` on the
/// line below each heading; "" when a diagnostic has no position in `file`.
pub fn reported(stderr: &str, file: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("错误[").or_else(|| line.strip_prefix("警告[")) else { continue };
        let code = rest.split(']').next().unwrap_or_default().to_string();
        let at = lines.get(i + 1).and_then(|l| l.split(&format!("{file}:")).nth(1)).unwrap_or("").trim().to_string();
        out.push((code, at));
    }
    out
}

/// Every file below `dir` with its bytes, to see that a refused run wrote nothing.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}
