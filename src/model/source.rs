//! A loaded text file kept whole, so diagnostics can point into it.

use std::path::PathBuf;

/// What `import` writes where neither the workbook nor an earlier file gives a value: `"待补充：…"`.
pub const MISSING: &str = "待补充";

/// The text of one input file and the path it was read from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// Byte offsets of line starts, built on first use so locating many findings stays linear.
    lines: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Self { path: path.into(), text: text.into(), lines: std::sync::OnceLock::new() }
    }

    /// Converts a byte offset into 1-based line and column (columns count characters).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.lines.get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect());
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// Byte ranges of the quoted `"待补充…"` values left to fill (comments skipped).
    pub fn missing_values(&self) -> Vec<std::ops::Range<usize>> {
        let needle = format!("\"{MISSING}");
        let mut found = Vec::new();
        let mut line_start = 0;
        for line in self.text.split_inclusive('\n') {
            let code = line.split('#').next().unwrap_or_default();
            let mut from = 0;
            while let Some(at) = code[from..].find(&needle) {
                let start = from + at;
                let end = code[start + 1..].find('"').map_or(code.len(), |e| start + e + 2);
                found.push(line_start + start..line_start + end);
                from = end;
            }
            line_start += line.len();
        }
        found
    }
}
