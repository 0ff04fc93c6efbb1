//! Tera templates: built-in ones embedded at compile time, overridable from `templates/`.
//!
//! A style (template set) is a folder `styles/<name>/` holding only the templates that
//! differ from the base; every other template falls back to the base. Lookup order for
//! a style: the user's `templates/styles/<name>/`, the built-in style, the user's
//! `templates/`, the built-in base.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Context, Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use super::escape;
use super::formats::{parse_formats, Formats};
use super::view::DocView;
use crate::diag::Diagnostic;

include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));

/// Prefixes under which embedded and user templates are registered; lookups go through them.
const BUILTIN_PREFIX: &str = "builtin/";
const USER_PREFIX: &str = "user/";

/// The style of documents that name none: the base templates (普陀 区级, as published in 000).
pub const DEFAULT_STYLE: &str = "普陀区级";

/// The main template that renders a 预算公开文本.
pub const BUDGET_DOCUMENT: &str = "budget.typ";

/// The main template of a 财政项目支出绩效自评表 document.
pub const EVALUATION_DOCUMENT: &str = "evaluation.typ";

/// The main template of a 项目绩效目标申报表 booklet.
pub const BOOKLET_DOCUMENT: &str = "booklet.typ";

/// Ready template engines, one per style: escaping set up, built-ins loaded, overrides applied.
pub struct Templates {
    styles: BTreeMap<String, Tera>,
    formats: BTreeMap<String, Formats>,
    fingerprint: String,
}

impl Templates {
    /// Loads the built-in templates and every `*.typ` file under `override_dir` if it exists.
    pub fn load(override_dir: &Path) -> Result<Self, Diagnostic> {
        let builtins: Vec<(String, String)> = BUILTIN_TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let overrides = read_overrides(override_dir)?;
        let mut all = String::new();
        for (name, text) in &builtins {
            all.push_str(&format!("{name}\n{text}\n"));
        }
        for (name, text) in &overrides {
            all.push_str(&format!("override {name}\n{text}\n"));
        }
        let mut names: Vec<String> = builtins.iter().chain(&overrides).filter_map(|(n, _)| style_of(n)).collect();
        names.push(DEFAULT_STYLE.to_string());
        names.sort();
        names.dedup();
        let mut styles = BTreeMap::new();
        let mut formats = BTreeMap::new();
        for style in names {
            let settings = format!("styles/{style}/style.toml");
            // The user's settings win over the built-in ones, as templates do.
            let text = overrides.iter().chain(&builtins).find(|(n, _)| *n == settings).map(|(_, t)| t.as_str());
            formats.insert(style.clone(), text.map_or(Ok(Formats::default()), |t| parse_formats(&settings, t))?);
            styles.insert(style.clone(), engine(&style, &builtins, &overrides)?);
        }
        Ok(Self { styles, formats, fingerprint: crate::output::sha256_hex(all.as_bytes()) })
    }

    /// The number formats of a style (the base's when the style sets none).
    pub fn formats(&self, style: &str) -> Formats {
        self.formats.get(style).cloned().unwrap_or_default()
    }

    /// The styles available, for messages.
    pub fn style_names(&self) -> Vec<&str> {
        self.styles.keys().map(String::as_str).collect()
    }

    /// Whether a style exists.
    pub fn has_style(&self, style: &str) -> bool {
        self.styles.contains_key(style)
    }

    fn base(&self) -> &Tera {
        &self.styles[DEFAULT_STYLE]
    }

    /// Renders the Typst source of a budget document in its style.
    pub fn render_budget(&self, view: &DocView, style: &str) -> Result<String, Diagnostic> {
        render(self.styles.get(style).unwrap_or_else(|| self.base()), BUDGET_DOCUMENT, view)
    }

    /// Renders the Typst source of a 绩效自评表 document.
    pub fn render_evaluation(&self, view: &crate::evaluation::EvaluationView) -> Result<String, Diagnostic> {
        render(self.base(), EVALUATION_DOCUMENT, view)
    }

    /// Renders the Typst source of a 项目绩效目标申报表 booklet.
    pub fn render_booklet(&self, view: &crate::booklet::BookletView) -> Result<String, Diagnostic> {
        render(self.base(), BOOKLET_DOCUMENT, view)
    }

    /// A hash of every template in use, built-in and overriding.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
}

/// Renders a main template with its view model as `doc`.
fn render(tera: &Tera, name: &str, view: &impl serde::Serialize) -> Result<String, Diagnostic> {
    let mut context = Context::new();
    context.insert("doc", view);
    tera.render(name, &context).map_err(template_error)
}

/// The style a template belongs to: `styles/<name>/…` gives `name`.
fn style_of(name: &str) -> Option<String> {
    let rest = name.strip_prefix("styles/")?;
    rest.split_once('/').map(|(style, _)| style.to_string())
}

/// One Tera for one style: every template registered under a prefix, looked up in style order.
fn engine(style: &str, builtins: &[(String, String)], overrides: &[(String, String)]) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.set_escape_fn(escape::escape_markup);
    tera.autoescape_on([".typ"]);
    tera.register_filter("typst_str", |s: &str, _: Kwargs, _: &State| Value::safe_string(&escape::string_literal(s)));
    let prefixes = [format!("{USER_PREFIX}styles/{style}/"), format!("{BUILTIN_PREFIX}styles/{style}/"), USER_PREFIX.to_string(), BUILTIN_PREFIX.to_string()];
    tera.set_fallback_prefixes(prefixes).map_err(template_error)?;
    // Another set's templates may include files only that set has: register this set's and the base's.
    let own = format!("styles/{style}/");
    let is_template = |n: &&(String, String)| n.0.ends_with(".typ") && (!n.0.starts_with("styles/") || n.0.starts_with(&own));
    let registered = builtins.iter().filter(is_template).map(|(n, t)| (format!("{BUILTIN_PREFIX}{n}"), t.as_str()));
    let registered = registered.chain(overrides.iter().filter(is_template).map(|(n, t)| (format!("{USER_PREFIX}{n}"), t.as_str())));
    tera.add_raw_templates(registered).map_err(template_error)?;
    Ok(tera)
}

/// Reads user templates that override built-ins, keyed by their path relative to the folder.
fn read_overrides(dir: &Path) -> Result<Vec<(String, String)>, Diagnostic> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Diagnostic::error("C2", format!("无法读取模板目录：{e}")).in_file(dir))?;
        let path = entry.path();
        let wanted = path.extension().is_some_and(|e| e == "typ") || path.file_name().is_some_and(|n| n == "style.toml");
        if !entry.file_type().is_file() || !wanted {
            continue;
        }
        let name = path.strip_prefix(dir).expect("walkdir stays inside its root");
        let name = name.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::error("C2", format!("无法读取模板：{e}")).in_file(path))?;
        found.push((name, text));
    }
    Ok(found)
}

fn template_error(err: tera::Error) -> Diagnostic {
    Diagnostic::error("C1", format!("模板错误：{err}"))
        .hint("检查 templates/ 中被修改的模板；删除同名文件即恢复内置模板")
}
