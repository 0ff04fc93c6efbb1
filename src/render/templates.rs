//! Tera templates: built-in ones embedded at compile time, overridable from `templates/`.
//!
//! A style (template set) is a folder `styles/<name>/` holding only the templates that
//! differ from the base; every other template falls back to the base. Lookup order for
//! a style: the user's `templates/styles/<name>/`, the built-in style, the user's
//! `templates/`, the built-in base.

use crate::diag::Code;
use std::collections::BTreeMap;
use std::path::Path;

use std::ops::Range;
use std::path::PathBuf;

use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use super::escape;
use super::formats::Formats;
use super::located::builtin_path;
use super::messages;
use super::source_map::{self, FileEntry, Marked};
use super::style_file::parse_formats;
use super::view::DocView;
use crate::diag::{Diagnostic, io_reason};
use crate::model::SourceFile;

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
    sources: Sources,
    fingerprint: String,
}

impl Templates {
    /// Loads the built-in templates and every `*.typ` file under `override_dir` if it exists.
    pub fn load(override_dir: &Path) -> Result<Self, Diagnostic> {
        let builtins: Vec<(String, String)> = BUILTIN_TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        let overrides = read_overrides(override_dir)?;
        let mut names: Vec<String> = builtins.iter().chain(&overrides).filter_map(|(n, _)| style_of(n)).collect();
        names.push(DEFAULT_STYLE.to_string());
        names.sort();
        names.dedup();
        let sources = Sources::new(override_dir, &builtins, &overrides);
        let mut styles = BTreeMap::new();
        let mut formats = BTreeMap::new();
        for style in names {
            formats.insert(style.clone(), style_formats(&style, override_dir, &builtins, &overrides)?);
            styles.insert(style.clone(), engine(&style, &sources)?);
        }
        Ok(Self { styles, formats, sources, fingerprint: fingerprint_in_use(&builtins, &overrides) })
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
        self.render(self.styles.get(style).unwrap_or_else(|| self.base()), BUDGET_DOCUMENT, view)
    }

    /// Renders the Typst source of a 绩效自评表 document (any view the evaluation template reads,
    /// so this stage does not depend on the document kinds built on it).
    pub fn render_evaluation(&self, view: &impl serde::Serialize) -> Result<String, Diagnostic> {
        self.render(self.base(), EVALUATION_DOCUMENT, view)
    }

    /// Renders the Typst source of a 项目绩效目标申报表 booklet.
    pub fn render_booklet(&self, view: &impl serde::Serialize) -> Result<String, Diagnostic> {
        self.render(self.base(), BOOKLET_DOCUMENT, view)
    }

    /// A hash of every template in use, built-in and overriding.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Renders a main template with its view model as `doc`; the file table of its markers ends it.
    fn render(&self, tera: &Tera, name: &str, view: &impl serde::Serialize) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("doc", view);
        let mut out = tera.render(name, &context).map_err(|e| self.sources.error(&e))?;
        out.push_str(&source_map::table(&out, &self.sources.entries()));
        Ok(out)
    }
}

/// The style a template belongs to: `styles/<name>/…` gives `name`.
fn style_of(name: &str) -> Option<String> {
    let rest = name.strip_prefix("styles/")?;
    rest.split_once('/').map(|(style, _)| style.to_string())
}

/// The number formats of a style from its `style.toml`; the user's settings win, as templates do.
fn style_formats(style: &str, dir: &Path, builtins: &[(String, String)], overrides: &[(String, String)]) -> Result<Formats, Diagnostic> {
    let name = format!("styles/{style}/style.toml");
    if let Some((_, text)) = overrides.iter().find(|(n, _)| *n == name) {
        return parse_formats(&dir.join(&name), text);
    }
    match builtins.iter().find(|(n, _)| *n == name) {
        Some((_, text)) => parse_formats(&builtin_path(&name), text),
        None => Ok(Formats::default()),
    }
}

