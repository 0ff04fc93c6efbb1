//! Variants as data: what a set's style.toml chooses (forms, targets, chapters, prose precision,
//! needs) reaches the printed text, and the built-in 2022 区级 set reproduces that layout.

use crate::common;

use std::path::Path;

use gen_budget::document::Document;
use gen_budget::load::Project;
use gen_budget::pipeline::BuildOptions;
use gen_budget::render::Templates;

/// Rewrites the scratch copy of 普陀城运 2024 with `edit`.
fn edit_data(root: &Path, edit: impl Fn(String) -> String) {
    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, edit(text)).unwrap();
}

/// Names a style for 普陀城运 2024 and switches its wording to 单位 when asked.
fn use_style(root: &Path, style: &str, unit_wording: bool) {
    edit_data(root, |t| {
        let t = t.replacen("[unit]\n", &format!("[unit]\nstyle = \"{style}\"\n"), 1);
        if unit_wording { t.replacen("wording = \"部门\"", "wording = \"单位\"", 1) } else { t }
    });
}

/// Adds a set to the scratch project with one style.toml.
fn add_set(root: &Path, name: &str, style_toml: &str) {
    let dir = root.join("templates/styles").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("style.toml"), style_toml).unwrap();
}

/// The PDF text (whitespace removed) of 普陀城运 2024 built from `root`, or the findings.
fn text(root: &Path) -> Result<String, String> {
    let documents = Document::load_all(&Project::new(root), "普陀城运", "2024").map_err(|d| format!("{:?}", d.0))?;
    let templates = Templates::load(&root.join("templates")).map_err(|d| d.message)?;
    let rendered = documents[0].render(&common::engine(), &templates, &BuildOptions::default()).map_err(|d| format!("{:?}", d.0))?;
    Ok(gen_budget::typeset::text::stream_text(&rendered.compiled.document).chars().filter(|c| !c.is_whitespace()).collect())
}

#[test]
fn the_2022_set_prints_the_2022_unit_layout() {
    let (_dir, root) = common::scratch_project();
    use_style(&root, "普陀区级2022", true);
    edit_data(&root, |t| t.replacen("prior = 133961200\n", "prior = 133961200\nbasic_public = 1153305\n", 1));
    let t = text(&root).unwrap();
    for expected in [
        "上海市普陀区2024年区级单位预算",
        "预算单位：上海市普陀区城市运行管理中心",
        // 编制说明: no 度, 支出预算总额为…, whole-number item percentages (24.17 vs 23.15 → 4.41% → 4%).
        "财政拨款收入13,699.36万元，比2023年预算执行数减少45.85万元",
        "支出预算总额为13,699.36万元",
        "比2023年预算执行数增加4%。",
        // Tables in whole 元, table 9 titled with the year and zeros printed 0.
        "2024年单位财务收支预算总表",
        "136,993,587",
        "2024年单位“三公”经费和机关运行经费预算表",
        "经济分类科目编码",
        "部门经济分类科目名称",
        "国有资本经营财政拨款预算支出",
        // 其他相关情况说明 of 2022.
        "2024年“三公”经费预算数为6.57万元",
        "2024年度，本单位编报绩效目标的项目共11个，涉及项目预算资金11,648.82万元。",
        "五、国有资产占有情况",
        // Layout B forms: the project total, 项目总目标, 指标目标值, ASCII targets in whole numbers.
        "项目总目标(2024年-2024年)",
        "年度总目标",
        "指标目标值",
        ">=360000件",
        "项目资金总额161,190,900年度资金申请总额63,265,400",
        // The 目录 ends with 八、绩效目标, which now has a body.
        "八、绩效目标",
    ] {
        assert!(t.contains(expected), "missing {expected}");
    }
    for absent in ["面向中小企业", "2024年度预算执行数", "≥360000.00(件)", "136,993,587.00", "五、国有资产占有使用情况"]
    {
        assert!(!t.contains(absent), "{absent} must not print");
    }
}

#[test]
fn forms_follow_the_sets_money_format_rows_and_target_syntax() {
    let (_dir, root) = common::scratch_project();
    add_set(&root, "三行表", "[forms]\ndecimals = 0\nrows = 3\ntotal = true\ntargets = \"typed\"\n[projects]\nbudget_unit = \"元\"\n");
    use_style(&root, "三行表", false);
    let t = text(&root).unwrap();
    assert!(!t.contains("上年结转资金"), "three rows leave out 上年结转资金");
    assert!(t.contains("项目资金总额5,077,345年度资金申请总额5,077,345"), "whole 元 and the total");
    assert!(t.contains("≥360000(件)"), "targets as typed");
    assert!(t.contains("项目财政资金总预算安排金额为5,077,345元，当年预算安排金额为5,077,345元。"), "年度预算安排 in 元");
    let base = text(&common::scratch_project().1).unwrap();
    assert!(base.contains("≥360000.00(件)") && base.contains("上年结转资金0.00"), "the base keeps layout A");
}

