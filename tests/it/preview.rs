//! The live preview in a real headless Chromium: edit the TOML, see the page change.
//!
//! Needs Debian's chromium and chromium-driver, which `.ci/run` installs.

use crate::common;
#[path = "preview/driver.rs"]
mod driver;
#[path = "preview/edits.rs"]
mod edits;
#[path = "preview/failure.rs"]
mod failure;
#[path = "preview/navigation.rs"]
mod navigation;
#[path = "preview/reconnect.rs"]
mod reconnect;

use std::time::Duration;

use driver::{Browser, preview};

#[test]
fn editing_the_toml_updates_the_page_in_the_browser() {
    let (_dir, root) = common::scratch_project();
    let (_preview, port) = preview(&root);
    let browser = Browser::open(&format!("http://127.0.0.1:{port}/"));

    let state = "const s = document.getElementById('status'); return s ? [s.dataset.version, document.querySelectorAll('img.page').length, document.getElementById('findings').innerText] : null;";
    let (before, _) = browser.poll(state, Duration::from_secs(20), |v| v[1].as_u64().unwrap_or(0) > 10);
    assert!(!before[2].as_str().unwrap().contains("W1"));

    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("change_reason = \"项目及人员增减变动\"", "change_reason = \"项目及人员增加减少变动\"", 1))
        .unwrap();
    let (after, elapsed) = browser.poll(state, Duration::from_secs(10), |v| v[2].as_str().is_some_and(|f| f.contains("W1")));
    assert_ne!(after[0], before[0], "a new version is shown");
    assert!(after[1].as_u64().unwrap() > 10, "the pages are still shown in the draft");
    eprintln!("page updated {} ms after the save", elapsed.as_millis());

    // 与上一版比较: the reworded reason against the version saved before; not a git project.
    browser.eval("document.getElementById('compare-button').click(); return null;");
    let panel = "const p = document.getElementById('compare'); return p.hidden ? null : p.innerText;";
    let (shown, _) = browser
        .poll(panel, Duration::from_secs(10), |v| v.as_str().is_some_and(|t| t.contains("与上次保存的版本比较") && t.contains("增加减少")));
    let shown = shown.as_str().unwrap();
    assert!(
        shown.contains("与最近一次提交（git HEAD）比较") && shown.contains("无法比较"),
        "outside git the committed comparison says why: {shown}"
    );
    let marked = browser.eval("return [...document.querySelectorAll('#compare ins')].map(e => e.innerText).join('|');");
    assert!(!marked.as_str().unwrap().is_empty(), "the changed characters are marked: {marked}");
}
