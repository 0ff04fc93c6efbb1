//! The command line end to end: output files, determinism, refusal of bad input.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(args).arg("--root").arg(root).output().expect("binary runs")
}

fn pdf_path(root: &Path) -> std::path::PathBuf {
    root.join("out/2024/普陀城运/上海市普陀区2024年区级部门预算.pdf")
}

#[test]
fn builds_the_flagship_pdf_and_is_byte_reproducible() {
    let (_dir, root) = common::scratch_project();
    let first = run(&root, &["普陀城运", "2024"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let bytes1 = std::fs::read(pdf_path(&root)).unwrap();
    assert!(bytes1.starts_with(b"%PDF-"));
    let second = run(&root, &["普陀城运", "2024"]);
    assert!(second.status.success());
    let bytes2 = std::fs::read(pdf_path(&root)).unwrap();
    assert!(bytes1 == bytes2, "two runs on the same input gave different PDF bytes");
    let leftovers: Vec<_> = walkdir::WalkDir::new(root.join("out"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
}

#[test]
fn a_float_amount_is_refused_with_its_location_and_nothing_is_overwritten() {
    let (_dir, root) = common::scratch_project();
    assert!(run(&root, &["普陀城运", "2024"]).status.success());
    let good = std::fs::read(pdf_path(&root)).unwrap();
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    let broken = text.replacen("reception = 6835", "reception = 6835.5", 1);
    std::fs::write(&data, &broken).unwrap();
    let line = broken.lines().position(|l| l == "reception = 6835.5").unwrap() + 1;
    let out = run(&root, &["普陀城运", "2024"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("金额不能写成浮点数"), "{stderr}");
    assert!(stderr.contains(&format!("2024.toml:{line}:13")), "{stderr}");
    assert!(stderr.contains("[T4]"), "{stderr}");
    assert_eq!(std::fs::read(pdf_path(&root)).unwrap(), good, "the last good PDF must survive a failed run");
}

#[test]
fn a_unit_argument_cannot_leave_the_departments_folder() {
    let (_dir, root) = common::scratch_project();
    for bad in ["../普陀城运", "/etc", "a/b", ".."] {
        let out = run(&root, &[bad, "2024"]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("[U1]"));
    }
    let out = run(&root, &["普陀城运", "20x4"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!root.join("out").exists(), "nothing may be written on a refused run");
}

#[test]
fn check_reports_an_unbalanced_economic_split_with_the_difference() {
    let (_dir, root) = common::scratch_project();
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("\"30101\" = 1549416", "\"30101\" = 1549516", 1)).unwrap();
    let out = run(&root, &["check", "普陀城运", "2024"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("[X8]") && stderr.contains("相差 100.00 元"), "{stderr}");
}

/// A PDF text string as krilla writes it: UTF-16BE with a byte-order mark, in hex.
fn pdf_text(s: &str) -> Vec<u8> {
    let hex: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<FEFF{hex}>").into_bytes()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_pdf_has_bookmarks_for_chapters_and_tables_and_its_metadata() {
    let (_dir, root) = common::scratch_project();
    assert!(run(&root, &["普陀城运", "2024"]).status.success());
    let pdf = std::fs::read(pdf_path(&root)).unwrap();
    assert!(contains(&pdf, b"/Outlines"));
    for title in [
        "一、部门主要职能",
        "五、部门预算表",
        "1. 2024年部门财务收支预算总表",
        "9. 部门“三公”经费和机关运行经费预算表",
        "七、项目经费情况说明",
        "“数智普陀”城市运行管理平台（一期）建设项目经费情况说明",
    ] {
        assert!(contains(&pdf, &[b"/Title", pdf_text(title).as_slice()].concat()), "no bookmark {title}");
    }
    assert!(contains(&pdf, &pdf_text("上海市普陀区2024年区级部门预算")), "document title");
    assert!(contains(&pdf, &pdf_text("上海市普陀区城市运行管理中心（上海市普陀区城市网格化综合管理中心）")), "author");
}

#[test]
fn templates_are_embedded_and_a_same_named_file_overrides_one() {
    let (_dir, root) = common::scratch_project();
    std::fs::remove_dir_all(root.join("templates")).unwrap();
    assert!(run(&root, &["普陀城运", "2024", "--keep-typ"]).status.success(), "the embedded templates must suffice");
    let typ = pdf_path(&root).with_extension("typ");
    assert!(!std::fs::read_to_string(&typ).unwrap().contains("覆盖测试"));
    std::fs::create_dir_all(root.join("templates/budget")).unwrap();
    std::fs::write(root.join("templates/budget/toc.typ"), "#page[覆盖测试]\n").unwrap();
    assert!(run(&root, &["普陀城运", "2024", "--keep-typ"]).status.success());
    assert!(std::fs::read_to_string(&typ).unwrap().contains("#page[覆盖测试]"));
}

#[test]
fn a_character_no_font_has_is_reported_not_printed_as_a_box() {
    let (_dir, root) = common::scratch_project();
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("alias = \"上海市普陀区城市网格化综合管理中心\"", "alias = \"𠀀网格化综合管理中心\"", 1)).unwrap();
    let out = run(&root, &["普陀城运", "2024"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("[F3]") && stderr.contains("U+20000"), "{stderr}");
    assert!(!pdf_path(&root).exists());
}

#[test]
fn check_all_reports_the_published_inconsistencies_of_the_shipped_data_as_warnings() {
    let out =
        Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(["check", "--all", "2024", "--root"]).arg(common::root()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // E000-5 市级, E000-6 coverage, E000-7 4,078.10, E000-10 dates, E000-11 ≥5(个): warnings, not errors.
    for code in ["警告[L1]", "警告[N8]", "警告[N10]", "警告[P3]", "警告[P5]"] {
        assert!(stderr.contains(code), "{code} missing:\n{stderr}");
    }
    assert!(!stderr.contains("错误["), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("普陀城运 2024：检查通过"));
}

#[test]
fn a_draft_renders_despite_errors_and_lists_them() {
    let (_dir, root) = common::scratch_project();
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("\"30101\" = 1549416", "\"30101\" = 1549516", 1)).unwrap();
    assert_eq!(run(&root, &["普陀城运", "2024"]).status.code(), Some(1));
    let out = run(&root, &["普陀城运", "2024", "--draft", "--keep-typ"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let draft = root.join("out/2024/普陀城运/上海市普陀区2024年区级部门预算（草稿）.pdf");
    assert!(draft.exists());
    assert!(!pdf_path(&root).exists(), "a draft never takes the release file's name");
    let typ = std::fs::read_to_string(draft.with_extension("typ")).unwrap();
    assert!(typ.contains("#set page(background: watermark)"));
    assert!(typ.contains("#draft-mark[\\[1\\] 错误\\[X8\\]"), "the X8 finding is marked in place");
    assert!(typ.contains("校验结果"));
}
