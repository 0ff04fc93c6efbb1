//! Saves pushed to the page: each edit of a figure reaches the DOM without a reload, only the
//! pages whose layout changed get new images, and the page's own log times every step from the
//! file write to the DOM change. `preview_bench` (ignored; benches/preview.sh) reports medians.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::common;
use crate::preview::driver::{Browser, Guard, preview};

/// One edit as the page saw it; moments in epoch milliseconds.
pub struct Update {
    pub written_at: u64,
    pub entry: Value,
}

impl Update {
    fn at(&self, key: &str) -> u64 {
        self.entry[key].as_u64().unwrap_or_else(|| panic!("no {key} in {}", self.entry))
    }

    /// Milliseconds from the file write to the page's DOM change.
    pub fn to_dom(&self) -> u64 {
        self.at("dom_at").saturating_sub(self.written_at)
    }

    /// Milliseconds from the write to the changed images in view having loaded.
    pub fn to_loaded(&self) -> u64 {
        self.at("loaded_at").saturating_sub(self.written_at)
    }

    /// Write → watcher, rebuild (of it gen-budget's own stages), SVG, event sent → DOM changed,
    /// DOM → images loaded.
    pub fn split(&self) -> [u64; 6] {
        let detect = self.at("seen_at").saturating_sub(self.written_at);
        let push = self.at("dom_at").saturating_sub(self.at("sent_at"));
        let load = self.at("loaded_at").saturating_sub(self.at("dom_at"));
        [detect, self.at("build_ms"), self.at("own_ms"), self.at("render_ms"), push, load]
    }
}

/// A previewed scratch project with the page open and its first build shown.
pub struct Session {
    pub _dir: tempfile::TempDir,
    pub data: PathBuf,
    pub server: Guard,
    pub browser: Browser,
}

pub fn open() -> Session {
    let (dir, root) = common::scratch_project();
    let (server, port) = preview(&root);
    let browser = Browser::open(&format!("http://127.0.0.1:{port}/"));
    browser.poll("return window.previewLog && window.previewLog.length;", Duration::from_secs(20), |v| v.as_u64().unwrap_or(0) > 0);
    Session { data: root.join("departments/普陀城运/2024.toml"), _dir: dir, server, browser }
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64
}

/// Sets the 政府采购 services figure (yuan, shown in 万元: a step of 10000 shows), waits until the page shows the build
/// and has loaded its changed images in view.
pub fn edit(session: &Session, figure: u64) -> Update {
    let shown = session.browser.eval("return window.previewLog.length;").as_u64().unwrap() as usize;
    let text = std::fs::read_to_string(&session.data).unwrap();
    let services = regex::Regex::new(r"(?m)^services = \d+").unwrap();
    assert!(services.is_match(&text), "the data has a services figure");
    let edited = services.replace(&text, format!("services = {figure}").as_str()).into_owned();
    let written_at = now_ms();
    write(&session.data, &edited);
    let script = format!("const e = window.previewLog[{shown}]; return e && e.loaded_at ? e : null;");
    let (entry, _) = session.browser.poll(&script, Duration::from_secs(20), |v| !v.is_null());
    Update { written_at, entry }
}

/// Saves as a plain editor does: truncate and write in place.
fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// Every page's image: its `src`, and whether it is the element that was there when marked.
const IMAGES: &str = "return [...document.querySelectorAll('img.page')].map(i => [i.getAttribute('src'), i.__marked === true]);";

/// Page images fetched since `window.__since`, as path and query.
const RESOURCES: &str = "const u = (e) => { const x = new URL(e.name); return x.pathname + x.search; }; return performance.getEntriesByType('resource').filter(e => e.startTime >= (window.__since || 0) && new URL(e.name).pathname.startsWith('/page/')).map(u);";

