//! The complete printed diagnostics of each broken-input case, pinned by insta snapshots in
//! tests/it/snapshots/. A changed message fails the test; to accept a deliberate change run
//! `INSTA_UPDATE=always cargo test --release` and review the diff of the `.snap` files
//! (without it insta only writes `.snap.new` beside them, and never in CI).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;

/// Snapshot names already taken in this run: two cases must never share one.
static TAKEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// A file name from a case name: letters and digits kept (Chinese too), the rest one `_`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// The printed form with the scratch root (and the repository) replaced by placeholders.
fn stable(text: &str, root: &Path) -> String {
    let mut text = text.to_string();
    let real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for (path, name) in [(real.as_path(), "[ROOT]"), (root, "[ROOT]"), (crate::common::root().as_path(), "[REPO]")] {
        text = text.replace(&path.display().to_string(), name);
    }
    text
}

/// Pins `stderr` and the exit status of a case run in the scratch project `root`.
pub(crate) fn pin(kind: &str, name: &str, root: &Path, exit: Option<i32>, stderr: &str) {
    let snapshot = format!("{kind}__{}", slug(name));
    assert!(TAKEN.lock().unwrap().insert(snapshot.clone()), "two cases named like {snapshot}");
    let body = format!("退出状态：{}\n{}", exit.map_or("（被信号终止）".to_string(), |c| c.to_string()), stable(stderr, root));
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots"));
    settings.set_description(name);
    settings.bind(|| insta::assert_snapshot!(snapshot.as_str(), body));
}

#[test]
fn slugs_keep_words_and_drop_punctuation() {
    assert_eq!(slug("TOML syntax: unclosed table header"), "toml_syntax_unclosed_table_header");
    assert_eq!(slug("typed “三公” total disagrees"), "typed_三公_total_disagrees");
}

#[test]
fn paths_are_replaced_by_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let printed = format!("  --> {}/departments/a/2024.toml:1:1\n", dir.path().display());
    assert_eq!(stable(&printed, dir.path()), "  --> [ROOT]/departments/a/2024.toml:1:1\n");
}
