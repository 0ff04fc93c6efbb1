//! gen-budget: structured budget data → official 预算公开 PDF documents.
//!
//! The pipeline, one module per stage:
//! raw TOML ([`load`], [`model`]) → derived figures ([`derive`]) → checks ([`validate`]) →
//! view model and Typst source ([`render`]) → PDF ([`typeset`]) → files ([`output`]).

pub mod batch;
pub mod booklet;
pub mod changes;
pub mod derive;
pub mod diag;
pub mod diff;
pub mod digest;
pub mod document;
pub mod evaluation;
pub mod export;
pub mod html;
pub mod import;
pub mod index_page;
pub mod load;
pub mod manifest;
pub mod merge;
pub mod model;
pub mod money;
pub mod numerals;
pub mod output;
pub mod pipeline;
pub mod preview;
pub mod render;
pub mod shard;
pub mod style;
pub mod synth;
pub mod template_api;
pub mod typeset;
pub mod validate;
pub mod view_model;
