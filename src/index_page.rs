//! `out/<年>/index.html` of a batch: every unit with its files, status and findings, in the
//! preview's look and in the project's own font (copied once to `out/fonts/`), so the page reads
//! right opened from disk on any machine.

use crate::diag::Diagnostic;
use crate::html::escape as html;
use crate::load::Project;
use crate::manifest::{FindingRecord, Manifest, ManifestEntry, Status};
use crate::output::{sha256_hex, write_files};

/// The font the page names, from the project's fonts folder.
const FONT: &str = "NotoSansSC-Regular.otf";
/// Where the batch puts it, beside the year folders: `out/fonts/sans.otf`.
const FONT_COPY: &str = "fonts/sans.otf";

const STYLE: &str = "@font-face{font-family:\"GenBudget Sans\";src:url(\"../fonts/sans.otf\") format(\"opentype\")}\
body{font-family:\"GenBudget Sans\",\"Noto Sans SC\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#1d2329;font-size:14px}\
h1{font-size:1.4rem;font-weight:normal;color:#1f3a5f}h2{font-size:1.1rem;font-weight:normal;color:#1f3a5f;margin-top:2em}table{border-collapse:collapse}\
td,th{border:1px solid #d0d4da;padding:4px 8px;text-align:left;vertical-align:top}th{background:#1f3a5f;color:#fff;font-weight:normal}\
a{color:#1f5fa8}.badge{display:inline-block;padding:0 .4em;border-radius:2px;color:#fff;background:#2e7d32}tr.failed{background:#fdecea}tr.failed .badge{background:#b71c1c}\
td.num{text-align:right}td.error{color:#b71c1c;font-weight:bold;background:#fdecea}td.warning{color:#8a5a00;background:#fff4d6}code{font-size:.9em;color:#555}.note{color:#777}\
li.finding{margin:.4em 0;padding:.3em .6em;border-left:4px solid #e0a800;background:#fff8e6;list-style:none}li.finding.error{border-color:#c62828;background:#fdecea}\
.kind{display:inline-block;padding:0 .3em;margin-right:.4em;color:#fff;background:#b07800;border-radius:2px}li.error .kind{background:#b71c1c}.where,.hint{display:block;color:#555;font-size:.9em}";

/// Copies the project's font to `out/fonts/sans.otf` unless it is there already; a project
/// without it gets a page in the platform's fonts.
pub(crate) fn write_font(project: &Project) -> Result<(), Diagnostic> {
    let Ok(bytes) = std::fs::read(project.root.join("fonts").join(FONT)) else { return Ok(()) };
    let target = project.out().join(FONT_COPY);
    let same = std::fs::read(&target).is_ok_and(|old| sha256_hex(&old) == sha256_hex(&bytes));
    if same { Ok(()) } else { write_files(&project.out(), &[(target, bytes)]) }
}

/// The page: one row per unit (findings linked), then each unit's findings.
pub(crate) fn index_html(year: &str, manifest: &Manifest, changes: bool) -> String {
    let rows: String = manifest.units.iter().map(row).collect();
    let findings: String = manifest.units.iter().filter(|e| !e.findings.is_empty()).map(findings_section).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{year}年预算公开文件</title>\n<style>{STYLE}</style></head>\n<body><h1>{year}年预算公开文件</h1>\n{}<table><tr><th>单位</th><th>状态</th><th>文件</th><th>错误</th><th>警告</th><th>校验结果</th></tr>\n{rows}</table>\n{findings}<p class=\"note\">{}</p></body></html>\n",
        if changes { "<p><a href=\"changes.html\">各单位与上一版的变化</a></p>\n" } else { "" },
        html(&manifest.program),
        year = html(year),
    )
}

/// One unit's row.
fn row(e: &ManifestEntry) -> String {
    let (label, class) = match e.status {
        Status::Built => ("已生成", "ok"),
        Status::Skipped => ("未变化，沿用", "ok"),
        Status::Failed => ("失败", "failed"),
    };
    let mut docs: Vec<String> = e.documents.iter().map(|d| format!("<a href=\"{0}\">{0}</a>（{1} 页）", html(&d.file), d.pages)).collect();
    docs.extend(e.workbooks.iter().map(|w| format!("<a href=\"{0}\">{0}</a>（Excel）", html(&w.file))));
    let see =
        if e.findings.is_empty() { String::new() } else { format!("<a href=\"#findings-{}\">{} 条</a>", html(&e.unit), e.findings.len()) };
    let count =
        |n: usize, kind: &str| if n > 0 { format!("<td class=\"num {kind}\">{n}</td>") } else { "<td class=\"num\">0</td>".to_string() };
    format!(
        "<tr class=\"{class}\" id=\"{unit}\"><td>{unit}</td><td><span class=\"badge\">{label}</span></td><td>{}</td>{}{}<td>{see}</td></tr>\n",
        docs.join("<br>"),
        count(e.errors, "error"),
        count(e.warnings, "warning"),
        unit = html(&e.unit),
    )
}

/// A unit's findings, each with its code, place and hint.
fn findings_section(e: &ManifestEntry) -> String {
    let items: String = e.findings.iter().map(finding).collect();
    format!("<section id=\"findings-{0}\"><h2>{0} {1} 的校验结果</h2><ol>{items}</ol></section>\n", html(&e.unit), html(&e.year))
}

fn finding(f: &FindingRecord) -> String {
    let (class, kind) = if f.error { ("finding error", "错误") } else { ("finding", "警告") };
    let place = f.location.as_deref().map(|l| format!("<span class=\"where\">{}</span>", html(l))).unwrap_or_default();
    let hint = f.hint.as_deref().map(|h| format!("<span class=\"hint\">提示：{}</span>", html(h))).unwrap_or_default();
    format!("<li class=\"{class}\"><span class=\"kind\">{kind}</span><b>{}</b> {}{place}{hint}</li>", html(&f.code), html(&f.message))
}
