//! Generated wording: 增加/减少/持平, 无增减变动, new items, and the 部门 word, from data alone.

use crate::common;

use gen_budget::load::{Loaded, load_unit_year};
use gen_budget::money::Amount;
use gen_budget::pipeline::{Mode, render_loaded};
use gen_budget::typeset::text::stream_text;

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn shipped() -> Loaded {
    let mut loaded = load_unit_year(&common::project(), "普陀城运", "2024").unwrap();
    loaded.data.projects.clear();
    loaded
}

fn text_of(loaded: &Loaded) -> String {
    let rendered = render_loaded(loaded, &common::engine(), &common::templates(), Mode::Release).unwrap_or_else(|e| panic!("{:?}", e.0));
    squeeze(&stream_text(&rendered.compiled.document))
}

fn set_prior(loaded: &mut Loaded, code: &str, yuan: i64) {
    let line = loaded.data.functions.iter_mut().find(|f| f.code.get_ref() == code).unwrap();
    *line.prior.as_mut().expect("shipped lines have a prior").get_mut() = Amount::from(yuan);
}

#[test]
fn item_sentences_follow_the_sign_of_the_change() {
    let text = text_of(&shipped());
    assert!(text.contains(
        "2023年当年预算执行数为23.15万元，2024年预算安排24.17万元，比2023年预算执行数增加4.38%。主要原因是：人员增减及项目变动。"
    ));
    assert!(text.contains("比2023年预算执行数减少0.87%。主要原因是：项目及人员增减变动。"));
    assert!(text.contains("2023年当年预算执行数为0.26万元，2024年预算安排0.26万元。无增减变动。"));
    assert!(text.contains("财政拨款收入13,699.36万元，比2023年度预算执行数减少45.85万元；"));
    assert!(text.contains("政府性基金拨款支出预算0万元，与2023年预算持平；"));
    assert!(text.contains("财政拨款收入支出减少的主要原因是项目及人员增减变动。"));
}

#[test]
fn a_zero_prior_gives_a_new_item_and_no_percentage() {
    let mut loaded = shipped();
    set_prior(&mut loaded, "2080502", 0);
    let text = text_of(&loaded);
    assert!(text.contains("2023年当年预算执行数为0万元，2024年预算安排24.17万元，为新增安排。主要原因是：人员增减及项目变动。"), "{text}");
}

#[test]
fn an_increase_of_the_total_turns_every_total_sentence_around() {
    let mut loaded = shipped();
    set_prior(&mut loaded, "2120199", 132_000_000);
    let text = text_of(&loaded);
    // 137,452,100 − 133,961,200 + 132,000,000 = 135,490,900 prior; 1,502,687 元 more this year.
    assert!(text.contains("比2023年度预算执行数增加150.27万元；"), "{text}");
    assert!(text.contains("财政拨款收入支出增加的主要原因是"));
    assert!(text.contains("比2023年预算执行数增加0.61%。"));
    assert!(!text.contains("增加减少"));
}

#[test]
fn equal_totals_are_持平_and_need_no_reason_sentence() {
    let mut loaded = shipped();
    let current = [
        ("2080502", 241_670),
        ("2080505", 1_523_152),
        ("2080506", 761_576),
        ("2101102", 999_569),
        ("2120199", 132_798_641),
        ("2210201", 666_379),
    ];
    for (code, yuan) in current {
        set_prior(&mut loaded, code, yuan);
    }
    let text = text_of(&loaded);
    assert!(text.contains("财政拨款收入13,699.36万元，与2023年度预算持平；"), "{text}");
    assert!(!text.contains("财政拨款收入支出持平的主要原因"));
    assert_eq!(text.matches("无增减变动。").count(), 7);
}

#[test]
fn a_three_public_change_is_stated_with_its_amount() {
    let mut loaded = shipped();
    *loaded.data.three_public.prior.reception.get_mut() = Amount::from(10_000);
    let text = text_of(&loaded);
    assert!(text.contains("（三）公务接待费0.68万元。比2023年预算减少0.32万元，主要原因是无公务接待事项发生。"), "{text}");
    assert!(text.contains("“三公”经费预算数6.57万元，比2023年预算减少0.32万元。"));
}

#[test]
fn one_key_turns_the_document_into_a_单位_budget_everywhere() {
    let mut loaded = shipped();
    *loaded.data.unit.wording.get_mut() = "单位".to_string();
    loaded.data.text.structure = vec!["上海市普陀区城市运行管理中心设7个内设机构。".to_string()];
    let text = text_of(&loaded);
    for expected in [
        "上海市普陀区2024年区级单位预算",
        "预算单位：上海市普陀区城市运行管理中心",
        "一、单位主要职能",
        "二、单位机构设置",
        "四、单位预算编制说明",
        "五、单位预算表",
        "1.2024年单位财务收支预算总表",
        "8.2024年单位一般公共预算基本支出部门预算经济分类预算表",
        "9.单位“三公”经费和机关运行经费预算表",
        "2024年单位预算编制说明",
        "编制单位：上海市普陀区城市运行管理中心",
        "注：本单位2024年无政府性基金预算财政拨款安排的预算，故本表为空表。",
        "注：本单位2024年无国有资本经营预算财政拨款安排的预算，故本表为空表。",
        "本单位无机关运行经费。",
        "2024年度本单位政府采购预算",
        "2024年本单位面向中小企业预留",
        "上海市普陀区城市运行管理中心设7个内设机构。",
    ] {
        assert!(text.contains(expected), "missing {expected}");
    }
    // The standard 名词解释 definitions keep “预算主管部门及所属预算单位” in 单位 documents too (001).
    for wrong in ["编制部门", "本部门", "预算主管部门：", "部门预算编制说明", "部门财务收支"] {
        assert!(!text.contains(wrong), "a 部门 word is left: {wrong}");
    }
}
