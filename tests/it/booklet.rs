//! The 项目绩效目标申报表 booklet: its headline is derived and its itemisations are checked.

use crate::common;

use gen_budget::booklet::build_view;
use gen_budget::document::Document;
use gen_budget::money::Amount;

fn booklet() -> Box<gen_budget::document::LoadedBooklet> {
    match Document::load_all(&common::project(), "松江城运", "2022").unwrap().remove(0) {
        Document::Booklet(b) => b,
        _ => panic!("2022 of 松江城运 is a booklet"),
    }
}

#[test]
fn the_headline_counts_and_sums_the_projects() {
    let mut b = booklet();
    let view = build_view(&b.file);
    assert_eq!((view.project_count, view.amount.as_str()), (7, "582.64"), "1,132,300 + … + 2,793,072.20 元 = 582.64万元");
    *b.file.projects[0].appropriation.get_mut() = Amount::from(1_232_300);
    b.file.projects.pop();
    let view = build_view(&b.file);
    assert_eq!((view.project_count, view.amount.as_str()), (6, "313.33"));
}

#[test]
fn itemisation_mismatches_of_003_are_warnings() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gen-budget"))
        .args(["check", "松江城运", "2022", "--root"])
        .arg(common::root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "warnings do not fail a check:\n{stderr}");
    // E003-4: 共45.16万 against items adding to 45.1264万.
    assert!(stderr.contains("警告[B2]: “设备运行与维护”年度预算安排中一项写“共45.16万”，其明细合计 45.1264万"), "{stderr}");
    // E003-1: 32.5 + 33.69 = 66.19万 against the form's 57.60万.
    assert!(
        stderr.contains("警告[B1]: “网络信息系统运行与维护”年度预算安排各项合计 66.19万元，申报表年度资金申请总额 57.60万元"),
        "{stderr}"
    );
    // E003-5: the text covers three sub-projects, the form only the first.
    assert!(stderr.contains("警告[B1]: “网络信息系统开发、升级、建设（历年已批复）”"), "{stderr}");
    // E003-2: 热线服务科 4万 but 24,000 + 15,000 元; 监督指导科 2.5万 but 11,040 + 13,800 元.
    assert!(stderr.contains("“（2）热线服务科 4万”为 4万，明细合计 39000元"), "{stderr}");
    assert!(stderr.contains("“（3）监督指导科 2.5万”为 2.5万，明细合计 24840元"), "{stderr}");
    // E003-3: 城运工作材料印刷 25万 but 125,000 + 115,000 元.
    assert!(stderr.contains("“（2）城运工作材料印刷  25万”为 25万，明细合计 240000元"), "{stderr}");
    // Items whose details do add up are not reported (推广 55万, 车辆租用 12万).
    assert!(!stderr.contains("城运工作推广") && !stderr.contains("督查车辆租用"), "{stderr}");
    // E003-7: quality statements under 数量指标.
    assert!(stderr.contains("警告[B3]: 数量指标“技术服务质量”的指标值“规范”不是数量"), "{stderr}");
    assert!(!stderr.contains("错误["));
}
