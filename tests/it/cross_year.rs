//! Cross-year checks (Y1–Y4): 普陀城运 2024 against a previous-year budget file derived from it
//! (written over the shipped 2023 自评 file in a scratch copy). Each check fires on a broken pair
//! with its message and location and stays silent on a consistent pair; a previous year that
//! does not load, or is another kind of document, never fails this year.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use gen_budget::diag::{Diagnostic, Severity};
use gen_budget::load::{Project, load_unit_year};

const UNIT: &str = "普陀城运";

fn this_file(root: &Path) -> PathBuf {
    root.join("departments").join(UNIT).join("2024.toml")
}

fn prev_file(root: &Path) -> PathBuf {
    root.join("departments").join(UNIT).join("2023.toml")
}

/// The shipped 2024 text.
fn shipped() -> String {
    std::fs::read_to_string(common::root().join("departments").join(UNIT).join("2024.toml")).unwrap()
}

/// Last year's budget: the 2024 file as 2023, with `edits` (first occurrence replaced).
fn previous(edits: &[(&str, &str)]) -> String {
    apply(&shipped().replacen("year = 2024", "year = 2023", 1), edits)
}

fn apply(text: &str, edits: &[(&str, &str)]) -> String {
    edits.iter().fold(text.to_string(), |t, (from, to)| {
        assert!(t.contains(from), "patch target {from:?} missing");
        t.replacen(from, to, 1)
    })
}

/// A scratch project whose 2024 file is `this` and whose 2023 file is `prev`.
fn project(this: &str, prev: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = common::scratch_project();
    std::fs::write(this_file(&root), this).unwrap();
    std::fs::write(prev_file(&root), prev).unwrap();
    (dir, root)
}

/// Every finding of `check` on 2024, and the Y-coded ones.
fn findings(root: &Path) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let loaded = load_unit_year(&Project::new(root), UNIT, "2024").unwrap_or_else(|e| panic!("{:?}", e.0));
    let all: Vec<Diagnostic> = gen_budget::pipeline::check(&loaded, &common::templates()).diagnostics.iter().cloned().collect();
    let cross = all.iter().filter(|d| d.code.as_str().starts_with('Y')).cloned().collect();
    (all, cross)
}

fn cross_year(root: &Path) -> Vec<Diagnostic> {
    findings(root).1
}

