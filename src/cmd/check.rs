//! `gen-budget check`: validate one unit-year or all of them, write nothing.

use std::path::Path;
use std::process::ExitCode;

use gen_budget::diag::Diagnostics;
use gen_budget::document::Document;
use gen_budget::load::{check_year, find_unit_years, Project};
use gen_budget::render::Templates;

use super::{exit_status, one, print_diagnostics, report, usage};

pub fn run(root: &Path, unit: Option<String>, year: Option<String>, all: bool) -> ExitCode {
    let project = Project::new(root);
    let targets = match (all, unit, year) {
        (true, year, None) => {
            if let Some(Err(d)) = year.as_deref().map(check_year) {
                return report(&one(d));
            }
            find_unit_years(&project, year.as_deref())
        }
        (false, Some(unit), Some(year)) => vec![(unit, year)],
        _ => return usage("用法：gen-budget check <单位> <年>，或 gen-budget check --all [<年>]"),
    };
    if targets.is_empty() {
        return usage("departments/ 下没有找到任何 <单位>/<年>.toml");
    }
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
        let verdict = if errors == 0 { format!("检查通过（{warnings} 个警告）") } else { format!("{errors} 个错误，{warnings} 个警告") };
        println!("{unit} {year}：{verdict}");
        all_diags.extend(diags);
    }
    exit_status(&all_diags)
}
