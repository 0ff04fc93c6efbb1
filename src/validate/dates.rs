//! P2 for the start and end date of every form (预算 申报表, 镇级 申报表, 申报表 booklet).

use crate::diag::Code;
use toml::Spanned;

use crate::derive::date::{Date, parse_iso};
use crate::diag::{Diagnostic, Diagnostics, Place};
use crate::model::SourceFile;

/// A form's planned period as typed.
pub(crate) struct Period<'a> {
    pub name: &'a str,
    pub start: &'a Spanned<String>,
    pub end: &'a Spanned<String>,
    pub place: Place,
}

/// P2: both dates are real `YYYY-MM-DD` dates and the start is not after the end; the dates when so.
pub(crate) fn check_period(source: &SourceFile, period: &Period, diags: &mut Diagnostics) -> Option<(Date, Date)> {
    let start = check_date(source, period.start, &period.place, diags);
    let end = check_date(source, period.end, &period.place, diags);
    let (start, end) = (start?, end?);
    if start > end {
        diags.push(
            Diagnostic::error(Code::P2, format!("“{}”的计划开始日期晚于计划完成日期", period.name))
                .at(source, period.start.span())
                .label(format!("完成日期为 {}", period.end.get_ref()))
                .hint("交换两个日期或改正其中之一")
                .place(period.place.clone()),
        );
        return None;
    }
    Some((start, end))
}

fn check_date(source: &SourceFile, date: &Spanned<String>, place: &Place, diags: &mut Diagnostics) -> Option<Date> {
    let parsed = parse_iso(date.get_ref());
    if parsed.is_none() {
        diags.push(
            Diagnostic::error(Code::P2, format!("日期“{}”格式不对或不存在", date.get_ref()))
                .at(source, date.span())
                .label("应为 YYYY-MM-DD 的真实日期")
                .hint("例如 2024-01-01")
                .place(place.clone()),
        );
    }
    parsed
}
