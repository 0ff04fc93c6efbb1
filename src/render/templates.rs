//! Tera templates: built-in ones embedded at compile time, overridable from `templates/`.

use std::path::Path;

use tera::{Context, Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use super::escape;
use super::view::DocView;
use crate::diag::Diagnostic;

include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));

/// Prefix under which the embedded templates live, so a user file of the same name wins.
const BUILTIN_PREFIX: &str = "builtin/";

/// The main template that renders a 预算公开文本.
pub const BUDGET_DOCUMENT: &str = "budget.typ";

/// The main template of a 财政项目支出绩效自评表 document.
pub const EVALUATION_DOCUMENT: &str = "evaluation.typ";

/// The main template of a 项目绩效目标申报表 booklet.
pub const BOOKLET_DOCUMENT: &str = "booklet.typ";

/// A ready template engine: escaping set up, built-ins loaded, overrides applied.
pub struct Templates {
    tera: Tera,
    fingerprint: String,
}

impl Templates {
    /// Loads the built-in templates, then every `*.typ` file under `override_dir` if it exists.
    pub fn load(override_dir: &Path) -> Result<Self, Diagnostic> {
        let mut tera = Tera::default();
        tera.set_escape_fn(escape::escape_markup);
        tera.autoescape_on([".typ"]);
        tera.register_filter("typst_str", |s: &str, _: Kwargs, _: &State| Value::safe_string(&escape::string_literal(s)));
        tera.set_fallback_prefixes([BUILTIN_PREFIX]).map_err(template_error)?;
        let builtins = BUILTIN_TEMPLATES.iter().map(|(name, text)| (format!("{BUILTIN_PREFIX}{name}"), *text));
        tera.add_raw_templates(builtins).map_err(template_error)?;
        let mut all = String::new();
        for (name, text) in BUILTIN_TEMPLATES {
            all.push_str(&format!("{name}\n{text}\n"));
        }
        for (name, text) in read_overrides(override_dir)? {
            all.push_str(&format!("override {name}\n{text}\n"));
            tera.add_raw_template(&name, &text).map_err(template_error)?;
        }
        Ok(Self { tera, fingerprint: crate::output::sha256_hex(all.as_bytes()) })
    }

    /// Renders the Typst source of a document from its view model.
    pub fn render_budget(&self, view: &DocView) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("doc", view);
        self.tera.render(BUDGET_DOCUMENT, &context).map_err(template_error)
    }

    /// Renders the Typst source of a 绩效自评表 document.
    pub fn render_evaluation(&self, view: &crate::evaluation::EvaluationView) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("doc", view);
        self.tera.render(EVALUATION_DOCUMENT, &context).map_err(template_error)
    }

    /// Renders the Typst source of a 项目绩效目标申报表 booklet.
    pub fn render_booklet(&self, view: &crate::booklet::BookletView) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("doc", view);
        self.tera.render(BOOKLET_DOCUMENT, &context).map_err(template_error)
    }

    /// A hash of every template in use, built-in and overriding.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Names of the built-in templates, for `--eject-templates`-style tooling and tests.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN_TEMPLATES.iter().map(|(name, _)| *name)
    }
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
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "typ") {
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
