//! `style list`: exact output for the shipped sets, the project's sets and a set of both origins.

use super::{builtin, common, fresh_project, run, stderr, stdout};

const BASE: &str = "普陀区级（基础样式）  内置\n  项目改写的基础模板：无\n  style.toml：无（全部取默认值）\n";
/// A shipped set's templates (relative to its folder, sorted) and its style.toml keys in order,
/// read from the repo (the shipped sets grow while the listing's form stays fixed).
fn shipped(set: &str) -> (Vec<String>, Vec<String>) {
    let dir = common::root().join("templates/styles").join(set);
    let mut names: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "typ"))
        .map(|e| e.path().strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let doc: toml_edit::DocumentMut = builtin(&format!("styles/{set}/style.toml")).parse().unwrap();
    let keys = doc.iter().flat_map(|(s, t)| t.as_table_like().unwrap().iter().map(move |(k, _)| format!("{s}.{k}"))).collect();
    (names, keys)
}

/// One set's three lines of `style list`.
fn block(set: &str, origin: &str, names: &[String], keys: &str) -> String {
    let n = names.len();
    let names = names.join("、");
    format!("{set}  {origin}\n  覆盖的模板（{n}）：{names}\n  style.toml：{keys}\n")
}

/// A shipped set listed under `name` with `origin` (a copy made with --from lists like its source).
fn shipped_block(set: &str, name: &str, origin: &str) -> String {
    let (names, keys) = shipped(set);
    block(name, origin, &names, &keys.join("、"))
}

fn shipped_sets() -> String {
    let (jiading, putuo) = ("嘉定镇级", "普陀区级2022");
    format!("{BASE}{}{}", shipped_block(jiading, jiading, "内置"), shipped_block(putuo, putuo, "内置"))
}

const FOOTER: &str = "新建样式：gen-budget style new <名称> [--from <样式>]\n";

#[test]
fn list_shows_the_shipped_sets_then_the_projects() {
    let (_dir, root) = fresh_project();
    let out = run(&root, &["style", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{}{FOOTER}", shipped_sets()));
    assert!(run(&root, &["style", "new", "测试", "--from", "普陀区级2022"]).status.success());
    assert!(run(&root, &["style", "new", "默认"]).status.success());
    let defaults = ["budget.typ", "budget/cover.typ", "budget/narrative.typ", "budget/other.typ", "budget/toc.typ"];
    let defaults: Vec<String> = defaults.map(String::from).to_vec();
    let made = format!(
        "{}{}",
        shipped_block("普陀区级2022", "测试", "项目"),
        block("默认", "项目", &defaults, "有，未设置任何项（全部取默认值）")
    );
    assert_eq!(stdout(&run(&root, &["style", "list"])), format!("{}{made}{FOOTER}", shipped_sets()));
}

#[test]
fn list_marks_what_the_project_holds_of_a_built_in_set() {
    let (_dir, root) = fresh_project();
    std::fs::create_dir_all(root.join("templates/styles/普陀区级2022")).unwrap();
    std::fs::write(root.join("templates/styles/普陀区级2022/style.toml"), "[tables]\ndecimals = 1\nunit = \"万元\"\n").unwrap();
    std::fs::write(root.join("templates/styles/普陀区级2022/extra.typ"), "").unwrap();
    std::fs::write(root.join("templates/budget.typ"), builtin("budget.typ")).unwrap();
    let out = stdout(&run(&root, &["style", "list"]));
    let base = "普陀区级（基础样式）  内置\n  项目改写的基础模板：budget.typ\n  style.toml：无（全部取默认值）\n";
    let (mut names, _) = shipped("普陀区级2022");
    names.push("extra.typ".into());
    names.sort();
    let names: Vec<String> = names.into_iter().map(|n| if n == "extra.typ" { format!("{n}（项目）") } else { n }).collect();
    let both = block("普陀区级2022", "内置＋项目", &names, "（项目）tables.decimals、tables.unit");
    assert_eq!(out, format!("{base}{}{both}{FOOTER}", shipped_block("嘉定镇级", "嘉定镇级", "内置")));
}
