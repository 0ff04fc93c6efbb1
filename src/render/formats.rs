//! How a template set prints typed indicator targets (the display needs the target grammar of `derive`).

use crate::derive::indicator::{Op, Target, parse_target};

pub use crate::style::{CHAPTERS, FormFormats, Formats, TargetStyle};

impl TargetStyle {
    /// A typed target in this style; qualitative or unparsable text stays as typed.
    pub fn show(self, typed: &str) -> String {
        let parsed = parse_target(typed);
        match (self, parsed) {
            (TargetStyle::Typed, _) | (_, Err(_)) | (_, Ok(Target::Quality(_))) => typed.to_string(),
            (TargetStyle::Unicode, Ok(t)) => t.display(),
            (TargetStyle::Ascii, Ok(Target::Quantity { op, value, unit })) => format!("{}{}{unit}", ascii(op), value.normalize()),
        }
    }
}

/// The ASCII spelling of an operator: `>=`.
fn ascii(op: Op) -> &'static str {
    match op {
        Op::Ge => ">=",
        Op::Le => "<=",
        Op::Eq => "=",
        Op::Gt => ">",
        Op::Lt => "<",
    }
}
