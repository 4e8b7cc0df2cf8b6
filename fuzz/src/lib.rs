//! The harness behind the fuzz targets of `fuzz_targets/`, kept in a library so that
//! `cargo test` can replay every saved crasher of `tests/fixtures/fuzz/` without libFuzzer.
//!
//! [`content`] runs a whole `content/` folder, written in one input, through the stages a
//! build runs before templates: front-matter splitting, TOML, `site::link` (which renders
//! every Markdown body with its `@/` links resolved), the template views, and the text
//! of every diagnostic. [`config`] does the same for an arbitrary `site.toml`.
//!
//! Nothing here may panic, hang or overflow the stack, whatever the input.

use std::ops::Range;
use std::path::{Path, PathBuf};

use fansite::config::Config;
use fansite::content::{self, Content, Document, FrontMatter, SplitError};
use fansite::error::{Diagnostic, Diagnostics, Location};
use fansite::render::context::{Links, Views};
use fansite::site::{self, Site};
use fansite::theme::Labels;
use rayon::prelude::*;

/// Separates the files of one input. `0xFF` never occurs in UTF-8, so a real file never
/// holds it and a seed made of real files stays readable.
pub const FILE_SEPARATOR: u8 = 0xFF;

/// At most this many files per input; the rest of the input joins the last one.
pub const MAX_FILES: usize = 8;

/// The path, relative to `content/`, of the n-th file of an input that names none. They
/// cover every kind `site::link` tells apart: home, section, page in a section, page at
/// the top, people index, person text (one named in `SITE_TOML`, one not).
pub const DEFAULT_PATHS: [&str; MAX_FILES] = [
    "_index.md",
    "episodes/_index.md",
    "episodes/part-1.md",
    "people/dr-dre.md",
    "reception.md",
    "people/_index.md",
    "episodes/part-2.md",
    "people/Someone Else.md",
];

/// The fixed `site.toml` of the content target: a sub-path `base_url`, cast and credits
/// (so pages, people and awards link to one another) and a non-ASCII name.
pub const SITE_TOML: &str = r#"title = "The Defiant Ones"
base_url = "https://example.org/the-defiant-ones/"
description = "A fan guide."

[series]
genre = "Documentary"
first_aired = 2017-07-09
companies = ["HBO"]

[series.credits]
director = ["Allen Hughes"]
sound_editor = ["Lasse Järvi", "Allen Hughes"]

[[series.cast]]
name = "Jimmy Iovine"
[[series.cast]]
name = "Dr. Dre"
[[series.cast]]
name = "Eminem"
role = "himself, younger"
reenactment = true
"#;

/// One file of an input: where it is, relative to `content/`, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// `episodes/part-1.md`.
    pub rel: String,
    /// The file's bytes, not necessarily UTF-8.
    pub bytes: Vec<u8>,
}

/// Splits an input into files at [`FILE_SEPARATOR`].
///
/// A file whose first line starts with `//` names its own path (`//episodes/x.md`); the
/// path is cleaned up the way a real folder walk would give it (no empty, `.` or hidden
/// parts, `.md` at the end). Otherwise the n-th file gets `DEFAULT_PATHS[n]`. A path
/// already taken is skipped, as a folder cannot hold two files of one name.
pub fn split_input(data: &[u8]) -> Vec<InputFile> {
    let mut files: Vec<InputFile> = Vec::new();
    for (index, chunk) in data.splitn(MAX_FILES, |&b| b == FILE_SEPARATOR).enumerate() {
        let (rel, bytes) = match chunk.strip_prefix(b"//") {
            Some(rest) => {
                let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                match clean_path(&String::from_utf8_lossy(&rest[..end])) {
                    Some(rel) => (rel, &rest[(end + 1).min(rest.len())..]),
                    None => continue,
                }
            }
            None => (DEFAULT_PATHS[index].to_string(), chunk),
        };
        if files.iter().any(|f| f.rel == rel) {
            continue;
        }
        files.push(InputFile {
            rel,
            bytes: bytes.to_vec(),
        });
    }
    files
}

fn clean_path(path: &str) -> Option<String> {
    let parts: Vec<&str> = path
        .split(['/', '\\'])
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    if parts.is_empty() || parts.iter().any(|p| p.starts_with('.') || p.contains('\0')) {
        return None;
    }
    let mut rel = parts.join("/");
    if !rel.ends_with(".md") {
        rel.push_str(".md");
    }
    Some(rel)
}

/// Whether `bytes` has the shape of a known crash not yet fixed in `src/`, to be skipped
/// when the `skip-known-crashes` feature is on.
///
/// `tests/fixtures/fuzz/location-double-cr.bin`: `Location::in_source` panics on a range
/// that starts after the `\r`s it trims off the end of a line: in a run of two or more
/// `\r` before a line end, or after a `\r` that ends the file.
pub fn skip_known_crash(bytes: &[u8]) -> bool {
    cfg!(feature = "skip-known-crashes")
        && (bytes.ends_with(b"\r") || bytes.windows(2).any(|pair| pair == b"\r\r"))
}

