//! `out/<年>/index.html` of a batch: every unit with its files, status and findings, in the
//! preview's look and in the project's own font (copied once to `out/fonts/`), so the page reads
//! right opened from disk on any machine.

use crate::diag::Diagnostic;
use crate::load::Project;
use crate::manifest::{FindingRecord, Manifest, ManifestEntry, Status};
use crate::output::{sha256_hex, write_files};
use serde::Serialize;

/// The font the page names, from the project's fonts folder.
const FONT: &str = "NotoSansSC-Regular.otf";
/// Where the batch puts it, beside the year folders: `out/fonts/sans.otf`.
const FONT_COPY: &str = "fonts/sans.otf";

/// Copies the project's font (or the built-in one) to `out/fonts/sans.otf` unless it is there
/// already; a fonts folder without it gets a page in the platform's fonts.
pub(crate) fn write_font(project: &Project) -> Result<(), Diagnostic> {
    let Some(bytes) = crate::typeset::font_files::named(&project.fonts(), FONT) else { return Ok(()) };
    let target = project.out().join(FONT_COPY);
    let same = std::fs::read(&target).is_ok_and(|old| sha256_hex(&old) == sha256_hex(&bytes));
    if same { Ok(()) } else { write_files(&project.out(), &[(target, bytes)]) }
}

/// The page: one row per unit (findings linked), then each unit's findings.
pub(crate) fn index_html(year: &str, manifest: &Manifest, changes: bool) -> String {
    let view = IndexView { year, program: &manifest.program, changes, units: manifest.units.iter().map(row).collect() };
    crate::html::render("index.html", "page", &view)
}

/// What `assets/html/index.html` shows.
#[derive(Serialize)]
struct IndexView<'a> {
    year: &'a str,
    program: &'a str,
    changes: bool,
    units: Vec<UnitRow<'a>>,
}

/// One unit's row and findings.
#[derive(Serialize)]
struct UnitRow<'a> {
    unit: &'a str,
    year: &'a str,
    class: &'static str,
    label: &'static str,
    files: Vec<FileLink<'a>>,
    errors: usize,
    warnings: usize,
    findings: &'a [FindingRecord],
}

/// A written file and what it is (`22 页`, `Excel`).
#[derive(Serialize)]
struct FileLink<'a> {
    file: &'a str,
    note: String,
}

fn row(e: &ManifestEntry) -> UnitRow<'_> {
    let (label, class) = match e.status {
        Status::Built => ("已生成", "ok"),
        Status::Skipped => ("未变化，沿用", "ok"),
        Status::Failed => ("失败", "failed"),
    };
    let mut files: Vec<FileLink> = e.documents.iter().map(|d| FileLink { file: &d.file, note: format!("{} 页", d.pages) }).collect();
    files.extend(e.workbooks.iter().map(|w| FileLink { file: &w.file, note: "Excel".to_string() }));
    UnitRow { unit: &e.unit, year: &e.year, class, label, files, errors: e.errors, warnings: e.warnings, findings: &e.findings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{DocumentRecord, WorkbookRecord};

    fn entry(unit: &str, status: Status, findings: Vec<FindingRecord>) -> ManifestEntry {
        ManifestEntry {
            unit: unit.into(),
            year: "2024".into(),
            status,
            documents: vec![DocumentRecord { file: format!("{unit}/a&b.pdf"), pages: 22, sha256: String::new() }],
            workbooks: vec![WorkbookRecord { file: format!("{unit}/a.xlsx"), sha256: String::new() }],
            warnings: 1,
            errors: 2,
            input_hash: String::new(),
            findings,
        }
    }

    #[test]
    fn unit_names_and_findings_are_escaped_by_tera() {
        let finding = FindingRecord {
            error: true,
            code: "T4".into(),
            message: "金额 <script>alert(1)</script> & \"x\"".into(),
            location: Some("departments/<b>/2024.toml:1:2".into()),
            hint: Some("写 <i> & 数字".into()),
        };
        let units = vec![entry("<script>甲&", Status::Failed, vec![finding]), entry("乙", Status::Built, vec![])];
        let page = index_html("2024", &Manifest { program: "gen-budget <0>".into(), shard: None, units }, true);
        assert!(!page.contains("<script>") && !page.contains("<b>/") && !page.contains("<i>"), "{page}");
        assert!(page.contains("<tr class=\"failed\" id=\"&lt;script&gt;甲&amp;\"><td>&lt;script&gt;甲&amp;</td>"), "{page}");
        assert!(page.contains("<a href=\"&lt;script&gt;甲&amp;/a&amp;b.pdf\">&lt;script&gt;甲&amp;/a&amp;b.pdf</a>（22 页）<br>"));
        assert!(page.contains("<b>T4</b> 金额 &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;<span class=\"where\">departments/&lt;b&gt;/2024.toml:1:2</span><span class=\"hint\">提示：写 &lt;i&gt; &amp; 数字</span></li>"));
        assert!(page.contains("<td class=\"num error\">2</td><td class=\"num warning\">1</td><td><a href=\"#findings-&lt;script&gt;甲&amp;\">1 条</a></td></tr>\n"));
        assert!(
            page.contains("<p><a href=\"changes.html\">") && page.ends_with("<p class=\"note\">gen-budget &lt;0&gt;</p></body></html>\n")
        );
    }
}
