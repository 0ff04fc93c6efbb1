//! Excel round trip: `export` then `import` over the unit's own TOML leaves its PDF byte-identical,
//! and `new` starts a year that `check` refuses only for what is still to fill.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_gen-budget")
}

/// Runs the CLI in a project root; returns (exit code, stdout, stderr).
fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(bin()).args(args).arg("--root").arg(root).output().expect("run gen-budget");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

/// The one file with this extension under out/<年>/<单位>/.
fn output(root: &Path, unit: &str, year: &str, ext: &str) -> PathBuf {
    let dir = root.join("out").join(year).join(unit);
    let mut found: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == ext)).collect();
    assert_eq!(found.len(), 1, "one .{ext} in {}", dir.display());
    found.pop().unwrap()
}

fn round_trip(unit: &str) {
    let (_dir, root) = common::scratch_project();
    let (code, _, err) = run(&root, &[unit, "2024"]);
    assert_eq!(code, 0, "{err}");
    let pdf = output(&root, unit, "2024", "pdf");
    let before = std::fs::read(&pdf).unwrap();
    let (code, _, err) = run(&root, &["export", unit, "2024"]);
    assert_eq!(code, 0, "{err}");
    let workbook = output(&root, unit, "2024", "xlsx");
    let (code, out, err) = run(&root, &["import", workbook.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("更新了数字，其余内容保留"), "{out}");
    let toml = root.join("departments").join(unit).join("2024.toml");
    let first = std::fs::read_to_string(&toml).unwrap();
    assert!(first.contains("# 表"), "imported values carry their cell: {first}");
    std::fs::remove_file(&pdf).unwrap();
    let (code, _, err) = run(&root, &[unit, "2024"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(&pdf).unwrap() == before, "{unit}: the PDF changed after export → import");
    // The same workbook again gives the same bytes.
    let (code, _, err) = run(&root, &["import", workbook.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&toml).unwrap(), first);
}

#[test]
fn export_then_import_keeps_the_district_pdf_byte_identical() {
    round_trip("普陀城运");
}

#[test]
fn export_then_import_keeps_the_town_pdf_byte_identical() {
    round_trip("安亭城运");
}

#[test]
fn import_keeps_what_the_person_wrote() {
    let (_dir, root) = common::scratch_project();
    assert_eq!(run(&root, &["export", "普陀城运", "2024"]).0, 0);
    let workbook = output(&root, "普陀城运", "2024", "xlsx");
    let toml = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&toml).unwrap().replace("退休人员福利费、生活补贴等", "退休人员福利费、生活补贴及其他");
    std::fs::write(&toml, &text).unwrap();
    assert_eq!(run(&root, &["import", workbook.to_str().unwrap()]).0, 0);
    let after = std::fs::read_to_string(&toml).unwrap();
    assert!(after.contains("退休人员福利费、生活补贴及其他"));
    assert!(after.contains("# 只填“叶子”数据"), "the person's comments stay");
    assert!(after.contains("prior = 231530"), "上年执行数 is not in the workbook and stays");
}

#[test]
fn new_year_starts_from_last_year_and_asks_for_what_is_missing() {
    let (_dir, root) = common::scratch_project();
    let catalog = std::fs::read_to_string(root.join("catalog/2024.toml")).unwrap().replace("year = 2024", "year = 2025");
    std::fs::write(root.join("catalog/2025.toml"), catalog).unwrap();
    let (code, out, err) = run(&root, &["new", "普陀城运", "2025"]);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(root.join("departments/普陀城运/2025.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(doc["year"].as_integer(), Some(2025));
    assert_eq!(doc["unit"]["name"].as_str(), Some("上海市普陀区城市运行管理中心"));
    assert_eq!(doc["three_public"]["prior"]["reception"].as_integer(), Some(6835), "last year's 三公 is this year's prior");
    assert_eq!(doc["last_year"]["total"].as_integer(), Some(136_993_587), "last year's 收支总额");
    assert_eq!(doc["three_public"]["reception"].as_str(), Some("待补充：本年预算（元）"));
    assert!(doc["economic"].as_table().unwrap().is_empty());
    // check refuses with M1 at the first marker and lists the others.
    let (code, _, err) = run(&root, &["check", "普陀城运", "2025"]);
    assert_eq!(code, 1);
    assert!(err.contains("错误[M1]"), "{err}");
    assert!(err.contains("2025.toml:"), "{err}");
    // It never overwrites.
    let (code, _, err) = run(&root, &["new", "普陀城运", "2025"]);
    assert_eq!(code, 2);
    assert!(err.contains("U11"), "{err}");
    let (code, _, err) = run(&root, &["new", "无此单位", "2025"]);
    assert_eq!(code, 2, "{err}");
}
