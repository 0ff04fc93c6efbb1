//! The crate's layering, enforced: no cycle between modules or between the files of one module, no
//! earlier stage importing a later one, no file over 400 lines, median function length at most 10.
//! CI runs on a clean clone, so the rules are checked here in Rust rather than by a script.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// The stages in order: an earlier one may not use a later one.
const STAGES: [&str; 8] = ["money", "model", "load", "derive", "validate", "render", "typeset", "output"];
/// The longest a source file may be, in lines.
const MAX_LINES: usize = 400;
/// The largest median function length allowed, in lines (signature to closing brace).
const MAX_MEDIAN: f64 = 10.0;

/// One source file: its path under `src/` and its text.
struct Source {
    rel: PathBuf,
    text: String,
}

/// Every `.rs` file under `src`, sorted, with paths relative to it.
fn sources(src: &Path) -> Vec<Source> {
    let mut files: Vec<Source> = walkdir::WalkDir::new(src)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| Source { rel: e.path().strip_prefix(src).unwrap().to_path_buf(), text: std::fs::read_to_string(e.path()).unwrap() })
        .collect();
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files
}

/// The module path of a file: `render/view.rs` → `[render, view]`, `render/mod.rs` → `[render]`.
fn module_of(rel: &Path) -> Vec<String> {
    let stem = rel.with_extension("");
    stem.iter().map(|p| p.to_string_lossy().into_owned()).filter(|p| p != "mod").collect()
}

/// Import edges between top-level modules and between the files of one module.
#[derive(Default)]
struct Edges {
    modules: BTreeSet<(String, String)>,
    files: BTreeSet<(String, String)>,
}

/// Collects the `crate::` and `use super::` edges of every file outside `src/bin`.
fn edges(src: &Path, files: &[Source]) -> Edges {
    let crate_path = Regex::new(r"crate::([a-z_]+)(?:::([a-z_]+))?").unwrap();
    let super_use = Regex::new(r"\buse super::([a-z_]+)").unwrap();
    let mut edges = Edges::default();
    for file in files.iter().filter(|f| !f.rel.starts_with("bin")) {
        let me = module_of(&file.rel);
        if me.is_empty() || me[0] == "lib" || me[0] == "main" {
            continue;
        }
        let is_file = |top: &str, sub: &str| src.join(top).join(format!("{sub}.rs")).exists();
        for c in crate_path.captures_iter(&file.text) {
            let (top, sub) = (&c[1], c.get(2).map(|m| m.as_str()));
            if top != me[0] {
                edges.modules.insert((me[0].clone(), top.to_string()));
            } else if let (Some(sub), Some(own)) = (sub, me.get(1))
                && sub != own
                && is_file(top, sub)
            {
                edges.files.insert((format!("{top}/{own}"), format!("{top}/{sub}")));
            }
        }
        for c in super_use.captures_iter(&file.text) {
            if let Some(own) = me.get(1).filter(|own| **own != c[1] && is_file(&me[0], &c[1])) {
                edges.files.insert((format!("{}/{own}", me[0]), format!("{}/{}", me[0], &c[1])));
            }
        }
    }
    edges
}

/// The pairs that lie on a cycle: an edge a → b with a path back from b to a.
fn cycles(edges: &BTreeSet<(String, String)>) -> BTreeSet<(String, String)> {
    let mut graph: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        graph.entry(a).or_default().push(b);
    }
    let reaches = |from: &str, to: &str| {
        let (mut seen, mut stack) = (BTreeSet::new(), vec![from]);
        while let Some(x) = stack.pop() {
            if x == to {
                return true;
            }
            if seen.insert(x) {
                stack.extend(graph.get(x).into_iter().flatten());
            }
        }
        false
    };
    edges.iter().filter(|(a, b)| reaches(b, a)).map(|(a, b)| if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) }).collect()
}

/// Whether an edge runs from an earlier stage to a later one.
fn backward(a: &str, b: &str) -> bool {
    let at = |m: &str| STAGES.iter().position(|s| *s == m);
    matches!((at(a), at(b)), (Some(x), Some(y)) if x < y)
}

/// Every layering problem of the crate under `src`, one line each; empty when it keeps the rules.
pub fn layering_findings(src: &Path) -> Vec<String> {
    let files = sources(src);
    let edges = edges(src, &files);
    let mut found: Vec<String> = Vec::new();
    found.extend(cycles(&edges.modules).iter().map(|(a, b)| format!("cycle between modules: {a} <-> {b}")));
    found.extend(cycles(&edges.files).iter().map(|(a, b)| format!("cycle between files: {a} <-> {b}")));
    found.extend(edges.modules.iter().filter(|(a, b)| backward(a, b)).map(|(a, b)| format!("earlier stage uses a later one: {a} -> {b}")));
    for f in &files {
        let lines = f.text.matches('\n').count();
        if lines > MAX_LINES {
            found.push(format!("file over {MAX_LINES} lines: {} {lines}", f.rel.display()));
        }
    }
    found
}

/// Collects the line count of every function and method with a body.
#[derive(Default)]
struct Lengths(Vec<usize>);

