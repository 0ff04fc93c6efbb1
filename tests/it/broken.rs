//! The broken-input corpus: every case of tests/broken/cases.toml is reported with its code,
//! at its line and column, with the right exit status, and leaves out/ untouched.

use crate::common;

use std::process::Command;

use common::patch::{apply, line_col, reported, snapshot};

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
        let (patched, first) = apply(&original, &case.name, case.patch.iter().map(|(f, r)| (f.as_str(), r.as_str())));
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
            line_col(&patched, pos)
        });
        let found =
            reported(&stderr, "2024.toml").into_iter().any(|(code, at)| code == case.code && expected_at.as_ref().is_none_or(|e| *e == at));
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
