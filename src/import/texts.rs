//! The export's text sheets: 职能 (one paragraph per cell), 机构设置, 名词解释 (terms matched
//! against the catalogue's standard texts).

use toml_edit::{DocumentMut, Item, Value};

use crate::model::Catalog;

use super::edit::{string_list, table_mut};
use super::grid::{Grid, normalise};
use super::sheets::TextSheet;

/// Texts read from the workbook; None where the workbook has no such sheet.
#[derive(Debug, Default)]
pub(crate) struct Texts {
    pub(crate) nature: Option<String>,
    pub(crate) functions: Option<Vec<String>>,
    pub(crate) structure: Option<Vec<String>>,
    pub(crate) glossary: Option<Vec<String>>,
    pub(crate) glossary_level: Option<String>,
}

/// Reads the text sheets: the title and the unit's own name are not paragraphs.
pub(crate) fn read_texts(sheets: &[(TextSheet, &Grid)], owner: &str, catalog: &Catalog) -> Texts {
    let mut texts = Texts::default();
    for (kind, grid) in sheets {
        let paragraphs = paragraphs(grid, owner);
        match kind {
            TextSheet::Functions => read_functions(&mut texts, paragraphs, owner),
            TextSheet::Structure => texts.structure = Some(paragraphs),
            TextSheet::Glossary => read_glossary(&mut texts, &paragraphs, catalog),
        }
    }
    texts
}

/// The sheet's paragraphs in reading order, without its title and the bare unit name.
fn paragraphs(grid: &Grid, owner: &str) -> Vec<String> {
    let title = |t: &str| ["主要职能", "机构设置", "名词解释"].iter().any(|w| t.contains(w)) && t.chars().count() < 40;
    grid.texts().map(|(_, _, t)| t.trim().to_string()).filter(|t| !title(t) && normalise(t) != normalise(owner)).collect()
}

/// 职能: a paragraph that starts with the unit's name is its nature; numbered ones are functions.
fn read_functions(texts: &mut Texts, paragraphs: Vec<String>, owner: &str) {
    let mut functions = Vec::new();
    for p in paragraphs {
        match p.strip_prefix(owner) {
            Some(rest) if texts.nature.is_none() && rest.starts_with('是') => texts.nature = Some(rest.to_string()),
            _ => functions.push(strip_number(&p).to_string()),
        }
    }
    texts.functions = Some(functions);
}

/// `1.`, `1、`, `（一）`, `一、` before a paragraph: the template numbers them itself.
fn strip_number(p: &str) -> &str {
    let rest = p.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十（）()".contains(c));
    match rest.strip_prefix(['.', '、', '．', ' ']) {
        Some(r) if rest.len() < p.len() => r.trim_start(),
        _ if rest.len() < p.len() && p.starts_with(['（', '(']) => rest.trim_start(),
        _ => p,
    }
}

/// 名词解释: the catalogue terms in the order the sheet explains them, and the level word used.
fn read_glossary(texts: &mut Texts, paragraphs: &[String], catalog: &Catalog) {
    let mut terms = Vec::new();
    for p in paragraphs {
        let body = strip_number(p);
        let term = body.split(['：', ':']).next().unwrap_or_default().trim();
        if catalog.glossary.contains_key(term) && !terms.iter().any(|t: &String| t == term) {
            terms.push(term.to_string());
        }
        if texts.glossary_level.is_none() {
            texts.glossary_level = ["区级", "市级", "镇级"].iter().find(|w| body.contains(**w)).map(|w| (*w).to_string());
        }
    }
    texts.glossary = Some(terms);
}

impl Texts {
    /// Writes the texts the workbook holds; the others stay as the person wrote them.
    pub(crate) fn apply(&self, doc: &mut DocumentMut) {
        if let Some(nature) = &self.nature {
            table_mut(doc, "text")["nature"] = Item::Value(Value::from(nature.as_str()));
        }
        if let Some(functions) = self.functions.as_ref().filter(|f| !f.is_empty()) {
            table_mut(doc, "text")["functions"] = Item::Value(string_list(functions));
        }
        if let Some(structure) = self.structure.as_ref().filter(|s| !s.is_empty()) {
            table_mut(doc, "text")["structure"] = Item::Value(string_list(structure));
        }
        if let Some(terms) = self.glossary.as_ref().filter(|g| !g.is_empty()) {
            let list = Value::Array(terms.iter().map(String::as_str).collect());
            table_mut(doc, "unit")["glossary"] = Item::Value(list);
        }
        if let Some(level) = &self.glossary_level {
            table_mut(doc, "unit")["glossary_level"] = Item::Value(Value::from(level.as_str()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strip_number;

    #[test]
    fn numbering_is_left_to_the_template() {
        assert_eq!(strip_number("1.承担全区城市运行管理"), "承担全区城市运行管理");
        assert_eq!(strip_number("12、负责"), "负责");
        assert_eq!(strip_number("（一）财政拨款收入：是"), "财政拨款收入：是");
        assert_eq!(strip_number("一、事业收入"), "事业收入");
        assert_eq!(strip_number("负责全区"), "负责全区");
    }
}
