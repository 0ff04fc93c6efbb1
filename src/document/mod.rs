//! The documents of a unit-year, of whatever kind: found, loaded, checked and rendered.
//!
//! A unit-year's documents are `departments/<单位>/<年>.toml` and `departments/<单位>/<年>/*.toml`;
//! each file says which kind it is with `document = "…"` (default: the budget disclosure).

use crate::diag::Code;
use std::path::PathBuf;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{Loaded, Project, check_plain_name, check_year, load_budget, parse_toml};
use crate::model::SourceFile;
use crate::model::booklet::BookletFile;
use crate::model::evaluation::EvaluationFile;
use crate::render::Templates;

mod stages;

pub use stages::{Checked, CheckedDocument, Figures, Kind, View, check};

/// The kinds of document gen-budget writes, by the name a file gives in `document = "…"`.
pub use crate::model::BUDGET;
pub const EVALUATION: &str = "绩效自评";
pub const BOOKLET: &str = "绩效目标申报";

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// A self-evaluation file with its source.
#[derive(Debug)]
pub struct LoadedEvaluation {
    pub source: SourceFile,
    pub file: EvaluationFile,
    pub unit_dir: String,
    pub file_year: i32,
}

/// A booklet file with its source.
#[derive(Debug)]
pub struct LoadedBooklet {
    pub source: SourceFile,
    pub file: BookletFile,
    pub unit_dir: String,
    pub file_year: i32,
}

/// One loaded document of any kind.
pub enum Document {
    Budget(Box<Loaded>),
    Evaluation(Box<LoadedEvaluation>),
    Booklet(Box<LoadedBooklet>),
}

/// The data files of a unit-year, sorted; an error when there are none.
pub fn unit_files(project: &Project, unit: &str, year: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    check_plain_name(unit, "单位")?;
    check_year(year)?;
    let dir = project.departments().join(unit);
    // `exists` rather than `is_file`: a FIFO or folder named 2024.toml is refused when read, not skipped.
    let mut files: Vec<PathBuf> = vec![dir.join(format!("{year}.toml"))].into_iter().filter(|p| p.exists()).collect();
    if let Ok(entries) = std::fs::read_dir(dir.join(year)) {
        let mut more: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
        more.sort();
        files.extend(more);
    }
    if files.is_empty() {
        return Err(Diagnostic::error(Code::U3, format!("找不到 {unit} {year} 的数据文件"))
            .in_file(&dir.join(format!("{year}.toml")))
            .hint("数据文件应为 departments/<单位>/<年>.toml，或 departments/<单位>/<年>/ 下的 .toml 文件"));
    }
    Ok(files)
}

/// The kind a file declares; unknown names are refused.
fn kind_of(source: &SourceFile) -> Result<&'static str, Diagnostic> {
    #[derive(serde::Deserialize)]
    struct Probe {
        document: Option<toml::Spanned<String>>,
    }
    // A file that does not parse at all is left to the full parse, which locates the error.
    let document = toml::from_str::<Probe>(&source.text).ok().and_then(|p| p.document);
    match document {
        None => Ok(BUDGET),
        Some(d) if d.get_ref() == BUDGET => Ok(BUDGET),
        Some(d) if d.get_ref() == EVALUATION => Ok(EVALUATION),
        Some(d) if d.get_ref() == BOOKLET => Ok(BOOKLET),
        Some(d) => Err(Diagnostic::error(Code::D10, format!("未知的文件类型 document = “{}”", d.get_ref()))
            .at(source, d.span())
            .hint(format!("可选：{BUDGET}、{EVALUATION}、{BOOKLET}"))),
    }
}

impl Document {
    /// Loads every document of a unit-year.
    pub fn load_all(project: &Project, unit: &str, year: &str) -> Result<Vec<Document>, Diagnostics> {
        let file_year = check_year(year).map_err(one)?;
        let mut documents = Vec::new();
        let mut problems = Diagnostics::default();
        for path in unit_files(project, unit, year).map_err(one)? {
            match Self::load(project, unit, file_year, path) {
                Ok(d) => documents.push(d),
                Err(d) => problems.extend(d),
            }
        }
        if problems.has_errors() { Err(problems) } else { Ok(documents) }
    }

    fn load(project: &Project, unit: &str, file_year: i32, path: PathBuf) -> Result<Document, Diagnostics> {
        let source = project.read(&path).map_err(one)?;
        match kind_of(&source).map_err(one)? {
            EVALUATION => {
                let file = parse_toml(&source)?;
                Ok(Document::Evaluation(Box::new(LoadedEvaluation { source, file, unit_dir: unit.to_string(), file_year })))
            }
            BOOKLET => {
                let file = parse_toml(&source)?;
                Ok(Document::Booklet(Box::new(LoadedBooklet { source, file, unit_dir: unit.to_string(), file_year })))
            }
            _ => Ok(Document::Budget(Box::new(load_budget(project, unit, file_year, source)?))),
        }
    }

    /// Every finding about this document.
    pub fn check(&self, templates: &Templates) -> Diagnostics {
        self.kind().check(templates).diagnostics
    }

    /// The document as its kind, borrowed, for the stages (check → figures → view).
    pub fn kind(&self) -> Kind<'_> {
        match self {
            Document::Budget(loaded) => Kind::Budget(loaded),
            Document::Evaluation(e) => Kind::Evaluation(e),
            Document::Booklet(b) => Kind::Booklet(b),
        }
    }

    /// The texts the output depends on besides templates and fonts, for skip-if-unchanged.
    pub fn inputs(&self) -> Vec<&str> {
        match self {
            Document::Budget(loaded) => vec![&loaded.source.text, &loaded.catalog_source.text],
            Document::Evaluation(e) => vec![&e.source.text],
            Document::Booklet(b) => vec![&b.source.text],
        }
    }

    /// The data file the document was read from.
    pub fn source_path(&self) -> &std::path::Path {
        match self {
            Document::Budget(loaded) => &loaded.source.path,
            Document::Evaluation(e) => &e.source.path,
            Document::Booklet(b) => &b.source.path,
        }
    }

    /// The unit folder the document belongs to: its output goes under it.
    pub fn unit_dir(&self) -> &str {
        self.kind().unit_year().0
    }

    /// The year of the document's path (the file's own year is checked against it, D1).
    pub fn year(&self) -> i32 {
        self.kind().unit_year().1
    }
}
