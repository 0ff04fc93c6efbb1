//! Synthetic 预算管理一体化 export workbooks, made from the shipped units' figures.
//!
//! No real export is public, so the importer's tests build their own in the layout of
//! `/work/shared/reference/yitihua-export.md`: an in-memory workbook that a test mutates (one
//! defect per broken case) and then saves as `.xlsx` with rust_xlsxwriter. Figures come from the
//! shipped TOML through `load` and `derive`, in `Decimal` only. The real exports' quirks are on by
//! default, each switchable through [`Quirks`], so a test can isolate the one it is about.
//!
//! Coordinates: the model keeps cells by `(row, column)`, both 0-based; every public method
//! that takes or returns a place uses A1 notation (`E24`) or 1-based row numbers, as the
//! importer's diagnostics do.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gen_budget::derive::ledger::split_code;
use gen_budget::derive::{self, Budget, Cell, Kind, Level, Source};
use gen_budget::load::{self, Project};
use gen_budget::money::{Amount, to_wan};
use gen_budget::numerals::chinese;
use regex::Regex;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula};
use tempfile::TempDir;

/// First data row of every coded table (0-based: row 9), below the three header rows 6–8.
const DATA_ROW: u32 = 8;
/// The same row, 1-based as in A1 names: the first 类 row, and the one data row of 三公.
pub const FIRST_DATA_ROW: u32 = DATA_ROW + 1;
/// First header row (0-based: row 6).
const HEADER_ROW: u32 = 5;

// ─── the model ───────────────────────────────────────────────────────────────────────────────

/// One cell's content, as the export holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(Decimal),
    /// A formula without the leading `=`. `cached: None` is saved with rust_xlsxwriter's
    /// default result, a numeric cached `0` (`<v>0</v>`), or an empty string result when
    /// [`Workbook::blank_cache`] is set: either way the importer must not trust it.
    Formula {
        formula: String,
        cached: Option<Decimal>,
    },
}

impl Value {
    pub fn text(text: impl Into<String>) -> Value {
        Value::Text(text.into())
    }

    pub fn number(value: impl Into<Decimal>) -> Value {
        Value::Number(value.into())
    }

    /// A formula with no trusted cached value.
    pub fn formula(formula: impl Into<String>) -> Value {
        Value::Formula { formula: formula.into(), cached: None }
    }

    /// The text with surrounding spaces trimmed, for matching labels such as `" 合计"`.
    fn trimmed(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t.trim()),
            _ => None,
        }
    }
}

/// One worksheet: cells, merged regions and its exact name (a trailing space is kept).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    /// Cells by (row, column), both 0-based; iteration is row-major.
    pub cells: BTreeMap<(u32, u16), Value>,
    /// Merged regions as (first row, first column, last row, last column), 0-based inclusive.
    pub merges: Vec<(u32, u16, u32, u16)>,
}

impl Sheet {
    pub fn new(name: impl Into<String>) -> Sheet {
        Sheet { name: name.into(), ..Sheet::default() }
    }

    pub fn get(&self, a1: &str) -> Option<&Value> {
        self.cells.get(&parse_a1(a1))
    }

    pub fn set(&mut self, a1: &str, value: Value) {
        self.cells.insert(parse_a1(a1), value);
    }

    /// Empties a cell, returning what it held.
    pub fn clear(&mut self, a1: &str) -> Option<Value> {
        self.cells.remove(&parse_a1(a1))
    }

    /// The number a cell holds; panics on anything else, since tests only ask for leaf amounts.
    pub fn number(&self, a1: &str) -> Decimal {
        match self.get(a1) {
            Some(Value::Number(n)) => *n,
            other => panic!("{} › {a1} holds {other:?}, not a number", self.name),
        }
    }

    /// A1 of the first cell (row-major) whose trimmed text equals `text`.
    pub fn find(&self, text: &str) -> Option<String> {
        self.cells.iter().find(|(_, v)| v.trimmed() == Some(text)).map(|(&(r, c), _)| a1(r, c))
    }

    /// A1 of the last cell (row-major) whose trimmed text equals `text`: the 合计 row, say.
    pub fn find_last(&self, text: &str) -> Option<String> {
        self.cells.iter().rev().find(|(_, v)| v.trimmed() == Some(text)).map(|(&(r, c), _)| a1(r, c))
    }

    /// A1 of the first cell whose trimmed text starts with `prefix` (`编制部门：`, `单位`).
    pub fn find_prefix(&self, prefix: &str) -> Option<String> {
        let hit = |v: &Value| v.trimmed().is_some_and(|t| t.starts_with(prefix));
        self.cells.iter().find(|(_, v)| hit(v)).map(|(&(r, c), _)| a1(r, c))
    }

    /// 1-based row whose leading cells hold exactly these code parts (`["208", "05"]` is the
    /// 款 row 208 05, not one of its 项 rows): the next cell must not be a code too.
    pub fn find_row(&self, parts: &[&str]) -> Option<u32> {
        let rows: std::collections::BTreeSet<u32> = self.cells.keys().map(|&(r, _)| r).collect();
        rows.into_iter()
            .find(|&r| {
                let text = |c: u16| self.cells.get(&(r, c)).and_then(Value::trimmed).unwrap_or("");
                let same = parts.iter().enumerate().all(|(c, p)| text(c as u16) == *p);
                let next = text(parts.len() as u16);
                same && (next.is_empty() || !next.chars().all(|ch| ch.is_ascii_digit()))
            })
            .map(|r| r + 1)
    }

    /// 1-based row of a 功能分类 (`2080505`) or 经济分类 (`30217`) code.
    pub fn find_code(&self, code: &str) -> Option<u32> {
        self.find_row(&split_code(code))
    }

    /// Column letters of the first cell whose trimmed text is `header`.
    pub fn column(&self, header: &str) -> String {
        let at = self.find(header).unwrap_or_else(|| panic!("{}: no header “{header}”", self.name));
        at.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
    }

    /// A1 of the cell in `header`'s column and the given 1-based row.
    pub fn cell(&self, header: &str, row: u32) -> String {
        format!("{}{row}", self.column(header))
    }

    /// 1-based row of the table's 合计 row (the last cell reading 合计).
    pub fn total_row(&self) -> u32 {
        let at = self.find_last("合计").unwrap_or_else(|| panic!("{}: no 合计 row", self.name));
        parse_a1(&at).0 + 1
    }

