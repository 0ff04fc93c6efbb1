//! Tagged, accessible PDFs: language, title, headings, table headers, artifacts, `--pdfua` and what it refuses.

pub(crate) mod listing;
pub(crate) mod structure;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common;
use structure::{Elem, Pdf};

const FLAGSHIP: &str = "out/2024/普陀城运/上海市普陀区2024年区级部门预算.pdf";
const TOWN: &str = "out/2024/安亭城运/上海市嘉定区安亭镇2024年镇级部门预算.pdf";

/// The four shipped documents: unit, year, the PDF they write.
pub(crate) const SHIPPED: [(&str, &str, &str); 4] = [
    ("普陀城运", "2024", FLAGSHIP),
    ("普陀城运", "2023", "out/2023/普陀城运/上海市普陀区城市运行管理中心2023年度财政项目支出绩效自评表.pdf"),
    ("安亭城运", "2024", TOWN),
    ("松江城运", "2022", "out/2022/松江城运/上海市松江区城市运行管理中心2022年财政支出项目绩效目标申报表.pdf"),
];

fn run(root: &Path, args: &[&str], untagged: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gen-budget"));
    command.args(args).arg("--root").arg(root).env_remove(gen_budget::typeset::pdf_kind::UNTAGGED_ENV);
    if untagged {
        command.env(gen_budget::typeset::pdf_kind::UNTAGGED_ENV, "1");
    }
    command.output().expect("binary runs")
}

pub(crate) fn build(root: &Path, args: &[&str]) -> PathBuf {
    let out = run(root, args, false);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    root.join(SHIPPED.iter().find(|(u, y, _)| *u == args[0] && *y == args[1]).expect("a shipped unit").2)
}

pub(crate) fn tree(pdf: &Pdf) -> Elem {
    pdf.structure().expect("the PDF is tagged: the catalog has a /StructTreeRoot")
}

#[test]
fn the_flagship_declares_chinese_and_shows_its_title() {
    let (_dir, root) = common::scratch_project();
    let pdf = Pdf::read(&build(&root, &["普陀城运", "2024"]));
    let catalog = pdf.catalog();
    assert!(catalog.contains("/Lang(zh-CN)"), "{catalog}");
    assert!(catalog.contains("/DisplayDocTitle true"), "viewers must show the title, not the file name: {catalog}");
    assert!(catalog.contains("/MarkInfo<</Marked true"), "{catalog}");
    let info = std::process::Command::new("pdfinfo").arg(root.join(FLAGSHIP)).output().expect("pdfinfo (poppler-utils) runs");
    assert!(String::from_utf8_lossy(&info.stdout).contains("Title:           上海市普陀区2024年区级部门预算"));
}

#[test]
fn headings_are_the_outline_at_its_levels_and_hold_the_printed_titles() {
    let (_dir, root) = common::scratch_project();
    let path = build(&root, &["普陀城运", "2024"]);
    let pdf = Pdf::read(&path);
    let tree = tree(&pdf);
    let headings: Vec<(usize, String)> =
        tree.walk().into_iter().filter_map(|e| Some((e.heading_level()?, e.title.clone().unwrap_or_default()))).collect();
    assert_eq!(headings, pdf.bookmarks(), "H1/H2 in reading order must be the bookmarks, level for level");
    assert_eq!(headings.iter().filter(|(l, _)| *l == 1).count(), 7, "chapters 一 to 七: {headings:?}");
    let tables = headings.iter().filter(|(l, t)| *l == 2 && ('1'..='9').any(|n| t.starts_with(&format!("{n}. ")))).count();
    assert_eq!(tables, 9, "the nine tables: {headings:?}");
    let texts = heading_texts(&path);
    let tags: Vec<String> = headings.iter().map(|(l, _)| format!("H{l}")).collect();
    assert_eq!(texts.iter().map(|(tag, _)| tag.clone()).collect::<Vec<_>>(), tags, "{texts:?}");
    let shown = |tag: &str, part: &str| texts.iter().find(|(t, text)| t == tag && text.contains(part)).map(|(_, text)| text.clone());
    assert_eq!(shown("H1", "主要职能").as_deref(), Some("上海市普陀区城市运行管理中心（上海市普陀区城市网格化综合管理中心）主要职能"));
    assert_eq!(shown("H2", "财务收支").as_deref(), Some("2024年部门财务收支预算总表"));
    assert_eq!(shown("H1", "其他相关").as_deref(), Some("其他相关情况说明"));
    assert_eq!(shown("H2", "智能安防").as_deref(), Some("普陀区智能安防建设项目经费情况说明"));
    // As published, two chapters print no title of their own: 五 opens with table 1's, 七 with its first project's
    // (their headings carry the title as alt text instead: tagged_content.rs).
    let empty =
        texts.iter().zip(&headings).filter(|((_, text), _)| text.is_empty()).map(|(_, (_, title))| title.as_str()).collect::<Vec<_>>();
    assert_eq!(empty, ["五、部门预算表", "七、项目经费情况说明"], "headings without printed text");
}

/// Every heading's tag (`H1`) and the text inside it, in order, from `pdfinfo -struct-text`.
fn heading_texts(path: &Path) -> Vec<(String, String)> {
    let out = Command::new("pdfinfo").arg("-struct-text").arg(path).output().expect("pdfinfo (poppler-utils) runs");
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut found: Vec<(String, usize, String)> = Vec::new();
    let mut open: Option<usize> = None;
    for line in listing.lines() {
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        let is_heading = body.len() > 2 && body.starts_with('H') && body.as_bytes()[1].is_ascii_digit() && body.as_bytes()[2] == b' ';
        if is_heading {
            found.push((body[..2].to_string(), indent, String::new()));
            open = Some(found.len() - 1);
        } else if let Some(i) = open {
            if indent <= found[i].1 && !body.starts_with('"') {
                open = None;
            } else if body.starts_with('"') && body.ends_with('"') && indent > found[i].1 {
                found[i].2.push_str(&body[1..body.len() - 1]);
            }
        }
    }
    found.into_iter().map(|(tag, _, text)| (tag, text)).collect()
}