/// The content target: every stage up to templates, over the files of one input.
pub fn content(data: &[u8]) {
    let files = split_input(data);
    if files.iter().any(|file| skip_known_crash(&file.bytes)) {
        return;
    }
    let mut diagnostics = Vec::new();
    let config = Config::parse(SITE_TOML, Path::new("site.toml")).expect("SITE_TOML parses");

    // As `content::load` does: each file on a rayon thread (whose stack is smaller than
    // the main thread's, so a stack overflow shows here as it would in a build).
    let results: Vec<Result<Document, Diagnostic>> =
        files.into_par_iter().map(read_document).collect();
    let mut documents = Vec::new();
    for result in results {
        match result {
            Ok(document) => documents.push(document),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    // Drafts are kept, as with `--drafts`: every page goes through the link stage.
    let content = Content {
        documents,
        ..Content::default()
    };

    let mut linked = Diagnostics::default();
    let site = site::link(config, content, true, &mut linked);
    views(&site);

    for diagnostic in &diagnostics {
        exercise_diagnostic(diagnostic);
    }
    if let Err(fansite::Error::Site(found)) = linked.finish(()) {
        for diagnostic in &found {
            exercise_diagnostic(diagnostic);
        }
    }
}

/// The config target: an arbitrary `site.toml`, then a tiny site linked with it.
pub fn config(data: &[u8]) {
    if skip_known_crash(data) {
        return;
    }
    let text = String::from_utf8_lossy(data);
    match Config::parse(&text, Path::new("site.toml")) {
        Ok(config) => {
            let _ = config.base_path();
            let mut diagnostics = Diagnostics::default();
            let files = vec![
                InputFile {
                    rel: "_index.md".into(),
                    bytes: b"+++\ntitle = \"Home\"\nfeaturing = [\"Dr. Dre\"]\n+++\n[c](@/people/dr-dre.md) [p](@/people/_index.md#x)\n".to_vec(),
                },
                InputFile {
                    rel: "people/dr-dre.md".into(),
                    bytes: b"+++\ntitle = \"Dr. Dre\"\n+++\n[home](@/_index.md)\n".to_vec(),
                },
            ];
            let documents = files
                .into_iter()
                .map(|f| read_document(f).expect("fixed documents parse"))
                .collect();
            let content = Content {
                documents,
                ..Content::default()
            };
            let site = site::link(config, content, true, &mut diagnostics);
            views(&site);
            if let Err(fansite::Error::Site(found)) = diagnostics.finish(()) {
                for diagnostic in &found {
                    exercise_diagnostic(diagnostic);
                }
            }
        }
        Err(diagnostics) => diagnostics.iter().for_each(exercise_diagnostic),
    }
}

/// What `content::read_document` does (it is private), in memory: the same checks, with
/// errors located through the same public `Location` functions.
fn read_document(file: InputFile) -> Result<Document, Diagnostic> {
    let path = PathBuf::from(content::CONTENT_DIR).join(&file.rel);
    let text = match String::from_utf8(file.bytes) {
        Ok(text) => text,
        // As `files::read_text`: the first bad byte, located in the lossy text.
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes());
            let offset = String::from_utf8_lossy(&error.as_bytes()[..valid]).len();
            return Err(Diagnostic::new(&path, "file is not UTF-8 text")
                .at(Location::in_source(&lossy, offset..offset + 1))
                .label(format!("byte {valid} is not valid UTF-8")));
        }
    };
    let split = match content::front_matter::split(&text) {
        Ok(split) => split,
        Err(SplitError::Empty) => return Err(Diagnostic::new(&path, "file is empty")),
        Err(SplitError::NoOpening | SplitError::NoClosing) => {
            return Err(Diagnostic::new(&path, "no front matter")
                .at(Location::at_line(&text, 1))
                .label("here"));
        }
    };
    assert!(
        split.front.start <= split.front.end
            && split.front.end <= split.body.start
            && split.body.end == text.len(),
        "split ranges out of order: {split:?}"
    );
    let front: FrontMatter = match toml::from_str(&text[split.front.clone()]) {
        Ok(front) => front,
        // As `toml_error::diagnostic_at`: the span, moved by the front matter's offset.
        Err(error) => {
            let mut diagnostic = Diagnostic::new(&path, error.message().to_string());
            if let Some(span) = error.span() {
                let range: Range<usize> =
                    split.front.start + span.start..split.front.start + span.end;
                diagnostic = diagnostic.at(Location::in_source(&text, range));
            }
            return Err(diagnostic);
        }
    };
    Ok(Document {
        file: path,
        rel: file.rel,
        front_matter: split.front,
        body: split.body,
        text,
        front,
    })
}

/// Everything the templates are given, built for every page and person.
fn views(site: &Site) {
    let labels = Labels::english();
    let links = Links::new(site);
    let views = Views::new(site, &links, &labels);
    let _ = views.site(fansite::render::Mode::Build);
    let _ = views.search_context();
    for id in 0..site.pages.len() {
        let _ = views.page_context(id, 1);
    }
    for person in &site.people {
        let _ = views.person_context(person);
    }
    let _ = views.people_context();
    let _ = views.not_found_context();
    let _ = fansite::search::index(fansite::search::documents(site, &labels));
}

/// Renders a diagnostic both ways, and checks the location it carries.
fn exercise_diagnostic(diagnostic: &Diagnostic) {
    if let Some(location) = &diagnostic.location {
        assert!(location.line >= 1 && location.column >= 1, "{location:?}");
        assert!(
            location.span.start <= location.span.end
                && location.span.end <= location.line_text.len()
                && location.line_text.is_char_boundary(location.span.start)
                && location.line_text.is_char_boundary(location.span.end),
            "span outside its line: {location:?}"
        );
    }
    let plain = diagnostic.render(false);
    assert!(plain.starts_with("error"), "{plain}");
    let _ = diagnostic.render(true);
}
