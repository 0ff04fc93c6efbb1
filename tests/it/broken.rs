//! The broken-input corpus: every case of tests/broken/cases.toml is reported with its code,
//! at its line and column, with the right exit status, and leaves out/ untouched.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    patch: Vec<(String, String)>,
    code: String,
    at: Option<String>,
    #[serde(default)]
    at_from_start: bool,
    exit: i32,
    #[serde(default)]
    command: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    seed: Option<String>,
    /// The unit whose 2024 data the case patches (default 普陀城运).
    #[serde(default = "default_unit")]
    unit: String,
}

fn default_unit() -> String {
    "普陀城运".to_string()
}

fn data_of(unit: &str) -> String {
    format!("departments/{unit}/2024.toml")
}

/// Applies the patches; returns the patched text and where the first one landed.
fn apply(original: &str, case: &Case) -> (String, usize) {
    let mut text = original.to_string();
    let mut first = None;
    for (find, replace) in &case.patch {
        let pos = text.find(find.as_str()).unwrap_or_else(|| panic!("{}: `{find}` not in the shipped data", case.name));
        first.get_or_insert(pos);
        text.replace_range(pos..pos + find.len(), replace);
    }
    (text, first.unwrap_or(0))
}

/// 1-based line and character column of a byte offset, as the diagnostics count them.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..offset].chars().count() + 1)
}

/// Every (code, "line:col") pair in the rendered diagnostics; "" when a diagnostic has no position.
fn reported(stderr: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let lines: Vec<&str> = stderr.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("错误[").or_else(|| line.strip_prefix("警告[")) else { continue };
        let code = rest.split(']').next().unwrap_or_default().to_string();
        let at = lines.get(i + 1).and_then(|l| l.split("2024.toml:").nth(1)).unwrap_or("").trim().to_string();
        out.push((code, at));
    }
    out
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn every_broken_input_is_located_and_nothing_is_written() {
    let corpus: Corpus = toml::from_str(&std::fs::read_to_string(common::root().join("tests/broken/cases.toml")).unwrap()).unwrap();
    assert!(corpus.case.len() >= 40, "the corpus must keep at least 40 cases");
    let (_dir, root) = common::scratch_project();
    let bin = env!("CARGO_BIN_EXE_gen-budget");
    let good = Command::new(bin).args(["普陀城运", "2024", "--root"]).arg(&root).output().unwrap();
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stderr));
    let before = snapshot(&root.join("out"));
    let mut failures = Vec::new();
    let mut printed = Vec::new();
    for case in &corpus.case {
        let data = root.join(data_of(&case.unit));
        let original = std::fs::read_to_string(&data).unwrap();
        let (patched, first) = apply(&original, case);
        std::fs::write(&data, &patched).unwrap();
        let mut cmd = Command::new(bin);
        if case.command.as_deref() == Some("check") {
            cmd.arg("check");
        }
        let out = cmd.args([case.unit.as_str(), "2024", "--root"]).arg(&root).output().unwrap();
        std::fs::write(&data, &original).unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        printed.push((format!("{} {}", case.code, case.name), out.status.code(), stderr.to_string()));
        let expected_at = case.at.as_ref().map(|at| {
            let from = if case.at_from_start { 0 } else { first };
            let pos = patched[from..].find(at.as_str()).unwrap_or_else(|| panic!("{}: `at` not found", case.name)) + from;
            let (l, c) = line_col(&patched, pos);
            format!("{l}:{c}")
        });
        let found = reported(&stderr).into_iter().any(|(code, at)| code == case.code && expected_at.as_ref().is_none_or(|e| *e == at));
        if !found || out.status.code() != Some(case.exit) {
            failures.push(format!(
                "{}: want [{}] at {:?}, exit {}; got exit {:?}\n{stderr}",
                case.name,
                case.code,
                expected_at,
                case.exit,
                out.status.code()
            ));
        }
        assert_eq!(snapshot(&root.join("out")), before, "{}: out/ changed", case.name);
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), corpus.case.len(), failures.join("\n"));
    for (name, exit, stderr) in &printed {
        crate::diagnostics_snapshots::pin("broken", name, &root, *exit, stderr);
    }
}
