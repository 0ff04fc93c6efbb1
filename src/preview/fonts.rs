//! The project's own fonts for the preview page, so its Chinese text renders without system
//! CJK fonts. Only fixed names map to files: nothing from the URL reaches the file system.

use std::path::Path;

/// URL path → file in the project's fonts folder (or the built-in one of that name).
const SERVED: [(&str, &str); 3] = [
    ("/fonts/sans.otf", "NotoSansSC-Regular.otf"),
    ("/fonts/serif.otf", "NotoSerifSC-Regular.otf"),
    ("/fonts/serif-bold.otf", "NotoSerifSC-Bold.otf"),
];

/// The font file's bytes for one of the fixed URL paths; `None` for any other path.
pub(crate) fn font(fonts: &Path, url_path: &str) -> Option<Vec<u8>> {
    let (_, file) = SERVED.iter().find(|(path, _)| *path == url_path)?;
    crate::typeset::font_files::named(fonts, file)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_fixed_names_are_served() {
        let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        assert!(super::font(&fonts, "/fonts/sans.otf").is_some_and(|b| b.starts_with(b"OTTO")));
        for path in ["/fonts/NotoSansSC-Regular.otf", "/fonts/../Cargo.toml", "/fonts/sans.otf/", "/fonts/OFL.txt"] {
            assert!(super::font(&fonts, path).is_none(), "{path}");
        }
    }
}
