//! `gen-budget --all`: every unit published, failures isolated, unchanged units skipped.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(args).arg("--root").arg(root).output().expect("binary runs")
}

/// A scratch project with three units: the shipped one, a copy, and a broken copy.
fn three_units() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = common::scratch_project();
    // Three 区级 units of 2024: the shipped 镇级 unit is left out to keep the counts simple.
    std::fs::remove_dir_all(root.join("departments/安亭城运")).unwrap();
    let data = std::fs::read_to_string(root.join("departments/普陀城运/2024.toml")).unwrap();
    for (unit, text) in [("甲单位", data.clone()), ("乙单位", data.replacen("reception = 6835\n", "reception = 6835.5\n", 1))] {
        std::fs::create_dir_all(root.join("departments").join(unit)).unwrap();
        std::fs::write(root.join("departments").join(unit).join("2024.toml"), text).unwrap();
    }
    (dir, root)
}

fn manifest(root: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(root.join("out/2024/manifest.json")).unwrap()).unwrap()
}

fn statuses(root: &Path) -> Vec<(String, String)> {
    let m = manifest(root);
    m["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["unit"].as_str().unwrap().to_string(), u["status"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn one_failure_does_not_stop_the_others_and_everything_is_recorded() {
    let (_dir, root) = three_units();
    let out = run(&root, &["--all", "2024"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a failed unit makes the batch fail\n{stdout}{stderr}");
    assert!(stderr.contains("[T4]") && stderr.contains("乙单位/2024.toml"), "the failure is reported with its location:\n{stderr}");
    assert!(stdout.contains("/3] 乙单位 2024：失败"), "plain progress lines when not on a terminal:\n{stdout}");
    let expected = [("乙单位", "failed"), ("普陀城运", "built"), ("甲单位", "built")].map(|(u, s)| (u.to_string(), s.to_string()));
    assert_eq!(statuses(&root), expected);
    let m = manifest(&root);
    let built = &m["units"][1]["documents"][0];
    let pdf = std::fs::read(root.join("out/2024").join(built["file"].as_str().unwrap())).unwrap();
    assert_eq!(built["pages"], 22);
    assert_eq!(built["sha256"].as_str().unwrap(), gen_budget::output::sha256_hex(&pdf));
    let index = std::fs::read_to_string(root.join("out/2024/index.html")).unwrap();
    assert!(index.contains("href=\"甲单位/上海市普陀区2024年区级部门预算.pdf\"") && index.contains("失败"));
}

#[test]
fn unchanged_units_are_skipped_and_force_rebuilds_them() {
    let (_dir, root) = three_units();
    std::fs::remove_dir_all(root.join("departments/乙单位")).unwrap();
    assert!(run(&root, &["--all", "2024"]).status.success());
    assert!(run(&root, &["--all"]).status.success());
    assert_eq!(statuses(&root), [("普陀城运", "skipped"), ("甲单位", "skipped")].map(|(u, s)| (u.to_string(), s.to_string())));
    let data = root.join("departments/甲单位/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(
        &data,
        text.replacen("services = 8448100", "services = 8448200", 1).replacen("sme_reserved = 8448100", "sme_reserved = 8448200", 1),
    )
    .unwrap();
    assert!(run(&root, &["--all", "2024"]).status.success());
    assert_eq!(statuses(&root), [("普陀城运", "skipped"), ("甲单位", "built")].map(|(u, s)| (u.to_string(), s.to_string())));
    // Last year's file feeds the cross-year checks: changing it rebuilds that unit only.
    let previous = root.join("departments/普陀城运/2023.toml");
    std::fs::write(&previous, std::fs::read_to_string(&previous).unwrap() + "# 改动\n").unwrap();
    assert!(run(&root, &["--all", "2024"]).status.success());
    assert_eq!(
        statuses(&root),
        [("普陀城运", "built"), ("甲单位", "skipped")].map(|(u, s)| (u.to_string(), s.to_string())),
        "a change to last year's file rebuilds"
    );
    std::fs::write(root.join("templates/budget/toc.typ"), "#page[目 录]\n").unwrap();
    assert!(run(&root, &["--all", "2024"]).status.success());
    assert_eq!(
        statuses(&root),
        [("普陀城运", "built"), ("甲单位", "built")].map(|(u, s)| (u.to_string(), s.to_string())),
        "a template change rebuilds every unit"
    );
    assert!(run(&root, &["--all", "2024", "--force"]).status.success());
    assert_eq!(statuses(&root), [("普陀城运", "built"), ("甲单位", "built")].map(|(u, s)| (u.to_string(), s.to_string())));
}

#[test]
fn batch_output_is_the_same_as_single_builds() {
    let (_dir, root) = three_units();
    std::fs::remove_dir_all(root.join("departments/乙单位")).unwrap();
    assert!(run(&root, &["--all", "2024"]).status.success());
    let pdf = root.join("out/2024/甲单位/上海市普陀区2024年区级部门预算.pdf");
    let batch = std::fs::read(&pdf).unwrap();
    assert!(run(&root, &["甲单位", "2024"]).status.success());
    assert!(batch == std::fs::read(&pdf).unwrap(), "parallel batch and single build must give identical bytes");
}

#[test]
fn the_index_lists_each_units_findings_in_the_projects_font() {
    let (_dir, root) = three_units();
    run(&root, &["--all", "2024"]);
    let index = std::fs::read_to_string(root.join("out/2024/index.html")).unwrap();
    assert!(
        index.contains("<a href=\"#findings-乙单位\">") && index.contains("<section id=\"findings-乙单位\">"),
        "the failed unit links its findings"
    );
    assert!(index.contains("<li class=\"finding error\"><span class=\"kind\">错误</span><b>T4</b>"), "{index}");
    assert!(index.contains("departments/乙单位/2024.toml:"), "each finding names its place");
    let font = std::fs::read(root.join("out/fonts/sans.otf")).expect("the font beside the year folders");
    assert_eq!(font, std::fs::read(common::root().join("fonts/NotoSansSC-Regular.otf")).unwrap());
    // A browser with no CJK font reads the page in that font: opened from disk, as a reviewer would.
    assert!(Path::new("/usr/bin/chromium").exists(), "install Debian's chromium (bash .ci/run does)");
    let probe = index.replace("</body>", "<script>document.fonts.load('16px \"GenBudget Sans\"', '预算').then(f => document.title = 'font:' + f.length + ':' + document.fonts.check('16px \"GenBudget Sans\"', '预算'));</script></body>");
    std::fs::write(root.join("out/2024/probe.html"), probe).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("/usr/bin/chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", root.join("out/2024/probe.html").display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("<title>font:1:true</title>"), "the served font loads from out/fonts/: {}", &dom[..dom.len().min(300)]);
}

#[test]
fn a_draft_batch_writes_the_generated_source_of_each_unit_typst_refuses() {
    let (_dir, root) = three_units();
    let lib = root.join("templates/lib.typ");
    let text = std::fs::read_to_string(&lib).unwrap().replacen("#let sans = \"Noto Sans CJK SC\"", "#let sans = nosuch", 1);
    std::fs::write(&lib, text).unwrap();
    let out = run(&root, &["--all", "2024", "--draft"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for unit in ["普陀城运", "甲单位"] {
        let typ = root.join("out/2024").join(unit).join("上海市普陀区2024年区级部门预算（草稿）.typ");
        let written = std::fs::read_to_string(&typ).unwrap_or_else(|_| panic!("{} is written:\n{stderr}", typ.display()));
        assert!(written.contains("nosuch"), "the source Typst refused");
        let line = format!("{unit} 2024：未生成 PDF；已写出生成的 Typst 源文件以便排查：{}", typ.display());
        assert!(stderr.contains(&line), "{line}\n{stderr}");
        assert!(stderr.contains(&format!("生成的 Typst 源文件 {}:", typ.display())), "the C3 message names the file:\n{stderr}");
        assert!(!typ.with_extension("pdf").exists(), "no PDF from a refused draft");
    }
    // 乙单位's data does not load (T4): nothing reached Typst, so no source is written.
    assert!(!root.join("out/2024/乙单位").exists(), "{stderr}");
    let out = run(&root, &["--all", "2024"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("以便排查"), "a release batch writes no source");
}
