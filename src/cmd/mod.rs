//! One module per command, plus the shared reporting and exit-status rules.

pub mod batch;
pub mod build;
pub mod check;
pub mod diff;
pub mod export;
pub mod import;
pub mod merge;
pub mod new;
pub mod preview;
pub mod style;

use std::process::ExitCode;
use std::sync::Arc;

use gen_budget::diag::{Diagnostic, Diagnostics};
use gen_budget::load::Project;
use gen_budget::pipeline::{BuildOptions, Mode};
use gen_budget::render::Templates;
use gen_budget::typeset::Engine;

use crate::cli::BuildArgs;

/// Exit status: data problems are the user's to fix (1); usage or setup problems are 2.
const EXIT_DATA: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// Prints a usage message and exits with the usage status.
pub fn usage(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(EXIT_USAGE)
}

/// Fonts and templates, loaded once per process.
pub fn setup(project: &Project) -> Result<(Arc<Engine>, Templates), Diagnostics> {
    let engine = Engine::load(&project.fonts()).map_err(one)?;
    let templates = Templates::load(&project.templates()).map_err(one)?;
    Ok((engine, templates))
}

pub fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// The build options the flags ask for.
pub fn build_options(args: &BuildArgs) -> BuildOptions {
    let mode = if args.draft { Mode::Draft } else { Mode::Release };
    BuildOptions { mode, pdfa: args.pdfa, pdfua: args.pdfua, keep_typ: args.keep_typ }
}

/// The unit-years a `check` or `export` command names: one, or every one (of a year) with --all;
/// a usage mistake is the exit status to return.
pub fn targets(
    project: &Project,
    unit: Option<String>,
    year: Option<String>,
    all: bool,
    usage_text: &str,
) -> Result<Vec<(String, String)>, ExitCode> {
    let targets = match (all, unit, year) {
        // With --all the first positional is the year.
        (true, year, None) => {
            if let Some(Err(d)) = year.as_deref().map(gen_budget::load::check_year) {
                return Err(report(&one(d)));
            }
            gen_budget::load::find_unit_years(project, year.as_deref())
        }
        (false, Some(unit), Some(year)) => vec![(unit, year)],
        _ => return Err(usage(usage_text)),
    };
    if targets.is_empty() {
        return Err(usage("departments/ 下没有找到任何 <单位>/<年>.toml"));
    }
    Ok(targets)
}

/// Prints every diagnostic, says nothing was written, and picks the exit status.
pub fn report(diags: &Diagnostics) -> ExitCode {
    report_kept(diags, &[])
}

/// As [`report`]; `kept` names the generated sources a refused draft wrote to look into.
pub fn report_kept(diags: &Diagnostics, kept: &[std::path::PathBuf]) -> ExitCode {
    print_diagnostics(diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if kept.is_empty() {
        eprintln!("共 {errors} 个错误，未写入任何文件。");
    } else {
        let kept: Vec<String> = kept.iter().map(|p| p.display().to_string()).collect();
        eprintln!("共 {errors} 个错误，未生成 PDF；已写出生成的 Typst 源文件以便排查：{}", kept.join("、"));
    }
    exit_status(diags)
}

/// 0 clean, 2 when any error's code is of the usage or set-up class, otherwise 1 for data errors.
pub fn exit_status(diags: &Diagnostics) -> ExitCode {
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else if errors.iter().any(|d| d.code.exit_class() == gen_budget::diag::ExitClass::Usage) {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::from(EXIT_DATA)
    }
}

/// Renders each diagnostic with a snippet of the text it points into, as the run parsed it.
pub fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        eprintln!("{}", render(d));
    }
}

/// One diagnostic as printed, its snippet from the run's store (never re-read from disk).
pub fn render(d: &Diagnostic) -> String {
    gen_budget::diag::Sources::run().render(d)
}
