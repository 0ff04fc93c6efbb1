//! Sets /DisplayDocTitle in the catalog so viewers show the title, not the file name: Typst writes it only under PDF/UA-1.

/// The PDF with `/DisplayDocTitle true` in its catalog; a layout other than krilla's (catalog last, then
/// the xref table) or a catalog that has the key already is returned unchanged.
pub(crate) fn display_doc_title(pdf: Vec<u8>) -> Vec<u8> {
    patch(&pdf).unwrap_or(pdf)
}

const STARTXREF: &[u8] = b"startxref\n";

/// Inserts the key into the last object (the catalog, checked against the trailer's /Root) and moves
/// `startxref` by as many bytes; every object before it keeps its offset.
fn patch(pdf: &[u8]) -> Option<Vec<u8>> {
    let digits = rfind(pdf, STARTXREF)? + STARTXREF.len();
    let digits_end = digits + pdf[digits..].iter().position(|b| !b.is_ascii_digit())?;
    let xref: usize = std::str::from_utf8(&pdf[digits..digits_end]).ok()?.parse().ok()?;
    if !pdf.get(xref..)?.starts_with(b"xref\n") || !pdf[..xref].ends_with(b">>\nendobj\n") {
        return None;
    }
    let header = rfind(&pdf[..xref], b" 0 obj\n")?;
    let number_start = pdf[..header].iter().rposition(|b| !b.is_ascii_digit())? + 1;
    let root = format!("/Root {} 0 R", std::str::from_utf8(&pdf[number_start..header]).ok()?);
    let catalog = &pdf[header..xref];
    if find(&pdf[xref..], root.as_bytes()).is_none()
        || find(catalog, b"/Type/Catalog").is_none()
        || find(catalog, b"/DisplayDocTitle").is_some()
    {
        return None;
    }
    let (at, insert): (usize, &[u8]) = match find(catalog, b"/ViewerPreferences<<") {
        Some(vp) => (header + vp + b"/ViewerPreferences<<".len(), b"/DisplayDocTitle true"),
        None => (xref - b">>\nendobj\n".len(), b"/ViewerPreferences<</DisplayDocTitle true>>"),
    };
    let mut out = Vec::with_capacity(pdf.len() + insert.len() + 2);
    out.extend_from_slice(&pdf[..at]);
    out.extend_from_slice(insert);
    out.extend_from_slice(&pdf[at..digits]);
    out.extend_from_slice((xref + insert.len()).to_string().as_bytes());
    out.extend_from_slice(&pdf[digits_end..]);
    Some(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::display_doc_title;

    /// A krilla-shaped file: objects, catalog last, xref, trailer naming it as /Root.
    fn sample(catalog: &str) -> Vec<u8> {
        let head = "%PDF-1.7\n1 0 obj\n<</Type/Pages>>\nendobj\n";
        let body = format!("{head}2 0 obj\n<<{catalog}>>\nendobj\n");
        format!("{body}xref\n0 3\ntrailer\n<</Size 3/Root 2 0 R>>\nstartxref\n{}\n%%EOF", body.len()).into_bytes()
    }

    fn startxref_points_at_xref(pdf: &[u8]) -> bool {
        let text = String::from_utf8_lossy(pdf);
        let at: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        pdf[at..].starts_with(b"xref\n")
    }

    #[test]
    fn adds_the_key_to_existing_viewer_preferences_and_moves_startxref() {
        let out = display_doc_title(sample("/Type/Catalog/ViewerPreferences<</Direction/L2R>>"));
        assert!(String::from_utf8_lossy(&out).contains("/ViewerPreferences<</DisplayDocTitle true/Direction/L2R>>"));
        assert!(startxref_points_at_xref(&out));
    }

    #[test]
    fn adds_viewer_preferences_when_there_are_none() {
        let out = display_doc_title(sample("/Type/Catalog/Lang(zh-CN)"));
        assert!(String::from_utf8_lossy(&out).contains("/Lang(zh-CN)/ViewerPreferences<</DisplayDocTitle true>>>>"));
        assert!(startxref_points_at_xref(&out));
    }

    #[test]
    fn leaves_a_catalog_that_has_it_or_another_layout_alone() {
        let has = sample("/Type/Catalog/ViewerPreferences<</DisplayDocTitle true>>");
        assert_eq!(display_doc_title(has.clone()), has);
        let not_catalog = sample("/Type/Page");
        assert_eq!(display_doc_title(not_catalog.clone()), not_catalog);
    }
}
