//! `gen-budget --all <年> --diff-against <修订>`: out/<年>/changes.html lists every unit with what
//! changed since that git revision, and the index links it.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(args).arg("--root").arg(root).output().expect("binary runs")
}

fn git(root: &Path, args: &[&str]) {
    let out = Command::new("git").arg("-C").arg(root).args(["-c", "user.name=t", "-c", "user.email=t@t"]).args(args).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Two 区级 units of 2024 committed to a fresh repository.
fn committed_project() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = common::scratch_project();
    std::fs::remove_dir_all(root.join("departments/安亭城运")).unwrap();
    std::fs::create_dir_all(root.join("departments/甲单位")).unwrap();
    std::fs::copy(root.join("departments/普陀城运/2024.toml"), root.join("departments/甲单位/2024.toml")).unwrap();
    git(&root, &["init", "-q"]);
    git(&root, &["add", "departments", "catalog", "templates"]);
    git(&root, &["commit", "-q", "-m", "approved"]);
    (dir, root)
}

#[test]
fn the_changes_page_lists_changed_and_unchanged_units() {
    let (_dir, root) = committed_project();
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("change_reason = \"项目及人员增减变动\"", "change_reason = \"项目调整\"", 1)).unwrap();
    let out = run(&root, &["--all", "2024", "--diff-against", "HEAD"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = std::fs::read_to_string(root.join("out/2024/changes.html")).unwrap();
    assert!(page.contains("与修订 <code>HEAD</code> 中的数据相比：共 2 个单位，1 个有变化"), "{page}");
    assert!(page.contains("<tr class=\"same\"><td>甲单位</td><td>无变化</td></tr>"), "{page}");
    assert!(page.contains("<tr class=\"changed\"><td>普陀城运</td><td><a href=\"#普陀城运\">"), "{page}");
    assert!(
        page.contains("<section id=\"普陀城运\">") && page.contains("项目<del>及人员增减变动</del><ins>调整</ins>"),
        "the changed sentence is shown: {page}"
    );
    let index = std::fs::read_to_string(root.join("out/2024/index.html")).unwrap();
    assert!(index.contains("<a href=\"changes.html\">"), "the index links the page");
}

#[test]
fn a_unit_the_revision_does_not_have_is_listed_as_such() {
    let (_dir, root) = committed_project();
    std::fs::create_dir_all(root.join("departments/乙单位")).unwrap();
    std::fs::copy(root.join("departments/普陀城运/2024.toml"), root.join("departments/乙单位/2024.toml")).unwrap();
    assert!(run(&root, &["--all", "2024", "--diff-against", "HEAD"]).status.success());
    let page = std::fs::read_to_string(root.join("out/2024/changes.html")).unwrap();
    assert!(page.contains("<tr class=\"none\"><td>乙单位</td>"), "{page}");
    assert!(page.contains("共 3 个单位，0 个有变化"), "{page}");
}

#[test]
fn an_unknown_revision_is_refused_before_anything_is_built() {
    let (_dir, root) = committed_project();
    let out = run(&root, &["--all", "2024", "--diff-against", "no-such-tag"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("错误[U15]: git 中没有修订“no-such-tag”"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!root.join("out/2024").exists(), "nothing written");
}

#[test]
fn without_diff_against_no_changes_page_is_linked() {
    let (_dir, root) = committed_project();
    assert!(run(&root, &["--all", "2024"]).status.success());
    assert!(!root.join("out/2024/changes.html").exists());
    assert!(!std::fs::read_to_string(root.join("out/2024/index.html")).unwrap().contains("changes.html"));
}
