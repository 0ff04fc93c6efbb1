//! Typst's warnings about the generated source reach the user as C3 warnings at the template line.

use std::process::Command;

use crate::common;

#[test]
fn a_typst_warning_is_printed_at_the_template_line_and_the_build_succeeds() {
    let (_dir, root) = common::scratch_project();
    let cover = root.join("templates/budget/cover.typ");
    let old = std::fs::read_to_string(&cover).unwrap();
    let mut lines: Vec<&str> = old.split('\n').collect();
    lines[2] = "  #text(font: \"没有这种字体\")[封面]";
    std::fs::write(&cover, lines.join("\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(["普陀城运", "2024", "--root"]).arg(&root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "a warning never fails the build: {stderr}");
    assert!(stderr.contains("警告[C3]: 排版警告："), "{stderr}");
    assert!(stderr.contains("templates/budget/cover.typ:3:"), "the template line is named: {stderr}");
    assert!(root.join("out/2024/普陀城运/上海市普陀区2024年区级部门预算.pdf").exists());
}