    /// Inserts an empty row so that it becomes row `at` (1-based): cells, merges and the row
    /// numbers inside formulas at or below it move one row down.
    pub fn insert_row(&mut self, at: u32) {
        let at0 = at - 1;
        let shift = |r: u32| if r >= at0 { r + 1 } else { r };
        let cells = std::mem::take(&mut self.cells);
        self.cells = cells.into_iter().map(|((r, c), v)| ((shift(r), c), shift_formula(v, at))).collect();
        for m in &mut self.merges {
            *m = (shift(m.0), m.1, shift(m.2), m.3);
        }
    }

    /// Stores a value at 0-based coordinates.
    pub fn put(&mut self, row: u32, col: u16, value: Value) {
        self.cells.insert((row, col), value);
    }

    /// Stores a text at the top-left of a region and merges the region (0-based, inclusive).
    pub fn merged(&mut self, (r1, c1): (u32, u16), (r2, c2): (u32, u16), text: &str) {
        self.put(r1, c1, Value::text(text));
        if (r1, c1) != (r2, c2) {
            self.merges.push((r1, c1, r2, c2));
        }
    }
}

/// Moves the row numbers at or below `at` (1-based) inside a formula down by one.
fn shift_formula(value: Value, at: u32) -> Value {
    static REF: OnceLock<Regex> = OnceLock::new();
    let re = REF.get_or_init(|| Regex::new(r"(\$?[A-Z]{1,3}\$?)(\d+)").expect("valid regex"));
    match value {
        Value::Formula { formula, cached } => {
            let formula = re
                .replace_all(&formula, |c: &regex::Captures| {
                    let row: u32 = c[2].parse().expect("digits");
                    format!("{}{}", &c[1], if row >= at { row + 1 } else { row })
                })
                .into_owned();
            Value::Formula { formula, cached }
        }
        other => other,
    }
}

/// Column letters of a 0-based column: 0 → A, 26 → AA.
pub fn column_letters(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A1 name of 0-based coordinates: (23, 4) → `E24`.
pub fn a1(row: u32, col: u16) -> String {
    format!("{}{}", column_letters(col), row + 1)
}

/// 0-based coordinates of an A1 name: `E24` → (23, 4).
pub fn parse_a1(a1: &str) -> (u32, u16) {
    let split = a1.find(|c: char| c.is_ascii_digit()).unwrap_or_else(|| panic!("bad A1 “{a1}”"));
    let (letters, digits) = a1.split_at(split);
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1);
    let row: u32 = digits.parse().unwrap_or_else(|_| panic!("bad A1 “{a1}”"));
    (row - 1, (col - 1) as u16)
}

/// A whole workbook, sheets in order.
#[derive(Debug, Clone, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    /// Save formulas with an empty cached result instead of rust_xlsxwriter's cached `0`.
    pub blank_cache: bool,
}

impl Workbook {
    /// Writes the workbook as .xlsx, creating the folder; panics on failure (tests only).
    pub fn save(&self, path: &Path) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("workbook folder");
        }
        let mut book = rust_xlsxwriter::Workbook::new();
        let money = Format::new().set_num_format("#,##0.00");
        let plain = Format::new();
        for sheet in &self.sheets {
            let ws = book.add_worksheet();
            ws.set_name(&sheet.name).unwrap_or_else(|e| panic!("sheet name “{}”: {e}", sheet.name));
            if self.blank_cache {
                ws.set_formula_result_default("");
            }
            for &(r1, c1, r2, c2) in &sheet.merges {
                ws.merge_range(r1, c1, r2, c2, "", &plain).unwrap_or_else(|e| panic!("{}: merge: {e}", sheet.name));
            }
            for (&(r, c), value) in &sheet.cells {
                let written = match value {
                    Value::Text(t) => ws.write_string_with_format(r, c, t, &plain),
                    Value::Number(n) => ws.write_with_format(r, c, *n, &money),
                    Value::Formula { formula, cached } => {
                        let f = match cached {
                            Some(v) => Formula::new(formula).set_result(v.to_string()),
                            None => Formula::new(formula),
                        };
                        ws.write_formula_with_format(r, c, f, &money)
                    }
                };
                written.unwrap_or_else(|e| panic!("{} › {}: {e}", sheet.name, a1(r, c)));
            }
        }
        book.save(path).unwrap_or_else(|e| panic!("save {}: {e}", path.display()));
    }

    /// The first sheet (in workbook order) whose name contains `name_contains`.
    pub fn sheet(&self, name_contains: &str) -> &Sheet {
        let i = self.index(name_contains);
        &self.sheets[i]
    }

    pub fn sheet_mut(&mut self, name_contains: &str) -> &mut Sheet {
        let i = self.index(name_contains);
        &mut self.sheets[i]
    }

    pub fn remove_sheet(&mut self, name_contains: &str) -> Sheet {
        let i = self.index(name_contains);
        self.sheets.remove(i)
    }

    pub fn rename_sheet(&mut self, name_contains: &str, new_name: &str) {
        self.sheet_mut(name_contains).name = new_name.to_string();
    }

    /// Puts `sheet` in place of the sheet with the same exact name.
    pub fn replace_sheet(&mut self, sheet: Sheet) {
        let i = self.sheets.iter().position(|s| s.name == sheet.name).expect("sheet to replace");
        self.sheets[i] = sheet;
    }

    pub fn names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    fn index(&self, name_contains: &str) -> usize {
        self.sheets
            .iter()
            .position(|s| s.name.contains(name_contains))
            .unwrap_or_else(|| panic!("no sheet contains “{name_contains}”; sheets: {:?}", self.names()))
    }
}

// ─── calibers, quirks, names ─────────────────────────────────────────────────────────────────

/// Which export: a single unit's (2.xx sheets) or a department's (3.xx sheets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caliber {
    /// 单位预算: `2.xx` sheets, `编制单位：`.
    Unit,
    /// 部门预算: `3.xx` sheets, `编制部门：`, plus the cover and contents sheets.
    Department,
}

