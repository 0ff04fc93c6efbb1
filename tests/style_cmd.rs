//! `gen-budget style new|list`: a new set behaves exactly like its source (same PDF bytes),
//! refusals write nothing, and the listing of sets is exact.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use gen_budget::render::Formats;
use gen_budget::render::formats::parse_formats;

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gen-budget"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("binary runs")
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
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "typ"))
        .count()
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
        stdout(&out).starts_with(&format!(
            "已创建 templates/styles/安亭副本/（{files} 个文件）\n  style.toml\n  budget.typ\n"
        )),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).ends_with(
        "下一步：在单位数据的 [unit] 下写 style = \"安亭副本\"，然后运行 gen-budget <单位> <年>\n"
    ));
    let made = root.join("templates/styles/安亭副本");
    assert_eq!(
        std::fs::read_to_string(made.join("budget/cover.typ")).unwrap(),
        builtin("styles/嘉定镇级/budget/cover.typ")
    );
    let settings = std::fs::read_to_string(made.join("style.toml")).unwrap();
    let shipped = builtin("styles/嘉定镇级/style.toml");
    assert_eq!(
        parse_formats(Path::new("new"), &settings).unwrap(),
        parse_formats(Path::new("shipped"), &shipped).unwrap()
    );
    set_style(
        &root,
        "安亭城运",
        "style = \"嘉定镇级\"",
        "style = \"安亭副本\"",
    );
    assert!(
        build(&root, "安亭城运", pdf) == source,
        "the copied set must print the same bytes as 嘉定镇级"
    );
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
    assert!(
        stdout(&out).starts_with(&format!(
            "已创建 templates/styles/区级副本/（6 个文件）\n{listed}"
        )),
        "{}",
        stdout(&out)
    );
    let settings =
        std::fs::read_to_string(root.join("templates/styles/区级副本/style.toml")).unwrap();
    assert!(
        settings.lines().all(|l| l.is_empty() || l.starts_with('#')),
        "every setting commented out:\n{settings}"
    );
    set_style(
        &root,
        "普陀城运",
        "[unit]\n",
        "[unit]\nstyle = \"区级副本\"\n",
    );
    assert!(
        build(&root, "普陀城运", pdf) == base,
        "the copied base templates must print the same bytes"
    );
}

#[test]
fn copies_come_from_the_projects_override_when_it_has_one() {
    let (_dir, root) = fresh_project();
    let changed = format!("{}// 本项目改过\n", builtin("budget/cover.typ"));
    std::fs::create_dir_all(root.join("templates/budget")).unwrap();
    std::fs::write(root.join("templates/budget/cover.typ"), &changed).unwrap();
    assert!(run(&root, &["style", "new", "静安区级"]).status.success());
    let made = root.join("templates/styles/静安区级");
    assert_eq!(
        std::fs::read_to_string(made.join("budget/cover.typ")).unwrap(),
        changed
    );
    assert_eq!(
        std::fs::read_to_string(made.join("budget/toc.typ")).unwrap(),
        builtin("budget/toc.typ")
    );
}

#[test]
fn uncommenting_every_line_gives_the_defaults_and_every_key_is_described() {
    let (_dir, root) = fresh_project();
    assert!(run(&root, &["style", "new", "全默认"]).status.success());
    let text = std::fs::read_to_string(root.join("templates/styles/全默认/style.toml")).unwrap();
    let uncommented: String = text
        .lines()
        .filter(|l| l.starts_with("# [") || l.starts_with("# ") && l.contains(" = "))
        .map(|l| format!("{}\n", &l[2..]))
        .collect();
    assert_eq!(
        parse_formats(Path::new("t"), &uncommented).unwrap(),
        Formats::default(),
        "the commented values must be the defaults:\n{uncommented}"
    );
    // Each section and key the file describes is exactly what style.toml accepts (serde lists them).
    let mut described: Vec<(String, Vec<String>)> = Vec::new();
    for line in uncommented.lines() {
        match line.strip_prefix('[') {
            Some(section) => {
                described.push((section.trim_end_matches(']').to_string(), Vec::new()))
            }
            None => described
                .last_mut()
                .unwrap()
                .1
                .push(line.split(" = ").next().unwrap().to_string()),
        }
    }
    let sections: Vec<String> = described.iter().map(|(s, _)| s.clone()).collect();
    assert_eq!(sorted(accepted("zz_unknown = 1")), sorted(sections));
    for (section, keys) in described {
        assert_eq!(
            sorted(accepted(&format!("[{section}]\nzz_unknown = 1"))),
            sorted(keys),
            "[{section}]"
        );
    }
}

