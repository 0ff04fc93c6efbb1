//! Draft preview on 127.0.0.1: SVG pages and findings, rebuilt within a second of a save.

mod compare;
mod content;
mod fonts;
mod page;
mod snapshot;

use crate::diag::Code;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::load::Project;
use crate::pipeline::{BuildOptions, Mode};
use crate::render::Templates;
use crate::typeset::Engine;

use snapshot::Snapshot;

/// One HTTP answer: status, content type, body, and whether the browser may keep it.
struct Reply(u16, &'static str, Vec<u8>, bool);

impl Reply {
    fn ok(kind: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply(200, kind, body.into(), false)
    }
}

/// A unit-year being previewed.
pub struct Preview {
    project: Project,
    unit: String,
    year: String,
    engine: Arc<Engine>,
    state: Mutex<Snapshot>,
    /// The data as saved before, for the 与上一版比较 view.
    baseline: Mutex<compare::Baseline>,
}

impl Preview {
    pub fn new(project: Project, unit: &str, year: &str, engine: Arc<Engine>) -> Self {
        Self { project, unit: unit.into(), year: year.into(), engine, state: Mutex::default(), baseline: Mutex::default() }
    }

    /// Files whose change triggers a rebuild: the unit-year's data, the catalogue and every template.
    fn watched(&self) -> Vec<PathBuf> {
        let mut files = vec![self.project.departments().join(&self.unit).join(format!("{}.toml", self.year))];
        let folder = walkdir::WalkDir::new(self.project.departments().join(&self.unit).join(&self.year)).into_iter().flatten();
        files.extend(folder.filter(|e| e.file_type().is_file()).map(|e| e.into_path()));
        files.push(self.project.root.join("catalog").join(format!("{}.toml", self.year)));
        // Last year's file feeds the cross-year checks (Y1–Y4).
        if let Some(previous) = self.year.parse::<i32>().ok().and_then(|y| y.checked_sub(1)) {
            files.push(self.project.departments().join(&self.unit).join(format!("{previous}.toml")));
        }
        let templates = walkdir::WalkDir::new(self.project.templates()).into_iter().flatten();
        files.extend(templates.filter(|e| e.file_type().is_file()).map(|e| e.into_path()));
        files
    }

    fn stamp(&self) -> Vec<(PathBuf, Option<SystemTime>, u64)> {
        self.watched()
            .into_iter()
            .map(|p| {
                let meta = std::fs::metadata(&p).ok();
                let modified = meta.as_ref().and_then(|m| m.modified().ok());
                let len = meta.map_or(0, |m| m.len());
                (p, modified, len)
            })
            .collect()
    }

    /// Rebuilds the draft; on failure the previous pages stay and the errors are shown.
    pub fn rebuild(&self) {
        let started = Instant::now();
        self.baseline.lock().expect("preview baseline lock").saw(compare::read_data(&self.project, &self.unit, &self.year));
        let result = Templates::load(&self.project.templates()).map_err(|d| Diagnostics(vec![d])).and_then(|templates| {
            let documents = Document::load_all(&self.project, &self.unit, &self.year)?;
            let options = BuildOptions { mode: Mode::Draft, ..BuildOptions::default() };
            documents.iter().map(|doc| doc.render(&self.engine, &templates, &options)).collect::<Result<Vec<_>, _>>()
        });
        let mut state = self.state.lock().expect("preview state lock");
        state.version += 1;
        state.build_ms = started.elapsed().as_millis();
        match result {
            Ok(rendered) => state.built(&self.project.root, &rendered),
            Err(diags) => state.stopped(&self.project.root, &diags),
        }
        drop(state);
        typst::comemo::evict(10);
    }

    /// Polls the watched files and rebuilds when any changes; never returns.
    pub fn watch(&self) {
        let mut last = self.stamp();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let now = self.stamp();
            if now != last {
                last = now;
                self.rebuild();
            }
        }
    }

    /// Answers one HTTP request.
    fn respond(&self, url: &str) -> Reply {
        let path = url.split('?').next().unwrap_or("/");
        if path.starts_with("/fonts/") {
            return match fonts::font(&self.project.fonts(), path) {
                Some(bytes) => Reply(200, "font/otf", bytes, true),
                None => Reply(404, "text/plain", b"not found".to_vec(), false),
            };
        }
        if path == "/compare" {
            let baseline = self.baseline.lock().expect("preview baseline lock");
            return Reply::ok("text/html; charset=utf-8", compare::compare_html(&self.project, &self.unit, &self.year, &baseline));
        }
        let state = self.state.lock().expect("preview state lock");
        match path {
            "/" => Reply::ok("text/html; charset=utf-8", page::page_html(&self.unit, &self.year)),
            "/version" => Reply::ok("text/plain", state.version.to_string()),
            "/stats" => Reply::ok(
                "application/json",
                format!("{{\"version\":{},\"build_ms\":{},\"pages\":{}}}", state.version, state.build_ms, state.pages.len()),
            ),
            "/content" => Reply::ok("text/html; charset=utf-8", content::content_html(&state)),
            _ => {
                let page = path.strip_prefix("/page/").and_then(|p| p.strip_suffix(".svg")).and_then(|n| n.parse::<usize>().ok());
                match page.and_then(|n| state.pages.get(n)) {
                    Some(sheet) => Reply::ok("image/svg+xml", sheet.svg.clone()),
                    None => Reply(404, "text/plain", b"not found".to_vec(), false),
                }
            }
        }
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
        let Reply(status, kind, body, keep) = preview.respond(request.url());
        let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("a valid header");
        let mut response = tiny_http::Response::from_data(body).with_status_code(status).with_header(header);
        if keep {
            response.add_header(tiny_http::Header::from_bytes("Cache-Control", "public, max-age=86400").expect("a valid header"));
        }
        let _ = request.respond(response);
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
