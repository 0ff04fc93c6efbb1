//! Number formats and data needs of a template set, read from its optional `style.toml`.
//!
//! Sets differ in how they print money (元 or 万元, separators, trailing zeros, blank zeros);
//! keeping that here lets a new district or level be a folder of templates and one settings file.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::Diagnostic;
use crate::model::SourceFile;
use crate::money::{NumberFormat, Scale, ZeroStyle};

/// How one template set prints figures, and which optional data its sentences need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formats {
    /// Unit of tables 1–8.
    pub scale: Scale,
    /// Tables 2, 3 and 5–8.
    pub table: NumberFormat,
    /// Tables 1 and 4 (their income side always leaves zero blank).
    pub side: NumberFormat,
    /// 万元 in sentences.
    pub prose: NumberFormat,
    /// Percentages in sentences.
    pub percent: NumberFormat,
    /// Per table (`t3`), the 1-based amount columns whose zeros stay blank even in a used column.
    pub blank_zero: BTreeMap<String, Vec<usize>>,
    /// Whether the set's sentences compare every 项 with last year (each function line needs `prior`).
    pub item_priors: bool,
    /// Whether the set's sentences compare the whole budget with last year (needs `[last_year]`).
    pub total_prior: bool,
    /// Whether the set's “三公” sentences give a reason for each component.
    pub three_public_reasons: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            scale: Scale::Yuan,
            table: NumberFormat::YUAN_TABLE,
            side: NumberFormat::YUAN_TABLE,
            prose: NumberFormat::WAN_PROSE,
            percent: NumberFormat::PERCENT,
            blank_zero: BTreeMap::new(),
            item_priors: true,
            total_prior: false,
            three_public_reasons: true,
        }
    }
}

impl Formats {
    /// Whether zeros in a column of a table print blank.
    pub fn blanks_zero(&self, table: &str, column: usize) -> bool {
        self.blank_zero.get(table).is_some_and(|cols| cols.contains(&(column + 1)))
    }
}

/// The keys a `style.toml` may set; everything is optional. Values keep their spans for C4.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    #[serde(default)]
    tables: TableSettings,
    #[serde(default)]
    prose: ProseSettings,
    #[serde(default)]
    needs: NeedSettings,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TableSettings {
    unit: Option<Spanned<String>>,
    decimals: Option<Spanned<u32>>,
    separators: Option<bool>,
    side_separators: Option<bool>,
    /// How a zero in a used column prints: "0.00" (default), "0" or "" (blank).
    zero: Option<Spanned<String>>,
    #[serde(default)]
    blank_zero: BTreeMap<String, Vec<usize>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProseSettings {
    separators: Option<bool>,
    trim: Option<bool>,
    percent_decimals: Option<Spanned<u32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NeedSettings {
    item_priors: Option<bool>,
    total_prior: Option<bool>,
    three_public_reasons: Option<bool>,
}

const HINT: &str = "style.toml 可设置 [tables] unit = \"元\"/\"万元\"、decimals、separators、side_separators、zero、blank_zero，[prose] separators、trim、percent_decimals，[needs] item_priors、total_prior、three_public_reasons";

/// Reads a set's `style.toml` (`path` names it in messages); the base formats fill what it leaves out.
pub fn parse_formats(path: &Path, text: &str) -> Result<Formats, Diagnostic> {
    let source = SourceFile::new(path, text);
    let bad = |msg: String, span: Option<Range<usize>>| {
        Diagnostic::error("C4", format!("样式设置有误：{msg}")).at_opt(&source, span).hint(HINT)
    };
    let file: StyleFile = toml::from_str(text).map_err(|e| bad(toml_message(e.message()), e.span()))?;
    let mut f = Formats::default();
    let t = &file.tables;
    f.scale = match t.unit.as_ref().map(|u| (u.get_ref().as_str(), u.span())) {
        None | Some(("元", _)) => Scale::Yuan,
        Some(("万元", _)) => Scale::Wan,
        Some((other, span)) => return Err(bad(format!("unit = \"{other}\" 不是“元”或“万元”"), Some(span))),
    };
    if let Some(d) = &t.decimals {
        let decimals = within_two(d, "decimals").map_err(|m| bad(m, Some(d.span())))?;
        f.table.decimals = decimals;
        f.side.decimals = decimals;
    }
    f.table.separators = t.separators.unwrap_or(f.table.separators);
    if let Some(zero) = &t.zero {
        let style = match zero.get_ref().as_str() {
            "0.00" => ZeroStyle::Padded,
            "0" => ZeroStyle::Bare,
            "" => ZeroStyle::Blank,
            other => return Err(bad(format!("zero = \"{other}\" 应为 \"0.00\"、\"0\" 或 \"\"（空白）"), Some(zero.span()))),
        };
        f.table.zero = style;
        f.side.zero = style;
    }
    f.side.separators = t.side_separators.or(t.separators).unwrap_or(f.side.separators);
    f.blank_zero = t.blank_zero.clone();
    if let Some(trim) = file.prose.trim {
        f.prose.trim = trim;
        f.percent.trim = trim;
        if trim {
            f.percent.zero = ZeroStyle::Bare;
        }
    }
    f.prose.separators = file.prose.separators.unwrap_or(f.prose.separators);
    if let Some(d) = &file.prose.percent_decimals {
        f.percent.decimals = within_two(d, "percent_decimals").map_err(|m| bad(m, Some(d.span())))?;
    }
    f.item_priors = file.needs.item_priors.unwrap_or(true);
    f.total_prior = file.needs.total_prior.unwrap_or(false);
    f.three_public_reasons = file.needs.three_public_reasons.unwrap_or(true);
    Ok(f)
}

/// A number of decimals: 0, 1 or 2.
fn within_two(d: &Spanned<u32>, key: &str) -> Result<u32, String> {
    let value = *d.get_ref();
    if value > 2 { Err(format!("{key} = {value} 超出 0–2")) } else { Ok(value) }
}

/// The toml parser's and serde's English, as far as a settings file meets it, in Chinese.
fn toml_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ");
        return if expected.is_empty() { format!("未知的设置项 {key}") } else { format!("未知的设置项 {key}（可用：{expected}）") };
    }
    for (prefix, said) in [("invalid type: ", "类型不对"), ("invalid value: ", "取值不对")] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            return format!("{said}：这里是{}，应为{}", value_kind(got), value_kind(expected));
        }
    }
    let known = TOML_SYNTAX.iter().find(|(en, _)| message.starts_with(en));
    known.map_or_else(|| format!("TOML 语法错误（原文：{message}）"), |(_, zh)| format!("TOML 语法错误：{zh}"))
}

