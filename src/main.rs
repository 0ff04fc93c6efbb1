//! Command line: `gen-budget <单位> <年>` builds one unit-year's documents under `out/`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use gen_budget::derive::derive;
use gen_budget::diag::{Diagnostic, Diagnostics};
use gen_budget::load::{load_unit_year, Project};
use gen_budget::model::SourceFile;
use gen_budget::pipeline::{build_unit, BuildOptions};
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
    /// Validate one unit-year without rendering (exit 0 clean, 1 data errors).
    Check {
        /// Unit short name: the folder under departments/, e.g. 普陀城运.
        unit: String,
        /// Budget year, e.g. 2024.
        year: String,
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
        Some(Command::Check { unit, year, root }) => run_check(&Project::new(root), &unit, &year),
        None => match (cli.build.unit, cli.build.year) {
            (Some(unit), Some(year)) => {
                let options = BuildOptions { keep_typ: cli.build.keep_typ };
                run_build(&Project::new(cli.build.root), &unit, &year, &options)
            }
            _ => {
                eprintln!("用法：gen-budget <单位> <年>，例如 gen-budget 普陀城运 2024（--help 查看全部命令）");
                ExitCode::from(EXIT_USAGE)
            }
        },
    }
}

fn run_build(project: &Project, unit: &str, year: &str, options: &BuildOptions) -> ExitCode {
    let setup = Engine::load(&project.fonts()).and_then(|e| Templates::load(&project.templates()).map(|t| (e, t)));
    let (engine, templates) = match setup {
        Ok(pair) => pair,
        Err(d) => return report(&Diagnostics(vec![d])),
    };
    match build_unit(project, &engine, &templates, unit, year, options) {
        Ok(built) => {
            print_diagnostics(&built.warnings);
            println!("已生成 {}（{} 页）", built.pdf.display(), built.pages);
            ExitCode::SUCCESS
        }
        Err(diags) => report(&diags),
    }
}

fn run_check(project: &Project, unit: &str, year: &str) -> ExitCode {
    let loaded = match load_unit_year(project, unit, year) {
        Ok(l) => l,
        Err(d) => return report(&Diagnostics(vec![d])),
    };
    match derive(&loaded) {
        Ok((_, warnings)) => {
            print_diagnostics(&warnings);
            println!("{unit} {year}：检查通过");
            ExitCode::SUCCESS
        }
        Err(diags) => report(&diags),
    }
}

/// Prints every diagnostic and picks the exit status: usage codes U*/C*/F* are 2, data 1.
fn report(diags: &Diagnostics) -> ExitCode {
    print_diagnostics(diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    eprintln!("共 {errors} 个错误，未写入任何文件。");
    let usage = diags.iter().any(|d| d.is_error() && is_usage(d));
    ExitCode::from(if usage { EXIT_USAGE } else { EXIT_DATA })
}

fn is_usage(d: &Diagnostic) -> bool {
    matches!(d.code.chars().next(), Some('U' | 'C' | 'F' | 'O'))
}

fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        let source = d.file.as_ref().and_then(|p| std::fs::read_to_string(p).ok()).map(|text| SourceFile { path: d.file.clone().unwrap_or_default(), text });
        eprintln!("{}", d.render(source.as_ref()));
    }
}
