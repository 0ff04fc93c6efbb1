//! Issue 11 corpus: one defect per case in a shipped file of each document kind (预算 区级, 镇级,
//! 绩效自评, 申报表 booklet). Each is reported with its code at the offending value's line and
//! column by `check` and by a build, both exit 1, and the refused build writes nothing under out/.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::patch::{apply, line_col, reported, snapshot};

/// One defect: patches (first occurrence replaced), the code, and the text it must point at
/// (searched from the first patch).
struct Case {
    name: &'static str,
    unit: &'static str,
    year: &'static str,
    patch: &'static [(&'static str, &'static str)],
    code: &'static str,
    at: &'static str,
}

const PUTUO: &str = "普陀城运";
const ANTING: &str = "安亭城运";
const SONGJIANG: &str = "松江城运";

const fn budget(name: &'static str, patch: &'static [(&'static str, &'static str)], code: &'static str, at: &'static str) -> Case {
    Case { name, unit: PUTUO, year: "2024", patch, code, at }
}

const fn town(name: &'static str, patch: &'static [(&'static str, &'static str)], code: &'static str, at: &'static str) -> Case {
    Case { name, unit: ANTING, year: "2024", patch, code, at }
}

const fn evaluation(name: &'static str, patch: &'static [(&'static str, &'static str)], code: &'static str, at: &'static str) -> Case {
    Case { name, unit: PUTUO, year: "2023", patch, code, at }
}

const fn booklet(name: &'static str, patch: &'static [(&'static str, &'static str)], code: &'static str, at: &'static str) -> Case {
    Case { name, unit: SONGJIANG, year: "2022", patch, code, at }
}