/// One Tera for one style: every template registered under a prefix, looked up in style order.
fn engine(style: &str, sources: &Sources) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.set_escape_fn(escape::escape_markup);
    tera.autoescape_on([".typ"]);
    tera.register_filter("typst_str", |s: &str, _: Kwargs, _: &State| Value::safe_string(&escape::string_literal(s)));
    let prefixes = [
        format!("{USER_PREFIX}styles/{style}/"),
        format!("{BUILTIN_PREFIX}styles/{style}/"),
        USER_PREFIX.to_string(),
        BUILTIN_PREFIX.to_string(),
    ];
    tera.set_fallback_prefixes(prefixes).map_err(|e| sources.error(&e))?;
    // Another set's templates may include files only that set has: register this set's and the base's.
    let own = format!("styles/{style}/");
    let registered = sources.all.iter().filter(|t| !t.name.starts_with("styles/") || t.name.starts_with(&own));
    tera.add_raw_templates(registered.map(|t| (t.registered.as_str(), t.marked.text.as_str()))).map_err(|e| sources.error(&e))?;
    Ok(tera)
}

/// One template file as loaded: its names, where it is, its text and its marked text.
struct Source {
    /// Name relative to `templates/` (`budget/cover.typ`).
    name: String,
    /// Name under which Tera knows it (`user/budget/cover.typ`).
    registered: String,
    entry: FileEntry,
    original: String,
    marked: Marked,
}

/// Every `.typ` template, built-in ones first; a marker's file number is the position here.
struct Sources {
    all: Vec<Source>,
}

impl Sources {
    fn new(dir: &Path, builtins: &[(String, String)], overrides: &[(String, String)]) -> Self {
        let builtin = builtins.iter().map(|(n, t)| (true, n, t));
        let user = overrides.iter().map(|(n, t)| (false, n, t));
        let typ = builtin.chain(user).filter(|(_, n, _)| n.ends_with(".typ"));
        let all = typ
            .enumerate()
            .map(|(index, (builtin, name, text))| {
                let path = if builtin { name.clone() } else { dir.join(name).display().to_string() };
                let marked = if source_map::fits_marker(&path) { source_map::mark(index, text) } else { Marked::plain(text) };
                let registered = format!("{}{name}", if builtin { BUILTIN_PREFIX } else { USER_PREFIX });
                Source { name: name.clone(), registered, entry: FileEntry { builtin, path }, original: text.clone(), marked }
            })
            .collect();
        Self { all }
    }

    fn entries(&self) -> Vec<FileEntry> {
        self.all.iter().map(|s| s.entry.clone()).collect()
    }

    fn by_registered(&self, name: &str) -> Option<&Source> {
        self.all.iter().find(|s| s.registered == name)
    }

    /// A Tera error as C1, at the template file, line and column it names.
    fn error(&self, err: &tera::Error) -> Diagnostic {
        match err.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let syntax = matches!(err.kind(), ErrorKind::SyntaxError(_));
                self.at(report.filename(), report.span().range.clone(), report.message(), syntax)
            }
            ErrorKind::Msg(text) => match first_report(text) {
                Some((message, name, line, col)) => {
                    let text = self.by_registered(&name).map_or("", |s| s.marked.text.as_str());
                    let start = offset_of(text, line, col).unwrap_or(0);
                    self.at(&name, start..word_end(text, start), &message, true)
                }
                None => plain_error(text),
            },
            _ => plain_error(&err.to_string()),
        }
    }

    /// C1 located at a byte range of a template's marked text.
    fn at(&self, registered: &str, range: Range<usize>, message: &str, syntax: bool) -> Diagnostic {
        let said = messages::tera(message);
        let what = if syntax { "模板语法错误" } else { "模板渲染失败" };
        let d = Diagnostic::error(Code::C1, format!("{what}：{said}")).hint(HINT);
        let Some(source) = self.by_registered(registered) else { return d };
        let path = if source.entry.builtin { builtin_path(&source.name) } else { PathBuf::from(&source.entry.path) };
        let start = source.marked.original_offset(range.start).min(source.original.len());
        let end = source.marked.original_offset(range.end).clamp(start, source.original.len());
        d.at(&SourceFile::new(path, source.original.clone()), start..end).label(messages::short(&said))
    }
}

const HINT: &str = "检查 templates/ 中被修改的模板；删除同名文件即恢复内置模板";

