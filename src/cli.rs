//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Generates Shanghai 部门/单位预算公开 documents as PDF from TOML data.
#[derive(Parser)]
#[command(name = "gen-budget", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub build: BuildArgs,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// Read a 预算管理一体化 export workbook into departments/<简称>/<年>.toml.
    Import {
        /// The exported workbook (.xlsx, or .xls).
        workbook: PathBuf,
        /// Unit short name (folder under departments/); needed when no unit there has the workbook's full name.
        #[arg(long)]
        unit: Option<String>,
        /// Budget year; must agree with the workbook's titles.
        #[arg(long)]
        year: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Start a unit-year from the unit's previous year: identity and texts kept, figures left to import.
    New {
        unit: String,
        year: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Write the nine tables as an XLSX workbook under out/: one unit-year, or every unit with --all.
    Export {
        /// Unit short name, or the year with --all.
        unit: Option<String>,
        year: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Template sets (styles): start a new one from a shipped or project set, or list them.
    Style {
        #[command(subcommand)]
        command: StyleCommand,
    },
    /// Compare a unit-year's budget data with another edition: a TOML file, a git revision, or another year.
    Diff {
        unit: String,
        year: String,
        /// The edition to compare with: a TOML file, or a git revision of the project (HEAD, a tag, a hash).
        #[arg(long, value_name = "文件|修订", conflicts_with = "other_year")]
        against: Option<String>,
        /// Compare with the unit's file of this year instead (rows by code, projects by name).
        #[arg(long = "year", id = "other_year", value_name = "年")]
        other_year: Option<String>,
        /// Output: text (default) or json.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Combine the shard manifests of `--all <年> --shard K/N` into out/<年>/manifest.json and index.html.
    Merge {
        year: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Serve a live draft on 127.0.0.1 that refreshes when the data or templates change.
    Preview {
        unit: String,
        year: String,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8787)]
        port: u16,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

/// How `gen-budget diff` prints the changes.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
}

/// `gen-budget style …`: scaffolding and an overview of template sets.
#[derive(Subcommand)]
pub enum StyleCommand {
    /// Create templates/styles/<名称>/ with a commented style.toml and the templates to edit.
    New {
        /// Folder name of the new set, later named in the unit's [unit] style = "<名称>".
        name: String,
        /// Set to start from: its templates and style.toml are copied (default: the base's most edited templates).
        #[arg(long)]
        from: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// List every template set, built-in and the project's, with what each overrides.
    List {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print the template API reference: every variable a template can use, with examples from the project's units.
    Api {
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Args)]
pub struct BuildArgs {
    /// Unit short name (the folder under departments/), e.g. 普陀城运; with --all, the year.
    pub unit: Option<String>,
    /// Budget year, e.g. 2024.
    pub year: Option<String>,
    /// Publish every unit under departments/ (of the year given, or of every year).
    #[arg(long)]
    pub all: bool,
    /// With --all: rebuild units whose inputs have not changed since their last build.
    #[arg(long)]
    pub force: bool,
    /// Project root holding departments/, catalog/, templates/, fonts/ and out/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Render even with errors: watermark 草稿, findings marked in place and listed at the end.
    #[arg(long)]
    pub draft: bool,
    /// Export PDF/A-2b for archiving.
    #[arg(long)]
    pub pdfa: bool,
    /// Export PDF/UA-1 (accessible; Typst validates the tags, alt texts and title).
    #[arg(long)]
    pub pdfua: bool,
    /// With --all: also write out/<年>/changes.html, every unit compared with its data at this git revision.
    #[arg(long, value_name = "修订", requires = "all")]
    pub diff_against: Option<String>,
    /// With --all <年>: build only shard K of N (K from 1), or `auto/N` with K = JOB_COMPLETION_INDEX + 1.
    #[arg(long, value_name = "K/N", requires = "all")]
    pub shard: Option<String>,
    /// Also write the generated Typst source next to the PDF.
    #[arg(long)]
    pub keep_typ: bool,
}
