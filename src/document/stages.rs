//! The stages every document kind goes through, in order: figures and check, then view, then source.
//!
//! One enum per stage carries the 预算 (区级 and 镇级, which differ by template set), 自评 and booklet
//! documents, so the orchestrator (`pipeline`) has one path for all of them.

use crate::diag::Code;

use super::{LoadedBooklet, LoadedEvaluation};
use crate::booklet::{self, BookletView};
use crate::derive::{Budget, derive};
use crate::diag::{Diagnostic, Diagnostics};
use crate::evaluation::{self, EvaluationView, ProjectScore};
use crate::load::Loaded;
use crate::render::marking::mark_draft;
use crate::render::{DocView, Templates, build_view};
use crate::style::Formats;
use crate::validate::validate;
use crate::view_model::findings as draft;

/// One document of any kind, borrowed.
#[derive(Clone, Copy)]
pub enum Kind<'a> {
    Budget(&'a Loaded),
    Evaluation(&'a LoadedEvaluation),
    Booklet(&'a LoadedBooklet),
}

/// Every derived number of a document, computed once: checks and views read the same values.
pub enum Figures {
    Budget(Box<Budget>),
    Evaluation(Vec<ProjectScore>),
    /// A booklet prints its figures as typed; its checks compute their own sums.
    Booklet,
}

/// A document's figures with every finding about it: what a release refuses on.
pub struct CheckedDocument {
    pub figures: Figures,
    pub diagnostics: Diagnostics,
}

/// A document's view, ready for its template.
pub enum View<'a> {
    Budget { view: Box<DocView>, style: &'a str },
    Evaluation(Box<EvaluationView>),
    Booklet(Box<BookletView>),
}

impl<'a> Kind<'a> {
    /// Figures and findings (the check stage).
    pub fn check(self, templates: &Templates) -> CheckedDocument {
        match self {
            Kind::Budget(loaded) => {
                let Checked { budget, diagnostics } = check(loaded, templates);
                CheckedDocument { figures: Figures::Budget(Box::new(budget)), diagnostics }
            }
            Kind::Evaluation(e) => {
                let scores = evaluation::derive(&e.file);
                let diagnostics = evaluation::check(&e.file, &scores, &e.source, e.file_year);
                CheckedDocument { figures: Figures::Evaluation(scores), diagnostics }
            }
            Kind::Booklet(b) => CheckedDocument { figures: Figures::Booklet, diagnostics: booklet::check(&b.file, &b.source, b.file_year) },
        }
    }

    /// The view of checked figures; in a draft every finding is marked where it belongs.
    pub fn view(self, checked: &CheckedDocument, templates: &Templates, draft: bool) -> Result<View<'a>, Diagnostics> {
        let diagnostics = &checked.diagnostics;
        Ok(match (self, &checked.figures) {
            (Kind::Budget(loaded), Figures::Budget(budget)) => {
                let style = style_of(loaded, templates)?;
                let mut view = build_view(loaded, budget, &templates.formats(style));
                if draft {
                    mark_draft(&mut view, diagnostics);
                }
                View::Budget { view: Box::new(view), style }
            }
            (Kind::Evaluation(e), Figures::Evaluation(scores)) => {
                View::Evaluation(Box::new(evaluation_view_of(e, scores, diagnostics, draft)))
            }
            (Kind::Booklet(b), _) => View::Booklet(Box::new(booklet_view_of(b, diagnostics, draft))),
            _ => unreachable!("figures are computed by the same kind's check"),
        })
    }

    /// The unit folder and the year of the path, which name the compiled document.
    pub fn unit_year(self) -> (&'a str, i32) {
        match self {
            Kind::Budget(l) => (&l.unit_dir, l.file_year),
            Kind::Evaluation(e) => (&e.unit_dir, e.file_year),
            Kind::Booklet(b) => (&b.unit_dir, b.file_year),
        }
    }
}

impl View<'_> {
    /// The printed title, which names the file.
    pub fn title(&self) -> &str {
        match self {
            View::Budget { view, .. } => &view.title,
            View::Evaluation(v) => &v.title,
            View::Booklet(v) => &v.title,
        }
    }

    /// The Typst source: the view through its kind's templates.
    pub fn source(&self, templates: &Templates) -> Result<String, Diagnostic> {
        match self {
            View::Budget { view, style } => templates.render_budget(view, style),
            View::Evaluation(v) => templates.render_evaluation(v.as_ref()),
            View::Booklet(v) => templates.render_booklet(v.as_ref()),
        }
    }
}

fn evaluation_view_of(e: &LoadedEvaluation, scores: &[ProjectScore], diagnostics: &Diagnostics, draft: bool) -> EvaluationView {
    let mut view = evaluation::build_view(&e.file, scores);
    if draft {
        view.draft = Some(mark_projects(&mut view.projects, diagnostics, |p, m| p.marks = m));
    }
    view
}

fn booklet_view_of(b: &LoadedBooklet, diagnostics: &Diagnostics, draft: bool) -> BookletView {
    let mut view = booklet::build_view(&b.file);
    if draft {
        view.draft = Some(mark_projects(&mut view.projects, diagnostics, |p, m| p.marks = m));
    }
    view
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
fn style_of<'a>(loaded: &'a Loaded, templates: &Templates) -> Result<&'a str, Diagnostics> {
    let Some(style) = &loaded.data.unit.style else { return Ok(crate::render::templates::DEFAULT_STYLE) };
    if templates.has_style(style.get_ref()) {
        return Ok(style.get_ref());
    }
    Err(Diagnostics(vec![
        Diagnostic::error(Code::D11, format!("没有名为“{}”的模板样式", style.get_ref()))
            .at(&loaded.source, style.span())
            .label("未知样式")
            .hint(format!("可用样式：{}；新样式放在 templates/styles/<样式>/ 下", templates.style_names().join("、"))),
    ]))
}
