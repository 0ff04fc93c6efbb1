//! The Typst `World` of one document: one in-memory source, shared fonts, a fixed date.
//!
//! Nothing is read from disk here, so a template can never reach outside the project.

use std::path::Path;
use std::sync::{Arc, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

use crate::diag::Diagnostic;

/// Long-lived state shared by every document of a process: library and fonts.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// The fonts folder's stamp; `None` for the built-in fonts, fingerprinted only when asked.
    fingerprint: Option<String>,
    /// The last sources, kept by the preview: Typst then reparses only the edited part, so the
    /// rest keeps its spans and with them its memoised layout.
    kept: Option<Mutex<Vec<Source>>>,
}

impl Engine {
    /// Loads every font file in `dir`, refusing damaged files and missing faces (F1, F2).
    pub fn load(dir: &Path) -> Result<Arc<Self>, Diagnostic> {
        let (fonts, fingerprint) = super::fonts::load_fonts(dir)?;
        let book = FontBook::from_fonts(&fonts);
        Ok(Arc::new(Self { library: LazyHash::new(library()), book: LazyHash::new(book), fonts, fingerprint, kept: None }))
    }

    /// `load` for a process that compiles the same documents again and again (the preview).
    pub fn load_incremental(dir: &Path) -> Result<Arc<Self>, Diagnostic> {
        let mut engine = Arc::into_inner(Self::load(dir)?).expect("a new engine has one owner");
        engine.kept = Some(Mutex::default());
        Ok(Arc::new(engine))
    }

    /// The main source for `text`: an edit of the kept source most like it, or a new one.
    fn source(&self, text: String) -> Source {
        let Some(kept) = &self.kept else { return Source::new(main_id(), text) };
        let mut kept = kept.lock().expect("kept sources lock");
        // Another document of the unit shares its preamble but not most of its text.
        let alike = (0..kept.len()).map(|i| (shared(kept[i].text(), &text), i)).filter(|(n, _)| n * 2 > text.len());
        let closest = alike.max().map(|(_, i)| i);
        let source = match closest {
            Some(i) => {
                let mut source = kept.remove(i);
                source.replace(&text);
                source
            }
            None => Source::new(main_id(), text),
        };
        kept.push(source.clone());
        if kept.len() > KEPT {
            kept.remove(0);
        }
        source
    }
}

/// The standard library with `a11y-extras`, whose `pdf.header-cell` marks the forms' label cells as row headers.
fn library() -> Library {
    Library::builder().with_features([Feature::A11yExtras].into_iter().collect()).build()
}

/// How many documents' sources the preview keeps (a unit-year has up to three).
const KEPT: usize = 4;

/// Bytes two texts share at their start and end: how alike two versions of one document are.
fn shared(a: &str, b: &str) -> usize {
    let start = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let end = a.bytes().rev().zip(b.bytes().rev()).take_while(|(x, y)| x == y).count();
    (start + end).min(a.len().min(b.len()))
}

impl Engine {
    /// Names, sizes and modification times of a fonts folder's files (a replaced font invalidates
    /// earlier builds without hashing 35 MB on every run), or the built-in fonts' contents hash.
    pub fn fingerprint(&self) -> &str {
        match &self.fingerprint {
            Some(stamp) => stamp,
            None => super::font_files::builtin_fingerprint(),
        }
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
        let main = engine.source(source);
        Self { engine, main, today }
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

#[cfg(test)]
mod tests {
    #[test]
    fn two_versions_of_a_text_share_all_but_the_edit() {
        assert_eq!(super::shared("#set page(a)\n1 万元\nend", "#set page(a)\n2 万元\nend"), 24);
        assert_eq!(super::shared("abc", "abc"), 3, "never more than the shorter text");
        assert_eq!(super::shared("abc", "xyz"), 0);
    }
}
