//! `--all <年> --shard K/N` and `merge <年>`: shards run as parallel processes and merged give
//! exactly what one unsharded batch writes; bad specs and shards that do not fit are refused.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

fn gen_budget(root: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gen-budget"));
    command.args(args).arg("--root").arg(root).env_remove("JOB_COMPLETION_INDEX");
    command
}

fn run(root: &Path, args: &[&str]) -> Output {
    gen_budget(root, args).output().expect("binary runs")
}

/// 50 synthetic units of 2024 (from `synth`), two of them broken so statuses differ.
fn synthetic_project(units: usize) -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = common::scratch_project();
    std::fs::remove_dir_all(root.join("departments")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_synth"))
        .args(["--units", &units.to_string(), "--seed", "7", "--root"])
        .arg(&root)
        .arg("--catalog")
        .arg(common::root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for broken in ["综合管理中心007", "综合管理中心031"] {
        let file = root.join("departments").join(broken).join("2024.toml");
        std::fs::write(&file, std::fs::read_to_string(&file).unwrap() + "\n未知字段 = 1\n").unwrap();
    }
    (dir, root)
}

/// Every file under `out/<年>/` with its SHA-256, by path relative to the year folder.
fn written(root: &Path) -> Vec<(String, String)> {
    let year = root.join("out/2024");
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(&year)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(&year).unwrap().display().to_string(), e.path().to_path_buf()))
        .filter(|(name, _)| name.ends_with(".pdf") || name.ends_with(".xlsx"))
        .map(|(name, path)| (name, gen_budget::output::sha256_hex(&std::fs::read(path).unwrap())))
        .collect();
    files.sort();
    files
}

