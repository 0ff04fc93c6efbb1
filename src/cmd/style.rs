//! `gen-budget style new|list`: start a template set from an existing one, and see every set,
//! so adding a district or level never starts from copying files by hand.

mod sets;
mod settings;

use gen_budget::diag::Code;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gen_budget::diag::Diagnostic;
use gen_budget::load::Project;
use gen_budget::output::write_files;
use gen_budget::render::style_file::parse_formats;
use gen_budget::render::templates::DEFAULT_STYLE;

use self::sets::{Catalog, Origin};
use super::{one, report};
use crate::cli::StyleCommand;

/// The base templates a new set without `--from` starts with: the cover, 目录, the document
/// skeleton and the two chapters of prose that districts and levels word differently.
const BASE_COPIES: [&str; 5] = ["budget.typ", "budget/cover.typ", "budget/toc.typ", "budget/narrative.typ", "budget/other.typ"];

/// Runs one `style` subcommand.
pub(crate) fn run(command: StyleCommand) -> ExitCode {
    let result = match command {
        StyleCommand::New { name, from, root } => new(&root, &name, from.as_deref()),
        StyleCommand::List { root } => list(&root),
        StyleCommand::Api { root } => return print_api(&root),
    };
    result.unwrap_or_else(|d| report(&one(d)))
}

/// `style api`: the reference on stdout (`> docs/template-api.md`), or the findings that stopped it.
fn print_api(root: &Path) -> ExitCode {
    match gen_budget::template_api::api_reference(root) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(d) => report(&d),
    }
}

/// `style new`: refuses before writing anything, then writes the whole folder or nothing.
fn new(root: &Path, name: &str, from: Option<&str>) -> Result<ExitCode, Diagnostic> {
    check_name(name)?;
    let templates = Project::new(root).templates();
    let catalog = Catalog::scan(&templates)?;
    let folder = templates.join("styles").join(name);
    if let Some(origin) = catalog.origin(name) {
        return Err(exists(name, &format!("（{}）", origin.label())));
    }
    if std::fs::symlink_metadata(&folder).is_ok() {
        let message = format!("templates/styles/{name}/ 已存在（其中没有模板），不会写入其中");
        let hint = "换一个名称，或先删除或改名该文件夹";
        return Err(Diagnostic::error(Code::U11, message).hint(hint));
    }
    let source = from.unwrap_or(DEFAULT_STYLE);
    if !catalog.has_set(source) {
        return Err(unknown_set(source, &catalog));
    }
    let files = planned_files(&catalog, &folder, name, source, from.is_some())?;
    if let Err(d) = write_files(&templates, &files) {
        remove_empty_folders(&templates, &folder, &files);
        return Err(d);
    }
    println!("已创建 templates/styles/{name}/（{} 个文件）", files.len());
    for (path, _) in &files {
        println!("  {}", path.strip_prefix(&folder).unwrap_or(path).display());
    }
    println!("下一步：在单位数据的 [unit] 下写 style = \"{name}\"，然后运行 gen-budget <单位> <年>");
    Ok(ExitCode::SUCCESS)
}

/// The new folder's files: `style.toml` first, then the templates in name order.
fn planned_files(catalog: &Catalog, folder: &Path, name: &str, source: &str, named: bool) -> Result<Vec<(PathBuf, Vec<u8>)>, Diagnostic> {
    let mut copies: Vec<String> = catalog.overrides(source).into_iter().map(|(n, _)| n).collect();
    if source == DEFAULT_STYLE {
        copies.extend(BASE_COPIES.iter().map(|n| n.to_string()));
    }
    copies.sort();
    copies.dedup();
    let mut files = vec![(folder.join("style.toml"), style_toml(catalog, name, source, named)?.into_bytes())];
    for template in copies {
        let text = catalog.resolve(source, &template)?.unwrap_or_default();
        files.push((folder.join(&template), text.into_bytes()));
    }
    Ok(files)
}

/// The commented settings file, carrying the source set's values (checked first, as a build would).
fn style_toml(catalog: &Catalog, name: &str, source: &str, named: bool) -> Result<String, Diagnostic> {
    let Some((path, text, _)) = catalog.style_toml(source)? else {
        return Ok(settings::generate(name, named.then_some((source, ""))).expect("an empty file parses"));
    };
    parse_formats(&path, &text)?;
    settings::generate(name, Some((source, &text)))
        .map_err(|e| Diagnostic::error(Code::C4, format!("样式设置有误：{}", e.message())).in_file(&path))
}

