//! The `export` command and `--all`: files under out/, refusal of broken data, the manifest.

use std::path::Path;
use std::process::{Command, Output};

use crate::common;
use crate::export::book::Book;

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(args).arg("--root").arg(root).output().expect("binary runs")
}

const PUTUO: &str = "out/2024/普陀城运/上海市普陀区2024年区级部门预算.xlsx";
const ANTING: &str = "out/2024/安亭城运/上海市嘉定区安亭镇2024年镇级部门预算.xlsx";

#[test]
fn export_writes_the_workbook_under_out() {
    let (_dir, root) = common::scratch_project();
    let out = run(&root, &["export", "普陀城运", "2024"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("已导出"));
    let written = std::fs::read(root.join(PUTUO)).expect("the workbook is written");
    assert!(written == Book::of("普陀城运").bytes, "the command writes what the library renders");
    assert!(!root.join("out/2024/普陀城运/上海市普陀区2024年区级部门预算.pdf").exists(), "export writes no PDF");
    let out = run(&root, &["export", "--all", "2024"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(root.join(ANTING).is_file());
    assert_eq!(run(&root, &["export", "普陀城运"]).status.code(), Some(2), "a missing year is a usage error");
    assert_eq!(run(&root, &["export", "普陀城运", "../x"]).status.code(), Some(2));
    assert_eq!(run(&root, &["export", "无此单位", "2024"]).status.code(), Some(2));
}

#[test]
fn export_refuses_broken_data_and_writes_nothing() {
    let (_dir, root) = common::scratch_project();
    assert!(run(&root, &["export", "普陀城运", "2024"]).status.success());
    let before = std::fs::read(root.join(PUTUO)).unwrap();
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    // 公务接待费 below 经济分类 302 17 (6835 元): the release check X11 refuses it.
    std::fs::write(&data, text.replacen("reception = 6835\n", "reception = 6000\n", 1)).unwrap();
    let out = run(&root, &["export", "普陀城运", "2024"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("[X11]") && stderr.contains("未写入任何文件"), "{stderr}");
    assert!(std::fs::read(root.join(PUTUO)).unwrap() == before, "the last good workbook stays");
    let leftovers: Vec<_> = std::fs::read_dir(root.join("out/2024/普陀城运")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary files: {leftovers:?}");
    std::fs::remove_dir_all(root.join("out")).unwrap();
    let out = run(&root, &["export", "--all", "2024"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!root.join(PUTUO).exists(), "nothing written for the broken unit");
    assert!(root.join(ANTING).is_file(), "the others are exported");
}

#[test]
fn batch_writes_workbooks_and_lists_them_in_the_manifest() {
    let (_dir, root) = common::scratch_project();
    let out = run(&root, &["--all", "2024"]);
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("out/2024/manifest.json")).unwrap()).unwrap();
    let units = manifest["units"].as_array().unwrap();
    assert_eq!(units.len(), 2);
    for (entry, path) in units.iter().zip([ANTING, PUTUO]) {
        let books = entry["workbooks"].as_array().expect("a workbooks list");
        assert_eq!(books.len(), 1, "{entry}");
        let file = books[0]["file"].as_str().unwrap();
        assert_eq!(root.join("out/2024").join(file), root.join(path));
        let bytes = std::fs::read(root.join(path)).unwrap();
        assert_eq!(books[0]["sha256"].as_str().unwrap(), gen_budget::output::sha256_hex(&bytes));
        let pdf = entry["documents"][0]["file"].as_str().unwrap();
        assert_eq!(Path::new(pdf).with_extension("xlsx"), Path::new(file), "the workbook lies next to its PDF");
    }
    assert!(std::fs::read(root.join(PUTUO)).unwrap() == Book::of("普陀城运").bytes, "batch and export give the same bytes");
    let index = std::fs::read_to_string(root.join("out/2024/index.html")).unwrap();
    assert!(index.contains("href=\"普陀城运/上海市普陀区2024年区级部门预算.xlsx\""));
    assert!(run(&root, &["--all", "2024"]).status.success());
    let again: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root.join("out/2024/manifest.json")).unwrap()).unwrap();
    assert_eq!(again["units"][1]["status"], "skipped");
    assert_eq!(again["units"][1]["workbooks"], manifest["units"][1]["workbooks"], "a skipped unit keeps its workbooks listed");
    std::fs::remove_file(root.join(PUTUO)).unwrap();
    assert!(run(&root, &["--all", "2024"]).status.success());
    assert!(root.join(PUTUO).is_file(), "a missing workbook makes the unit rebuild");
}
