//! A draft Typst refuses writes the generated source where the PDF would be and names it, with
//! the line, beside the template file:line; a release writes nothing.

use std::process::Command;

use crate::common;

/// The scratch project with line 3 of lib.typ (`#let sans = …`) broken, built with `args`.
fn build(root: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(["普陀城运", "2024"]).args(args).arg("--root").arg(root).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn a_refused_draft_writes_and_names_its_generated_source() {
    let (_dir, root) = common::scratch_project();
    let lib = root.join("templates/lib.typ");
    let text = std::fs::read_to_string(&lib).unwrap().replacen("#let sans = \"Noto Sans CJK SC\"", "#let sans = nosuch", 1);
    std::fs::write(&lib, text).unwrap();
    let (exit, stderr) = build(&root, &[]);
    assert_eq!(exit, Some(2), "{stderr}");
    assert!(
        !root.join("out/2024").exists()
            || walkdir::WalkDir::new(root.join("out/2024")).into_iter().flatten().all(|e| e.path().extension().is_none_or(|x| x != "typ")),
        "a release writes no source"
    );
    let (exit, stderr) = build(&root, &["--draft"]);
    assert_eq!(exit, Some(2), "{stderr}");
    assert!(stderr.contains("templates/lib.typ:3:13"), "the template file:line:column: {stderr}");
    assert!(stderr.contains("未生成 PDF；已写出生成的 Typst 源文件以便排查"), "the summary says what was written: {stderr}");
    let folder = root.join("out/2024/普陀城运");
    let typ = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "typ"))
        .expect("the .typ is written");
    assert!(typ.file_name().unwrap().to_string_lossy().ends_with("（草稿）.typ"), "{}", typ.display());
    let named = format!("{}:", typ.display());
    let at = stderr.find(&named).unwrap_or_else(|| panic!("the message names {named}: {stderr}"));
    let line: usize = stderr[at + named.len()..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap();
    let written = std::fs::read_to_string(&typ).unwrap();
    assert!(written.lines().nth(line - 1).unwrap().contains("nosuch"), "line {line} of the written source is the one refused");
    assert!(!folder.read_dir().unwrap().flatten().any(|e| e.path().extension().is_some_and(|x| x == "pdf")), "no PDF from a refused draft");
}
