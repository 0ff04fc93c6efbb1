//! View model of the 镇级 编制说明: shares of the totals, growth against last year, the
//! general-budget spending grouped by 款, and the 基本支出 sentences by economic 类.

use serde::Serialize;

use crate::derive::tables::AmountRow;
use crate::derive::{self, Budget, Level};
use crate::load::Loaded;

use super::narrative::ChangeView;
use crate::style::Prose;

/// An amount in 万元 with its share of the whole in percent.
#[derive(Debug, Serialize)]
pub struct Share {
    /// The amount in 万元 with the set's prose format: `5295.1`.
    pub amount: String,
    /// Its share of the whole in the set's percent format: `100.00`, or `100` where trimmed.
    pub percent: String,
}

/// 编制说明 (一) and (二): what the totals are made of, and how they moved since last year.
#[derive(Debug, Serialize)]
pub struct Composition {
    /// Total income (and spending) in 万元 with the set's prose format.
    pub total: String,
    /// 财政拨款收入 with its share of the total.
    pub appropriation: Share,
    /// 事业收入 with its share of the total.
    pub business: Share,
    /// 事业单位经营收入 with its share of the total.
    pub operating: Share,
    /// 上级补助收入 with its share of the total.
    pub superior: Share,
    /// 其他收入 with its share of the total.
    pub other: Share,
    /// 基本支出 with its share of total spending.
    pub basic: Share,
    /// 项目支出 with its share of total spending.
    pub project: Share,
    /// Kinds of spending the data has no lines for (上缴上级, 对附属单位补助, 事业单位经营): zero.
    pub unmodelled: Share,
    /// Against `[last_year] total`; absent when the data gives none.
    pub change: Option<ChangeView>,
    /// 一般公共预算 money in 万元, prose format.
    pub general: String,
    /// Its 基本支出 part in 万元, prose format: `2,041.11`.
    pub general_basic: String,
    /// 政府性基金 money in 万元, prose format; `0` when none.
    pub fund: String,
    /// 国有资本经营预算 money in 万元, prose format; `0` when none.
    pub state_capital: String,
    /// Whether there is any 政府性基金 money.
    pub has_fund: bool,
    /// Whether there is any 国有资本经营预算 money.
    pub has_state_capital: bool,
}

/// One 款 of 一般公共预算 spending with its 项 (编制说明 (三)).
#[derive(Debug, Serialize)]
pub struct SectionGroup {
    /// The 款's number in the list, from 1.
    pub number: usize,
    /// The name of its 类.
    pub class: String,
    /// The name of the 款: `行政事业单位养老支出`.
    pub section: String,
    /// The 款's 一般公共预算 money in 万元 with the prose format: `252.90`.
    pub amount: String,
    /// Its 项 with 一般公共预算 money, in code order.
    pub items: Vec<SectionItem>,
}

/// One 项 inside a 款 sentence; the project part is given only when the 项 has both kinds.
#[derive(Debug, Serialize)]
pub struct SectionItem {
    /// The 项 code: `2080502`.
    pub code: String,
    /// The name of the 项.
    pub name: String,
    /// Its 一般公共预算 money in 万元, prose format: `24.17`.
    pub amount: String,
    /// What it is for, as typed.
    pub purpose: String,
    /// Its 项目支出 part in 万元 when the 项 has both 基本 and 项目 money; empty otherwise.
    pub project_amount: String,
    /// What that 项目 part is for, as typed; empty unless `project_amount` is given.
    pub project_purpose: String,
}

/// One economic 类 of 基本支出 (编制说明 (四)).
#[derive(Debug, Serialize)]
pub struct BasicNoteView {
    /// The sentence's number, from 1.
    pub number: usize,
    /// The economic 类 it is about: the typed label, else the catalogue's name.
    pub label: String,
    /// That 类's 基本支出 in 万元 with the prose format: `382.8`.
    pub amount: String,
    /// What it covers, as typed.
    pub purpose: String,
}

/// Builds (一) and (二) from the derived figures (shares of the total, growth against last year).
pub fn build_composition(b: &Budget, prose: Prose) -> Composition {
    let (t, s) = (&b.figures.tables, &b.figures.prose.shares);
    let share = |d: derive::Share| Share { amount: prose.wan(d.part), percent: prose.share_of(d) };
    // Table 5's 合计 row: 一般公共预算 合计, 基本支出, 项目支出.
    let general = |column: usize| t.t5.total[column];
    Composition {
        total: prose.wan(t.t1_income_total),
        appropriation: share(s.appropriation),
        business: share(s.business),
        operating: share(s.operating),
        superior: share(s.superior),
        other: share(s.other),
        basic: share(s.basic),
        project: share(s.project),
        unmodelled: share(s.unmodelled),
        change: b.figures.total_change.map(|c| prose.change(c)),
        general: prose.wan(general(0)),
        general_basic: prose.wan(general(1)),
        fund: prose.wan(t.income.fund),
        state_capital: prose.wan(t.income.state_capital),
        has_fund: !t.income.fund.is_zero(),
        has_state_capital: !t.income.state_capital.is_zero(),
    }
}

/// Groups the 项 with 一般公共预算 money by their 款, in code order (the table 5 rows).
pub fn build_sections(loaded: &Loaded, b: &Budget, prose: Prose) -> Vec<SectionGroup> {
    let mut groups: Vec<SectionGroup> = Vec::new();
    for row in &b.figures.tables.t5.rows {
        match row.level {
            Level::Class => {}
            Level::Section => groups.push(SectionGroup {
                number: groups.len() + 1,
                class: b.function_name(&row.code[..3]).into(),
                section: row.name.clone(),
                amount: prose.wan(row.amounts[0]),
                items: Vec::new(),
            }),
            Level::Item => {
                let item = section_item(loaded, row, prose);
                groups.last_mut().expect("a 款 row precedes its 项").items.push(item);
            }
        }
    }
    groups
}

/// One 项 of a 款 sentence (a table 5 row: 合计, 基本支出, 项目支出); the project part only when it has both kinds of money.
fn section_item(loaded: &Loaded, row: &AmountRow, prose: Prose) -> SectionItem {
    let line = loaded.data.functions.iter().find(|f| f.code.get_ref() == &row.code);
    let [total, basic, project] = [0, 1, 2].map(|c| row.amounts[c]);
    let both = !basic.is_zero() && !project.is_zero();
    SectionItem {
        code: row.code.clone(),
        name: row.name.clone(),
        amount: prose.wan(total),
        purpose: line.map(|l| l.purpose.clone()).unwrap_or_default(),
        project_amount: if both { prose.wan(project) } else { String::new() },
        project_purpose: line.filter(|_| both).and_then(|l| l.project_purpose.clone()).unwrap_or_default(),
    }
}

/// The typed 基本支出 sentences with each 类's amount from the economic table.
pub fn build_basic_notes(loaded: &Loaded, b: &Budget, prose: Prose) -> Vec<BasicNoteView> {
    loaded
        .data
        .basic_notes
        .iter()
        .enumerate()
        .map(|(i, note)| {
            let code = note.code.get_ref();
            let row = b.figures.tables.t8.rows.iter().find(|r| &r.code == code);
            BasicNoteView {
                number: i + 1,
                label: note.label.clone().unwrap_or_else(|| row.map(|r| r.name.clone()).unwrap_or_default()),
                amount: prose.wan(row.map(|r| r.amounts[0]).unwrap_or_default()),
                purpose: note.purpose.clone(),
            }
        })
        .collect()
}