impl Lengths {
    fn add(&mut self, first: proc_macro2::Span, last: proc_macro2::Span) {
        self.0.push(last.end().line - first.start().line + 1);
    }
}

impl<'ast> Visit<'ast> for Lengths {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.add(f.sig.span(), f.block.brace_token.span.close());
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.add(f.sig.span(), f.block.brace_token.span.close());
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(body) = &f.default {
            self.add(f.sig.span(), body.brace_token.span.close());
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

/// The length in lines (signature to closing brace, attributes and docs excluded) of every function in the text.
fn function_lengths(text: &str) -> Vec<usize> {
    let mut lengths = Lengths::default();
    lengths.visit_file(&syn::parse_file(text).expect("the crate's sources parse"));
    lengths.0
}

/// The median of some lengths (the mean of the middle two for an even count).
fn median(mut lengths: Vec<usize>) -> f64 {
    lengths.sort_unstable();
    let n = lengths.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => lengths[n / 2] as f64,
        _ => (lengths[n / 2 - 1] + lengths[n / 2]) as f64 / 2.0,
    }
}

fn crate_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_crate_keeps_its_layering() {
    let found = layering_findings(&crate_src());
    assert!(found.is_empty(), "layering rules broken:\n{}", found.join("\n"));
}

#[test]
fn the_median_function_is_short() {
    let lengths: Vec<usize> = sources(&crate_src()).iter().flat_map(|f| function_lengths(&f.text)).collect();
    let (count, longest) = (lengths.len(), lengths.iter().copied().max().unwrap_or(0));
    let m = median(lengths);
    eprintln!("median function length {m} lines over {count} functions (longest {longest})");
    assert!(count > 500, "the visitor found only {count} functions; it should see every fn of src");
    assert!(m <= MAX_MEDIAN, "median function length {m} lines over {count} functions exceeds {MAX_MEDIAN}");
}

/// Writes a file of a synthetic crate, creating its folders.
fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A tiny crate that keeps every rule: model ← render, files of render one way.
fn clean_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    write(src, "lib.rs", "pub mod model;\npub mod render;\nuse crate::render::view;\n");
    write(src, "model.rs", "pub struct Unit;\n");
    write(src, "render/mod.rs", "pub mod view;\npub mod draft;\nuse crate::render::view::View;\n");
    write(src, "render/view.rs", "use crate::model::Unit;\nuse super::draft::Marks;\n");
    write(src, "render/draft.rs", "pub struct Marks;\n");
    write(src, "bin/tool.rs", "use crate::render::view; // binaries are outside the graph\n");
    dir
}

#[test]
fn the_checker_passes_a_clean_tree() {
    let dir = clean_tree();
    assert_eq!(layering_findings(dir.path()), Vec::<String>::new());
}

#[test]
fn the_checker_finds_a_module_cycle() {
    let dir = clean_tree();
    write(dir.path(), "batch.rs", "use crate::preview::Page;\n");
    write(dir.path(), "preview.rs", "use crate::batch::Run;\n");
    assert_eq!(layering_findings(dir.path()), ["cycle between modules: batch <-> preview"]);
}

#[test]
fn the_checker_finds_a_cycle_between_files_of_a_module() {
    let dir = clean_tree();
    write(dir.path(), "render/draft.rs", "use super::view::View;\npub struct Marks;\n");
    assert_eq!(layering_findings(dir.path()), ["cycle between files: render/draft <-> render/view"]);
}

#[test]
fn the_checker_finds_a_backward_stage_edge() {
    let dir = clean_tree();
    write(dir.path(), "model.rs", "pub struct Unit;\nfn f() { crate::render::view::show(); }\n");
    let found = layering_findings(dir.path());
    assert!(found.contains(&"earlier stage uses a later one: model -> render".to_string()), "{found:?}");
}

#[test]
fn the_checker_finds_a_long_file() {
    let dir = clean_tree();
    write(dir.path(), "model.rs", &"// line\n".repeat(MAX_LINES + 1));
    assert_eq!(layering_findings(dir.path()), [format!("file over {MAX_LINES} lines: model.rs {}", MAX_LINES + 1)]);
    write(dir.path(), "model.rs", &"// line\n".repeat(MAX_LINES));
    assert!(layering_findings(dir.path()).is_empty(), "exactly {MAX_LINES} lines is allowed");
}

#[test]
fn function_lengths_run_from_signature_to_closing_brace() {
    let text = "/// Doc.\n#[inline]\npub fn a() {\n    one();\n}\n\nstruct S;\nimpl S {\n    /// Doc.\n    fn b(\n        x: u8,\n    ) -> u8 {\n        x\n    }\n}\ntrait T {\n    fn c(&self) {}\n    fn d(&self);\n}\n";
    assert_eq!(function_lengths(text), [3, 5, 1], "docs and attributes excluded; a method without a body is not a function");
    assert_eq!(median(vec![3, 5, 1]), 3.0);
    assert_eq!(median(vec![1, 2, 10, 12]), 6.0);
}
