//! Stage 3: every check the data model cannot guarantee by construction (domain-spec §3.4, §8).
//!
//! Checks never stop at the first problem: each pushes its findings and the caller decides.

mod declaration;
mod identities;
mod needs;
mod projects;
mod texts;
mod totals;

use std::ops::Range;

use crate::derive::Budget;
use crate::diag::Diagnostics;
use crate::load::Loaded;
use crate::money::{Amount, NumberFormat};
use crate::render::Formats;

/// What every check looks at: the raw input with its source, and the derived figures.
pub struct Context<'a> {
    pub loaded: &'a Loaded,
    pub budget: &'a Budget,
    /// What the document's template set prints, hence which optional data it needs.
    pub formats: &'a Formats,
}

impl Context<'_> {
    /// The span of the first occurrence of `needle` in the data file, for text findings.
    pub fn locate(&self, needle: &str) -> Option<Range<usize>> {
        if needle.is_empty() {
            return None;
        }
        let text = &self.loaded.source.text;
        text.find(needle).map(|start| start..start + needle.len())
    }
}

/// Formats 元 for messages: `1,234.00`.
pub fn yuan(a: Amount) -> String {
    NumberFormat::YUAN_TABLE.yuan(a)
}

/// Runs every check and returns all findings, errors and warnings alike.
pub fn validate(loaded: &Loaded, budget: &Budget, formats: &Formats) -> Diagnostics {
    let cx = Context { loaded, budget, formats };
    let mut diags = Diagnostics::default();
    identities::check(&cx, &mut diags);
    totals::check(&cx, &mut diags);
    texts::check(&cx, &mut diags);
    projects::check(&cx, &mut diags);
    needs::check(&cx, &mut diags);
    declaration::check(&cx, &mut diags);
    diags
}
