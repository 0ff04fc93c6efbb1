//! The structure tree as `pdfinfo -struct-text` (poppler) prints it: element names, their attributes
//! (/Scope /Row) and the text they mark, which the PDF's own objects hold only as content-stream references.

use std::path::Path;
use std::process::Command;

use regex::bytes::Regex;

/// One printed element: its name (`TH`, `LBody`), attribute lines, own text lines and children.
#[derive(Debug, Default)]
pub struct Node {
    pub tag: String,
    pub attrs: Vec<String>,
    pub texts: Vec<String>,
    pub children: Vec<Node>,
}

impl Node {
    /// Every node below this one (itself included), depth first, in reading order.
    pub fn walk(&self) -> Vec<&Node> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }

    /// All text marked inside this node, in reading order, joined.
    pub fn text(&self) -> String {
        let own = self.texts.concat();
        own + &self.children.iter().map(Node::text).collect::<String>()
    }

    pub fn named<'a>(&'a self, tag: &str) -> Vec<&'a Node> {
        self.walk().into_iter().filter(|n| n.tag == tag).collect()
    }

    pub fn has_attr(&self, attr: &str) -> bool {
        self.attrs.iter().any(|a| a == attr)
    }
}

/// The listing of `path` as a tree below an unnamed root.
pub fn read(path: &Path) -> Node {
    let out = Command::new("pdfinfo").arg("-struct-text").arg(path).output().expect("pdfinfo (poppler-utils) runs");
    // Headings print their /T raw (UTF-16 bytes that may hold a newline): dropped before splitting lines.
    let titles = Regex::new(r#"(?s)(H\d) ".*?" \((block|inline)\)"#).unwrap();
    let listing = titles.replace_all(&out.stdout, &b"$1 ($2)"[..]);
    parse(&String::from_utf8_lossy(&listing))
}

fn parse(listing: &str) -> Node {
    let mut stack: Vec<(usize, Node)> = vec![(0, Node::default())];
    for line in listing.lines() {
        let indent = line.len() - line.trim_start().len() + 1;
        let body = line.trim();
        let Some(kind) = classify(body) else { continue };
        while stack.len() > 1 && stack.last().unwrap().0 >= indent {
            close(&mut stack);
        }
        let top = &mut stack.last_mut().unwrap().1;
        match kind {
            Line::Text => top.texts.push(body[1..body.len() - 1].to_string()),
            Line::Attr => top.attrs.push(body.to_string()),
            Line::Elem(tag) => stack.push((indent, Node { tag, ..Node::default() })),
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().unwrap().1
}

fn close(stack: &mut Vec<(usize, Node)>) {
    let (_, node) = stack.pop().unwrap();
    stack.last_mut().unwrap().1.children.push(node);
}

enum Line {
    Text,
    Attr,
    Elem(String),
}

/// A quoted text, an attribute (`/Scope /Row`) or an element (`TH <U1x0y0>:`, `P (block)`); else ignored.
fn classify(body: &str) -> Option<Line> {
    if body.len() >= 2 && body.starts_with('"') && body.ends_with('"') {
        return Some(Line::Text);
    }
    if body.starts_with('/') {
        return Some(Line::Attr);
    }
    let name: String = body.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    let rest = &body[name.len()..];
    let starts_upper = name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    (starts_upper && (rest.is_empty() || rest.starts_with([' ', ':']))).then_some(Line::Elem(name))
}

#[test]
fn parses_elements_attributes_and_text_by_indent() {
    let tree =
        parse("Document\n  TR\n    TH <U1x0y0>:\n       /Scope /Row\n      \"项目名称\"\n    TD:\n      \"x\"\n  P (block)\n    \"y\"\n");
    let th = tree.named("TH");
    assert_eq!(th.len(), 1);
    assert!(th[0].has_attr("/Scope /Row"));
    assert_eq!(th[0].text(), "项目名称");
    assert_eq!(tree.named("TR")[0].text(), "项目名称x");
    assert_eq!(tree.named("P")[0].text(), "y");
}
