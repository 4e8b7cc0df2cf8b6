//! Aliases: the old URLs of a page that moved (`aliases = ["/old/url/"]`), each written as
//! a small page that sends visitors, bookmarks and search engines to the new one.

use std::collections::HashMap;

use crate::content::Document;
use crate::error::{Diagnostic, Diagnostics, display_path};

use super::routes::{self, Generated};
use super::{Page, PageId, Person};

/// An old URL of a page.
#[derive(Debug, Clone)]
pub struct Alias {
    /// The old URL path, relative to the site root: `old/url/`, `part-one.html`.
    pub path: String,
    /// The page it leads to.
    pub to: PageId,
}

/// The aliases of every page, each checked: a path of the site, and taken by nothing else.
pub(super) fn collect(
    pages: &[Page],
    documents: &[Option<Document>],
    people: &[Person],
    has_search: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Alias> {
    let mut aliases = Vec::new();
    if documents
        .iter()
        .flatten()
        .all(|d| d.front.aliases.is_empty())
    {
        return aliases;
    }
    let mut taken: HashMap<String, Taken> = pages
        .iter()
        .enumerate()
        .map(|(id, page)| (page.path.clone(), Taken::Page(id)))
        .collect();
    taken.extend(people.iter().map(|p| (p.path.clone(), Taken::Generated)));
    for (id, document) in documents.iter().enumerate() {
        let Some(document) = document else { continue };
        for written in &document.front.aliases {
            let located = |message: String| {
                Diagnostic::new(&document.file, message).at(document.front_location(written.span()))
            };
            let path = match alias_path(written.get_ref()) {
                Ok(path) => path,
                Err(why) => {
                    diagnostics.push(located(format!("alias `{}` {why}", written.get_ref()))
                        .help("write the old URL's path from the site's root, e.g. `aliases = [\"/old/url/\"]`"));
                    continue;
                }
            };
            let owner = taken.get(path.as_str()).copied().or_else(|| {
                routes::is_reserved(&path, has_search)
                    .or_else(|| Generated::ALL.into_iter().find(|g| g.path() == path))
                    .map(|_| Taken::Generated)
            });
            match owner {
                Some(owner) => diagnostics.push(
                    located(format!(
                        "alias `{}` is taken by {}",
                        written.get_ref(),
                        owner.describe(pages)
                    ))
                    .label("two files cannot have one URL")
                    .help("remove the alias, or move what holds the URL"),
                ),
                None => {
                    taken.insert(path.clone(), Taken::Alias(id));
                    aliases.push(Alias { path, to: id });
                }
            }
        }
    }
    aliases
}

/// What already has a URL an alias asks for.
#[derive(Debug, Clone, Copy)]
enum Taken {
    Page(PageId),
    Alias(PageId),
    Generated,
}

impl Taken {
    fn describe(self, pages: &[Page]) -> String {
        let file = |id: PageId| {
            pages[id].file.as_deref().map_or_else(
                || "the home page".to_string(),
                |f| format!("`{}`", display_path(f)),
            )
        };
        match self {
            Taken::Page(id) => format!("the page {}", file(id)),
            Taken::Alias(id) => format!("an alias of {}", file(id)),
            Taken::Generated => "a page the build makes itself".to_string(),
        }
    }
}

/// The URL path an alias names, relative to the site root, or why it names none.
fn alias_path(written: &str) -> Result<String, &'static str> {
    if written.contains("://") || written.starts_with("//") {
        return Err("is a full address; an alias is a path of this site");
    }
    if written.contains(['?', '#', '\\', '\0', ' ', '"', '<', '>']) {
        return Err("holds a character a URL path cannot: `?`, `#`, `\\`, a space or a quote");
    }
    let path = written.trim_start_matches('/');
    if path.is_empty() {
        return Err("is the home page's URL");
    }
    if path.split('/').any(|part| part == ".." || part == ".") {
        return Err("leaves its folder with `.` or `..`");
    }
    Ok(path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_paths_of_the_site() {
        assert_eq!(alias_path("/old/url/"), Ok("old/url/".to_string()));
        assert_eq!(alias_path("part-one.html"), Ok("part-one.html".to_string()));
        for bad in [
            "/",
            "https://e.org/x/",
            "//e.org/x",
            "/a/../b/",
            "/a?b",
            "/a#b",
            "/a b/",
        ] {
            assert!(alias_path(bad).is_err(), "{bad}");
        }
    }
}
