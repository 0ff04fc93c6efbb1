//! `--shard K/N`: which units one of N processes builds. A unit belongs to a shard by the SHA-256
//! of its folder name, so every process agrees without talking and adding a unit moves no other.

use sha2::{Digest, Sha256};

use crate::diag::{Code, Diagnostic};

/// The variable a Kubernetes Indexed Job sets in each pod: its completion index, from 0.
pub const INDEX_VARIABLE: &str = "JOB_COMPLETION_INDEX";

/// One part of N; `number` counts from 1, as the command line and the file names do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard {
    pub number: usize,
    pub count: usize,
}

const HINT: &str =
    "写作 --shard K/N，K 从 1 数到 N，例如 --shard 1/4；在 Kubernetes Indexed Job 中写 --shard auto/N，K 取 JOB_COMPLETION_INDEX + 1";

impl Shard {
    /// Reads `K/N` (1 ≤ K ≤ N) or `auto/N`, where K is `index + 1` of the job's 0-based index.
    pub fn parse(spec: &str, index: Option<&str>) -> Result<Shard, Diagnostic> {
        let Some((k, n)) = spec.split_once('/') else { return Err(bad(format!("分片“{spec}”不合法：应写作 K/N"))) };
        let count = match n.parse::<usize>() {
            Ok(count) if count > 0 && is_digits(n) => count,
            _ => return Err(bad(format!("分片“{spec}”不合法：分片数 N 应为正整数"))),
        };
        let number = if k == "auto" { from_index(index, count)? } else { from_number(spec, k, count)? };
        Ok(Shard { number, count })
    }

    /// The shard (1-based) a unit's folder name belongs to among `count`.
    pub fn of(unit: &str, count: usize) -> usize {
        let digest = Sha256::digest(unit.as_bytes());
        let head = u64::from_be_bytes(digest[..8].try_into().expect("a SHA-256 has 8 bytes"));
        (head % count as u64) as usize + 1
    }

    /// Whether this shard builds the unit.
    pub fn contains(&self, unit: &str) -> bool {
        Shard::of(unit, self.count) == self.number
    }

    /// `manifest.shard-K-of-N.json`, beside the year's `manifest.json`.
    pub fn file_name(&self) -> String {
        format!("manifest.shard-{}-of-{}.json", self.number, self.count)
    }

    /// The shard a file name written by [`Shard::file_name`] names, if it is one.
    pub fn from_file_name(name: &str) -> Option<Shard> {
        let (k, n) = name.strip_prefix("manifest.shard-")?.strip_suffix(".json")?.split_once("-of-")?;
        let number: usize = k.parse().ok().filter(|_| is_digits(k))?;
        let count: usize = n.parse().ok().filter(|_| is_digits(n))?;
        (number >= 1 && number <= count).then_some(Shard { number, count })
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn from_number(spec: &str, k: &str, count: usize) -> Result<usize, Diagnostic> {
    match k.parse::<usize>() {
        Ok(number) if is_digits(k) && (1..=count).contains(&number) => Ok(number),
        Ok(_) if is_digits(k) => Err(bad(format!("分片“{spec}”不合法：序号 K 应在 1 到 {count} 之间（从 1 数起）"))),
        _ => Err(bad(format!("分片“{spec}”不合法：序号 K 应为 1 到 {count} 的整数，或 auto"))),
    }
}

fn from_index(index: Option<&str>, count: usize) -> Result<usize, Diagnostic> {
    let Some(value) = index else {
        return Err(bad(format!(
            "--shard auto/{count} 需要环境变量 {INDEX_VARIABLE}（Kubernetes Indexed Job 会设置，从 0 数起），但它没有设置"
        )));
    };
    match value.trim().parse::<usize>() {
        Ok(i) if is_digits(value.trim()) && i < count => Ok(i + 1),
        _ => Err(bad(format!("环境变量 {INDEX_VARIABLE}=“{value}”不合法：应为 0 到 {} 之间的整数", count - 1))),
    }
}

fn bad(message: String) -> Diagnostic {
    Diagnostic::error(Code::U16, message).hint(HINT)
}

/// SHA-256 of the running program's file: shards built by different builds are not merged.
pub fn executable_fingerprint() -> String {
    let bytes = std::env::current_exe().and_then(std::fs::read).unwrap_or_default();
    crate::digest::sha256_hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_count_from_one_and_auto_from_the_zero_based_index() {
        assert_eq!(Shard::parse("1/3", None).unwrap(), Shard { number: 1, count: 3 });
        assert_eq!(Shard::parse("3/3", None).unwrap(), Shard { number: 3, count: 3 });
        assert_eq!(Shard::parse("auto/3", Some("0")).unwrap(), Shard { number: 1, count: 3 });
        assert_eq!(Shard::parse("auto/3", Some("2")).unwrap(), Shard { number: 3, count: 3 });
        for bad in ["0/3", "4/3", "a/b", "1/0", "3", "-1/3", "+1/3", "1/3/4", "/3", "1/"] {
            let d = Shard::parse(bad, None).unwrap_err();
            assert_eq!(d.code, Code::U16, "{bad}");
        }
        assert!(Shard::parse("auto/3", None).unwrap_err().message.contains(INDEX_VARIABLE));
        assert!(Shard::parse("auto/3", Some("3")).unwrap_err().message.contains("0 到 2"));
        assert!(Shard::parse("auto/3", Some("x")).is_err());
    }

    #[test]
    fn assignment_is_stable_balanced_and_named_in_files() {
        // Fixed values (checked with Python hashlib): the assignment must never change.
        assert_eq!([Shard::of("普陀城运", 4), Shard::of("安亭城运", 4), Shard::of("a", 4)], [4, 4, 3]);
        let mut sizes = [0usize; 4];
        (0..4000).for_each(|i| sizes[Shard::of(&format!("单位{i}"), 4) - 1] += 1);
        assert!(sizes.iter().all(|&s| (900..=1100).contains(&s)), "{sizes:?}");
        let shard = Shard { number: 2, count: 5 };
        assert_eq!(shard.file_name(), "manifest.shard-2-of-5.json");
        assert_eq!(Shard::from_file_name(&shard.file_name()), Some(shard));
        assert_eq!(Shard::from_file_name("manifest.shard-6-of-5.json"), None);
        assert_eq!(Shard::from_file_name("manifest.json"), None);
    }
}
