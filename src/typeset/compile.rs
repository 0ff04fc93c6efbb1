//! Compiles generated Typst source, rejects missing glyphs, exports reproducible PDF.

use crate::diag::Code;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst::WorldExt;
use typst::foundations::{Datetime, Smart};
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use super::doc_title::display_doc_title;
use super::pdf_kind::{PdfKind, standard_message};
use super::world::{DocWorld, Engine};
use crate::diag::Diagnostic;
use crate::render::{located, messages, source_map};

/// A laid-out document and its PDF bytes.
pub struct Compiled {
    pub document: PagedDocument,
    /// The exported PDF; `None` when the build only laid the pages out (the preview).
    pub pdf: Option<Vec<u8>>,
    /// Typst's warnings about the generated source, as C3 warnings at the template line.
    pub warnings: Vec<Diagnostic>,
}

impl Compiled {
    pub fn page_count(&self) -> usize {
        self.document.pages().len()
    }
}

/// Compiles `source` with a fixed date; `ident` makes the PDF's id stable per document.
pub fn compile(engine: &Arc<Engine>, source: String, year: i32, ident: &str, pdf: impl Into<PdfKind>) -> Result<Compiled, Vec<Diagnostic>> {
    let (world, mut compiled) = typeset(engine, source, year, ident)?;
    let options = pdf_options(pdf.into(), ident, new_year(year)).map_err(|d| vec![d])?;
    let pdf = typst_pdf::pdf(&compiled.document, &options)
        .map_err(|errs| refused(&world, ident, &errs).into_iter().zip(&errs).map(|(d, e)| export_error(d, e)).collect::<Vec<_>>())?;
    compiled.pdf = Some(display_doc_title(pdf).map_err(|why| vec![doc_title_error(&why)])?);
    Ok(compiled)
}

/// Lays `source` out without exporting a PDF: the preview shows pages and writes nothing.
pub fn lay_out(engine: &Arc<Engine>, source: String, year: i32, ident: &str) -> Result<Compiled, Vec<Diagnostic>> {
    typeset(engine, source, year, ident).map(|(_, compiled)| compiled)
}

/// Typst's layout of `source`, refusing missing glyphs; the world stays for the export's messages.
fn typeset(engine: &Arc<Engine>, source: String, year: i32, ident: &str) -> Result<(DocWorld, Compiled), Vec<Diagnostic>> {
    let world = DocWorld::new(engine.clone(), source, new_year(year));
    let warned = typst::compile::<PagedDocument>(&world);
    let document = warned.output.map_err(|errs| refused(&world, ident, &errs))?;
    let warnings = refused(&world, ident, &warned.warnings).into_iter().map(as_warning).collect();
    let missing = missing_glyphs(&document);
    if !missing.is_empty() {
        return Err(vec![missing_glyph_error(&missing)]);
    }
    Ok((world, Compiled { document, pdf: None, warnings }))
}

/// The document's fixed date, January 1st of its year: the same input gives the same bytes.
fn new_year(year: i32) -> Datetime {
    Datetime::from_ymd(year, 1, 1).expect("January 1st exists")
}

/// The catalog edit that shows the title could not be made: the file is not written without it.
fn doc_title_error(why: &str) -> Diagnostic {
    Diagnostic::error(Code::C3, format!("排版失败：无法在 PDF 目录中加入 /DisplayDocTitle（{why}）"))
        .hint("Typst 写出的 PDF 结构与预期不同：请报告此问题，并注明所用的 Typst 版本")
}

/// A Typst warning: the C3 finding of an error, but it does not stop the build.
fn as_warning(mut d: Diagnostic) -> Diagnostic {
    d.severity = crate::diag::Severity::Warning;
    d.message = d.message.replacen("排版失败：", "排版警告：", 1);
    d
}

/// Export options: fixed id, creator and date (reproducible bytes), the kind's standards and tagging.
fn pdf_options(pdf: PdfKind, ident: &str, today: Datetime) -> Result<PdfOptions, Diagnostic> {
    Ok(PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(concat!("gen-budget ", env!("CARGO_PKG_VERSION"), " (Typst 0.15.1)").into())),
        timestamp: Some(Timestamp::new_utc(today)),
        tagged: pdf.tagged(),
        standards: pdf.standards()?,
        ..PdfOptions::default()
    })
}

/// An export error: a PDF/A or PDF/UA validation failure says so in Chinese, the rest as any Typst error.
fn export_error(mut d: Diagnostic, err: &typst::diag::SourceDiagnostic) -> Diagnostic {
    if let Some(chinese) = standard_message(&err.message) {
        d.message = d.message.replacen(&messages::typst(&err.message), &chinese, 1);
    }
    d
}