/// `style list`: every set, the base first, with its origin, templates and settings.
fn list(root: &Path) -> Result<ExitCode, Diagnostic> {
    let catalog = Catalog::scan(&Project::new(root).templates())?;
    for set in catalog.sets() {
        let origin = catalog.origin(&set).unwrap_or(Origin::Builtin);
        if set == DEFAULT_STYLE {
            println!("{set}（基础样式）  {}", origin.label());
            let base = catalog.base_overrides();
            let own: Vec<String> = catalog.overrides(&set).into_iter().map(|(n, _)| n).collect();
            println!("  项目改写的基础模板：{}", names_or_none(&base.into_iter().chain(own).collect::<Vec<_>>()));
        } else {
            println!("{set}  {}", origin.label());
            let marked = catalog.overrides(&set).into_iter().map(|(n, o)| mark(n, o, origin)).collect::<Vec<_>>();
            println!("  覆盖的模板（{}）：{}", marked.len(), names_or_none(&marked));
        }
        println!("  style.toml：{}", settings_line(&catalog, &set, origin)?);
    }
    println!("新建样式：gen-budget style new <名称> [--from <样式>]");
    Ok(ExitCode::SUCCESS)
}

/// A template name, marked when a set of both origins takes it from the project.
fn mark(name: String, file: Origin, set: Origin) -> String {
    if set == Origin::Both && file != Origin::Builtin { format!("{name}（项目）") } else { name }
}

fn names_or_none(names: &[String]) -> String {
    if names.is_empty() { "无".to_string() } else { names.join("、") }
}

/// Whether a set has a `style.toml`, where from, and which keys it sets.
fn settings_line(catalog: &Catalog, set: &str, origin: Origin) -> Result<String, Diagnostic> {
    let Some((_, text, from)) = catalog.style_toml(set)? else {
        return Ok("无（全部取默认值）".to_string());
    };
    let from = if origin == Origin::Both { format!("（{}）", from.label()) } else { String::new() };
    Ok(match settings::keys_set(&text) {
        None => format!("{from}无法解析，构建时报 C4"),
        Some(keys) if keys.is_empty() => format!("{from}有，未设置任何项（全部取默认值）"),
        Some(keys) => format!("{from}{}", keys.join("、")),
    })
}

/// U1: the name must be one plain folder under `templates/styles/`.
fn check_name(name: &str) -> Result<(), Diagnostic> {
    let bad = name.is_empty()
        || name.starts_with('.')
        || name.contains("..")
        || name.chars().any(|c| matches!(c, '/' | '\\' | ':') || c.is_control());
    if bad {
        let hint = "样式名称须是普通的文件夹名，例如 静安区级：不能为空，不能含 /、\\、: 或 ..，不能以 . 开头";
        return Err(Diagnostic::error(Code::U1, format!("样式名称“{}”不合法", name.escape_debug())).hint(hint));
    }
    Ok(())
}

/// U11: an existing set is never overwritten.
fn exists(name: &str, what: &str) -> Diagnostic {
    Diagnostic::error(Code::U11, format!("样式“{name}”已存在{what}，不会覆盖"))
        .hint(format!("换一个名称，或用 gen-budget style new <新名称> --from {name} 以它为底新建"))
}

/// U13: `--from` names no set; the available ones are listed.
fn unknown_set(name: &str, catalog: &Catalog) -> Diagnostic {
    Diagnostic::error(Code::U13, format!("没有名为“{}”的模板样式", name.escape_debug()))
        .hint(format!("可用样式：{}（gen-budget style list 查看详情）", catalog.sets().join("、")))
}

/// After a failed write, removes the folders it made for the new set (only empty ones, and
/// only when no folder on the way is a symlink).
fn remove_empty_folders(templates: &Path, folder: &Path, files: &[(PathBuf, Vec<u8>)]) {
    let styles = templates.join("styles");
    if [templates, styles.as_path()].iter().any(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())) {
        return;
    }
    let dirs: std::collections::BTreeSet<&Path> = files.iter().filter_map(|(p, _)| p.parent()).filter(|d| d.starts_with(folder)).collect();
    let mut dirs: Vec<&Path> = dirs.into_iter().collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs.into_iter().chain([folder]) {
        let _ = std::fs::remove_dir(dir);
    }
}
