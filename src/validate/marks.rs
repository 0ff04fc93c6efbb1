//! Checks on every typed text of every kind of document, found from the file itself so no field
//! is forgotten: placeholders (W1), web markup (W3) and impossible dates written in text (P2).

use crate::diag::Code;

use super::fields::{Fields, TextField};
use crate::derive::date::{Date, date_shaped, prose_dates};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::SourceFile;

/// Template leftovers that must never reach a published document.
const PLACEHOLDERS: [&str; 12] =
    ["XX", "ｘｘ", "ＸＸ", "待填写", "待补充", "增加减少", "增加（减少）", "增加(减少)", "{单位}", "{年}", "TODO", "此处填写"];

/// Markup pasted from web forms (published 000 carries `<p>…</p>`).
const MARKUP: [&str; 6] = ["<p>", "</p>", "<br>", "<br/>", "&nbsp;", "<div"];

/// Keys never printed: the kind of document, which D10 checks.
const UNPRINTED: [&str; 1] = ["document"];

/// Keys whose whole value is a form date with its own P2 check (`start`, `end`).
const FORM_DATES: [&str; 2] = ["start", "end"];

/// Where a text's finding shows in the document, from its key path.
pub(crate) type PlaceOf<'a> = &'a dyn Fn(&TextField) -> Option<Place>;

/// W1, W3 and P2 on every string value of the file.
pub(crate) fn check_texts(source: &SourceFile, fields: &Fields, place_of: PlaceOf, diags: &mut Diagnostics) {
    for field in fields.texts().iter().filter(|f| !UNPRINTED.contains(&f.path.as_str())) {
        let place = place_of(field);
        check_placeholders(source, field, &place, diags);
        check_markup(source, field, &place, diags);
        check_text_dates(source, field, &place, diags);
    }
}

fn placed(d: Diagnostic, place: &Option<Place>) -> Diagnostic {
    match place {
        Some(p) => d.place(p.clone()),
        None => d,
    }
}

/// W1: template leftovers such as XX, 待填写 or 增加减少.
fn check_placeholders(source: &SourceFile, field: &TextField, place: &Option<Place>, diags: &mut Diagnostics) {
    for mark in PLACEHOLDERS.iter().filter(|m| field.text.contains(**m)) {
        let d = Diagnostic::error(Code::W1, format!("{} 中有未替换的占位文字“{mark}”", field.name()))
            .at(source, field.part(source, mark))
            .label("占位文字")
            .hint(if mark.starts_with("增加") {
                "只写一个词：增加或减少（程序生成的句子会自动判断）"
            } else {
                "填入实际内容"
            });
        diags.push(placed(d, place));
    }
}

/// W3: HTML tags and entities pasted into text.
fn check_markup(source: &SourceFile, field: &TextField, place: &Option<Place>, diags: &mut Diagnostics) {
    let Some(mark) = MARKUP.iter().find(|m| field.text.contains(**m)) else { return };
    let d = Diagnostic::error(Code::W3, format!("{} 中有网页标记“{mark}”", field.name()))
        .at(source, field.part(source, mark))
        .label("会原样印出")
        .hint("删去 <p>、</p> 等标记，只保留文字");
    diags.push(placed(d, place));
}

/// P2: a date written in text (`2024年2月30日`, `filled_on = "2023.13.28"`) exists in the calendar.
fn check_text_dates(source: &SourceFile, field: &TextField, place: &Option<Place>, diags: &mut Diagnostics) {
    let key = field.path.rsplit('.').next().unwrap_or_default();
    let whole = date_shaped(&field.text).filter(|_| !FORM_DATES.contains(&key)).map(|d| (field.text.trim().to_string(), d));
    let prose = prose_dates(&field.text);
    for (text, (y, m, d)) in whole.into_iter().chain(prose) {
        if Date::new(y, m, d).is_some() {
            continue;
        }
        let d = Diagnostic::error(Code::P2, format!("{} 中的日期“{text}”不存在", field.name()))
            .at(source, field.part(source, &text))
            .label("没有这一天")
            .hint("核对年、月、日（如 2 月最多 29 天，且只有闰年有 29 日）");
        diags.push(placed(d, place));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(&'static str, (usize, usize))> {
        let source = SourceFile::new("t.toml", text);
        let mut diags = Diagnostics::default();
        check_texts(&source, &Fields::of(&source), &|_| None, &mut diags);
        diags.iter().map(|d| (d.code.as_str(), d.line_col.unwrap())).collect()
    }

    #[test]
    fn every_text_is_checked_where_it_is() {
        assert_eq!(codes("# a = \"XX\"\n[form]\nleader = \"XX\"\n"), [("W1", (3, 11))]);
        assert_eq!(codes("note = \"见<p>附件\"\n"), [("W3", (1, 10))]);
        assert_eq!(codes("plan = [\"ok\", \"2024年2月30日完成\"]\n"), [("P2", (1, 16))]);
        assert_eq!(codes("filled_on = \"2023.13.28\"\nstart = \"2024-13-01\"\n"), [("P2", (1, 14))], "start/end have their own check");
        assert_eq!(codes("document = \"XX\"\nfilled_on = \"2023.12.28\"\ntext = \"2024年2月29日\"\n"), []);
    }
}
