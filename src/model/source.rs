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
}
