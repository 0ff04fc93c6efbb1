//! README's tables of codes and `diag::Code` say the same thing, every code is used, and every
//! diagnostic is built with a severity its code's rows allow.

use std::collections::BTreeSet;
use std::path::Path;

use gen_budget::diag::Code;
use regex::Regex;

/// One row as compared: code, severity word, meaning.
type Row = (String, String, String);

/// The code cell's codes: `I2, I4, I5`, `D2 / D3`, `U1–U4` (a range of one letter).
fn expand(cell: &str) -> Vec<String> {
    let mut codes = Vec::new();
    for part in cell.split([',', '/']).map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('–') {
            Some((from, to)) => {
                let letter = &from[..1];
                let (a, b): (u32, u32) = (from[1..].parse().unwrap(), to.trim_start_matches(letter).parse().unwrap());
                codes.extend((a..=b).map(|n| format!("{letter}{n}")));
            }
            None => codes.push(part.to_string()),
        }
    }
    codes
}

/// Every row of every `| code | severity | meaning |` table of the README.
fn readme_rows(readme: &str) -> BTreeSet<Row> {
    let mut rows = BTreeSet::new();
    let mut in_table = false;
    for line in readme.lines() {
        if line.starts_with("| code | severity | meaning |") {
            in_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
        }
        if !in_table || line.starts_with("|---") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').splitn(3, " | ").map(str::trim).collect();
        assert_eq!(cells.len(), 3, "README row with three cells: {line}");
        for code in expand(cells[0]) {
            rows.insert((code, cells[1].to_string(), cells[2].to_string()));
        }
    }
    rows
}

fn enum_rows() -> BTreeSet<Row> {
    Code::ALL
        .iter()
        .flat_map(|c| c.rows().iter().map(move |(k, m)| (c.as_str().to_string(), k.word().to_string(), m.to_string())))
        .collect()
}

#[test]
fn readme_tables_and_the_enum_agree_both_ways() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let readme = readme_rows(&readme);
    let code = enum_rows();
    assert!(readme.len() > 100, "the tables were found: {} rows", readme.len());
    let only_readme: Vec<&Row> = readme.difference(&code).collect();
    let only_enum: Vec<&Row> = code.difference(&readme).collect();
    assert!(only_readme.is_empty() && only_enum.is_empty(), "README only: {only_readme:#?}\nenum only: {only_enum:#?}");
}

#[test]
fn code_cells_expand() {
    assert_eq!(expand("I2, I4, I5"), ["I2", "I4", "I5"]);
    assert_eq!(expand("D2 / D3"), ["D2", "D3"]);
    assert_eq!(expand("U1–U4"), ["U1", "U2", "U3", "U4"]);
}

/// Every Rust file under src/ except the table of codes itself, joined.
fn sources() -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = String::new();
    for entry in walkdir::WalkDir::new(src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "rs") && !path.ends_with("diag/codes.rs") {
            all.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    all
}

#[test]
fn every_code_is_used_in_src() {
    let all = sources();
    let used = Regex::new(r"Code::([A-Z][0-9]+)\b").unwrap();
    let found: BTreeSet<&str> = used.captures_iter(&all).map(|c| c.get(1).unwrap().as_str()).collect();
    let dead: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).filter(|c| !found.contains(c)).collect();
    assert!(dead.is_empty(), "codes no diagnostic uses: {dead:?}");
}

#[test]
fn every_constructed_severity_is_allowed_by_its_code() {
    let all = sources();
    let built = Regex::new(r"Diagnostic::(warning|error)\(\s*Code::([A-Z][0-9]+)\b").unwrap();
    let mut seen = 0;
    let mut wrong = Vec::new();
    for c in built.captures_iter(&all) {
        let severity = if &c[1] == "warning" { gen_budget::diag::Severity::Warning } else { gen_budget::diag::Severity::Error };
        let code = Code::parse(&c[2]).unwrap_or_else(|| panic!("{} is a code", &c[2]));
        seen += 1;
        if !code.allows(severity) {
            wrong.push(format!("Diagnostic::{}(Code::{code})", &c[1]));
        }
    }
    assert!(seen > 100, "the constructors were found: {seen}");
    assert!(wrong.is_empty(), "severities README does not list for the code: {wrong:?}");
}
