//! `gen-budget diff <单位> <年> --against <文件|修订> | --year <年>`: what changes in the printed
//! document between two editions of the data. Any diff result exits 0; set-up problems exit 2.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gen_budget::diag::Diagnostics;
use gen_budget::diff::{Edition, compare};
use gen_budget::load::{Project, check_year};
use gen_budget::render::Templates;

use super::{one, report, usage};
use crate::cli::DiffFormat;

const USAGE: &str = "用法：gen-budget diff <单位> <年> --against <文件|git 修订> 或 gen-budget diff <单位> <年> --year <上年>";

/// Compares the unit-year's data with the other edition and prints the changes.
pub fn run(root: &Path, unit: &str, year: &str, against: Option<String>, other_year: Option<String>, format: DiffFormat) -> ExitCode {
    if against.is_none() && other_year.is_none() {
        return usage(USAGE);
    }
    let project = Project::new(root);
    let editions = Templates::load(&project.templates()).map_err(one).and_then(|templates| {
        let new = current(&project, &templates, unit, year)?;
        let old = other(&project, &templates, unit, year, against.as_deref(), other_year.as_deref())?;
        Ok((old, new))
    });
    let (old, new) = match editions {
        Ok(pair) => pair,
        Err(diags) => return report(&diags),
    };
    let changes = compare(&old, &new);
    match format {
        DiffFormat::Json => print!("{}", changes.to_json()),
        DiffFormat::Text => print!("{}", changes.to_text(colored())),
    }
    ExitCode::SUCCESS
}

/// Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org).
fn colored() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The unit-year's data as it is on disk.
fn current(project: &Project, templates: &Templates, unit: &str, year: &str) -> Result<Edition, Diagnostics> {
    let path = project.unit_file(unit, year).map_err(one)?;
    Edition::from_file(project, templates, unit, year, &path)
}

/// The edition compared against: another year's file, a TOML file, or a git revision.
fn other(
    project: &Project,
    templates: &Templates,
    unit: &str,
    year: &str,
    against: Option<&str>,
    other_year: Option<&str>,
) -> Result<Edition, Diagnostics> {
    if let Some(other) = other_year {
        check_year(other).map_err(one)?;
        let path = project.unit_file(unit, other).map_err(one)?;
        return Edition::from_file(project, templates, unit, other, &path);
    }
    let against = against.unwrap_or_default();
    let file = PathBuf::from(against);
    if file.exists() {
        return Edition::from_file(project, templates, unit, year, &file);
    }
    Edition::from_git(project, templates, unit, year, against)
}
