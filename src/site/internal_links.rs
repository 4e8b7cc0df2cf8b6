//! `@/` links: where each file under `content/` leads, and the rendering of a body with
//! every broken link reported at its place in the file.

use std::collections::HashMap;

use crate::content::Document;
use crate::error::{Diagnostic, Location};
use crate::markdown::{self, Rendered};

use super::routes::{self, Generated};
use super::{MAX_LOCATED_PER_FILE, Page, Person};

/// Where every `@/` link target leads.
pub(super) struct LinkTable {
    base_path: String,
    /// A file under `content/` → the URL path of its page.
    paths: HashMap<String, String>,
}

impl LinkTable {
    pub(super) fn new(
        base_path: &str,
        pages: &[Page],
        documents: &[Option<Document>],
        people: &[Person],
    ) -> Self {
        let mut paths: HashMap<String, String> = pages
            .iter()
            .zip(documents)
            .filter_map(|(page, document)| {
                Some((document.as_ref()?.rel.clone(), page.path.clone()))
            })
            .collect();
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
        }
    }

    fn resolve(&self, target: &str) -> Option<String> {
        self.paths
            .get(target)
            .map(|path| format!("{}{path}", self.base_path))
    }

    /// Renders a document's body, reporting every broken link at its place in the file.
    pub(super) fn render(&self, document: &Document) -> Result<Rendered, Vec<Diagnostic>> {
        let resolve = |target: &str| self.resolve(target);
        markdown::render(document.body(), &resolve).map_err(|broken| {
            let offset = document.body.start;
            let more = broken.len().saturating_sub(MAX_LOCATED_PER_FILE);
            let mut diagnostics: Vec<Diagnostic> = broken
                .into_iter()
                .take(MAX_LOCATED_PER_FILE)
                .map(|link| {
                    let range = offset + link.range.start..offset + link.range.end;
                    let file = link.target.split('#').next().unwrap_or_default();
                    Diagnostic::new(
                        &document.file,
                        format!("link to a page that does not exist: `@/{}`", link.target),
                    )
                    .at(Location::in_source(&document.text, range))
                    .label(format!("there is no `content/{file}`"))
                    .help("`@/` links name a file under `content/`, e.g. `@/episodes/part-1.md`")
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
}
