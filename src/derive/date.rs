//! Calendar dates as typed in forms (`2024-01-01`) and prose (`2024年1月1日`): one parser for all.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// One 年月日 date in prose, as a pattern: the period pattern is two of them around 至.
const CHINESE_DATE: &str = r"(\d{4})年(\d{1,2})月(\d{1,2})日";
/// A date in prose: 2024年2月30日.
static PROSE_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(CHINESE_DATE).unwrap());
/// A span of dates in prose: 2023年12月1日至2024年11月30日.
static PROSE_PERIOD: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("{CHINESE_DATE}至{CHINESE_DATE}")).unwrap());

/// Year, month and day typed in prose, real or not, so an impossible one can be reported.
pub(crate) type Typed = (i32, u32, u32);

/// The year, month and day of the date captured from group `first` on.
fn typed_at(c: &Captures<'_>, first: usize) -> Typed {
    let n = |i: usize| c[first + i].parse::<u32>().unwrap_or(0);
    (n(0) as i32, n(1), n(2))
}

/// Every 年月日 date written in a text, with the text it was written as.
pub(crate) fn prose_dates(text: &str) -> impl Iterator<Item = (String, Typed)> + '_ {
    PROSE_DATE.captures_iter(text).map(|c| (c[0].to_string(), typed_at(&c, 1)))
}

/// The first 起至 period written in a text: its wording and the two dates, real or not.
pub(crate) fn prose_period(text: &str) -> Option<(String, Typed, Typed)> {
    let c = PROSE_PERIOD.captures(text)?;
    Some((c[0].to_string(), typed_at(&c, 1), typed_at(&c, 4)))
}

/// A real calendar date; ordered by year, month, day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The date when it exists in the calendar (leap years included).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let last = *days.get(month.checked_sub(1)? as usize)?;
        (1..=last).contains(&day).then_some(Date { year, month, day })
    }

    /// As printed on the 镇级 申报表: `2024年1月1日`.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// The year of an ISO date, for headings like `项目总体目标 (2024年-2024年)`; other text (refused
/// by P2) shows its first four characters in a draft.
pub fn year_of(date: &str) -> String {
    match parse_iso(date) {
        Some(d) => d.year.to_string(),
        None => date.chars().take(4).collect(),
    }
}

/// Parses `YYYY-MM-DD` (the form fields `start`, `end`) into a real date.
pub fn parse_iso(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let all_digits = [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    all_digits.then_some(())?;
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Year, month and day of a date-like text (`2023.12.28`, `2023/12/28`, `2023-12-28`), real or not,
/// so an impossible one can be reported; `None` when the text is not shaped like a date.
pub fn date_shaped(text: &str) -> Option<(i32, u32, u32)> {
    let separator = [".", "/", "-"].into_iter().find(|s| text.contains(*s))?;
    let parts: Vec<&str> = text.trim().split(separator).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let shaped = y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len());
    let digits = [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    (shaped && digits).then(|| Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(parse_iso("2024-02-29"), Date::new(2024, 2, 29));
        assert!(parse_iso("2024-02-29").is_some());
        assert_eq!(parse_iso("2023-02-29"), None);
        assert_eq!(parse_iso("2024-13-01"), None);
        assert_eq!(parse_iso("2024-00-10"), None);
        assert_eq!(parse_iso("2024-1-01"), None);
        assert_eq!(parse_iso("+024-01-01"), None);
        assert_eq!(Date::new(2024, 1, 1).unwrap().chinese(), "2024年1月1日");
    }

    #[test]
    fn date_shaped_texts() {
        assert_eq!(date_shaped("2023.12.28"), Some((2023, 12, 28)));
        assert_eq!(date_shaped("2023.13.45"), Some((2023, 13, 45)));
        assert_eq!(date_shaped("全年"), None);
        assert_eq!(date_shaped("1234.56"), None);
    }

    #[test]
    fn prose_dates_and_periods() {
        let found: Vec<_> = prose_dates("自2024年2月30日起，2024年3月1日止").collect();
        assert_eq!(found, [("2024年2月30日".to_string(), (2024, 2, 30)), ("2024年3月1日".to_string(), (2024, 3, 1))]);
        let period = prose_period("实施周期为2023年12月1日至2024年11月30日。");
        assert_eq!(period, Some(("2023年12月1日至2024年11月30日".to_string(), (2023, 12, 1), (2024, 11, 30))));
        assert_eq!(prose_period("全年"), None);
    }
}
