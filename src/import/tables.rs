//! A classification table (功能分类 or 经济分类) read by its header text: code columns 类/款/项,
//! the amount columns it names, rows of 类, 款 and 项, and its 合计 row.

use crate::diag::Code;
use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};

use super::cells::{Figure, read_figure};
use super::grid::{Grid, Value, a1};

/// An amount column of an export table, by its header text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Column {
    Total,
    Appropriation,
    Business,
    Operating,
    Other,
    Superior,
    Basic,
    Project,
    Personnel,
    Public,
}

impl Column {
    fn header(self) -> &'static str {
        match self {
            Column::Total => "合计",
            Column::Appropriation => "财政拨款收入",
            Column::Business => "事业收入",
            Column::Operating => "事业单位经营收入",
            Column::Other => "其他收入",
            Column::Superior => "上级补助收入",
            Column::Basic => "基本支出",
            Column::Project => "项目支出",
            Column::Personnel => "人员经费",
            Column::Public => "公用经费",
        }
    }
}

/// Income columns of 收入总表: 合计 is their sum.
pub(crate) const INCOME: [Column; 5] = [Column::Appropriation, Column::Business, Column::Operating, Column::Other, Column::Superior];
/// Spending columns of the 功能分类 tables.
pub(crate) const SPENDING: [Column; 2] = [Column::Basic, Column::Project];
/// Columns of the 经济分类 table.
pub(crate) const STAFF: [Column; 2] = [Column::Personnel, Column::Public];

/// One 类, 款 or 项 row with its amounts by column.
#[derive(Debug, Clone)]
pub(crate) struct ClassRow {
    pub(crate) code: String,
    pub(crate) row: u32,
    /// The column of the row's deepest code cell, where a wrong code is pointed at.
    pub(crate) code_col: u32,
    pub(crate) figures: BTreeMap<Column, Figure>,
}

impl ClassRow {
    /// The amount of a column, zero when the table has no such column.
    pub(crate) fn get(&self, column: Column) -> rust_decimal::Decimal {
        self.figures.get(&column).map_or(rust_decimal::Decimal::ZERO, |f| f.yuan)
    }
}

/// A parsed classification table.
#[derive(Debug, Clone)]
pub(crate) struct ClassTable {
    pub(crate) sheet: String,
    pub(crate) rows: Vec<ClassRow>,
    pub(crate) total: Option<ClassRow>,
    /// The amount columns found, with their sheet columns.
    pub(crate) columns: BTreeMap<Column, u32>,
}

/// Where the header put things.
struct Layout {
    codes: Vec<u32>,
    name: u32,
    columns: BTreeMap<Column, u32>,
    first_row: u32,
}

/// Reads a table whose code columns are `depth` deep (3: 类款项, 2: 类款) with the given amount columns.
pub(crate) fn read_class_table(
    grid: &Grid,
    depth: usize,
    wanted: &[Column],
    scale: rust_decimal::Decimal,
    workbook: &Path,
    found: &mut Diagnostics,
) -> Option<ClassTable> {
    let Some(layout) = find_layout(grid, depth, wanted) else {
        let heads: Vec<&str> = wanted.iter().map(|c| c.header()).collect();
        found.push(
            Diagnostic::error(
                Code::K9,
                format!(
                    "工作表“{}”找不到表头（科目编码 类/款{} 与 {}）",
                    grid.name.trim(),
                    if depth == 3 { "/项" } else { "" },
                    heads.join("、")
                ),
            )
            .in_sheet(workbook, &grid.name)
            .hint("表头文字须与导出表一致；请不要改动或删去表头行"),
        );
        return None;
    };
    let mut table = ClassTable { sheet: grid.name.clone(), rows: Vec::new(), total: None, columns: layout.columns.clone() };
    let mut parents: Vec<String> = Vec::new();
    for row in layout.first_row..grid.rows {
        match read_row(grid, row, &layout, &mut parents, scale, workbook) {
            Ok(Some(Line::Item(r))) => table.rows.push(r),
            Ok(Some(Line::Total(r))) => table.total = Some(r),
            Ok(None) => {}
            Err(d) => found.push(d),
        }
    }
    Some(table)
}

