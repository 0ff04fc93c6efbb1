//! Reading a set's `style.toml` into [`Formats`]: every key optional, every error located (C4).

use crate::diag::Code;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::formats::{CHAPTERS, Formats, TargetStyle};
use crate::diag::Diagnostic;
use crate::model::SourceFile;
use crate::money::{Scale, ZeroStyle};

/// The keys a `style.toml` may set; everything is optional. Values keep their spans for C4.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    #[serde(default)]
    tables: TableSettings,
    #[serde(default)]
    prose: ProseSettings,
    #[serde(default)]
    forms: FormSettings,
    #[serde(default)]
    projects: ProjectSettings,
    #[serde(default)]
    document: DocumentSettings,
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
    /// How a zero cell of table 9 prints: "" (default), "0" or "0.00".
    t9_zero: Option<Spanned<String>>,
    #[serde(default)]
    blank_zero: BTreeMap<String, Vec<usize>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProseSettings {
    separators: Option<bool>,
    trim: Option<bool>,
    whole: Option<bool>,
    percent_decimals: Option<Spanned<u32>>,
    item_percent_decimals: Option<Spanned<u32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FormSettings {
    decimals: Option<Spanned<u32>>,
    separators: Option<bool>,
    zero: Option<Spanned<String>>,
    trim: Option<bool>,
    total: Option<bool>,
    rows: Option<Spanned<u8>>,
    targets: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProjectSettings {
    budget_unit: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DocumentSettings {
    chapters: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NeedSettings {
    item_priors: Option<bool>,
    total_prior: Option<bool>,
    three_public_reasons: Option<bool>,
    reservations: Option<bool>,
}

const HINT: &str = "style.toml 的设置项见 README“模板样式”一节：[tables] unit、decimals、separators、side_separators、zero、t9_zero、blank_zero，[prose] separators、trim、whole、percent_decimals、item_percent_decimals，[forms] decimals、separators、zero、trim、total、rows、targets，[projects] budget_unit，[document] chapters，[needs] item_priors、total_prior、three_public_reasons、reservations";

/// A wrong value and where it sits.
type Bad = (String, Option<Range<usize>>);

/// Reads a set's `style.toml` (`path` names it in messages); the base formats fill what it leaves out.
pub fn parse_formats(path: &Path, text: &str) -> Result<Formats, Diagnostic> {
    let source = SourceFile::new(path, text);
    let bad = |(msg, span): Bad| Diagnostic::error(Code::C4, format!("样式设置有误：{msg}")).at_opt(&source, span).hint(HINT);
    let file: StyleFile = toml::from_str(text).map_err(|e| bad((toml_message(e.message()), e.span())))?;
    let mut f = Formats::default();
    apply_tables(&file.tables, &mut f).map_err(bad)?;
    apply_prose(&file.prose, &mut f).map_err(bad)?;
    apply_forms(&file.forms, &mut f).map_err(bad)?;
    if let Some(unit) = &file.projects.budget_unit {
        f.project_budget = scale(unit, "budget_unit").map_err(bad)?;
    }
    if let Some(chapters) = &file.document.chapters {
        f.chapters = chapter_list(chapters).map_err(bad)?;
    }
    let n = &file.needs;
    f.item_priors = n.item_priors.unwrap_or(true);
    f.total_prior = n.total_prior.unwrap_or(false);
    f.three_public_reasons = n.three_public_reasons.unwrap_or(true);
    f.reservations = n.reservations.unwrap_or(true);
    Ok(f)
}

/// `[tables]`: unit, decimals, separators and zeros of tables 1–9.
fn apply_tables(t: &TableSettings, f: &mut Formats) -> Result<(), Bad> {
    if let Some(unit) = &t.unit {
        f.scale = scale(unit, "unit")?;
    }
    if let Some(d) = &t.decimals {
        let decimals = within_two(d, "decimals")?;
        f.table.decimals = decimals;
        f.side.decimals = decimals;
    }
    f.table.separators = t.separators.unwrap_or(f.table.separators);
    if let Some(zero) = &t.zero {
        let style = zero_style(zero, "zero")?;
        f.table.zero = style;
        f.side.zero = style;
    }
    if let Some(zero) = &t.t9_zero {
        f.three_public.zero = zero_style(zero, "t9_zero")?;
    }
    f.side.separators = t.side_separators.or(t.separators).unwrap_or(f.side.separators);
    f.blank_zero = t.blank_zero.clone();
    Ok(())
}

/// `[prose]`: 万元 and percentages in sentences.
fn apply_prose(p: &ProseSettings, f: &mut Formats) -> Result<(), Bad> {
    if let Some(trim) = p.trim {
        for number in [&mut f.prose, &mut f.percent, &mut f.item_percent] {
            number.trim = trim;
            if trim && number.zero == ZeroStyle::Padded {
                number.zero = ZeroStyle::Bare;
            }
        }
    }
    f.prose.separators = p.separators.unwrap_or(f.prose.separators);
    f.prose.whole = p.whole.unwrap_or(f.prose.whole);
    if let Some(d) = &p.percent_decimals {
        f.percent.decimals = within_two(d, "percent_decimals")?;
        f.item_percent.decimals = f.percent.decimals;
    }
    if let Some(d) = &p.item_percent_decimals {
        f.item_percent.decimals = within_two(d, "item_percent_decimals")?;
    }
    Ok(())
}

/// `[forms]`: the 申报表 money block and targets.
fn apply_forms(s: &FormSettings, f: &mut Formats) -> Result<(), Bad> {
    let forms = &mut f.forms;
    if let Some(d) = &s.decimals {
        forms.money.decimals = within_two(d, "decimals")?;
    }
    forms.money.separators = s.separators.unwrap_or(forms.money.separators);
    forms.money.trim = s.trim.unwrap_or(forms.money.trim);
    if let Some(zero) = &s.zero {
        forms.money.zero = zero_style(zero, "zero")?;
    }
    forms.total = s.total.unwrap_or(forms.total);
    if let Some(rows) = &s.rows {
        forms.rows = match *rows.get_ref() {
            n @ (3 | 4) => n,
            n => return Err((format!("rows = {n} 应为 3（无上年结转资金行）或 4"), Some(rows.span()))),
        };
    }
    if let Some(t) = &s.targets {
        forms.targets = match t.get_ref().as_str() {
            "typed" => TargetStyle::Typed,
            "unicode" => TargetStyle::Unicode,
            "ascii" => TargetStyle::Ascii,
            other => {
                return Err((
                    format!("targets = \"{other}\" 应为 \"typed\"（照录）、\"unicode\"（≥95.00(%)）或 \"ascii\"（>=95%）"),
                    Some(t.span()),
                ));
            }
        };
    }
    Ok(())
}

/// 元 or 万元.
fn scale(unit: &Spanned<String>, key: &str) -> Result<Scale, Bad> {
    match unit.get_ref().as_str() {
        "元" => Ok(Scale::Yuan),
        "万元" => Ok(Scale::Wan),
        other => Err((format!("{key} = \"{other}\" 不是“元”或“万元”"), Some(unit.span()))),
    }
}

/// "0.00", "0" or "" (blank).
fn zero_style(zero: &Spanned<String>, key: &str) -> Result<ZeroStyle, Bad> {
    match zero.get_ref().as_str() {
        "0.00" => Ok(ZeroStyle::Padded),
        "0" => Ok(ZeroStyle::Bare),
        "" => Ok(ZeroStyle::Blank),
        other => Err((format!("{key} = \"{other}\" 应为 \"0.00\"、\"0\" 或 \"\"（空白）"), Some(zero.span()))),
    }
}

/// Known chapter names, each at most once, at least one.
fn chapter_list(chapters: &Spanned<Vec<Spanned<String>>>) -> Result<Vec<String>, Bad> {
    let mut seen: Vec<String> = Vec::new();
    for c in chapters.get_ref() {
        let name = c.get_ref();
        if !CHAPTERS.contains(&name.as_str()) {
            return Err((format!("chapters 中的“{name}”不是可用的章节（可用：{}）", CHAPTERS.join("、")), Some(c.span())));
        }
        if seen.contains(name) {
            return Err((format!("chapters 中的“{name}”重复"), Some(c.span())));
        }
        seen.push(name.clone());
    }
    if seen.is_empty() {
        return Err(("chapters 为空：至少列出一章".into(), Some(chapters.span())));
    }
    Ok(seen)
}

/// A number of decimals: 0, 1 or 2.
fn within_two(d: &Spanned<u32>, key: &str) -> Result<u32, Bad> {
    let value = *d.get_ref();
    if value > 2 { Err((format!("{key} = {value} 超出 0–2"), Some(d.span()))) } else { Ok(value) }
}

/// The toml parser's and serde's English, as far as a settings file meets it, in Chinese.
fn toml_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ");
        return if expected.is_empty() {
            format!("未知的设置项 {key}")
        } else {
            format!("未知的设置项 {key}（可用：{expected}）")
        };
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
    use crate::style::Formats;

    fn parse(text: &str) -> Formats {
        parse_formats(Path::new("style.toml"), text).unwrap()
    }

    fn refused(text: &str) -> String {
        let d = parse_formats(Path::new("style.toml"), text).unwrap_err();
        format!("{} @{:?}", d.message, d.location())
    }

    #[test]
    fn prose_can_print_whole_numbers_and_items_apart_from_totals() {
        let f = parse("[prose]\nwhole = true\nitem_percent_decimals = 0\n");
        assert_eq!(f.prose.wan(Amount::from(70_000)), "7");
        assert_eq!(f.prose.wan(Amount::from(74_648_300)), "7,464.83");
        assert_eq!((f.percent.decimals, f.item_percent.decimals), (2, 0));
        assert_eq!(parse("[prose]\npercent_decimals = 1\n").item_percent.decimals, 1, "percent_decimals sets both places");
    }

    #[test]
    fn forms_take_their_own_money_format_rows_and_targets() {
        let f = parse("[forms]\ndecimals = 0\nzero = \"0\"\ntotal = true\nrows = 3\ntargets = \"ascii\"\n[tables]\nt9_zero = \"0\"\n");
        assert_eq!(f.forms.money.yuan(Amount::from(86_024_755)), "86,024,755");
        assert_eq!(f.forms.money.yuan(Amount::ZERO), "0");
        assert!(f.forms.total && f.forms.rows == 3);
        assert_eq!(f.three_public.wan(Amount::ZERO), "0");
        assert_eq!(Formats::default().three_public.wan(Amount::ZERO), "", "table 9 zeros blank by default");
        assert_eq!(f.forms.targets.show("≥540000(件)"), ">=540000件");
        assert_eq!(TargetStyle::Unicode.show(">=95%"), "≥95.00(%)");
        assert_eq!(TargetStyle::Ascii.show("≤5.00(天)"), "<=5天");
        assert_eq!(TargetStyle::Typed.show("≥5(个)"), "≥5(个)");
        assert_eq!(TargetStyle::Ascii.show("及时"), "及时", "qualitative targets stay as typed");
    }

    #[test]
    fn chapters_are_known_names_each_once() {
        let f = parse("[document]\nchapters = [\"functions\", \"projects\", \"performance\"]\n");
        assert_eq!(f.chapters, ["functions", "projects", "performance"]);
        assert_eq!(parse("").chapters.len(), 7, "the base's seven chapters");
        assert!(refused("[document]\nchapters = [\"functions\", \"appendix\"]\n").starts_with("样式设置有误：chapters 中的“appendix”不是可用的章节（可用：functions、structure、glossary、narrative、tables、other、projects、performance、declarations）"));
        let r = refused("[document]\nchapters = [\"functions\", \"appendix\"]\n");
        assert!(r.ends_with("style.toml:2:26\")"), "located at the bad name: {r}");
        assert!(refused("[document]\nchapters = [\"tables\", \"tables\"]\n").contains("“tables”重复"));
        assert!(refused("[document]\nchapters = []\n").contains("chapters 为空"));
    }

    #[test]
    fn bad_variant_values_are_located() {
        assert!(refused("[forms]\nrows = 5\n").starts_with("样式设置有误：rows = 5 应为 3（无上年结转资金行）或 4 @"));
        assert!(refused("[forms]\ntargets = \"fancy\"\n").contains("targets = \"fancy\""));
        assert!(refused("[projects]\nbudget_unit = \"千元\"\n").contains("budget_unit = \"千元\" 不是“元”或“万元”"));
        assert!(refused("[tables]\nt9_zero = \"-\"\n").contains("t9_zero = \"-\""));
        assert!(refused("[needs]\nreservation = false\n").contains("未知的设置项 `reservation`"));
    }

    #[test]
    fn a_town_set_prints_wan_without_separators_and_trims_prose() {
        let f = parse_formats(Path::new("style.toml"), "[tables]\nunit = \"万元\"\nseparators = false\nside_separators = true\nblank_zero = { t3 = [3] }\n[prose]\nseparators = false\ntrim = true\n").unwrap();
        assert_eq!(f.table.amount(Amount::from(48_291_500), f.scale), "4829.15");
        assert_eq!(f.side.amount(Amount::from(53_700_000), f.scale), "5,370.00");
        assert_eq!(f.prose.wan(Amount::from(52_951_000)), "5295.1");
        assert!(f.blanks_zero("t3", 2) && !f.blanks_zero("t3", 1) && !f.blanks_zero("t2", 2));
    }

    #[test]
    fn zero_and_percent_styles() {
        use crate::derive::Change;
        let f = parse_formats(Path::new("style.toml"), "[tables]\nzero = \"0\"\n[prose]\npercent_decimals = 0\n").unwrap();
        assert_eq!(f.table.amount(Amount::ZERO, f.scale), "0");
        assert_eq!(parse_formats(Path::new("style.toml"), "[tables]\nzero = \"\"\n").unwrap().table.amount(Amount::ZERO, Scale::Yuan), "");
        assert_eq!(Formats::default().table.amount(Amount::ZERO, Scale::Yuan), "0.00");
        let prose = crate::style::Prose::of(&f);
        assert_eq!(prose.change(Change::new(Amount::from(241_670), Amount::from(231_530))).percent.as_deref(), Some("4"));
        assert_eq!(prose.share_of(crate::derive::Share::new(Amount::from(53_700_000), Amount::from(57_152_900))), "94");
        assert!(parse_formats(Path::new("style.toml"), "[tables]\nzero = \"-\"").unwrap_err().message.contains("zero"));
    }

    #[test]
    fn unknown_keys_and_units_are_refused() {
        assert!(
            parse_formats(Path::new("style.toml"), "yuan_decimal = 0")
                .unwrap_err()
                .message
                .contains("样式设置有误：未知的设置项 `yuan_decimal`")
        );
        assert!(parse_formats(Path::new("style.toml"), "[tables]\nunit = \"千元\"").unwrap_err().message.contains("千元"));
        assert_eq!(parse_formats(Path::new("style.toml"), "").unwrap(), Formats::default());
    }
}
