//! The nine tables as a PDF table parser meets them: one table per page start, every cell
//! ruled on both axes, a 单位 line on every page, 空表 notes, titles not quoted in prose.

use super::support::{self, Rendered, doc, find, pages_with, squeeze};

/// The nine table titles of the two budget documents (区级 000, 镇级 002).
fn titles(name: &str) -> Vec<String> {
    let base = [
        "财务收支预算总表",
        "收入预算总表",
        "支出预算总表",
        "财政拨款收支预算总表",
        "一般公共预算支出功能分类预算表",
        "政府性基金预算支出功能分类预算表",
        "国有资本经营预算支出功能分类预算表",
    ];
    let mut out: Vec<String> = base.iter().map(|t| format!("2024年部门{t}")).collect();
    if name == "000" {
        out.push("2024年部门一般公共预算基本支出部门预算经济分类预算表".into());
        out.push("部门“三公”经费和机关运行经费预算表".into());
    } else {
        out.push("2024年部门一般公共预算基本支出经济分类预算表".into());
        out.push("2024年部门“三公”经费和机关运行经费预算表".into());
    }
    out
}

/// The page where each table's 14pt heading is printed.
fn title_pages(d: &Rendered, titles: &[String]) -> Vec<usize> {
    titles
        .iter()
        .map(|t| {
            *pages_with(d, t)
                .iter()
                .find(|&&p| find(&d.pages[p], t).iter().any(|g| g[0].size >= 14.0))
                .unwrap_or_else(|| panic!("{}: no table {t}", d.name))
        })
        .collect()
}

/// Every page each table occupies: from its heading to the page before the next heading
/// (for table 9, before the 其他相关情况说明 chapter).
fn table_pages(d: &Rendered) -> Vec<(String, Vec<usize>)> {
    let titles = titles(d.name);
    let mut starts = title_pages(d, &titles);
    let chapter = pages_with(d, "其他相关情况说明")
        .into_iter()
        .find(|&p| find(&d.pages[p], "其他相关情况说明").iter().any(|g| g[0].size >= 16.0))
        .unwrap();
    starts.push(chapter);
    titles.into_iter().enumerate().map(|(i, t)| (t, (starts[i]..starts[i + 1]).collect())).collect()
}

#[test]
fn every_table_starts_at_the_top_of_its_own_page() {
    for name in ["000", "002"] {
        let d = doc(name);
        let titles = titles(name);
        let pages = title_pages(d, &titles);
        for (t, &p) in titles.iter().zip(&pages) {
            let page = &d.pages[p];
            let top = find(page, t).into_iter().find(|g| g[0].size >= 14.0).unwrap()[0].y0;
            assert!(page.glyphs.iter().all(|g| g.y1 > top), "{name} page {}: something is printed above the heading {t}", p + 1);
            let others = titles.iter().filter(|o| *o != t && !t.contains(o.as_str()) && !find(page, o).is_empty()).count();
            assert_eq!(others, 0, "{name} page {}: a second table starts on the page of {t}", p + 1);
        }
    }
}

#[test]
fn every_table_cell_is_ruled_on_both_axes() {
    for name in ["000", "002"] {
        let d = doc(name);
        for (t, pages) in table_pages(d) {
            for p in pages {
                let page = &d.pages[p];
                let hs: Vec<f64> = page.rules.iter().filter(|r| r.is_horizontal()).map(|r| r.from.1).collect();
                let vs: Vec<f64> = page.rules.iter().filter(|r| r.is_vertical()).map(|r| r.from.0).collect();
                assert!(hs.len() >= 3 && vs.len() >= 3, "{name} page {}: table {t} has no ruled grid", p + 1);
                let (top, bottom) =
                    (hs.iter().copied().fold(f64::INFINITY, f64::min), hs.iter().copied().fold(f64::NEG_INFINITY, f64::max));
                let (left, right) =
                    (vs.iter().copied().fold(f64::INFINITY, f64::min), vs.iter().copied().fold(f64::NEG_INFINITY, f64::max));
                for g in page.glyphs.iter().filter(|g| g.y0 > top && g.y1 < bottom && g.x0 > left && g.x1 < right) {
                    let sides = support::enclosed(page, g);
                    assert!(
                        sides.iter().all(|&s| s),
                        "{name} page {}: {:?} in table {t} lacks a rule (left, right, above, below) = {sides:?}",
                        p + 1,
                        g.text
                    );
                }
            }
        }
    }
}

#[test]
fn every_page_of_a_table_shows_its_unit() {
    for (name, units) in [("000", ["单位：元", "单位：万元"]), ("002", ["单位：万元", "单位：万元"])] {
        let d = doc(name);
        for (i, (t, pages)) in table_pages(d).into_iter().enumerate() {
            let unit = if i == 8 { units[1] } else { units[0] };
            for p in pages {
                assert!(!find(&d.pages[p], unit).is_empty(), "{name} page {}: table {t} without its {unit} line", p + 1);
            }
        }
    }
}

