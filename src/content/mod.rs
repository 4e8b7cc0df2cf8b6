//! Load stage: walks `content/`, splits each Markdown file's `+++` front matter from its
//! body and parses it into typed [`Document`]s; other files become [`Asset`]s.

pub mod front_matter;

use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, Diagnostics, Location};
use crate::toml_error;
pub use front_matter::{
    Aggregator, Award, AwardResult, FrontMatter, Review, Split, SplitError, Verdict,
};

/// The folder, under the site root, that holds the content.
pub const CONTENT_DIR: &str = "content";

/// One Markdown file of `content/`, parsed.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file, relative to the site root: `content/episodes/part-1.md`.
    pub file: PathBuf,
    /// The file relative to `content/`, with `/` separators: `episodes/part-1.md`.
    /// This is what `@/` links name.
    pub rel: String,
    /// The whole text of the file, for error locations.
    pub text: String,
    /// Byte range of the front matter in `text`, between the `+++` lines.
    pub front_matter: Range<usize>,
    /// Byte range of the Markdown body in `text`.
    pub body: Range<usize>,
    /// The parsed front matter.
    pub front: FrontMatter,
}

impl Document {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// The location, in the file, of a byte range of the front matter as a TOML span.
    pub fn front_location(&self, span: Range<usize>) -> Location {
        let offset = self.front_matter.start;
        Location::in_source(&self.text, offset + span.start..offset + span.end)
    }
}

/// A file of `content/` that is not Markdown, copied as is beside its page.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Where to read it.
    pub source: PathBuf,
    /// Its path relative to `content/`, with `/` separators, which is also its output path.
    pub rel: String,
}

/// Everything `content/` holds.
#[derive(Debug, Default)]
pub struct Content {
    /// The Markdown files, in path order.
    pub documents: Vec<Document>,
    /// The other files.
    pub assets: Vec<Asset>,
}

/// Loads `content/` under `root`. Drafts are left out unless `include_drafts`.
///
/// Every problem of every file is collected before this returns.
pub fn load(root: &Path, include_drafts: bool, diagnostics: &mut Diagnostics) -> Content {
    let content_dir = root.join(CONTENT_DIR);
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let walk = WalkDir::new(&content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                diagnostics.push(walk_error(root, &content_dir, &error));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(&content_dir)
            .unwrap_or(entry.path());
        let rel = relative.to_string_lossy().replace('\\', "/");
        if entry.path().extension().is_some_and(|e| e == "md") {
            markdown.push((entry.into_path(), rel));
        } else {
            assets.push(Asset {
                source: entry.into_path(),
                rel,
            });
        }
    }
    let results: Vec<Result<Document, Diagnostic>> = markdown
        .into_par_iter()
        .map(|(path, rel)| read_document(root, &path, rel))
        .collect();
    let documents = results
        .into_iter()
        .filter_map(|result| diagnostics.take(result))
        .filter(|document| include_drafts || !document.front.draft)
        .collect();
    Content { documents, assets }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn walk_error(root: &Path, content_dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(content_dir);
    let file = relative_to(root, path);
    if let Some(ancestor) = error.loop_ancestor() {
        return Diagnostic::new(
            file,
            format!(
                "symbolic link loops back to `{}`",
                crate::error::display_path(&relative_to(root, ancestor))
            ),
        )
        .help("remove the link, or point it outside its own folder");
    }
    if let Ok(target) = std::fs::read_link(path)
        && !path.exists()
    {
        return Diagnostic::new(
            file,
            format!(
                "cannot read: symbolic link to `{}`, which does not exist",
                crate::error::display_path(&target)
            ),
        );
    }
    let reason = error
        .io_error()
        .map_or_else(|| error.to_string(), io_reason);
    if path == content_dir {
        Diagnostic::new(file, format!("cannot read the content folder: {reason}"))
            .help("a site keeps its pages in `content/`, beside `site.toml`")
    } else {
        Diagnostic::new(file, format!("cannot read: {reason}"))
    }
}

/// `path` relative to `root` when it is inside, else as given.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// An I/O error as a short reason: `permission denied`, not `Permission denied (os error 13)`.
pub fn io_reason(error: &std::io::Error) -> String {
    let text = match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => error.to_string(),
    };
    match text.find(" (os error") {
        Some(i) => text[..i].to_lowercase(),
        None => text,
    }
}

/// Reads a text file, reporting a file that is not UTF-8 at its first bad byte.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let file = relative_to(root, path);
    let bytes = std::fs::read(path)
        .map_err(|error| Diagnostic::new(&file, format!("cannot read: {}", io_reason(&error))))?;
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(error.as_bytes());
        let prefix = String::from_utf8_lossy(&error.as_bytes()[..valid]);
        let offset = prefix.len();
        Diagnostic::new(&file, "file is not UTF-8 text")
            .at(Location::in_source(&lossy, offset..offset + 1))
            .label(format!("byte {valid} is not valid UTF-8"))
            .help("save the file with UTF-8 encoding")
    })
}

fn read_document(root: &Path, path: &Path, rel: String) -> Result<Document, Diagnostic> {
    let file = relative_to(root, path);
    let text = read_text(root, path)?;
    let split = front_matter::split(&text).map_err(|error| split_error(&file, &text, error))?;
    let front: FrontMatter = toml::from_str(&text[split.front.clone()])
        .map_err(|error| toml_error::diagnostic_at(&error, &text, split.front.start, &file))?;
    Ok(Document {
        file,
        rel,
        front_matter: split.front,
        body: split.body,
        text,
        front,
    })
}

fn split_error(file: &Path, text: &str, error: SplitError) -> Diagnostic {
    const EXAMPLE: &str =
        "a page starts with front matter between `+++` lines:\n+++\ntitle = \"Part 1\"\n+++";
    match error {
        SplitError::Empty => Diagnostic::new(file, "file is empty").help(EXAMPLE),
        SplitError::NoOpening => Diagnostic::new(file, "missing opening `+++` on the first line")
            .at(Location::at_line(text, 1))
            .label("expected `+++` here")
            .help(EXAMPLE),
        SplitError::NoClosing => Diagnostic::new(file, "front matter is never closed")
            .at(Location::whole_line(text, 1))
            .label("opened here; no `+++` line follows")
            .help("end the front matter with a line holding only `+++`"),
    }
}
