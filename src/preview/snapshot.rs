//! What the preview shows after a build: pages, findings with their marks, the outline, or the
//! diagnostics that stopped the draft.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::SourceFile;
use crate::pipeline::Rendered;
use crate::typeset::anchors;

/// One page as an SVG image with its size in points; the hash of its layout names its image.
pub(crate) struct Sheet {
    pub(crate) svg: Arc<str>,
    pub(crate) hash: String,
    pub(crate) width: f64,
    pub(crate) height: f64,
}

/// One finding of the list, tied to its mark on the pages when it has one.
pub(crate) struct Finding {
    /// `f<document>-<number>`: the number is the one printed in the mark.
    pub(crate) id: String,
    pub(crate) error: bool,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    pub(crate) hint: String,
    /// `departments/…/2024.toml:174:11`, relative to the project when it lies inside it.
    pub(crate) location: String,
    /// Page index of its mark, from 0.
    pub(crate) page: Option<usize>,
}

/// A mark's box on a page, in pt, and the finding it belongs to.
pub(crate) struct Mark {
    pub(crate) finding: String,
    pub(crate) error: bool,
    pub(crate) page: usize,
    pub(crate) rect: [f64; 4],
    pub(crate) text: String,
}

/// An outline entry with its page index across all documents.
pub(crate) struct Heading {
    pub(crate) level: usize,
    pub(crate) title: String,
    pub(crate) page: usize,
}

/// Everything the page shows; the pages of the last good build stay when a build fails.
#[derive(Default)]
pub(crate) struct Snapshot {
    pub(crate) version: u64,
    pub(crate) pages: Vec<Sheet>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) marks: Vec<Mark>,
    pub(crate) outline: Vec<Heading>,
    /// The diagnostics that stopped the draft, rendered with snippets as the CLI prints them.
    pub(crate) failure: Vec<String>,
    pub(crate) build_ms: u128,
    /// The part of `build_ms` in gen-budget's own stages (checks, views, templates), not Typst.
    pub(crate) own_ms: u128,
    /// Time spent turning changed pages into SVG (unchanged ones are reused).
    pub(crate) render_ms: u128,
    /// Pages whose image differs from the previous build's page at the same index.
    pub(crate) changed: Vec<usize>,
}

impl Snapshot {
    /// Takes in a successful draft build.
    pub(crate) fn built(&mut self, root: &Path, rendered: &[Rendered]) {
        let started = Instant::now();
        let (mut pages, mut findings, mut marks, mut outline) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let known: HashMap<&str, &Arc<str>> = self.pages.iter().map(|s| (s.hash.as_str(), &s.svg)).collect();
        for (k, r) in rendered.iter().enumerate() {
            let offset = pages.len();
            let document = &r.compiled.document;
            pages.extend(document.pages().iter().map(|page| sheet(page, &known)));
            outline.extend(anchors::outline(document).into_iter().map(|h| Heading {
                level: h.level,
                title: h.title,
                page: h.page + offset,
            }));
            let placed: Vec<(usize, anchors::MarkBox)> =
                anchors::draft_marks(document).into_iter().filter_map(|m| Some((number(&m.text)?, m))).collect();
            for (i, d) in r.diagnostics.iter().enumerate() {
                let id = format!("f{k}-{}", i + 1);
                let own: Vec<&anchors::MarkBox> = placed.iter().filter(|(n, _)| *n == i + 1).map(|(_, m)| m).collect();
                findings.push(finding(root, &id, d, own.first().map(|m| m.page + offset)));
                marks.extend(own.into_iter().map(|m| Mark {
                    finding: id.clone(),
                    error: d.is_error(),
                    page: m.page + offset,
                    rect: m.rect,
                    text: m.text.clone(),
                }));
            }
        }
        self.changed = changed(&self.pages, &pages);
        (self.pages, self.findings, self.marks, self.outline) = (pages, findings, marks, outline);
        self.failure.clear();
        self.render_ms = started.elapsed().as_millis();
    }

    /// Takes in a build that stopped: its diagnostics replace the findings, the old pages stay
    /// (shown as out of date) but their marks no longer match and are dropped.
    pub(crate) fn stopped(&mut self, root: &Path, diags: &Diagnostics) {
        self.findings = diags.iter().enumerate().map(|(i, d)| finding(root, &format!("e{}", i + 1), d, None)).collect();
        self.marks.clear();
        self.failure = diags.iter().map(render).collect();
        self.changed.clear();
        self.render_ms = 0;
    }
}

/// A page's image, reused from the last build when its layout hashes the same.
fn sheet(page: &typst_layout::Page, known: &HashMap<&str, &Arc<str>>) -> Sheet {
    let hash = format!("{:032x}", typst::utils::hash128(page));
    let svg = match known.get(hash.as_str()) {
        Some(svg) => Arc::clone(svg),
        None => typst_svg::svg(page, &typst_svg::SvgOptions::default()).into(),
    };
    Sheet { svg, hash, width: page.frame.width().to_pt(), height: page.frame.height().to_pt() }
}

/// Indices of the new pages that differ from the old page at the same place, or are new.
fn changed(old: &[Sheet], new: &[Sheet]) -> Vec<usize> {
    new.iter().enumerate().filter(|(i, s)| old.get(*i).is_none_or(|o| o.hash != s.hash)).map(|(i, _)| i).collect()
}

/// The finding number a mark starts with: `[3] 警告…` → 3.
fn number(text: &str) -> Option<usize> {
    text.trim_start().strip_prefix('[')?.split(']').next()?.trim().parse().ok()
}

fn finding(root: &Path, id: &str, d: &Diagnostic, page: Option<usize>) -> Finding {
    let mut relative = d.clone();
    relative.file = d.file.as_ref().map(|f| f.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| f.clone()));
    Finding {
        id: id.into(),
        error: d.is_error(),
        code: d.code.as_str(),
        message: d.message.clone(),
        hint: d.hint.clone().unwrap_or_default(),
        location: relative.location().unwrap_or_default(),
        page,
    }
}

/// A diagnostic with its source snippet, as `gen-budget` prints it on the terminal.
fn render(d: &Diagnostic) -> String {
    let regular = d.file.as_ref().filter(|_| d.sheet.is_none()).filter(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()));
    let source = regular.and_then(|p| Some(SourceFile::new(p, std::fs::read_to_string(p).ok()?)));
    d.render(source.as_ref())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_mark_starts_with_its_finding_number() {
        assert_eq!(super::number("[12] 警告[P3]：…"), Some(12));
        assert_eq!(super::number("警告"), None);
    }
}
