//! What the tags hold beyond headings and table headers: lists, the forms' row headers, headings that are
//! never empty, the cover's Title and the 目录 as TOC.

use std::path::Path;

use crate::common;
use crate::tagged::listing::{self, Node};
use crate::tagged::structure::{Elem, Pdf};
use crate::tagged::{SHIPPED, build, tree};

/// Builds one shipped document in `root`: its structure objects and its printed listing.
fn shipped(root: &Path, unit: &str, year: &str) -> (Elem, Node) {
    let path = build(root, &[unit, year]);
    (tree(&Pdf::read(&path)), listing::read(&path))
}

/// The H1…H6 of a tree, in reading order.
fn headings(elem: &Elem) -> Vec<&Elem> {
    elem.walk().into_iter().filter(|e| e.heading_level().is_some()).collect()
}

fn heading_nodes(node: &Node) -> Vec<&Node> {
    let is_heading = |n: &&Node| n.tag.len() == 2 && n.tag.starts_with('H') && n.tag[1..].parse::<u8>().is_ok();
    node.walk().into_iter().filter(is_heading).collect()
}

#[test]
fn no_heading_of_the_shipped_documents_is_empty() {
    let (_dir, root) = common::scratch_project();
    for (unit, year, file) in SHIPPED {
        let (elems, printed) = shipped(&root, unit, year);
        let (elems, printed) = (headings(&elems), heading_nodes(&printed));
        assert_eq!(elems.len(), printed.len(), "{file}: the listing shows every heading");
        assert!(!elems.is_empty(), "{file}");
        for (elem, node) in elems.iter().zip(&printed) {
            let title = elem.title.clone().unwrap_or_default();
            // A heading the page prints no title for carries its title as the alt text of an empty image.
            let alt = elem.children.iter().find(|c| c.kind == "Figure").and_then(|f| f.alt.clone());
            assert!(!node.text().is_empty() || alt.as_deref() == Some(title.as_str()), "{file}: heading {title:?} is empty ({alt:?})");
        }
    }
}

#[test]
fn form_headings_are_the_printed_form_titles_and_bookmark_the_projects() {
    let (_dir, root) = common::scratch_project();
    let (elems, printed) = shipped(&root, "普陀城运", "2023");
    let titles: Vec<String> = heading_nodes(&printed).iter().map(|n| n.text()).collect();
    assert_eq!(titles.len(), 11, "one 自评表 per project: {titles:?}");
    assert!(titles.iter().all(|t| t == "财政项目支出绩效自评表"), "{titles:?}");
    let first = headings(&elems)[0].title.clone();
    assert_eq!(first.as_deref(), Some("购买新智能单兵设备"), "the bookmark names the project");
    let (_, town) = shipped(&root, "安亭城运", "2024");
    let forms = heading_nodes(&town).iter().filter(|n| n.text() == "上海市财政支出项目绩效目标申报表").count();
    assert_eq!(forms, 6, "the 申报表 H2s hold the printed title");
}

/// The text of every TH whose scope is `scope` (`/Scope /Row`).
fn header_texts(node: &Node, scope: &str) -> Vec<String> {
    node.named("TH").into_iter().filter(|th| th.has_attr(scope)).map(Node::text).collect()
}

