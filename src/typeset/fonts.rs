//! Font files: read, verified table by table, and checked for every face the templates use.
//!
//! Typst silently skips a file it cannot parse and falls back to the nearest face, so a broken
//! or missing font would give a PDF in the wrong face; every such case is refused here instead.

use crate::diag::Code;
use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontStyle, FontWeight};

use crate::diag::{Diagnostic, io_reason};

/// One face the templates select: family, weight, and the shipped file that provides it.
pub(crate) struct Face {
    pub family: &'static str,
    pub weight: FontWeight,
    pub weight_name: &'static str,
    pub file: &'static str,
}

/// Every face the built-in templates use (lib.typ `serif`/`sans`, the bold cover title).
pub(crate) const REQUIRED_FACES: [Face; 3] = [
    Face { family: "Noto Serif CJK SC", weight: FontWeight::REGULAR, weight_name: "常规", file: "NotoSerifSC-Regular.otf" },
    Face { family: "Noto Serif CJK SC", weight: FontWeight::BOLD, weight_name: "粗体", file: "NotoSerifSC-Bold.otf" },
    Face { family: "Noto Sans CJK SC", weight: FontWeight::REGULAR, weight_name: "常规", file: "NotoSansSC-Regular.otf" },
];

const HINT: &str = "fonts/ 中应有 NotoSerifSC-Regular.otf、NotoSerifSC-Bold.otf、NotoSansSC-Regular.otf；损坏的文件请从本项目重新复制，多余的字体文件可以删除";

/// Loads every font file of `dir` — or, when nothing is there, the built-in ones — refusing
/// unreadable or damaged files; returns the fonts and a folder's fingerprint (`None`: built in).
pub(crate) fn load_fonts(dir: &Path) -> Result<(Vec<Font>, Option<String>), Diagnostic> {
    if super::font_files::uses_builtin(dir) {
        return load_builtin(dir);
    }
    let mut fonts = Vec::new();
    let mut stamp = String::new();
    let root = dir.parent().unwrap_or(dir);
    for path in font_paths(dir)? {
        if let Some(d) = crate::load::outside_root(root, &path).or_else(|| crate::load::not_regular(&path)) {
            return Err(d.with_code(Code::F1).hint(HINT));
        }
        let data = std::fs::read(&path).map_err(|e| unreadable(&path, &io_reason(&e)))?;
        stamp.push_str(&stamp_of(&path, &data));
        fonts.extend(parse_file(&path, Bytes::new(data))?);
    }
    check_faces(dir, &fonts)?;
    Ok((fonts, Some(crate::digest::sha256_hex(stamp.as_bytes()))))
}

/// The fonts compiled into the binary, used in place without a copy; they have no file time, so
/// their fingerprint is their contents' (`font_files::builtin_fingerprint`, hashed when asked).
fn load_builtin(dir: &Path) -> Result<(Vec<Font>, Option<String>), Diagnostic> {
    let mut fonts = Vec::new();
    for (name, data) in super::font_files::builtin() {
        fonts.extend(parse_file(&dir.join(name), Bytes::new(*data))?);
    }
    check_faces(dir, &fonts)?;
    Ok((fonts, None))
}

/// The font files of a folder, sorted; the folder must exist.
fn font_paths(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::error(Code::F1, format!("无法读取字体目录 {}：{}", dir.display(), io_reason(&e))).in_file(dir).hint(HINT)
    })?;
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| super::font_files::is_font(p)).collect();
    paths.sort();
    Ok(paths)
}

/// Name, size and modification time: a replaced font invalidates earlier builds without hashing 35 MB.
fn stamp_of(path: &Path, data: &[u8]) -> String {
    let modified = std::fs::metadata(path).ok().and_then(|m| m.modified().ok());
    let nanos = modified.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    format!("{}:{}:{nanos};", path.display(), data.len())
}

/// Every face of one file, each verified; a file with any bad face is refused whole.
fn parse_file(path: &Path, bytes: Bytes) -> Result<Vec<Font>, Diagnostic> {
    let count = ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
    (0..count)
        .map(|index| {
            verify_tables(&bytes, index).map_err(|why| unreadable(path, &why))?;
            Font::new(bytes.clone(), index).ok_or_else(|| unreadable(path, "字体的必需表（head、hhea、maxp、name 等）无法解析"))
        })
        .collect()
}

/// Checks the table directory: a truncated or damaged file has records pointing past its end.
fn verify_tables(data: &[u8], index: u32) -> Result<(), String> {
    let raw =
        ttf_parser::RawFace::parse(data, index).map_err(|_| "不是有效的 OpenType/TrueType 字体（文件头或表目录无法识别）".to_string())?;
    if raw.table_records.is_empty() {
        return Err("表目录为空".to_string());
    }
    for record in raw.table_records {
        let end = u64::from(record.offset) + u64::from(record.length);
        if end > data.len() as u64 {
            let tag = record.tag.to_string();
            return Err(format!(
                "文件不完整：表 `{}` 应在第 {end} 字节结束，但文件只有 {} 字节（可能下载或复制时被截断）",
                tag.trim(),
                data.len()
            ));
        }
    }
    Ok(())
}

fn unreadable(path: &Path, why: &str) -> Diagnostic {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    Diagnostic::error(Code::F1, format!("字体文件 {name} 无法使用：{why}")).in_file(path).hint(HINT)
}

/// Each face the templates need must be present with its exact weight: no fallback to another face.
fn check_faces(dir: &Path, fonts: &[Font]) -> Result<(), Diagnostic> {
    for face in &REQUIRED_FACES {
        let found = fonts.iter().map(Font::info).any(|info| {
            info.family.eq_ignore_ascii_case(face.family) && info.variant.weight == face.weight && info.variant.style == FontStyle::Normal
        });
        if !found {
            let message = format!(
                "字体目录 {} 中缺少字体 `{}` 的{}（字重 {}），它通常由 {} 提供",
                dir.display(),
                face.family,
                face.weight_name,
                face.weight.to_number(),
                face.file
            );
            return Err(Diagnostic::error(Code::F2, message).in_file(&dir.join(face.file)).hint(HINT));
        }
    }
    Ok(())
}
