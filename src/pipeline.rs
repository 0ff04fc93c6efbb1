//! The whole build of one unit-year: load → derive → view → Typst → PDF → file.

use std::path::PathBuf;
use std::sync::Arc;

use crate::derive::derive;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{load_unit_year, Loaded, Project};
use crate::output::write_atomic;
use crate::render::{build_view, Templates};
use crate::typeset::{compile, Compiled, Engine};

/// Options of one build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Also write the generated Typst source next to the PDF.
    pub keep_typ: bool,
}

/// What a successful build produced.
#[derive(Debug)]
pub struct BuildReport {
    pub pdf: PathBuf,
    pub pages: usize,
    pub warnings: Diagnostics,
}

/// A document rendered in memory, before anything is written.
pub struct Rendered {
    pub title: String,
    pub typst_source: String,
    pub compiled: Compiled,
    pub warnings: Diagnostics,
}

/// Loads, checks and typesets one unit-year without writing anything.
pub fn render_unit(project: &Project, engine: &Arc<Engine>, templates: &Templates, unit: &str, year: &str) -> Result<Rendered, Diagnostics> {
    let loaded = load_unit_year(project, unit, year).map_err(single)?;
    render_loaded(&loaded, engine, templates)
}

/// Checks and typesets already loaded input.
pub fn render_loaded(loaded: &Loaded, engine: &Arc<Engine>, templates: &Templates) -> Result<Rendered, Diagnostics> {
    let (budget, warnings) = derive(loaded)?;
    let view = build_view(loaded, &budget);
    let typst_source = templates.render_budget(&view).map_err(single)?;
    let ident = format!("{}-{}-{}", loaded.unit_dir, budget.year, view.title);
    let compiled = compile(engine, typst_source.clone(), budget.year, &ident).map_err(Diagnostics)?;
    Ok(Rendered { title: view.title, typst_source, compiled, warnings })
}

/// Builds one unit-year and writes `out/<年>/<单位>/<标题>.pdf` atomically.
pub fn build_unit(project: &Project, engine: &Arc<Engine>, templates: &Templates, unit: &str, year: &str, options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let rendered = render_unit(project, engine, templates, unit, year)?;
    let dir = project.out().join(year).join(unit);
    let pdf = dir.join(format!("{}.pdf", rendered.title));
    if options.keep_typ {
        write_atomic(&pdf.with_extension("typ"), rendered.typst_source.as_bytes()).map_err(single)?;
    }
    write_atomic(&pdf, &rendered.compiled.pdf).map_err(single)?;
    Ok(BuildReport { pdf, pages: rendered.compiled.page_count(), warnings: rendered.warnings })
}

fn single(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}
