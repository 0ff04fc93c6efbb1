//! The unit's previous-year budget file, for the cross-year checks (Y1–Y4): optional, and never
//! a reason to fail this year's build.
//!
//! Only `departments/<单位>/<年-1>.toml` is looked at. It is parsed without its catalogue (the
//! checks compare typed figures, codes and texts; last year's catalogue need not be kept).

use std::path::{Path, PathBuf};

use super::{Loaded, Project, parse_toml};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{BUDGET, SourceFile, UnitYear};

/// What the previous year holds for this year's checks.
#[derive(Debug)]
pub(crate) enum Previous {
    /// No such file, or one of another kind of document (自评, 申报表): nothing to compare.
    Nothing,
    /// Last year's budget disclosure, parsed.
    Budget(Box<PreviousBudget>),
    /// The file is there but does not load; its findings, reported as one warning.
    Broken { path: PathBuf, problems: Diagnostics },
}

/// Last year's budget file as typed.
#[derive(Debug)]
pub(crate) struct PreviousBudget {
    pub(crate) source: SourceFile,
    pub(crate) data: UnitYear,
}

/// Reads last year's file of the unit whose budget `loaded` is, when the project layout says where.
pub(crate) fn previous_of(loaded: &Loaded) -> Previous {
    let Some((project, path)) = previous_path(loaded) else { return Previous::Nothing };
    // A missing file is the normal case of a first year; a dangling link counts as missing too.
    if std::fs::symlink_metadata(&path).is_err() || (!path.exists() && path.is_symlink()) {
        return Previous::Nothing;
    }
    let broken = |problems: Diagnostics| Previous::Broken { path: path.clone(), problems };
    let source = match project.read(&path) {
        Ok(source) => source,
        Err(d) => return broken(Diagnostics(vec![d])),
    };
    if !is_budget(&source) {
        return Previous::Nothing;
    }
    match parse_toml::<UnitYear>(&source) {
        Ok(data) => Previous::Budget(Box::new(PreviousBudget { source, data })),
        Err(problems) => broken(problems),
    }
}

/// The previous year's file the cross-year checks read, so a batch can count it among the inputs.
pub(crate) fn previous_file(loaded: &Loaded) -> Option<PathBuf> {
    previous_path(loaded).map(|(_, path)| path)
}

/// The project and `departments/<单位>/<年-1>.toml` of a file at `departments/<单位>/<年>.toml`
/// (or `departments/<单位>/<年>/…`); none for a file read from elsewhere.
fn previous_path(loaded: &Loaded) -> Option<(Project, PathBuf)> {
    let year = loaded.file_year.to_string();
    let mut unit_dir = loaded.source.path.parent()?;
    if unit_dir.file_name()? == year.as_str() {
        unit_dir = unit_dir.parent()?;
    }
    let departments = unit_dir.parent()?;
    if unit_dir.file_name()? != loaded.unit_dir.as_str() || departments.file_name()? != "departments" {
        return None;
    }
    let root = departments.parent().map_or_else(|| Path::new(".").to_path_buf(), root_of);
    let previous = loaded.file_year.checked_sub(1)?;
    Some((Project::new(root), unit_dir.join(format!("{previous}.toml"))))
}

/// `Path::parent` of a relative `departments/…` is the empty path; the project is then `.`.
fn root_of(parent: &Path) -> PathBuf {
    if parent.as_os_str().is_empty() { PathBuf::from(".") } else { parent.to_path_buf() }
}

/// Whether a file is a budget disclosure (`document` absent or 预算公开); an unreadable
/// `document` key is left to the full parse, which reports the file as broken.
fn is_budget(source: &SourceFile) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        document: Option<String>,
    }
    match toml::from_str::<Probe>(&source.text) {
        Ok(probe) => probe.document.is_none_or(|d| d == BUDGET),
        Err(_) => true,
    }
}

/// The first problem of a broken previous-year file, to point the warning at.
pub(crate) fn first_problem(problems: &Diagnostics) -> Option<&Diagnostic> {
    problems.0.iter().find(|d| d.is_error()).or_else(|| problems.0.first())
}
