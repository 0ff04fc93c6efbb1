//! The Typst `World` of one document: one in-memory source, shared fonts, a fixed date.
//!
//! Nothing is read from disk here, so a template can never reach outside the project.

use std::path::Path;
use std::sync::Arc;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::diag::Diagnostic;

/// Long-lived state shared by every document of a process: library and fonts.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    fingerprint: String,
}

impl Engine {
    /// Loads every font file in `dir`, refusing damaged files and missing faces (F1, F2).
    pub fn load(dir: &Path) -> Result<Arc<Self>, Diagnostic> {
        let (fonts, fingerprint) = super::fonts::load_fonts(dir)?;
        let book = FontBook::from_fonts(&fonts);
        Ok(Arc::new(Self { library: LazyHash::new(Library::default()), book: LazyHash::new(book), fonts, fingerprint }))
    }

    /// Names, sizes and modification times of the font files: a replaced font invalidates
    /// earlier builds without hashing 35 MB on every run.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

/// The fixed id of the generated main file; reused so file ids never run out.
fn main_id() -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new("/main.typ").expect("a valid virtual path")).intern()
}

/// One document being compiled.
pub struct DocWorld {
    engine: Arc<Engine>,
    main: Source,
    today: Datetime,
}

impl DocWorld {
    /// A world whose only file is `source` and whose today is fixed (reproducible output).
    pub fn new(engine: Arc<Engine>, source: String, today: Datetime) -> Self {
        Self { engine, main: Source::new(main_id(), source), today }
    }

    pub fn source_text(&self) -> &str {
        self.main.text()
    }
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() { Ok(Bytes::from_string(self.main.clone())) } else { Err(FileError::AccessDenied) }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
