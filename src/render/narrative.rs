//! View model of the generated prose: amounts in 万元, change words and percentages.

use serde::Serialize;

use crate::derive::{Budget, Change, Direction, Share};

use crate::style::Prose;

impl Prose {
    /// A derived share in the set's percent format (a zero whole reads as a zero share, refused by D15 where printed).
    pub fn share_of(self, s: Share) -> String {
        let dp = self.percent.decimals;
        self.percent(s.percent(dp).unwrap_or_else(|| crate::money::round_half_up(rust_decimal::Decimal::ZERO, dp)))
    }

    /// A figure this year and last, with its change, for a sentence.
    pub fn figure(self, c: Change) -> Figure {
        Figure { amount: self.wan(c.current), prior: self.wan(c.prior), change: self.change(c) }
    }

    /// A change as a sentence prints it: word, 万元 and percent.
    pub fn change(self, c: Change) -> ChangeView {
        ChangeView {
            direction: c.direction,
            word: c.direction.word(),
            amount: self.wan(c.magnitude),
            percent: c.percent(self.percent.decimals).map(|p| self.percent(p)),
            new: c.prior.is_zero() && !c.current.is_zero(),
        }
    }
}

/// A change ready for a sentence: direction, its word, size in 万元 and percent.
#[derive(Debug, Serialize)]
pub struct ChangeView {
    /// Which way the figure moved, for conditions: `increase`, `decrease` or `equal`.
    pub direction: Direction,
    /// The direction as printed: `增加`, `减少` or `持平`.
    pub word: &'static str,
    /// The size of the change in 万元 with the prose format, no sign: `45.85`.
    pub amount: String,
    /// The change as a percentage of last year (`0.33`), in the set's percent format; absent when last year was zero.
    pub percent: Option<String>,
    /// Whether the figure is new this year: zero last year, not zero now.
    pub new: bool,
}

/// A figure with its change against last year.
#[derive(Debug, Serialize)]
pub struct Figure {
    /// This year's figure in 万元 with the set's prose format: `13,699.36`.
    pub amount: String,
    /// Last year's figure in 万元, prose format: `13,745.21`.
    pub prior: String,
    /// The change from last year to this year.
    pub change: ChangeView,
}

/// One 项 sentence of 编制说明: path of names, amount, purpose, prior and reason.
#[derive(Debug, Serialize)]
pub struct ItemView {
    /// The sentence's number, from 1.
    pub number: usize,
    /// The 项 code: `2080502`.
    pub code: String,
    /// The name of its 类: `社会保障和就业支出`.
    pub class: String,
    /// The name of its 款: `行政事业单位养老支出`.
    pub section: String,
    /// The name of the 项: `事业单位离退休`.
    pub item: String,
    /// Its 一般公共预算 amount against last year's 执行数 (percent in the 项 sentences' precision).
    pub figure: Figure,
    /// What the money is for, as typed (the text after 主要用于).
    pub purpose: String,
    /// Whether 主要用于… starts a sentence of its own (amount then 。) rather than continuing it (，).
    pub purpose_sentence: bool,
    /// Why the figure changed, as typed; may be empty when it did not.
    pub reason: String,
    /// Draft marks for this 项; empty in a release.
    pub marks: Vec<String>,
}

/// The typed texts of one 项 sentence.
#[derive(Debug, Default)]
pub struct ItemText {
    pub purpose: String,
    pub purpose_sentence: bool,
    pub reason: String,
}

/// The whole 编制说明 chapter's figures.
#[derive(Debug, Serialize)]
pub struct Narrative {
    /// 收入预算 in 万元 with the set's prose format: `13,699.36`.
    pub income_total: String,
    /// 财政拨款收入 (and 支出) against last year.
    pub appropriation: Figure,
    /// 事业收入 in 万元, prose format: `0`.
    pub business: String,
    /// 事业单位经营收入 in 万元, prose format.
    pub operating: String,
    /// 其他收入 in 万元, prose format.
    pub other: String,
    /// 支出预算 in 万元, prose format (equal to the income).
    pub spending_total: String,
    /// 一般公共预算拨款 against last year.
    pub general: Figure,
    /// 政府性基金拨款 against last year.
    pub fund: Figure,
    /// 国有资本经营预算拨款 against last year.
    pub state_capital: Figure,
    /// One sentence per 项 with 一般公共预算 money, in code order.
    pub items: Vec<ItemView>,
}

/// Builds the narrative figures; `texts` gives each item's purpose and reason.
pub fn build_narrative(b: &Budget, texts: &dyn Fn(&str) -> ItemText, prose: Prose) -> Narrative {
    let (t, p) = (&b.figures.tables, &b.figures.prose);
    Narrative {
        income_total: prose.wan(t.t1_income_total),
        appropriation: prose.figure(p.appropriation),
        business: prose.wan(t.income.business),
        operating: prose.wan(t.income.operating),
        other: prose.wan(t.income.other),
        spending_total: prose.wan(t.t1_income_total),
        general: prose.figure(p.general),
        fund: prose.figure(p.fund),
        state_capital: prose.figure(p.state_capital),
        items: build_items(b, texts, prose),
    }
}

/// One sentence per 项 of table 5, in code order (domain-spec N4).
fn build_items(b: &Budget, texts: &dyn Fn(&str) -> ItemText, prose: Prose) -> Vec<ItemView> {
    b.figures
        .prose
        .items
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (code, text) = (&f.code, texts(&f.code));
            ItemView {
                number: i + 1,
                code: code.clone(),
                class: b.function_name(&code[..3]).into(),
                section: b.function_name(&code[..5]).into(),
                item: b.function_name(code).into(),
                figure: prose.items().figure(f.change),
                purpose: text.purpose,
                purpose_sentence: text.purpose_sentence,
                reason: text.reason,
                marks: Vec::new(),
            }
        })
        .collect()
}
