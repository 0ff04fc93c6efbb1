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
        self.locate_after(0, needle)
    }

    /// The first occurrence of `needle` at or after byte `from`: the value inside one entry
    /// (found from the entry's own key), not an earlier entry's or a comment's.
    pub fn locate_after(&self, from: usize, needle: &str) -> Option<Range<usize>> {
        let text = &self.loaded.source.text;
        if needle.is_empty() || from > text.len() || !text.is_char_boundary(from) {
            return None;
        }
        text[from..].find(needle).map(|start| from + start..from + start + needle.len())
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
