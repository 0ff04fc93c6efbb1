//! Edition diff through the library API: exactly the cells, sentences and projects an edit
//! changes, and nothing else.

#[path = "diff/cli.rs"]
mod cli;
use crate::common;

use std::path::{Path, PathBuf};

use gen_budget::diff::{Changes, Edition, FigureChange, ProjectChange, SentenceChange, compare};
use gen_budget::load::Project;

pub(crate) const FLAGSHIP: &str = "departments/普陀城运/2024.toml";
/// The 项目支出 of 212 01 99, the one figure the tests raise.
pub(crate) const PROJECT_LINE: &str = "project = { general = 116582510 }";
pub(crate) const RAISED_LINE: &str = "project = { general = 117000000 }";

pub(crate) fn flagship_text(root: &Path) -> String {
    std::fs::read_to_string(root.join(FLAGSHIP)).unwrap()
}

/// The shipped file against an edited text of it (old = the file, new = the edit).
fn diff_with(edit: impl FnOnce(&str) -> String) -> Changes {
    let (_dir, root) = common::scratch_project();
    diff_in(&root, edit)
}

fn diff_in(root: &Path, edit: impl FnOnce(&str) -> String) -> Changes {
    let project = Project::new(root);
    let templates = common::templates();
    let path = root.join(FLAGSHIP);
    let old = Edition::from_file(&project, &templates, "普陀城运", "2024", &path).expect("the shipped file loads");
    let text = edit(&flagship_text(root));
    let new = Edition::from_text(&project, &templates, "普陀城运", "2024", &PathBuf::from("edited.toml"), &text).expect("the edit loads");
    compare(&old, &new)
}

pub(crate) fn raise(text: &str) -> String {
    assert_eq!(text.matches(PROJECT_LINE).count(), 1);
    text.replace(PROJECT_LINE, RAISED_LINE)
}

/// `表3 212 01 99 其他城乡社区管理事务支出 · 项目支出` for each changed cell.
fn cells(changes: &Changes) -> Vec<String> {
    changes
        .figures
        .iter()
        .map(|f| match f {
            FigureChange::Changed { table, row, column, .. } => format!("{table} {row} · {column}"),
            other => panic!("only changed cells expected, got {other:?}"),
        })
        .collect()
}

