//! Reads the shipped templates' tags and resolves every variable path they use against the
//! reference, through the names `for` and `set` bind (across includes, as Tera shares them).

use std::collections::{BTreeMap, BTreeSet};

use gen_budget::template_api::{self as api, CONTEXTS, Schema, Step, path_text};
use regex::Regex;

/// Every `*.typ` under templates/, by name relative to it.
pub fn shipped_templates() -> BTreeMap<String, String> {
    let dir = crate::common::root().join("templates");
    let mut all = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "typ") {
            let name = entry.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
            all.insert(name, std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    all
}

/// A name bound in a template: `{% for x in path %}` (each element) or `{% set x = path %}`;
/// a name set from a literal (`{% set headings = ["一、…"] %}`) is bound to the empty head.
type Bindings = BTreeMap<String, Vec<(String, Vec<Step>)>>;

/// One template's parsed tags: the paths it uses (with the tag text) and the names it binds.
struct Parsed {
    uses: Vec<(String, Vec<Step>, String)>,
    binds: Bindings,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap()
}

/// The tags of a template, without comments and component definitions (their names are the
/// component's arguments, not context variables).
fn tags(text: &str) -> Vec<String> {
    let text = regex(r"(?s)\{#.*?#\}").replace_all(text, "");
    let text = regex(r"(?s)\{%-?\s*component\s.*?endcomponent[^%]*%\}").replace_all(&text, "");
    let tag = regex(r"(?s)\{\{-?(.*?)-?\}\}|\{%-?(.*?)-?%\}");
    tag.captures_iter(&text).map(|c| c.get(1).or(c.get(2)).unwrap().as_str().trim().to_string()).collect()
}

/// Splits `p.form.indicators[0]` into `p` and its steps.
fn split_path(path: &str) -> (String, Vec<Step>) {
    let head = regex(r"^\w+").find(path).unwrap().as_str().to_string();
    let steps = regex(r"\.\s*(\w+)|\[[^\]]*\]")
        .captures_iter(&path[head.len()..])
        .map(|c| c.get(1).map_or(Step::Index, |f| Step::Field(f.as_str().to_string())))
        .collect();
    (head, steps)
}

pub fn steps(path: &str) -> Vec<Step> {
    split_path(&format!("x{path}")).1
}

/// Words that are Tera syntax, never context variables.
const KEYWORDS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "in",
    "endfor",
    "set",
    "set_global",
    "include",
    "not",
    "and",
    "or",
    "is",
    "true",
    "false",
    "True",
    "False",
    "none",
    "None",
    "null",
    "loop",
    "break",
    "continue",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "block",
    "endblock",
    "extends",
    "super",
    "self",
];

