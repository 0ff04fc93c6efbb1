//! The changes as plain text (with `[-旧-]{+新+}` marks, or ANSI colours on a terminal) and as
//! an escaped HTML fragment with `<del>`/`<ins>`.

use super::align::pieces;
use super::{Changes, FieldChange, FigureChange, Piece, PieceOp, ProjectChange, SentenceChange};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const RESET: &str = "\x1b[0m";

/// How changed runs are wrapped: plain marks, ANSI colours, or HTML elements.
#[derive(Clone, Copy)]
enum Marks {
    Plain,
    Color,
    Html,
}

impl Marks {
    fn removed(self, text: &str) -> String {
        match self {
            Marks::Plain => format!("[-{text}-]"),
            Marks::Color => format!("{RED}{text}{RESET}"),
            Marks::Html => format!("<del>{}</del>", escape(text)),
        }
    }

    fn added(self, text: &str) -> String {
        match self {
            Marks::Plain => format!("{{+{text}+}}"),
            Marks::Color => format!("{GREEN}{text}{RESET}"),
            Marks::Html => format!("<ins>{}</ins>", escape(text)),
        }
    }

    fn same(self, text: &str) -> String {
        match self {
            Marks::Html => escape(text),
            _ => text.to_string(),
        }
    }

    fn marked(self, pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| match p.op {
                PieceOp::Same => self.same(&p.text),
                PieceOp::Removed => self.removed(&p.text),
                PieceOp::Added => self.added(&p.text),
            })
            .collect()
    }
}

/// The summary line, both editions, then each section that has changes.
pub(crate) fn to_text(c: &Changes, color: bool) -> String {
    let marks = if color { Marks::Color } else { Marks::Plain };
    let mut out = format!("{}\n旧版本：{}\n新版本：{}\n", c.summary(), c.old, c.new);
    section(&mut out, "数字", c.figures.iter().map(|f| figure(f, marks)).collect());
    section(&mut out, "文字", c.sentences.iter().map(|s| sentence(s, marks)).collect());
    section(&mut out, "项目", c.projects.iter().map(|p| project(p, marks, "\n      ")).collect());
    out
}

fn section(out: &mut String, title: &str, lines: Vec<String>) {
    if lines.is_empty() {
        return;
    }
    out.push_str(&format!("\n{title}（{}）\n", lines.len()));
    for line in lines {
        out.push_str(&format!("  {line}\n"));
    }
}

/// `表3 212 01 99 其他… · 项目支出: 116,582,510.00 → 117,000,000.00（+417,490.00，+0.36%）`.
fn figure(f: &FigureChange, marks: Marks) -> String {
    match f {
        FigureChange::Changed { table, row, column, old, new, delta, percent, .. } => {
            let at = if row.is_empty() { format!("{table} {column}") } else { format!("{table} {row} · {column}") };
            let by = percent.as_ref().map_or_else(|| delta.clone(), |p| format!("{delta}，{p}"));
            format!("{}: {} → {}（{}）", marks.same(&at), marks.removed(shown(old)), marks.added(shown(new)), marks.same(&by))
        }
        FigureChange::Added { table, row, cells } => marks.added(&format!("{table} 新增行 {row}：{}", cell_list(cells))),
        FigureChange::Removed { table, row, cells } => marks.removed(&format!("{table} 删除行 {row}：{}", cell_list(cells))),
    }
}

/// A blank cell is shown as such, not as nothing.
fn shown(text: &str) -> &str {
    if text.is_empty() { "（空）" } else { text }
}

fn cell_list(cells: &[super::CellText]) -> String {
    if cells.is_empty() {
        return "（空）".to_string();
    }
    cells.iter().map(|c| format!("{} {}", c.column, c.text)).collect::<Vec<_>>().join("，")
}

fn sentence(s: &SentenceChange, marks: Marks) -> String {
    match s {
        SentenceChange::Added { text } => format!("+ {}", marks.added(text)),
        SentenceChange::Removed { text } => format!("- {}", marks.removed(text)),
        SentenceChange::Changed { pieces, .. } => format!("~ {}", marks.marked(pieces)),
    }
}

/// A project line; a changed one lists its fields on the following lines (`sep` starts each).
fn project(p: &ProjectChange, marks: Marks, sep: &str) -> String {
    match p {
        ProjectChange::Added { name } => marks.added(&format!("+ 新增项目“{name}”")),
        ProjectChange::Removed { name } => marks.removed(&format!("- 删除项目“{name}”")),
        ProjectChange::Changed { name, fields } => {
            let mut line = format!("~ 项目“{}”：{} 有变化", marks.same(name), marks.same(&field_names(fields)));
            for f in fields {
                line.push_str(sep);
                line.push_str(&field(f, marks));
            }
            line
        }
    }
}

fn field_names(fields: &[FieldChange]) -> String {
    fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>().join("、")
}

/// `申报表·当年财政拨款: [-5,077,345.00-]{+5,100,000.00+}`; paragraphs joined by ¶.
fn field(f: &FieldChange, marks: Marks) -> String {
    let flat = |s: &str| s.replace('\n', " ¶ ");
    let value = match (&f.old, &f.new) {
        (Some(o), Some(n)) => marks.marked(&pieces(&flat(o), &flat(n))),
        (None, Some(n)) => format!("新增 {}", marks.added(&flat(n))),
        (Some(o), None) => format!("删除 {}", marks.removed(&flat(o))),
        (None, None) => String::new(),
    };
    format!("{}: {value}", marks.same(&f.field))
}

/// The changes as an HTML fragment for embedding in a page.
pub(crate) fn to_html(c: &Changes) -> String {
    let m = Marks::Html;
    let mut out = format!("<section class=\"diff\">\n<p class=\"summary\">{}</p>\n", escape(&c.summary()));
    html_section(&mut out, "数字", c.figures.iter().map(|f| figure(f, m)).collect());
    html_section(&mut out, "文字", c.sentences.iter().map(|s| sentence(s, m)).collect());
    html_section(&mut out, "项目", c.projects.iter().map(|p| project(p, m, "<br>")).collect());
    out.push_str("</section>\n");
    out
}

fn html_section(out: &mut String, title: &str, items: Vec<String>) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("<h3>{title}（{}）</h3>\n<ul>\n", items.len()));
    for item in items {
        out.push_str(&format!("<li>{item}</li>\n"));
    }
    out.push_str("</ul>\n");
}

/// Escapes text for HTML element content and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
