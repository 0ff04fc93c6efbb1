//! Stage 6: Typst source → laid-out pages → PDF bytes, all in-process.

pub mod anchors;
pub mod compile;
pub(crate) mod fonts;
pub mod glyphs;
pub mod text;
pub mod world;

pub use crate::render::source_map::strip_markers;
pub use compile::{Compiled, compile, generated_key, name_kept_source};
pub use world::Engine;
