//! Escaping for the HTML pages gen-budget writes (index, changes, preview): typed text never
//! becomes markup.

/// Text as HTML character data or a quoted attribute value.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
