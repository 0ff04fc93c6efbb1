//! Stage 1: find and read a unit-year's TOML and its catalogue into raw input types.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;
use crate::model::{Catalog, SourceFile, UnitYear};

/// Where a project keeps its inputs and outputs; every path is derived from here.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    pub fn departments(&self) -> PathBuf {
        self.root.join("departments")
    }

    pub fn catalog_file(&self, year: i32) -> PathBuf {
        self.root.join("catalog").join(format!("{year}.toml"))
    }

    pub fn templates(&self) -> PathBuf {
        self.root.join("templates")
    }

    pub fn fonts(&self) -> PathBuf {
        self.root.join("fonts")
    }

    pub fn out(&self) -> PathBuf {
        self.root.join("out")
    }

    /// The data file of a unit and year, after checking both names are plain.
    pub fn unit_file(&self, unit: &str, year: &str) -> Result<PathBuf, Diagnostic> {
        check_plain_name(unit, "单位")?;
        check_year(year)?;
        Ok(self.departments().join(unit).join(format!("{year}.toml")))
    }
}

/// Refuses a name that could reach outside its folder (`..`, separators, NUL, absolute).
pub fn check_plain_name(name: &str, what: &str) -> Result<(), Diagnostic> {
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name.chars().any(|c| matches!(c, '/' | '\\' | '\0' | ':') || c.is_control());
    if bad {
        return Err(Diagnostic::error("U1", format!("{what}名称“{}”不合法", name.escape_debug()))
            .hint("请只写单位简称，例如 普陀城运，不能含路径分隔符或 .."));
    }
    Ok(())
}

/// Refuses a year argument that is not four digits.
pub fn check_year(year: &str) -> Result<i32, Diagnostic> {
    if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
        return Ok(year.parse().expect("four ASCII digits parse"));
    }
    Err(Diagnostic::error("U2", format!("年度“{}”不合法", year.escape_debug()))
        .hint("年度应为四位数字，例如 2024"))
}

/// Reads a file as UTF-8 text, reporting a missing or unreadable file in Chinese.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            Err(Diagnostic::error("U3", format!("找不到文件 {}", path.display()))
                .in_file(path)
                .hint("检查单位简称与年度是否正确，数据文件应位于 departments/<单位>/<年>.toml"))
        }
        Err(err) => Err(Diagnostic::error("U4", format!("无法读取文件 {}：{err}", path.display()))
            .in_file(path)),
    }
}

/// Parses TOML into `T`, turning syntax and type errors into located diagnostics.
pub fn parse_toml<T: DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    toml::from_str(&source.text).map_err(|err| {
        let message = translate_toml_message(err.message());
        let diag = Diagnostic::error(toml_code(err.message()), format!("TOML 数据有误：{message}"));
        let diag = match err.span() {
            Some(span) => diag.at(source, span),
            None => diag.in_file(&source.path),
        };
        diag.hint(toml_hint(err.message()))
    })
}

/// A stable code per kind of TOML mistake.
fn toml_code(message: &str) -> &'static str {
    if message.starts_with("unknown field") {
        "T2"
    } else if message.starts_with("missing field") {
        "T3"
    } else if message.contains("浮点数") {
        "T4"
    } else if message.contains("负数") {
        "T5"
    } else if message.contains("金额") {
        "T6"
    } else {
        "T1"
    }
}

/// Renders serde's English wording in Chinese where the pattern is known.
fn translate_toml_message(message: &str) -> String {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("未知字段 {field}，可用字段：{expected}");
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("缺少必填字段 {field}");
    }
    if let Some(field) = message.strip_prefix("duplicate key ") {
        return format!("重复的键 {field}");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!("类型不对：{rest}");
    }
    message.to_string()
}

/// A short hint for the common TOML mistakes.
fn toml_hint(message: &str) -> String {
    if message.contains("浮点数") {
        "金额以元为单位，写整数（如 241670）或字符串（如 \"241,670.00\"）".into()
    } else if message.starts_with("unknown field") {
        "检查字段名拼写，字段说明见 README.md 的“数据格式”一节".into()
    } else if message.starts_with("missing field") {
        "补上该字段，字段说明见 README.md 的“数据格式”一节".into()
    } else {
        "按 TOML 语法修改该处，参见 README.md 的“数据格式”一节".into()
    }
}

/// The raw inputs of one build: the unit-year, its catalogue and their sources.
#[derive(Debug)]
pub struct Loaded {
    pub source: SourceFile,
    pub data: UnitYear,
    pub catalog: Catalog,
    pub catalog_source: SourceFile,
    pub unit_dir: String,
    pub file_year: i32,
}

/// Loads a unit-year's budget file and the catalogue of its year.
pub fn load_unit_year(project: &Project, unit: &str, year: &str) -> Result<Loaded, Diagnostic> {
    let path = project.unit_file(unit, year)?;
    let file_year = check_year(year)?;
    load_budget(project, unit, file_year, read_source(&path)?)
}

/// Parses an already read budget file and loads the catalogue of its year.
pub fn load_budget(project: &Project, unit: &str, file_year: i32, source: SourceFile) -> Result<Loaded, Diagnostic> {
    refuse_missing(&source)?;
    let data: UnitYear = parse_toml(&source)?;
    let catalog_source = read_source(&project.catalog_file(file_year))?;
    let catalog: Catalog = parse_toml(&catalog_source)?;
    Ok(Loaded { source, data, catalog, catalog_source, unit_dir: unit.to_string(), file_year })
}

/// M1: values `import` marked for the person to fill; the first is pointed at, the rest listed.
fn refuse_missing(source: &SourceFile) -> Result<(), Diagnostic> {
    let spans = source.missing_values();
    let Some(first) = spans.first() else { return Ok(()) };
    let lines: Vec<String> = spans.iter().map(|s| source.line_col(s.start).0.to_string()).collect();
    let what = source.text[first.clone()].trim_matches('"').trim_start_matches(crate::model::MISSING).trim_start_matches('：').to_string();
    Err(Diagnostic::error("M1", format!("导入后尚有 {} 处待补充，首处：{what}", spans.len()))
        .at(source, first.clone())
        .label("导出表中没有此项，需手工填写")
        .hint(format!("逐项填写标“待补充”的值（第 {} 行）后再生成", lines.join("、"))))
}

/// Every unit-year under `departments/` (a `<年>.toml` file or a `<年>/` folder), sorted.
pub fn find_unit_years(project: &Project, year: Option<&str>) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = walkdir::WalkDir::new(project.departments())
        .min_depth(2)
        .max_depth(2)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let is_toml = e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml");
            let stem = if is_toml { e.path().file_stem()? } else if e.file_type().is_dir() { e.path().file_name()? } else { return None };
            let stem = stem.to_str()?.to_string();
            let unit = e.path().parent()?.file_name()?.to_str()?.to_string();
            (check_year(&stem).is_ok() && year.is_none_or(|y| y == stem)).then_some((unit, stem))
        })
        .collect();
    found.sort();
    found.dedup();
    found
}
