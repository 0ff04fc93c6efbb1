//! Which sheet holds which table, found by the table's meaning in its name, and each sheet's
//! title year, 编制单位 and 单位 line.

use crate::diag::Code;
use std::path::Path;

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Diagnostics};

use super::grid::{Grid, a1, normalise};

/// The export tables gen-budget reads figures from (the others are checked when present).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Table {
    Income,
    Spending,
    General,
    Fund,
    StateCapital,
    Economic,
    ThreePublic,
}

impl Table {
    /// Tables without which the leaf figures cannot be known.
    pub(crate) const REQUIRED: [Table; 5] = [Table::Income, Table::Spending, Table::General, Table::Economic, Table::ThreePublic];

    /// The table's name in messages.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Table::Income => "收入总表",
            Table::Spending => "支出总表",
            Table::General => "一般公共预算支出功能分类表",
            Table::Fund => "政府性基金预算支出功能分类表",
            Table::StateCapital => "国有资本经营预算支出功能分类表",
            Table::Economic => "一般公共预算基本支出经济分类表",
            Table::ThreePublic => "“三公”经费和机关运行经费预算表",
        }
    }
}

/// A text sheet of the export: 职能, 机构设置, 名词解释.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextSheet {
    Functions,
    Structure,
    Glossary,
}

/// What a sheet holds, judged from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Table(Table),
    Text(TextSheet),
}

/// The role of a sheet by the meaning of its name; sheets gen-budget does not read give None.
pub(crate) fn classify(name: &str) -> Option<Role> {
    let n = normalise(name);
    let has = |w: &str| n.contains(w);
    let table = if has("含转移支付") || has("分单位") || has("封面") || has("目录") {
        None
    } else if has("三公") {
        Some(Table::ThreePublic)
    } else if has("经济分类") || (has("基本支出") && has("一般公共预算")) {
        Some(Table::Economic)
    } else if has("国有资本") {
        Some(Table::StateCapital)
    } else if has("政府性基金") {
        Some(Table::Fund)
    } else if has("一般公共预算") {
        Some(Table::General)
    } else if has("财政拨款") || has("收支") || has("项目") {
        None
    } else if has("收入") {
        Some(Table::Income)
    } else if has("支出") && has("表") {
        Some(Table::Spending)
    } else {
        None
    };
    table.map(Role::Table).or_else(|| text_role(&n).map(Role::Text))
}

fn text_role(n: &str) -> Option<TextSheet> {
    if n.contains("职能") {
        Some(TextSheet::Functions)
    } else if n.contains("机构设置") {
        Some(TextSheet::Structure)
    } else if n.contains("名词解释") {
        Some(TextSheet::Glossary)
    } else {
        None
    }
}

/// 部门 (department caliber, 编制部门) or 单位 (unit caliber, 编制单位); `编报单位` says neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Caliber {
    Department,
    Unit,
    Unstated,
}

impl Caliber {
    /// The data format's `wording`, when the owner line tells it.
    pub(crate) fn word(self) -> Option<&'static str> {
        match self {
            Caliber::Department => Some("部门"),
            Caliber::Unit => Some("单位"),
            Caliber::Unstated => None,
        }
    }
}

/// The heading lines of one table sheet.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// The year in the title and where it stands.
    pub(crate) year: Option<(i32, (u32, u32))>,
    /// The unit named on the 编制单位/编制部门 line, its caliber and cell.
    pub(crate) owner: Option<(String, Caliber, (u32, u32))>,
    /// 元 per unit of the sheet's figures: 1 for 元, 10000 for 万元.
    pub(crate) scale: Decimal,
}

/// Reads the heading of a table sheet; a missing or unknown 单位 line is K7.
pub(crate) fn read_heading(grid: &Grid, workbook: &Path, found: &mut Diagnostics) -> Option<Heading> {
    let scale = read_scale(grid, workbook, found)?;
    Some(Heading { year: title_year(grid), owner: owner_line(grid), scale })
}

/// The first `YYYY年` in the top rows (the title, or a header such as `2024年“三公”经费预算数`).
fn title_year(grid: &Grid) -> Option<(i32, (u32, u32))> {
    grid.texts().filter(|(r, _, t)| *r < 12 && !normalise(t).starts_with("编制")).find_map(|(r, c, t)| year_in(t).map(|y| (y, (r, c))))
}

