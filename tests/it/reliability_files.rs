//! Files are what they claim and output cannot be redirected or lost: FIFOs, symlinks planted
//! at every path the program reads or writes, killed runs, clashing names, truncated outputs,
//! unwritable manifests, and the exit statuses of a batch.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PDF: &str = "上海市普陀区2024年区级部门预算.pdf";

/// Runs the CLI with a time limit (a hang is a failure, not a stuck test).
fn run(root: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gen-budget"))
        .args(args)
        .arg("--root")
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("gen-budget {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// Runs a single build or check, and pins its complete output and exit status as a snapshot
/// (`files__<name>`), the scratch root as `[ROOT]` and the outside folder as `[OUTSIDE]`.
fn pinned(root: &Path, away: Option<&Path>, name: &str, args: &[&str]) -> (i32, String) {
    let (code, out) = run(root, args);
    let mut shown = out.clone();
    if let Some(away) = away {
        for path in [std::fs::canonicalize(away).unwrap(), away.to_path_buf()] {
            shown = shown.replace(&path.display().to_string(), "[OUTSIDE]");
        }
    }
    crate::diagnostics_snapshots::pin("files", name, root, Some(code), &shown);
    (code, out)
}

/// Every file under `dir` with its bytes: the exact set a run may not change.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

fn link(target: &Path, at: &Path) {
    std::fs::create_dir_all(at.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, at).unwrap();
}

/// A folder outside the project whose contents must never change.
fn outside() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    std::fs::write(path.join("keep.pdf"), b"outside").unwrap();
    (dir, path)
}

#[test]
fn a_fifo_among_the_data_files_is_refused_not_waited_on() {
    for at in ["departments/普陀城运/2024/x.toml", "departments/安亭城运/2024.toml"] {
        let (_d, root) = common::scratch_project();
        if at.ends_with("2024.toml") {
            std::fs::remove_file(root.join(at)).unwrap();
        }
        mkfifo(&root.join(at));
        let unit = at.split('/').nth(1).unwrap();
        for args in [vec!["check", unit, "2024"], vec![unit, "2024"], vec!["--all", "2024"]] {
            let (code, out) =
                if args[0] == "--all" { run(&root, &args) } else { pinned(&root, None, &format!("fifo {at} {}", args[0]), &args) };
            assert_eq!(code, 2, "{args:?}: {out}");
            assert!(out.contains("[U4]") && out.contains("不是普通文件"), "{args:?}: {out}");
        }
        assert!(!root.join("out/2024").join(unit).exists(), "nothing written for {unit}");
    }
}

#[test]
fn data_linked_from_outside_is_refused_alike_by_a_single_build_and_a_batch() {
    let (_d, root) = common::scratch_project();
    let (_o, away) = outside();
    let data = root.join("departments/普陀城运/2024.toml");
    std::fs::rename(&data, away.join("2024.toml")).unwrap();
    link(&away.join("2024.toml"), &data);
    for args in [vec!["普陀城运", "2024"], vec!["check", "普陀城运", "2024"], vec!["--all", "2024"]] {
        let (code, out) =
            if args[0] == "--all" { run(&root, &args) } else { pinned(&root, Some(&away), &format!("data linked out {}", args[0]), &args) };
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(out.contains("[U12]"), "{args:?}: {out}");
    }
    // A link that stays inside the project is fine.
    std::fs::remove_file(&data).unwrap();
    std::fs::copy(away.join("2024.toml"), root.join("departments/普陀城运/real.toml.txt")).unwrap();
    link(&root.join("departments/普陀城运/real.toml.txt"), &data);
    assert_eq!(run(&root, &["check", "普陀城运", "2024"]).0, 0);
}

#[test]
fn a_catalogue_linked_from_outside_is_refused() {
    let (_d, root) = common::scratch_project();
    let (_o, away) = outside();
    let catalog = root.join("catalog/2024.toml");
    std::fs::rename(&catalog, away.join("2024.toml")).unwrap();
    link(&away.join("2024.toml"), &catalog);
    let (code, out) = pinned(&root, Some(&away), "catalogue linked out", &["check", "普陀城运", "2024"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[U12]") && out.contains("catalog/2024.toml"), "{out}");
}

#[test]
fn a_symlink_planted_at_any_written_path_changes_nothing_outside() {
    let plants = ["out", "out/2024", "out/2024/普陀城运"];
    for plant in plants {
        let (_d, root) = common::scratch_project();
        let (_o, away) = outside();
        link(&away, &root.join(plant));
        let before = tree(&away);
        let (code, out) = pinned(&root, Some(&away), &format!("symlink at {plant}"), &["普陀城运", "2024"]);
        assert_eq!(code, 2, "{plant}: {out}");
        assert!(out.contains("[O3]"), "{plant}: {out}");
        let (code, out) = run(&root, &["--all", "2024"]);
        assert_eq!(code, 2, "{plant}: {out}");
        assert_eq!(tree(&away), before, "{plant}: a file outside changed");
    }
    // Links at the files themselves are replaced by the new file, never written through.
    let (_d, root) = common::scratch_project();
    let (_o, away) = outside();
    for file in [PDF, "上海市普陀区2024年区级部门预算.xlsx"] {
        link(&away.join("keep.pdf"), &root.join("out/2024/普陀城运").join(file));
    }
    link(&away.join("keep.pdf"), &root.join("out/2024/manifest.json"));
    link(&away.join("keep.pdf"), &root.join("out/2024/index.html"));
    let before = tree(&away);
    let (code, out) = run(&root, &["--all", "2024"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(tree(&away), before);
    assert!(std::fs::symlink_metadata(root.join("out/2024/普陀城运").join(PDF)).unwrap().file_type().is_file());
}

#[test]
fn temporaries_of_a_killed_run_are_removed_by_the_next() {
    let (_d, root) = common::scratch_project();
    let dir = root.join("out/2024/普陀城运");
    std::fs::create_dir_all(&dir).unwrap();
    let stale = dir.join(format!(".{PDF}.4000001-0.tmp"));
    std::fs::write(&stale, b"half a pdf").unwrap();
    assert_eq!(run(&root, &["普陀城运", "2024"]).0, 0);
    assert!(!stale.exists());
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
    assert!(left.is_empty());
}

#[test]
fn nothing_is_written_when_one_file_of_the_unit_cannot_be() {
    let (_d, root) = common::scratch_project();
    let dir = root.join("out/2022/松江城运");
    // A second booklet of the same unit-year, under another unit name so its title differs.
    let booklet = std::fs::read_to_string(root.join("departments/松江城运/2022.toml")).unwrap().replacen(
        "unit = \"上海市松江区城市运行管理中心\"",
        "unit = \"上海市松江区城市运行管理中心分中心\"",
        1,
    );
    std::fs::create_dir_all(root.join("departments/松江城运/2022")).unwrap();
    std::fs::write(root.join("departments/松江城运/2022/second.toml"), booklet).unwrap();
    let (code, out) = run(&root, &["松江城运", "2022", "--keep-typ"]);
    assert_eq!(code, 0, "{out}");
    let written = tree(&dir);
    assert_eq!(written.len(), 4, "two PDFs and two .typ: {:?}", written.keys());
    let second =
        written.keys().find(|p| p.to_string_lossy().contains("分中心") && p.extension().is_some_and(|x| x == "pdf")).unwrap().clone();
    std::fs::remove_file(&second).unwrap();
    std::fs::create_dir(&second).unwrap();
    std::fs::write(second.join("blocker"), b"").unwrap();
    let before = tree(&dir);
    let (code, out) = pinned(&root, None, "one file of the unit cannot be written", &["松江城运", "2022", "--keep-typ"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[O1]"), "{out}");
    assert_eq!(tree(&dir), before, "the other document and the .typ files stay as they were");
}

#[test]
fn two_documents_of_one_unit_year_never_share_a_file() {
    let (_d, root) = common::scratch_project();
    let booklet = std::fs::read_to_string(root.join("departments/松江城运/2022.toml")).unwrap();
    std::fs::create_dir_all(root.join("departments/松江城运/2022")).unwrap();
    std::fs::write(root.join("departments/松江城运/2022/copy.toml"), booklet).unwrap();
    let (code, out) = pinned(&root, None, "two documents share a file", &["松江城运", "2022"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[O2]") && out.contains("2022.toml") && out.contains("copy.toml"), "{out}");
    assert!(!root.join("out/2022").exists());
}

#[test]
fn a_batch_rebuilds_a_file_that_no_longer_matches_its_manifest() {
    let (_d, root) = common::scratch_project();
    assert_eq!(run(&root, &["--all", "2024"]).0, 0);
    let pdf = root.join("out/2024/普陀城运").join(PDF);
    let good = std::fs::read(&pdf).unwrap();
    std::fs::write(&pdf, &good[..good.len() / 2]).unwrap();
    let (code, out) = run(&root, &["--all", "2024"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("普陀城运 2024：已生成"), "the truncated PDF is rebuilt: {out}");
    assert!(out.contains("安亭城运 2024：未变化"), "{out}");
    assert_eq!(std::fs::read(&pdf).unwrap(), good);
}

#[test]
fn batch_exit_statuses_follow_the_single_build() {
    // A data error: 1.
    let (_d, root) = common::scratch_project();
    let data = root.join("departments/安亭城运/2024.toml");
    std::fs::write(&data, std::fs::read_to_string(&data).unwrap().replacen("year = 2024", "year = 2023", 1)).unwrap();
    let (code, out) = run(&root, &["--all", "2024"]);
    assert_eq!(code, 1, "{out}");
    // An output error: 2.
    let (_d, root) = common::scratch_project();
    std::fs::create_dir_all(root.join("out/2024")).unwrap();
    std::fs::write(root.join("out/2024/安亭城运"), b"a file where a folder goes").unwrap();
    let (code, out) = run(&root, &["--all", "2024"]);
    assert_eq!(code, 2, "{out}");
    // A manifest that cannot be written: 2, and said.
    let (_d, root) = common::scratch_project();
    std::fs::create_dir_all(root.join("out/2024/manifest.json")).unwrap();
    let (code, out) = run(&root, &["--all", "2024"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("manifest.json"), "{out}");
}

#[test]
fn every_toml_mistake_of_a_file_is_reported_in_chinese_with_its_line() {
    let (_d, root) = common::scratch_project();
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data)
        .unwrap()
        .replacen("admin_units = 0", "admin_units = \"零\"", 1)
        .replacen("equipment = 0", "equipment = true", 1)
        .replacen("year = 2024\n", "year = 2024\ncolour = 1\n", 1);
    std::fs::write(&data, text).unwrap();
    let (code, out) = pinned(&root, None, "toml type mistakes", &["check", "普陀城运", "2024"]);
    assert_eq!(code, 1, "{out}");
    for expected in ["[T2]", "colour", "[T1]", "admin_units", "equipment"] {
        assert!(out.contains(expected), "{expected}: {out}");
    }
    assert!(out.matches("错误[T").count() >= 3, "{out}");
    assert!(!out.contains("invalid type") && !out.contains("expected"), "{out}");
    // Syntax errors, all of them.
    std::fs::write(&data, "year = 2024\nadmin_units = \nother = 1 2\n").unwrap();
    let (code, out) = pinned(&root, None, "toml syntax mistakes", &["check", "普陀城运", "2024"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.matches("错误[T1]").count(), 2, "{out}");
    assert!(out.contains("2024.toml:2:") && out.contains("2024.toml:3:"), "{out}");
}

#[test]
fn a_file_that_is_not_utf8_names_its_line() {
    let (_d, root) = common::scratch_project();
    let data = root.join("departments/普陀城运/2024.toml");
    let mut bytes = std::fs::read(&data).unwrap();
    let third = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(1).unwrap().0 + 1;
    bytes.splice(third..third, [0xB2, 0xE2, b'\n']);
    std::fs::write(&data, bytes).unwrap();
    let (code, out) = pinned(&root, None, "data not utf8", &["check", "普陀城运", "2024"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[U4]") && out.contains("第 3 行") && out.contains("UTF-8"), "{out}");
}

#[test]
fn templates_and_fonts_linked_from_outside_are_refused() {
    // A template override that is a symlink out of the project: C2, nothing written.
    let (_d, root) = common::scratch_project();
    let (_o, away) = outside();
    std::fs::write(away.join("cover.typ"), "#panic(\"outside\")").unwrap();
    std::fs::remove_file(root.join("templates/budget/cover.typ")).unwrap();
    link(&away.join("cover.typ"), &root.join("templates/budget/cover.typ"));
    let (code, out) = pinned(&root, Some(&away), "template linked out", &["普陀城运", "2024"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[C2]") && out.contains("项目目录之外"), "{out}");
    assert!(!root.join("out").exists());
    // A FIFO named like a template is refused, not read.
    let (_d, root) = common::scratch_project();
    std::fs::remove_file(root.join("templates/budget/cover.typ")).unwrap();
    mkfifo(&root.join("templates/budget/cover.typ"));
    let (code, out) = pinned(&root, None, "template is a fifo", &["check", "普陀城运", "2024"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[C2]") && out.contains("不是普通文件"), "{out}");
    // A font file linked from outside: F1.
    let (_d, root) = common::scratch_project();
    let (_o, away) = outside();
    std::fs::copy(root.join("fonts/NotoSansSC-Regular.otf"), away.join("sans.otf")).unwrap();
    std::fs::remove_file(root.join("fonts/NotoSansSC-Regular.otf")).unwrap();
    link(&away.join("sans.otf"), &root.join("fonts/NotoSansSC-Regular.otf"));
    let (code, out) = pinned(&root, Some(&away), "font linked out", &["普陀城运", "2024"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[F1]") && out.contains("项目目录之外"), "{out}");
}

#[test]
fn export_and_import_never_write_through_a_planted_symlink() {
    let (_d, root) = common::scratch_project();
    let (_o, away) = outside();
    link(&away, &root.join("out/2024"));
    let before = tree(&away);
    let (code, out) = pinned(&root, Some(&away), "export through a symlink", &["export", "普陀城运", "2024"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[O3]"), "{out}");
    assert_eq!(tree(&away), before);
    // The workbook of a clean export, imported into a unit folder that is a link out of the project.
    std::fs::remove_file(root.join("out/2024")).unwrap();
    assert_eq!(run(&root, &["export", "普陀城运", "2024"]).0, 0);
    let book = root.join("out/2024/普陀城运/上海市普陀区2024年区级部门预算.xlsx");
    std::fs::remove_dir_all(root.join("departments/普陀城运")).unwrap();
    link(&away, &root.join("departments/新单位"));
    let (code, out) = pinned(&root, Some(&away), "import through a symlink", &["import", book.to_str().unwrap(), "--unit", "新单位"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[O3]"), "{out}");
    assert_eq!(tree(&away), before);
}

#[test]
fn a_fifo_given_as_workbook_or_planted_as_manifest_is_never_waited_on() {
    let (_d, root) = common::scratch_project();
    mkfifo(&root.join("book.xlsx"));
    let book = root.join("book.xlsx");
    let (code, out) = pinned(&root, None, "workbook is a fifo", &["import", book.to_str().unwrap(), "--unit", "普陀城运"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("[U7]") && out.contains("不是普通文件"), "{out}");
    mkfifo(&root.join("out/2024/manifest.json"));
    let (code, out) = run(&root, &["--all", "2024"]);
    // The old manifest is ignored; the new one replaces the FIFO.
    assert_eq!(code, 0, "{out}");
    assert!(std::fs::symlink_metadata(root.join("out/2024/manifest.json")).unwrap().file_type().is_file());
}
