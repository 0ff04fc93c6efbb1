//! Stage 6: Typst source → laid-out pages → PDF bytes, all in-process.

pub mod anchors;
pub mod compile;
mod doc_title;
pub mod font_files;
pub(crate) mod fonts;
pub mod glyphs;
pub mod pdf_kind;
pub mod text;
pub mod world;

pub use crate::render::source_map::strip_markers;
pub use compile::{Compiled, compile, generated_key, lay_out, name_kept_source};
pub use pdf_kind::PdfKind;
pub use world::Engine;
