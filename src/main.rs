//! Command line: `gen-budget <单位> <年>` builds one unit-year's documents under `out/`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use gen_budget::diag::{Diagnostic, Diagnostics};
use gen_budget::load::{check_year, find_unit_years, load_unit_year, Project};
use gen_budget::model::SourceFile;
use gen_budget::pipeline::{build_unit, check, BuildOptions, Mode};
use gen_budget::render::Templates;
use gen_budget::typeset::Engine;

/// Generates Shanghai 部门/单位预算公开 documents as PDF from TOML data.
#[derive(Parser)]
#[command(name = "gen-budget", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    build: BuildArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Validate without rendering: one unit-year, or every unit (of one year) with --all.
    Check {
        /// Unit short name (the folder under departments/), or the year with --all.
        unit: Option<String>,
        /// Budget year, e.g. 2024.
        year: Option<String>,
        /// Check every unit under departments/, optionally only of the year given.
        #[arg(long)]
        all: bool,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args)]
struct BuildArgs {
    /// Unit short name: the folder under departments/, e.g. 普陀城运.
    unit: Option<String>,
    /// Budget year, e.g. 2024.
    year: Option<String>,
    /// Project root holding departments/, catalog/, templates/, fonts/ and out/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Render even with errors: watermark 草稿, findings marked in place and listed at the end.
    #[arg(long)]
    draft: bool,
    /// Also write the generated Typst source next to the PDF.
    #[arg(long)]
    keep_typ: bool,
}

/// Exit status: data problems are the user's to fix (1); usage or setup problems are 2.
const EXIT_DATA: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { unit, year, all, root }) => run_check(&Project::new(root), unit, year, all),
        None => match (cli.build.unit, cli.build.year) {
            (Some(unit), Some(year)) => {
                let mode = if cli.build.draft { Mode::Draft } else { Mode::Release };
                let options = BuildOptions { mode, keep_typ: cli.build.keep_typ };
                run_build(&Project::new(cli.build.root), &unit, &year, &options)
            }
            _ => usage("用法：gen-budget <单位> <年>，例如 gen-budget 普陀城运 2024（--help 查看全部命令）"),
        },
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(EXIT_USAGE)
}

fn run_build(project: &Project, unit: &str, year: &str, options: &BuildOptions) -> ExitCode {
    let setup = Engine::load(&project.fonts()).and_then(|e| Templates::load(&project.templates()).map(|t| (e, t)));
    let (engine, templates) = match setup {
        Ok(pair) => pair,
        Err(d) => return report(&Diagnostics(vec![d])),
    };
    match build_unit(project, &engine, &templates, unit, year, options) {
        Ok(built) => {
            print_diagnostics(&built.diagnostics);
            println!("已生成 {}（{} 页）", built.pdf.display(), built.pages);
            ExitCode::SUCCESS
        }
        Err(diags) => report(&diags),
    }
}

fn run_check(project: &Project, unit: Option<String>, year: Option<String>, all: bool) -> ExitCode {
    let targets = match (all, unit, year) {
        (true, year, None) => {
            if let Some(Err(d)) = year.as_deref().map(check_year) {
                return report(&Diagnostics(vec![d]));
            }
            find_unit_years(project, year.as_deref())
        }
        (false, Some(unit), Some(year)) => vec![(unit, year)],
        _ => return usage("用法：gen-budget check <单位> <年>，或 gen-budget check --all [<年>]"),
    };
    if targets.is_empty() {
        return usage("departments/ 下没有找到任何 <单位>/<年>.toml");
    }
    let mut all_diags = Diagnostics::default();
    for (unit, year) in &targets {
        let diags = match load_unit_year(project, unit, year) {
            Ok(loaded) => check(&loaded).diagnostics,
            Err(d) => Diagnostics(vec![d]),
        };
        print_diagnostics(&diags);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.0.len() - errors;
        println!("{unit} {year}：{}", if errors == 0 { format!("检查通过（{warnings} 个警告）") } else { format!("{errors} 个错误，{warnings} 个警告") });
        all_diags.extend(diags);
    }
    exit_status(&all_diags)
}

/// Prints every diagnostic and picks the exit status.
fn report(diags: &Diagnostics) -> ExitCode {
    print_diagnostics(diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    eprintln!("共 {errors} 个错误，未写入任何文件。");
    exit_status(diags)
}

/// 0 clean, 2 when any error is about usage or set-up (U*, C*, F*, O*), otherwise 1 for data errors.
fn exit_status(diags: &Diagnostics) -> ExitCode {
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else if errors.iter().any(|d| matches!(d.code.chars().next(), Some('U' | 'C' | 'F' | 'O'))) {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::from(EXIT_DATA)
    }
}

fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        let source = d.file.as_ref().and_then(|p| std::fs::read_to_string(p).ok()).map(|text| SourceFile { path: d.file.clone().unwrap_or_default(), text });
        eprintln!("{}", d.render(source.as_ref()));
    }
}
