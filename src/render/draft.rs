//! Draft marks of a budget document: every finding marked at the start of the section it belongs
//! to (the findings page itself is `view_model::findings`).

use serde::Serialize;

/// Marks shown at the start of each section of a draft; empty in a release.
#[derive(Debug, Serialize)]
pub struct Marks {
    /// Marks for the cover, and for findings that belong nowhere else: `[1] 警告[H1]：…`.
    pub cover: Vec<String>,
    /// Marks for chapter 一 (主要职能).
    pub functions: Vec<String>,
    /// Marks for the 名词解释.
    pub glossary: Vec<String>,
    /// Marks for the 预算编制说明.
    pub narrative: Vec<String>,
    /// Index 0 is table 1.
    pub tables: Vec<Vec<String>>,
    /// Marks for 六.一, the “三公” figures.
    pub three_public: Vec<String>,
    /// Marks for 六.三, 政府采购.
    pub procurement: Vec<String>,
    /// Marks for 六.四, 绩效目标.
    pub performance: Vec<String>,
    /// Marks for 六.五, 国有资产.
    pub assets: Vec<String>,
}

impl Default for Marks {
    fn default() -> Self {
        let none = Vec::new;
        Marks {
            cover: none(),
            functions: none(),
            glossary: none(),
            narrative: none(),
            tables: vec![Vec::new(); 9],
            three_public: none(),
            procurement: none(),
            performance: none(),
            assets: none(),
        }
    }
}
