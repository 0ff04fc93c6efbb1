//! Where each template set's files come from: the binary's built-in table and the project's
//! `templates/`, looked up in the same order the renderer uses.

use gen_budget::diag::Code;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use gen_budget::diag::{Diagnostic, io_reason};
use gen_budget::load::{not_regular, outside_root};
use gen_budget::render::templates::{BUILTIN_TEMPLATES, DEFAULT_STYLE};
use walkdir::WalkDir;

/// Where a set, or one of its files, comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Origin {
    Builtin,
    Project,
    Both,
}

impl Origin {
    /// Combines "the binary has it" and "the project has it"; `None` when neither does.
    fn of(builtin: bool, project: bool) -> Option<Origin> {
        match (builtin, project) {
            (true, true) => Some(Origin::Both),
            (true, false) => Some(Origin::Builtin),
            (false, true) => Some(Origin::Project),
            (false, false) => None,
        }
    }

    /// The word `style list` prints.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Origin::Builtin => "内置",
            Origin::Project => "项目",
            Origin::Both => "内置＋项目",
        }
    }
}

/// Every template file known, built-in and the project's, by name relative to `templates/`.
pub(crate) struct Catalog {
    dir: PathBuf,
    builtin: BTreeMap<&'static str, &'static str>,
    project: BTreeMap<String, PathBuf>,
}

impl Catalog {
    /// Finds the project's templates (`*.typ` and `style.toml`, as the renderer reads them).
    pub(crate) fn scan(dir: &Path) -> Result<Self, Diagnostic> {
        let builtin = BUILTIN_TEMPLATES.iter().copied().collect();
        let mut project = BTreeMap::new();
        if dir.is_dir() {
            for entry in WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(|e| walk_error(dir, &e))?;
                let path = entry.path();
                if !entry.file_type().is_dir() && is_template(path) {
                    let name = path.strip_prefix(dir).expect("walkdir stays inside its root");
                    project.insert(name.to_string_lossy().replace('\\', "/"), path.to_path_buf());
                }
            }
        }
        Ok(Self { dir: dir.to_path_buf(), builtin, project })
    }

    /// Every set: the base first, then the others in name order (the renderer's order).
    pub(crate) fn sets(&self) -> Vec<String> {
        let names = self.builtin.keys().copied().chain(self.project.keys().map(String::as_str));
        let mut others: BTreeSet<String> = names.filter_map(style_of).map(str::to_string).collect();
        others.remove(DEFAULT_STYLE);
        std::iter::once(DEFAULT_STYLE.to_string()).chain(others).collect()
    }

    /// Whether the renderer would know a set of this name.
    pub(crate) fn has_set(&self, set: &str) -> bool {
        self.sets().iter().any(|s| s == set)
    }

    /// Where a set comes from; the base is built in even when nothing of it is in `styles/`.
    pub(crate) fn origin(&self, set: &str) -> Option<Origin> {
        let prefix = set_prefix(set);
        let builtin = set == DEFAULT_STYLE || self.builtin.keys().any(|n| n.starts_with(&prefix));
        Origin::of(builtin, self.project.keys().any(|n| n.starts_with(&prefix)))
    }

    /// The templates a set holds (relative to its folder), each with where it comes from.
    pub(crate) fn overrides(&self, set: &str) -> Vec<(String, Origin)> {
        let prefix = set_prefix(set);
        let own = |name: &str| name.strip_prefix(&prefix).filter(|n| n.ends_with(".typ")).map(str::to_string);
        let builtin: BTreeSet<String> = self.builtin.keys().filter_map(|n| own(n)).collect();
        let project: BTreeSet<String> = self.project.keys().filter_map(|n| own(n)).collect();
        let all: BTreeSet<&String> = builtin.iter().chain(&project).collect();
        all.into_iter().filter_map(|n| Some((n.clone(), Origin::of(builtin.contains(n), project.contains(n))?))).collect()
    }

    /// The base templates the project replaces (its `templates/*.typ` outside `styles/`).
    pub(crate) fn base_overrides(&self) -> Vec<String> {
        self.project.keys().filter(|n| !n.starts_with("styles/") && n.ends_with(".typ")).cloned().collect()
    }

    /// A set's effective `style.toml` (the project's replaces the built-in one whole), with
    /// the name messages give it and where it comes from.
    pub(crate) fn style_toml(&self, set: &str) -> Result<Option<(PathBuf, String, Origin)>, Diagnostic> {
        let name = format!("{}style.toml", set_prefix(set));
        if let Some(path) = self.project.get(&name) {
            return Ok(Some((path.clone(), self.read(path)?, Origin::Project)));
        }
        let builtin = self.builtin.get(name.as_str());
        Ok(builtin.map(|text| (PathBuf::from(format!("内置 templates/{name}")), text.to_string(), Origin::Builtin)))
    }

    /// A template's text as the set sees it: the project's copy in the set, the built-in one in
    /// the set, the project's base, the built-in base.
    pub(crate) fn resolve(&self, set: &str, name: &str) -> Result<Option<String>, Diagnostic> {
        for candidate in [format!("{}{name}", set_prefix(set)), name.to_string()] {
            if let Some(path) = self.project.get(&candidate) {
                return self.read(path).map(Some);
            }
            if let Some(text) = self.builtin.get(candidate.as_str()) {
                return Ok(Some(text.to_string()));
            }
        }
        Ok(None)
    }

    /// Reads one project template the way the renderer does: never through a link leaving the
    /// project, never from a FIFO or device.
    fn read(&self, path: &Path) -> Result<String, Diagnostic> {
        let root = self.dir.parent().unwrap_or(&self.dir);
        if let Some(d) = outside_root(root, path).or_else(|| not_regular(path)) {
            return Err(d.with_code(Code::C2));
        }
        std::fs::read_to_string(path).map_err(|e| Diagnostic::error(Code::C2, format!("无法读取模板：{}", io_reason(&e))).in_file(path))
    }
}

/// `styles/<set>/`, the folder prefix of a set's files.
fn set_prefix(set: &str) -> String {
    format!("styles/{set}/")
}

/// The set a template name belongs to: `styles/<set>/…` gives `set`.
fn style_of(name: &str) -> Option<&str> {
    name.strip_prefix("styles/")?.split_once('/').map(|(set, _)| set)
}

/// The files the renderer reads from `templates/`.
fn is_template(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "typ") || path.file_name().is_some_and(|n| n == "style.toml")
}

/// C2: the templates folder cannot be walked.
fn walk_error(dir: &Path, e: &walkdir::Error) -> Diagnostic {
    let why = e.io_error().map_or_else(|| "目录中有循环的符号链接".to_string(), io_reason);
    Diagnostic::error(Code::C2, format!("无法读取模板目录：{why}")).in_file(e.path().unwrap_or(dir))
}
