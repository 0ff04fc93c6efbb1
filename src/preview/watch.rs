//! What makes the preview rebuild: file events from the system (notify), coalesced over a few
//! milliseconds so an editor's truncate + write or write-to-temp + rename is one rebuild; polling
//! every 50 ms when the system watcher cannot start.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::{Event, EventKind, RecursiveMode, Watcher};

/// How long a burst of events may pause and still count as one save.
const QUIET: Duration = Duration::from_millis(5);

/// The polling interval when no system watcher is available.
const POLL: Duration = Duration::from_millis(50);

/// The files one unit-year's draft reads, as paths and folders.
pub(crate) struct Inputs {
    /// Single files: the data, last year's data, the catalogue.
    pub(crate) files: Vec<PathBuf>,
    /// Folders whose every file counts: the data folder, the templates (with style.toml).
    pub(crate) folders: Vec<PathBuf>,
}

type Roots = Vec<(PathBuf, RecursiveMode)>;

impl Inputs {
    /// Whether a changed path is one the draft reads.
    fn concerns(&self, path: &Path) -> bool {
        self.files.iter().any(|f| f == path) || self.folders.iter().any(|d| path.starts_with(d))
    }

    /// The existing folders to watch: each file's folder (a rename onto it is seen), each folder
    /// itself, or its nearest existing parent so that creating it is seen too.
    fn roots(&self) -> Roots {
        let mut roots: Roots = Vec::new();
        let parents = self.files.iter().filter_map(|f| f.parent()).map(|p| (existing(p), RecursiveMode::NonRecursive));
        let folders = self.folders.iter().map(|d| match d.is_dir() {
            true => (d.clone(), RecursiveMode::Recursive),
            false => (existing(d), RecursiveMode::NonRecursive),
        });
        for (path, mode) in parents.chain(folders) {
            match roots.iter_mut().find(|(p, _)| *p == path) {
                Some(found) if mode == RecursiveMode::Recursive => found.1 = mode,
                Some(_) => {}
                None => roots.push((path, mode)),
            }
        }
        roots
    }

    /// Sizes and modification times of every input, for the polling fallback.
    fn stamp(&self) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
        let walked = self.folders.iter().flat_map(|d| walkdir::WalkDir::new(d).into_iter().flatten()).filter(|e| e.file_type().is_file());
        let all = self.files.iter().cloned().chain(walked.map(|e| e.into_path()));
        all.map(|p| {
            let meta = std::fs::metadata(&p).ok();
            (p, meta.as_ref().and_then(|m| m.modified().ok()), meta.map_or(0, |m| m.len()))
        })
        .collect()
    }
}

/// The path itself when it exists, else its nearest existing ancestor.
fn existing(path: &Path) -> PathBuf {
    path.ancestors().find(|p| p.exists()).unwrap_or(path).to_path_buf()
}

/// Calls `rebuild` after every save of an input, with the moment the save was first seen; never returns.
pub(crate) fn watch(inputs: impl Fn() -> Inputs, rebuild: impl Fn(Instant)) {
    loop {
        let roots = inputs().roots();
        let (watcher, events) = match events(&roots) {
            Ok(started) => started,
            Err(e) => break eprintln!("无法监视文件变化（{e}），改为每 50 毫秒检查一次文件。"),
        };
        // A folder that appeared (templates/ created) is watched anew, by a new watcher.
        while inputs().roots() == roots {
            let Some(seen) = next_save(&events, &inputs) else { break };
            rebuild(seen);
        }
        drop(watcher);
    }
    poll(inputs, rebuild);
}

/// A system watcher on the folders, sending the paths of changes to content.
fn events(roots: &Roots) -> notify::Result<(notify::RecommendedWatcher, Receiver<Vec<PathBuf>>)> {
    let (send, receive) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        if let Some(event) = event.into_iter().find(|e| changes_content(&e.kind)) {
            let _ = send.send(event.paths);
        }
    })?;
    for (path, mode) in roots {
        watcher.watch(path, *mode)?;
    }
    Ok((watcher, receive))
}

/// Writes, creations, renames and removals; not reads (the rebuild's own) nor metadata.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(notify::event::ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// Waits for an event on an input, then for the burst to end; `None` when the watcher stopped.
fn next_save(events: &Receiver<Vec<PathBuf>>, inputs: &impl Fn() -> Inputs) -> Option<Instant> {
    let wanted = inputs();
    let seen = loop {
        let paths = events.recv().ok()?;
        if paths.iter().any(|p| wanted.concerns(p)) {
            break Instant::now();
        }
    };
    loop {
        match events.recv_timeout(QUIET) {
            Ok(_) => continue,
            Err(RecvTimeoutError::Timeout) => return Some(seen),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// The fallback: compares sizes and modification times every 50 ms; never returns.
fn poll(inputs: impl Fn() -> Inputs, rebuild: impl Fn(Instant)) {
    let mut last = inputs().stamp();
    loop {
        std::thread::sleep(POLL);
        let now = inputs().stamp();
        if now != last {
            last = now;
            rebuild(Instant::now());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(dir: &Path) -> Inputs {
        Inputs { files: vec![dir.join("u/2024.toml"), dir.join("catalog/2024.toml")], folders: vec![dir.join("templates")] }
    }

    #[test]
    fn only_the_drafts_inputs_concern_it() {
        let dir = Path::new("/p");
        let inputs = inputs(dir);
        assert!(inputs.concerns(&dir.join("u/2024.toml")));
        assert!(inputs.concerns(&dir.join("templates/styles/x/style.toml")));
        assert!(!inputs.concerns(&dir.join("u/.2024.toml.swp")));
        assert!(!inputs.concerns(&dir.join("u/2025.toml")));
    }

    #[test]
    fn a_missing_folder_is_watched_through_its_parent() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("u")).unwrap();
        let roots = inputs(dir.path()).roots();
        assert!(roots.contains(&(dir.path().join("u"), RecursiveMode::NonRecursive)), "{roots:?}");
        assert!(roots.contains(&(dir.path().to_path_buf(), RecursiveMode::NonRecursive)), "catalog/ and templates/ are missing: {roots:?}");
        assert_eq!(roots.len(), 2, "{roots:?}");
    }

    /// A save by rename (an editor's temp file) and one by truncate + write are one save each.
    #[test]
    fn editor_saves_are_seen_once_each() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["u", "catalog", "templates"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let data = dir.path().join("u/2024.toml");
        std::fs::write(&data, "a").unwrap();
        let (_watcher, events) = events(&inputs(dir.path()).roots()).unwrap();
        let wanted = || inputs(dir.path());
        let tmp = dir.path().join("u/.2024.toml.tmp");
        std::fs::write(&tmp, "b").unwrap();
        std::fs::rename(&tmp, &data).unwrap();
        assert!(next_save(&events, &wanted).is_some());
        assert!(events.recv_timeout(Duration::from_millis(100)).is_err(), "the rename's burst is one save");
        std::fs::write(&data, "c").unwrap();
        assert!(next_save(&events, &wanted).is_some());
        assert!(events.recv_timeout(Duration::from_millis(100)).is_err(), "truncate + write is one save");
        std::fs::write(dir.path().join("u/notes.txt"), "x").unwrap();
        let other = events.recv_timeout(Duration::from_secs(2)).unwrap();
        assert!(!other.iter().any(|p| wanted().concerns(p)), "{other:?}");
    }
}