#[test]
fn a_one_figure_edit_changes_exactly_its_cells_and_sentences() {
    let changes = diff_with(raise);
    // The 项 and its 款 and 类 rows and the totals, in every table that shows 项目支出 or the
    // whole: 表1 and 表4 (income, the 类 and the totals), 表2 (合计 and 财政拨款收入), 表3 and
    // 表5 (合计 and 项目支出). Not 表6/7 (other funds), 表8 (basic only) or 表9.
    let mut expected: Vec<String> = ["财政拨款收入", "一般公共预算资金", "收入总计", "212 城乡社区支出", "支出总计"]
        .iter()
        .map(|r| format!("表1 {r} · 预算数"))
        .collect();
    let rows = ["212 城乡社区支出", "212 01 城乡社区管理事务", "212 01 99 其他城乡社区管理事务支出", "合计"];
    expected.extend(rows.iter().flat_map(|r| [format!("表2 {r} · 合计"), format!("表2 {r} · 财政拨款收入")]));
    expected.extend(rows.iter().flat_map(|r| [format!("表3 {r} · 合计"), format!("表3 {r} · 项目支出")]));
    expected.extend(
        [
            "一般公共预算资金 · 预算数",
            "收入总计 · 预算数",
            "212 城乡社区支出 · 合计",
            "212 城乡社区支出 · 一般公共预算",
            "支出总计 · 合计",
            "支出总计 · 一般公共预算",
        ]
        .map(|c| format!("表4 {c}")),
    );
    expected.extend(rows.iter().flat_map(|r| [format!("表5 {r} · 合计"), format!("表5 {r} · 项目支出")]));
    assert_eq!(cells(&changes), expected);
    let FigureChange::Changed { old, new, delta, percent, .. } = &changes.figures[18] else { unreachable!() };
    assert_eq!(
        (old.as_str(), new.as_str(), delta.as_str(), percent.as_deref()),
        ("116,582,510.00", "117,000,000.00", "+417,490.00", Some("+0.36%"))
    );

    // The totals of 编制说明 (income, spending, 一般公共预算) and the 项's own sentences.
    let news: Vec<&str> = changes
        .sentences
        .iter()
        .map(|s| match s {
            SentenceChange::Changed { new, .. } => new.as_str(),
            other => panic!("only changed sentences expected, got {other:?}"),
        })
        .collect();
    assert_eq!(
        news,
        [
            "2024年，上海市普陀区城市运行管理中心（上海市普陀区城市网格化综合管理中心）收入预算13,741.11万元，其中：财政拨款收入13,741.11万元，比2023年度预算执行数减少4.10万元；",
            "支出预算13,741.11万元，其中：财政拨款支出预算13,741.11万元，比2023年预算执行数减少4.10万元。",
            "财政拨款支出预算中，一般公共预算拨款支出预算13,741.11万元，比2023年预算执行数减少4.10万元；",
            "6. “城乡社区支出(类)城乡社区管理事务(款)其他城乡社区管理事务支出(项)”科目13,321.61万元。",
            "2023年当年预算执行数为13,396.12万元，2024年预算安排13,321.61万元，比2023年预算执行数减少0.56%。",
        ]
    );
    assert!(changes.projects.is_empty(), "{:?}", changes.projects);
    assert_eq!(changes.summary(), "共 35 处数字、5 句、0 个项目有变化");
    let text = changes.to_text(false);
    assert!(text.starts_with("共 35 处数字、5 句、0 个项目有变化\n"), "{text}");
    assert!(
        text.contains("表3 212 01 99 其他城乡社区管理事务支出 · 项目支出: [-116,582,510.00-] → {+117,000,000.00+}（+417,490.00，+0.36%）"),
        "{text}"
    );
    assert!(text.contains("~ 支出预算[-13,699.36-]{+13,741.11+}万元，"), "{text}");
    assert!(!text.contains('\x1b'), "no colour unless asked");
    assert!(changes.to_text(true).contains("\x1b[32m117,000,000.00\x1b[0m"));
}

#[test]
fn a_reworded_reason_changes_only_its_sentence() {
    let changes = diff_with(|text| {
        let old = "\nreason = \"项目及人员增减变动\"";
        assert_eq!(text.matches(old).count(), 1);
        text.replace(old, "\nreason = \"项目调整及人员增减变动\"")
    });
    assert!(changes.figures.is_empty() && changes.projects.is_empty(), "{changes:?}");
    assert_eq!(changes.sentences.len(), 1, "{:?}", changes.sentences);
    let SentenceChange::Changed { old, new, .. } = &changes.sentences[0] else { panic!("{:?}", changes.sentences) };
    assert_eq!(old, "主要原因是：项目及人员增减变动。");
    assert_eq!(new, "主要原因是：项目调整及人员增减变动。");
    assert!(changes.to_text(false).contains("~ 主要原因是：项目{+调整+}及人员增减变动。"));
    assert_eq!(changes.summary(), "共 0 处数字、1 句、0 个项目有变化");
}

#[test]
fn an_added_project_is_listed_with_its_text_and_no_figure() {
    let changes = diff_with(|text| {
        let start = text.find("[[project]]\nname = \"购买第三方服务用于网格巡查\"").unwrap();
        let end = start + 1 + text[start + 1..].find("[[project]]").unwrap();
        let copy = text[start..end].replace("购买第三方服务用于网格巡查", "网格巡查扩面试点");
        format!("{text}\n{copy}")
    });
    assert!(changes.figures.is_empty(), "{:?}", changes.figures);
    assert!(matches!(changes.projects.as_slice(), [ProjectChange::Added { name }] if name == "网格巡查扩面试点"), "{:?}", changes.projects);
    assert!(changes.sentences.iter().all(|s| matches!(s, SentenceChange::Added { .. })), "{:?}", changes.sentences);
    assert!(changes.to_text(false).contains("+ 新增项目“网格巡查扩面试点”"));
}

