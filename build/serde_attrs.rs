//! The `#[serde(...)]` settings that change what a template sees: skip, flatten and renames.

use syn::{Attribute, LitStr, Token};

/// What serde does with one field or variant, from its `#[serde(...)]` attributes.
#[derive(Default)]
pub(crate) struct SerdeAttrs {
    pub(crate) skip: bool,
    pub(crate) flatten: bool,
    pub(crate) rename: Option<String>,
    pub(crate) rename_all: Option<String>,
}
/// The `#[serde(...)]` settings of an item, field or variant that change what is serialized.
pub(crate) fn serde_attrs(attrs: &[Attribute]) -> SerdeAttrs {
    let mut found = SerdeAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
            match key.as_str() {
                "skip" | "skip_serializing" => found.skip = true,
                "flatten" => found.flatten = true,
                "rename" | "rename_all" => {
                    let value = serialize_name(&meta)?;
                    if key == "rename" { found.rename = value } else { found.rename_all = value }
                }
                _ if meta.input.peek(Token![=]) => {
                    meta.value()?.parse::<syn::Expr>()?;
                }
                _ if meta.input.peek(syn::token::Paren) => meta.parse_nested_meta(|m| skip_value(&m))?,
                _ => {}
            }
            Ok(())
        });
    }
    found
}

/// The serialize-side name of `rename = "x"` or `rename(serialize = "x", …)`.
fn serialize_name(meta: &syn::meta::ParseNestedMeta) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        return Ok(Some(meta.value()?.parse::<LitStr>()?.value()));
    }
    let mut name = None;
    meta.parse_nested_meta(|m| {
        if m.path.is_ident("serialize") {
            name = Some(m.value()?.parse::<LitStr>()?.value());
        } else {
            skip_value(&m)?;
        }
        Ok(())
    })?;
    Ok(name)
}

/// Consumes the `= value` of a nested serde setting this generator does not need.
fn skip_value(meta: &syn::meta::ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    }
    Ok(())
}

/// A Rust name as serde's `rename_all` prints it (fields are snake_case, variants PascalCase).
pub(crate) fn renamed(ident: &str, rule: Option<&str>, variant: bool) -> String {
    let words: Vec<String> = if variant { pascal_words(ident) } else { ident.split('_').map(str::to_lowercase).collect() };
    let cap = |w: &String| w[..1].to_uppercase() + &w[1..];
    match rule {
        None => ident.to_string(),
        Some("lowercase") => ident.to_lowercase(),
        Some("UPPERCASE") => ident.to_uppercase(),
        Some("snake_case") => words.join("_"),
        Some("SCREAMING_SNAKE_CASE") => words.join("_").to_uppercase(),
        Some("kebab-case") => words.join("-"),
        Some("SCREAMING-KEBAB-CASE") => words.join("-").to_uppercase(),
        Some("camelCase") => words.first().cloned().unwrap_or_default() + &words.iter().skip(1).map(cap).collect::<String>(),
        Some("PascalCase") => words.iter().map(cap).collect(),
        Some(_) => ident.to_string(),
    }
}

/// `SmallMicro` → `small`, `micro`.
fn pascal_words(ident: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in ident.chars() {
        if c.is_uppercase() || words.is_empty() {
            words.push(String::new());
        }
        words.last_mut().expect("pushed above").extend(c.to_lowercase());
    }
    words
}