/// A Tera error that names no template position.
fn plain_error(text: &str) -> Diagnostic {
    Diagnostic::error(Code::C1, format!("模板错误：{}", messages::tera(text))).hint(HINT)
}

/// The first report of a combined Tera message: `error: …` then `--> name:line:col`.
fn first_report(text: &str) -> Option<(String, String, usize, usize)> {
    let mut lines = text.lines();
    let message = lines.next()?.strip_prefix("error: ")?.to_string();
    let place = lines.next()?.trim_start().strip_prefix("--> ")?;
    let (rest, col) = place.rsplit_once(':')?;
    let (name, line) = rest.rsplit_once(':')?;
    Some((message, name.to_string(), line.parse().ok()?, col.parse().ok()?))
}

/// The end of the name that starts at `start` (a filter or template name), at least one character.
fn word_end(text: &str, start: usize) -> usize {
    let rest = text.get(start..).unwrap_or_default();
    let name = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    start + name.max(rest.chars().next().map_or(0, char::len_utf8))
}

/// Byte offset of a 1-based line and column (in characters) of `text`.
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let start: usize = text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
    let own = text.get(start..)?;
    Some(start + own.char_indices().nth(col.saturating_sub(1)).map_or(own.len(), |(i, _)| i))
}

/// SHA-256 of each template name with the text in use (an override's, else the built-in's): a
/// templates folder holding copies of the built-ins fingerprints as no folder at all.
fn fingerprint_in_use(builtins: &[(String, String)], overrides: &[(String, String)]) -> String {
    let mut in_use: BTreeMap<&str, &str> = builtins.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    in_use.extend(overrides.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let all: String = in_use.iter().map(|(name, text)| format!("{name}\n{}\n{text}", text.len())).collect();
    crate::digest::sha256_hex(all.as_bytes())
}

/// Reads user templates that override built-ins, keyed by their path relative to the folder.
fn read_overrides(dir: &Path) -> Result<Vec<(String, String)>, Diagnostic> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let why = e.io_error().map_or_else(|| "目录中有循环的符号链接".to_string(), io_reason);
            Diagnostic::error(Code::C2, format!("无法读取模板目录：{why}")).in_file(e.path().unwrap_or(dir))
        })?;
        let path = entry.path();
        let wanted = path.extension().is_some_and(|e| e == "typ") || path.file_name().is_some_and(|n| n == "style.toml");
        if entry.file_type().is_dir() || !wanted {
            continue;
        }
        // Symlinked templates are read like files, but never from outside the project, and a
        // FIFO or device named like a template is refused rather than read (which could hang).
        let root = dir.parent().unwrap_or(dir);
        if let Some(d) = crate::load::outside_root(root, path).or_else(|| crate::load::not_regular(path)) {
            return Err(d.with_code(Code::C2));
        }
        let name = path.strip_prefix(dir).expect("walkdir stays inside its root");
        let name = name.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::error(Code::C2, format!("无法读取模板：{}", io_reason(&e))).in_file(path))?;
        crate::diag::Sources::run().remember_text(path, &text);
        found.push((name, text));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::fingerprint_in_use;

    fn set(files: &[(&str, &str)]) -> Vec<(String, String)> {
        files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect()
    }

    #[test]
    fn only_what_an_override_changes_changes_the_fingerprint() {
        let builtins = set(&[("a.typ", "x"), ("b.typ", "y")]);
        let plain = fingerprint_in_use(&builtins, &[]);
        assert_eq!(fingerprint_in_use(&builtins, &set(&[("a.typ", "x"), ("b.typ", "y")])), plain, "copies of the built-ins");
        assert_ne!(fingerprint_in_use(&builtins, &set(&[("a.typ", "z")])), plain, "a changed template");
        assert_ne!(fingerprint_in_use(&builtins, &set(&[("c.typ", "x")])), plain, "an added template");
        assert_ne!(fingerprint_in_use(&set(&[("a.typ", "xb.typ")]), &[]), fingerprint_in_use(&set(&[("a.typ", "x"), ("b.typ", "")]), &[]));
    }
}