impl Caliber {
    /// 单位 or 部门, as in the sheet names and titles.
    pub fn word(self) -> &'static str {
        match self {
            Caliber::Unit => "单位",
            Caliber::Department => "部门",
        }
    }

    /// The left label of row 4.
    pub fn owner_label(self) -> &'static str {
        match self {
            Caliber::Unit => "编制单位：",
            Caliber::Department => "编制部门：",
        }
    }
}

/// The real exports' oddities; all on by default except `blank_cache`, each one switchable.
#[derive(Debug, Clone, Copy)]
pub struct Quirks {
    /// `2.22单位国有资本经营预算拨款表 ` / `3.23部门国有资本经营预算支出功能分类预算表 ` end in a space.
    pub trailing_space: bool,
    /// The 三公 sheet name has curly quotes `“三公”` (off: ASCII `"三公"`).
    pub curly_quotes: bool,
    /// The 合计 row of 收入总表 reads `" 合计"` (leading space).
    pub spaced_total: bool,
    /// 合计 rows, 类/款 subtotal rows and row 合计 columns are formulas without a cached value
    /// (off: plain numbers).
    pub formula_totals: bool,
    /// Formulas are saved with an empty cached result instead of a cached `0` (default off).
    pub blank_cache: bool,
    /// A1 of the 一般公共预算 sheet carries the label `部门预算05表` / `单位预算05表`.
    pub table_label: bool,
    /// 支出总表's header is one row lower (rows 7–9, data from row 10).
    pub lowered_header: bool,
    /// The 三公 table is in 万元, rounded half-up to 2 decimals (off: 元).
    pub wan_three_public: bool,
    /// The 三公 unit line reads `单位:万元` with an ASCII colon (off: `单位：万元`).
    pub ascii_colon: bool,
    /// The 三公 header reads `因公出国（境）费` with full-width brackets (off: `因公出国(境)费`).
    pub full_width_brackets: bool,
}

impl Default for Quirks {
    fn default() -> Quirks {
        Quirks {
            trailing_space: true,
            curly_quotes: true,
            spaced_total: true,
            formula_totals: true,
            blank_cache: false,
            table_label: true,
            lowered_header: true,
            wan_three_public: true,
            ascii_colon: true,
            full_width_brackets: true,
        }
    }
}

impl Quirks {
    /// A tidy export: every quirk off.
    pub fn none() -> Quirks {
        Quirks {
            trailing_space: false,
            curly_quotes: false,
            spaced_total: false,
            formula_totals: false,
            blank_cache: false,
            table_label: false,
            lowered_header: false,
            wan_three_public: false,
            ascii_colon: false,
            full_width_brackets: false,
        }
    }
}

/// The exact sheet names of one caliber, as the quirks make them.
#[derive(Debug, Clone)]
pub struct Names {
    pub functions: String,
    pub structure: String,
    pub glossary: String,
    pub notes: String,
    pub summary: String,
    pub income: String,
    pub spending: String,
    pub appropriation: String,
    pub general: String,
    pub fund: String,
    pub state_capital: String,
    pub economic: String,
    pub three_public: String,
    pub other: String,
}

/// Sheet names per the spec: 2.xx for a unit, 3.xx for a department.
pub fn names(caliber: Caliber, quirks: &Quirks) -> Names {
    let space = if quirks.trailing_space { " " } else { "" };
    let three = if quirks.curly_quotes { "“三公”" } else { "\"三公\"" };
    let s = |t: &str| t.to_string();
    match caliber {
        Caliber::Unit => Names {
            functions: s("2.11单位职能（单位）"),
            structure: s("2.12单位机构设置（单位）"),
            glossary: s("2.13名词解释（单位）"),
            notes: s("2.14单位编制说明（单位）"),
            summary: s("2.15单位收支总表"),
            income: s("2.16单位收入总表"),
            spending: s("2.17单位支出总表"),
            appropriation: s("2.18单位财政拨款收支总表"),
            general: s("2.20单位一般公共预算拨款表"),
            fund: s("2.21单位政府性基金拨款表"),
            state_capital: format!("2.22单位国有资本经营预算拨款表{space}"),
            economic: s("2.23单位一般公共预算拨款基本支出明细表"),
            three_public: format!("2.25单位{three}经费和机关运行费预算表"),
            other: s("2.26其他相关情况说明（单位）"),
        },
        Caliber::Department => Names {
            functions: s("3.11部门主要职能（部门）"),
            structure: s("3.12部门机构设置（部门）"),
            glossary: s("3.13名词解释（部门）"),
            notes: s("3.14部门编制说明（部门）"),
            summary: s("3.15部门收支总表"),
            income: s("3.16部门收入总表"),
            spending: s("3.17部门支出总表"),
            appropriation: s("3.19部门财政拨款收支总表"),
            general: s("3.21部门一般公共预算支出功能分类预算表"),
            fund: s("3.22部门政府性基金预算支出功能分类预算表"),
            state_capital: format!("3.23部门国有资本经营预算支出功能分类预算表{space}"),
            economic: s("3.24部门一般公共预算基本支出部门预算经济分类预算表"),
            three_public: format!("3.25部门{three}经费和机关运行经费预算表"),
            other: s("3.26其他相关情况说明（部门）"),
        },
    }
}

/// Row-2 title of a table sheet, per caliber: `2024年部门收入预算总表`, `2024年单位收入预算总表` …
/// `table` is the [`Names`] field of the sheet (`"income"`, `"three_public"` …).
pub fn title(caliber: Caliber, year: i32, table: &str) -> String {
    let dept = caliber == Caliber::Department;
    let w = caliber.word();
    let body = match table {
        "summary" if dept => "部门财务收支预算总表".to_string(),
        "summary" => "预算单位财务收支预算总表".to_string(),
        "income" => format!("{w}收入预算总表"),
        "spending" => format!("{w}支出预算总表"),
        "appropriation" => format!("{w}财政拨款收支预算总表"),
        "general" if dept => "部门一般公共预算支出功能分类预算表".to_string(),
        "general" => "单位一般公共预算拨款表".to_string(),
        "fund" if dept => "部门政府性基金预算支出功能分类预算表".to_string(),
        "fund" => "单位政府性基金拨款表".to_string(),
        "state_capital" if dept => "部门国有资本经营预算支出功能分类预算表".to_string(),
        "state_capital" => "单位国有资本经营预算拨款表".to_string(),
        "economic" if dept => "部门一般公共预算基本支出部门预算经济分类预算表".to_string(),
        "economic" => "单位一般公共预算拨款基本支出明细表".to_string(),
        "three_public" if dept => "部门“三公”经费和机关运行经费预算表".to_string(),
        "three_public" => "单位“三公”经费和机关运行费预算表".to_string(),
        other => panic!("no title for table {other}"),
    };
    format!("{year}年{body}")
}

