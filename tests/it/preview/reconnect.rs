//! The event stream drops when the server goes away; the page reconnects by itself, catches up
//! with the new server's state and keeps updating on saves.

use std::time::Duration;

use crate::common;
use crate::preview::driver::{Browser, free_port, preview_on};

#[test]
fn the_page_reconnects_when_the_preview_comes_back() {
    let (_dir, root) = common::scratch_project();
    let port = free_port();
    let server = preview_on(&root, port);
    let browser = Browser::open(&format!("http://127.0.0.1:{port}/"));
    let log = "return window.previewLog ? window.previewLog.map(e => e.version) : [];";
    browser.poll(log, Duration::from_secs(20), |v| v.as_array().is_some_and(|a| a.len() == 1));
    browser.eval("document.body.__same = true; return null;");

    drop(server);
    let _server = preview_on(&root, port);
    // The new process starts again at version 1 and sends it as soon as the page reconnects.
    let (versions, _) = browser.poll(log, Duration::from_secs(20), |v| v.as_array().is_some_and(|a| a.len() == 2));
    assert_eq!(versions, serde_json::json!([1, 1]), "the restarted preview's first build is shown");

    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("services = 8448100", "services = 8458100", 1)).unwrap();
    let (versions, _) = browser.poll(log, Duration::from_secs(20), |v| v.as_array().is_some_and(|a| a.len() == 3));
    assert_eq!(versions[2], 2, "a save after the reconnect is pushed");
    let status = browser.eval("return [document.getElementById('status').dataset.version, document.body.__same === true];");
    assert_eq!(status, serde_json::json!(["2", true]), "shown without reloading the page");
}
