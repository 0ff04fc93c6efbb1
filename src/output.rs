//! Writing results: every file of a run is staged in a temporary sibling created exclusively,
//! then renamed into place, so a failed run never leaves half a file nor replaces a good one,
//! and a planted symlink can never send a write outside the output folder.

use crate::diag::Code;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Writes several files under `base` all or nothing: each is staged first, and only when every
/// one is staged are they renamed into place. No folder between `base` and a file may be a
/// symlink, and `base` itself may not be one.
pub fn write_files(base: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), Diagnostic> {
    let mut staged: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        match stage(base, path, bytes) {
            Ok(tmp) => staged.push((tmp, path)),
            Err(d) => {
                staged.iter().for_each(|(tmp, _)| drop(fs::remove_file(tmp)));
                return Err(d);
            }
        }
    }
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, path) {
            staged[i..].iter().for_each(|(tmp, _)| drop(fs::remove_file(tmp)));
            return Err(write_error(path, &e));
        }
    }
    Ok(())
}

/// Creates the file's folder safely and writes its bytes to a fresh temporary sibling.
fn stage(base: &Path, path: &Path, bytes: &[u8]) -> Result<PathBuf, Diagnostic> {
    let dir = path.parent().unwrap_or(base);
    make_dirs(base, dir)?;
    remove_stale(path);
    let tmp = temp_path(path);
    let written =
        fs::OpenOptions::new().write(true).create_new(true).open(&tmp).and_then(|mut f| f.write_all(bytes).and_then(|_| f.sync_all()));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(write_error(path, &e));
    }
    Ok(tmp)
}

/// Creates `dir` below `base` one folder at a time, refusing any symlink on the way.
fn make_dirs(base: &Path, dir: &Path) -> Result<(), Diagnostic> {
    refuse_link(base)?;
    fs::create_dir_all(base).map_err(|e| write_error(base, &e))?;
    let rest = dir.strip_prefix(base).map_err(|_| outside(dir, base))?;
    let mut current = base.to_path_buf();
    for part in rest.components() {
        current.push(part);
        refuse_link(&current)?;
        match fs::create_dir(&current) {
            Err(e) if !(e.kind() == std::io::ErrorKind::AlreadyExists && current.is_dir()) => return Err(write_error(&current, &e)),
            _ => {}
        }
    }
    Ok(())
}

/// O3: a symlink where gen-budget writes could point anywhere on the machine.
fn refuse_link(path: &Path) -> Result<(), Diagnostic> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            Err(Diagnostic::error(Code::O3, format!("{} 是符号链接，为免写到项目之外，拒绝写入", path.display()))
                .in_file(path)
                .hint("删除该符号链接后重试：gen-budget 只写入项目之内的普通目录（out/、导入时的 departments/<单位>/）"))
        }
        _ => Ok(()),
    }
}

fn outside(path: &Path, base: &Path) -> Diagnostic {
    Diagnostic::error(Code::O1, format!("{} 不在输出目录 {} 之内", path.display(), base.display())).in_file(path)
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::O1, format!("无法写入 {}：{}", path.display(), crate::diag::io_reason(e)))
        .in_file(path)
        .hint("检查该目录是否存在、是否可写、磁盘是否已满")
}

/// A hidden sibling of `path`, unique per process and write, in the same folder so rename is atomic.
fn temp_path(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{}.{}-{n}.tmp", file_name(path), std::process::id()))
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Removes the temporaries of `path` left by runs that were killed (their process is gone).
fn remove_stale(path: &Path) {
    let Some(dir) = path.parent() else { return };
    let prefix = format!(".{}.", file_name(path));
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // Only `.<name>.<pid>-<n>.tmp`: another file's temporary (`.a.pdf.…` beside `a`) never matches.
        let Some((pid, n)) = name.strip_prefix(&prefix).and_then(|r| r.strip_suffix(".tmp")).and_then(|r| r.split_once('-')) else {
            continue;
        };
        let (Ok(pid), true) = (pid.parse::<u32>(), n.chars().all(|c| c.is_ascii_digit())) else { continue };
        let alive = pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists();
        if !alive && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Re-exported where the writers always found it; the hash itself is a leaf every stage may use.
pub use crate::digest::sha256_hex;

#[cfg(test)]
mod tests {
    use super::write_files;

    #[test]
    fn a_symlinked_folder_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        let base = dir.path().join("out");
        std::fs::create_dir(&base).unwrap();
        std::os::unix::fs::symlink(&outside, base.join("2024")).unwrap();
        let err = write_files(&base, &[(base.join("2024/x.pdf"), b"pdf".to_vec())]).unwrap_err();
        assert_eq!(err.code, "O3");
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    }

    #[test]
    fn stale_temporaries_of_dead_runs_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.pdf");
        let dead = dir.path().join(".a.pdf.4000000-0.tmp");
        let mine = dir.path().join(format!(".a.pdf.{}-99.tmp", std::process::id()));
        std::fs::write(&dead, b"x").unwrap();
        std::fs::write(&mine, b"x").unwrap();
        write_files(dir.path(), &[(target.clone(), b"new".to_vec())]).unwrap();
        assert!(!dead.exists());
        assert!(mine.exists());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn nothing_is_renamed_until_every_file_is_staged() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.pdf");
        std::fs::write(&good, b"old").unwrap();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, b"").unwrap();
        let files = [(good.clone(), b"new".to_vec()), (blocked.join("b.pdf"), b"x".to_vec())];
        assert!(write_files(dir.path(), &files).is_err());
        assert_eq!(std::fs::read(&good).unwrap(), b"old");
        let leftovers: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
        assert!(leftovers.is_empty());
    }
}