// ─── figures ─────────────────────────────────────────────────────────────────────────────────

/// What a workbook is made from: the unit's identity, texts and derived figures.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Full name, as in `编制部门：` and the text sheets.
    pub name: String,
    pub year: i32,
    pub budget: Budget,
    /// 主要职能, one paragraph each.
    pub functions: Vec<String>,
    /// 机构设置 paragraphs.
    pub structure: Vec<String>,
    /// 名词解释: (term, text with the level word filled in), in the unit's order.
    pub glossary: Vec<(String, String)>,
}

/// Loads and derives a shipped unit-year; panics if the shipped data does not load.
pub fn figures(root: &Path, unit: &str, year: &str) -> Figures {
    let loaded = load::load_unit_year(&Project::new(root), unit, year).unwrap_or_else(|d| panic!("{unit} {year} does not load: {d}"));
    let (budget, _) = derive::derive(&loaded);
    let data = &loaded.data;
    let level = &data.unit.glossary_level;
    let glossary = data
        .unit
        .glossary
        .iter()
        .map(|term| {
            let term = term.get_ref().clone();
            let text = loaded.catalog.glossary.get(&term).cloned().unwrap_or_default();
            (term, text.replace("{级}", level))
        })
        .collect();
    let structure = if data.text.structure.is_empty() {
        department_structure(&data.unit.name, budget.wording.word(), &data.text)
    } else {
        data.text.structure.clone()
    };
    Figures {
        name: data.unit.name.clone(),
        year: *data.year.get_ref(),
        functions: data.text.functions.clone(),
        structure,
        glossary,
        budget,
    }
}

/// The 部门 form of 机构设置, worded as the published chapter 二 is.
fn department_structure(name: &str, word: &str, text: &gen_budget::model::input::Texts) -> Vec<String> {
    let mut out = vec![
        format!("{name}{word}预算是包括{}综合收支计划。", text.members.join("、")),
        format!("本{word}中，行政单位{}家，事业单位{}家，具体包括：", text.admin_units, text.institution_units),
    ];
    out.extend(text.members.iter().enumerate().map(|(i, m)| format!("{}.{m}。", i + 1)));
    out
}

/// The workbook of a shipped unit-year with every default quirk.
pub fn from_unit(root: &Path, unit: &str, year: &str, caliber: Caliber) -> Workbook {
    from_unit_with(root, unit, year, caliber, &Quirks::default())
}

/// The workbook of a shipped unit-year with the given quirks.
pub fn from_unit_with(root: &Path, unit: &str, year: &str, caliber: Caliber, quirks: &Quirks) -> Workbook {
    from_figures(&figures(root, unit, year), caliber, quirks)
}

/// The workbook of any figures (tests may edit a cloned [`Figures`] first).
pub fn from_figures(f: &Figures, caliber: Caliber, quirks: &Quirks) -> Workbook {
    let n = names(caliber, quirks);
    let ctx = Ctx { f, caliber, quirks };
    let w = caliber.word();
    let mut sheets = Vec::new();
    if caliber == Caliber::Department {
        sheets.push(cover(&ctx));
    }
    sheets.push(text_sheet(&ctx, &n.functions, &format!("{w}主要职能"), &numbered(&f.functions)));
    sheets.push(text_sheet(&ctx, &n.structure, &format!("{w}机构设置"), &f.structure));
    let glossary: Vec<String> = f.glossary.iter().map(|(t, x)| format!("{t}：{x}")).collect();
    sheets.push(text_sheet(&ctx, &n.glossary, "名词解释", &numbered(&glossary)));
    sheets.push(text_sheet(&ctx, &n.notes, &format!("{w}编制说明"), &[]));
    sheets.push(summary(&ctx, &n.summary));
    sheets.push(income(&ctx, &n.income));
    sheets.push(spending(&ctx, &n.spending));
    sheets.push(appropriation(&ctx, &n.appropriation));
    sheets.push(function_table(&ctx, &n.general, "general", Source::General, "一般公共预算支出"));
    sheets.push(function_table(&ctx, &n.fund, "fund", Source::Fund, "政府性基金预算支出"));
    sheets.push(function_table(&ctx, &n.state_capital, "state_capital", Source::StateCapital, "国有资本经营预算支出"));
    sheets.push(economic(&ctx, &n.economic));
    sheets.push(three_public(&ctx, &n.three_public));
    sheets.push(text_sheet(&ctx, &n.other, "其他相关情况说明", &[]));
    if caliber == Caliber::Department {
        let list = contents(&sheets);
        sheets.insert(1, list);
    }
    Workbook { sheets, blank_cache: quirks.blank_cache }
}

/// What every sheet builder needs.
struct Ctx<'a> {
    f: &'a Figures,
    caliber: Caliber,
    quirks: &'a Quirks,
}

impl Ctx<'_> {
    fn title(&self, table: &str) -> String {
        title(self.caliber, self.f.year, table)
    }

    /// A total cell: a formula without a trusted cache, or the plain figure.
    fn total(&self, formula: String, value: Decimal) -> Value {
        if self.quirks.formula_totals { Value::formula(formula) } else { Value::Number(value) }
    }
}

fn numbered(paragraphs: &[String]) -> Vec<String> {
    paragraphs.iter().enumerate().map(|(i, p)| format!("{}.{p}", i + 1)).collect()
}

// ─── text sheets ─────────────────────────────────────────────────────────────────────────────

/// A text sheet: the full name in A1 (the first non-empty cell), the title in A2, then one
/// paragraph per cell from A3.
fn text_sheet(ctx: &Ctx, name: &str, heading: &str, paragraphs: &[String]) -> Sheet {
    let mut sheet = Sheet::new(name);
    sheet.put(0, 0, Value::text(&ctx.f.name));
    sheet.put(1, 0, Value::text(heading));
    for (i, p) in paragraphs.iter().enumerate() {
        sheet.put(2 + i as u32, 0, Value::text(p));
    }
    sheet
}