/// Known syntax errors of the toml parser.
const TOML_SYNTAX: [(&str, &str); 10] = [
    ("unclosed table", "表头缺少右方括号 ]"),
    ("unclosed array", "数组缺少右方括号 ]"),
    ("unclosed inline table", "内联表缺少右花括号 }"),
    ("string values must be quoted", "文字值必须加引号"),
    ("duplicate key", "重复的键"),
    ("invalid basic string", "字符串缺少右引号"),
    ("invalid boolean", "布尔值只能是 true 或 false"),
    ("key with no value", "键后面缺少值"),
    ("invalid table header", "表头格式不对"),
    ("invalid unquoted key", "键名含有不允许的字符"),
];

/// serde's names of kinds of values (`string "two"`, `u32`, `a boolean`) in Chinese.
fn value_kind(text: &str) -> String {
    let t = text.trim().trim_start_matches("a ").trim_start_matches("an ");
    let (kind, value) = t.split_once(' ').unwrap_or((t, ""));
    let value = if value.is_empty() { String::new() } else { format!(" {value}") };
    match kind {
        "string" => format!("文字{value}"),
        "integer" | "i64" | "u64" | "i32" => format!("整数{value}"),
        "u32" | "usize" => "非负整数".to_string(),
        "boolean" => format!("布尔值{value}"),
        "floating" => format!("小数{}", t.trim_start_matches("floating point")),
        "sequence" => "数组".to_string(),
        "map" | "struct" | "table" => "表".to_string(),
        _ => format!("`{t}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Amount;

    #[test]
    fn a_town_set_prints_wan_without_separators_and_trims_prose() {
        let f = parse_formats(Path::new("t"), "[tables]\nunit = \"万元\"\nseparators = false\nside_separators = true\nblank_zero = { t3 = [3] }\n[prose]\nseparators = false\ntrim = true\n").unwrap();
        assert_eq!(f.table.amount(Amount::from(48_291_500), f.scale), "4829.15");
        assert_eq!(f.side.amount(Amount::from(53_700_000), f.scale), "5,370.00");
        assert_eq!(f.prose.wan(Amount::from(52_951_000)), "5295.1");
        assert!(f.blanks_zero("t3", 2) && !f.blanks_zero("t3", 1) && !f.blanks_zero("t2", 2));
    }

    #[test]
    fn zero_and_percent_styles() {
        use crate::derive::Change;
        let f = parse_formats(Path::new("t"), "[tables]\nzero = \"0\"\n[prose]\npercent_decimals = 0\n").unwrap();
        assert_eq!(f.table.amount(Amount::ZERO, f.scale), "0");
        assert_eq!(parse_formats(Path::new("t"), "[tables]\nzero = \"\"\n").unwrap().table.amount(Amount::ZERO, Scale::Yuan), "");
        assert_eq!(Formats::default().table.amount(Amount::ZERO, Scale::Yuan), "0.00");
        let prose = crate::render::narrative::Prose::of(&f);
        assert_eq!(prose.change(Change::new(Amount::from(241_670), Amount::from(231_530))).percent.as_deref(), Some("4"));
        assert_eq!(prose.share(Amount::from(53_700_000), Amount::from(57_152_900)), "94");
        assert!(parse_formats(Path::new("t"), "[tables]\nzero = \"-\"").unwrap_err().message.contains("zero"));
    }

    #[test]
    fn unknown_keys_and_units_are_refused() {
        assert!(parse_formats(Path::new("t"), "yuan_decimal = 0").unwrap_err().message.contains("样式设置有误：未知的设置项 `yuan_decimal`"));
        assert!(parse_formats(Path::new("t"), "[tables]\nunit = \"千元\"").unwrap_err().message.contains("千元"));
        assert_eq!(parse_formats(Path::new("t"), "").unwrap(), Formats::default());
    }
}
