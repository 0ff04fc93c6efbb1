//! The chapters of a budget document in the set's order (`[document] chapters`), numbered from
//! their position so a set can add, drop or move a chapter without editing every heading.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::numerals::chapter_marker;

/// One chapter as printed: which it is, and its number.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterView {
    /// The chapter's name in `[document] chapters`: `narrative`, `projects`, …
    pub key: String,
    /// 1-based position in the document.
    pub number: usize,
    /// The 目录 and heading marker of that position: `四、`.
    pub marker: String,
}

/// The chapters in order, and the same chapters by key for headings (`doc.chapter.narrative.marker`).
pub fn build_chapters(keys: &[String]) -> (Vec<ChapterView>, BTreeMap<String, ChapterView>) {
    let list: Vec<ChapterView> =
        keys.iter().enumerate().map(|(i, key)| ChapterView { key: key.clone(), number: i + 1, marker: chapter_marker(i + 1) }).collect();
    let by_key = list.iter().map(|c| (c.key.clone(), c.clone())).collect();
    (list, by_key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_follow_the_position() {
        let keys: Vec<String> = ["functions", "projects", "performance"].iter().map(|k| k.to_string()).collect();
        let (list, by_key) = build_chapters(&keys);
        assert_eq!(list.iter().map(|c| c.marker.as_str()).collect::<Vec<_>>(), ["一、", "二、", "三、"]);
        assert_eq!(by_key["performance"].number, 3);
    }
}
