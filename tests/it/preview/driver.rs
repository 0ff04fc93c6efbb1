//! The preview server and a headless Chromium driven through chromedriver (WebDriver).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Kills a child process when the test ends, pass or fail.
pub struct Guard(Child);

impl Guard {
    /// The child's process id, for reading its memory use.
    pub fn id(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One HTTP/1.1 request with a JSON body; reads exactly Content-Length bytes of JSON back.
pub fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Value {
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
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
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

/// Starts `gen-budget preview 普陀城运 2024` on a free port; returns it once it is listening.
pub fn preview(root: &Path) -> (Guard, u16) {
    let port = free_port();
    (preview_on(root, port), port)
}

/// Starts the preview on a given port; returns once it is listening.
pub fn preview_on(root: &Path, port: u16) -> Guard {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gen-budget"))
        .args(["preview", "普陀城运", "2024", "--port", &port.to_string(), "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(first.contains(&format!("http://127.0.0.1:{port}/")), "{first}");
    Guard(child)
}

/// A headless Chromium session with its own profile; ended when dropped.
pub struct Browser {
    driver: u16,
    session: String,
    _chromedriver: Guard,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn open(url: &str) -> Browser {
        assert!(Path::new("/usr/bin/chromedriver").exists(), "install Debian's chromium and chromium-driver (bash .ci/run does)");
        let driver = free_port();
        let chromedriver = Guard(
            Command::new("/usr/bin/chromedriver")
                .arg(format!("--port={driver}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        wait_for_port(driver);
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--window-size=1440,900",
            "--hide-scrollbars",
        ];
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let caps = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome", "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args } } } });
        let created = http(driver, "POST", "/session", Some(&caps));
        let session = created["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {created}")).to_string();
        http(driver, "POST", &format!("/session/{session}/url"), Some(&json!({ "url": url })));
        Browser { driver, session, _chromedriver: chromedriver, _profile: profile }
    }

    /// Runs a script in the page and returns its result.
    pub fn eval(&self, script: &str) -> Value {
        http(self.driver, "POST", &format!("/session/{}/execute/sync", self.session), Some(&json!({ "script": script, "args": [] })))["value"].clone()
    }

    /// Polls a script until it returns something `done` accepts, or fails after `limit`.
    pub fn poll(&self, script: &str, limit: Duration, done: impl Fn(&Value) -> bool) -> (Value, Duration) {
        let started = Instant::now();
        loop {
            let value = self.eval(script);
            if done(&value) {
                return (value, started.elapsed());
            }
            assert!(started.elapsed() < limit, "the page did not change in time; last value {value}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The window as a PNG.
    pub fn screenshot(&self) -> Vec<u8> {
        let shot = http(self.driver, "GET", &format!("/session/{}/screenshot", self.session), None);
        base64(shot["value"].as_str().expect("a base64 screenshot"))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        http(self.driver, "DELETE", &format!("/session/{}", self.session), None);
    }
}

/// Standard base64 (WebDriver's screenshot encoding) to bytes.
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/').map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, d)| acc | (u32::from(*d) << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}
