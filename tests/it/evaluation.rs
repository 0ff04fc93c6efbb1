//! Self-evaluation arithmetic against every published figure of 004 (domain-spec §5.3).

use crate::common;

use gen_budget::document::Document;
use gen_budget::evaluation::{Grade, derive};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Published 执行率, 执行率得分 and 总分 of the 11 projects (004:L10 … L327).
const PUBLISHED: [(&str, &str, &str); 11] = [
    ("93.77", "9.37", "96.37"),
    ("99.84", "9.98", "95.98"),
    ("12.13", "1.21", "91.21"),
    ("95.49", "9.54", "95.04"),
    ("81.33", "8.13", "98.13"),
    ("100.00", "10.00", "98.00"),
    ("100.00", "10.00", "96.00"),
    ("97.46", "9.74", "95.74"),
    ("100.00", "10.00", "98.00"),
    ("100.00", "10.00", "98.00"),
    ("100.00", "10.00", "98.00"),
];

#[test]
fn every_rate_score_and_total_of_004_is_reproduced() {
    let documents = Document::load_all(&common::project(), "普陀城运", "2023").unwrap();
    let Document::Evaluation(e) = &documents[0] else { panic!("2023 is a self-evaluation") };
    let scores = derive(&e.file);
    assert_eq!(scores.len(), PUBLISHED.len());
    for (s, (rate, score, total)) in scores.iter().zip(PUBLISHED) {
        assert_eq!(s.rows[0].rate(), d(rate), "执行率");
        assert_eq!(s.execution_score, d(score), "执行率得分 (truncated, not rounded)");
        assert_eq!(s.total, d(total), "总分");
        assert_eq!(s.weights + s.execution_points, d("100"));
        assert_eq!(s.grade, Grade::Excellent);
    }
}

#[test]
fn grades_change_exactly_at_their_thresholds() {
    let cases =
        [("100", "优"), ("90.00", "优"), ("89.99", "良"), ("80.00", "良"), ("79.99", "中"), ("60.00", "中"), ("59.99", "差"), ("0", "差")];
    for (total, word) in cases {
        assert_eq!(Grade::of(d(total)).word(), word, "{total}");
    }
}

fn scratch_with_evaluation(edit: impl Fn(String) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = common::scratch_project();
    let data = root.join("departments/普陀城运/2023.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, edit(text)).unwrap();
    (dir, root)
}

fn check(root: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(args).arg("--root").arg(root).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_score_above_its_weight_and_weights_not_adding_to_100_are_errors() {
    let (_dir, root) = scratch_with_evaluation(|t| {
        t.replacen("weight = \"40.00\"\nscore = \"40.00\"", "weight = \"40.00\"\nscore = \"41.00\"", 1).replacen(
            "weight = \"20.00\"\nscore = \"18.00\"",
            "weight = \"25.00\"\nscore = \"18.00\"",
            1,
        )
    });
    let (code, stderr) = check(&root, &["普陀城运", "2023"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("错误[V1]: 指标“采购设备数量”得分 41.00 超过分值 40.00"), "{stderr}");
    assert!(stderr.contains("错误[V2]: “购买新智能单兵设备”各指标分值之和 95.00 加执行率分数 10 不等于 100"), "{stderr}");
    assert!(!root.join("out").exists(), "a refused release writes nothing");
}

#[test]
fn an_unknown_document_kind_is_refused() {
    let (_dir, root) = scratch_with_evaluation(|t| t.replacen("document = \"绩效自评\"", "document = \"绩效评价\"", 1));
    let (code, stderr) = check(&root, &["check", "普陀城运", "2023"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("错误[D10]: 未知的文件类型 document = “绩效评价”") && stderr.contains("2023.toml:3:12"), "{stderr}");
}

#[test]
fn a_unit_year_with_several_documents_builds_each_under_its_own_name() {
    let (_dir, root) = common::scratch_project();
    let evaluation =
        std::fs::read_to_string(root.join("departments/普陀城运/2023.toml")).unwrap().replacen("year = 2023", "year = 2024", 1);
    std::fs::create_dir_all(root.join("departments/普陀城运/2024")).unwrap();
    std::fs::write(root.join("departments/普陀城运/2024/绩效自评.toml"), evaluation).unwrap();
    let (code, stderr) = check(&root, &["普陀城运", "2024"]);
    assert_eq!(code, Some(0), "{stderr}");
    let dir = root.join("out/2024/普陀城运");
    assert!(dir.join("上海市普陀区2024年区级部门预算.pdf").is_file());
    assert!(dir.join("上海市普陀区城市运行管理中心2024年度财政项目支出绩效自评表.pdf").is_file());
}

#[test]
fn a_self_evaluation_draft_renders_despite_errors_and_marks_them() {
    let (_dir, root) =
        scratch_with_evaluation(|t| t.replacen("weight = \"40.00\"\nscore = \"40.00\"", "weight = \"40.00\"\nscore = \"41.00\"", 1));
    let (code, stderr) = check(&root, &["普陀城运", "2023", "--draft", "--keep-typ"]);
    assert_eq!(code, Some(0), "{stderr}");
    let typ = root.join("out/2023/普陀城运/上海市普陀区城市运行管理中心2023年度财政项目支出绩效自评表（草稿）.typ");
    let typ = std::fs::read_to_string(typ).unwrap();
    assert!(typ.contains("#set page(background: watermark)"));
    assert!(typ.contains("错误\\[V1\\]：指标“采购设备数量”得分 41\\.00 超过分值 40\\.00"), "the finding is marked on its form");
    assert!(typ.contains("校验结果"));
}
