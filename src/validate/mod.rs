//! Stage 3: every check the data model cannot guarantee by construction (domain-spec §3.4, §8).
//!
//! Checks never stop at the first problem: each pushes its findings and the caller decides.

pub(crate) mod common;
mod cross_year;
pub(crate) mod dates;
mod declaration;
pub(crate) mod fields;
mod identities;
pub(crate) mod marks;
mod needs;
mod projects;
mod texts;
mod totals;

use crate::derive::Budget;
use crate::diag::Diagnostics;
use crate::load::Loaded;
use crate::money::{Amount, NumberFormat};
use crate::style::Formats;

/// What every check looks at: the raw input with its source, and the derived figures.
pub struct Context<'a> {
    pub loaded: &'a Loaded,
    pub budget: &'a Budget,
    /// What the document's template set prints, hence which optional data it needs.
    pub formats: &'a Formats,
    /// Every typed value with its span, so findings point at the value itself.
    pub(crate) fields: fields::Fields,
    /// The unit's previous-year budget file, for the cross-year checks (Y1–Y4).
    pub(crate) previous: crate::load::previous::Previous,
}

/// Formats 元 for messages: `1,234.00`.
pub fn yuan(a: Amount) -> String {
    NumberFormat::YUAN_TABLE.yuan(a)
}

/// Runs every check and returns all findings, errors and warnings alike.
pub fn validate(loaded: &Loaded, budget: &Budget, formats: &Formats) -> Diagnostics {
    let previous = crate::load::previous::previous_of(loaded);
    let cx = Context { loaded, budget, formats, fields: fields::Fields::of(&loaded.source), previous };
    let mut diags = Diagnostics::default();
    let cover = Some(crate::diag::Place::Cover);
    diags.0.extend(common::check_year(&loaded.source, &loaded.data.year, loaded.file_year, cover));
    identities::check(&cx, &mut diags);
    totals::check(&cx, &mut diags);
    texts::check(&cx, &mut diags);
    projects::check(&cx, &mut diags);
    needs::check(&cx, &mut diags);
    declaration::check(&cx, &mut diags);
    cross_year::check(&cx, &mut diags);
    diags
}