#[test]
fn no_table_title_is_quoted_outside_the_contents_and_its_heading() {
    for name in ["000", "002"] {
        let d = doc(name);
        let titles = titles(name);
        let own = title_pages(d, &titles);
        let toc = pages_with(d, "目录")[0];
        for (t, p) in titles.iter().zip(own) {
            let quoted: Vec<usize> =
                (0..d.texts.len()).filter(|&i| squeeze(&d.texts[i]).contains(t.as_str()) && i != toc && i != p).collect();
            assert!(quoted.is_empty(), "{name}: {t} is quoted on pages {quoted:?} besides the 目录 and its heading");
        }
    }
}

const FUND_NOTE: &str = "年无政府性基金预算财政拨款安排的预算，故本表为空表。";
const CAPITAL_NOTE: &str = "年无国有资本经营预算财政拨款安排的预算，故本表为空表。";
const THREE_NOTE: &str = "年无“三公”经费和机关运行经费预算，故本表为空表。";

/// The text layer of the pages of table `n` (1 to 9).
fn table_text(d: &Rendered, n: usize) -> String {
    let (_, pages) = table_pages(d).swap_remove(n - 1);
    squeeze(&pages.iter().map(|&p| d.texts[p].as_str()).collect::<String>())
}

#[test]
fn every_empty_table_carries_its_note() {
    let district = doc("000");
    assert!(table_text(district, 6).contains(&format!("注：本部门2024{FUND_NOTE}")), "000 table 6");
    assert!(table_text(district, 7).contains(&format!("注：本部门2024{CAPITAL_NOTE}")), "000 table 7");
    assert!(!table_text(district, 9).contains(THREE_NOTE), "000 table 9 has figures, no note");
    let town = doc("002");
    assert!(table_text(town, 6).contains(&format!("注：本部门2024{FUND_NOTE}")), "002 table 6");
    assert!(table_text(town, 7).contains(&format!("注：本部门2024{CAPITAL_NOTE}")), "002 table 7");
    assert!(table_text(town, 9).contains(&format!("注：本部门2024{THREE_NOTE}")), "002 all-zero table 9");
}

#[test]
fn an_all_zero_district_three_public_table_carries_its_note() {
    let (_dir, root) = super::common::scratch_project();
    let file = root.join("departments/普陀城运/2024.toml");
    let data = std::fs::read_to_string(&file).unwrap();
    let zeroed =
        data.replacen("reception = 6835\n", "reception = 0\n", 1).replacen("vehicle_operation = 58900\n", "vehicle_operation = 0\n", 1);
    assert_ne!(zeroed, data, "the scratch data has “三公” figures to zero");
    std::fs::write(&file, zeroed).unwrap();
    let d = support::render_draft(&gen_budget::load::Project::new(&root), "000", "普陀城运", "2024");
    assert!(table_text(&d, 9).contains(&format!("注：本部门2024{THREE_NOTE}")), "scratch 000 table 9: {}", table_text(&d, 9));
}

#[test]
fn a_table_running_over_pages_repeats_its_unit_line_on_each() {
    let lib = std::fs::read_to_string(super::common::root().join("templates/lib.typ")).unwrap();
    let rows = "..range(150).map(i => ([#i], [名称], [1.00])).flatten()";
    let source = format!(
        "{lib}\n#set page(paper: \"a4\", flipped: true, margin: (top: 28mm, bottom: 25mm, x: 24mm))\n#set text(font: serif, size: 12pt, lang: \"zh\")\n\
         #table-style[\n#table-heading[长表][编制部门：某部门][单位：元]\n#table(columns: (20mm, 1fr, 30mm), table.header([编码], [名称], [金额]), {rows})\n]\n\
         #pagebreak()\n此页无表。"
    );
    let compiled =
        gen_budget::typeset::compile(&super::common::engine(), source, 2024, "layout-test", false).unwrap_or_else(|e| panic!("{e:?}"));
    let pages = gen_budget::typeset::glyphs::pages(&compiled.document);
    assert!(pages.len() >= 4, "the long table spans pages ({})", pages.len());
    let (table, after) = pages.split_at(pages.len() - 1);
    for (p, page) in table.iter().enumerate() {
        assert_eq!(find(page, "单位：元").len(), 1, "page {} of the long table shows its unit once", p + 1);
        assert_eq!(find(page, "编制部门：某部门").len(), 1, "page {} names the owner once", p + 1);
    }
    assert!(find(&after[0], "单位：元").is_empty(), "a page after the table has no unit line");
}
