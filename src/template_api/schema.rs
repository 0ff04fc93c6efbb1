//! The view-model types as build.rs tabulated them: what each template variable is, reachable
//! from a context root through fields, lists and optional values.

use std::collections::BTreeMap;

/// One `Serialize` type of the view files, as build.rs found it.
#[derive(Debug, Clone, Copy)]
pub struct TypeRow {
    pub module: &'static str,
    pub name: &'static str,
    /// `struct` or `enum`.
    pub kind: &'static str,
    pub doc: &'static str,
}

/// One serialized field (or enum variant) of a view type.
#[derive(Debug, Clone, Copy)]
pub struct FieldRow {
    pub module: &'static str,
    pub owner: &'static str,
    /// The name templates use (after serde's `rename`/`rename_all`).
    pub name: &'static str,
    /// The Rust type as written.
    pub rust: &'static str,
    /// `text`, `number`, `bool`, `list(…)`, `option(…)`, `map(…)`, `type(module::Name)`, `variant` or `unknown(…)`.
    pub shape: &'static str,
    pub doc: &'static str,
    /// `#[serde(flatten)]`: the field's own fields appear in its place.
    pub flatten: bool,
}

include!(concat!(env!("OUT_DIR"), "/view_api.rs"));

/// What a template sees at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Text,
    Number,
    Bool,
    List(Box<Shape>),
    Optional(Box<Shape>),
    /// An object whose keys are data (`doc.chapter.narrative`): the values' shape.
    Map(Box<Shape>),
    /// A view type by its `module::Name`.
    Named(String),
    /// A type the generator cannot follow (reported by `Schema::problems`).
    Unknown(String),
}

impl Shape {
    /// Parses build.rs's shape notation.
    pub fn parse(text: &str) -> Shape {
        let inner = |prefix: &str| text.strip_prefix(prefix).and_then(|r| r.strip_suffix(')'));
        match text {
            "text" => return Shape::Text,
            "number" => return Shape::Number,
            "bool" => return Shape::Bool,
            _ => {}
        }
        if let Some(i) = inner("list(") {
            Shape::List(Box::new(Shape::parse(i)))
        } else if let Some(i) = inner("option(") {
            Shape::Optional(Box::new(Shape::parse(i)))
        } else if let Some(i) = inner("map(") {
            Shape::Map(Box::new(Shape::parse(i)))
        } else if let Some(i) = inner("type(") {
            Shape::Named(i.to_string())
        } else {
            Shape::Unknown(inner("unknown(").unwrap_or(text).to_string())
        }
    }
}

/// One step of a template path: a field, any element of a list (`[]`, `[0]`, `[loop.index0]`),
/// or any key of a map (printed `.<key>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Field(String),
    Index,
    Key,
}

/// A path as the reference prints it: `doc.projects[].form.name`.
pub fn path_text(root: &str, steps: &[Step]) -> String {
    let mut out = root.to_string();
    for s in steps {
        match s {
            Step::Field(f) => {
                out.push('.');
                out.push_str(f);
            }
            Step::Index => out.push_str("[]"),
            Step::Key => out.push_str(".<key>"),
        }
    }
    out
}

/// A field of a view type, ready to print.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub rust: String,
    pub shape: Shape,
    pub doc: String,
    pub flatten: bool,
    /// An enum's variant rather than a struct field.
    pub variant: bool,
}

/// A view type with its fields (or an enum with its variants).
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub module: String,
    pub name: String,
    pub is_enum: bool,
    pub doc: String,
    pub fields: Vec<Field>,
}

/// Where a type is reached from a root: every path, in walk order.
#[derive(Debug, Clone)]
pub struct Reached {
    pub key: String,
    pub paths: Vec<Vec<Step>>,
}

/// Every view type by `module::Name`.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub types: BTreeMap<String, TypeDef>,
}

impl Schema {
    /// The schema of the shipped view types, as build.rs tabulated them.
    pub fn generated() -> Schema {
        Schema::from_rows(VIEW_TYPES, VIEW_FIELDS)
    }

    /// A schema from rows (the generated ones, or a test's synthetic ones).
    pub fn from_rows(types: &[TypeRow], fields: &[FieldRow]) -> Schema {
        let mut map: BTreeMap<String, TypeDef> = types
            .iter()
            .map(|t| {
                (
                    format!("{}::{}", t.module, t.name),
                    TypeDef {
                        module: t.module.into(),
                        name: t.name.into(),
                        is_enum: t.kind == "enum",
                        doc: t.doc.into(),
                        fields: Vec::new(),
                    },
                )
            })
            .collect();
        for f in fields {
            if let Some(owner) = map.get_mut(&format!("{}::{}", f.module, f.owner)) {
                let variant = f.shape == "variant";
                let shape = if variant { Shape::Text } else { Shape::parse(f.shape) };
                owner.fields.push(Field {
                    name: f.name.into(),
                    rust: f.rust.into(),
                    shape,
                    doc: f.doc.into(),
                    flatten: f.flatten,
                    variant,
                });
            }
        }
        Schema { types: map }
    }

