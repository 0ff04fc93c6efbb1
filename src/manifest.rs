//! `out/<年>/manifest.json`: what a batch wrote for each unit-year, read back to skip unchanged
//! units and to write the index page.

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Diagnostics};

/// What happened to one unit-year in a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Built,
    Skipped,
    Failed,
}

/// One written document, as recorded in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Path relative to `out/<年>/`.
    pub file: String,
    pub pages: usize,
    pub sha256: String,
}

/// One written workbook (the nine tables as XLSX), as recorded in the manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkbookRecord {
    /// Path relative to `out/<年>/`.
    pub file: String,
    pub sha256: String,
}

/// One unit-year's line of `out/<年>/manifest.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub unit: String,
    pub year: String,
    pub status: Status,
    pub documents: Vec<DocumentRecord>,
    /// The workbook of each budget document (release builds only); absent in older manifests.
    #[serde(default)]
    pub workbooks: Vec<WorkbookRecord>,
    pub warnings: usize,
    pub errors: usize,
    /// Hash of data, catalogue, templates, fonts and program version at the last good build.
    pub input_hash: String,
    /// The findings of that build, for the index page (kept when a unit is skipped).
    #[serde(default)]
    pub findings: Vec<FindingRecord>,
}

/// One finding as the index page lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FindingRecord {
    pub error: bool,
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub hint: Option<String>,
}

/// The findings of a build as manifest records.
pub(crate) fn finding_records(diagnostics: &Diagnostics) -> Vec<FindingRecord> {
    let record = |d: &Diagnostic| FindingRecord {
        error: d.is_error(),
        code: d.code.to_string(),
        message: d.message.clone(),
        location: d.location(),
        hint: d.hint.clone(),
    };
    diagnostics.iter().map(record).collect()
}

/// The manifest of one year: every unit, sorted.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub program: String,
    /// Only in `manifest.shard-K-of-N.json`: which part it is and what built it, for `merge`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardHeader>,
    pub units: Vec<ManifestEntry>,
}

/// A shard manifest's part and the fingerprints `merge` requires to be equal across shards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardHeader {
    /// K of `K/N`, from 1.
    pub number: usize,
    pub count: usize,
    /// SHA-256 of the program file that built the shard.
    pub executable: String,
    pub templates: String,
    pub fonts: String,
}

impl Manifest {
    /// The manifest as written: pretty JSON, units in the order given (sorted by the caller).
    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the manifest serializes")
    }
}

/// A manifest on disk; `None` when absent, not a regular file (a planted FIFO is never waited
/// on), unreadable or not a manifest.
pub(crate) fn read_manifest(path: &std::path::Path) -> Option<Manifest> {
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    let text = regular.then(|| std::fs::read_to_string(path).ok()).flatten()?;
    serde_json::from_str(&text).ok()
}
