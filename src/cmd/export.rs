//! `gen-budget export` (being written).

use std::path::Path;
use std::process::ExitCode;

pub fn run(_root: &Path, _unit: Option<String>, _year: Option<String>, _all: bool) -> ExitCode {
    super::usage("export 尚未完成")
}
