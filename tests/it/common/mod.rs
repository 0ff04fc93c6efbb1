//! Shared helpers for the integration tests: one engine per test binary, project paths.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use gen_budget::load::Project;
use gen_budget::render::Templates;
use gen_budget::typeset::Engine;

pub mod patch;
pub mod yitihua;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn project() -> Project {
    Project::new(root())
}

/// Fonts are loaded once per test binary, as the CLI does once per process.
pub fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&root().join("fonts")).expect("fonts load")).clone()
}

pub fn templates() -> Templates {
    Templates::load(&root().join("templates")).expect("templates load")
}

/// Copies the shipped project data into a scratch root, so a test can break it freely.
pub fn scratch_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    for sub in ["departments", "catalog", "templates"] {
        copy_dir(&self::root().join(sub), &root.join(sub));
    }
    link_fonts(&root.join("fonts"));
    (dir, root)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The shipped fonts in a scratch root: hard links (a symlink leaving the project is refused,
/// and copying 35 MB per test is slow), copies where hard links cannot be made.
pub fn link_fonts(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(root().join("fonts")).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
