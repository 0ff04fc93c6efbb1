//! `gen-budget <单位> <年>`: one unit-year, release or draft.

use std::process::ExitCode;

use gen_budget::load::Project;
use gen_budget::pipeline::build_unit;
use gen_budget::pipeline::keep_refused_sources;

use super::{build_options, print_diagnostics, report, report_kept, setup, usage};
use crate::cli::BuildArgs;

pub fn run(args: &BuildArgs) -> ExitCode {
    let (Some(unit), Some(year)) = (&args.unit, &args.year) else {
        return usage("用法：gen-budget <单位> <年>，例如 gen-budget 普陀城运 2024（--help 查看全部命令）");
    };
    if let Err(d) = build_options(args).pdf_kind().check() {
        return report(&super::one(d));
    }
    let project = Project::new(&args.root);
    let (engine, templates) = match setup(&project) {
        Ok(pair) => pair,
        Err(diags) => return report(&diags),
    };
    match build_unit(&project, &engine, &templates, unit, year, &build_options(args)) {
        Ok(built) => {
            for report in &built {
                print_diagnostics(&report.diagnostics);
                println!("已生成 {}（{} 页）", report.pdf.display(), report.pages);
            }
            ExitCode::SUCCESS
        }
        Err(mut diags) => {
            let kept = if args.draft { keep_refused_sources(&project, unit, year, &mut diags) } else { Vec::new() };
            report_kept(&diags, &kept)
        }
    }
}
