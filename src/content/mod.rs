//! Load stage: walks `content/`, splits each Markdown file's `+++` front matter from its
//! body and parses it into typed [`Document`]s; other files become [`Asset`]s.

pub mod front_matter;

use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Diagnostic, Diagnostics, Location};
use crate::files::{self, Found, Hidden, Tree};
use crate::toml_error;
pub use front_matter::{
    Aggregator, Award, AwardResult, FrontMatter, FrontVideo, Review, Split, SplitError, Verdict,
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
    /// The Markdown files left out of the build, by their path relative to `content/`, and
    /// why: an `@/` link to one of them is not to a file that does not exist.
    pub left_out: Vec<(String, LeftOut)>,
}

/// Why a Markdown file of `content/` is not a page of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// It is a draft, and drafts were not asked for.
    Draft,
    /// It has errors of its own, reported with the others.
    Broken,
}

/// What `content/` is for, told to a user who cannot read it.
const CONTENT_PURPOSE: &str = "a site keeps its pages in `content/`, beside `site.toml`";

/// Loads `content/` under `root`. Drafts are left out unless `include_drafts`.
///
/// Every problem of every file is collected before this returns.
pub fn load(root: &Path, include_drafts: bool, diagnostics: &mut Diagnostics) -> Content {
    let content_dir = root.join(CONTENT_DIR);
    let tree = Tree {
        root,
        dir: &content_dir,
        purpose: CONTENT_PURPOSE,
    };
    let (found, problems) = files::walk(tree, Hidden::Skip);
    diagnostics.extend(problems);
    let (markdown, others): (Vec<Found>, Vec<Found>) = found
        .into_iter()
        .partition(|file| file.rel.ends_with(".md"));
    let assets = others
        .into_iter()
        .map(|file| Asset {
            source: file.path,
            rel: file.rel,
        })
        .collect();
    let results: Vec<(String, Result<Document, Vec<Diagnostic>>)> = markdown
        .into_par_iter()
        .map(|file| (file.rel.clone(), read_document(root, &file.path, file.rel)))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut left_out = Vec::new();
    for (rel, result) in results {
        match diagnostics.take_all(result) {
            Some(document) if document.front.draft && !include_drafts => {
                left_out.push((rel, LeftOut::Draft));
            }
            Some(document) => documents.push(document),
            None => left_out.push((rel, LeftOut::Broken)),
        }
    }
    Content {
        documents,
        assets,
        left_out,
    }
}

/// Reads one Markdown file of `content/` again, as [`load`] reads it; `file` is relative
/// to the site root (`content/episodes/part-1.md`). `None` when it is not a Markdown file
/// of `content/`.
pub fn read_one(root: &Path, file: &str) -> Option<Result<Document, Vec<Diagnostic>>> {
    let rel = file.strip_prefix(CONTENT_DIR)?.strip_prefix('/')?;
    if !rel.ends_with(".md") {
        return None;
    }
    Some(read_document(root, &root.join(file), rel.to_string()))
}

fn read_document(root: &Path, path: &Path, rel: String) -> Result<Document, Vec<Diagnostic>> {
    let file = files::relative_to(root, path);
    let text = files::read_text(root, path).map_err(|d| vec![d])?;
    let split =
        front_matter::split(&text).map_err(|error| vec![split_error(&file, &text, error)])?;
    let front: FrontMatter =
        toml_error::parse(&text[split.front.clone()], &text, split.front.start, &file)?;
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
