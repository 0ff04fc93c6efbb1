//! `style new`'s style.toml: the commented defaults are the real defaults, every key is
//! described, and a copied file reads like its source.

use std::path::Path;

use gen_budget::render::Formats;
use gen_budget::render::style_file::parse_formats;

use super::{builtin, fresh_project, run};

#[test]
fn uncommenting_every_line_gives_the_defaults_and_every_key_is_described() {
    let (_dir, root) = fresh_project();
    assert!(run(&root, &["style", "new", "全默认"]).status.success());
    let text = std::fs::read_to_string(root.join("templates/styles/全默认/style.toml")).unwrap();
    let uncommented: String = text
        .lines()
        .filter(|l| l.starts_with("# [") || l.starts_with("# ") && l.contains(" = "))
        .map(|l| format!("{}\n", &l[2..]))
        .collect();
    assert_eq!(
        parse_formats(Path::new("t"), &uncommented).unwrap(),
        Formats::default(),
        "the commented values must be the defaults:\n{uncommented}"
    );
    // Each section and key the file describes is exactly what style.toml accepts (serde lists them).
    let mut described: Vec<(String, Vec<String>)> = Vec::new();
    for line in uncommented.lines() {
        match line.strip_prefix('[') {
            Some(section) => described.push((section.trim_end_matches(']').to_string(), Vec::new())),
            None => described.last_mut().unwrap().1.push(line.split(" = ").next().unwrap().to_string()),
        }
    }
    let sections: Vec<String> = described.iter().map(|(s, _)| s.clone()).collect();
    assert_eq!(sorted(accepted("zz_unknown = 1")), sorted(sections));
    for (section, keys) in described {
        assert_eq!(sorted(accepted(&format!("[{section}]\nzz_unknown = 1"))), sorted(keys), "[{section}]");
    }
}

#[test]
fn a_copied_style_toml_reads_like_its_source_for_every_shipped_set() {
    let (_dir, root) = fresh_project();
    for set in ["嘉定镇级", "普陀区级2022"] {
        let copy = format!("{set}副本");
        assert!(run(&root, &["style", "new", &copy, "--from", set]).status.success());
        let made = std::fs::read_to_string(root.join("templates/styles").join(&copy).join("style.toml")).unwrap();
        let shipped = builtin(&format!("styles/{set}/style.toml"));
        assert_eq!(
            parse_formats(Path::new("new"), &made).unwrap(),
            parse_formats(Path::new("shipped"), &shipped).unwrap(),
            "{set}:\n{made}"
        );
    }
}

/// The keys serde names when it refuses an unknown one.
fn accepted(text: &str) -> Vec<String> {
    let message = parse_formats(Path::new("t"), text).unwrap_err().message;
    let list = message.split("可用：").nth(1).and_then(|r| r.split('）').next()).unwrap_or_else(|| panic!("{message}"));
    list.split(", ").map(|k| k.trim_matches('`').to_string()).collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}
