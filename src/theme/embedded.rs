//! The default theme, in the binary: this repository's `templates/`, `static/` and
//! `labels/`, read at compile time, so that editing them here changes the theme of every
//! site built with the next binary. A test checks that no file of those folders is missing.

/// A file of the default theme: its path under the theme's folder, and its bytes.
pub type EmbeddedFile = (&'static str, &'static [u8]);

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../", $path)))),*]
    };
}

/// Every file of the default theme, by path: `templates/base.html`, `static/style.css`.
pub const FILES: &[EmbeddedFile] = embed![
    "templates/404.html",
    "templates/alias.html",
    "templates/atom.xml",
    "templates/base.html",
    "templates/cast.html",
    "templates/components.html",
    "templates/crew.html",
    "templates/episodes/page.html",
    "templates/episodes/season.html",
    "templates/episodes/section.html",
    "templates/index.html",
    "templates/page.html",
    "templates/people.html",
    "templates/person.html",
    "templates/reception.html",
    "templates/robots.txt",
    "templates/search.html",
    "templates/section.html",
    "templates/shortcodes/figure.html",
    "templates/shortcodes/quote.html",
    "templates/shortcodes/video.html",
    "templates/shortcodes/vimeo.html",
    "templates/shortcodes/youtube.html",
    "templates/sitemap.xml",
    "static/favicon.svg",
    "static/print.css",
    "static/search.js",
    "static/style.css",
    "static/video.js",
    "labels/en.toml",
];

/// The default theme's files under `folder` (`templates`, `static`, `labels`), by their
/// path inside it.
pub fn files_in(folder: &str) -> impl Iterator<Item = (&'static str, &'static [u8])> + '_ {
    FILES.iter().filter_map(move |(path, bytes)| {
        let inside = path.strip_prefix(folder)?.strip_prefix('/')?;
        Some((inside, *bytes))
    })
}

/// The text of a file of the default theme, which is all UTF-8.
pub fn text(bytes: &'static [u8]) -> &'static str {
    std::str::from_utf8(bytes).expect("the default theme's text files are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of this repository's theme folders is in the binary, and nothing else.
    #[test]
    fn every_file_of_the_theme_folders_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk: Vec<String> = Vec::new();
        for folder in ["templates", "static", "labels"] {
            for entry in walkdir::WalkDir::new(root.join(folder)) {
                let entry = entry.unwrap();
                if entry.file_type().is_file() {
                    let rel = entry.path().strip_prefix(root).unwrap();
                    on_disk.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        on_disk.sort();
        let mut embedded: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(
            embedded, on_disk,
            "list every theme file in src/theme/embedded.rs"
        );
        for (path, bytes) in FILES {
            if !path.ends_with(".svg") {
                assert!(std::str::from_utf8(bytes).is_ok(), "{path} is UTF-8");
            }
        }
    }
}
