//! Reads what a tagged PDF says about itself — catalog, structure tree, bookmarks — from the bytes
//! Typst (krilla) writes: one-line dictionaries in plain objects, no object streams.

use std::collections::HashMap;
use std::path::Path;

use regex::bytes::Regex;

/// The PDF's plain objects by number, each as its dictionary's text.
pub struct Pdf {
    objects: HashMap<u32, String>,
    trailer: String,
}

/// One structure element: its type (/S), title (/T), alternative text (/Alt) and children in reading order.
#[derive(Debug, Clone)]
pub struct Elem {
    pub kind: String,
    pub title: Option<String>,
    pub alt: Option<String>,
    pub children: Vec<Elem>,
}

impl Elem {
    /// Every element below this one (itself included), depth first, in reading order.
    pub fn walk(&self) -> Vec<&Elem> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }

    /// The heading level of an `H1`…`H6`.
    pub fn heading_level(&self) -> Option<usize> {
        self.kind.strip_prefix('H').and_then(|n| n.parse().ok())
    }
}

impl Pdf {
    pub fn read(path: &Path) -> Pdf {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let object = Regex::new(r"(?-u)(\d+) 0 obj\n(<<[^\n]*>>)\nendobj").unwrap();
        let objects =
            object.captures_iter(&bytes).map(|c| (text(&c[1]).parse().unwrap(), String::from_utf8_lossy(&c[2]).into_owned())).collect();
        let at = bytes.windows(7).rposition(|w| w == b"trailer").expect("a trailer");
        Pdf { objects, trailer: String::from_utf8_lossy(&bytes[at..]).into_owned() }
    }

    /// The document catalog, named by the trailer's /Root.
    pub fn catalog(&self) -> &str {
        let root = reference(&self.trailer, "/Root").expect("trailer names /Root");
        &self.objects[&root]
    }

    /// The structure tree below /StructTreeRoot; `None` for an untagged PDF.
    pub fn structure(&self) -> Option<Elem> {
        let root = reference(self.catalog(), "/StructTreeRoot")?;
        let children = self.children(&self.objects[&root]);
        Some(Elem { kind: "StructTreeRoot".into(), title: None, alt: None, children })
    }

    fn children(&self, dict: &str) -> Vec<Elem> {
        let Some(k) = dict.find("/K") else { return Vec::new() };
        let refs = Regex::new(r"(\d+) 0 R").unwrap();
        let value = &dict[k + 2..];
        let end =
            if value.starts_with('[') { value.find(']').map_or(value.len(), |e| e + 1) } else { value.find('/').unwrap_or(value.len()) };
        refs.captures_iter(&value.as_bytes()[..end])
            .filter_map(|c| self.objects.get(&text(&c[1]).parse::<u32>().unwrap()))
            .filter(|d| d.starts_with("<</Type/StructElem"))
            .map(|d| self.element(d))
            .collect()
    }

    fn element(&self, dict: &str) -> Elem {
        let kind = Regex::new(r"/S/([A-Za-z0-9]+)").unwrap().captures(dict.as_bytes()).map(|c| text(&c[1])).unwrap_or_default();
        Elem { kind, title: string_value(dict, "/T"), alt: string_value(dict, "/Alt"), children: self.children(dict) }
    }

    /// The bookmarks (document outline) as (level, title), in order.
    pub fn bookmarks(&self) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        if let Some(outlines) = reference(self.catalog(), "/Outlines") {
            self.bookmark_level(reference(&self.objects[&outlines], "/First"), 1, &mut out);
        }
        out
    }

    fn bookmark_level(&self, mut item: Option<u32>, level: usize, out: &mut Vec<(usize, String)>) {
        while let Some(n) = item {
            let dict = &self.objects[&n];
            out.push((level, string_value(dict, "/Title").unwrap_or_default()));
            self.bookmark_level(reference(dict, "/First"), level + 1, out);
            item = reference(dict, "/Next");
        }
    }
}

/// The object number a key refers to: `/Root 12 0 R` → 12.
pub fn reference(dict: &str, key: &str) -> Option<u32> {
    let re = Regex::new(&format!(r"{} ?(\d+) 0 R", regex::escape(key))).unwrap();
    re.captures(dict.as_bytes()).map(|c| text(&c[1]).parse().unwrap())
}

/// A text string value: `<FEFF…>` (UTF-16BE) or a literal `(…)` in ASCII.
pub fn string_value(dict: &str, key: &str) -> Option<String> {
    let hex = Regex::new(&format!(r"{}<FEFF([0-9A-Fa-f]*)>", regex::escape(key))).unwrap();
    if let Some(c) = hex.captures(dict.as_bytes()) {
        let digits = text(&c[1]);
        let units: Vec<u16> = (0..digits.len() / 4).map(|i| u16::from_str_radix(&digits[i * 4..i * 4 + 4], 16).unwrap()).collect();
        return Some(String::from_utf16(&units).unwrap());
    }
    let literal = Regex::new(&format!(r"{}\(((?:[^\\)]|\\.)*)\)", regex::escape(key))).unwrap();
    literal.captures(dict.as_bytes()).map(|c| text(&c[1]))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
