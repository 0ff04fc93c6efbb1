//! `gen-budget diff` on the command line: a git revision, another year, usage errors.

use std::path::Path;
use std::process::{Command, Output};

use super::common;
use super::{FLAGSHIP, flagship_text, raise};

fn diff(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gen-budget")).arg("diff").args(args).arg("--root").arg(root).output().expect("binary runs")
}

fn git(root: &Path, args: &[&str]) {
    let out = Command::new("git").arg("-C").arg(root).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn against_a_git_revision_and_a_bad_one() {
    let (_dir, root) = common::scratch_project();
    git(&root, &["init", "-q"]);
    git(&root, &["add", "departments"]);
    git(&root, &["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "data"]);
    let clean = diff(&root, &["普陀城运", "2024", "--against", "HEAD"]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    assert!(stdout(&clean).starts_with("两个版本没有差别\n旧版本：HEAD:departments/普陀城运/2024.toml\n"), "{}", stdout(&clean));

    std::fs::write(root.join(FLAGSHIP), raise(&flagship_text(&root))).unwrap();
    let edited = diff(&root, &["普陀城运", "2024", "--against", "HEAD"]);
    assert_eq!(edited.status.code(), Some(0), "a difference is not a failure: {}", stderr(&edited));
    let text = stdout(&edited);
    assert!(text.starts_with("共 35 处数字、5 句、0 个项目有变化\n"), "{text}");
    assert!(
        text.contains("表3 212 01 99 其他城乡社区管理事务支出 · 项目支出: [-116,582,510.00-] → {+117,000,000.00+}（+417,490.00，+0.36%）"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour on a pipe");

    let json = diff(&root, &["普陀城运", "2024", "--against", "HEAD", "--format", "json"]);
    assert_eq!(json.stdout, diff(&root, &["普陀城运", "2024", "--against", "HEAD", "--format", "json"]).stdout, "same bytes");
    assert!(stdout(&json).contains("\"old\": \"HEAD:departments/普陀城运/2024.toml\""));

    let bad = diff(&root, &["普陀城运", "2024", "--against", "v9.9-none"]);
    assert_eq!(bad.status.code(), Some(2));
    let message = stderr(&bad);
    assert!(message.contains("U15") && message.contains("无法读取修订“v9.9-none”"), "{message}");
    assert!(bad.stdout.is_empty());
}

#[test]
fn a_revision_outside_git_is_a_usage_error() {
    let (_dir, root) = common::scratch_project();
    let out = diff(&root, &["普陀城运", "2024", "--against", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("U15"), "{}", stderr(&out));
}

#[test]
fn against_another_year_matches_rows_by_code() {
    let (_dir, root) = common::scratch_project();
    let catalog = std::fs::read_to_string(root.join("catalog/2024.toml")).unwrap();
    std::fs::write(root.join("catalog/2023.toml"), catalog.replacen("year = 2024", "year = 2023", 1)).unwrap();
    // Last year: the same data without the 208 05 99 line, and less 项目支出 on 212 01 99.
    let text = flagship_text(&root).replacen("year = 2024", "year = 2023", 1);
    let start = text.find("[[function]]\ncode = \"2080599\"").unwrap();
    let end = start + 1 + text[start + 1..].find("[[function]]").unwrap();
    let prior =
        format!("{}{}", &text[..start], &text[end..]).replace("project = { general = 116582510 }", "project = { general = 110000000 }");
    std::fs::write(root.join("departments/普陀城运/2023.toml"), prior).unwrap();
    let out = diff(&root, &["普陀城运", "2024", "--year", "2023"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("旧版本：") && text.contains("2023.toml"), "{text}");
    assert!(text.contains("表3 新增行 208 05 99 其他行政事业单位养老支出：合计 2,600.00，基本支出 2,600.00，项目支出 0.00"), "{text}");
    assert!(
        text.contains(
            "表3 212 01 99 其他城乡社区管理事务支出 · 项目支出: [-110,000,000.00-] → {+116,582,510.00+}（+6,582,510.00，+5.98%）"
        ),
        "{text}"
    );
    assert!(!text.contains("项目“"), "the same projects by name: {text}");
}

#[test]
fn only_budget_documents_and_a_named_edition_are_compared() {
    let (_dir, root) = common::scratch_project();
    // The shipped 2023 file of the unit is a 绩效自评.
    let out = diff(&root, &["普陀城运", "2024", "--year", "2023"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("U14") && stderr(&out).contains("“绩效自评”文件，diff 只比较预算公开文件"), "{}", stderr(&out));
    let none = diff(&root, &["普陀城运", "2024"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(stderr(&none).contains("--against"), "{}", stderr(&none));
    let broken = root.join("broken.toml");
    std::fs::write(&broken, "year = [").unwrap();
    let out = diff(&root, &["普陀城运", "2024", "--against", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("U14") && stderr(&out).contains("broken.toml 无法读取，不能比较"), "{}", stderr(&out));
}
