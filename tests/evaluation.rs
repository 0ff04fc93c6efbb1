//! Self-evaluation arithmetic against every published figure of 004 (domain-spec §5.3).

mod common;

use gen_budget::document::Document;
use gen_budget::evaluation::{derive, Grade};
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
    let cases = [("100", "优"), ("90.00", "优"), ("89.99", "良"), ("80.00", "良"), ("79.99", "中"), ("60.00", "中"), ("59.99", "差"), ("0", "差")];
    for (total, word) in cases {
        assert_eq!(Grade::of(d(total)).word(), word, "{total}");
    }
}
