//! Stages 4–5: view model, then Typst source through Tera templates.

pub mod chapters;
pub mod composition;
pub mod declaration;
pub mod draft;
pub mod escape;
pub mod formats;
pub(crate) mod located;
pub mod marking;
pub(crate) mod messages;
pub mod narrative;
pub mod project;
pub(crate) mod source_map;
pub mod style_file;
pub mod tables;
pub mod templates;
pub mod view;

pub use formats::Formats;
pub use templates::Templates;
pub use view::{DocView, build_view};
