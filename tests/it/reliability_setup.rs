//! Set-up errors: broken fonts, templates, style files and a busy preview port are refused with
//! their code, the file (and line:column) that caused them, exit status 2, a Chinese message and
//! nothing written under out/; each case's complete stderr and exit status are pinned by an insta
//! snapshot (tests/it/snapshots/setup__*.snap). Template markers leave every shipped PDF byte-identical.

use crate::common;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use gen_budget::document::Document;
use gen_budget::pipeline::{BuildOptions, Mode};
use gen_budget::typeset::{compile, strip_markers};

/// How a case breaks its scratch project.
type Setup = fn(&Path);

/// One broken set-up and what the CLI must say about it.
struct Case {
    name: &'static str,
    setup: Setup,
    /// Arguments before `--root`; a busy port is appended for `preview`.
    args: &'static [&'static str],
    code: &'static str,
    /// File the finding names, relative to the scratch root, with `:line:col` where there is one.
    at: Option<&'static str>,
    exit: i32,
    /// Files expected under out/ afterwards, relative to it.
    written: &'static [&'static str],
}

const BUILD: &[&str] = &["普陀城运", "2024"];
const COVER: &str = "templates/budget/cover.typ";
const STYLE: &str = "templates/styles/测试/style.toml";

fn cases() -> Vec<Case> {
    let case = |name, setup, code, at, args| Case { name, setup, args, code, at, exit: 2, written: &[] };
    vec![
        case("font_random_bytes", |r| font_file(r, "X.otf", &noise(5000)), "F1", Some("fonts/X.otf"), BUILD),
        case(
            "font_truncated",
            |r| font_file(r, "NotoSerifSC-Bold.otf", &truncated("NotoSerifSC-Bold.otf", 60)),
            "F1",
            Some("fonts/NotoSerifSC-Bold.otf"),
            BUILD,
        ),
        case("font_missing_bold", |r| font_removed(r, "NotoSerifSC-Bold.otf"), "F2", Some("fonts/NotoSerifSC-Bold.otf"), BUILD),
        case(
            "font_bold_is_a_regular_copy",
            |r| font_file(r, "NotoSerifSC-Bold.otf", &shipped_font("NotoSerifSC-Regular.otf")),
            "F2",
            Some("fonts/NotoSerifSC-Bold.otf"),
            BUILD,
        ),
        case("font_missing_sans", |r| font_removed(r, "NotoSansSC-Regular.otf"), "F2", Some("fonts/NotoSansSC-Regular.otf"), BUILD),
        case("font_broken_in_preview", |r| font_file(r, "X.otf", &noise(300)), "F1", Some("fonts/X.otf"), &["preview", "普陀城运", "2024"]),
        case(
            "tera_syntax_error",
            |r| line(r, COVER, 3, "  #v(60mm) {{ doc.title | }}"),
            "C1",
            Some("templates/budget/cover.typ:3:27"),
            BUILD,
        ),
        case("tera_unknown_variable", |r| line(r, COVER, 3, "  #v(60mm) {{ nope }}"), "C1", Some("templates/budget/cover.typ:3:15"), BUILD),
        case(
            "tera_unknown_field",
            |r| line(r, COVER, 3, "  #v(60mm) {{ doc.nope }}"),
            "C1",
            Some("templates/budget/cover.typ:3:19"),
            BUILD,
        ),
        case(
            "tera_unknown_filter",
            |r| line(r, COVER, 3, "  #v(60mm) {{ doc.title | shout }}"),
            "C1",
            Some("templates/budget/cover.typ:3:27"),
            BUILD,
        ),
        case(
            "tera_stray_tag_in_check",
            |r| line(r, COVER, 3, "  #v(60mm) {% endif %}"),
            "C1",
            Some("templates/budget/cover.typ:3:15"),
            &["check", "普陀城运", "2024"],
        ),
        case("template_not_utf8", |r| write(r, COVER, b"#page[\xff\xfe]\n"), "C2", Some("templates/budget/cover.typ"), BUILD),
        case("typst_syntax_error", |r| line(r, COVER, 3, "  #let x = (1, 2"), "C3", Some("templates/budget/cover.typ:3:12"), BUILD),
        case(
            "typst_runtime_error",
            |r| line(r, COVER, 3, "  #text(size: \"big\")[x]"),
            "C3",
            Some("templates/budget/cover.typ:3:15"),
            BUILD,
        ),
        case("typst_error_in_lib", |r| line(r, "templates/lib.typ", 3, "#let sans = nosuch"), "C3", Some("templates/lib.typ:3:13"), BUILD),
        case(
            "typst_error_in_a_loop",
            |r| line(r, "templates/budget/tables/t2.typ", 8, "  (nosuch, [x]),"),
            "C3",
            Some("templates/budget/tables/t2.typ:8:4"),
            BUILD,
        ),
        // A refused draft writes its generated source where the PDF would be, to look into.
        Case {
            written: &["2024/普陀城运/上海市普陀区2024年区级部门预算（草稿）.typ"],
            ..case(
                "typst_error_in_a_draft",
                |r| line(r, COVER, 3, "  #panic(\"封面坏了\")"),
                "C3",
                Some("templates/budget/cover.typ:3:4"),
                &["普陀城运", "2024", "--draft", "--keep-typ"],
            )
        },
        case(
            "style_bad_value_type",
            |r| style(r, "[tables]\ndecimals = \"two\"\n"),
            "C4",
            Some("templates/styles/测试/style.toml:2:12"),
            BUILD,
        ),
        case(
            "style_unknown_key",
            |r| style(r, "[tables]\nunit = \"元\"\nyuan = 1\n"),
            "C4",
            Some("templates/styles/测试/style.toml:3:1"),
            BUILD,
        ),
        case("style_bad_unit", |r| style(r, "[tables]\nunit = \"千元\"\n"), "C4", Some("templates/styles/测试/style.toml:2:8"), BUILD),
        case(
            "style_decimals_out_of_range",
            |r| style(r, "[prose]\npercent_decimals = 3\n"),
            "C4",
            Some("templates/styles/测试/style.toml:2:20"),
            BUILD,
        ),
        case(
            "style_syntax_error",
            |r| style(r, "[tables\nunit = \"元\"\n"),
            "C4",
            Some("templates/styles/测试/style.toml:1:8"),
            &["check", "普陀城运", "2024"],
        ),
        case("preview_port_in_use", |_| {}, "U6", None, &["preview", "普陀城运", "2024"]),
    ]
}