const CASES: &[Case] = &[
    // ── 预算 区级 (普陀城运 2024) ──
    budget("separators in the wrong places", &[("services = 8448100", "services = \"8,44,8,100\"")], "T6", "\"8,44,8,100\""),
    budget("a two-digit group", &[("goods = 0", "goods = \"12,34\"")], "T6", "\"12,34\""),
    budget("a leading comma", &[("works = 0", "works = \",123\"")], "T6", "\",123\""),
    budget("placeholder in the district", &[("district = \"普陀区\"", "district = \"XX区\"")], "W1", "XX"),
    budget("markup in an indicator's 二级指标", &[("level2 = \"数量指标\"", "level2 = \"数量指标<br>\"")], "W3", "<br>"),
    budget("placeholder in an indicator's 一级指标", &[("level1 = \"产出指标\"", "level1 = \"TODO产出指标\"")], "W1", "TODO"),
    budget("impossible date in the period text", &[("至2024年11月30日", "至2024年11月31日")], "P2", "2024年11月31日"),
    budget(
        "a 万元 figure in text too large to read",
        &[("共计4,078.10万元", "共计99999999999999999999999999999万元")],
        "T7",
        "99999999999999999999999999999万元",
    ),
    budget(
        "a target number too large",
        &[("target = \"≥360000(件)\"", "target = \"≥99999999999999999999999999999(件)\"")],
        "T7",
        "\"≥99999999999999999999999999999(件)\"",
    ),
    budget(
        "vehicle counts that cannot be added",
        &[("vehicles = { \"其他用车\" = 2 }", "vehicles = { \"其他用车\" = 4294967295, \"应急保障用车\" = 1 }")],
        "T7",
        "1 }",
    ),
    // ── 镇级 (安亭城运 2024) ──
    town("placeholder in project_purpose", &[("project_purpose = \"联勤队伍组建", "project_purpose = \"XX联勤队伍组建")], "W1", "XX"),
    town("placeholder in a [[basic_note]] purpose", &[("purpose = \"工资福利支出", "purpose = \"待填写工资福利支出")], "W1", "待填写"),
    town(
        "markup in a [[basic_note]] label",
        &[("label = \"事业编人员工资福利支出\"", "label = \"事业编人员<p>工资福利支出\"")],
        "W3",
        "<p>",
    ),
    town(
        "placeholder in income_reason",
        &[("income_reason = \"增加事业编人员经费", "income_reason = \"增加（减少）事业编人员经费")],
        "W1",
        "增加（减少）",
    ),
    town("markup in spending_reason", &[("spending_reason = \"增加", "spending_reason = \"&nbsp;增加")], "W3", "&nbsp;"),
    town(
        "placeholder in special_terms",
        &[(
            "members = [\"上海市嘉定区安亭镇城市运行管理中心本部\"]",
            "members = [\"上海市嘉定区安亭镇城市运行管理中心本部\"]\nspecial_terms = [\"{单位}专有名词\"]",
        )],
        "W1",
        "{单位}",
    ),
    town("placeholder as the form's leader", &[("leader = \"丁昕\"", "leader = \"XX\"")], "W1", "XX"),
    town("markup in the form's measures", &[("measures = [\"项目实施多年", "measures = [\"<div>项目实施多年")], "W3", "<div"),
    town("placeholder in a 子项目 name", &[("name = \"安亭方泰片区保安服务\"", "name = \"此处填写片区保安服务\"")], "W1", "此处填写"),
    town("impossible filled_on date", &[("filled_on = \"2023.12.28\"", "filled_on = \"2023.02.30\"")], "P2", "2023.02.30"),
    town("placeholder in the form's own overview", &[("overview = [\"“一网统管", "overview = [\"TODO“一网统管")], "W1", "TODO"),
    town("placeholder in the form's plan", &[("\"一是汇总各类相关整改工程", "\"一是汇总XX各类相关整改工程")], "W1", "XX"),
    town(
        "a share of zero 项目支出",
        &[("project = { general = 41646100, other = 3452900 }\n", ""), ("project = { general = 7852000 }\n", "")],
        "D15",
        "52951000",
    ),
    // ── 绩效自评 (普陀城运 2023) ──
    evaluation(
        "execution points too large to score",
        &[(
            "appropriation = { initial = 976800, adjusted = 976800, executed = 916000 }",
            "execution_points = \"999999999999999\"\nappropriation = { initial = 976800, adjusted = \"0.01\", executed = 999999999999999 }",
        )],
        "T7",
        "\"999999999999999\"",
    ),
    evaluation(
        "spending without a budget has no 执行率",
        &[("executed = 916000 }\n", "executed = 916000 }\ncarryover = { executed = 5000 }\n")],
        "V5",
        "5000",
    ),
    evaluation("placeholder in expected", &[("expected = \"通过智能单兵", "expected = \"XX通过智能单兵")], "W1", "XX"),
    evaluation("markup in an indicator's actual", &[("actual = \"103.00(台)\"", "actual = \"103.00(台)<br/>\"")], "W3", "<br/>"),
    evaluation(
        "placeholder as the department",
        &[("department = \"上海市普陀区城市运行管理中心\"", "department = \"{单位}\"")],
        "W1",
        "{单位}",
    ),
    evaluation("target without a number", &[("target = \"=103.00(台)\"", "target = \"=一百零三(台)\"")], "P4", "\"=一百零三(台)\""),
    evaluation(
        "target number too large",
        &[("target = \"≥99.00(%)\"", "target = \"≥99999999999999999999999999999(%)\"")],
        "T7",
        "\"≥99999999999999999999999999999(%)\"",
    ),
    evaluation("year differs from the path", &[("year = 2023", "year = 2022")], "D1", "2022"),
    evaluation(
        "impossible date in achieved",
        &[("achieved = \"通过智能单兵", "achieved = \"2023年2月29日通过智能单兵")],
        "P2",
        "2023年2月29日",
    ),
    // ── 申报表 booklet (松江城运 2022) ──
    booklet("impossible start date", &[("start = \"2022-01-01\"", "start = \"2022-02-30\"")], "P2", "\"2022-02-30\""),
    booklet("start after end", &[("start = \"2022-01-01\"", "start = \"2023-01-01\"")], "P2", "\"2023-01-01\""),
    booklet("项目资金总额 below this year's money", &[("total = \"1132300.00\"", "total = \"1.00\"")], "P1", "\"1.00\""),
    booklet("an item total too large for 元", &[("共50万", "共9999999999999999999999999999万")], "T7", "共9999999999999999999999999999万"),
    booklet(
        "an item total too large to read",
        &[("共6.24万", "共999999999999999999999999999999万")],
        "T7",
        "共999999999999999999999999999999万",
    ),
    booklet(
        "placeholder in implementer_text",
        &[("implementer_text = [\"城运中心信息管理科\"]", "implementer_text = [\"XX信息管理科\"]")],
        "W1",
        "XX",
    ),
    booklet("markup in overall_goal", &[("overall_goal = \"为确保", "overall_goal = \"<p>为确保")], "W3", "<p>"),
    booklet("impossible date in the period text", &[("period = [\"2022年1月1日至", "period = [\"2022年2月30日至")], "P2", "2022年2月30日"),
    booklet("year differs from the path", &[("year = 2022", "year = 2021")], "D1", "2021"),
    booklet("target without a number", &[("target = \">=2场\"", "target = \">=两场\"")], "P4", "\">=两场\""),
];

