//! Indicator tables of every form (申报表, 自评表, booklet): rows with the spans of their merged
//! 一级 and 二级 cells.

use serde::Serialize;

use crate::model::input::IndicatorInput;

/// One indicator row; a non-zero span starts a merged 一级 or 二级 cell.
#[derive(Debug, Serialize)]
pub struct IndicatorRow {
    /// 一级指标: `产出指标`.
    pub level1: String,
    /// Rows the 一级 cell spans when it starts on this row, a number; 0 on the rows it continues over.
    pub level1_span: usize,
    /// 二级指标: `数量指标`.
    pub level2: String,
    /// Rows the 二级 cell spans when it starts on this row, a number; 0 on the rows it continues over.
    pub level2_span: usize,
    /// 三级指标: `简易案件完成率`.
    pub name: String,
    /// The 指标值 in the set's target style (`≥360000.00(件)`), or as typed.
    pub target: String,
}

/// For each row, how many rows a merged cell starting there spans; 0 continues the one above.
pub fn merge_spans<T>(rows: &[T], same: impl Fn(&T, &T) -> bool) -> Vec<usize> {
    (0..rows.len())
        .map(|i| {
            if i > 0 && same(&rows[i - 1], &rows[i]) {
                return 0;
            }
            rows[i..].iter().take_while(|x| same(&rows[i], x)).count()
        })
        .collect()
}

/// The names and target text of one indicator, whatever document it comes from.
pub struct IndicatorCells<'a> {
    pub level1: &'a str,
    pub level2: &'a str,
    pub name: &'a str,
    pub target: String,
}

/// Rows of any indicator table: marks where runs of equal 一级 and 二级 names start, with their lengths.
pub fn spanned_rows<T>(items: &[T], cells: impl Fn(&T) -> IndicatorCells<'_>) -> Vec<IndicatorRow> {
    let all: Vec<IndicatorCells> = items.iter().map(cells).collect();
    let spans1 = merge_spans(&all, |a, b| a.level1 == b.level1);
    let spans2 = merge_spans(&all, |a, b| a.level1 == b.level1 && a.level2 == b.level2);
    all.into_iter()
        .enumerate()
        .map(|(i, c)| IndicatorRow {
            level1: c.level1.to_string(),
            level1_span: spans1[i],
            level2: c.level2.to_string(),
            level2_span: spans2[i],
            name: c.name.to_string(),
            target: c.target,
        })
        .collect()
}

/// Indicator rows with targets exactly as typed (the 002, 003 and 004 styles keep their own syntax).
pub fn indicator_rows_as_typed(indicators: &[IndicatorInput]) -> Vec<IndicatorRow> {
    spanned_rows(indicators, |ind| IndicatorCells {
        level1: &ind.level1,
        level2: &ind.level2,
        name: &ind.name,
        target: ind.target.get_ref().clone(),
    })
}
