//! A new set's `style.toml`: every key a set may set, commented out at its default, except
//! the keys the source set sets, which keep the source's values so the new set behaves like it.

use std::fmt::Write as _;

use toml_edit::{DocumentMut, Item};

/// Every key of `style.toml` with its default and a one-line comment. Keep in sync with
/// `StyleFile` in src/render/style_file.rs (formats.rs before) (tests/style_cmd.rs compares it with that struct's fields).
pub(crate) const KEYS: &[(&str, &str, &str, &str)] = &[
    ("tables", "unit", "\"元\"", "表 1–8 的金额单位：\"元\" 或 \"万元\" / unit of tables 1–8"),
    ("tables", "decimals", "2", "表格小数位数 0–2 / decimals in tables"),
    ("tables", "separators", "true", "表 2、3、5–8 的千分位 / thousands separators in tables 2, 3, 5–8"),
    ("tables", "side_separators", "true", "表 1、4 的千分位，默认同 separators / … in tables 1 and 4"),
    ("tables", "zero", "\"0.00\"", "有数列中的零：\"0.00\"、\"0\" 或 \"\"（空白） / a zero in a used column"),
    ("tables", "t9_zero", "\"\"", "表 9 中的零：\"\"（空白）、\"0\" 或 \"0.00\" / a zero cell of table 9"),
    ("tables", "blank_zero", "{}", "零值留空的列（从 1 数），如 { t3 = [3] } / columns whose zeros stay blank"),
    ("prose", "separators", "true", "正文万元数的千分位 / separators in 万元 in sentences"),
    ("prose", "trim", "false", "去掉末尾的零：5295.1万元、占0% / drop trailing zeros"),
    ("prose", "whole", "false", "整数万元不带小数：7,713万元 / whole 万元 without decimals"),
    ("prose", "percent_decimals", "2", "百分比小数位数 0–2 / decimals of percentages"),
    ("prose", "item_percent_decimals", "2", "各项比上年增减百分比的小数位，默认同 percent_decimals / … of the 项 sentences"),
    ("forms", "decimals", "2", "申报表金额小数位数 0–2 / decimals of the 申报表 money"),
    ("forms", "separators", "true", "申报表金额的千分位 / separators in the 申报表"),
    ("forms", "zero", "\"0.00\"", "申报表中的零：\"0.00\"、\"0\" 或 \"\" / a zero in the 申报表"),
    ("forms", "trim", "false", "申报表金额去掉末尾的零 / drop trailing zeros in the 申报表"),
    ("forms", "total", "false", "项目资金总额与其中财政资金填项目总额 / print the project total"),
    ("forms", "rows", "4", "资金行数：4（含上年结转资金）或 3 / money rows of the 申报表"),
    ("forms", "targets", "\"unicode\"", "指标值：\"unicode\"（≥95.00(%)）、\"ascii\"（>=95%）或 \"typed\"（照录） / indicator targets"),
    ("projects", "budget_unit", "\"万元\"", "年度预算安排一句的单位：\"元\" 或 \"万元\" / unit of 年度预算安排"),
    (
        "document",
        "chapters",
        "[\"functions\", \"structure\", \"glossary\", \"narrative\", \"tables\", \"other\", \"projects\"]",
        "各章及其顺序，另可用 performance、declarations / chapters in order",
    ),
    ("needs", "item_priors", "true", "D12：每个 [[function]] 须有 prior（逐项比较上年） / every 项 compared with last year"),
    ("needs", "total_prior", "false", "D13：须有 [last_year] total（比上年增加…，增幅…） / totals compared with last year"),
    ("needs", "three_public_reasons", "true", "R1：“三公”各项须有原因 / a reason for every “三公” component"),
    ("needs", "reservations", "true", "印出面向中小企业预留一句（须有两项预留数） / the 中小企业 reservation sentence"),
];

/// The `style.toml` of a new set; `source` is the set it starts from and that set's file.
pub(crate) fn generate(name: &str, source: Option<(&str, &str)>) -> Result<String, toml_edit::TomlError> {
    let doc = source.map(|(_, text)| text.parse::<DocumentMut>()).transpose()?;
    let mut out = header(name, source);
    for section in sections(doc.as_ref()) {
        let table = doc.as_ref().and_then(|d| d.get(&section)).and_then(Item::as_table_like);
        out.push('\n');
        out.push_str(&if table.is_some() { format!("[{section}]\n") } else { format!("# [{section}]\n") });
        for (key, default, comment) in KEYS.iter().filter(|k| k.0 == section).map(|k| (k.1, k.2, k.3)) {
            match table.and_then(|t| t.get(key)) {
                Some(item) => writeln!(out, "{key} = {}  # {comment}", value_text(item)).unwrap(),
                None => writeln!(out, "# {key} = {default}  # {comment}").unwrap(),
            }
        }
        // Keys this build does not describe yet are kept as the source has them.
        for (key, item) in table.into_iter().flat_map(|t| t.iter()) {
            if !KEYS.iter().any(|k| k.0 == section && k.1 == key) {
                writeln!(out, "{key} = {}", value_text(item)).unwrap();
            }
        }
    }
    Ok(out)
}

/// Which keys a `style.toml` sets, as `section.key`; `None` when it does not parse.
pub(crate) fn keys_set(text: &str) -> Option<Vec<String>> {
    let doc = text.parse::<DocumentMut>().ok()?;
    let mut keys = Vec::new();
    for (section, item) in doc.iter() {
        match item.as_table_like() {
            Some(table) => keys.extend(table.iter().map(|(key, _)| format!("{section}.{key}"))),
            None => keys.push(section.to_string()),
        }
    }
    Some(keys)
}

/// What the file is and how to use it, then the source's own leading comments.
fn header(name: &str, source: Option<(&str, &str)>) -> String {
    let from = source.map_or(String::new(), |(set, _)| format!("，取自 {set}"));
    let mut out = format!("# 样式 {name} 的设置（由 gen-budget style new 生成{from}）。\n");
    out.push_str("# Settings of this template set. A line starting with # keeps the default; remove the # to set it.\n");
    out.push_str("# 行首有 # 的项取默认值；去掉 # 并修改取值即生效。\n");
    let comments = source.into_iter().flat_map(|(_, text)| text.lines().take_while(|l| l.starts_with('#')));
    for line in comments {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The sections described here, then any other section the source has, in its order.
fn sections(doc: Option<&DocumentMut>) -> Vec<String> {
    let mut sections: Vec<String> = Vec::new();
    let known = KEYS.iter().map(|k| k.0);
    let theirs = doc.into_iter().flat_map(|d| d.iter()).filter(|(_, i)| i.is_table_like()).map(|(k, _)| k);
    for section in known.chain(theirs) {
        if !sections.iter().any(|s| s == section) {
            sections.push(section.to_string());
        }
    }
    sections
}

/// A value as one line of TOML, without the source's comments (a sub-table becomes inline).
fn value_text(item: &Item) -> String {
    let value = item.clone().into_value().map_or_else(|i| i.to_string(), |v| v.decorated("", "").to_string());
    value.trim().to_string()
}
