//! The live preview in a real headless Chromium: edit the TOML, see the page change.
//!
//! Needs Debian's chromium and chromium-driver, which `.ci/run` installs.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Kills a child process when the test ends, pass or fail.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One HTTP/1.1 request with a JSON body; reads exactly Content-Length bytes of JSON back.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()).unwrap();
    let mut reader = BufReader::new(stream);
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap();
            }
        }
    }
    let mut json = vec![0; length];
    reader.read_exact(&mut json).unwrap();
    serde_json::from_slice(&json).unwrap_or(Value::Null)
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs a script in the page and returns its result.
fn eval(driver: u16, session: &str, script: &str) -> Value {
    http(driver, "POST", &format!("/session/{session}/execute/sync"), Some(&json!({ "script": script, "args": [] })))["value"].clone()
}

/// Polls a script until it returns something `done` accepts, or fails after `limit`.
fn poll(driver: u16, session: &str, script: &str, limit: Duration, done: impl Fn(&Value) -> bool) -> (Value, Duration) {
    let started = Instant::now();
    loop {
        let value = eval(driver, session, script);
        if done(&value) {
            return (value, started.elapsed());
        }
        assert!(started.elapsed() < limit, "the page did not change in time; last value {value}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn editing_the_toml_updates_the_page_in_the_browser() {
    assert!(std::path::Path::new("/usr/bin/chromedriver").exists(), "install Debian's chromium and chromium-driver (bash .ci/run does)");
    let (_dir, root) = common::scratch_project();
    let port = free_port();
    let mut preview = Command::new(env!("CARGO_BIN_EXE_gen-budget"))
        .args(["preview", "普陀城运", "2024", "--port", &port.to_string(), "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(preview.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let _preview = Guard(preview);
    assert!(first.contains(&format!("http://127.0.0.1:{port}/")), "{first}");

    let driver = free_port();
    let _chromedriver = Guard(Command::new("/usr/bin/chromedriver").arg(format!("--port={driver}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap());
    wait_for_port(driver);
    let profile = tempfile::tempdir().unwrap();
    let args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];
    let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    let caps = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome", "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args } } } });
    let created = http(driver, "POST", "/session", Some(&caps));
    let session = created["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {created}")).to_string();
    http(driver, "POST", &format!("/session/{session}/url"), Some(&json!({ "url": format!("http://127.0.0.1:{port}/") })));

    let state = "const s = document.getElementById('status'); return s ? [s.dataset.version, document.querySelectorAll('img.page').length, document.getElementById('findings').innerText] : null;";
    let (before, _) = poll(driver, &session, state, Duration::from_secs(20), |v| v[1].as_u64().unwrap_or(0) > 10);
    assert!(!before[2].as_str().unwrap().contains("W1"));

    let data = root.join("departments/普陀城运/2024.toml");
    let text = std::fs::read_to_string(&data).unwrap();
    std::fs::write(&data, text.replacen("change_reason = \"项目及人员增减变动\"", "change_reason = \"项目及人员增加减少变动\"", 1)).unwrap();
    let (after, elapsed) = poll(driver, &session, state, Duration::from_secs(10), |v| v[2].as_str().is_some_and(|f| f.contains("W1")));
    assert_ne!(after[0], before[0], "a new version is shown");
    assert!(after[1].as_u64().unwrap() > 10, "the pages are still shown in the draft");
    eprintln!("page updated {} ms after the save", elapsed.as_millis());

    // 与上一版比较: the reworded reason against the version saved before; not a git project.
    eval(driver, &session, "document.getElementById('compare-button').click(); return null;");
    let panel = "const p = document.getElementById('compare'); return p.hidden ? null : p.innerText;";
    let (shown, _) = poll(driver, &session, panel, Duration::from_secs(10), |v| v.as_str().is_some_and(|t| t.contains("与上次保存的版本比较") && t.contains("增加减少")));
    let shown = shown.as_str().unwrap();
    assert!(shown.contains("与最近一次提交（git HEAD）比较") && shown.contains("无法比较"), "outside git the committed comparison says why: {shown}");
    let marked = eval(driver, &session, "return [...document.querySelectorAll('#compare ins')].map(e => e.innerText).join('|');");
    assert!(!marked.as_str().unwrap().is_empty(), "the changed characters are marked: {marked}");
    http(driver, "DELETE", &format!("/session/{session}"), None);
}
