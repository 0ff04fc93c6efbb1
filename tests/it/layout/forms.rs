//! Forms (申报表, 填报表, 自评表): the title stays with the first row, and a form that fits
//! on a page is never split over two.

use gen_budget::typeset::glyphs::PageLayout;

use super::support::{Rendered, doc, find};

/// Each shipped document's form title and the height of its page body (page less margins), in mm.
const FORMS: [(&str, &str, f64); 4] = [
    ("000", "财政项目支出绩效目标申报表", 297.0 - 28.0 - 25.0),
    ("002", "上海市财政支出项目绩效目标申报表", 297.0 - 28.0 - 25.0),
    ("003", "财政项目支出绩效目标填报表", 297.0 - 25.0 - 22.0),
    ("004", "财政项目支出绩效自评表", 210.0 - 20.0 - 18.0),
];

fn mm(v: f64) -> f64 {
    v * 72.0 / 25.4
}

/// Where each form starts: (page, top of its title), titles told from prose by their size.
fn form_starts(d: &Rendered, title: &str) -> Vec<(usize, f64)> {
    let mut out = Vec::new();
    for (p, page) in d.pages.iter().enumerate() {
        out.extend(find(page, title).into_iter().filter(|g| g[0].size >= 14.0).map(|g| (p, g[0].y0)));
    }
    out
}

/// Top and bottom of a page's table rules, if it has any.
fn rule_extent(page: &PageLayout) -> Option<(f64, f64)> {
    let ys = page.rules.iter().filter(|r| r.is_horizontal()).map(|r| r.from.1);
    ys.fold(None, |acc, y| Some(acc.map_or((y, y), |(a, b): (f64, f64)| (a.min(y), b.max(y)))))
}

/// Whether a page continues a table from the page before: its first rule lies above every
/// glyph that is not a page number.
fn continues(page: &PageLayout) -> bool {
    let Some((top, _)) = rule_extent(page) else {
        return false;
    };
    page.glyphs.iter().filter(|g| !g.text.chars().all(|c| c.is_ascii_digit() || c == '—')).all(|g| g.y0 > top)
}

#[test]
fn every_form_title_shares_its_page_with_the_first_row() {
    for (name, title, _) in FORMS {
        let d = doc(name);
        let starts = form_starts(d, title);
        assert!(!starts.is_empty(), "{name}: no form titled {title}");
        for (p, y) in starts {
            let page = &d.pages[p];
            let first_row = find(page, "项目名称").into_iter().any(|g| g[0].y0 > y && super::support::in_table(page, &g[0]));
            assert!(first_row, "{name} page {}: the title {title} is not followed by the form's first row on its page", p + 1);
        }
    }
}

#[test]
fn a_form_that_fits_on_a_page_is_never_split() {
    for (name, title, body_mm) in FORMS {
        let d = doc(name);
        for (p, y) in form_starts(d, title) {
            let mut height = rule_extent(&d.pages[p]).map_or(0.0, |(_, bottom)| bottom - y);
            let mut next = p + 1;
            while next < d.pages.len() && continues(&d.pages[next]) {
                let (top, bottom) = rule_extent(&d.pages[next]).unwrap();
                height += bottom - top;
                next += 1;
            }
            if next > p + 1 {
                assert!(
                    height > mm(body_mm),
                    "{name} page {}: a form {height:.0}pt tall (page body {:.0}pt) is split over {} pages",
                    p + 1,
                    mm(body_mm),
                    next - p
                );
            }
        }
    }
}

/// A 镇级 申报表 longer than a page breaks before its 分解目标 section, which stays with 备注 and
/// the signature: no page holds only the last row and the signature line.
#[test]
fn a_long_form_keeps_its_closing_section_together() {
    let d = doc("002");
    let mut signatures = 0;
    for (p, page) in d.pages.iter().enumerate() {
        if find(page, "填报单位负责人").is_empty() {
            continue;
        }
        signatures += 1;
        assert!(
            !find(page, "分解目标").is_empty() && !find(page, "备注").is_empty(),
            "002 page {}: the signature without its 分解目标 section",
            p + 1
        );
    }
    assert_eq!(signatures, 6, "one signature line per 申报表");
}

/// The year line under each form title (`(2024年度)`, `（2024年度）`): its ink, parentheses'
/// descenders included, ends at least 1 pt above the form table's top rule, never on it.
#[test]
fn the_year_under_a_form_title_stays_clear_of_the_table() {
    // 002's 申报表 prints no year line under its title.
    for (name, title, _) in FORMS.into_iter().filter(|(name, _, _)| *name != "002") {
        let d = doc(name);
        for (p, title_top) in form_starts(d, title) {
            let page = &d.pages[p];
            let below = find(page, "年度").into_iter().map(|g| g[0].clone()).filter(|g| g.y0 > title_top && g.y0 < title_top + 40.0);
            let year = below.min_by(|a, b| a.y0.total_cmp(&b.y0));
            let year = year.unwrap_or_else(|| panic!("{name} page {}: no year line under {title}", p + 1));
            let line_bottom = page.glyphs.iter().filter(|g| (g.y0 - year.y0).abs() < 4.0).map(|g| g.y1).fold(f64::MIN, f64::max);
            let rules = page.rules.iter().filter(|r| r.is_horizontal() && r.from.1 > year.y0);
            let table_top = rules.map(|r| r.from.1).fold(f64::MAX, f64::min);
            assert!(
                line_bottom + 1.0 <= table_top,
                "{name} page {}: the year line's ink ends at {line_bottom:.2} pt, the table's top rule is at {table_top:.2} pt",
                p + 1
            );
        }
    }
}
