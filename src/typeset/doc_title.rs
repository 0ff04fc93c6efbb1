//! Sets /DisplayDocTitle in the catalog so viewers show the title, not the file name: Typst writes it only under PDF/UA-1.
//!
//! The edit splices krilla's bytes: the catalog is the last object before the xref table, so only `startxref` moves.
//! A file of any other shape is refused with the reason (never passed on silently without the key), and the result
//! is checked again before it is returned. Same input, same output: no dates, ids or counters are involved.

/// The PDF with `/DisplayDocTitle true` in its catalog's /ViewerPreferences; a catalog that has the key already
/// (PDF/UA-1 exports) is returned unchanged. `Err` names why the file's layout could not be edited.
pub(crate) fn display_doc_title(pdf: Vec<u8>) -> Result<Vec<u8>, String> {
    let layout = Layout::read(&pdf)?;
    if find(layout.catalog(&pdf), b"/DisplayDocTitle").is_some() {
        return Ok(pdf);
    }
    let out = layout.insert(&pdf);
    let again = Layout::read(&out)?;
    if find(again.catalog(&out), b"/DisplayDocTitle true").is_none() {
        return Err("插入后目录中仍没有 /DisplayDocTitle".into());
    }
    Ok(out)
}

const STARTXREF: &[u8] = b"startxref\n";
const OBJ_END: &[u8] = b">>\nendobj\n";

/// Where the pieces of krilla's file tail are: the catalog object, the xref table and the `startxref` number.
struct Layout {
    /// Offset of ` 0 obj\n` in the catalog's header line.
    header: usize,
    /// Offset of the xref table (the value of `startxref`).
    xref: usize,
    /// The digits of `startxref`'s value.
    digits: std::ops::Range<usize>,
}

impl Layout {
    /// Reads the tail; every condition the splice relies on is checked and named when it fails.
    fn read(pdf: &[u8]) -> Result<Layout, String> {
        let start = rfind(pdf, STARTXREF).ok_or("没有 startxref")? + STARTXREF.len();
        let len = pdf[start..].iter().position(|b| !b.is_ascii_digit()).ok_or("startxref 后没有数字结尾")?;
        let xref: usize =
            std::str::from_utf8(&pdf[start..start + len]).ok().and_then(|d| d.parse().ok()).ok_or("startxref 的值不是数字")?;
        if !pdf.get(xref..).is_some_and(|t| t.starts_with(b"xref\n")) {
            return Err(format!("startxref（{xref}）不指向 xref 表"));
        }
        if !pdf[..xref].ends_with(OBJ_END) {
            return Err("xref 表前不是一个以 >> 结尾的对象".into());
        }
        let header = rfind(&pdf[..xref], b" 0 obj\n").ok_or("xref 表前没有对象")?;
        let number = pdf[..header].iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |p| p + 1);
        let root = format!("/Root {} 0 R", String::from_utf8_lossy(&pdf[number..header]));
        let layout = Layout { header, xref, digits: start..start + len };
        if find(&pdf[xref..], root.as_bytes()).is_none() {
            return Err(format!("最后一个对象不是 trailer 的 {root}"));
        }
        if find(layout.catalog(pdf), b"/Type/Catalog").is_none() {
            return Err("最后一个对象不是 /Type/Catalog".into());
        }
        Ok(layout)
    }

    fn catalog<'a>(&self, pdf: &'a [u8]) -> &'a [u8] {
        &pdf[self.header..self.xref]
    }

    /// The key inserted into /ViewerPreferences (added when missing) and `startxref` moved by as many bytes.
    fn insert(&self, pdf: &[u8]) -> Vec<u8> {
        let (at, insert): (usize, &[u8]) = match find(self.catalog(pdf), b"/ViewerPreferences<<") {
            Some(vp) => (self.header + vp + b"/ViewerPreferences<<".len(), b"/DisplayDocTitle true"),
            None => (self.xref - OBJ_END.len(), b"/ViewerPreferences<</DisplayDocTitle true>>"),
        };
        let mut out = Vec::with_capacity(pdf.len() + insert.len() + 2);
        out.extend_from_slice(&pdf[..at]);
        out.extend_from_slice(insert);
        out.extend_from_slice(&pdf[at..self.digits.start]);
        out.extend_from_slice((self.xref + insert.len()).to_string().as_bytes());
        out.extend_from_slice(&pdf[self.digits.end..]);
        out
    }
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
        let out = display_doc_title(sample("/Type/Catalog/ViewerPreferences<</Direction/L2R>>")).unwrap();
        assert!(String::from_utf8_lossy(&out).contains("/ViewerPreferences<</DisplayDocTitle true/Direction/L2R>>"));
        assert!(startxref_points_at_xref(&out));
    }

    #[test]
    fn adds_viewer_preferences_when_there_are_none() {
        let out = display_doc_title(sample("/Type/Catalog/Lang(zh-CN)")).unwrap();
        assert!(String::from_utf8_lossy(&out).contains("/Lang(zh-CN)/ViewerPreferences<</DisplayDocTitle true>>>>"));
        assert!(startxref_points_at_xref(&out));
    }

    #[test]
    fn leaves_a_catalog_that_has_it_alone() {
        let has = sample("/Type/Catalog/ViewerPreferences<</DisplayDocTitle true>>");
        assert_eq!(display_doc_title(has.clone()).unwrap(), has);
    }

    #[test]
    fn another_layout_is_an_error_that_says_why() {
        let not_catalog = display_doc_title(sample("/Type/Page")).unwrap_err();
        assert!(not_catalog.contains("/Type/Catalog"), "{not_catalog}");
        let moved = String::from_utf8(sample("/Type/Catalog")).unwrap().replace("startxref\n", "startxref\n1");
        assert!(display_doc_title(moved.into_bytes()).unwrap_err().contains("不指向 xref"));
        assert!(display_doc_title(b"%PDF-1.7\n".to_vec()).unwrap_err().contains("startxref"));
        let other_root = String::from_utf8(sample("/Type/Catalog")).unwrap().replace("/Root 2 0 R", "/Root 1 0 R");
        assert!(display_doc_title(other_root.into_bytes()).unwrap_err().contains("/Root 2 0 R"));
    }

    #[test]
    fn the_edit_is_deterministic() {
        let input = sample("/Type/Catalog/Lang(zh-CN)");
        assert_eq!(display_doc_title(input.clone()).unwrap(), display_doc_title(input).unwrap());
    }
}