#[test]
fn form_labels_are_row_headers_and_form_headings_column_headers() {
    let (_dir, root) = common::scratch_project();
    let cases: [(&str, &str, &[&str], &[&str]); 4] = [
        (
            "普陀城运",
            "2023",
            &["项目名称", "主管部门", "实施单位", "项目资金（万元）", "年度资金总额：", "年度总体目标", "评分等级"],
            &["年初预算数", "一级指标"],
        ),
        (
            "普陀城运",
            "2024",
            &["项目名称", "项目性质", "主管部门", "计划开始日期", "项目资金 (元)", "项目绩效目标", "绩效指标"],
            &["一级指标"],
        ),
        (
            "安亭城运",
            "2024",
            &["项目名称", "项目属性", "资金来源", "项目负责人", "项目当年投入资金构成", "备注"],
            &["子项目名称", "分解目标"],
        ),
        (
            "松江城运",
            "2022",
            &["项目名称", "项目类别", "项目资金（元）", "项目资金总额", "年度资金申请总额", "项目绩效目标"],
            &["一级指标"],
        ),
    ];
    for (unit, year, rows, columns) in cases {
        let (_, printed) = shipped(&root, unit, year);
        let (row, column) = (header_texts(&printed, "/Scope /Row"), header_texts(&printed, "/Scope /Column"));
        for label in rows {
            assert!(row.iter().any(|t| t == label), "{unit} {year}: {label} is a row header: {row:?}");
        }
        for label in columns {
            assert!(column.iter().any(|t| t == label), "{unit} {year}: {label} is a column header");
        }
        assert!(!row.iter().any(|t| t.chars().any(|c| c.is_ascii_digit()) && !t.contains('年')), "{unit} {year}: no amount is a header");
    }
}

/// The item texts of every list (L), in order.
fn lists(node: &Node) -> Vec<Vec<String>> {
    node.named("L").into_iter().map(|l| l.children.iter().filter(|c| c.tag == "LI").map(Node::text).collect()).collect()
}

#[test]
fn numbered_passages_are_lists_with_their_printed_numbers() {
    let (_dir, root) = common::scratch_project();
    let (_, flagship) = shipped(&root, "普陀城运", "2024");
    let found = lists(&flagship);
    let starts = |items: &Vec<String>, marks: &[&str]| items.len() == marks.len() && items.iter().zip(marks).all(|(i, m)| i.starts_with(m));
    assert!(found.iter().any(|l| starts(l, &["1. ", "2. ", "3. ", "4. ", "5. ", "6. ", "7. "])), "主要职能 1.–7.: {found:?}");
    assert!(found.iter().any(|l| l.len() >= 5 && l[0].starts_with("（一）") && l[1].starts_with("（二）")), "名词解释");
    assert!(found.iter().any(|l| starts(l, &["（一）因公出国", "（二）公务车", "（三）公务接待"])), "三公 （一）–（三）");
    assert!(found.iter().any(|l| l.len() == 7 && l[0].starts_with("1. “")), "财政拨款支出 items");
    let (_, town) = shipped(&root, "安亭城运", "2024");
    let found = lists(&town);
    assert!(found.iter().any(|l| l.len() == 5 && l[0].starts_with("1、“")), "嘉定 sections: {found:?}");
    assert!(found.iter().any(|l| l.last().is_some_and(|i| i.contains("专有名词解释"))), "嘉定 名词解释 ends with 专有名词");
}

#[test]
fn the_cover_title_is_a_title_and_the_contents_a_toc() {
    let (_dir, root) = common::scratch_project();
    let (elems, printed) = shipped(&root, "普陀城运", "2024");
    let document = &elems.children[0];
    assert_eq!(document.children[0].kind, "Title", "the cover's title comes first: {:?}", document.children[0].kind);
    assert_eq!(printed.named("Document")[0].children[0].text(), "上海市普陀区2024年区级部门预算");
    let toc = printed.named("TOC")[0];
    let entries: Vec<String> = toc.named("TOCI").into_iter().map(|e| e.texts.concat() + &direct_text(e)).collect();
    assert_eq!(entries.len(), 16, "7 chapters and 9 tables: {entries:?}");
    assert_eq!(entries[0], "一、部门主要职能1");
    assert_eq!(entries[5], "1. 2024年部门财务收支预算总表5");
    let nested = toc.children.iter().filter(|c| c.tag == "TOC").flat_map(|t| t.named("TOCI")).count();
    assert_eq!(nested, 9, "the tables' entries are a TOC inside 五's");
    assert!(toc.named("TOCI").iter().all(|e| e.children.iter().any(|c| !c.named("Link").is_empty())), "each entry links to its heading");
}

/// The text of an entry without the entries nested in it.
fn direct_text(entry: &Node) -> String {
    entry.children.iter().filter(|c| c.tag != "TOC").map(Node::text).collect()
}
