//! Which PDF a build writes (PDF/A-2b, PDF/UA-1, tagged or not), and the combinations refused up front.

use typst_pdf::{PdfStandard, PdfStandards};

use crate::diag::{Code, Diagnostic};

/// Set to `1` to export without tags: only for the tagged-vs-untagged test and bench, never for publishing.
pub const UNTAGGED_ENV: &str = "GEN_BUDGET_UNTAGGED";

/// The standards a build asks Typst to enforce; every PDF is tagged unless `UNTAGGED_ENV` says otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PdfKind {
    /// PDF/A-2b, for archiving (`--pdfa`).
    pub pdfa: bool,
    /// PDF/UA-1, checked by Typst's accessibility validator (`--pdfua`).
    pub pdfua: bool,
}

/// A plain bool asks for PDF/A-2b or not, as `compile` callers did before `--pdfua`.
impl From<bool> for PdfKind {
    fn from(pdfa: bool) -> Self {
        PdfKind { pdfa, pdfua: false }
    }
}

impl PdfKind {
    /// Tagged (structure tree, /Lang, artifacts) unless the hidden comparison switch is set.
    pub fn tagged(self) -> bool {
        std::env::var_os(UNTAGGED_ENV).is_none_or(|v| v != "1")
    }

    /// The standards in Typst's terms.
    fn list(self) -> Vec<PdfStandard> {
        let a = self.pdfa.then_some(PdfStandard::A_2b);
        let ua = self.pdfua.then_some(PdfStandard::Ua_1);
        a.into_iter().chain(ua).collect()
    }

    /// The name printed in messages: `PDF/A-2b＋PDF/UA-1`.
    fn name(self) -> String {
        let names: Vec<&str> = self.list().iter().map(|s| if *s == PdfStandard::A_2b { "PDF/A-2b" } else { "PDF/UA-1" }).collect();
        names.join("＋")
    }

    /// Refuses, before anything is built, a kind Typst cannot produce (U18).
    pub fn check(self) -> Result<(), Diagnostic> {
        self.standards().map(|_| ())
    }

    /// Typst's standards for the kind; PDF/UA-1 without tags, or a set Typst rejects, is U18.
    pub fn standards(self) -> Result<PdfStandards, Diagnostic> {
        if self.pdfua && !self.tagged() {
            return Err(refused(
                format!("--pdfua 要求带标签的 PDF，不能同时设置 {UNTAGGED_ENV}=1（PDF/UA-1 的结构树就是标签）"),
                "去掉 --pdfua，或取消该环境变量",
            ));
        }
        PdfStandards::new(&self.list())
            .map_err(|e| refused(format!("Typst 无法同时满足 {}（原文：{}）", self.name(), e.message()), "只保留 --pdfa 或 --pdfua 之一"))
    }
}

fn refused(message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(Code::U18, format!("无法生成所要求的 PDF：{message}")).hint(hint)
}

/// A Typst validation error of PDF/A or PDF/UA export in Chinese; `None` for any other message.
pub(crate) fn standard_message(message: &str) -> Option<String> {
    let (standard, rest) = message.split_once(" error: ")?;
    if !standard.starts_with("PDF/") {
        return None;
    }
    let what = match rest.trim() {
        "missing alt text" => "图片或公式缺少替代文字（alt）".to_string(),
        "missing document title" => "文档没有标题：模板缺少 set document(title: …)".to_string(),
        "heading title is empty" | "heading title could not be determined" => "有一个标题（heading）没有可读的文字".to_string(),
        "missing document date" => "文档没有日期".to_string(),
        "the first heading must be of level 1" => "第一个标题不是一级标题".to_string(),
        r if r.starts_with("skipped from heading level") => format!("标题层级跳级（{r}）"),
        r if r.starts_with("invalid document structure") => format!("文档结构无法标注（{r}）"),
        r => format!("原文：{r}"),
    };
    Some(format!("不符合 {standard}：{what}"))
}
