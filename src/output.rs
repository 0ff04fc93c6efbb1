//! Writing results: temporary file then rename, so a failed run never leaves half a PDF.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Writes `bytes` to `path` atomically: the old file stays until the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| Diagnostic::error("O1", format!("无法写入 {}：{e}", path.display())).in_file(path);
    fs::create_dir_all(dir).map_err(fail)?;
    let tmp = temp_path(path);
    let result = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()))
        .and_then(|_| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

/// A hidden sibling of `path`, unique per process, in the same folder so rename is atomic.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Lower-case hex SHA-256 of some bytes, for manifests and content hashes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
