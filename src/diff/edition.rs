//! One edition of a unit-year's budget data: read from a file, a text or a git revision,
//! derived as a build derives it, and reduced to what a diff compares.

use crate::diag::Code;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::derive::derive;
use crate::diag::{Diagnostic, Diagnostics};
use crate::document::BUDGET;
use crate::load::{Loaded, Project, check_year, load_budget, read_source};
use crate::model::SourceFile;
use crate::render::templates::DEFAULT_STYLE;
use crate::render::{Templates, build_view};

use super::figures::{Table, tables_of};
use super::projects::{ProjectRecord, projects_of};
use super::prose::sentences;

/// One edition, loaded and rendered to what diff compares: table cells, printed sentences, projects.
pub struct Edition {
    /// How the edition is named in the output: a path, or `HEAD:departments/…/2024.toml`.
    pub(crate) name: String,
    pub(crate) tables: Vec<Table>,
    pub(crate) sentences: Vec<String>,
    pub(crate) projects: Vec<ProjectRecord>,
}

impl Edition {
    /// Reads the edition from a file; a file under the project is refused if a symlink leads out.
    pub fn from_file(project: &Project, templates: &Templates, unit: &str, year: &str, path: &Path) -> Result<Edition, Diagnostics> {
        let inside = path.starts_with(project.departments());
        let source = if inside { project.read(path) } else { read_source(path) }.map_err(one)?;
        Self::from_source(project, templates, unit, year, source)
    }

    /// Reads the edition from text; `path` names it in messages.
    pub fn from_text(
        project: &Project,
        templates: &Templates,
        unit: &str,
        year: &str,
        path: &Path,
        text: &str,
    ) -> Result<Edition, Diagnostics> {
        Self::from_source(project, templates, unit, year, SourceFile::new(path, text))
    }

    /// Reads the unit-year's file as committed at a git revision of the project (`HEAD`, a tag, a hash).
    pub fn from_git(project: &Project, templates: &Templates, unit: &str, year: &str, rev: &str) -> Result<Edition, Diagnostics> {
        let path = project.unit_file(unit, year).map_err(one)?;
        let (name, text) = git_show(&project.root, &path, rev).map_err(one)?;
        Self::from_text(project, templates, unit, year, &name, &text)
    }

    fn from_source(project: &Project, templates: &Templates, unit: &str, year: &str, source: SourceFile) -> Result<Edition, Diagnostics> {
        let file_year = check_year(year).map_err(one)?;
        let name = source.path.display().to_string();
        refuse_other_kind(&source).map_err(one)?;
        let loaded = load_budget(project, unit, file_year, source).map_err(|d| unreadable(&name, d))?;
        Self::from_loaded(&loaded, templates, name)
    }

    /// Derives and renders loaded input; findings of the checks do not stop a diff.
    fn from_loaded(loaded: &Loaded, templates: &Templates, name: String) -> Result<Edition, Diagnostics> {
        let (budget, _) = derive(loaded);
        let style =
            loaded.data.unit.style.as_ref().map(|s| s.get_ref().as_str()).filter(|s| templates.has_style(s)).unwrap_or(DEFAULT_STYLE);
        let formats = templates.formats(style);
        let view = build_view(loaded, &budget, &formats);
        let source = templates.render_budget(&view, style).map_err(one)?;
        Ok(Edition {
            name,
            tables: tables_of(&budget, &view.tables, &formats),
            sentences: sentences(&source),
            projects: projects_of(&view.projects),
        })
    }

    /// How the edition is named in the output.
    pub fn name(&self) -> &str {
        &self.name
    }
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

/// U14 before the file's own findings: an edition that does not parse cannot be compared.
fn unreadable(name: &str, findings: Diagnostics) -> Diagnostics {
    let mut all = Diagnostics(vec![
        Diagnostic::error(Code::U14, format!("版本 {name} 无法读取，不能比较")).hint("先修正下列问题（或换一个版本）再比较"),
    ]);
    all.extend(findings);
    all
}

/// U14: only 预算公开 documents are compared.
fn refuse_other_kind(source: &SourceFile) -> Result<(), Diagnostic> {
    #[derive(serde::Deserialize)]
    struct Probe {
        document: Option<String>,
    }
    let kind = toml::from_str::<Probe>(&source.text).ok().and_then(|p| p.document);
    match kind {
        Some(kind) if kind != BUDGET => {
            Err(Diagnostic::error(Code::U14, format!("{} 是“{kind}”文件，diff 只比较预算公开文件", source.path.display()))
                .in_file(&source.path)
                .hint("比较 departments/<单位>/<年>.toml（document = \"预算公开\" 或不写 document）"))
        }
        _ => Ok(()),
    }
}

/// The file's text at `rev`, named `rev:path`; an unknown revision or path is U15.
fn git_show(root: &Path, path: &Path, rev: &str) -> Result<(PathBuf, String), Diagnostic> {
    if rev.starts_with('-') {
        return Err(git_error(rev, "修订名不能以 - 开头", ""));
    }
    let top = git(root, &["rev-parse", "--show-toplevel"]).map_err(|why| git_error(rev, "项目目录不在 git 仓库中", &why))?;
    let relative = relative_to(Path::new(top.trim()), path).ok_or_else(|| git_error(rev, "数据文件不在该 git 仓库中", ""))?;
    let spec = format!("{rev}:{relative}");
    let text = git(root, &["show", &spec]).map_err(|why| git_error(rev, &format!("git 中没有 {spec}"), &why))?;
    Ok((PathBuf::from(spec), text))
}

/// `path` relative to the repository top, with `/` separators (both resolved through symlinks).
fn relative_to(top: &Path, path: &Path) -> Option<String> {
    let top = std::fs::canonicalize(top).ok()?;
    let parent = std::fs::canonicalize(path.parent()?).ok()?;
    let rel = parent.join(path.file_name()?);
    let rel = rel.strip_prefix(&top).ok()?;
    Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
}

/// Runs git in `root`; its stderr is the error.
fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git").arg("-C").arg(root).args(args).output().map_err(|e| format!("无法运行 git：{e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    String::from_utf8(out.stdout).map_err(|_| "git 输出的文件不是 UTF-8".to_string())
}

fn git_error(rev: &str, what: &str, why: &str) -> Diagnostic {
    let d = Diagnostic::error(Code::U15, format!("无法读取修订“{rev}”：{what}"));
    let hint = "--against 须是存在的文件，或 git 认得的修订（HEAD、标签、提交号），且该修订中有此数据文件";
    if why.is_empty() { d.hint(hint) } else { d.hint(format!("{hint}（git：{why}）")) }
}