#[test]
fn chapters_are_numbered_by_the_sets_order() {
    let (_dir, root) = common::scratch_project();
    add_set(&root, "少章", "[document]\nchapters = [\"functions\", \"narrative\", \"tables\", \"projects\", \"performance\"]\n");
    use_style(&root, "少章", false);
    let t = text(&root).unwrap();
    for heading in ["一、部门主要职能", "二、部门预算编制说明", "三、部门预算表", "四、项目经费情况说明", "五、绩效目标"]
    {
        assert!(t.contains(heading), "missing {heading}");
    }
    assert!(!t.contains("名词解释") && !t.contains("其他相关情况说明"), "dropped chapters do not print");
}

#[test]
fn a_chapter_the_sets_templates_cannot_print_is_reported_at_the_dispatch() {
    let (_dir, root) = common::scratch_project();
    add_set(&root, "缺模板", "[document]\nchapters = [\"functions\", \"glossary\"]\n");
    // The set's own dispatch knows only 职能.
    let dispatch = "{% for c in doc.chapters %}{% if c.key == \"functions\" %}{% include \"budget/functions.typ\" %}{% else %}{{ throw(message=\"本模板样式没有“\" ~ c.key ~ \"”章节的模板\") }}{% endif %}{% endfor %}\n";
    std::fs::create_dir_all(root.join("templates/styles/缺模板/budget")).unwrap();
    std::fs::write(root.join("templates/styles/缺模板/budget/chapters.typ"), dispatch).unwrap();
    use_style(&root, "缺模板", false);
    let err = text(&root).unwrap_err();
    assert!(err.contains("本模板样式没有“glossary”章节的模板"), "{err}");
    assert!(err.contains("styles/缺模板/budget/chapters.typ"), "located at the set's template: {err}");
}

#[test]
fn reservations_are_demanded_only_by_sets_that_print_them() {
    let (_dir, root) = common::scratch_project();
    edit_data(&root, |t| t.replacen("sme_reserved = 8448100\n", "", 1).replacen("small_micro_reserved = 8448100\n", "", 1));
    let err = text(&root).unwrap_err();
    assert!(err.contains("D16") && err.contains("[procurement] 缺少 sme_reserved、small_micro_reserved"), "{err}");
    add_set(&root, "无预留", "[needs]\nreservations = false\n");
    use_style(&root, "无预留", false);
    let t = text(&root).unwrap();
    assert!(!t.contains("面向中小企业"), "no sentence without the figures");
    assert!(t.contains("政府采购服务预算844.81万元"));
}

#[test]
fn the_goal_period_comes_from_the_data_when_given() {
    let (_dir, root) = common::scratch_project();
    edit_data(&root, |t| t.replacen("[project.form]\n", "[project.form]\ngoal_from = 2023\ngoal_to = 2025\n", 1));
    let t = text(&root).unwrap();
    assert!(t.contains("项目总体目标(2023年-2025年)"), "the first project's goal years");
    assert!(t.contains("项目总体目标(2024年-2024年)"), "others keep their dates' years");
    edit_data(&root, |t| t.replacen("goal_from = 2023\ngoal_to = 2025\n", "goal_from = 2025\ngoal_to = 2026\n", 1));
    let err = text(&root).unwrap_err();
    assert!(err.contains("P8") && err.contains("项目总体目标的年度 2025年-2026年 不合理"), "{err}");
}

#[test]
fn prose_precision_is_per_place() {
    let (_dir, root) = common::scratch_project();
    add_set(&root, "整数", "[prose]\nwhole = true\nitem_percent_decimals = 1\n");
    use_style(&root, "整数", false);
    let t = text(&root).unwrap();
    assert!(t.contains("比2023年预算执行数增加4.4%。"), "items with one decimal");
    assert!(t.contains("涉及项目预算资金11,648.82万元"), "non-whole 万元 keep two decimals");
    assert!(t.contains("政府性基金拨款支出预算0万元"));
}

#[test]
fn the_unit_line_follows_the_sets_table_unit() {
    let (_dir, root) = common::scratch_project();
    add_set(&root, "万元表", "[tables]\nunit = \"万元\"\n");
    use_style(&root, "万元表", false);
    let t = text(&root).unwrap();
    assert_eq!(t.matches("单位：万元").count(), 9, "tables 1–8 in the set's unit, table 9 always in 万元");
    assert!(!t.contains("单位：元"));
    assert!(t.contains("收入总计13,699.36"), "the figures in 万元");
}
