//! The data a person types in, as read from TOML, and the catalogue it refers to.

pub mod booklet;
pub mod catalog;
pub mod evaluation;
pub mod input;
pub mod source;

pub use catalog::Catalog;
pub use input::UnitYear;
pub use source::{SourceFile, MISSING};
