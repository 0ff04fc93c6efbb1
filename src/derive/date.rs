//! Calendar dates as typed in forms (`2024-01-01`) and prose (`2024年1月1日`): one parser for all.

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
}
