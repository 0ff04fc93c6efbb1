//! The changes as lines of runs (kept, removed, added text), printed as plain text with
//! `[-旧-]{+新+}` marks or ANSI colours on a terminal; `html` shows the same runs with `<del>`/`<ins>`.

use serde::Serialize;

use super::align::pieces;
use super::{Changes, FieldChange, FigureChange, Piece, PieceOp, ProjectChange, SentenceChange};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const RESET: &str = "\x1b[0m";

/// A stretch of one change's line: kept, removed or added text, or a break before a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Run {
    pub(crate) kind: RunKind,
    pub(crate) text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RunKind {
    Same,
    Del,
    Ins,
    Br,
}

fn same(text: impl Into<String>) -> Run {
    Run { kind: RunKind::Same, text: text.into() }
}

fn del(text: impl Into<String>) -> Run {
    Run { kind: RunKind::Del, text: text.into() }
}

fn ins(text: impl Into<String>) -> Run {
    Run { kind: RunKind::Ins, text: text.into() }
}

fn marked(pieces: &[Piece]) -> Vec<Run> {
    let run = |p: &Piece| match p.op {
        PieceOp::Same => same(p.text.as_str()),
        PieceOp::Removed => del(p.text.as_str()),
        PieceOp::Added => ins(p.text.as_str()),
    };
    pieces.iter().map(run).collect()
}

/// The three sections, titled, each a list of lines of runs (empty sections included).
pub(crate) fn sections(c: &Changes) -> [(&'static str, Vec<Vec<Run>>); 3] {
    [
        ("数字", c.figures.iter().map(figure).collect()),
        ("文字", c.sentences.iter().map(sentence).collect()),
        ("项目", c.projects.iter().map(project).collect()),
    ]
}

/// A line as text: marks or colours around changed runs, a field break as an indented new line.
fn line(runs: &[Run], color: bool) -> String {
    let text = |r: &Run| match (r.kind, color) {
        (RunKind::Same, _) => r.text.clone(),
        (RunKind::Del, false) => format!("[-{}-]", r.text),
        (RunKind::Ins, false) => format!("{{+{}+}}", r.text),
        (RunKind::Del, true) => format!("{RED}{}{RESET}", r.text),
        (RunKind::Ins, true) => format!("{GREEN}{}{RESET}", r.text),
        (RunKind::Br, _) => "\n      ".to_string(),
    };
    runs.iter().map(text).collect()
}

/// The summary line, both editions, then each section that has changes.
pub(crate) fn to_text(c: &Changes, color: bool) -> String {
    let mut out = format!("{}\n旧版本：{}\n新版本：{}\n", c.summary(), c.old, c.new);
    for (title, lines) in sections(c).iter().filter(|(_, lines)| !lines.is_empty()) {
        out.push_str(&format!("\n{title}（{}）\n", lines.len()));
        lines.iter().for_each(|runs| out.push_str(&format!("  {}\n", line(runs, color))));
    }
    out
}

/// `表3 212 01 99 其他… · 项目支出: 116,582,510.00 → 117,000,000.00（+417,490.00，+0.36%）`.
fn figure(f: &FigureChange) -> Vec<Run> {
    match f {
        FigureChange::Changed { table, row, column, old, new, delta, percent, .. } => {
            let at = if row.is_empty() { format!("{table} {column}") } else { format!("{table} {row} · {column}") };
            let by = percent.as_ref().map_or_else(|| delta.clone(), |p| format!("{delta}，{p}"));
            vec![same(format!("{at}: ")), del(shown(old)), same(" → "), ins(shown(new)), same(format!("（{by}）"))]
        }
        FigureChange::Added { table, row, cells } => vec![ins(format!("{table} 新增行 {row}：{}", cell_list(cells)))],
        FigureChange::Removed { table, row, cells } => vec![del(format!("{table} 删除行 {row}：{}", cell_list(cells)))],
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

fn sentence(s: &SentenceChange) -> Vec<Run> {
    match s {
        SentenceChange::Added { text } => vec![same("+ "), ins(text.as_str())],
        SentenceChange::Removed { text } => vec![same("- "), del(text.as_str())],
        SentenceChange::Changed { pieces, .. } => [vec![same("~ ")], marked(pieces)].concat(),
    }
}

/// A project line; a changed one lists its fields, each after a break.
fn project(p: &ProjectChange) -> Vec<Run> {
    match p {
        ProjectChange::Added { name } => vec![ins(format!("+ 新增项目“{name}”"))],
        ProjectChange::Removed { name } => vec![del(format!("- 删除项目“{name}”"))],
        ProjectChange::Changed { name, fields } => {
            let mut runs = vec![same(format!("~ 项目“{name}”：{} 有变化", field_names(fields)))];
            for f in fields {
                runs.push(Run { kind: RunKind::Br, text: String::new() });
                runs.extend(field(f));
            }
            runs
        }
    }
}

fn field_names(fields: &[FieldChange]) -> String {
    fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>().join("、")
}

/// `申报表·当年财政拨款: [-5,077,345.00-]{+5,100,000.00+}`; paragraphs joined by ¶.
fn field(f: &FieldChange) -> Vec<Run> {
    let flat = |s: &str| s.replace('\n', " ¶ ");
    let value = match (&f.old, &f.new) {
        (Some(o), Some(n)) => marked(&pieces(&flat(o), &flat(n))),
        (None, Some(n)) => vec![same("新增 "), ins(flat(n))],
        (Some(o), None) => vec![same("删除 "), del(flat(o))],
        (None, None) => Vec::new(),
    };
    [vec![same(format!("{}: ", f.field))], value].concat()
}
