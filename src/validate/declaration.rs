//! Checks of the 镇级 申报表 (layout D) and of the 基本支出 notes: ticked options, 子项目 sums.

use super::{Context, yuan};
use crate::diag::Code;
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::options::{CATEGORIES, FUNDINGS, NATURES};
use crate::money::Amount;

/// P6, P7 for every form that uses layout D, and D14 for every `[[basic_note]]`.
pub fn check(cx: &Context, diags: &mut Diagnostics) {
    for (i, p) in cx.loaded.data.projects.iter().enumerate() {
        let f = &p.form;
        if f.funding.is_empty() && f.parts.is_empty() {
            continue; // a 区级 form: no checkboxes, no 子项目
        }
        check_options(cx, i, &p.name, f, diags);
        check_parts(cx, i, &p.name, f, diags);
    }
    check_basic_notes(cx, diags);
}

/// P7: each checkbox row ticks exactly one of its printed options.
fn check_options(cx: &Context, i: usize, name: &str, f: &crate::model::input::ProjectForm, diags: &mut Diagnostics) {
    let rows: [(&str, &str, &[&str]); 3] =
        [("nature", &f.nature, &NATURES), ("category", &f.category, &CATEGORIES), ("funding", &f.funding, &FUNDINGS)];
    for (key, value, options) in rows {
        if options.contains(&value) {
            continue;
        }
        diags.push(
            Diagnostic::error(Code::P7, format!("“{name}”申报表的 {key} = “{value}”不是表中的选项，没有可勾选的格"))
                .at_opt(&cx.loaded.source, cx.fields.entry(&format!("project[{i}].form.{key}")))
                .hint(format!("可选：{}", options.join("、")))
                .place(Place::Project(i)),
        );
    }
}

/// P6: 项目当年投入资金构成 adds up to 当年预算 (a warning when it adds up to the 总预算 instead).
fn check_parts(cx: &Context, i: usize, name: &str, f: &crate::model::input::ProjectForm, diags: &mut Diagnostics) {
    let Some(first) = f.parts.first() else { return };
    let sum: Amount = f.parts.iter().map(|p| *p.amount.get_ref()).sum();
    let funds = &cx.budget.project_funds[i];
    if sum == funds.annual {
        return;
    }
    let whole = funds.total_budget == Some(sum);
    let message = format!("“{name}”的子项目合计 {} 元不等于项目当年预算 {} 元", yuan(sum), yuan(funds.annual));
    let d = if whole { Diagnostic::warning(Code::P6, message) } else { Diagnostic::error(Code::P6, message) };
    diags.push(
        d.at(&cx.loaded.source, first.amount.span())
            .label(if whole { "子项目按项目总预算列示".to_string() } else { format!("合计 {} 元", yuan(sum)) })
            .hint("“项目当年投入资金构成”通常按当年预算分列；核对各子项目金额")
            .place(Place::Project(i)),
    );
}

/// D14: a 基本支出 note names an economic 类 that the data has.
fn check_basic_notes(cx: &Context, diags: &mut Diagnostics) {
    for note in &cx.loaded.data.basic_notes {
        let code = note.code.get_ref();
        if cx.budget.economic.iter().any(|r| &r.code == code) {
            continue;
        }
        diags.push(
            Diagnostic::error(Code::D14, format!("基本支出说明的经济分类“{code}”不在本单位的经济分类数据中"))
                .at(&cx.loaded.source, note.code.span())
                .label("没有这一类的金额")
                .hint("填写 [economic] 中已有款级科目所属的类级编码，如 301、302")
                .place(Place::Narrative),
        );
    }
}
