//! Command line: `gen-budget <单位> <年>` builds one unit-year's documents under `out/`.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { unit, year, all, root }) => cmd::check::run(&root, unit, year, all),
        Some(Command::Import { workbook, unit, year, root }) => cmd::import::run(&root, &workbook, unit, year),
        Some(Command::New { unit, year, root }) => cmd::new::run(&root, &unit, &year),
        Some(Command::Export { unit, year, all, root }) => cmd::export::run(&root, unit, year, all),
        Some(Command::Diff { unit, year, against, other_year, format, root }) => {
            cmd::diff::run(&root, &unit, &year, against, other_year, format)
        }
        Some(Command::Merge { year, root }) => cmd::merge::run(&root, &year),
        Some(Command::Preview { unit, year, port, root }) => cmd::preview::run(&root, &unit, &year, port),
        Some(Command::Style { command }) => cmd::style::run(command),
        None if cli.build.all => cmd::batch::run(&cli.build),
        None => cmd::build::run(&cli.build),
    }
}