/// Runs the CLI on the scratch root: exit status and stderr.
fn run(root: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(args).arg("--root").arg(root).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// What went wrong with one case, if anything.
fn failure(root: &Path, case: &Case) -> Option<String> {
    let file = format!("{}.toml", case.year);
    let data = root.join("departments").join(case.unit).join(&file);
    let original = std::fs::read_to_string(&data).unwrap();
    let (patched, first) = apply(&original, case.name, case.patch.iter().copied());
    std::fs::write(&data, &patched).unwrap();
    let before = snapshot(&root.join("out"));
    let checked = run(root, &["check", case.unit, case.year]);
    let built = run(root, &[case.unit, case.year]);
    let written = snapshot(&root.join("out")) != before;
    std::fs::write(&data, &original).unwrap();
    let pos = patched[first..].find(case.at).unwrap_or_else(|| panic!("{}: `at` not found", case.name)) + first;
    let want = (case.code.to_string(), line_col(&patched, pos));
    let mut problems = Vec::new();
    for (what, (code, stderr)) in [("check", &checked), ("build", &built)] {
        if code != &Some(1) || !reported(stderr, &file).contains(&want) {
            problems.push(format!("{what}: want [{}] at {}, exit 1; got exit {code:?}\n{stderr}", want.0, want.1));
        }
    }
    if written {
        problems.push("the refused build wrote under out/".into());
    }
    (!problems.is_empty()).then(|| format!("{} ({} {}): {}", case.name, case.unit, case.year, problems.join("\n")))
}

#[test]
fn every_defect_of_every_document_kind_is_located_and_refused() {
    assert!(CASES.len() >= 25, "the corpus keeps at least 25 cases");
    for kind in [("普陀城运", "2024"), ("安亭城运", "2024"), ("普陀城运", "2023"), ("松江城运", "2022")] {
        assert!(CASES.iter().any(|c| (c.unit, c.year) == kind), "no case for {kind:?}");
    }
    let (_dir, root) = common::scratch_project();
    let failures: Vec<String> = CASES.iter().filter_map(|case| failure(&root, case)).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), CASES.len(), failures.join("\n\n"));
}

#[test]
fn a_growth_against_a_zero_last_year_prints_no_percentage() {
    let (_dir, root) = common::scratch_project();
    let data = root.join("departments/安亭城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap().replacen("[last_year]\ntotal = 41166600", "[last_year]\ntotal = 0", 1);
    std::fs::write(&data, text).unwrap();
    let (code, stderr) = run(&root, &["安亭城运", "2024", "--keep-typ"]);
    assert_eq!(code, Some(0), "{stderr}");
    let typ = walkdir::WalkDir::new(root.join("out"))
        .into_iter()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "typ"))
        .expect("the Typst source is kept");
    let source = std::fs::read_to_string(typ.path()).unwrap();
    for side in ["收入", "支出"] {
        let stated = regex::Regex::new(&format!(r"比上年部门{side}增加5715\\?\.29万元，主要原因是")).unwrap();
        assert!(stated.is_match(&source), "the growth of {side} is stated without a percentage");
    }
    for hole in ["增幅%", "降幅%", "增幅，", "增幅。"] {
        assert!(!source.contains(hole), "a sentence with a hole: {hole}");
    }
}