#[test]
fn a_changed_indicator_and_form_figure_are_named() {
    let changes = diff_with(|text| {
        text.replacen("target = \"≥360000(件)\"", "target = \"≥370000(件)\"", 1).replacen(
            "appropriation = 5077345",
            "appropriation = 5100000",
            1,
        )
    });
    let [ProjectChange::Changed { name, fields }] = changes.projects.as_slice() else { panic!("{:?}", changes.projects) };
    assert_eq!(name, "购买第三方服务用于网格巡查");
    let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert!(names.contains(&"申报表·当年财政拨款") && names.contains(&"指标“简易案件完成率”"), "{names:?}");
    assert!(changes.figures.is_empty(), "form money is not a table figure");
}

#[test]
fn identical_editions_have_no_difference() {
    let changes = diff_with(str::to_string);
    assert!(changes.is_empty(), "{changes:?}");
    assert_eq!(changes.summary(), "两个版本没有差别");
    assert!(changes.to_text(false).starts_with("两个版本没有差别\n"));
    assert!(changes.to_html().contains("<p class=\"summary\">两个版本没有差别</p>"));
}

#[test]
fn json_is_stable_and_html_escaped() {
    let (_dir, root) = common::scratch_project();
    let changes = diff_in(&root, raise);
    let json = changes.to_json();
    assert!(json == diff_in(&root, raise).to_json(), "same input, same bytes");
    let pinned = r#"    {
      "column": "项目支出",
      "delta": "+417,490.00",
      "kind": "changed",
      "new": "117,000,000.00",
      "new_amount": "117000000",
      "old": "116,582,510.00",
      "old_amount": "116582510",
      "percent": "+0.36%",
      "row": "212 01 99 其他城乡社区管理事务支出",
      "table": "表3"
    },"#;
    assert!(json.contains(pinned), "{json}");
    assert!(json.starts_with("{\n  \"figures\": ["), "keys sorted: {}", &json[..40]);
    let html = changes.to_html();
    assert!(html.contains("<del>116,582,510.00</del> → <ins>117,000,000.00</ins>"), "{html}");
    assert!(html.contains("<del>13,699.36</del><ins>13,741.11</ins>"), "{html}");
}

#[test]
fn editions_that_cannot_be_compared_are_refused() {
    let (_dir, root) = common::scratch_project();
    let project = Project::new(&root);
    let templates = common::templates();
    let load = |text: &str| Edition::from_text(&project, &templates, "普陀城运", "2024", Path::new("x.toml"), text).err().expect("refused");
    let broken = load("year = [");
    assert_eq!(broken.iter().next().unwrap().code, "U14");
    assert!(broken.iter().any(|d| d.code == "T1"), "the file's own findings follow");
    let evaluation = load("document = \"绩效自评\"\nyear = 2024\n");
    assert_eq!(evaluation.iter().map(|d| d.code).collect::<Vec<_>>(), ["U14"]);
    assert!(evaluation.iter().next().unwrap().message.contains("只比较预算公开文件"));
}

#[test]
fn an_edition_with_validation_errors_still_diffs() {
    // A placeholder left in the text is W1, an error that stops a release; a diff shows it.
    let changes = diff_with(|text| text.replace("change_reason = \"项目及人员增减变动\"", "change_reason = \"XX\""));
    assert!(changes.figures.is_empty());
    assert_eq!(changes.sentences.len(), 1, "{:?}", changes.sentences);
    assert!(changes.to_text(false).contains("主要原因是[-项目及人员增减变动-]{+XX+}。"), "{}", changes.to_text(false));
}

#[test]
fn every_shipped_budget_is_unchanged_against_itself() {
    // 安亭城运 (嘉定镇级) has indicators without names, matched by their position.
    let project = common::project();
    let templates = common::templates();
    for (unit, year) in [("普陀城运", "2024"), ("安亭城运", "2024")] {
        let path = project.unit_file(unit, year).unwrap();
        let load = || Edition::from_file(&project, &templates, unit, year, &path).unwrap();
        let changes = compare(&load(), &load());
        assert!(changes.is_empty(), "{unit} {year}: {}", changes.to_text(false));
    }
}
