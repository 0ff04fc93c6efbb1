//! `gen-budget new <简称> <年>`: a new unit-year started from the unit's previous year.

use std::path::Path;
use std::process::ExitCode;

use gen_budget::import::start_year;
use gen_budget::load::Project;

use super::{one, report};

pub fn run(root: &Path, unit: &str, year: &str) -> ExitCode {
    match start_year(&Project::new(root), unit, year) {
        Ok((path, earlier)) => {
            println!("已由 {earlier} 年数据建立 {}；本年数字请用 gen-budget import 导入，标“待补充”处请填写", path.display());
            ExitCode::SUCCESS
        }
        Err(d) => report(&one(d)),
    }
}