/// The variable paths in one tag: not filter, test or component names, named arguments or keywords.
fn paths_in(tag: &str) -> Vec<(String, Vec<Step>)> {
    let bare = regex(r#""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'"#).replace_all(tag, "\"\"");
    let path = regex(r"[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*|\[[^\[\]]*\])*");
    let mut out = Vec::new();
    for m in path.find_iter(&bare) {
        let before = bare[..m.start()].trim_end();
        let after = bare[m.end()..].trim_start();
        let named_arg = after.starts_with('=') && !after.starts_with("==");
        let called = after.starts_with('(');
        let test = regex(r"\bis(\s+not)?$").is_match(before);
        let name = before.ends_with('|') || before.ends_with('<') || before.ends_with("</") || test;
        let (head, steps) = split_path(m.as_str());
        let digit_led = bare[..m.start()].ends_with(|c: char| c.is_ascii_digit());
        if !(named_arg || called || name || digit_led || KEYWORDS.contains(&head.as_str())) {
            out.push((head, steps));
        }
    }
    out
}

fn parse(text: &str) -> Parsed {
    let for_tag = regex(r"(?s)^for\s+(\w+)\s+in\s+(.+)$");
    let set_tag = regex(r"(?s)^set(?:_global)?\s+(\w+)\s*=\s*(.+)$");
    let mut parsed = Parsed { uses: Vec::new(), binds: Bindings::new() };
    for tag in tags(text) {
        let (bound, expr, each) = match (for_tag.captures(&tag), set_tag.captures(&tag)) {
            (Some(c), _) => (Some(c[1].to_string()), c[2].to_string(), true),
            (None, Some(c)) => (Some(c[1].to_string()), c[2].to_string(), false),
            _ => (None, tag.clone(), false),
        };
        let found = paths_in(&expr);
        match (&bound, found.as_slice()) {
            (Some(name), [(head, steps)]) => {
                let mut steps = steps.clone();
                if each {
                    steps.push(Step::Index);
                }
                parsed.binds.entry(name.clone()).or_default().push((head.clone(), steps));
            }
            (Some(name), []) => parsed.binds.entry(name.clone()).or_default().push((String::new(), Vec::new())),
            _ => {}
        }
        parsed.uses.extend(found.into_iter().map(|(h, s)| (h, s, tag.clone())));
    }
    parsed
}

/// The absolute paths (from `doc`) a template path can stand for, through its bindings.
fn absolute(head: &str, steps: &[Step], local: &Bindings, shared: &Bindings, depth: usize) -> Vec<Vec<Step>> {
    if head == "doc" {
        return vec![steps.to_vec()];
    }
    let Some(bound) = local.get(head).or_else(|| shared.get(head)).filter(|_| depth < 8) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (h, s) in bound {
        for prefix in absolute(h, s, local, shared, depth + 1) {
            out.push(prefix.into_iter().chain(steps.iter().cloned()).collect());
        }
    }
    out
}

/// The templates a main template pulls in for a set, following `{% include %}` in lookup order.
fn reached(main: &str, set: Option<&str>, all: &BTreeMap<String, String>) -> Vec<String> {
    let include = regex(r#"\{%-?\s*include\s+"([^"]+)""#);
    let lookup = |name: &str| set.map(|s| format!("styles/{s}/{name}")).filter(|n| all.contains_key(n)).unwrap_or(name.to_string());
    let mut seen: Vec<String> = Vec::new();
    let mut todo = vec![lookup(main)];
    while let Some(name) = todo.pop() {
        if seen.contains(&name) || !all.contains_key(&name) {
            continue;
        }
        todo.extend(include.captures_iter(&all[&name]).map(|c| lookup(&c[1])));
        seen.push(name);
    }
    seen
}

/// Every path used in the templates that is not a documented field, as `file: `path` (why)`.
pub fn unresolved_paths(all: &BTreeMap<String, String>, schema: &Schema) -> Vec<String> {
    let sets: BTreeSet<&str> = all.keys().filter_map(|n| n.strip_prefix("styles/")?.split_once('/').map(|(s, _)| s)).collect();
    let mut documents: Vec<(&str, Option<&str>, &str)> = CONTEXTS.iter().map(|c| (c.main, None, c.root)).collect();
    documents.extend(sets.iter().map(|s| ("budget.typ", Some(*s), CONTEXTS[0].root)));
    let parsed: BTreeMap<&String, Parsed> = all.iter().map(|(n, t)| (n, parse(t))).collect();
    let mut problems = BTreeSet::new();
    let mut checked = BTreeSet::new();
    for (main, set, root) in documents {
        let files = reached(main, set, all);
        let mut shared = Bindings::new();
        files.iter().flat_map(|f| &parsed[f].binds).for_each(|(k, v)| shared.entry(k.clone()).or_default().extend(v.clone()));
        for file in &files {
            checked.insert(file.clone());
            check_file(file, &parsed[file], &shared, &[root], schema, &mut problems);
        }
    }
    // A template no main template includes (components only, or a set's spare piece): any root.
    for (file, p) in parsed.iter().filter(|(f, _)| !checked.contains(**f)) {
        check_file(file, p, &p.binds, &api::roots(), schema, &mut problems);
    }
    problems.into_iter().collect()
}

fn check_file(file: &str, p: &Parsed, shared: &Bindings, roots: &[&str], schema: &Schema, problems: &mut BTreeSet<String>) {
    for (head, steps, tag) in &p.uses {
        let candidates = absolute(head, steps, &p.binds, shared, 0);
        let shown = path_text(head, steps);
        let literal = |b: &Bindings| b.get(head).is_some_and(|v| v.iter().any(|(h, _)| h.is_empty()));
        if literal(&p.binds) || literal(shared) {
            continue;
        }
        if candidates.is_empty() {
            problems.insert(format!("{file}: `{shown}` in {{{tag}}}: `{head}` is not bound by doc, for or set"));
            continue;
        }
        let tried: Vec<Result<_, String>> = candidates.iter().flat_map(|c| roots.iter().map(move |r| schema.resolve(r, c))).collect();
        if !tried.iter().any(Result::is_ok) {
            let why = tried.into_iter().filter_map(Result::err).next().unwrap_or_default();
            problems.insert(format!("{file}: `{shown}` in {{{tag}}}: {why}"));
        }
    }
}