/// 公开表封面: the year's title in A2 and the department in A4.
fn cover(ctx: &Ctx) -> Sheet {
    let mut sheet = Sheet::new("公开表封面");
    sheet.merged((1, 0), (1, 5), &format!("{}年部门预算", ctx.f.year));
    sheet.put(3, 0, Value::text(format!("{}{}", ctx.caliber.owner_label(), ctx.f.name)));
    sheet
}

/// 部门公开目录: the sheet names from A4 down, trimmed as a printed list would be.
fn contents(sheets: &[Sheet]) -> Sheet {
    let mut sheet = Sheet::new("部门公开目录");
    sheet.put(1, 0, Value::text("目录"));
    let listed = sheets.iter().filter(|s| s.name.starts_with('3'));
    for (i, s) in listed.enumerate() {
        sheet.put(3 + i as u32, 0, Value::text(s.name.trim()));
    }
    sheet
}

// ─── table frame ─────────────────────────────────────────────────────────────────────────────

/// Title in row 2 merged across `width` columns, `编制部门：…` in A4, the 单位 line at the right
/// of row `unit_row` (0-based).
fn frame(ctx: &Ctx, name: &str, table: &str, width: u16, unit_row: u32, unit: &str) -> Sheet {
    let mut sheet = Sheet::new(name);
    sheet.merged((1, 0), (1, width - 1), &ctx.title(table));
    sheet.put(3, 0, Value::text(format!("{}{}", ctx.caliber.owner_label(), ctx.f.name)));
    sheet.put(unit_row, width - 1, Value::text(unit));
    sheet
}

/// One line of a coded table: code parts (类 only, 类+款, or 类+款+项), name, leaf amounts.
struct Line {
    codes: Vec<String>,
    name: String,
    values: Vec<Decimal>,
}

impl Line {
    fn depth(&self) -> usize {
        self.codes.len() - 1
    }
}

/// How the amount columns of a coded table are headed.
struct Headers<'a> {
    code_title: &'a str,
    code_cols: u16,
    name_title: &'a str,
    /// A title merged over the amount columns (the 功能分类 tables), if any.
    group: Option<&'a str>,
    /// The leaf columns after 合计.
    leaves: &'a [&'a str],
}

impl Headers<'_> {
    /// Column of 合计 (0-based); the leaves follow it.
    fn total_col(&self) -> u16 {
        self.code_cols + 1
    }

    fn width(&self) -> u16 {
        self.total_col() + 1 + self.leaves.len() as u16
    }
}

/// Header rows 6–8: the code title merged over its code columns (rows 6–7) with 类/款/项 in
/// row 8, the name merged down rows 6–8, then 合计 and the leaves (under the group title).
fn coded_header(sheet: &mut Sheet, h: &Headers) {
    let r = HEADER_ROW;
    sheet.merged((r, 0), (r + 1, h.code_cols - 1), h.code_title);
    for (c, label) in ["类", "款", "项"].iter().take(h.code_cols as usize).enumerate() {
        sheet.put(r + 2, c as u16, Value::text(*label));
    }
    sheet.merged((r, h.code_cols), (r + 2, h.code_cols), h.name_title);
    let amounts: Vec<&str> = std::iter::once("合计").chain(h.leaves.iter().copied()).collect();
    let top = match h.group {
        Some(group) => {
            sheet.merged((r, h.total_col()), (r, h.width() - 1), group);
            r + 1
        }
        None => r,
    };
    for (i, label) in amounts.iter().enumerate() {
        let c = h.total_col() + i as u16;
        sheet.merged((top, c), (r + 2, c), label);
    }
}

/// Data rows from row 9 and the 合计 row after them. Leaf rows (the deepest level) hold
/// numbers; 类/款 rows sum their children, the 合计 row sums the 类 rows, and the 合计 column
/// sums the leaves of its row, each as a formula when the quirk is on.
fn coded_rows(ctx: &Ctx, sheet: &mut Sheet, h: &Headers, lines: &[Line], total_label: &str) {
    let leaf_depth = h.code_cols as usize - 1;
    let first_leaf = h.total_col() + 1;
    for (i, line) in lines.iter().enumerate() {
        let r = DATA_ROW + i as u32;
        for (c, code) in line.codes.iter().enumerate() {
            sheet.put(r, c as u16, Value::text(code));
        }
        sheet.put(r, h.code_cols, Value::text(&line.name));
        let children = children_of(lines, i);
        for (j, value) in line.values.iter().enumerate() {
            let c = first_leaf + j as u16;
            let cell = if line.depth() == leaf_depth { Value::Number(*value) } else { ctx.total(sum_of(c, &children), *value) };
            sheet.put(r, c, cell);
        }
        row_total(ctx, sheet, r, h, line.values.iter().copied().sum());
    }
    let r = DATA_ROW + lines.len() as u32;
    sheet.merged((r, 0), (r, h.code_cols), total_label);
    let classes: Vec<u32> = (0..lines.len()).filter(|&i| lines[i].depth() == 0).map(|i| DATA_ROW + i as u32).collect();
    let mut grand = Decimal::ZERO;
    for j in 0..h.leaves.len() {
        let c = first_leaf + j as u16;
        let value: Decimal = lines.iter().filter(|l| l.depth() == 0).map(|l| l.values[j]).sum();
        grand += value;
        let cell = if classes.is_empty() { Value::Number(value) } else { ctx.total(sum_of(c, &classes), value) };
        sheet.put(r, c, cell);
    }
    if classes.is_empty() {
        sheet.put(r, h.total_col(), Value::Number(grand));
    } else {
        row_total(ctx, sheet, r, h, grand);
    }
}

/// The row 合计 column: the sum of the row's leaf columns.
fn row_total(ctx: &Ctx, sheet: &mut Sheet, r: u32, h: &Headers, value: Decimal) {
    let first = h.total_col() + 1;
    let last = h.width() - 1;
    let formula = format!("SUM({}:{})", a1(r, first), a1(r, last));
    sheet.put(r, h.total_col(), ctx.total(formula, value));
}

