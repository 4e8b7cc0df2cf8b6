//! The route table: every path a build writes is named here once, the pages' from their
//! files and the generated files' from this table, so that no other module, and no
//! template, spells a folder name.

use std::borrow::Cow;

/// The people's folder, spelled once for the constants below.
macro_rules! people_dir {
    () => {
        "people"
    };
}

/// The folder of `content/` whose files add text to person pages, and the URL folder of the
/// generated person pages.
pub const PEOPLE_DIR: &str = people_dir!();

/// The section folder of the episode guide: `content/episodes/_index.md`.
pub const EPISODES_DIR: &str = "episodes";

/// Where the pictures made of the site's pictures go, under the output folder; their
/// names are made by `media` from their sources: `processed_images/part-1-800.4e37….webp`.
pub const IMAGES_DIR: &str = "processed_images";

/// Where the search index's files go, under the output folder.
pub const SEARCH_INDEX_DIR: &str = "search/index/";

/// A file the build writes that no content file asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generated {
    /// Everyone the site names: `people/`.
    PeopleIndex,
    /// The search page: `search/`, when the site has search.
    Search,
    /// The page shown for a missing address: `404.html`.
    NotFound,
    /// `sitemap.xml`.
    Sitemap,
    /// The Atom feed: `atom.xml`.
    Feed,
    /// `robots.txt`.
    Robots,
}

impl Generated {
    /// Every generated file, the pages that list the whole site first.
    pub const ALL: [Generated; 6] = [
        Generated::Feed,
        Generated::Sitemap,
        Generated::Search,
        Generated::PeopleIndex,
        Generated::NotFound,
        Generated::Robots,
    ];

    /// Its URL path, relative to the site root: `people/`, `404.html`.
    pub fn path(self) -> &'static str {
        match self {
            Generated::PeopleIndex => concat!(people_dir!(), "/"),
            Generated::Search => "search/",
            Generated::NotFound => "404.html",
            Generated::Sitemap => "sitemap.xml",
            Generated::Feed => "atom.xml",
            Generated::Robots => "robots.txt",
        }
    }

    /// The file it is written to, under the output folder: `people/index.html`.
    pub fn file(self) -> Cow<'static, str> {
        output_file(self.path())
    }

    /// Whether it is an HTML page, as opposed to a feed or a text file.
    pub fn is_html(self) -> bool {
        matches!(
            self,
            Generated::PeopleIndex | Generated::Search | Generated::NotFound
        )
    }

    /// What it is, for messages: "the people index".
    pub fn describe(self) -> &'static str {
        match self {
            Generated::PeopleIndex => "the people index",
            Generated::Search => "the search page",
            Generated::NotFound => "the 404 page",
            Generated::Sitemap => "the sitemap",
            Generated::Feed => "the Atom feed",
            Generated::Robots => "robots.txt",
        }
    }
}

/// The file a URL path is written to: a folder's `index.html`, else the path itself.
pub fn output_file(path: &str) -> Cow<'_, str> {
    if path.is_empty() || path.ends_with('/') {
        Cow::Owned(format!("{path}index.html"))
    } else {
        Cow::Borrowed(path)
    }
}

/// The URL path of a person's page: `people/lasse-jarvi/`.
pub fn person_path(slug: &str) -> String {
    format!("{PEOPLE_DIR}/{slug}/")
}

/// The URL path of a section, from its folder under `content/`: `episodes/`.
pub fn section_path(dir: &str) -> String {
    format!("{dir}/")
}

/// The URL path of a page, from its folder under `content/` and its slug:
/// `episodes/part-1/`, `reception/`.
pub fn page_path(dir: Option<&str>, slug: &str) -> String {
    match dir {
        Some(dir) => format!("{dir}/{slug}/"),
        None => format!("{slug}/"),
    }
}

/// The URL path of page `number` (from 2) of a section's listing: `episodes/page/2/`.
/// Page 1 is the section's own path.
pub fn paginated_path(section: &str, number: usize) -> String {
    format!("{section}page/{number}/")
}

/// The URL path of part `number` (from 1) of a sitemap split at the protocol's 50,000 URLs.
pub fn sitemap_part_path(number: usize) -> String {
    format!("sitemap-{number}.xml")
}

/// Whether a page's URL path falls where the build writes pages of its own: under
/// `people/`, or on the search page when the site has one.
pub fn is_reserved(path: &str, search: bool) -> Option<Generated> {
    if path.starts_with(Generated::PeopleIndex.path()) {
        return Some(Generated::PeopleIndex);
    }
    (search && path == Generated::Search.path()).then_some(Generated::Search)
}

/// The file under `content/` of a person's own text: `people/lasse-jarvi.md`, as `@/`
/// links name it.
pub fn person_text_file(slug: &str) -> String {
    format!("{PEOPLE_DIR}/{slug}.md")
}

/// The file under `content/` of the people index's own text: `people/_index.md`.
pub fn people_index_file() -> String {
    format!("{PEOPLE_DIR}/_index.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_their_files() {
        assert_eq!(output_file(""), "index.html");
        assert_eq!(
            output_file("episodes/part-1/"),
            "episodes/part-1/index.html"
        );
        assert_eq!(output_file("404.html"), "404.html");
        assert_eq!(Generated::PeopleIndex.file(), "people/index.html");
        assert_eq!(person_path("the-d-o-c"), "people/the-d-o-c/");
        assert_eq!(page_path(Some("episodes"), "part-1"), "episodes/part-1/");
        assert_eq!(page_path(None, "reception"), "reception/");
        assert_eq!(section_path(EPISODES_DIR), "episodes/");
        assert_eq!(paginated_path("episodes/", 2), "episodes/page/2/");
        assert_eq!(sitemap_part_path(3), "sitemap-3.xml");
    }

    #[test]
    fn people_and_search_urls_are_kept_for_the_build() {
        assert_eq!(is_reserved("people/", false), Some(Generated::PeopleIndex));
        assert_eq!(
            is_reserved("people/x/", false),
            Some(Generated::PeopleIndex)
        );
        assert_eq!(is_reserved("search/", true), Some(Generated::Search));
        assert_eq!(is_reserved("search/", false), None);
        assert_eq!(is_reserved("peoples/", true), None);
    }
}
