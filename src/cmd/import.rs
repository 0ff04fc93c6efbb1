//! `gen-budget import <工作簿.xlsx>`: the export workbook's figures into the unit-year's TOML.

use std::path::Path;
use std::process::ExitCode;

use gen_budget::import::{Origin, import_workbook};
use gen_budget::load::Project;

use super::{print_diagnostics, report};

pub fn run(root: &Path, workbook: &Path, unit: Option<String>, year: Option<String>) -> ExitCode {
    let project = Project::new(root);
    match import_workbook(&project, workbook, unit.as_deref(), year.as_deref()) {
        Ok(imported) => {
            print_diagnostics(&imported.diagnostics);
            for (table, sheet) in &imported.sheets {
                println!("  {table} ← {}", sheet.trim_end());
            }
            let from = match imported.origin {
                Origin::Existing => "更新了数字，其余内容保留".to_string(),
                Origin::Carried(y) => format!("文字与其他数据沿用 {y} 年"),
                Origin::Skeleton => "首次导入，导出表中没有的内容标为“待补充”".to_string(),
            };
            println!("已导入 {}（{from}）", imported.path.display());
            ExitCode::SUCCESS
        }
        Err(diags) => report(&diags),
    }
}