/// The header rows (TR under THead) of every table that has a header, and whether all its cells are TH.
fn table_headers(tree: &Elem) -> Vec<(usize, bool)> {
    let tables = tree.walk().into_iter().filter(|e| e.kind == "Table");
    tables
        .filter_map(|t| t.children.iter().find(|c| c.kind == "THead"))
        .map(|head| {
            let cells: Vec<&Elem> = head.children.iter().flat_map(|row| row.children.iter()).collect();
            (head.children.len(), !cells.is_empty() && cells.iter().all(|c| c.kind == "TH"))
        })
        .collect()
}

#[test]
fn the_nine_tables_mark_every_header_row_as_header_cells() {
    let (_dir, root) = common::scratch_project();
    let flagship = Pdf::read(&build(&root, &["普陀城运", "2024"]));
    let town = Pdf::read(&build(&root, &["安亭城运", "2024"]));
    for (name, pdf) in [("区级", &flagship), ("镇级", &town)] {
        let headers = table_headers(&tree(pdf));
        assert_eq!(headers.len(), 9, "{name}: one header per table 1–9: {headers:?}");
        assert!(headers.iter().all(|(_, th)| *th), "{name}: header cells must be TH: {headers:?}");
        let multi = headers.iter().filter(|(rows, _)| *rows >= 2).count();
        assert!(multi >= 8, "{name}: the multi-row headers (项目 / 功能分类科目编码 / 类 款 项) stay whole: {headers:?}");
        let body_th = tree(pdf).walk().into_iter().filter(|e| e.kind == "TBody").flat_map(|b| b.walk()).filter(|e| e.kind == "TH").count();
        assert_eq!(body_th, 0, "{name}: data cells are TD");
    }
}

#[test]
fn tagged_and_untagged_builds_print_the_same_text() {
    let (_dir, root) = common::scratch_project();
    for (unit, year, file) in SHIPPED {
        let tagged = build(&root, &[unit, year]);
        let (text, pages) = (pdftotext(&tagged), pdf_pages(&tagged));
        assert!(Pdf::read(&tagged).structure().is_some(), "{file} is tagged");
        let out = run(&root, &[unit, year], true);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(
            Pdf::read(&root.join(file)).structure().is_none(),
            "{file}: {} builds untagged",
            gen_budget::typeset::pdf_kind::UNTAGGED_ENV
        );
        assert_eq!(pages, pdf_pages(&root.join(file)), "{file}: page count");
        assert!(text == pdftotext(&root.join(file)), "{file}: tagging changed the visible text");
        assert!(text.chars().filter(|c| !c.is_whitespace()).count() > 1000, "{file}: text extracted");
    }
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext (poppler-utils) runs");
    String::from_utf8(out.stdout).unwrap()
}

fn pdf_pages(path: &Path) -> String {
    let out = Command::new("pdfinfo").arg(path).output().expect("pdfinfo runs");
    String::from_utf8_lossy(&out.stdout).lines().find(|l| l.starts_with("Pages:")).unwrap_or_default().to_string()
}

#[test]
fn pdfua_builds_the_flagship_alone_and_with_pdfa() {
    let (_dir, root) = common::scratch_project();
    let ua = std::fs::read(build(&root, &["普陀城运", "2024", "--pdfua"])).unwrap();
    assert!(contains(&ua, b"<pdfuaid:part>1</pdfuaid:part>"), "PDF/UA-1 is declared in the XMP metadata");
    assert!(!contains(&ua, b"<pdfaid:part>"), "--pdfua alone does not claim PDF/A");
    let both = std::fs::read(build(&root, &["普陀城运", "2024", "--pdfua", "--pdfa"])).unwrap();
    assert!(contains(&both, b"<pdfuaid:part>1</pdfuaid:part>") && contains(&both, b"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B"));
    let plain = std::fs::read(build(&root, &["普陀城运", "2024"])).unwrap();
    assert!(!contains(&plain, b"pdfuaid:part>"), "a default build claims no standard");
}

#[test]
fn pdfua_without_tags_is_refused_up_front_with_exit_2() {
    let (_dir, root) = common::scratch_project();
    let out = run(&root, &["普陀城运", "2024", "--pdfua"], true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("错误[U18]") && stderr.contains("--pdfua 要求带标签的 PDF"), "{stderr}");
    assert!(!stderr.contains("警告["), "refused before the data is read: {stderr}");
    assert!(!root.join(FLAGSHIP).exists(), "nothing is written");
}

#[test]
fn a_template_that_breaks_pdfua_gets_a_chinese_message_not_a_panic() {
    let (_dir, root) = common::scratch_project();
    let glossary = root.join("templates/budget/glossary.typ");
    let text = std::fs::read_to_string(&glossary).unwrap();
    std::fs::write(&glossary, format!("{text}\n#heading(level: 3, outlined: false)[跳级的标题]\n")).unwrap();
    build(&root, &["普陀城运", "2024"]);
    let out = run(&root, &["普陀城运", "2024", "--pdfua"], false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("错误[C3]") && stderr.contains("不符合 PDF/UA-1：标题层级跳级"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
