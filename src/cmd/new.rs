//! `gen-budget new` (being written).

use std::path::Path;
use std::process::ExitCode;

pub fn run(_root: &Path, _unit: &str, _year: &str) -> ExitCode {
    super::usage("new 尚未完成")
}
