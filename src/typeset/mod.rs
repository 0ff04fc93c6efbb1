//! Stage 6: Typst source → laid-out pages → PDF bytes, all in-process.

pub mod compile;
pub mod text;
pub mod world;

pub use compile::{compile, Compiled};
pub use world::Engine;
