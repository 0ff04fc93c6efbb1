//! The data a person types in, as read from TOML, and the catalogue it refers to.

pub mod booklet;
pub mod catalog;
pub mod evaluation;
pub mod input;
pub mod options;
pub mod source;

pub use catalog::Catalog;
pub use input::UnitYear;
pub use source::{MISSING, SourceFile};

/// The kind of document a data file is when it names none (`document = "预算公开"`); loading
/// decides by it before any document exists, so it lives with the data model.
pub const BUDGET: &str = "预算公开";