/// Line and column (1-based) of the first `needle` at or after the first `after` in `text`.
fn position(text: &str, after: &str, needle: &str) -> (usize, usize) {
    let from = text.find(after).unwrap_or_else(|| panic!("{after:?} missing"));
    let at = from + text[from..].find(needle).unwrap_or_else(|| panic!("{needle:?} missing"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (text[..at].matches('\n').count() + 1, text[line_start..at].chars().count() + 1)
}

fn only(found: &[Diagnostic], code: &str) -> Diagnostic {
    let hits: Vec<&Diagnostic> = found.iter().filter(|d| d.code == code).collect();
    assert_eq!(hits.len(), 1, "expected one {code}, got {found:#?}");
    let d = hits[0].clone();
    assert_eq!(d.severity, Severity::Warning, "{d:#?}");
    d
}

#[test]
fn a_consistent_pair_of_years_is_silent() {
    let this = apply(&shipped(), &[("[[function]]", "[last_year]\ntotal = 136993587\n\n[[function]]")]);
    let (_dir, root) = project(&this, &previous(&[]));
    assert_eq!(cross_year(&root), vec![]);
}

#[test]
fn the_shipped_units_gain_no_cross_year_finding() {
    // 普陀城运 2023 is a 自评 document: another kind, skipped quietly; the others have no 2023.
    for (unit, year) in [(UNIT, "2024"), ("安亭城运", "2024"), ("松江城运", "2022")] {
        let Ok(loaded) = load_unit_year(&common::project(), unit, year) else { continue };
        let found = gen_budget::pipeline::check(&loaded, &common::templates()).diagnostics;
        assert!(found.iter().all(|d| !d.code.as_str().starts_with('Y')), "{unit} {year}: {:#?}", found.0);
    }
}

#[test]
fn a_three_public_prior_that_is_not_last_years_budget_is_located_at_this_years_value() {
    let prev = previous(&[("reception = 6835", "reception = 7000")]);
    let (_dir, root) = project(&shipped(), &prev);
    let d = only(&cross_year(&root), "Y1");
    assert_eq!(d.message, "“三公”经费上年预算数（公务接待费）6,835.00 元与 2023 年预算文件的 7,000.00 元不一致");
    assert_eq!(d.file.as_deref(), Some(this_file(&root).as_path()));
    assert_eq!(d.line_col, Some(position(&shipped(), "[three_public.prior]", "6835")));
    let label = d.label.unwrap();
    assert!(
        label.contains("[three_public] reception 为 7,000.00 元") && label.contains(&prev_file(&root).display().to_string()),
        "{label}"
    );
    assert!(d.hint.unwrap().contains("[three_public.prior] reception"));
}

#[test]
fn a_last_year_total_that_is_not_last_years_sum_is_located_at_this_years_value() {
    let this = apply(&shipped(), &[("[[function]]", "[last_year]\ntotal = 136000000\n\n[[function]]")]);
    let (_dir, root) = project(&this, &previous(&[]));
    let d = only(&cross_year(&root), "Y1");
    assert_eq!(d.message, "上年预算总额 136,000,000.00 元与 2023 年预算文件的收支总额 136,993,587.00 元不一致");
    assert_eq!(d.line_col, Some(position(&this, "[last_year]", "136000000")));
    assert!(d.label.unwrap().contains("各科目合计为 136,993,587.00 元"));
}

#[test]
fn unchanged_texts_while_the_total_moved_more_than_twenty_percent_are_noted_once() {
    // Last year's 项目支出 of 2120199 was 50,000,000 instead of 116,582,510: total 70,411,077.
    let prev = previous(&[("project = { general = 116582510 }", "project = { general = 50000000 }")]);
    let (_dir, root) = project(&shipped(), &prev);
    let d = only(&cross_year(&root), "Y2");
    assert_eq!(d.message, "收支总额比上年增加 94.56%（超过 20%），但主要职能、机构设置与 2023 年文件完全相同");
    assert_eq!(d.line_col, Some(position(&shipped(), "[text]", "functions")));
    // Only 机构设置 unchanged: named alone, at `members`.
    let prev = apply(&prev, &[("完成上级交办的其他任务。", "完成区委区政府交办的其他任务。")]);
    let (_dir, root) = project(&shipped(), &prev);
    let d = only(&cross_year(&root), "Y2");
    assert_eq!(d.message, "收支总额比上年增加 94.56%（超过 20%），但机构设置与 2023 年文件完全相同");
    assert_eq!(d.line_col, Some(position(&shipped(), "[text]", "members")));
}

#[test]
fn unchanged_texts_are_not_noted_within_twenty_percent() {
    // 116,582,510 → 100,000,000: the total changes by 16,582,510 of 120,411,077 (13.77%).
    let prev = previous(&[("project = { general = 116582510 }", "project = { general = 100000000 }")]);
    let (_dir, root) = project(&shipped(), &prev);
    assert_eq!(cross_year(&root), vec![]);
}

#[test]
fn a_new_item_without_prior_is_listed_at_its_function_entry() {
    // 2210201 is absent last year; this year's line loses its prior (区级 then also reports D12).
    let prev = previous(&[("code = \"2210201\"", "code = \"2210299\"")]);
    let this = drop_prior(&shipped(), "2210201");
    let (_dir, root) = project(&this, &prev);
    let found = cross_year(&root);
    let new: Vec<&Diagnostic> = found.iter().filter(|d| d.message.starts_with("科目 2210201")).collect();
    assert_eq!(new.len(), 1, "{found:#?}");
    let d = new[0];
    assert_eq!((d.code.as_str(), d.severity), ("Y3", Severity::Warning));
    assert_eq!(d.message, "科目 2210201 为本年新增（2023 年文件中没有此项）：请核对编制说明的措辞（新增安排……）");
    assert_eq!(d.line_col, Some(position(&this, "code = \"2210201\"", "\"2210201\"")));
    assert_eq!(d.place, Some(gen_budget::diag::Place::Item("2210201".into())));
}

#[test]
fn a_new_item_with_prior_is_not_listed() {
    // The shipped 2210201 gives `prior`: it existed under last year's execution.
    let prev = previous(&[("code = \"2210201\"", "code = \"2210299\"")]);
    let (_dir, root) = project(&shipped(), &prev);
    let found = cross_year(&root);
    assert!(found.iter().all(|d| !d.message.starts_with("科目 2210201")), "{found:#?}");
}

#[test]
fn an_item_gone_this_year_is_listed_at_the_file() {
    let extra = "[[function]]\ncode = \"2080501\"\nbasic = { general = 1000 }\nprior = 1000\npurpose = \"离休费\"\n\n[[function]]";
    let prev = previous(&[("[[function]]", extra)]);
    let (_dir, root) = project(&shipped(), &prev);
    let d = only(&cross_year(&root), "Y3");
    let (row, _) = position(&prev, "code = \"2080501\"", "code");
    let expected =
        format!("科目 2080501 上年有预算 1,000.00 元（{} 第 {row} 行），本年没有：请核对编制说明中相关的表述", prev_file(&root).display());
    assert_eq!(d.message, expected);
    assert_eq!((d.file.as_deref(), d.line_col), (Some(this_file(&root).as_path()), None));
}

#[test]
fn a_previous_year_that_does_not_parse_does_not_fail_this_years_build() {
    let (_dir, root) = project(&shipped(), "year = 2023\n[unit\nname = \"x\"\n");
    let (all, cross) = findings(&root);
    assert!(all.iter().all(|d| !d.is_error()), "{all:#?}");
    let d = only(&cross, "Y4");
    assert!(d.message.starts_with(&format!("上年文件 {} 无法读取，跳过跨年度核对", prev_file(&root).display())), "{}", d.message);
    assert_eq!(d.file.as_deref(), Some(prev_file(&root).as_path()));
    assert_eq!(d.line_col.map(|(line, _)| line), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(["check", UNIT, "2024", "--root"]).arg(&root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("Y4"), "{stderr}");
}

#[test]
fn a_previous_year_of_another_kind_is_skipped_quietly() {
    // The shipped 2023 自评 file, and a budget-shaped file that says it is a 申报表 booklet.
    let (_dir, root) = common::scratch_project();
    assert_eq!(cross_year(&root), vec![]);
    let booklet = format!("document = \"绩效目标申报\"\n{}", previous(&[("reception = 6835", "reception = 7000")]));
    let (_dir, root) = project(&shipped(), &booklet);
    assert_eq!(cross_year(&root), vec![]);
}

/// `text` without the `prior` line of the `[[function]]` of `code`.
fn drop_prior(text: &str, code: &str) -> String {
    let start = text.find(&format!("code = \"{code}\"")).unwrap();
    let at = start + text[start..].find("\nprior = ").unwrap();
    let end = at + 1 + text[at + 1..].find('\n').unwrap();
    format!("{}{}", &text[..at], &text[end..])
}
