//! `gen-budget import` (being written).

use std::path::Path;
use std::process::ExitCode;

pub fn run(_root: &Path, _workbook: &Path, _unit: Option<String>, _year: Option<String>) -> ExitCode {
    super::usage("import 尚未完成")
}
