//! `gen-budget check`: validate one unit-year or all of them, write nothing.

use std::path::Path;
use std::process::ExitCode;

use gen_budget::diag::Diagnostics;
use gen_budget::document::Document;
use gen_budget::load::Project;
use gen_budget::render::Templates;

use super::{exit_status, one, print_diagnostics, report, targets};

pub fn run(root: &Path, unit: Option<String>, year: Option<String>, all: bool) -> ExitCode {
    let project = Project::new(root);
    let targets = match targets(&project, unit, year, all, "用法：gen-budget check <单位> <年>，或 gen-budget check --all [<年>]")
    {
        Ok(targets) => targets,
        Err(code) => return code,
    };
    let templates = match Templates::load(&project.templates()) {
        Ok(t) => t,
        Err(d) => return report(&one(d)),
    };
    let mut all_diags = Diagnostics::default();
    for (unit, year) in &targets {
        let diags = match Document::load_all(&project, unit, year) {
            Ok(documents) => {
                let mut all = gen_budget::diag::Diagnostics::default();
                documents.iter().for_each(|d| all.extend(d.check(&templates)));
                all
            }
            Err(d) => d,
        };
        print_diagnostics(&diags);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        let warnings = diags.0.len() - errors;
        let verdict = if errors == 0 {
            format!("检查通过（{warnings} 个警告）")
        } else {
            format!("{errors} 个错误，{warnings} 个警告")
        };
        println!("{unit} {year}：{verdict}");
        all_diags.extend(diags);
    }
    exit_status(&all_diags)
}
