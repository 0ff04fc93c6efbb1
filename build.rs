//! Embeds every file under `templates/` and the font files of `fonts/` into the binary, so a
//! fresh install (or a container image) needs no files, and tabulates the view-model types for
//! the template API reference (`build/view_api.rs`).

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "build/view_api.rs"]
mod view_api;

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let templates = root.join("templates");
    println!("cargo:rerun-if-changed=templates");
    let mut files = Vec::new();
    collect(&templates, &templates, &mut files);
    files.sort();
    let mut code = String::from("/// Built-in templates: (name relative to templates/, text).\n");
    code.push_str("pub static BUILTIN_TEMPLATES: &[(&str, &str)] = &[\n");
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(code, "    ({name:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("builtin_templates.rs"), code).expect("OUT_DIR is writable");
    fs::write(out.join("builtin_fonts.rs"), fonts_code(&root.join("fonts"))).expect("OUT_DIR is writable");
    // The template API reference is generated from the view-model types (template_api).
    view_api::write(&root.join("src"), &out);
}

/// `BUILTIN_FONTS`: (file name, bytes) of every font file in `fonts/`, sorted by name.
fn fonts_code(dir: &Path) -> String {
    println!("cargo:rerun-if-changed={}", dir.display());
    let is_font = |p: &PathBuf| {
        p.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "otf" | "ttf" | "otc" | "ttc"))
    };
    let mut paths: Vec<PathBuf> = fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).filter(is_font).collect();
    paths.sort();
    let mut code = String::from("/// Built-in fonts: (file name in fonts/, bytes).\n");
    code.push_str("pub(crate) static BUILTIN_FONTS: &[(&str, &[u8])] = &[\n");
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        writeln!(code, "    ({name:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    code
}

/// Collects `*.typ` files (and each set's `style.toml`) below `dir` as (relative name with `/`, absolute path).
fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(base, &path, files);
        } else if path.extension().is_some_and(|e| e == "typ") || path.file_name().is_some_and(|n| n == "style.toml") {
            let name = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            files.push((name, path));
        }
    }
}
