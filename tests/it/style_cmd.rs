//! `gen-budget style new|list`: a new set behaves exactly like its source (same PDF bytes),
//! refusals write nothing, and the listing of sets is exact.

use crate::common;
#[path = "style_cmd/list.rs"]
mod list;
#[path = "style_cmd/settings.rs"]
mod settings;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gen_budget::render::style_file::parse_formats;

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(args).arg("--root").arg(root).output().expect("binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The shipped data with no `templates/` of its own, as a user's project starts: every set built in.
fn fresh_project() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = common::scratch_project();
    std::fs::remove_dir_all(root.join("templates")).unwrap();
    (dir, root)
}

/// Builds a unit-year and returns its PDF's bytes.
fn build(root: &Path, unit: &str, pdf: &str) -> Vec<u8> {
    let out = run(root, &[unit, "2024"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read(root.join("out/2024").join(unit).join(pdf)).unwrap()
}

/// Points a unit's 2024 data at another style.
fn set_style(root: &Path, unit: &str, from: &str, to: &str) {
    let data = root.join("departments").join(unit).join("2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    std::fs::write(&data, text.replacen(from, to, 1)).unwrap();
}

/// The built-in text of a template (the repo's templates/ is what the binary embeds).
fn builtin(name: &str) -> String {
    std::fs::read_to_string(common::root().join("templates").join(name)).unwrap()
}

fn typ_count(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "typ")).count()
}

#[test]
fn a_set_made_from_jiading_builds_the_same_pdf_as_jiading() {
    let (_dir, root) = fresh_project();
    let pdf = "上海市嘉定区安亭镇2024年镇级部门预算.pdf";
    let source = build(&root, "安亭城运", pdf);
    let out = run(&root, &["style", "new", "安亭副本", "--from", "嘉定镇级"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = typ_count(&common::root().join("templates/styles/嘉定镇级")) + 1;
    assert!(
        stdout(&out).starts_with(&format!("已创建 templates/styles/安亭副本/（{files} 个文件）\n  style.toml\n  budget.typ\n")),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).ends_with("下一步：在单位数据的 [unit] 下写 style = \"安亭副本\"，然后运行 gen-budget <单位> <年>\n"));
    let made = root.join("templates/styles/安亭副本");
    assert_eq!(std::fs::read_to_string(made.join("budget/cover.typ")).unwrap(), builtin("styles/嘉定镇级/budget/cover.typ"));
    let settings = std::fs::read_to_string(made.join("style.toml")).unwrap();
    let shipped = builtin("styles/嘉定镇级/style.toml");
    assert_eq!(parse_formats(Path::new("new"), &settings).unwrap(), parse_formats(Path::new("shipped"), &shipped).unwrap());
    set_style(&root, "安亭城运", "style = \"嘉定镇级\"", "style = \"安亭副本\"");
    assert!(build(&root, "安亭城运", pdf) == source, "the copied set must print the same bytes as 嘉定镇级");
}

#[test]
fn a_set_made_without_from_builds_the_same_pdf_as_the_base() {
    // The scratch project holds copies of every template: they are what gets copied.
    let (_dir, root) = common::scratch_project();
    let pdf = "上海市普陀区2024年区级部门预算.pdf";
    let base = build(&root, "普陀城运", pdf);
    let out = run(&root, &["style", "new", "区级副本"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = "  style.toml\n  budget.typ\n  budget/cover.typ\n  budget/narrative.typ\n  budget/other.typ\n  budget/toc.typ\n";
    assert!(stdout(&out).starts_with(&format!("已创建 templates/styles/区级副本/（6 个文件）\n{listed}")), "{}", stdout(&out));
    let settings = std::fs::read_to_string(root.join("templates/styles/区级副本/style.toml")).unwrap();
    assert!(settings.lines().all(|l| l.is_empty() || l.starts_with('#')), "every setting commented out:\n{settings}");
    set_style(&root, "普陀城运", "[unit]\n", "[unit]\nstyle = \"区级副本\"\n");
    assert!(build(&root, "普陀城运", pdf) == base, "the copied base templates must print the same bytes");
}

#[test]
fn copies_come_from_the_projects_override_when_it_has_one() {
    let (_dir, root) = fresh_project();
    let changed = format!("{}// 本项目改过\n", builtin("budget/cover.typ"));
    std::fs::create_dir_all(root.join("templates/budget")).unwrap();
    std::fs::write(root.join("templates/budget/cover.typ"), &changed).unwrap();
    assert!(run(&root, &["style", "new", "静安区级"]).status.success());
    let made = root.join("templates/styles/静安区级");
    assert_eq!(std::fs::read_to_string(made.join("budget/cover.typ")).unwrap(), changed);
    assert_eq!(std::fs::read_to_string(made.join("budget/toc.typ")).unwrap(), builtin("budget/toc.typ"));
}

/// Runs a `style new` that must be refused with exactly `message` and exit status 2.
fn refused(root: &Path, args: &[&str], message: &str) {
    let out = run(root, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert_eq!(stderr(&out), format!("{message}\n共 1 个错误，未写入任何文件。\n"), "{args:?}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let (_dir, root) = fresh_project();
    let exists = |name: &str, what: &str| {
        format!(
            "错误[U11]: 样式“{name}”已存在{what}，不会覆盖\n |\n提示: 换一个名称，或用 gen-budget style new <新名称> --from {name} 以它为底新建"
        )
    };
    refused(&root, &["style", "new", "嘉定镇级"], &exists("嘉定镇级", "（内置）"));
    refused(&root, &["style", "new", "普陀区级"], &exists("普陀区级", "（内置）"));
    let hint = "提示: 样式名称须是普通的文件夹名，例如 静安区级：不能为空，不能含 /、\\、: 或 ..，不能以 . 开头";
    for bad in ["", "a/b", "..", "../x", ".隐藏", "a\\b", "/tmp/x"] {
        refused(&root, &["style", "new", bad], &format!("错误[U1]: 样式名称“{}”不合法\n |\n{hint}", bad.escape_debug()));
    }
    let unknown =
        "错误[U13]: 没有名为“无此样式”的模板样式\n |\n提示: 可用样式：普陀区级、嘉定镇级、普陀区级2022（gen-budget style list 查看详情）";
    refused(&root, &["style", "new", "新样式", "--from", "无此样式"], unknown);
    assert!(!root.join("templates").exists(), "a refused run writes nothing");

    // A set of the project is never overwritten, nor an existing folder written into.
    assert!(run(&root, &["style", "new", "我的"]).status.success());
    let cover = root.join("templates/styles/我的/budget/cover.typ");
    std::fs::write(&cover, "edited").unwrap();
    refused(&root, &["style", "new", "我的", "--from", "嘉定镇级"], &exists("我的", "（项目）"));
    assert_eq!(std::fs::read_to_string(&cover).unwrap(), "edited");
    std::fs::create_dir_all(root.join("templates/styles/空")).unwrap();
    refused(
        &root,
        &["style", "new", "空"],
        "错误[U11]: templates/styles/空/ 已存在（其中没有模板），不会写入其中\n |\n提示: 换一个名称，或先删除或改名该文件夹",
    );
    assert_eq!(std::fs::read_dir(root.join("templates/styles/空")).unwrap().count(), 0);
}

#[test]
fn a_symlinked_styles_folder_is_not_written_through() {
    let (dir, root) = fresh_project();
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("templates/styles")).unwrap();
    let out = run(&root, &["style", "new", "链接"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("[O3]"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "nothing written through the link");
}
