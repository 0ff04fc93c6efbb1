//! Types as templates see them: the written Rust type, its shape, and the view type it names.

use syn::{GenericArgument, PathArguments, Type};

use super::{SourceFile, module_path, step};

/// A type as written, compactly: `Vec<String>`, `Option<crate::render::draft::DraftView>`, `&'static str`.
pub(crate) fn rust_type(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p.path.segments.iter().map(segment_text).collect::<Vec<_>>().join("::"),
        Type::Reference(r) => format!("&{}{}", r.lifetime.as_ref().map_or(String::new(), |l| format!("'{} ", l.ident)), rust_type(&r.elem)),
        Type::Slice(s) => format!("[{}]", rust_type(&s.elem)),
        Type::Array(a) => format!("[{}; _]", rust_type(&a.elem)),
        Type::Tuple(t) => format!("({})", t.elems.iter().map(rust_type).collect::<Vec<_>>().join(", ")),
        Type::Paren(p) => rust_type(&p.elem),
        _ => "?".to_string(),
    }
}

fn segment_text(s: &syn::PathSegment) -> String {
    match &s.arguments {
        PathArguments::AngleBracketed(a) => {
            let args: Vec<String> =
                a.args.iter().filter_map(|g| if let GenericArgument::Type(t) = g { Some(rust_type(t)) } else { None }).collect();
            format!("{}<{}>", s.ident, args.join(", "))
        }
        _ => s.ident.to_string(),
    }
}

/// What a template sees of a type: `text`, `number`, `bool`, `list(…)`, `option(…)`, `map(…)`,
/// `type(module::Name)` for a view type, or `unknown(…)` when it is none of these.
pub(crate) fn shape(ty: &Type, file: &SourceFile, known: &[(String, String)]) -> String {
    match ty {
        Type::Reference(r) => shape(&r.elem, file, known),
        Type::Paren(p) => shape(&p.elem, file, known),
        Type::Slice(s) => format!("list({})", shape(&s.elem, file, known)),
        Type::Array(a) => format!("list({})", shape(&a.elem, file, known)),
        Type::Path(p) => path_shape(&p.path, file, known),
        _ => format!("unknown({})", rust_type(ty)),
    }
}

fn path_shape(path: &syn::Path, file: &SourceFile, known: &[(String, String)]) -> String {
    let last = path.segments.last().expect("a path has a segment");
    let inner = || match &last.arguments {
        PathArguments::AngleBracketed(a) => {
            a.args.iter().find_map(|g| if let GenericArgument::Type(t) = g { Some(shape(t, file, known)) } else { None })
        }
        _ => None,
    };
    match last.ident.to_string().as_str() {
        "String" | "str" | "char" | "Cow" => "text".to_string(),
        "bool" => "bool".to_string(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "f32" | "f64" => "number".to_string(),
        "Vec" | "VecDeque" => format!("list({})", inner().unwrap_or_default()),
        "Option" => format!("option({})", inner().unwrap_or_default()),
        // A map serializes as an object whose keys are data: its values' shape, by any key.
        "BTreeMap" | "HashMap" | "IndexMap" => format!("map({})", value_shape(last, file, known).unwrap_or_default()),
        "Box" | "Arc" | "Rc" => inner().unwrap_or_default(),
        _ => match resolve(path, file, known) {
            Some(full) => format!("type({full})"),
            None => format!("unknown({})", rust_type(&Type::Path(syn::TypePath { qself: None, path: path.clone() }))),
        },
    }
}

/// The shape of a map's value type (its second type argument).
fn value_shape(last: &syn::PathSegment, file: &SourceFile, known: &[(String, String)]) -> Option<String> {
    let PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    let types: Vec<&Type> = a.args.iter().filter_map(|g| if let GenericArgument::Type(t) = g { Some(t) } else { None }).collect();
    types.get(1).map(|t| shape(t, file, known))
}

/// The `module::Name` a type path names among the view types: the file's own item, then its
/// imports, then (for a re-export such as `crate::derive::Direction`) the one item of that name
/// below the module the path names.
fn resolve(path: &syn::Path, file: &SourceFile, known: &[(String, String)]) -> Option<String> {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let here = module_path(&file.module);
    let absolute: Vec<String> = match segments.as_slice() {
        [name] if known.iter().any(|(m, n)| *m == file.module && n == name) => here.into_iter().chain([name.clone()]).collect(),
        [first, rest @ ..] => match file.imports.iter().find(|(n, _)| n == first) {
            Some((_, full)) => full.iter().cloned().chain(rest.iter().cloned()).collect(),
            None => segments.iter().fold(Vec::new(), |acc, s| step(acc, s, &here)),
        },
        [] => return None,
    };
    let (name, module) = absolute.split_last()?;
    let module = module.join("::");
    if known.iter().any(|(m, n)| *m == module && n == name) {
        return Some(format!("{module}::{name}"));
    }
    let below: Vec<&(String, String)> =
        known.iter().filter(|(m, n)| n == name && (module.is_empty() || m.starts_with(&format!("{module}::")))).collect();
    match below.as_slice() {
        [(m, n)] => Some(format!("{m}::{n}")),
        _ => None,
    }
}
