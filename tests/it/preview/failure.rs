//! A save that stops the draft shows its diagnostic in full; the next good save brings the
//! pages back by itself.

use std::time::Duration;

use crate::common;
use crate::preview::driver::{Browser, preview};

#[test]
fn a_broken_save_shows_the_diagnostic_and_a_fixed_one_the_pages() {
    let (_dir, root) = common::scratch_project();
    let (_preview, port) = preview(&root);
    let browser = Browser::open(&format!("http://127.0.0.1:{port}/"));
    let state = "const s = document.getElementById('status'); const f = document.getElementById('failure'); return s ? [s.dataset.version, document.querySelectorAll('.sheet').length, f ? f.innerText : '', document.getElementById('pages').className] : null;";
    let (before, _) = browser.poll(state, Duration::from_secs(20), |v| v[1].as_u64().unwrap_or(0) > 10);
    assert_eq!(before[2], "", "no failure shown at first");

    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    let line = text.lines().position(|l| l == "change_reason = \"项目及人员增减变动\"").unwrap() + 1;
    std::fs::write(&data, text.replacen("change_reason = \"项目及人员增减变动\"", "change_reason = \"项目及人员增减变动", 1)).unwrap();
    let (broken, elapsed) = browser.poll(state, Duration::from_secs(10), |v| !v[2].as_str().unwrap_or_default().is_empty());
    let shown = broken[2].as_str().unwrap();
    eprintln!("diagnostic shown {} ms after the broken save", elapsed.as_millis());
    assert!(shown.contains("错误[T1]") && shown.contains("字符串缺少右引号"), "the code and message: {shown}");
    assert!(shown.contains(&format!("2024.toml:{line}:")), "the position: {shown}");
    assert!(
        shown.contains(&format!("{line} | change_reason = \"项目及人员增减变动")) && shown.contains('^'),
        "the snippet with its caret: {shown}"
    );
    assert!(shown.contains("提示"), "the hint: {shown}");
    assert_eq!(broken[3], "stale", "the last pages stay, marked out of date");
    let listed = browser.eval("return document.getElementById('findings').innerText;");
    assert!(listed.as_str().unwrap().contains("T1"), "the error is in the findings list too: {listed}");

    std::fs::write(&data, &text).unwrap();
    let (fixed, elapsed) = browser.poll(state, Duration::from_secs(10), |v| v[2] == "" && v[0] != broken[0]);
    eprintln!("pages back {} ms after the fixed save", elapsed.as_millis());
    assert!(fixed[1].as_u64().unwrap() > 10 && fixed[3] == "", "the pages are back and current: {fixed}");
    assert!(browser.eval("return document.querySelectorAll('a.mark').length;").as_u64().unwrap() > 0, "with their marks");
}
