//! The documents of a unit-year, of whatever kind: found, loaded, checked and rendered.
//!
//! A unit-year's documents are `departments/<单位>/<年>.toml` and `departments/<单位>/<年>/*.toml`;
//! each file says which kind it is with `document = "…"` (default: the budget disclosure).

use crate::diag::Code;
use std::path::PathBuf;

use crate::booklet;
use crate::derive::{Budget, derive};
use crate::diag::{Diagnostic, Diagnostics};
use crate::evaluation;
use crate::load::{Loaded, Project, check_plain_name, check_year, load_budget, parse_toml};
use crate::model::SourceFile;
use crate::model::booklet::BookletFile;
use crate::model::evaluation::EvaluationFile;
use crate::render::{Templates, draft};
use crate::style::Formats;
use crate::validate::validate;

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
        match self {
            Document::Budget(loaded) => check(loaded, templates).diagnostics,
            Document::Evaluation(e) => evaluation::check(&e.file, &evaluation::derive(&e.file), &e.source, e.file_year),
            Document::Booklet(b) => booklet::check(&b.file, &b.source, b.file_year),
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

    pub fn unit_dir(&self) -> &str {
        match self {
            Document::Budget(loaded) => &loaded.unit_dir,
            Document::Evaluation(e) => &e.unit_dir,
            Document::Booklet(b) => &b.unit_dir,
        }
    }

    pub fn year(&self) -> i32 {
        match self {
            Document::Budget(loaded) => loaded.file_year,
            Document::Evaluation(e) => e.file_year,
            Document::Booklet(b) => b.file_year,
        }
    }
}

/// A self-evaluation's view and findings; in a draft the findings are marked on its projects.
pub fn evaluation_view(e: &LoadedEvaluation, draft: bool) -> (evaluation::EvaluationView, Diagnostics) {
    let scores = evaluation::derive(&e.file);
    let diagnostics = evaluation::check(&e.file, &scores, &e.source, e.file_year);
    let mut view = evaluation::build_view(&e.file, &scores);
    if draft {
        view.draft = Some(mark_projects(&mut view.projects, &diagnostics, |p, m| p.marks = m));
    }
    (view, diagnostics)
}

/// A booklet's view and findings; in a draft the findings are marked on its projects.
pub fn booklet_view(b: &LoadedBooklet, draft: bool) -> (booklet::BookletView, Diagnostics) {
    let diagnostics = booklet::check(&b.file, &b.source, b.file_year);
    let mut view = booklet::build_view(&b.file);
    if draft {
        view.draft = Some(mark_projects(&mut view.projects, &diagnostics, |p, m| p.marks = m));
    }
    (view, diagnostics)
}

/// Gives each project its draft marks; returns the findings page.
fn mark_projects<P>(projects: &mut [P], diagnostics: &Diagnostics, set: impl Fn(&mut P, Vec<String>)) -> draft::DraftView {
    let marks = draft::project_marks(diagnostics, projects.len());
    projects.iter_mut().zip(marks).for_each(|(p, m)| set(p, m));
    draft::findings(diagnostics)
}

/// Derived figures and every finding about them.
pub struct Checked {
    pub budget: Budget,
    pub diagnostics: Diagnostics,
}

/// Derives and validates loaded input, collecting every finding.
pub fn check(loaded: &Loaded, templates: &Templates) -> Checked {
    let (budget, mut diagnostics) = derive(loaded);
    let formats = match style_of(loaded, templates) {
        Ok(style) => templates.formats(style),
        Err(unknown) => {
            diagnostics.extend(unknown);
            Formats::default()
        }
    };
    diagnostics.extend(validate(loaded, &budget, &formats));
    Checked { budget, diagnostics }
}

/// The template set a budget names, refused with its location when no such set exists.
pub(crate) fn style_of<'a>(loaded: &'a Loaded, templates: &Templates) -> Result<&'a str, Diagnostics> {
    let Some(style) = &loaded.data.unit.style else { return Ok(crate::render::templates::DEFAULT_STYLE) };
    if templates.has_style(style.get_ref()) {
        return Ok(style.get_ref());
    }
    Err(single(
        Diagnostic::error(Code::D11, format!("没有名为“{}”的模板样式", style.get_ref()))
            .at(&loaded.source, style.span())
            .label("未知样式")
            .hint(format!("可用样式：{}；新样式放在 templates/styles/<样式>/ 下", templates.style_names().join("、"))),
    ))
}

fn single(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}
