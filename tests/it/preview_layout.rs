//! The preview lays pages out without exporting a PDF; its pages must be the build's pages.

use crate::common;
use gen_budget::document::Document;
use gen_budget::pipeline::{BuildOptions, Mode};

/// Layout hashes of every page: what the preview shows and re-sends.
fn page_hashes(document: &typst_layout::PagedDocument) -> Vec<u128> {
    document.pages().iter().map(typst::utils::hash128).collect()
}

#[test]
fn a_layout_only_draft_has_the_exported_drafts_pages_and_no_pdf() {
    let (engine, templates, project) = (common::engine(), common::templates(), common::project());
    for (unit, year) in [("普陀城运", "2024"), ("安亭城运", "2024"), ("普陀城运", "2023"), ("松江城运", "2022")] {
        for doc in Document::load_all(&project, unit, year).unwrap() {
            let exported = BuildOptions { mode: Mode::Draft, ..BuildOptions::default() };
            let full = doc.render(&engine, &templates, &exported).unwrap_or_else(|d| panic!("{unit} {year}: {d:?}"));
            let laid = doc.lay_out(&engine, &templates, Mode::Draft).unwrap_or_else(|d| panic!("{unit} {year}: {d:?}"));
            assert!(full.compiled.pdf.as_ref().is_some_and(|p| p.starts_with(b"%PDF-")), "{unit} {year}: the build exports");
            assert!(laid.compiled.pdf.is_none(), "{unit} {year}: the preview exports no PDF");
            assert_eq!(page_hashes(&laid.compiled.document), page_hashes(&full.compiled.document), "{unit} {year}: same pages");
        }
    }
}
