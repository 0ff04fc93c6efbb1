//! The README tutorial "a template set for your district", followed step by step: its
//! commands and edits are read from README.md, so the text and the program cannot drift apart.

use crate::common;

use std::path::Path;
use std::process::Command;

use gen_budget::document::Document;
use gen_budget::load::Project;
use gen_budget::pipeline::BuildOptions;
use gen_budget::render::Templates;

const SECTION: &str = "### Tutorial: a template set for your district";

/// One step of the tutorial: a command line, or an edit of one file.
#[derive(Debug)]
enum Step {
    Run(Vec<String>),
    Edit { file: String, pairs: Vec<(Vec<String>, Vec<String>)> },
}

/// The tutorial's fenced blocks in order: `sh` lines starting with `gen-budget`, and `diff` blocks.
fn steps(readme: &str) -> Vec<Step> {
    let start = readme.find(SECTION).expect("README has the tutorial");
    let rest = &readme[start + SECTION.len()..];
    let section = &rest[..rest.find("\n### ").unwrap_or(rest.len())];
    let mut steps = Vec::new();
    let mut lines = section.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(kind) = line.strip_prefix("```").filter(|k| !k.is_empty()) else { continue };
        let block: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        match kind {
            "sh" => steps.extend(
                block
                    .iter()
                    .filter(|l| l.starts_with("gen-budget "))
                    .map(|l| Step::Run(l.split_whitespace().skip(1).map(String::from).collect())),
            ),
            "diff" => steps.push(edit(&block)),
            other => panic!("unexpected block kind {other}"),
        }
    }
    steps
}

/// A diff block: `--- file`, then runs of `-` lines each followed by its `+` lines.
fn edit(block: &[&str]) -> Step {
    let file = block[0].strip_prefix("--- ").expect("a diff block names its file").to_string();
    let mut pairs: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for line in &block[1..] {
        if let Some(old) = line.strip_prefix('-') {
            if pairs.last().is_none_or(|(_, new)| !new.is_empty()) {
                pairs.push((Vec::new(), Vec::new()));
            }
            pairs.last_mut().unwrap().0.push(old.to_string());
        } else if let Some(new) = line.strip_prefix('+') {
            pairs.last_mut().expect("a + line follows a - line").1.push(new.to_string());
        }
    }
    Step::Edit { file, pairs }
}

/// Applies one edit as the reader would: each `-` run is found once and replaced by its `+` lines.
fn apply(root: &Path, file: &str, pairs: &[(Vec<String>, Vec<String>)]) {
    let path = root.join(file);
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    for (old, new) in pairs {
        let (old, new) = (old.join("\n") + "\n", new.join("\n") + "\n");
        assert!(text.contains(&old), "{file} has no line {old:?}: the tutorial's edit no longer applies");
        text = text.replacen(&old, &new, 1);
    }
    std::fs::write(&path, text).unwrap();
}

/// Runs one tutorial command in the project folder; returns stdout.
fn run(root: &Path, args: &[String]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(args).current_dir(root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "gen-budget {}: {stderr}", args.join(" "));
    String::from_utf8(out.stdout).unwrap() + &stderr
}

#[test]
fn the_readme_tutorial_builds_a_district_set() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let steps = steps(&readme);
    assert_eq!(steps.len(), 6, "style new, three edits, build, list: {steps:?}");
    let (_dir, root) = common::scratch_project();
    let mut said = String::new();
    for step in &steps {
        match step {
            Step::Run(args) => said.push_str(&run(&root, args)),
            Step::Edit { file, pairs } => apply(&root, file, pairs),
        }
    }
    assert!(said.contains("已创建 templates/styles/示例区级/"), "{said}");
    assert!(said.contains("已生成 ./out/2024/普陀城运/上海市普陀区2024年区级部门预算.pdf"), "{said}");
    assert!(said.contains("示例区级  项目") && said.contains("style.toml：tables.decimals"), "the set is listed with its setting: {said}");
    let documents = Document::load_all(&Project::new(&root), "普陀城运", "2024").unwrap();
    let templates = Templates::load(&root.join("templates")).unwrap();
    let rendered = documents[0].render(&common::engine(), &templates, &BuildOptions::default()).unwrap_or_else(|d| panic!("{:?}", d.0));
    let text: String = gen_budget::typeset::text::stream_text(&rendered.compiled.document).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains("四、预算绩效管理情况") && !text.contains("四、绩效目标设置情况"), "the changed sentence");
    assert!(text.contains("136,993,587") && !text.contains("136,993,587.00"), "tables in whole 元");
    assert!(text.contains("收入预算13,699.36万元"), "everything else as the base");
}

#[test]
fn a_tutorial_edit_that_no_longer_applies_is_caught() {
    let (_dir, root) = common::scratch_project();
    std::fs::create_dir_all(root.join("x")).unwrap();
    std::fs::write(root.join("x/a.typ"), "keep\n").unwrap();
    let Step::Edit { file, pairs } = edit(&["--- x/a.typ", "-missing", "+new"]) else { unreachable!() };
    let caught = std::panic::catch_unwind(|| apply(&root, &file, &pairs));
    assert!(caught.is_err());
}