#[test]
fn broken_fonts_are_refused() {
    run_group("font_");
}

#[test]
fn broken_templates_are_located() {
    run_group("t");
}

#[test]
fn broken_style_files_are_located() {
    run_group("style_");
}

#[test]
fn a_busy_preview_port_is_refused() {
    run_group("preview_");
}

#[test]
fn the_corpus_covers_every_kind_of_set_up_error() {
    let all = cases();
    assert!(all.len() >= 12);
    for code in ["F1", "F2", "C1", "C2", "C3", "C4", "U6"] {
        assert!(all.iter().any(|c| c.code == code), "no case for {code}");
    }
}

/// Runs every case whose name starts with `prefix`, reporting all failures at once.
fn run_group(prefix: &str) {
    let failures: Vec<String> = cases()
        .into_iter()
        .filter(|c| c.name.starts_with(prefix))
        .filter_map(|c| check(&c).err().map(|e| format!("{}: {e}", c.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Breaks a scratch project as the case says, runs the CLI, and checks everything it must.
fn check(case: &Case) -> Result<(), String> {
    let (_dir, root) = common::scratch_project();
    (case.setup)(&root);
    let busy = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let mut args: Vec<String> = case.args.iter().map(|a| a.to_string()).collect();
    if case.args.first() == Some(&"preview") {
        args.extend(["--port".to_string(), busy.local_addr().unwrap().port().to_string()]);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(&args).arg("--root").arg(&root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    pin(case, &root, out.status.code(), &stderr, busy.local_addr().unwrap().port());
    let fail = |what: String| Err(format!("{what}\n{stderr}"));
    if out.status.code() != Some(case.exit) {
        return fail(format!("exit {:?}, expected {}", out.status.code(), case.exit));
    }
    if !stderr.contains(&format!("错误[{}]", case.code)) {
        return fail(format!("no {}", case.code));
    }
    if let Some(at) = case.at {
        let place = format!("--> {}", root.join(at).display());
        if !stderr.lines().any(|l| l.trim_start() == place) {
            return fail(format!("not located at {place}"));
        }
    }
    if let Some(english) = english_runs(&stderr).first() {
        return fail(format!("untranslated English: {english:?}"));
    }
    let written = files_under(&root.join("out"));
    let expected: Vec<PathBuf> = case.written.iter().map(PathBuf::from).collect();
    if written != expected {
        return fail(format!("wrote {written:?}, expected {expected:?}"));
    }
    Ok(())
}

/// Pins the case's complete stderr and exit status (tests/it/snapshots/setup__<name>.snap), the
/// scratch root and the busy port (a new one each run) replaced by placeholders.
fn pin(case: &Case, root: &Path, exit: Option<i32>, stderr: &str, port: u16) {
    let stderr = stderr.replace(&format!(":{port}"), ":[PORT]").replace(&format!(" {port}"), " [PORT]");
    crate::diagnostics_snapshots::pin("setup", case.name, root, exit, &stderr);
}

/// Runs of three or more English words in the message lines, outside code (`…`) and paths.
fn english_runs(stderr: &str) -> Vec<String> {
    let source_line = regex::Regex::new(r"^\s*\d+\s+\|").unwrap();
    let code = regex::Regex::new(r"`[^`]*`|\S*[/\\]\S*").unwrap();
    let words = regex::Regex::new(r"[A-Za-z]+(?: +[A-Za-z]+){2,}").unwrap();
    let lines = stderr.lines().filter(|l| !source_line.is_match(l));
    lines.flat_map(|l| words.find_iter(&code.replace_all(l, " ")).map(|m| m.as_str().to_string()).collect::<Vec<_>>()).collect()
}

/// Every file below `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let files = walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file());
    let mut found: Vec<PathBuf> = files.map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf()).collect();
    found.sort();
    found
}

/// Replaces the scratch fonts/ (hard links to the shipped files) by real copies, so a test that
/// damages a font damages only its own copy.
fn real_fonts(root: &Path) -> PathBuf {
    let fonts = root.join("fonts");
    if fonts.is_symlink() {
        std::fs::remove_file(&fonts).unwrap();
    } else if fonts.exists() {
        std::fs::remove_dir_all(&fonts).unwrap();
    }
    std::fs::create_dir(&fonts).unwrap();
    for name in ["NotoSansSC-Regular.otf", "NotoSerifSC-Bold.otf", "NotoSerifSC-Regular.otf"] {
        std::fs::copy(common::root().join("fonts").join(name), fonts.join(name)).unwrap();
    }
    fonts
}

fn font_file(root: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(real_fonts(root).join(name), bytes).unwrap();
}

fn font_removed(root: &Path, name: &str) {
    std::fs::remove_file(real_fonts(root).join(name)).unwrap();
}

fn shipped_font(name: &str) -> Vec<u8> {
    std::fs::read(common::root().join("fonts").join(name)).unwrap()
}

/// The first `percent` of a shipped font file, as a broken download leaves it.
fn truncated(name: &str, percent: usize) -> Vec<u8> {
    let mut bytes = shipped_font(name);
    bytes.truncate(bytes.len() * percent / 100);
    bytes
}

/// Reproducible bytes that are no font.
fn noise(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8).collect()
}

/// Replaces line `number` (1-based) of a project file.
fn line(root: &Path, file: &str, number: usize, text: &str) {
    let path = root.join(file);
    let old = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = old.split('\n').collect();
    lines[number - 1] = text;
    std::fs::write(path, lines.join("\n")).unwrap();
}

fn write(root: &Path, file: &str, bytes: &[u8]) {
    std::fs::write(root.join(file), bytes).unwrap();
}

/// A template set `测试` holding only a broken style.toml (every set's settings load at start).
fn style(root: &Path, text: &str) {
    let path = root.join(STYLE);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn markers_leave_every_shipped_pdf_byte_identical() {
    let (engine, templates, project) = (common::engine(), common::templates(), common::project());
    for (unit, year) in [("普陀城运", "2024"), ("安亭城运", "2024"), ("普陀城运", "2023"), ("松江城运", "2022")] {
        for mode in [Mode::Release, Mode::Draft] {
            for doc in Document::load_all(&project, unit, year).unwrap() {
                let options = BuildOptions { mode, ..BuildOptions::default() };
                let rendered = doc.render(&engine, &templates, &options).unwrap_or_else(|d| panic!("{unit} {year}: {d:?}"));
                let plain = strip_markers(&rendered.typst_source);
                assert!(plain.len() < rendered.typst_source.len(), "{unit} {year}: the source carries markers");
                assert!(!plain.contains("/*@"), "{unit} {year}: every marker is stripped");
                let ident = format!("{unit}-{year}-{}", rendered.title);
                let again = compile(&engine, plain, doc.year(), &ident, false).unwrap_or_else(|d| panic!("{d:?}"));
                assert!(again.pdf == rendered.compiled.pdf, "{unit} {year} {mode:?}: markers changed the PDF");
            }
        }
    }
}

#[test]
fn a_typst_error_is_named_by_template_line_in_every_template_set() {
    let (_dir, root) = common::scratch_project();
    let town = root.join("templates/styles/嘉定镇级/budget/cover.typ");
    let text = std::fs::read_to_string(&town).unwrap();
    let broken: Vec<String> =
        text.lines().enumerate().map(|(i, l)| if i == 2 { "  #let y = (".to_string() } else { l.to_string() }).collect();
    std::fs::write(&town, broken.join("\n") + "\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gen-budget")).args(["安亭城运", "2024", "--root"]).arg(&root).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("--> {}:3:", town.display())), "{stderr}");
    assert!(files_under(&root.join("out")).is_empty());
}
