//! Excel in: a 预算管理一体化 export workbook → `departments/<简称>/<年>.toml` (leaf figures only).

use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::load::Project;

/// What an import wrote, and the warnings it met.
#[derive(Debug)]
pub struct Imported {
    /// The unit folder name under `departments/`.
    pub unit: String,
    pub year: i32,
    /// The TOML file written.
    pub path: PathBuf,
    /// The TOML text written.
    pub text: String,
    /// Warnings (errors refuse the import); also which sheet was taken for which table.
    pub diagnostics: Diagnostics,
    /// One line per table: which sheet was read for it.
    pub sheets: Vec<(String, String)>,
}

/// Reads a workbook and writes the unit-year's TOML; on any error nothing is written.
pub fn import_workbook(_project: &Project, _workbook: &Path, _unit: Option<&str>, _year: Option<&str>) -> Result<Imported, Diagnostics> {
    todo!("being written")
}
