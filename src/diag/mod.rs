//! Diagnostics: what is wrong, where (file:line:column), and how to fix it, in Chinese.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::model::SourceFile;

mod codes;
mod sources;

pub use codes::{Code, ExitClass, Kind};
pub use sources::Sources;

/// How bad a finding is: errors block a release, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Where in the document a finding belongs, so a draft can mark it in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Cover,
    Functions,
    Glossary,
    Narrative,
    /// One 项 sentence of 编制说明, by 功能分类 code.
    Item(String),
    /// One of the nine tables, 1 to 9.
    Table(u8),
    ThreePublic,
    Procurement,
    Performance,
    Assets,
    /// A project of chapter 七, by position.
    Project(usize),
}

/// One finding about the input, with a stable code and an optional location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub file: Option<PathBuf>,
    pub span: Option<Range<usize>>,
    pub line_col: Option<(usize, usize)>,
    pub label: Option<String>,
    pub hint: Option<String>,
    pub place: Option<Place>,
    /// Workbook sheet of a finding in an imported Excel file (with `file` the workbook).
    pub sheet: Option<String>,
    /// Cell of that sheet in A1 notation, e.g. `E20`.
    pub cell: Option<String>,
    /// A Typst finding's generated source (its key in [`Sources`]) and line there.
    pub generated: Option<(PathBuf, usize)>,
}

impl Diagnostic {
    /// An error with no location yet.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message.into())
    }

    /// A warning with no location yet.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message.into())
    }

    /// A finding of a severity README lists for its code (checked in debug builds).
    fn new(severity: Severity, code: Code, message: String) -> Self {
        debug_assert!(code.allows(severity), "README lists no {severity:?} row for {code}");
        Self {
            severity,
            code,
            message,
            file: None,
            span: None,
            line_col: None,
            label: None,
            hint: None,
            place: None,
            sheet: None,
            cell: None,
            generated: None,
        }
    }

    /// The same finding under another code (a shared check used by several stages).
    pub fn with_code(mut self, code: Code) -> Self {
        debug_assert!(code.allows(self.severity), "README lists no {:?} row for {code}", self.severity);
        self.code = code;
        self
    }

    /// Points the diagnostic at a byte range of a source file.
    pub fn at(mut self, source: &SourceFile, span: Range<usize>) -> Self {
        self.line_col = Some(source.line_col(span.start));
        self.file = Some(source.path.clone());
        self.span = Some(span);
        self
    }

    /// Names a file without a position in it.
    pub fn in_file(mut self, path: &Path) -> Self {
        self.file = Some(path.to_path_buf());
        self
    }

    /// Points at a cell of a workbook sheet: `文件.xlsx › 2.16单位收入总表 › E20`.
    pub fn in_cell(mut self, workbook: &Path, sheet: &str, cell: impl Into<String>) -> Self {
        self.file = Some(workbook.to_path_buf());
        self.sheet = Some(sheet.to_string());
        self.cell = Some(cell.into());
        self
    }

    /// Points at a whole sheet of a workbook.
    pub fn in_sheet(mut self, workbook: &Path, sheet: &str) -> Self {
        self.file = Some(workbook.to_path_buf());
        self.sheet = Some(sheet.to_string());
        self
    }

    /// The place as printed: `file:line:col`, or `file › sheet › cell` for a workbook.
    pub fn location(&self) -> Option<String> {
        let path = self.file.as_ref()?.display().to_string();
        Some(match (&self.sheet, &self.cell, self.line_col) {
            (Some(sheet), Some(cell), _) => format!("{path} › {sheet} › {cell}"),
            (Some(sheet), None, _) => format!("{path} › {sheet}"),
            (None, _, Some((line, col))) => format!("{path}:{line}:{col}"),
            _ => path,
        })
    }

    /// Adds the label printed under the offending value.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a hint on how to fix it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Says where in the document the finding shows.
    pub fn place(mut self, place: Place) -> Self {
        self.place = Some(place);
        self
    }

    /// Points at a span if there is one; a finding without a typed value still names the file.
    pub fn at_opt(self, source: &SourceFile, span: Option<Range<usize>>) -> Self {
        match span {
            Some(span) => self.at(source, span),
            None => self.in_file(&source.path),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic with a source snippet, as printed on the terminal.
    pub fn render(&self, source: Option<&SourceFile>) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR.with_name("错误"),
            Severity::Warning => Level::WARNING.with_name("警告"),
        };
        let title = level.primary_title(&self.message).id(self.code.as_str());
        // Without a snippet the origin line carries the position itself (`file:line:col`).
        let path = if self.sheet.is_some() || source.is_none() || self.span.is_none() {
            self.location()
        } else {
            self.file.as_ref().map(|p| p.display().to_string())
        };
        let group = match (source, &self.span, &path) {
            (Some(src), Some(span), Some(path)) => {
                // Only the lines the span covers: rendering stays proportional to them, not to the file.
                let (lines, local) = lines_around(&src.text, span.clone());
                let first_line = src.line_col(span.start).0;
                let mut annotation = AnnotationKind::Primary.span(local);
                if let Some(label) = &self.label {
                    annotation = annotation.label(label);
                }
                Group::with_title(title).element(Snippet::source(lines).line_start(first_line).path(path).annotation(annotation))
            }
            (_, _, Some(path)) => Group::with_title(title).element(annotate_snippets::Origin::path(path)),
            _ => Group::with_title(title),
        };
        let mut report = vec![group];
        if let Some(hint) = &self.hint {
            report.push(Group::with_title(Level::HELP.with_name("提示").secondary_title(hint)));
        }
        Renderer::plain().render(&report).to_string()
    }
}

/// An I/O error in Chinese: the standard library's English text only follows for the rare kinds.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let known = match e.kind() {
        K::NotFound => "文件或目录不存在",
        K::PermissionDenied => "没有访问权限",
        K::AddrInUse => "端口已被其他程序占用",
        K::AddrNotAvailable => "本机没有这个地址",
        K::AlreadyExists => "文件已存在",
        K::IsADirectory => "这是一个目录，不是文件",
        K::NotADirectory => "路径中有一部分不是目录",
        K::InvalidData => "内容不是有效的 UTF-8 文本或格式损坏",
        K::UnexpectedEof => "文件意外结束（可能不完整）",
        K::StorageFull => "磁盘空间不足",
        K::ReadOnlyFilesystem => "文件系统是只读的",
        K::Interrupted => "操作被中断",
        K::TimedOut => "操作超时",
        K::OutOfMemory => "内存不足",
        _ => return format!("输入输出错误（系统信息：{e}）"),
    };
    known.to_string()
}

/// The whole lines of `text` that `span` touches and the span within them.
fn lines_around(text: &str, span: Range<usize>) -> (&str, Range<usize>) {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let begin = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let finish = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (&text[begin..finish], start - begin..end - begin)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        write!(f, "{kind}[{}]: {}", self.code, self.message)?;
        if let Some(location) = self.location() {
            write!(f, " ({location})")?;
        }
        Ok(())
    }
}

/// Every finding of a run, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The first finding's message, for a one-line summary of why something could not be done.
    pub fn first_message(&self) -> String {
        self.0.first().map(|d| d.message.clone()).unwrap_or_default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}
