//! Draft preview on 127.0.0.1: SVG pages and findings, rebuilt within a second of a save.

mod compare;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::diag::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::html::escape as html;
use crate::load::Project;
use crate::pipeline::{BuildOptions, Mode};
use crate::render::Templates;
use crate::typeset::Engine;

/// What the page shows: the last good pages, and the findings of the last build.
#[derive(Default)]
struct Snapshot {
    version: u64,
    /// Each page as SVG with its size in points.
    pages: Vec<(String, u32, u32)>,
    findings: Vec<String>,
    failed: bool,
    build_ms: u128,
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
            Ok(rendered) => {
                let size = |p: &typst_layout::Page| (p.frame.width().to_pt().round() as u32, p.frame.height().to_pt().round() as u32);
                let pages = rendered.iter().flat_map(|r| r.compiled.document.pages());
                state.pages = pages.map(|p| (typst_svg::svg(p, &typst_svg::SvgOptions::default()), size(p).0, size(p).1)).collect();
                state.findings = rendered.iter().flat_map(|r| r.diagnostics.iter().map(describe)).collect();
                state.failed = false;
            }
            Err(diags) => {
                state.findings = diags.iter().map(describe).collect();
                state.failed = true;
            }
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
    fn respond(&self, url: &str) -> (u16, &'static str, Vec<u8>) {
        let path = url.split('?').next().unwrap_or("/");
        if path == "/compare" {
            let baseline = self.baseline.lock().expect("preview baseline lock");
            return (200, "text/html; charset=utf-8", compare::compare_html(&self.project, &self.unit, &self.year, &baseline).into_bytes());
        }
        let state = self.state.lock().expect("preview state lock");
        if path == "/" {
            return (200, "text/html; charset=utf-8", page_html(&self.unit, &self.year).into_bytes());
        }
        if path == "/version" {
            return (200, "text/plain", state.version.to_string().into_bytes());
        }
        if path == "/stats" {
            let json = format!("{{\"version\":{},\"build_ms\":{},\"pages\":{}}}", state.version, state.build_ms, state.pages.len());
            return (200, "application/json", json.into_bytes());
        }
        if path == "/content" {
            return (200, "text/html; charset=utf-8", content_html(&state).into_bytes());
        }
        let page = path.strip_prefix("/page/").and_then(|p| p.strip_suffix(".svg")).and_then(|n| n.parse::<usize>().ok());
        match page.and_then(|n| state.pages.get(n)) {
            Some((svg, _, _)) => (200, "image/svg+xml", svg.clone().into_bytes()),
            None => (404, "text/plain", b"not found".to_vec()),
        }
    }
}

fn describe(d: &Diagnostic) -> String {
    d.to_string() + &d.hint.as_ref().map(|h| format!("　提示：{h}")).unwrap_or_default()
}

fn content_html(state: &Snapshot) -> String {
    let mut out = format!("<div id=\"status\" data-version=\"{}\">", state.version);
    out.push_str(if state.failed { "<p class=\"bad\">数据有错误，无法排版，显示的是上一次的页面。</p>" } else { "" });
    out.push_str(&format!("<h2>校验结果（{} 条）</h2><ol id=\"findings\">", state.findings.len()));
    for f in &state.findings {
        out.push_str(&format!("<li>{}</li>", html(f)));
    }
    out.push_str("</ol></div><div id=\"pages\">");
    // Lazy loading: the browser paints only the pages in view, so a refresh stays quick.
    for (i, (_, width, height)) in state.pages.iter().enumerate() {
        out.push_str(&format!("<img class=\"page\" loading=\"lazy\" width=\"{width}\" height=\"{height}\" src=\"/page/{i}.svg?v={}\" alt=\"第{}页\">", state.version, i + 1));
    }
    out.push_str("</div>");
    out
}

/// The page polls `/version` and swaps in `/content` when a rebuild finished.
fn page_html(unit: &str, year: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>预览：{unit} {year}（草稿）</title>
<style>body{{font-family:sans-serif;background:#eee;margin:1em}}#compare{{background:#fff;padding:1em;margin:1em 0;box-shadow:0 0 4px #999}}ins{{background:#e6ffec;text-decoration:none}}del{{background:#ffebe9}}img.page{{display:block;background:#fff;margin:1em auto;box-shadow:0 0 4px #999;max-width:100%}}.bad{{color:#b71c1c}}#findings li{{margin:.3em 0}}</style></head>
<body><h1>预览：{unit} {year}（草稿）</h1>
<p><button id="compare-button" onclick="toggleCompare()">与上一版比较</button></p>
<div id="compare" hidden></div><div id="content"></div>
<script>
let shown = -1;
async function refresh() {{
  try {{
    const v = await (await fetch('/version')).text();
    if (v !== String(shown)) {{
      document.getElementById('content').innerHTML = await (await fetch('/content')).text();
      shown = v;
      showCompare();
    }}
  }} catch (e) {{}}
  setTimeout(refresh, 100);
}}
async function showCompare() {{
  const panel = document.getElementById('compare');
  if (!panel.hidden) panel.innerHTML = await (await fetch('/compare')).text();
}}
function toggleCompare() {{
  const panel = document.getElementById('compare');
  panel.hidden = !panel.hidden;
  document.getElementById('compare-button').textContent = panel.hidden ? '与上一版比较' : '收起比较';
  showCompare();
}}
refresh();
</script></body></html>
"#,
        unit = html(unit),
        year = html(year)
    )
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
        let (status, kind, body) = preview.respond(request.url());
        let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("a valid header");
        let response = tiny_http::Response::from_data(body).with_status_code(status).with_header(header);
        let _ = request.respond(response);
    }
    Ok(())
}

/// U6 in Chinese: the socket error's kind says why (a port in use, no permission …).
fn bind_error(port: u16, err: &(dyn std::error::Error + 'static)) -> Diagnostic {
    let why = err.downcast_ref::<std::io::Error>().map_or_else(|| format!("系统拒绝（系统信息：{err}）"), crate::diag::io_reason);
    let hint = if port < 1024 { "1024 以下的端口需要管理员权限；换一个端口，例如 --port 8080" } else { "换一个端口，例如 --port 8080，或先结束占用该端口的程序" };
    Diagnostic::error("U6", format!("无法在 127.0.0.1:{port} 上启动预览：{why}")).hint(hint)
}