/// Sheet rows (0-based) of the lines one level below line `i`, up to its next sibling.
fn children_of(lines: &[Line], i: usize) -> Vec<u32> {
    let depth = lines[i].depth();
    lines[i + 1..]
        .iter()
        .enumerate()
        .take_while(|(_, l)| l.depth() > depth)
        .filter(|(_, l)| l.depth() == depth + 1)
        .map(|(k, _)| DATA_ROW + (i + 1 + k) as u32)
        .collect()
}

/// `SUM(F11:F14)` for contiguous rows, `SUM(F10,F16)` otherwise.
fn sum_of(col: u16, rows: &[u32]) -> String {
    let contiguous = rows.windows(2).all(|w| w[1] == w[0] + 1);
    match rows {
        [] => "0".to_string(),
        [first, .., last] if contiguous => format!("SUM({}:{})", a1(*first, col), a1(*last, col)),
        _ => format!("SUM({})", rows.iter().map(|&r| a1(r, col)).collect::<Vec<_>>().join(",")),
    }
}

/// 类, 款 and 项 rows of the ledger part `keep` selects, with the given leaf columns.
fn function_lines(f: &Figures, keep: impl Fn(Source, Kind) -> bool + Copy, leaves: &[fn(&Cell) -> Amount]) -> Vec<Line> {
    f.budget
        .ledger
        .rollup(keep)
        .iter()
        .map(|row| Line {
            codes: split_code(&row.code).into_iter().map(str::to_string).collect(),
            name: f.budget.function_name(&row.code).to_string(),
            values: leaves.iter().map(|leaf| leaf(&row.cell).yuan()).collect(),
        })
        .collect()
}

/// The 单位 line of every 元 table.
const YUAN: &str = "单位：元";

// ─── the tables ──────────────────────────────────────────────────────────────────────────────

/// Does any 项 have money from this source?
fn has_source(f: &Figures, source: Source) -> bool {
    f.budget.ledger.items.values().any(|c| !c.of_source(source).is_zero())
}

/// 收入总表: 合计 | 财政拨款收入 | [上级补助收入] | 事业收入 | 事业单位经营收入 | 其他收入.
fn income(ctx: &Ctx, name: &str) -> Sheet {
    let mut labels = vec!["财政拨款收入"];
    let mut leaves: Vec<fn(&Cell) -> Amount> = vec![|c| c.sum(|s, _| s.is_appropriation())];
    if has_source(ctx.f, Source::Superior) {
        labels.push("上级补助收入");
        leaves.push(|c| c.of_source(Source::Superior));
    }
    labels.extend(["事业收入", "事业单位经营收入", "其他收入"]);
    leaves.push(|c| c.of_source(Source::Business));
    leaves.push(|c| c.of_source(Source::Operating));
    leaves.push(|c| c.of_source(Source::Other));
    let h = Headers {
        code_title: "功能分类科目编码", code_cols: 3, name_title: "功能分类科目名称", group: None, leaves: &labels
    };
    let mut sheet = frame(ctx, name, "income", h.width(), 3, YUAN);
    coded_header(&mut sheet, &h);
    let lines = function_lines(ctx.f, |_, _| true, &leaves);
    let label = if ctx.quirks.spaced_total { " 合计" } else { "合计" };
    coded_rows(ctx, &mut sheet, &h, &lines, label);
    sheet
}

/// 支出总表: 合计 | 基本支出 | 项目支出; its header sits one row lower with the quirk.
fn spending(ctx: &Ctx, name: &str) -> Sheet {
    let labels = ["基本支出", "项目支出"];
    let h = Headers {
        code_title: "功能分类科目编码", code_cols: 3, name_title: "功能分类科目名称", group: None, leaves: &labels
    };
    let mut sheet = frame(ctx, name, "spending", h.width(), 3, YUAN);
    coded_header(&mut sheet, &h);
    let lines = function_lines(ctx.f, |_, _| true, &[|c| c.of_kind(Kind::Basic), |c| c.of_kind(Kind::Project)]);
    coded_rows(ctx, &mut sheet, &h, &lines, "合计");
    if ctx.quirks.lowered_header {
        sheet.insert_row(HEADER_ROW + 1);
    }
    sheet
}

/// A 功能分类 table of one fund: 合计 | 基本支出 | 项目支出 under the fund's title; the
/// 一般公共预算 one carries the `部门预算05表` label in A1 with the quirk.
fn function_table(ctx: &Ctx, name: &str, table: &str, source: Source, group: &str) -> Sheet {
    let labels = ["基本支出", "项目支出"];
    let h = Headers {
        code_title: "功能分类科目编码", code_cols: 3, name_title: "功能分类科目名称", group: Some(group), leaves: &labels
    };
    let mut sheet = frame(ctx, name, table, h.width(), 3, YUAN);
    if ctx.quirks.table_label && source == Source::General {
        sheet.put(0, 0, Value::text(format!("{}预算05表", ctx.caliber.word())));
    }
    coded_header(&mut sheet, &h);
    let keep = move |s: Source, _: Kind| s == source;
    let lines = function_lines(ctx.f, keep, &[|c| c.of_kind(Kind::Basic), |c| c.of_kind(Kind::Project)]);
    coded_rows(ctx, &mut sheet, &h, &lines, "合计");
    sheet
}

/// 基本支出经济分类: 类 `301` and 款 `301 01` rows, 合计 | 人员经费 | 公用经费.
fn economic(ctx: &Ctx, name: &str) -> Sheet {
    let labels = ["人员经费", "公用经费"];
    let h = Headers {
        code_title: "经济分类科目编码", code_cols: 2, name_title: "部门经济分类科目名称", group: None, leaves: &labels
    };
    let mut sheet = frame(ctx, name, "economic", h.width(), 3, YUAN);
    coded_header(&mut sheet, &h);
    let lines: Vec<Line> = ctx
        .f
        .budget
        .economic
        .iter()
        .map(|row| Line {
            codes: split_code(&row.code).into_iter().map(str::to_string).collect(),
            name: row.name.clone(),
            values: vec![row.personnel.yuan(), row.public.yuan()],
        })
        .collect();
    coded_rows(ctx, &mut sheet, &h, &lines, "合计");
    sheet
}

