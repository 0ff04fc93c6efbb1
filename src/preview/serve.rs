//! The preview's HTTP side: the page, its fragment, page images named by hash, the event stream.

use std::sync::Arc;

use crate::diag::{Code, Diagnostic};

use super::{Preview, compare, content, fonts, page, push};

/// How long the browser may keep an answer: not at all, or for good (fonts, images named by hash).
#[derive(Clone, Copy, PartialEq)]
enum Keep {
    No,
    Forever,
}

/// One HTTP answer: status, content type, body, and whether the browser may keep it.
struct Reply(u16, &'static str, Vec<u8>, Keep);

impl Reply {
    fn ok(kind: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply(200, kind, body.into(), Keep::No)
    }

    fn not_found() -> Self {
        Reply(404, "text/plain", b"not found".to_vec(), Keep::No)
    }
}

impl Preview {
    /// Answers one HTTP request other than the event stream.
    fn respond(&self, url: &str) -> Reply {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        if path.starts_with("/fonts/") {
            return fonts::font(&self.project.fonts(), path).map_or_else(Reply::not_found, |b| Reply(200, "font/otf", b, Keep::Forever));
        }
        if path == "/compare" {
            let baseline = self.baseline.lock().expect("preview baseline lock");
            return Reply::ok("text/html; charset=utf-8", compare::compare_html(&self.project, &self.unit, &self.year, &baseline));
        }
        let state = self.state.lock().expect("preview state lock");
        match path {
            "/" => Reply::ok("text/html; charset=utf-8", page::page_html(&self.unit, &self.year)),
            "/version" => Reply::ok("text/plain", state.version.to_string()),
            "/stats" => Reply::ok("application/json", super::summary(&state, std::time::Instant::now())),
            "/content" => Reply::ok("text/html; charset=utf-8", content::content_html(&state)),
            _ => {
                let page = path.strip_prefix("/page/").and_then(|p| p.strip_suffix(".svg")).and_then(|n| n.parse::<usize>().ok());
                match page.and_then(|n| state.pages.get(n)) {
                    // The URL names the hash of what it shows: kept for good when it is the current one.
                    Some(sheet) => {
                        let keep = if query == format!("h={}", sheet.hash) { Keep::Forever } else { Keep::No };
                        Reply(200, "image/svg+xml", sheet.svg.as_bytes().to_vec(), keep)
                    }
                    None => Reply::not_found(),
                }
            }
        }
    }

    /// `/events`: the current state at once (a reconnecting page catches up), then each rebuild.
    fn events(&self, request: tiny_http::Request) {
        let feed = self.hub.subscribe();
        let first = push::event(&super::summary(&self.state.lock().expect("preview state lock"), std::time::Instant::now()));
        std::thread::spawn(move || push::stream(request, first, feed));
    }
}

/// Serves the preview until the process ends; the port is taken before the first build, so a
/// busy port is reported at once.
pub fn serve(preview: Arc<Preview>, port: u16) -> Result<(), Diagnostic> {
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| bind_error(port, e.as_ref()))?;
    preview.rebuild();
    let addr = server.server_addr().to_ip().map(|a| a.to_string()).unwrap_or_default();
    println!("预览地址：http://{addr}/（保存数据或模板后自动刷新，Ctrl-C 结束）");
    let watcher = preview.clone();
    std::thread::spawn(move || watcher.watch());
    for request in server.incoming_requests() {
        if request.url() == "/events" {
            preview.events(request);
            continue;
        }
        let Reply(status, kind, body, keep) = preview.respond(request.url());
        let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("a valid header");
        let cache = if keep == Keep::Forever { "public, max-age=31536000, immutable" } else { "no-store" };
        let cache = tiny_http::Header::from_bytes("Cache-Control", cache).expect("a valid header");
        let _ = request.respond(tiny_http::Response::from_data(body).with_status_code(status).with_header(header).with_header(cache));
    }
    Ok(())
}

/// U6 in Chinese: the socket error's kind says why (a port in use, no permission …).
fn bind_error(port: u16, err: &(dyn std::error::Error + 'static)) -> Diagnostic {
    let why = err.downcast_ref::<std::io::Error>().map_or_else(|| format!("系统拒绝（系统信息：{err}）"), crate::diag::io_reason);
    let hint = if port < 1024 {
        "1024 以下的端口需要管理员权限；换一个端口，例如 --port 8080"
    } else {
        "换一个端口，例如 --port 8080，或先结束占用该端口的程序"
    };
    Diagnostic::error(Code::U6, format!("无法在 127.0.0.1:{port} 上启动预览：{why}")).hint(hint)
}
