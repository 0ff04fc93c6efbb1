//! Where font files come from: `<root>/fonts` when that folder exists (a set may add faces or
//! replace the shipped ones), else the shipped files compiled into the binary, so an install or a
//! container image needs no font files.

use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/builtin_fonts.rs"));

/// True when there is nothing at `dir`: the built-in fonts are used. Anything there — a folder, a
/// link, a file — is read as the fonts folder and refused with F1 if it cannot be.
pub(crate) fn uses_builtin(dir: &Path) -> bool {
    matches!(std::fs::symlink_metadata(dir), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}

/// The built-in font files: (file name, bytes), sorted by name.
pub(crate) fn builtin() -> &'static [(&'static str, &'static [u8])] {
    BUILTIN_FONTS
}

/// One font file's bytes by name, from `dir` or, without it, from the built-in files.
pub(crate) fn named(dir: &Path, name: &str) -> Option<Vec<u8>> {
    if uses_builtin(dir) {
        BUILTIN_FONTS.iter().find(|(n, _)| *n == name).map(|(_, bytes)| bytes.to_vec())
    } else {
        std::fs::read(dir.join(name)).ok()
    }
}

/// Whether a path names a font file by its extension.
pub(crate) fn is_font(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "otf" | "ttf" | "otc" | "ttc"))
}

/// SHA-256 over the SHA-256 of each font file's contents, in file-name order: the same fonts give
/// the same fingerprint whatever folder (`--root`) holds them, when they were copied, or whether
/// they are the built-in ones.
pub fn contents_fingerprint(dir: &Path) -> String {
    if uses_builtin(dir) {
        return builtin_fingerprint().to_string();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).filter(|p| is_font(p)).collect();
    files.sort();
    let hashes: Vec<String> = files.iter().map(|f| crate::digest::sha256_hex(&std::fs::read(f).unwrap_or_default())).collect();
    crate::digest::sha256_hex(hashes.join("\n").as_bytes())
}

/// `contents_fingerprint` of the built-in fonts, hashed (36 MB) once per process and only when
/// asked: a single build or the preview never needs it.
pub(crate) fn builtin_fingerprint() -> &'static str {
    static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let hashes: Vec<String> = BUILTIN_FONTS.iter().map(|(_, bytes)| crate::digest::sha256_hex(bytes)).collect();
        crate::digest::sha256_hex(hashes.join("\n").as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binary_carries_the_three_shipped_faces() {
        let names: Vec<&str> = builtin().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["NotoSansSC-Regular.otf", "NotoSerifSC-Bold.otf", "NotoSerifSC-Regular.otf"]);
        assert!(builtin().iter().all(|(_, bytes)| bytes.starts_with(b"OTTO")));
    }

    #[test]
    fn the_built_in_fonts_fingerprint_as_the_shipped_folder_does() {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let absent = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-fonts-folder");
        assert!(uses_builtin(&absent) && !uses_builtin(&shipped));
        assert_eq!(contents_fingerprint(&absent), contents_fingerprint(&shipped));
        assert_eq!(named(&absent, "NotoSansSC-Regular.otf"), named(&shipped, "NotoSansSC-Regular.otf"));
        assert_eq!(named(&absent, "OFL.txt"), None, "only font files are built in");
    }
}
