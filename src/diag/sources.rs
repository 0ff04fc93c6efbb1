//! Every text a run parsed, by path, so a diagnostic's snippet shows the text its span was found
//! in — never a file re-read from disk, which may have changed or may not be a file at all.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use super::Diagnostic;
use crate::model::SourceFile;

/// The texts of one process: data files, catalogues, templates, `style.toml`, generated Typst.
#[derive(Debug, Default)]
pub struct Sources {
    files: Mutex<HashMap<PathBuf, Arc<SourceFile>>>,
}

impl Sources {
    /// The store the loaders, the template reader and the compile step fill.
    pub fn run() -> &'static Sources {
        static RUN: OnceLock<Sources> = OnceLock::new();
        RUN.get_or_init(Sources::default)
    }

    /// Keeps `source` as parsed; a later parse of the same path replaces it.
    pub fn remember(&self, source: &SourceFile) {
        let kept = Arc::new(SourceFile::new(&source.path, source.text.clone()));
        self.lock().insert(source.path.clone(), kept);
    }

    /// Keeps a text read under `path` (a template, a generated source).
    pub fn remember_text(&self, path: &Path, text: &str) {
        self.remember(&SourceFile::new(path, text));
    }

    /// The text kept under `path`, if the run parsed one.
    pub fn get(&self, path: &Path) -> Option<Arc<SourceFile>> {
        self.lock().get(path).cloned()
    }

    /// Drops every text kept from under `dir`: a batch forgets a unit once its findings are
    /// printed, so the store does not grow with the number of units.
    pub fn forget_within(&self, dir: &Path) {
        self.lock().retain(|path, _| !path.starts_with(dir));
    }

    /// Renders `d` with a snippet of the text it points into, as kept (a workbook has none).
    pub fn render(&self, d: &Diagnostic) -> String {
        let source = d.file.as_deref().filter(|_| d.sheet.is_none()).and_then(|p| self.get(p));
        d.render(source.as_deref())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Arc<SourceFile>>> {
        // A panic elsewhere while holding the lock leaves the map whole: keep using it.
        self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn forgetting_a_folder_keeps_the_texts_outside_it() {
        let store = Sources::default();
        store.remember_text(Path::new("/p/departments/甲/2024.toml"), "a = 1\n");
        store.remember_text(Path::new("/p/departments/甲乙/2024.toml"), "b = 1\n");
        store.remember_text(Path::new("/p/catalog/2024.toml"), "c = 1\n");
        store.forget_within(Path::new("/p/departments/甲"));
        assert!(store.get(Path::new("/p/departments/甲/2024.toml")).is_none());
        assert!(store.get(Path::new("/p/departments/甲乙/2024.toml")).is_some(), "a folder is a path prefix by components");
        assert!(store.get(Path::new("/p/catalog/2024.toml")).is_some());
    }

    #[test]
    fn a_path_never_parsed_prints_without_snippet() {
        let store = Sources::default();
        let source = SourceFile::new("/nowhere/b.toml", "x = 1\n");
        let d = Diagnostic::error(Code::T1, "测试").at(&source, 4..5);
        let shown = store.render(&d);
        assert!(shown.contains("/nowhere/b.toml:1:5") && !shown.contains("x = 1"), "{shown}");
        store.remember(&source);
        assert!(store.render(&d).contains("x = 1"));
    }
}