#[test]
fn an_edit_reaches_the_dom_and_only_changed_pages_are_fetched_again() {
    let session = open();
    let browser = &session.browser;
    // A first edit finds the page that shows the figure; it is brought into view so its new image loads.
    let first = edit(&session, 8_458_100);
    let changed: Vec<u64> = first.entry["changed"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    let pages = browser.eval("return document.querySelectorAll('img.page').length;").as_u64().unwrap();
    assert!(
        !changed.is_empty() && (changed.len() as u64) < pages,
        "an edit of one figure changes some pages, not all {pages}: {changed:?}"
    );
    browser.eval(&format!("document.getElementById('page-{}').scrollIntoView(); return null;", changed[0] + 1));

    for k in 2..5u64 {
        let before = browser.eval(IMAGES);
        let loaded_before: Vec<String> = browser
            .eval(&RESOURCES.replace("(window.__since || 0)", "0"))
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        browser.eval(
            "document.querySelectorAll('img.page').forEach(i => i.__marked = true); performance.clearResourceTimings(); return null;",
        );
        let update = edit(&session, 8_448_100 + k * 10_000);
        let after = browser.eval(IMAGES);
        let changed: Vec<usize> = update.entry["changed"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        assert!(!changed.is_empty(), "the figure's page changed: {}", update.entry);
        for (i, (old, new)) in before.as_array().unwrap().iter().zip(after.as_array().unwrap()).enumerate() {
            if changed.contains(&i) {
                assert_ne!(old[0], new[0], "page {i} changed and shows a new image");
                assert_eq!(new[1], false, "page {i} has a new image element");
            } else {
                assert_eq!((&old[0], &new[1]), (&new[0], &Value::Bool(true)), "page {i} is unchanged and keeps its image element");
            }
        }
        let fetched = browser.eval(RESOURCES);
        let fetched: Vec<&str> = fetched.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let shown = after[changed[0]][0].as_str().unwrap();
        assert!(fetched.contains(&shown), "the changed page in view was fetched: {shown} in {fetched:?}");
        // Scrolling may still bring in pages never loaded (lazy loading), but no image is fetched again.
        for url in &fetched {
            assert!(!loaded_before.iter().any(|u| u == url), "{url} was fetched again");
        }
        let loaded = browser
            .eval(&format!("const i = document.querySelector('#page-{} img'); return i.complete && i.naturalWidth > 0;", changed[0] + 1));
        assert_eq!(loaded, true, "the new image of page {} is drawn", changed[0] + 1);
        eprintln!("edit {k}: save → DOM {} ms, → image loaded {} ms; split {:?}", update.to_dom(), update.to_loaded(), update.split());
    }
    let dom = browser.eval("return [document.querySelectorAll('.sheet').length, document.getElementById('status').dataset.version];");
    assert!(dom[0].as_u64().unwrap() > 10 && dom[1].as_str().unwrap().parse::<u64>().unwrap() >= 5, "no reload, every build shown: {dom}");
}

/// The median of some measurements.
fn median(mut values: Vec<u64>) -> u64 {
    values.sort_unstable();
    values[values.len() / 2]
}

/// 20 edits of 普陀城运 2024: median save → DOM, its split, and the server's RSS afterwards.
#[test]
#[ignore = "a benchmark: bash benches/preview.sh"]
fn preview_bench() {
    let session = open();
    let first = edit(&session, 8_458_100);
    let page = first.entry["changed"][0].as_u64().unwrap() + 1;
    session.browser.eval(&format!("document.getElementById('page-{page}').scrollIntoView(); return null;"));
    let start = rss(&session);
    let updates: Vec<Update> = (1..=20).map(|k| edit(&session, 8_468_100 + k * 10_000)).collect();
    let part = |i: usize| median(updates.iter().map(|u| u.split()[i]).collect());
    let rss = format!("{start} MB after the first edit, {} MB after 20 more", rss(&session));
    let changed = median(updates.iter().map(|u| u.entry["changed"].as_array().unwrap().len() as u64).collect());
    println!(
        "preview 普陀城运 2024, 20 edits: save → DOM median {} ms (min {}, max {}); → changed image loaded median {} ms; split (medians): file event {} ms, rebuild {} ms (of it gen-budget's own stages {} ms, the rest Typst layout, no PDF export), SVG {} ms, push + DOM {} ms, image load {} ms; pages re-sent per edit {changed}; RSS {rss}",
        median(updates.iter().map(Update::to_dom).collect()),
        updates.iter().map(Update::to_dom).min().unwrap(),
        updates.iter().map(Update::to_dom).max().unwrap(),
        median(updates.iter().map(Update::to_loaded).collect()),
        part(0),
        part(1),
        part(2),
        part(3),
        part(4),
        part(5),
    );
}

/// The preview server's resident memory in MB.
fn rss(session: &Session) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", session.server.id())).unwrap();
    let kb = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap().split_whitespace().nth(1).unwrap();
    kb.parse::<u64>().unwrap() / 1024
}