/// “三公” and 机关运行经费: one data row (row 9), in 万元 rounded half-up to 2 decimals as the
/// platform does (the 合计 and 小计 add the rounded parts), 单位 line in row 3.
fn three_public(ctx: &Ctx, name: &str) -> Sheet {
    let wan = ctx.quirks.wan_three_public;
    let unit = match (wan, ctx.quirks.ascii_colon) {
        (true, true) => "单位:万元",
        (true, false) => "单位：万元",
        (false, _) => "单位：元",
    };
    let mut sheet = frame(ctx, name, "three_public", 7, 2, unit);
    let r = HEADER_ROW;
    sheet.merged((r, 0), (r, 5), "“三公”经费预算数");
    sheet.merged((r, 6), (r + 2, 6), "机关运行经费预算数");
    let abroad = if ctx.quirks.full_width_brackets { "因公出国（境）费" } else { "因公出国(境)费" };
    for (c, label) in [(0, "合计"), (1, abroad), (2, "公务接待费")] {
        sheet.merged((r + 1, c), (r + 2, c), label);
    }
    sheet.merged((r + 1, 3), (r + 1, 5), "公务用车购置及运行费");
    for (c, label) in [(3, "小计"), (4, "购置费"), (5, "运行费")] {
        sheet.put(r + 2, c, Value::text(label));
    }
    let t = &ctx.f.budget.three_public;
    let scale = |a: Amount| if wan { to_wan(a, 2) } else { a.yuan() };
    let (ab, re, pu, op) =
        (scale(t.abroad.current), scale(t.reception.current), scale(t.vehicle_purchase.current), scale(t.vehicle_operation.current));
    let costs = scale(t.operating_costs.unwrap_or_default());
    let d = DATA_ROW;
    sheet.put(d, 0, ctx.total(format!("SUM({}:{})", a1(d, 1), a1(d, 3)), ab + re + pu + op));
    sheet.put(d, 1, Value::Number(ab));
    sheet.put(d, 2, Value::Number(re));
    sheet.put(d, 3, ctx.total(format!("SUM({}:{})", a1(d, 4), a1(d, 5)), pu + op));
    sheet.put(d, 4, Value::Number(pu));
    sheet.put(d, 5, Value::Number(op));
    sheet.put(d, 6, Value::Number(costs));
    sheet
}

/// 收支总表: income by source (A/B) against spending by 类 (C/D…), from row 10; 收入总计 and
/// 支出总计 on one row. The unit caliber splits spending into 合计 | 人员经费 | 公用经费 | 项目支出.
fn summary(ctx: &Ctx, name: &str) -> Sheet {
    let unit = ctx.caliber == Caliber::Unit;
    let width = if unit { 7 } else { 4 };
    let mut sheet = frame(ctx, name, "summary", width, 3, YUAN);
    let r = HEADER_ROW;
    sheet.merged((r, 0), (r, 1), "本年收入");
    sheet.merged((r, 2), (r, width - 1), "本年支出");
    for (c, label) in [(0, "项目"), (1, "预算数"), (2, "项目")] {
        sheet.merged((r + 1, c), (r + 3, c), label);
    }
    if unit {
        sheet.merged((r + 1, 3), (r + 1, 6), "预算数");
        sheet.merged((r + 2, 3), (r + 3, 3), "合计");
        sheet.merged((r + 2, 4), (r + 2, 5), "基本支出");
        sheet.put(r + 3, 4, Value::text("人员经费"));
        sheet.put(r + 3, 5, Value::text("公用经费"));
        sheet.merged((r + 2, 6), (r + 3, 6), "项目支出");
    } else {
        sheet.merged((r + 1, 3), (r + 3, 3), "预算数");
    }
    let first = r + 4;
    let income_rows = summary_income(ctx, &mut sheet, first);
    let spending_rows = summary_spending(ctx, &mut sheet, first, unit);
    let income_used = income_rows.last().map_or(0, |(r, _)| r + 1 - first);
    let total = first + income_used.max(spending_rows.len() as u32);
    sheet.put(total, 0, Value::text("收入总计"));
    let income_total = income_rows.iter().map(|(_, v)| *v).sum();
    let rows: Vec<u32> = income_rows.iter().map(|(r, _)| *r).collect();
    sheet.put(total, 1, ctx.total(sum_of(1, &rows), income_total));
    sheet.put(total, 2, Value::text("支出总计"));
    let rows: Vec<u32> = (0..spending_rows.len() as u32).map(|i| first + i).collect();
    for c in 3..width {
        let value = spending_rows.iter().map(|v| v[(c - 3) as usize]).sum();
        sheet.put(total, c, ctx.total(sum_of(c, &rows), value));
    }
    sheet
}

/// Income lines of 收支总表 from `first` (0-based); returns the top-level rows and values
/// (一、二、三…, not the 1、2、3 lines under 财政拨款收入).
fn summary_income(ctx: &Ctx, sheet: &mut Sheet, first: u32) -> Vec<(u32, Decimal)> {
    let all = ctx.f.budget.ledger.total(|_, _| true);
    let src = |s: Source| all.of_source(s).yuan();
    let funds = [("1、一般公共预算", Source::General), ("2、政府性基金预算", Source::Fund), ("3、国有资本经营预算", Source::StateCapital)];
    let mut others = vec![("事业收入", Source::Business), ("事业单位经营收入", Source::Operating)];
    if has_source(ctx.f, Source::Superior) {
        others.push(("上级补助收入", Source::Superior));
    }
    others.push(("其他收入", Source::Other));
    let appropriation: Decimal = funds.iter().map(|(_, s)| src(*s)).sum();
    sheet.put(first, 0, Value::text("一、财政拨款收入"));
    let parts: Vec<u32> = (1..=3).map(|i| first + i).collect();
    sheet.put(first, 1, ctx.total(sum_of(1, &parts), appropriation));
    for (i, (label, s)) in funds.iter().enumerate() {
        sheet.put(first + 1 + i as u32, 0, Value::text(*label));
        sheet.put(first + 1 + i as u32, 1, Value::Number(src(*s)));
    }
    let mut top = vec![(first, appropriation)];
    for (i, (label, s)) in others.iter().enumerate() {
        let r = first + 4 + i as u32;
        sheet.put(r, 0, Value::text(format!("{}、{label}", chinese(i + 2))));
        sheet.put(r, 1, Value::Number(src(*s)));
        top.push((r, src(*s)));
    }
    top
}