/// Finds the code columns in one header row and the amount columns near it.
fn find_layout(grid: &Grid, depth: usize, wanted: &[Column]) -> Option<Layout> {
    let marks = ["类", "款", "项"];
    let (head_row, codes) = (0..grid.rows.min(30)).find_map(|r| {
        let cols: Vec<u32> = marks[..depth].iter().filter_map(|m| (0..grid.cols).find(|&c| grid.label(r, c) == *m)).collect();
        let deeper = depth < 3 && (0..grid.cols).any(|c| grid.label(r, c) == "项");
        (cols.len() == depth && !deeper).then_some((r, cols))
    })?;
    let top = head_row.saturating_sub(3);
    let mut columns = BTreeMap::new();
    for &column in wanted {
        let at = (top..=head_row).find_map(|r| (0..grid.cols).find(|&c| grid.label(r, c) == column.header()));
        if let Some(c) = at {
            columns.insert(column, c);
        }
    }
    let needed = [Column::Total].iter().chain(
        wanted.iter().filter(|c| matches!(c, Column::Basic | Column::Project | Column::Personnel | Column::Public | Column::Appropriation)),
    );
    if needed.clone().any(|c| !columns.contains_key(c)) {
        return None;
    }
    let last_code = *codes.iter().max()?;
    let name = (top..=head_row).find_map(|r| (0..grid.cols).find(|&c| grid.label(r, c).contains("名称"))).unwrap_or(last_code + 1);
    Some(Layout { codes, name, columns, first_row: head_row + 1 })
}

enum Line {
    Item(ClassRow),
    Total(ClassRow),
}

/// One data row: a 类/款/项 row, the 合计 row, or nothing (blank lines, notes).
fn read_row(
    grid: &Grid,
    row: u32,
    layout: &Layout,
    parents: &mut Vec<String>,
    scale: rust_decimal::Decimal,
    workbook: &Path,
) -> Result<Option<Line>, Diagnostic> {
    let is_total = layout.codes.iter().chain([&layout.name]).any(|&c| matches!(grid.label(row, c).as_str(), "合计" | "总计"));
    let figures = || -> Result<BTreeMap<Column, Figure>, Diagnostic> {
        layout.columns.iter().map(|(&k, &c)| Ok((k, read_figure(grid, row, c, scale, workbook)?))).collect()
    };
    if is_total {
        return Ok(Some(Line::Total(ClassRow { code: String::new(), row, code_col: layout.codes[0], figures: figures()? })));
    }
    let blank = layout.columns.values().all(|&c| grid.get(row, c) == &Value::Empty);
    let (code, code_col) = match row_code(grid, row, &layout.codes, parents, workbook) {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(None),
        // A note under the table (注：…空表) stands in the code column with no figures beside it.
        Err(_) if blank => return Ok(None),
        Err(d) => return Err(d),
    };
    Ok(Some(Line::Item(ClassRow { code, row, code_col, figures: figures()? })))
}

/// The row's full code from its code cells, taking parents from the rows above when only the
/// row's own level is filled (镇级 layout).
fn row_code(grid: &Grid, row: u32, codes: &[u32], parents: &mut Vec<String>, workbook: &Path) -> Result<Option<(String, u32)>, Diagnostic> {
    let parts: Vec<Option<String>> = codes.iter().map(|&c| code_text(grid.get(row, c))).collect();
    let Some(deepest) = parts.iter().rposition(Option::is_some) else { return Ok(None) };
    let mut full = String::new();
    for (level, part) in parts.iter().enumerate().take(deepest + 1) {
        let width = if level == 0 { 3 } else { 2 };
        let text = match part {
            Some(t) => t.clone(),
            None => parents.get(level).map(|p| p[p.len() - width..].to_string()).unwrap_or_default(),
        };
        if text.len() != width || !text.chars().all(|c| c.is_ascii_digit()) {
            let col = codes[level];
            return Err(Diagnostic::error(Code::K3, format!("科目编码“{}”格式不对", part.clone().unwrap_or_default()))
                .in_cell(workbook, &grid.name, a1(row, col))
                .hint(if level == 0 { "类级编码为3位数字，如 208" } else { "款、项级编码为2位数字，如 05" }));
        }
        full.push_str(&text);
    }
    *parents = [3, 5, 7].iter().take(deepest + 1).map(|&n| full[..n].to_string()).collect();
    Ok(Some((full, codes[deepest])))
}

/// A code cell as text: codes should be text, but a number 208 or 5 is read as `208` / `05`.
fn code_text(value: &Value) -> Option<String> {
    match value {
        Value::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        Value::Number(d) if d.fract().is_zero() => {
            let s = d.trunc().to_string();
            Some(if s.len() == 1 { format!("0{s}") } else { s })
        }
        _ => None,
    }
}
