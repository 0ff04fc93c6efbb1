//! Chinese ordinals for chapter, section and list markers (domain-spec §4.5).

use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese};

/// Writes a positive number in lower-case Chinese numerals: 11 → 十一, 22 → 二十二.
pub fn chinese(n: usize) -> String {
    (n as u64)
        .to_chinese(ChineseVariant::Simple, ChineseCase::Lower, ChineseCountMethod::TenThousand)
        .expect("every usize fits the ten-thousand counting method")
}

/// Chapter marker: 一、 二、 … 二十二、
pub fn chapter_marker(n: usize) -> String {
    format!("{}、", chinese(n))
}

/// Second-level marker: （一） （二） …
pub fn paren_marker(n: usize) -> String {
    format!("（{}）", chinese(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_up_to_twenty_two() {
        let got: Vec<String> = [1, 2, 10, 11, 19, 20, 21, 22].into_iter().map(chapter_marker).collect();
        assert_eq!(got, ["一、", "二、", "十、", "十一、", "十九、", "二十、", "二十一、", "二十二、"]);
        assert_eq!(paren_marker(7), "（七）");
        assert_eq!(chinese(101), "一百零一");
    }
}