/// Spending lines of 收支总表, one per 类 with the unit's own ordinals; returns each line's
/// values in the columns from D.
fn summary_spending(ctx: &Ctx, sheet: &mut Sheet, first: u32, unit: bool) -> Vec<Vec<Decimal>> {
    let split = class_split(&ctx.f.budget);
    let classes: Vec<_> = ctx.f.budget.ledger.rollup(|_, _| true).into_iter().filter(|r| r.level == Level::Class).collect();
    let mut out = Vec::new();
    for (i, row) in classes.iter().enumerate() {
        let r = first + i as u32;
        let label = format!("{}、{}", chinese(i + 1), ctx.f.budget.function_name(&row.code));
        sheet.put(r, 2, Value::text(label));
        let total = row.cell.total().yuan();
        if unit {
            let (personnel, public) = split.get(&row.code).copied().unwrap_or_default();
            let project = row.cell.of_kind(Kind::Project).yuan();
            sheet.put(r, 3, ctx.total(format!("SUM({}:{})", a1(r, 4), a1(r, 6)), total));
            sheet.put(r, 4, Value::Number(personnel));
            sheet.put(r, 5, Value::Number(public));
            sheet.put(r, 6, Value::Number(project));
            out.push(vec![total, personnel, public, project]);
        } else {
            sheet.put(r, 3, Value::Number(total));
            out.push(vec![total]);
        }
    }
    out
}

/// 人员经费 and 公用经费 of each 类's basic expenditure. The TOML holds the split per economic
/// 款, not per 功能 类, so a typed `basic_public` is used where given and the rest of table 8's
/// 公用经费 goes to the classes with the most basic expenditure first: synthetic, but every
/// 类 adds up to its 基本支出 and the columns add up to table 8.
fn class_split(budget: &Budget) -> BTreeMap<String, (Decimal, Decimal)> {
    let basic: Vec<(String, Decimal)> = budget
        .ledger
        .rollup(|_, k| k == Kind::Basic)
        .into_iter()
        .filter(|r| r.level == Level::Class)
        .map(|r| (r.code, r.cell.total().yuan()))
        .collect();
    let mut public: BTreeMap<String, Decimal> = BTreeMap::new();
    for (code, amount) in &budget.basic_public {
        *public.entry(code[..3].to_string()).or_default() += amount.yuan();
    }
    let typed: Decimal = public.values().copied().sum();
    let mut rest = (budget.economic_totals().1.yuan() - typed).max(Decimal::ZERO);
    let mut order = basic.clone();
    order.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (code, amount) in order {
        let have = public.entry(code).or_default();
        let take = rest.min(amount - *have).max(Decimal::ZERO);
        *have += take;
        rest -= take;
    }
    basic
        .into_iter()
        .map(|(code, b)| {
            let p = public.get(&code).copied().unwrap_or_default();
            (code, (b - p, p))
        })
        .collect()
}

/// 财政拨款收支总表: the three funds (A/B, rows 9–11) against 财政拨款支出 by 类 with
/// 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算 (C–G); 收入总计 / 支出总计 after.
fn appropriation(ctx: &Ctx, name: &str) -> Sheet {
    let width = 7;
    let mut sheet = frame(ctx, name, "appropriation", width, 3, YUAN);
    let r = HEADER_ROW;
    sheet.merged((r, 0), (r, 1), "财政拨款收入");
    sheet.merged((r, 2), (r, 6), "财政拨款支出");
    let heads = ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"];
    for (c, label) in heads.iter().enumerate() {
        sheet.merged((r + 1, c as u16), (r + 2, c as u16), label);
    }
    let funds = [Source::General, Source::Fund, Source::StateCapital];
    let all = ctx.f.budget.ledger.total(|_, _| true);
    for (i, (label, s)) in ["一、一般公共预算", "二、政府性基金预算", "三、国有资本经营预算"].iter().zip(funds).enumerate()
    {
        sheet.put(DATA_ROW + i as u32, 0, Value::text(*label));
        sheet.put(DATA_ROW + i as u32, 1, Value::Number(all.of_source(s).yuan()));
    }
    let classes: Vec<_> = ctx.f.budget.ledger.rollup(|s, _| s.is_appropriation()).into_iter().filter(|r| r.level == Level::Class).collect();
    for (i, row) in classes.iter().enumerate() {
        let r = DATA_ROW + i as u32;
        sheet.put(r, 2, Value::text(format!("{}、{}", chinese(i + 1), ctx.f.budget.function_name(&row.code))));
        sheet.put(r, 3, ctx.total(format!("SUM({}:{})", a1(r, 4), a1(r, 6)), row.cell.total().yuan()));
        for (j, s) in funds.iter().enumerate() {
            sheet.put(r, 4 + j as u16, Value::Number(row.cell.of_source(*s).yuan()));
        }
    }
    let total = DATA_ROW + classes.len().max(3) as u32;
    let income_rows: Vec<u32> = (0..3).map(|i| DATA_ROW + i).collect();
    let appropriation: Decimal = funds.iter().map(|s| all.of_source(*s).yuan()).sum();
    sheet.put(total, 0, Value::text("收入总计"));
    sheet.put(total, 1, ctx.total(sum_of(1, &income_rows), appropriation));
    sheet.put(total, 2, Value::text("支出总计"));
    let rows: Vec<u32> = (0..classes.len() as u32).map(|i| DATA_ROW + i).collect();
    let column_value = |c: u16| -> Decimal {
        classes.iter().map(|row| if c == 3 { row.cell.total().yuan() } else { row.cell.of_source(funds[(c - 4) as usize]).yuan() }).sum()
    };
    for c in 3..width {
        let cell = if rows.is_empty() { Value::Number(Decimal::ZERO) } else { ctx.total(sum_of(c, &rows), column_value(c)) };
        sheet.put(total, c, cell);
    }
    sheet
}

// ─── project roots ───────────────────────────────────────────────────────────────────────────

/// A scratch copy of the project (departments/, catalog/, templates/, fonts) without the
/// unit's folder, so an import with `--unit` starts that unit from nothing.
pub fn scratch_root_without(unit: &str) -> (TempDir, PathBuf) {
    let (dir, root) = super::scratch_project();
    std::fs::remove_dir_all(root.join("departments").join(unit)).unwrap_or_else(|e| panic!("remove {unit}: {e}"));
    (dir, root)
}
