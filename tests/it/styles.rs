//! Template sets: a unit's TOML names its style; the style overrides only what differs.

use crate::common;

use std::path::Path;
use std::process::Command;

fn build(root: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(["普陀城运", "2024", "--keep-typ", "--root"]).arg(root).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn typ(root: &Path) -> String {
    std::fs::read_to_string(root.join("out/2024/普陀城运/上海市普陀区2024年区级部门预算.typ")).unwrap()
}

fn name_style(root: &Path, style: &str) {
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("[unit]\n", &format!("[unit]\nstyle = \"{style}\"\n"), 1)).unwrap();
}

#[test]
fn a_style_overrides_only_the_templates_it_holds() {
    let (_dir, root) = common::scratch_project();
    std::fs::create_dir_all(root.join("templates/styles/测试样式/budget")).unwrap();
    std::fs::write(root.join("templates/styles/测试样式/budget/toc.typ"), "#page[样式目录]\n").unwrap();
    // A plain override of the same template applies to the base style only.
    std::fs::write(root.join("templates/budget/toc.typ"), "#page[普通目录]\n").unwrap();
    let (code, stderr) = build(&root);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(typ(&root).contains("#page[普通目录]") && !typ(&root).contains("样式目录"));
    name_style(&root, "测试样式");
    let (code, stderr) = build(&root);
    assert_eq!(code, Some(0), "{stderr}");
    let source = typ(&root);
    assert!(source.contains("#page[样式目录]"), "the style's template wins");
    assert!(source.contains("主要职能])[一、部门主要职能]"), "everything else comes from the base");
}

#[test]
fn an_unknown_style_is_refused_at_its_line() {
    let (_dir, root) = common::scratch_project();
    name_style(&root, "不存在的样式");
    let (code, stderr) = build(&root);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("错误[D11]: 没有名为“不存在的样式”的模板样式") && stderr.contains("2024.toml:7:9"), "{stderr}");
    assert!(stderr.contains("可用样式：嘉定镇级、普陀区级、普陀区级2022"), "{stderr}");
}

#[test]
fn a_set_can_print_元_as_integers() {
    let (_dir, root) = common::scratch_project();
    std::fs::create_dir_all(root.join("templates/styles/整数元")).unwrap();
    std::fs::write(root.join("templates/styles/整数元/style.toml"), "[tables]\ndecimals = 0\n").unwrap();
    name_style(&root, "整数元");
    let (code, stderr) = build(&root);
    assert_eq!(code, Some(0), "{stderr}");
    let source = typ(&root);
    assert!(source.contains("[136\\,993\\,587]") && !source.contains("136\\,993\\,587\\.00"), "tables in whole 元");
    assert!(source.contains("[0]"), "a zero in a non-blank column prints as 0");
    assert!(source.contains("收入预算13\\,699\\.36万元"), "prose in 万元 keeps two decimals");
}

#[test]
fn a_broken_style_file_is_reported() {
    let (_dir, root) = common::scratch_project();
    std::fs::create_dir_all(root.join("templates/styles/坏样式")).unwrap();
    std::fs::write(root.join("templates/styles/坏样式/style.toml"), "yuan_places = 0\n").unwrap();
    let (code, stderr) = build(&root);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("[C4]") && stderr.contains("styles/坏样式/style.toml"), "{stderr}");
}

#[test]
fn the_2022_set_splits_basic_expenditure_in_table_1_and_prints_whole_元() {
    let (_dir, root) = common::scratch_project();
    name_style(&root, "普陀区级2022");
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    // All 公用经费 (table 8: 1,153,305 元) sits in 212 01 99.
    std::fs::write(&data, text.replacen("prior = 133961200\n", "prior = 133961200\nbasic_public = 1153305\n", 1)).unwrap();
    let (code, stderr) = build(&root);
    assert_eq!(code, Some(0), "{stderr}");
    let source = typ(&root);
    assert!(source.contains("[人员经费], [公用经费]"), "the split header");
    // 城乡社区: 合计 132,798,641 = 人员 15,062,826 + 公用 1,153,305 + 项目 116,582,510.
    assert!(source.contains("([三、城乡社区支出], [132\\,798\\,641], [15\\,062\\,826], [1\\,153\\,305], [116\\,582\\,510], )"), "{source}");
    assert!(source.contains("[支出总计], [136\\,993\\,587], [19\\,257\\,772], [1\\,153\\,305], [116\\,582\\,510],"));
    assert!(source.contains("([二、卫生健康支出], [999\\,569], [999\\,569], [], [], )"), "blank zeros");
}

#[test]
fn basic_public_must_agree_with_table_8() {
    let (_dir, root) = common::scratch_project();
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("prior = 133961200\n", "prior = 133961200\nbasic_public = 1153000\n", 1)).unwrap();
    let (code, stderr) = build(&root);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("错误[X13]: 各科目 basic_public 合计 1,153,000.00 元与经济分类公用经费合计 1,153,305.00 元不一致"), "{stderr}");
}

#[test]
fn the_town_set_builds_a_draft_with_its_findings_in_place() {
    // 安亭城运 carries warnings (H1, L1, P6): the draft marks them on the pages they concern.
    let documents = gen_budget::document::Document::load_all(&common::project(), "安亭城运", "2024").unwrap();
    let options = gen_budget::pipeline::BuildOptions { mode: gen_budget::pipeline::Mode::Draft, ..Default::default() };
    let rendered = documents[0].render(&common::engine(), &common::templates(), &options).unwrap_or_else(|d| panic!("{:?}", d.0));
    let text: String = gen_budget::typeset::text::stream_text(&rendered.compiled.document).chars().filter(|c| !c.is_whitespace()).collect();
    assert!(text.contains("草稿"), "watermark");
    assert!(text.contains("子项目合计2,754,000.00元不等于项目当年预算137,000.00元"), "the P6 warning is shown");
    assert!(text.contains("校验结果"), "findings page");
    assert!(text.contains("部门预算01表") && text.contains("编报单位：上海市嘉定区安亭镇城市运行管理中心"));
}