    /// The fields a template sees on a struct: flattened fields replaced by their type's fields.
    pub fn visible_fields(&self, key: &str) -> Vec<&Field> {
        let Some(def) = self.types.get(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for f in def.fields.iter().filter(|f| !f.variant) {
            match (&f.shape, f.flatten) {
                (Shape::Named(inner), true) => out.extend(self.visible_fields(inner)),
                _ => out.push(f),
            }
        }
        out
    }

    /// The variant names of an enum type, or None for a struct.
    pub fn variants(&self, key: &str) -> Option<Vec<&str>> {
        let def = self.types.get(key).filter(|d| d.is_enum)?;
        Some(def.fields.iter().map(|f| f.name.as_str()).collect())
    }

    /// What a path from a root type leads to; an error says which step is not a documented field.
    pub fn resolve(&self, root: &str, steps: &[Step]) -> Result<Shape, String> {
        let mut at = Shape::Named(root.to_string());
        for (i, step) in steps.iter().enumerate() {
            while let Shape::Optional(inner) = at {
                at = *inner;
            }
            at = match (step, at) {
                (Step::Index, Shape::List(inner)) => *inner,
                (Step::Field(_) | Step::Key, Shape::Map(inner)) => *inner,
                (Step::Field(name), Shape::Named(key)) if self.variants(&key).is_none() => {
                    let field = self.visible_fields(&key).into_iter().find(|f| f.name == *name);
                    field.map(|f| f.shape.clone()).ok_or_else(|| format!("{} has no field `{name}`", self.display_name(&key)))?
                }
                (_, other) => {
                    return Err(format!("`{}` is {other:?}, it has no `{}`", path_text("", &steps[..i]), path_text("", &steps[i..=i])));
                }
            };
        }
        Ok(at)
    }

    /// The struct types reachable from a root, in depth-first field order, with every path to each.
    pub fn reachable(&self, root: &str) -> Vec<Reached> {
        let mut found: Vec<Reached> = Vec::new();
        self.walk(root, Vec::new(), &mut found, 0);
        found
    }

    fn walk(&self, key: &str, path: Vec<Step>, found: &mut Vec<Reached>, depth: usize) {
        if depth > 16 || self.variants(key).is_some() || !self.types.contains_key(key) {
            return;
        }
        match found.iter_mut().find(|r| r.key == key) {
            Some(r) => r.paths.push(path.clone()),
            None => found.push(Reached { key: key.to_string(), paths: vec![path.clone()] }),
        }
        for f in self.visible_fields(key) {
            let mut steps = path.clone();
            steps.push(Step::Field(f.name.clone()));
            let (leaf, inside) = element(&f.shape);
            steps.extend(inside);
            if let Shape::Named(inner) = leaf {
                self.walk(inner, steps, found, depth + 1);
            }
        }
    }

    /// Problems that would leave the reference incomplete: an undocumented field or a type the
    /// generator cannot follow, as `Struct.field: …`.
    pub fn problems(&self, roots: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for root in roots {
            if !self.types.contains_key(*root) {
                out.push(format!("{root}: the root type is not a Serialize view type"));
            }
            for key in self.reachable(root).iter().flat_map(|r| self.with_flattened(&r.key)) {
                let Some(def) = self.types.get(&key) else {
                    continue;
                };
                for f in &def.fields {
                    let name = format!("{}.{}", def.name, f.name);
                    if f.doc.trim().is_empty() {
                        out.push(format!("{name}: no `///` doc comment ({})", def.module));
                    }
                    if let Some(u) = unknown(&f.shape) {
                        out.push(format!("{name}: type `{u}` is not a view type the reference can follow"));
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// A struct and the structs flattened into it, whose fields it shows as its own.
    fn with_flattened(&self, key: &str) -> Vec<String> {
        let mut out = vec![key.to_string()];
        for f in self.types.get(key).map_or(&[][..], |d| d.fields.as_slice()) {
            if let (Shape::Named(inner), true) = (&f.shape, f.flatten) {
                out.extend(self.with_flattened(inner));
            }
        }
        out
    }

    /// A type's name for messages and headings.
    pub fn display_name(&self, key: &str) -> String {
        self.types.get(key).map_or_else(|| key.to_string(), |d| d.name.clone())
    }
}

/// The innermost shape below lists, maps and optional values, and the steps that lead to it.
pub fn element(shape: &Shape) -> (&Shape, Vec<Step>) {
    let (leaf, mut steps) = match shape {
        Shape::List(inner) | Shape::Map(inner) | Shape::Optional(inner) => element(inner),
        other => return (other, Vec::new()),
    };
    match shape {
        Shape::List(_) => steps.insert(0, Step::Index),
        Shape::Map(_) => steps.insert(0, Step::Key),
        _ => {}
    }
    (leaf, steps)
}

/// The unknown type inside a shape, if any.
fn unknown(shape: &Shape) -> Option<&str> {
    match shape {
        Shape::Unknown(u) => Some(u),
        Shape::List(i) | Shape::Optional(i) | Shape::Map(i) => unknown(i),
        _ => None,
    }
}