/// Every string value of a file with its span, found by the same TOML parser as the loader.
fn string_values(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    use toml::de::{DeTable, DeValue};
    fn walk(value: &toml::Spanned<DeValue>, path: String, out: &mut Vec<(String, std::ops::Range<usize>)>) {
        match value.get_ref() {
            DeValue::Table(t) => t.iter().for_each(|(k, v)| walk(v, format!("{path}.{}", k.get_ref()), out)),
            DeValue::Array(a) => a.iter().enumerate().for_each(|(i, v)| walk(v, format!("{path}[{i}]"), out)),
            DeValue::String(_) => out.push((path, value.span())),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let root = DeTable::parse(text).unwrap();
    root.get_ref().iter().for_each(|(k, v)| walk(v, k.get_ref().to_string(), &mut out));
    out
}

/// What checking a file gave: its findings as (code, byte offset), or the code of a load error.
enum Outcome {
    Findings(Vec<(&'static str, usize)>),
    Refused(String),
}

/// Checks `text` as the document kind of `unit`/`year`, through the library.
fn check_text(unit: &str, year: &str, text: String, templates: &gen_budget::render::Templates) -> Outcome {
    use gen_budget::load::parse_toml;
    use gen_budget::model::SourceFile;
    let source = SourceFile::new(format!("departments/{unit}/{year}.toml"), text);
    let findings = |d: &gen_budget::diag::Diagnostics| {
        Outcome::Findings(d.iter().map(|d| (d.code.as_str(), d.span.clone().map_or(usize::MAX, |s| s.start))).collect())
    };
    let refused = |e: &dyn std::fmt::Debug| Outcome::Refused(format!("{e:?}"));
    match (unit, year) {
        (_, "2023") => match parse_toml::<gen_budget::model::evaluation::EvaluationFile>(&source) {
            Ok(file) => findings(&gen_budget::evaluation::check(&file, &gen_budget::evaluation::derive(&file), &source, 2023)),
            Err(e) => refused(&e),
        },
        (_, "2022") => match parse_toml::<gen_budget::model::booklet::BookletFile>(&source) {
            Ok(file) => findings(&gen_budget::booklet::check(&file, &source, 2022)),
            Err(e) => refused(&e),
        },
        _ => match parse_toml::<gen_budget::model::UnitYear>(&source) {
            Ok(data) => {
                let mut loaded = gen_budget::load::load_unit_year(&common::project(), unit, year).unwrap();
                (loaded.source, loaded.data) = (source, data);
                findings(&gen_budget::pipeline::check(&loaded, templates).diagnostics)
            }
            Err(e) => refused(&e),
        },
    }
}

#[test]
fn every_string_value_of_every_document_kind_is_checked_where_it_is() {
    let templates = common::templates();
    let mut missed = Vec::new();
    let mut count = 0;
    for (unit, year) in [("普陀城运", "2024"), ("安亭城运", "2024"), ("普陀城运", "2023"), ("松江城运", "2022")] {
        let text = std::fs::read_to_string(common::root().join(format!("departments/{unit}/{year}.toml"))).unwrap();
        for (path, span) in string_values(&text).into_iter().filter(|(p, _)| p != "document") {
            let quote = if text[span.clone()].starts_with("\"\"\"") || text[span.clone()].starts_with("'''") { 3 } else { 1 };
            let at = span.start + quote;
            let mut patched = text.clone();
            patched.insert_str(at, "XX");
            count += 1;
            match check_text(unit, year, patched, &templates) {
                Outcome::Findings(found) if found.contains(&("W1", at)) => {}
                // A typed amount or score is no text: "XX40.00" is refused as a number (T-code).
                Outcome::Refused(error) if error.contains("code: T") => {}
                Outcome::Findings(found) => missed.push(format!("{unit} {year} {path}: no W1 at byte {at}; found {found:?}")),
                Outcome::Refused(error) => missed.push(format!("{unit} {year} {path}: refused without a T-code: {error}")),
            }
        }
    }
    assert!(count > 1000, "only {count} string values seen");
    assert!(missed.is_empty(), "{} of {count} values unchecked:\n{}", missed.len(), missed.join("\n"));
}
