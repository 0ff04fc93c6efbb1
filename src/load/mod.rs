//! Stage 1: find and read a unit-year's TOML and its catalogue into raw input types.

pub(crate) mod literal;
mod missing;
mod parse;
pub(crate) mod previous;

use crate::diag::Code;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
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
    let bad =
        name.is_empty() || name == "." || name == ".." || name.chars().any(|c| matches!(c, '/' | '\\' | '\0' | ':') || c.is_control());
    if bad {
        return Err(Diagnostic::error(Code::U1, format!("{what}名称“{}”不合法", name.escape_debug()))
            .hint("请只写单位简称，例如 普陀城运，不能含路径分隔符或 .."));
    }
    Ok(())
}

/// Refuses a year argument that is not four digits.
pub fn check_year(year: &str) -> Result<i32, Diagnostic> {
    if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) {
        return Ok(year.parse().expect("four ASCII digits parse"));
    }
    Err(Diagnostic::error(Code::U2, format!("年度“{}”不合法", year.escape_debug())).hint("年度应为四位数字，例如 2024"))
}

/// Reads a file as UTF-8 text: only a regular file (never a FIFO or device, which could hang
/// the run), missing, unreadable and non-UTF-8 files reported in Chinese with the line.
pub fn read_source(path: &Path) -> Result<SourceFile, Diagnostic> {
    fs::metadata(path).map_err(|err| unreadable(path, &err))?;
    if let Some(d) = not_regular(path) {
        return Err(d);
    }
    let bytes = fs::read(path).map_err(|err| unreadable(path, &err))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(remembered(SourceFile::new(path, text))),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let line = err.as_bytes()[..valid].iter().filter(|b| **b == b'\n').count() + 1;
            Err(Diagnostic::error(Code::U4, format!("{} 第 {line} 行含有非 UTF-8 字节，无法读取", path.display()))
                .in_file(path)
                .hint("请以 UTF-8 编码保存该文件（如从 GBK 转换）"))
        }
    }
}

/// The source, kept in the run's store so its diagnostics print the text as read.
fn remembered(source: SourceFile) -> SourceFile {
    crate::diag::Sources::run().remember(&source);
    source
}

fn unreadable(path: &Path, err: &std::io::Error) -> Diagnostic {
    if err.kind() == std::io::ErrorKind::NotFound {
        return Diagnostic::error(Code::U3, format!("找不到文件 {}", path.display()))
            .in_file(path)
            .hint("检查单位简称与年度是否正确，数据文件应位于 departments/<单位>/<年>.toml");
    }
    Diagnostic::error(Code::U4, format!("无法读取文件 {}：{}", path.display(), crate::diag::io_reason(err))).in_file(path)
}

impl Project {
    /// Reads a file of the project, refusing one that a symlink takes outside the project root.
    pub fn read(&self, path: &Path) -> Result<SourceFile, Diagnostic> {
        self.check_inside(path)?;
        read_source(path)
    }

    /// U12: a path under the project that resolves (through a symlink) outside it.
    pub fn check_inside(&self, path: &Path) -> Result<(), Diagnostic> {
        outside_root(&self.root, path).map_or(Ok(()), |d| Err(d.with_code(Code::U12)))
    }
}

/// A finding when `path` resolves (through a symlink) outside `root`; the caller picks the code
/// (U12 for data, C2 for templates, F1 for fonts).
pub fn outside_root(root: &Path, path: &Path) -> Option<Diagnostic> {
    let (Ok(root), Ok(real)) = (fs::canonicalize(root), fs::canonicalize(path)) else { return None };
    if real.starts_with(&root) {
        return None;
    }
    Some(
        Diagnostic::error(Code::U12, format!("{} 是指向项目目录之外（{}）的符号链接，拒绝读取", path.display(), real.display()))
            .in_file(path)
            .hint("把文件复制进项目目录，而不是链接到别处"),
    )
}

/// A finding when `path` is not a regular file (a FIFO, device or folder could hang a read).
pub fn not_regular(path: &Path) -> Option<Diagnostic> {
    let regular = fs::metadata(path).is_ok_and(|m| m.is_file());
    (!regular).then(|| {
        Diagnostic::error(Code::U4, format!("{} 不是普通文件，不能读取", path.display()))
            .in_file(path)
            .hint("数据、目录、模板和字体都须是普通文件（不能是管道、设备或目录）")
    })
}

pub use parse::parse_toml;

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
pub fn load_unit_year(project: &Project, unit: &str, year: &str) -> Result<Loaded, Diagnostics> {
    let path = project.unit_file(unit, year).map_err(one)?;
    let file_year = check_year(year).map_err(one)?;
    load_budget(project, unit, file_year, project.read(&path).map_err(one)?)
}

/// Parses an already read budget file and loads the catalogue of its year.
pub fn load_budget(project: &Project, unit: &str, file_year: i32, source: SourceFile) -> Result<Loaded, Diagnostics> {
    refuse_missing(&source).map_err(one)?;
    let data: UnitYear = parse_toml(&source)?;
    let catalog_source = project.read(&project.catalog_file(file_year)).map_err(one)?;
    let catalog: Catalog = parse_toml(&catalog_source)?;
    Ok(Loaded { source, data, catalog, catalog_source, unit_dir: unit.to_string(), file_year })
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// M1: values `import` marked for the person to fill; the first is pointed at, the rest listed.
fn refuse_missing(source: &SourceFile) -> Result<(), Diagnostic> {
    let found = missing::values(source);
    let Some((first, text)) = found.first() else { return Ok(()) };
    let spans: Vec<&std::ops::Range<usize>> = found.iter().map(|(s, _)| s).collect();
    let lines: Vec<String> = spans.iter().map(|s| source.line_col(s.start).0.to_string()).collect();
    let what = text.trim_start_matches(crate::model::MISSING).trim_start_matches('：').to_string();
    Err(Diagnostic::error(Code::M1, format!("导入后尚有 {} 处待补充，首处：{what}", spans.len()))
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
            // Symlinks are listed like what they point to, so a batch and a single build see the
            // same files (and both refuse one that leaves the project, when it is read).
            // A FIFO or device named 2024.toml is listed too, to be refused when read.
            let dir = e.path().is_dir();
            let is_toml = !dir && e.path().extension().is_some_and(|x| x == "toml");
            let stem = if is_toml {
                e.path().file_stem()?
            } else if dir {
                e.path().file_name()?
            } else {
                return None;
            };
            let stem = stem.to_str()?.to_string();
            let unit = e.path().parent()?.file_name()?.to_str()?.to_string();
            (check_year(&stem).is_ok() && year.is_none_or(|y| y == stem)).then_some((unit, stem))
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn the_snippet_is_the_text_as_parsed_not_as_on_disk_now() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "year = 2024\nname = \"旧\"\n").unwrap();
        let source = read_source(&path).unwrap();
        std::fs::write(&path, "changed = true\n").unwrap();
        let d = Diagnostic::error(Code::T1, "测试").at(&source, 19..24);
        let shown = crate::diag::Sources::run().render(&d);
        assert!(shown.contains("name = \"旧\""), "{shown}");
        assert!(!shown.contains("changed"), "{shown}");
    }
}