fn read(root: &Path, name: &str) -> String {
    std::fs::read_to_string(root.join("out/2024").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn units_of(manifest: &str) -> Vec<(String, String)> {
    let m: serde_json::Value = serde_json::from_str(manifest).unwrap();
    let unit = |u: &serde_json::Value| (u["unit"].as_str().unwrap().to_string(), u["status"].as_str().unwrap().to_string());
    m["units"].as_array().unwrap().iter().map(unit).collect()
}

#[test]
fn three_parallel_shards_merged_equal_one_unsharded_run() {
    let (_dir, root) = synthetic_project(50);
    let started = Instant::now();
    let children: Vec<_> = (1..=3)
        .map(|k| {
            gen_budget(&root, &["--all", "2024", "--shard", &format!("{k}/3")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let shard_exits: Vec<Option<i32>> = children.into_iter().map(|c| c.wait_with_output().unwrap().status.code()).collect();
    let sharded = started.elapsed();
    assert!(shard_exits.iter().all(|c| matches!(c, Some(0 | 1))), "{shard_exits:?}");
    assert!(shard_exits.contains(&Some(1)), "the shards holding a broken unit fail: {shard_exits:?}");
    assert!(!root.join("out/2024/index.html").exists() && !root.join("out/2024/manifest.json").exists(), "a shard writes neither");
    let sizes: Vec<usize> = (1..=3).map(|k| units_of(&read(&root, &format!("manifest.shard-{k}-of-3.json"))).len()).collect();
    assert_eq!(sizes.iter().sum::<usize>(), 50, "{sizes:?}");
    assert!(sizes.iter().all(|&n| n >= 8), "every shard has a fair part: {sizes:?}");
    eprintln!("shard sizes {sizes:?}");

    let merge = run(&root, &["merge", "2024"]);
    assert_eq!(merge.status.code(), Some(1), "merge exits as the batch would: {}", String::from_utf8_lossy(&merge.stderr));
    assert!(String::from_utf8_lossy(&merge.stdout).contains("已合并 3 个分片：共 50 个单位，生成 48，跳过 0，失败 2"));
    let (manifest, index, files) = (read(&root, "manifest.json"), read(&root, "index.html"), written(&root));
    assert_eq!(files.len(), 96, "48 PDFs and 48 workbooks");

    let started = Instant::now();
    let whole = run(&root, &["--all", "2024", "--force"]);
    eprintln!("50 units: 3 parallel shards {:.1} s, one unsharded run {:.1} s", sharded.as_secs_f64(), started.elapsed().as_secs_f64());
    assert_eq!(whole.status.code(), Some(1));
    let statuses = units_of(&read(&root, "manifest.json"));
    assert_eq!(units_of(&manifest), statuses);
    assert_eq!(statuses.iter().filter(|(_, s)| s == "failed").count(), 2);
    assert!(manifest == read(&root, "manifest.json"), "merged manifest.json differs from the unsharded one");
    assert!(index == read(&root, "index.html"), "merged index.html differs from the unsharded one");
    assert_eq!(files, written(&root), "every PDF and workbook has the same bytes");
}

/// A scratch project of two 2024 units, one in each of two shards: 甲单位 (1/2) and 普陀城运 (2/2).
fn two_units() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = common::scratch_project();
    std::fs::remove_dir_all(root.join("departments/安亭城运")).unwrap();
    std::fs::create_dir_all(root.join("departments/甲单位")).unwrap();
    std::fs::copy(root.join("departments/普陀城运/2024.toml"), root.join("departments/甲单位/2024.toml")).unwrap();
    (dir, root)
}

fn two_shards() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = two_units();
    for k in ["1/2", "2/2"] {
        let out = run(&root, &["--all", "2024", "--shard", k]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    (dir, root)
}

/// Merge refuses with U17, saying `expected`, and writes nothing.
fn refused(root: &Path, expected: &str) {
    let out = run(root, &["merge", "2024"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("[U17]") && stderr.contains(expected), "expected “{expected}”:\n{stderr}");
    assert!(!root.join("out/2024/manifest.json").exists() && !root.join("out/2024/index.html").exists(), "nothing is written");
}

fn edit_shard(root: &Path, k: usize, edit: impl Fn(&mut serde_json::Value)) {
    let path = root.join(format!("out/2024/manifest.shard-{k}-of-2.json"));
    let mut m: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut m);
    std::fs::write(path, serde_json::to_string_pretty(&m).unwrap()).unwrap();
}

#[test]
fn merge_refuses_shards_that_do_not_fit() {
    let (_dir, root) = common::scratch_project();
    refused(&root, "没有分片清单");

    let (_dir, root) = two_shards();
    assert_eq!(units_of(&read(&root, "manifest.shard-1-of-2.json")), [("甲单位".to_string(), "built".to_string())]);
    let shard2 = root.join("out/2024/manifest.shard-2-of-2.json");
    let saved = std::fs::read(&shard2).unwrap();
    std::fs::remove_file(&shard2).unwrap();
    refused(&root, "缺少分片 2/2");
    std::fs::write(&shard2, &saved).unwrap();

    let mut other_n: serde_json::Value = serde_json::from_slice(&saved).unwrap();
    (other_n["shard"]["number"], other_n["shard"]["count"], other_n["units"]) = (1.into(), 3.into(), serde_json::json!([]));
    std::fs::write(root.join("out/2024/manifest.shard-1-of-3.json"), other_n.to_string()).unwrap();
    refused(&root, "分片数 N 不一致");
    std::fs::remove_file(root.join("out/2024/manifest.shard-1-of-3.json")).unwrap();

    edit_shard(&root, 2, |m| {
        let mut twin = m["units"][0].clone();
        twin["unit"] = "甲单位".into();
        m["units"].as_array_mut().unwrap().push(twin);
    });
    refused(&root, "单位“甲单位”同时出现在分片 1/2 和 2/2 中");
    std::fs::write(&shard2, &saved).unwrap();

    edit_shard(&root, 2, |m| m["shard"]["executable"] = "0".repeat(64).into());
    refused(&root, "分片 2/2 与分片 1/2 所用的程序不同");
    std::fs::write(&shard2, &saved).unwrap();

    std::fs::write(root.join("out/2024/manifest.shard-2-of-2.json"), "{").unwrap();
    refused(&root, "无法读取");
    std::fs::write(&shard2, &saved).unwrap();

    // A real mismatch: shard 2 rebuilt after a template changed.
    let toc = root.join("templates/budget/toc.typ");
    let shipped = std::fs::read(&toc).unwrap();
    std::fs::write(&toc, "#page[目 录]\n").unwrap();
    assert!(run(&root, &["--all", "2024", "--shard", "2/2"]).status.success());
    refused(&root, "分片 2/2 与分片 1/2 所用的模板不同");
    std::fs::write(&toc, shipped).unwrap();
    assert!(run(&root, &["--all", "2024", "--shard", "2/2"]).status.success(), "back to the shipped templates");
    let merged = run(&root, &["merge", "2024"]);
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
    assert_eq!(units_of(&read(&root, "manifest.json")).len(), 2);
    assert!(root.join("out/fonts/sans.otf").is_file(), "merge copies the index page's font");
}

#[test]
fn bad_shard_specs_are_usage_errors_and_auto_reads_the_job_index() {
    let (_dir, root) = common::scratch_project();
    for (args, expected) in [
        (vec!["--all", "2024", "--shard", "0/3"], "序号 K 应在 1 到 3 之间"),
        (vec!["--all", "2024", "--shard", "4/3"], "序号 K 应在 1 到 3 之间"),
        (vec!["--all", "2024", "--shard", "a/b"], "分片数 N 应为正整数"),
        (vec!["--all", "2024", "--shard", "auto/3"], "需要环境变量 JOB_COMPLETION_INDEX"),
        (vec!["--all", "--shard", "1/3"], "--shard 需要指定年度"),
        (vec!["--all", "2024", "--shard", "1/3", "--diff-against", "HEAD"], "不能与 --diff-against 同用"),
    ] {
        let out = run(&root, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("[U16]") && stderr.contains(expected), "{args:?}: {stderr}");
    }
    let out = gen_budget(&root, &["--all", "2024", "--shard", "auto/3"]).env("JOB_COMPLETION_INDEX", "3").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("应为 0 到 2 之间的整数"));
    assert!(!root.join("out").exists(), "a refused spec writes nothing");
    // Index 0 is shard 1/2 (甲单位's, not the shipped units'): an empty shard still writes its manifest.
    let out = gen_budget(&root, &["--all", "2024", "--shard", "auto/2"]).env("JOB_COMPLETION_INDEX", "0").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(units_of(&read(&root, "manifest.shard-1-of-2.json")), []);
}

#[test]
fn the_new_codes_have_their_readme_rows() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    for code in [gen_budget::diag::Code::U16, gen_budget::diag::Code::U17] {
        for (kind, meaning) in code.rows() {
            let row = format!("| {code} | {} | {meaning} |", kind.word());
            assert!(readme.contains(&row), "README lacks {row}");
        }
    }
}

#[test]
fn merge_refuses_a_unit_added_after_the_shards_ran() {
    let (_dir, root) = two_shards();
    std::fs::create_dir_all(root.join("departments/乙单位")).unwrap();
    std::fs::copy(root.join("departments/普陀城运/2024.toml"), root.join("departments/乙单位/2024.toml")).unwrap();
    refused(&root, "单位“乙单位”有 departments/乙单位/2024.toml，但不在任何分片清单中");
    let k = gen_budget::shard::Shard::of("乙单位", 2);
    let stderr = String::from_utf8_lossy(&run(&root, &["merge", "2024"]).stderr).to_string();
    assert!(stderr.contains(&format!("重新运行它所属的分片 gen-budget --all 2024 --shard {k}/2")), "{stderr}");
    assert!(run(&root, &["--all", "2024", "--shard", &format!("{k}/2")]).status.success(), "the hinted shard builds it");
    let merged = run(&root, &["merge", "2024"]);
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
    assert_eq!(units_of(&read(&root, "manifest.json")).len(), 3);
}

#[test]
fn shards_run_from_two_roots_with_the_same_fonts_merge() {
    let (_dir, root) = two_shards();
    let (_other, elsewhere) = two_units();
    // Real copies instead of the hard links: other paths, other inodes, other modification times.
    let fonts = elsewhere.join("fonts");
    std::fs::remove_dir_all(&fonts).unwrap();
    std::fs::create_dir(&fonts).unwrap();
    for entry in std::fs::read_dir(common::root().join("fonts")).unwrap().flatten() {
        std::fs::copy(entry.path(), fonts.join(entry.file_name())).unwrap();
    }
    let fingerprint = gen_budget::typeset::font_files::contents_fingerprint;
    assert_eq!(fingerprint(&root.join("fonts")), fingerprint(&fonts));
    let shard2 = |r: &Path| r.join("out/2024/manifest.shard-2-of-2.json");
    let rerun = |extra: &[&str]| {
        let out = run(&elsewhere, &[&["--all", "2024", "--shard", "2/2"], extra].concat());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        std::fs::copy(shard2(&elsewhere), shard2(&root)).unwrap();
    };
    rerun(&[]);
    let header =
        |r: &Path| serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(shard2(r)).unwrap()).unwrap()["shard"].clone();
    assert_eq!(header(&root)["fonts"].as_str().unwrap(), fingerprint(&fonts), "the manifest records the contents' fingerprint");
    let merged = run(&root, &["merge", "2024"]);
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
    // Other contents are still refused: one more font file in the other root.
    std::fs::copy(fonts.join("NotoSansSC-Regular.otf"), fonts.join("Extra.otf")).unwrap();
    assert_ne!(fingerprint(&root.join("fonts")), fingerprint(&fonts));
    rerun(&["--force"]);
    std::fs::remove_file(root.join("out/2024/manifest.json")).unwrap();
    std::fs::remove_file(root.join("out/2024/index.html")).unwrap();
    refused(&root, "分片 2/2 与分片 1/2 所用的字体不同");
}

/// A project holding only its data, as the container image runs it: fonts and templates are the
/// ones compiled into the binary.
#[test]
fn a_shard_built_with_the_built_in_fonts_and_templates_merges_with_one_built_from_the_folders() {
    let (_dir, root) = two_shards();
    let (_other, elsewhere) = two_units();
    for folder in ["fonts", "templates"] {
        let path = elsewhere.join(folder);
        if path.is_symlink() { std::fs::remove_file(&path) } else { std::fs::remove_dir_all(&path) }.unwrap();
    }
    let out = run(&elsewhere, &["--all", "2024", "--shard", "2/2"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shard2 = "out/2024/manifest.shard-2-of-2.json";
    // Findings name their (different) scratch folders and the input hash covers the fonts' origin:
    // the files and their sha256 must be equal.
    let files = |r: &Path| {
        let manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(r.join(shard2)).unwrap()).unwrap();
        manifest["units"].as_array().unwrap().iter().map(|u| (u["documents"].clone(), u["workbooks"].clone())).collect::<Vec<_>>()
    };
    assert!(!files(&root).is_empty());
    assert_eq!(files(&elsewhere), files(&root), "the same files with the same sha256 as from the folders");
    std::fs::copy(elsewhere.join(shard2), root.join(shard2)).unwrap();
    let merged = run(&root, &["merge", "2024"]);
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
}