/// The keys serde names when it refuses an unknown one.
fn accepted(text: &str) -> Vec<String> {
    let message = parse_formats(Path::new("t"), text).unwrap_err().message;
    let list = message
        .split("可用：")
        .nth(1)
        .and_then(|r| r.split('）').next())
        .unwrap_or_else(|| panic!("{message}"));
    list.split(", ")
        .map(|k| k.trim_matches('`').to_string())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// Runs a `style new` that must be refused with exactly `message` and exit status 2.
fn refused(root: &Path, args: &[&str], message: &str) {
    let out = run(root, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!("{message}\n共 1 个错误，未写入任何文件。\n"),
        "{args:?}"
    );
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
    refused(
        &root,
        &["style", "new", "嘉定镇级"],
        &exists("嘉定镇级", "（内置）"),
    );
    refused(
        &root,
        &["style", "new", "普陀区级"],
        &exists("普陀区级", "（内置）"),
    );
    let hint = "提示: 样式名称须是普通的文件夹名，例如 静安区级：不能为空，不能含 /、\\、: 或 ..，不能以 . 开头";
    for bad in ["", "a/b", "..", "../x", ".隐藏", "a\\b", "/tmp/x"] {
        refused(
            &root,
            &["style", "new", bad],
            &format!(
                "错误[U1]: 样式名称“{}”不合法\n |\n{hint}",
                bad.escape_debug()
            ),
        );
    }
    let unknown = "错误[U13]: 没有名为“无此样式”的模板样式\n |\n提示: 可用样式：普陀区级、嘉定镇级、普陀区级2022（gen-budget style list 查看详情）";
    refused(
        &root,
        &["style", "new", "新样式", "--from", "无此样式"],
        unknown,
    );
    assert!(
        !root.join("templates").exists(),
        "a refused run writes nothing"
    );

    // A set of the project is never overwritten, nor an existing folder written into.
    assert!(run(&root, &["style", "new", "我的"]).status.success());
    let cover = root.join("templates/styles/我的/budget/cover.typ");
    std::fs::write(&cover, "edited").unwrap();
    refused(
        &root,
        &["style", "new", "我的", "--from", "嘉定镇级"],
        &exists("我的", "（项目）"),
    );
    assert_eq!(std::fs::read_to_string(&cover).unwrap(), "edited");
    std::fs::create_dir_all(root.join("templates/styles/空")).unwrap();
    refused(
        &root,
        &["style", "new", "空"],
        &exists("空", "（文件夹已在，其中没有模板）"),
    );
    assert_eq!(
        std::fs::read_dir(root.join("templates/styles/空"))
            .unwrap()
            .count(),
        0
    );
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
    assert_eq!(
        std::fs::read_dir(&outside).unwrap().count(),
        0,
        "nothing written through the link"
    );
}

const BASE: &str =
    "普陀区级（基础样式）  内置\n  项目改写的基础模板：无\n  style.toml：无（全部取默认值）\n";
/// 嘉定镇级's listing, from the shipped folder (its templates and style.toml keys change as the set grows).
fn jiading() -> String {
    let dir = common::root().join("templates/styles/嘉定镇级");
    let mut names: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "typ"))
        .map(|e| {
            e.path()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let doc: toml_edit::DocumentMut = builtin("styles/嘉定镇级/style.toml").parse().unwrap();
    let keys: Vec<String> = doc
        .iter()
        .flat_map(|(s, t)| {
            t.as_table_like()
                .unwrap()
                .iter()
                .map(move |(k, _)| format!("{s}.{k}"))
        })
        .collect();
    let (n, names, keys) = (names.len(), names.join("、"), keys.join("、"));
    format!("嘉定镇级  内置\n  覆盖的模板（{n}）：{names}\n  style.toml：{keys}\n")
}
const PUTUO_2022: &str =
    "普陀区级2022  内置\n  覆盖的模板（1）：budget/tables/t1.typ\n  style.toml：tables.decimals\n";
const FOOTER: &str = "新建样式：gen-budget style new <名称> [--from <样式>]\n";

#[test]
fn list_shows_the_shipped_sets_then_the_projects() {
    let (_dir, root) = fresh_project();
    let out = run(&root, &["style", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("{BASE}{}{PUTUO_2022}{FOOTER}", jiading())
    );
    assert!(
        run(&root, &["style", "new", "测试", "--from", "普陀区级2022"])
            .status
            .success()
    );
    assert!(run(&root, &["style", "new", "默认"]).status.success());
    let made = "测试  项目\n  覆盖的模板（1）：budget/tables/t1.typ\n  style.toml：tables.decimals\n\
                默认  项目\n  覆盖的模板（5）：budget.typ、budget/cover.typ、budget/narrative.typ、budget/other.typ、budget/toc.typ\n  style.toml：有，未设置任何项（全部取默认值）\n";
    assert_eq!(
        stdout(&run(&root, &["style", "list"])),
        format!("{BASE}{}{PUTUO_2022}{made}{FOOTER}", jiading())
    );
}

#[test]
fn list_marks_what_the_project_holds_of_a_built_in_set() {
    let (_dir, root) = fresh_project();
    std::fs::create_dir_all(root.join("templates/styles/普陀区级2022")).unwrap();
    std::fs::write(
        root.join("templates/styles/普陀区级2022/style.toml"),
        "[tables]\ndecimals = 1\nunit = \"万元\"\n",
    )
    .unwrap();
    std::fs::write(root.join("templates/styles/普陀区级2022/extra.typ"), "").unwrap();
    std::fs::write(root.join("templates/budget.typ"), builtin("budget.typ")).unwrap();
    let out = stdout(&run(&root, &["style", "list"]));
    let base = "普陀区级（基础样式）  内置\n  项目改写的基础模板：budget.typ\n  style.toml：无（全部取默认值）\n";
    let both = "普陀区级2022  内置＋项目\n  覆盖的模板（2）：budget/tables/t1.typ、extra.typ（项目）\n  style.toml：（项目）tables.decimals、tables.unit\n";
    assert_eq!(out, format!("{base}{}{both}{FOOTER}", jiading()));
}
