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

/// Font families the templates use; checked at start-up against the loaded fonts.
pub const REQUIRED_FAMILIES: [&str; 2] = ["Noto Serif CJK SC", "Noto Sans CJK SC"];

/// Long-lived state shared by every document of a process: library and fonts.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    fingerprint: String,
}

impl Engine {
    /// Loads every font file in `dir` and checks the families the templates need.
    pub fn load(dir: &Path) -> Result<Arc<Self>, Diagnostic> {
        let (fonts, fingerprint) = load_fonts(dir)?;
        let book = FontBook::from_fonts(&fonts);
        for family in REQUIRED_FAMILIES {
            if book.select_family(&family.to_lowercase()).next().is_none() {
                return Err(Diagnostic::error("F2", format!("字体目录中缺少字体“{family}”"))
                    .in_file(dir)
                    .hint("fonts/ 中应有 NotoSerifSC-Regular.otf、NotoSerifSC-Bold.otf、NotoSansSC-Regular.otf"));
            }
        }
        Ok(Arc::new(Self { library: LazyHash::new(Library::default()), book: LazyHash::new(book), fonts, fingerprint }))
    }

    /// Names, sizes and modification times of the font files: a replaced font invalidates
    /// earlier builds without hashing 35 MB on every run.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

fn load_fonts(dir: &Path) -> Result<(Vec<Font>, String), Diagnostic> {
    let missing = || Diagnostic::error("F1", format!("找不到字体目录 {}", dir.display())).in_file(dir);
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|_| missing())?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| matches!(e.to_str(), Some("otf" | "ttf" | "otc" | "ttc"))))
        .collect();
    paths.sort();
    let mut fonts = Vec::new();
    let mut stamp = String::new();
    for path in paths {
        if let Ok(meta) = std::fs::metadata(&path) {
            let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
            stamp.push_str(&format!("{}:{}:{modified};", path.display(), meta.len()));
        }
        let data = std::fs::read(&path)
            .map_err(|e| Diagnostic::error("F1", format!("无法读取字体 {}：{e}", path.display())).in_file(&path))?;
        fonts.extend(Font::iter(Bytes::new(data)));
    }
    Ok((fonts, crate::output::sha256_hex(stamp.as_bytes())))
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
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
