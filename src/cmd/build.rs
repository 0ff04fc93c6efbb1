//! `gen-budget <单位> <年>`: one unit-year, release or draft.

use std::process::ExitCode;

use std::collections::BTreeSet;
use std::path::PathBuf;

use gen_budget::diag::{Diagnostics, Sources};
use gen_budget::load::Project;
use gen_budget::output::write_files;
use gen_budget::pipeline::{build_unit, file_name};
use gen_budget::typeset::{generated_key, name_kept_source};

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

/// A draft Typst refused: each generated source it refused is written where the draft PDF would
/// be (`out/<年>/<单位>/<标题>（草稿）.typ`) and its findings name that file and line.
fn keep_refused_sources(project: &Project, unit: &str, year: &str, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut kept = Vec::new();
    let keys: BTreeSet<PathBuf> = diags.iter().filter_map(|d| d.generated.as_ref().map(|(k, _)| k.clone())).collect();
    for key in keys {
        let Some(source) = Sources::run().get(&key) else { continue };
        let prefix = generated_key(&format!("{unit}-{year}-")).display().to_string();
        let Some(title) = key.to_str().and_then(|k| k.strip_prefix(&prefix)) else { continue };
        let typ = project.out().join(year).join(unit).join(format!("{}（草稿）.typ", file_name(title)));
        match write_files(&project.out(), &[(typ.clone(), source.text.clone().into_bytes())]) {
            Ok(()) => {
                name_kept_source(&mut diags.0, &key, &typ);
                kept.push(typ);
            }
            Err(d) => diags.push(d),
        }
    }
    kept
}
