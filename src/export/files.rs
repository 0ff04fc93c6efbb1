//! Workbooks of a unit-year's documents: checked as a release is, rendered, then written.

use std::path::PathBuf;

use crate::diag::Diagnostics;
use crate::document::Document;
use crate::load::{Loaded, Project};
use crate::output::{sha256_hex, write_files};
use crate::pipeline::{Checked, check, file_name};
use crate::render::Templates;

/// A workbook rendered in memory and where it goes, before anything is written.
#[derive(Debug)]
pub struct Prepared {
    /// `out/<年>/<单位>/<标题>.xlsx`.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// Warnings about the document (errors refuse it).
    pub diagnostics: Diagnostics,
}

/// A written workbook.
#[derive(Debug)]
pub struct Exported {
    pub path: PathBuf,
    pub sha256: String,
    pub diagnostics: Diagnostics,
}

/// Loads, checks and writes the workbooks of one unit-year; on any error nothing is written.
pub fn export_unit(project: &Project, templates: &Templates, unit: &str, year: &str) -> Result<Vec<Exported>, Diagnostics> {
    let documents = Document::load_all(project, unit, year)?;
    export_documents(project, templates, &documents)
}

/// Checks and renders every budget document's workbook first, then writes them all.
pub fn export_documents(project: &Project, templates: &Templates, documents: &[Document]) -> Result<Vec<Exported>, Diagnostics> {
    write_all(project, prepare(project, templates, documents)?)
}

/// Renders the workbook of each budget document, checked exactly as a release build checks it.
/// Evaluation and booklet documents have no nine tables and give none.
pub fn prepare(project: &Project, templates: &Templates, documents: &[Document]) -> Result<Vec<Prepared>, Diagnostics> {
    let mut prepared = Vec::new();
    let mut failures = Diagnostics::default();
    for doc in documents {
        let Document::Budget(loaded) = doc else {
            continue;
        };
        match prepare_one(project, templates, loaded) {
            Ok(p) => prepared.push(p),
            Err(d) => failures.extend(d),
        }
    }
    if failures.has_errors() { Err(failures) } else { Ok(prepared) }
}

/// One budget document: refused with every finding when any is an error.
fn prepare_one(project: &Project, templates: &Templates, loaded: &Loaded) -> Result<Prepared, Diagnostics> {
    let Checked { budget, diagnostics } = check(loaded, templates);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let (title, bytes) = super::titled_workbook(loaded, &budget, templates).map_err(|d| Diagnostics(vec![d]))?;
    let path = project.out().join(loaded.file_year.to_string()).join(&loaded.unit_dir).join(format!("{}.xlsx", file_name(&title)));
    Ok(Prepared { path, bytes, diagnostics })
}

/// Writes the workbooks all or none under `out/` (no symlinked folder written through) and hashes them.
pub fn write_all(project: &Project, prepared: Vec<Prepared>) -> Result<Vec<Exported>, Diagnostics> {
    let files: Vec<(PathBuf, Vec<u8>)> = prepared.iter().map(|p| (p.path.clone(), p.bytes.clone())).collect();
    write_files(&project.out(), &files).map_err(|d| Diagnostics(vec![d]))?;
    Ok(prepared.into_iter().map(|p| Exported { sha256: sha256_hex(&p.bytes), path: p.path, diagnostics: p.diagnostics }).collect())
}
