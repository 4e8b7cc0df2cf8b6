//! `@/` links: where each file under `content/` leads, and the rendering of a body with
//! every broken link reported at its place in the file.

use std::collections::HashMap;

use crate::content::{CONTENT_DIR, Document, LeftOut};
use crate::error::{Diagnostic, Location};
use crate::markdown::{self, Problem, Rendered};
use crate::media::Library;
use crate::shortcodes::Call;

use super::routes::{self, Generated};
use super::{MAX_LOCATED_PER_FILE, Page, Person, ShortcodeTemplates, Site, images};

/// Where every `@/` link target leads.
pub(super) struct LinkTable<'a> {
    base_path: String,
    /// A file under `content/` → the URL path of its page.
    paths: HashMap<String, String>,
    /// The files of `content/` that are not pages of this build, and why.
    left_out: HashMap<&'a str, LeftOut>,
}

impl<'a> LinkTable<'a> {
    pub(super) fn new(
        base_path: &str,
        pages: &[Page],
        documents: &[Option<Document>],
        people: &[Person],
        left_out: &'a [(String, LeftOut)],
    ) -> Self {
        let files = pages.iter().zip(documents).filter_map(|(page, document)| {
            Some((document.as_ref()?.rel.clone(), page.path.clone()))
        });
        Self::of(base_path, files, people, left_out)
    }

    /// The table of a linked site, whose pages name their files: for rendering a page's
    /// body again. It knows no file left out of the build, so a link to one is broken
    /// without saying why.
    pub(super) fn of_site(site: &Site) -> LinkTable<'static> {
        let files = site.pages.iter().filter_map(|page| {
            let file = page.file.as_deref()?.strip_prefix(CONTENT_DIR).ok()?;
            let rel: Vec<_> = file.iter().map(|part| part.to_string_lossy()).collect();
            Some((rel.join("/"), page.path.clone()))
        });
        LinkTable::of(site.config.base_path(), files, &site.people, &[])
    }

    fn of(
        base_path: &str,
        files: impl Iterator<Item = (String, String)>,
        people: &[Person],
        left_out: &'a [(String, LeftOut)],
    ) -> Self {
        let mut paths: HashMap<String, String> = files.collect();
        paths.entry("_index.md".to_string()).or_default();
        paths.insert(
            routes::people_index_file(),
            Generated::PeopleIndex.path().to_string(),
        );
        for person in people {
            paths.insert(routes::person_text_file(&person.slug), person.path.clone());
        }
        LinkTable {
            base_path: base_path.to_string(),
            paths,
            left_out: left_out
                .iter()
                .map(|(rel, why)| (rel.as_str(), *why))
                .collect(),
        }
    }

    fn resolve(&self, target: &str) -> Option<String> {
        self.paths
            .get(target)
            .map(|path| format!("{}{path}", self.base_path))
    }

    /// Renders a document's body, reporting every broken link at its place in the file.
    /// Its images of the site's own files are made pictures of `media`.
    /// Its shortcodes are rendered with `shortcodes`, or left as written without.
    pub(super) fn render(
        &self,
        document: &Document,
        media: &Library,
        shortcodes: Option<&dyn ShortcodeTemplates>,
    ) -> Result<Rendered, Vec<Diagnostic>> {
        let resolve = |target: &str| self.resolve(target);
        let pictures = |written: &str, alt: &str| {
            images::markdown_picture(&document.file, written, alt, media, &self.base_path)
        };
        let run = |call: &Call, body: Option<String>| match shortcodes {
            Some(templates) => super::shortcodes::run(templates, call, body, &document.file, media),
            None => Ok(String::new()),
        };
        let links = markdown::Links {
            resolve: &resolve,
            base_path: &self.base_path,
            pictures: Some(&pictures),
            shortcodes: shortcodes.is_some().then_some(&run as markdown::Shortcodes),
        };
        markdown::render(document.body(), &links).map_err(|problems| {
            let offset = document.body.start;
            let more = problems.len().saturating_sub(MAX_LOCATED_PER_FILE);
            let mut diagnostics: Vec<Diagnostic> = problems
                .into_iter()
                .take(MAX_LOCATED_PER_FILE)
                .map(|problem| match problem {
                    Problem::Broken(link) => {
                        let range = offset + link.range.start..offset + link.range.end;
                        self.broken_link(&document.file, &link.target)
                            .at(Location::in_source(&document.text, range))
                    }
                    Problem::Image {
                        range,
                        message,
                        help,
                    } => {
                        let range = offset + range.start..offset + range.end;
                        Diagnostic::new(&document.file, message)
                            .at(Location::in_source(&document.text, range))
                            .help(help)
                    }
                    Problem::Shortcode {
                        range,
                        message,
                        label,
                        help,
                    } => {
                        let range = offset + range.start..offset + range.end;
                        let diagnostic = Diagnostic::new(&document.file, message)
                            .at(Location::in_source(&document.text, range))
                            .help(help);
                        match label {
                            Some(label) => diagnostic.label(label),
                            None => diagnostic,
                        }
                    }
                })
                .collect();
            if more > 0 {
                diagnostics.push(Diagnostic::new(
                    &document.file,
                    format!("{more} more links to pages that do not exist"),
                ));
            }
            diagnostics
        })
    }

    /// What is wrong with an `@/` link that leads to no page of the build, told the way
    /// it is: the file is missing, or it is a draft, or it has errors of its own.
    fn broken_link(&self, source: &std::path::Path, target: &str) -> Diagnostic {
        let file = target.split('#').next().unwrap_or_default();
        let (message, label, help) = match self.left_out.get(file) {
            Some(LeftOut::Draft) => (
                "link to a draft",
                format!("`content/{file}` is a draft, which is not published"),
                "publish it (`draft = false`), link elsewhere, or build with `--drafts` to preview",
            ),
            Some(LeftOut::Broken) => (
                "link to a page that has errors",
                format!("`content/{file}` has errors of its own, reported with the others"),
                "fix the errors of that page and this link works",
            ),
            None => (
                "link to a page that does not exist",
                format!("there is no `content/{file}`"),
                "`@/` links name a file under `content/`, e.g. `@/episodes/part-1.md`",
            ),
        };
        Diagnostic::new(source, format!("{message}: `@/{target}`"))
            .label(label)
            .help(help)
    }
}