/// Where the run's store keeps a document's generated source: no file until a draft writes it.
pub fn generated_key(ident: &str) -> PathBuf {
    PathBuf::from(format!("（{GENERATED}）{ident}"))
}

/// Typst's errors as C3 findings; the generated source is kept so a draft can write it out, but
/// only when there is a finding: a batch of thousands would otherwise hold every unit's source.
fn refused(world: &DocWorld, ident: &str, errs: &[typst::diag::SourceDiagnostic]) -> Vec<Diagnostic> {
    if errs.is_empty() {
        return Vec::new();
    }
    let key = generated_key(ident);
    crate::diag::Sources::run().remember_text(&key, world.source_text());
    errs.iter().map(|e| typst_error(world, e, &key)).collect()
}

/// A Typst error points into generated source: named by the template line that wrote it.
fn typst_error(world: &DocWorld, err: &typst::diag::SourceDiagnostic, key: &Path) -> Diagnostic {
    let line = world.range(err.span).map(|r| world.source_text()[..r.start].matches('\n').count() + 1);
    let mut d = located_error(world, err, line);
    d.generated = line.map(|l| (key.to_path_buf(), l));
    d
}

/// The C3 finding at the template line that wrote the generated `line`.
fn located_error(world: &DocWorld, err: &typst::diag::SourceDiagnostic, line: Option<usize>) -> Diagnostic {
    let text = world.source_text();
    let range = world.range(err.span);
    let message = messages::typst(&err.message);
    let generated = line.map_or(String::new(), |l| format!("{GENERATED}第 {l} 行"));
    let origin = range.as_ref().and_then(|r| source_map::locate(text, r.start).map(|o| (o, r.len())));
    let Some((origin, width)) = origin else {
        let place = if generated.is_empty() { String::new() } else { format!("（{generated}）") };
        return Diagnostic::error(Code::C3, format!("排版失败：{message}{place}")).hint(TEMPLATE_HINT);
    };
    let which = if origin.file.builtin { "内置模板" } else { "模板" };
    let d = Diagnostic::error(Code::C3, format!("排版失败：{message}（{generated}，由{which}第 {} 行写出）", origin.line));
    located::at_template(d, &origin, width, messages::short(&message)).hint(TEMPLATE_HINT)
}

const TEMPLATE_HINT: &str = "这是模板错误：修改所指的模板行；删除 templates/ 中的同名文件即恢复内置模板";

/// How a C3 message names the generated source; `name_kept_source` adds the file's path to it.
const GENERATED: &str = "生成的 Typst 源文件";

/// Names the written generated source and line in the C3 messages that came from `key`:
/// `生成的 Typst 源文件 out/2024/单位/标题（草稿）.typ:120`.
pub fn name_kept_source(diagnostics: &mut [Diagnostic], key: &Path, typ: &Path) {
    for d in diagnostics.iter_mut() {
        let Some(line) = d.generated.as_ref().filter(|(k, _)| k == key).map(|(_, l)| *l) else { continue };
        d.message = d.message.replace(&format!("{GENERATED}第 {line} 行"), &format!("{GENERATED} {}:{line}", typ.display()));
    }
}

fn missing_glyph_error(chars: &[String]) -> Diagnostic {
    let list: Vec<String> = chars.iter().map(|c| format!("“{c}”(U+{:04X})", c.chars().next().map_or(0, |c| c as u32))).collect();
    Diagnostic::error(Code::F3, format!("以下字符在所有字体中都不存在，无法排版：{}", list.join("、")))
        .hint("把含该字的字体文件（.otf/.ttf）放入 fonts/ 目录，或改用常用字")
}

/// Every character that came out as glyph 0 (.notdef), deduplicated and sorted.
fn missing_glyphs(document: &PagedDocument) -> Vec<String> {
    let mut found = std::collections::BTreeSet::new();
    for page in document.pages() {
        collect_missing(&page.frame, &mut found);
    }
    found.into_iter().collect()
}

fn collect_missing(frame: &Frame, out: &mut std::collections::BTreeSet<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_missing(&group.frame, out),
            FrameItem::Text(text) => {
                for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                    let range = glyph.range.start as usize..glyph.range.end as usize;
                    if let Some(s) = text.text.get(range) {
                        out.insert(s.to_string());
                    }
                }
            }
            _ => {}
        }
    }
}
