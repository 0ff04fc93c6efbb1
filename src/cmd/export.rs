//! `gen-budget export`: the nine tables of each budget document as an XLSX workbook under out/.

use std::path::Path;
use std::process::ExitCode;

use gen_budget::diag::Diagnostics;
use gen_budget::export::export_unit;
use gen_budget::load::Project;
use gen_budget::render::Templates;

use super::{exit_status, one, print_diagnostics, report, targets};

pub fn run(root: &Path, unit: Option<String>, year: Option<String>, all: bool) -> ExitCode {
    let project = Project::new(root);
    let targets = match targets(&project, unit, year, all, "用法：gen-budget export <单位> <年>，或 gen-budget export --all [<年>]")
    {
        Ok(targets) => targets,
        Err(code) => return code,
    };
    let templates = match Templates::load(&project.templates()) {
        Ok(t) => t,
        Err(d) => return report(&one(d)),
    };
    let mut all_diags = Diagnostics::default();
    let mut written = 0;
    for (unit, year) in &targets {
        let diags = match export_unit(&project, &templates, unit, year) {
            Ok(exported) => {
                if exported.is_empty() {
                    println!("{unit} {year}：没有预算公开文本，无表可导出");
                }
                written += exported.len();
                let mut warnings = Diagnostics::default();
                for e in exported {
                    print_diagnostics(&e.diagnostics);
                    println!("已导出 {}", e.path.display());
                    warnings.extend(e.diagnostics);
                }
                warnings
            }
            Err(diags) => {
                print_diagnostics(&diags);
                let errors = diags.iter().filter(|d| d.is_error()).count();
                eprintln!("{unit} {year}：{errors} 个错误，未写入任何文件。");
                diags
            }
        };
        all_diags.extend(diags);
    }
    if targets.len() > 1 {
        println!("共导出 {written} 个工作簿。");
    }
    exit_status(&all_diags)
}