/// A four-digit year followed by 年.
pub(crate) fn year_in(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(5)
        .find(|w| w[4] == '年' && w[..4].iter().all(char::is_ascii_digit))
        .map(|w| w[..4].iter().collect::<String>().parse().unwrap_or(0))
}

fn owner_line(grid: &Grid) -> Option<(String, Caliber, (u32, u32))> {
    grid.texts().find_map(|(r, c, t)| {
        let n = normalise(t);
        let caliber = if n.starts_with("编制部门") {
            Caliber::Department
        } else if n.starts_with("编制单位") {
            Caliber::Unit
        } else if n.starts_with("编报单位") {
            Caliber::Unstated
        } else {
            return None;
        };
        let name = n.split_once(':').map(|(_, rest)| rest.to_string()).unwrap_or_default();
        Some((name, caliber, (r, c)))
    })
}

fn read_scale(grid: &Grid, workbook: &Path, found: &mut Diagnostics) -> Option<Decimal> {
    let Some((r, c)) = grid.find(|t| t.starts_with("单位:")) else {
        found.push(
            Diagnostic::error(Code::K7, format!("工作表“{}”没有“单位：元”或“单位：万元”一行，无法确定金额单位", grid.name.trim()))
                .in_sheet(workbook, &grid.name)
                .hint("导出表的标题下方应有“单位：元”（“三公”表为“单位：万元”）；请按原样导出，不要删去该行"),
        );
        return None;
    };
    let unit = grid.label(r, c).trim_start_matches("单位:").to_string();
    match unit.as_str() {
        "元" => Some(Decimal::ONE),
        "万元" => Some(Decimal::from(10_000)),
        _ => {
            found.push(
                Diagnostic::error(Code::K7, format!("工作表“{}”的金额单位“{unit}”无法识别", grid.name.trim()))
                    .in_cell(workbook, &grid.name, a1(r, c))
                    .hint("金额单位只能是“元”或“万元”"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Role, Table, TextSheet, classify, year_in};

    #[test]
    fn sheets_are_found_by_meaning() {
        let t = |n: &str| classify(n).and_then(|r| if let Role::Table(t) = r { Some(t) } else { None });
        assert_eq!(t("2.16单位收入总表"), Some(Table::Income));
        assert_eq!(t("3.17部门支出总表"), Some(Table::Spending));
        assert_eq!(t("2.22单位国有资本经营预算拨款表 "), Some(Table::StateCapital));
        assert_eq!(t("3.24部门一般公共预算基本支出部门预算经济分类预算表"), Some(Table::Economic));
        assert_eq!(t("3.21部门一般公共预算支出功能分类预算表"), Some(Table::General));
        assert_eq!(t("2.23单位一般公共预算拨款基本支出明细表"), Some(Table::Economic));
        assert_eq!(t("2.20单位一般公共预算拨款表"), Some(Table::General));
        assert_eq!(t("2.25单位“三公”经费和机关运行费预算表"), Some(Table::ThreePublic));
        assert_eq!(t("1.9部门“三公”经费和机关运行经费预算表"), Some(Table::ThreePublic));
        assert_eq!(t("表2 收入预算总表"), Some(Table::Income));
        assert_eq!(t("表3 支出预算总表"), Some(Table::Spending));
        for other in [
            "2.15单位收支总表",
            "3.19部门财政拨款收支总表",
            "2.19单位财政拨款明细",
            "2.27单位收入总表（含转移支付）",
            "3.18部门支出分单位明细表",
            "2.24单位项目明细",
            "表1 财务收支预算总表",
            "表4 财政拨款收支预算总表",
        ] {
            assert_eq!(t(other), None, "{other}");
        }
        assert_eq!(classify("3.11部门主要职能（部门）"), Some(Role::Text(TextSheet::Functions)));
        assert_eq!(classify("2.13名词解释（单位）"), Some(Role::Text(TextSheet::Glossary)));
    }

    #[test]
    fn years_come_from_titles() {
        assert_eq!(year_in("2026年预算单位财务收支预算总表"), Some(2026));
        assert_eq!(year_in("部门“三公”经费"), None);
        assert_eq!(year_in("编号12345年"), Some(2345));
    }
}
