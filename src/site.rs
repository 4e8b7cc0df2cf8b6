//! Link stage: gives every page its URL, orders sections, builds the people graph and
//! renders each body's Markdown once every internal link can be resolved.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::content::{Asset, Content, Document, FrontMatter};
use crate::date::DateView;
use crate::error::{Diagnostic, Diagnostics, Location, display_path};
use crate::markdown::{self, Rendered};
use crate::slug::{is_valid_slug, slugify};
use crate::summary::summary;

/// At most this many problems of one kind are located (line, column, caret) in one file;
/// the others are counted in one more diagnostic. Locating a problem and printing it cost
/// time and memory in the size of the file and the length of its line, so thousands of
/// located problems in one file made a check quadratic.
const MAX_LOCATED_PER_FILE: usize = 20;

/// Index of a page in [`Site::pages`].
pub type PageId = usize;
/// Index of a person in [`Site::people`].
pub type PersonId = usize;

/// The folder of `content/` whose files add text to person pages, and the URL of the
/// generated person pages.
pub const PEOPLE_DIR: &str = "people";

/// What a page is, which decides its default template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `content/_index.md`.
    Home,
    /// A folder's `_index.md`: a list of the pages inside it.
    Section,
    /// Any other Markdown file.
    Page,
}

/// A page with its place in the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Home, section or page.
    pub kind: PageKind,
    /// The source, relative to the site root; `None` for a home page the site lacks.
    pub file: Option<PathBuf>,
    /// The front matter as written.
    pub front: FrontMatter,
    /// The `template` of the front matter, with where it is written.
    pub template: Option<(String, Location)>,
    /// The URL path relative to the site root: `""`, `episodes/`, `episodes/part-1/`.
    pub path: String,
    /// The root-relative URL, `base_path` and `path`: `/the-defiant-ones/episodes/`.
    pub url: String,
    /// The body, rendered to HTML.
    pub content: String,
    /// The body's text, for the search index.
    pub text: String,
    /// The description: the front matter's, else the start of the text.
    pub summary: String,
    /// The front matter's date, ready to print.
    pub date: Option<DateView>,
    /// For a page inside a section folder: that section.
    pub section: Option<PageId>,
    /// For a section: its pages in order (weight, then date, then title).
    pub pages: Vec<PageId>,
    /// The page before this one in its section.
    pub previous: Option<PageId>,
    /// The page after this one in its section.
    pub next: Option<PageId>,
    /// The people of `featuring`, in the order written.
    pub featuring: Vec<PersonId>,
}

/// Someone named anywhere in the site: cast, credits, awards or `featuring`.
#[derive(Debug, Clone, Default)]
pub struct Person {
    /// The name as first written.
    pub name: String,
    /// `lasse-jarvi`.
    pub slug: String,
    /// `people/lasse-jarvi/`.
    pub path: String,
    /// The root-relative URL: `/the-defiant-ones/people/lasse-jarvi/`.
    pub url: String,
    /// Extra text from `content/people/<slug>.md`, rendered.
    pub text: Option<PersonText>,
    /// Their parts in the cast.
    pub cast: Vec<CastPart>,
    /// The credit roles (`director`, `writer`, …) they hold.
    pub credits: Vec<String>,
    /// Pages that feature them.
    pub featured_in: Vec<PageId>,
    /// Awards they were nominated for: the page listing the award and its index there.
    pub awards: Vec<(PageId, usize)>,
}

/// A person's part on screen.
#[derive(Debug, Clone)]
pub struct CastPart {
    /// The part, when not themselves.
    pub role: Option<String>,
    /// Whether it is in a reenactment.
    pub reenactment: bool,
}

/// The text an editor wrote for a person.
#[derive(Debug, Clone)]
pub struct PersonText {
    /// The file it came from.
    pub file: PathBuf,
    /// The front matter.
    pub front: FrontMatter,
    /// The body, rendered to HTML.
    pub content: String,
    /// The body's text, for the search index.
    pub text: String,
}

/// The text of the people index, `content/people/_index.md` when there is one.
#[derive(Debug, Clone)]
pub struct PeopleIndex {
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: Option<String>,
    /// Its body, rendered.
    pub content: String,
}

/// The whole site, linked: every URL known, every cross reference resolved.
#[derive(Debug)]
pub struct Site {
    /// `site.toml`.
    pub config: Config,
    /// Every page: the home page first, then the others in file order.
    pub pages: Vec<Page>,
    /// Everyone, in order of first mention.
    pub people: Vec<Person>,
    /// Each person's place in `people`, by slug.
    pub people_by_slug: FxHashMap<String, PersonId>,
    /// The people index page.
    pub people_index: PeopleIndex,
    /// The root-relative URL of the people index.
    pub people_index_url: String,
    /// Files of `content/` copied as they are.
    pub assets: Vec<Asset>,
}

impl Site {
    /// The home page.
    pub fn home(&self) -> &Page {
        &self.pages[0]
    }

    /// A root-relative URL of a site path, which works under any sub-path `base_url`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_path())
    }

    /// The absolute URL of a site path, for canonical links, feeds and sitemaps.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url)
    }

    /// The person of that name, if the site names them.
    pub fn person_by_name(&self, name: &str) -> Option<&Person> {
        let id = self.people_by_slug.get(&slugify(name))?;
        Some(&self.people[*id])
    }
}

/// Links loaded content into a [`Site`]. Every problem is recorded in `diagnostics`.
pub fn link(config: Config, content: Content, diagnostics: &mut Diagnostics) -> Site {
    let mut people = PeopleGraph::default();
    people.add_series(&config);
    // A page and its document are large: they are kept in two lists, each sized once,
    // so that neither is moved with the other.
    let mut pages: Vec<Page> = Vec::with_capacity(content.documents.len() + 1);
    let mut documents: Vec<Option<Document>> = Vec::with_capacity(content.documents.len() + 1);
    pages.push(default_home(&config));
    documents.push(None);
    let mut person_texts = Vec::new();
    let mut people_index = None;
    for document in content.documents {
        let page = match classify(&document.rel) {
            Classified::Home => {
                pages[0] = page_from(&document, PageKind::Home, String::new());
                documents[0] = Some(document);
                continue;
            }
            Classified::PeopleIndex => {
                people_index = Some(document);
                continue;
            }
            Classified::PersonText(slug) => {
                person_texts.push((slug, document));
                continue;
            }
            Classified::Section(dir) => page_from(&document, PageKind::Section, format!("{dir}/")),
            Classified::Page(dir, stem) => {
                let Some(slug) = page_slug(&document, &stem, diagnostics) else {
                    continue;
                };
                let path = match dir {
                    Some(dir) => format!("{dir}/{slug}/"),
                    None => format!("{slug}/"),
                };
                page_from(&document, PageKind::Page, path)
            }
        };
        pages.push(page);
        documents.push(Some(document));
    }
    check_unique_paths(&pages, diagnostics);
    order_sections(&mut pages, &documents);
    // Folding 50,000 names into slugs is most of the people graph's work: it is done in
    // parallel, before the graph is built in page order.
    let featured: Vec<Vec<String>> = documents
        .par_iter()
        .map(|document| {
            let names = document.iter().flat_map(|d| &d.front.featuring);
            names.map(|name| slugify(name.get_ref())).collect()
        })
        .collect();
    for (id, ((page, document), slugs)) in
        pages.iter_mut().zip(&documents).zip(featured).enumerate()
    {
        if let Some(document) = document {
            page.featuring = people.add_featuring(id, document, slugs, diagnostics);
            for (index, award) in document.front.awards.iter().enumerate() {
                for recipient in &award.recipients {
                    if recipient != &config.title {
                        people.add_award(recipient, id, index);
                    }
                }
            }
        }
    }
    for (slug, document) in &person_texts {
        people.add_text_owner(slug, &document.front.title);
    }

    let links = LinkTable::new(&config, &pages, &documents, &people.people);
    let base_path = config.base_path().to_string();
    // Each document is dropped as soon as its page is rendered, so that the memory of the
    // sources is reused for the pages' HTML rather than added to it.
    let problems: Vec<Result<(), Vec<Diagnostic>>> = pages
        .par_iter_mut()
        .zip(documents.into_par_iter())
        .map(|(page, document)| {
            page.url = format!("{base_path}{}", page.path);
            let body = match document {
                Some(document) => links.render(&document)?,
                None => Rendered::default(),
            };
            page.summary = match &page.front.description {
                Some(description) => description.clone(),
                None => summary(&body.html, &config.description),
            };
            (page.content, page.text) = (body.html, body.text);
            Ok(())
        })
        .collect();
    for problem in problems {
        diagnostics.take_all(problem);
    }
    for person in &mut people.people {
        person.url = format!("{base_path}{}", person.path);
    }
    let person_texts: Vec<_> = person_texts
        .into_par_iter()
        .map(|(slug, document)| {
            let body = links.render(&document);
            (slug, document, body)
        })
        .collect();
    for (slug, document, body) in person_texts {
        let body = diagnostics.take_all(body).unwrap_or_default();
        let person = people.get_mut(&slug);
        person.text = Some(PersonText {
            file: document.file,
            front: document.front,
            content: body.html,
            text: body.text,
        });
    }
    let people_index = match people_index {
        Some(document) => PeopleIndex {
            content: diagnostics
                .take_all(links.render(&document))
                .unwrap_or_default()
                .html,
            title: document.front.title,
            description: document.front.description,
        },
        None => PeopleIndex {
            title: "People".to_string(),
            description: None,
            content: String::new(),
        },
    };
    Site {
        config,
        pages,
        people: people.people,
        people_by_slug: people.by_slug,
        people_index_url: format!("{base_path}{PEOPLE_DIR}/"),
        people_index,
        assets: content.assets,
    }
}

/// What a content file is, from its path relative to `content/`.
#[derive(Debug, PartialEq, Eq)]
enum Classified {
    Home,
    PeopleIndex,
    PersonText(String),
    Section(String),
    Page(Option<String>, String),
}

fn classify(rel: &str) -> Classified {
    let without_extension = rel.strip_suffix(".md").unwrap_or(rel);
    let (dir, stem) = match without_extension.rsplit_once('/') {
        Some((dir, stem)) => (Some(dir), stem),
        None => (None, without_extension),
    };
    match (dir, stem) {
        (None, "_index") => Classified::Home,
        (Some(PEOPLE_DIR), "_index") => Classified::PeopleIndex,
        (Some(PEOPLE_DIR), stem) => Classified::PersonText(slugify(stem)),
        (Some(dir), "_index") => Classified::Section(dir.to_string()),
        (dir, stem) => Classified::Page(dir.map(str::to_string), stem.to_string()),
    }
}

fn default_home(config: &Config) -> Page {
    Page {
        kind: PageKind::Home,
        file: None,
        front: FrontMatter {
            title: config.title.clone(),
            description: Some(config.description.clone()).filter(|d| !d.is_empty()),
            ..FrontMatter::default()
        },
        template: None,
        path: String::new(),
        url: String::new(),
        content: String::new(),
        text: String::new(),
        summary: String::new(),
        date: None,
        section: None,
        pages: Vec::new(),
        previous: None,
        next: None,
        featuring: Vec::new(),
    }
}

fn page_from(document: &Document, kind: PageKind, path: String) -> Page {
    Page {
        kind,
        file: Some(document.file.clone()),
        front: document.front.clone(),
        template: document
            .front
            .template
            .as_ref()
            .map(|t| (t.get_ref().clone(), document.front_location(t.span()))),
        path,
        url: String::new(),
        content: String::new(),
        text: String::new(),
        summary: String::new(),
        date: document.front.date.map(DateView::from),
        section: None,
        pages: Vec::new(),
        previous: None,
        next: None,
        featuring: Vec::new(),
    }
}

/// The URL slug of a page: its own `slug`, checked, or its file name folded.
fn page_slug(document: &Document, stem: &str, diagnostics: &mut Diagnostics) -> Option<String> {
    let Some(slug) = &document.front.slug else {
        return Some(slugify(stem)).filter(|s| !s.is_empty()).or_else(|| {
            diagnostics.push(
                Diagnostic::new(
                    &document.file,
                    "the file name has no letters or digits to make a URL from",
                )
                .help("rename the file or give the page a `slug`"),
            );
            None
        });
    };
    if is_valid_slug(slug.get_ref()) {
        return Some(slug.get_ref().clone());
    }
    let suggestion = slugify(slug.get_ref());
    let mut diagnostic =
        Diagnostic::new(&document.file, format!("invalid slug `{}`", slug.get_ref()))
            .at(document.front_location(slug.span()))
            .label("only lowercase letters, digits and hyphens are allowed");
    if !suggestion.is_empty() {
        diagnostic = diagnostic.help(format!("write `slug = \"{suggestion}\"`"));
    }
    diagnostics.push(diagnostic);
    None
}

fn check_unique_paths(pages: &[Page], diagnostics: &mut Diagnostics) {
    let mut claimed: HashMap<&str, &Page> = HashMap::with_capacity(pages.len());
    for page in pages {
        let reserved = page.path == format!("{PEOPLE_DIR}/")
            || page.path.starts_with(&format!("{PEOPLE_DIR}/"));
        if reserved && page.kind != PageKind::Home {
            diagnostics.push(Diagnostic::new(
                page.file.clone().unwrap_or_default(),
                format!("the URL `{}` is kept for the generated person pages", page.path),
            ).help(format!("write a person's text in `content/{PEOPLE_DIR}/<slug>.md`, or give this page another `slug`")));
            continue;
        }
        if let Some(first) = claimed.insert(&page.path, page) {
            let name = |p: &Page| p.file.as_deref().map(display_path).unwrap_or_default();
            diagnostics.push(
                Diagnostic::new(
                    page.file.clone().unwrap_or_default(),
                    format!(
                        "two pages claim the URL `{}`: {} and {}",
                        page.path,
                        name(first),
                        name(page)
                    ),
                )
                .help("give one of them another file name or `slug`"),
            );
        }
    }
}

/// Puts each section's pages in order and links each page to its neighbours.
fn order_sections(pages: &mut [Page], documents: &[Option<Document>]) {
    let sections: HashMap<&str, PageId> = pages
        .iter()
        .zip(documents)
        .enumerate()
        .filter(|(_, (page, _))| page.kind == PageKind::Section)
        .filter_map(|(id, (_, doc))| Some((section_dir(&doc.as_ref()?.rel)?, id)))
        .collect();
    let mut members: HashMap<PageId, Vec<PageId>> = HashMap::new();
    for (id, (page, document)) in pages.iter_mut().zip(documents).enumerate() {
        if page.kind != PageKind::Page {
            continue;
        }
        let dir = document
            .as_ref()
            .and_then(|d| d.rel.rsplit_once('/'))
            .map(|(dir, _)| dir);
        if let Some(&section) = dir.and_then(|dir| sections.get(dir)) {
            page.section = Some(section);
            members.entry(section).or_default().push(id);
        }
    }
    for (section, mut ids) in members {
        ids.sort_by_key(|&id| {
            let front = &pages[id].front;
            (
                front.weight.is_none(),
                front.weight,
                front.date,
                front.title.as_str(),
            )
        });
        for (i, &id) in ids.iter().enumerate() {
            let page = &mut pages[id];
            page.previous = i.checked_sub(1).map(|j| ids[j]);
            page.next = ids.get(i + 1).copied();
        }
        pages[section].pages = ids;
    }
}

fn section_dir(rel: &str) -> Option<&str> {
    rel.strip_suffix("/_index.md")
}

/// Everyone the site names, found by slug.
#[derive(Default)]
struct PeopleGraph {
    people: Vec<Person>,
    by_slug: FxHashMap<String, PersonId>,
}

impl PeopleGraph {
    fn get_or_add(&mut self, name: &str) -> &mut Person {
        let id = self.id_of(name, slugify(name));
        &mut self.people[id]
    }

    /// The person of that name and slug, added the first time the slug is met.
    fn id_of(&mut self, name: &str, slug: String) -> PersonId {
        if let Some(&id) = self.by_slug.get(&slug) {
            return id;
        }
        self.people.push(Person {
            name: name.trim().to_string(),
            path: format!("{PEOPLE_DIR}/{slug}/"),
            slug: slug.clone(),
            ..Person::default()
        });
        self.by_slug.insert(slug, self.people.len() - 1);
        self.people.len() - 1
    }

    fn get_mut(&mut self, slug: &str) -> &mut Person {
        let id = self.by_slug[slug];
        &mut self.people[id]
    }

    fn add_series(&mut self, config: &Config) {
        for member in &config.series.cast {
            self.get_or_add(&member.name).cast.push(CastPart {
                role: member.role.clone(),
                reenactment: member.reenactment,
            });
        }
        for (role, names) in &config.series.credits {
            for name in names {
                let person = self.get_or_add(name);
                if !person.credits.contains(role) {
                    person.credits.push(role.clone());
                }
            }
        }
    }

    /// Adds the people of a page's `featuring`, whose slugs are `slugs`, in order.
    fn add_featuring(
        &mut self,
        page: PageId,
        document: &Document,
        slugs: Vec<String>,
        diagnostics: &mut Diagnostics,
    ) -> Vec<PersonId> {
        let mut featuring = Vec::new();
        let mut nameless = 0;
        for (name, slug) in document.front.featuring.iter().zip(slugs) {
            if slug.is_empty() {
                nameless += 1;
                if nameless <= MAX_LOCATED_PER_FILE {
                    diagnostics.push(
                        Diagnostic::new(
                            &document.file,
                            "a name in `featuring` has no letters or digits",
                        )
                        .at(document.front_location(name.span())),
                    );
                }
                continue;
            }
            let id = self.id_of(name.get_ref(), slug);
            let person = &mut self.people[id];
            // Pages are added in order: a person already met on this page has it last,
            // which keeps a page naming thousands of people linear without a set.
            if person.featured_in.last() != Some(&page) {
                person.featured_in.push(page);
                featuring.push(id);
            }
        }
        if nameless > MAX_LOCATED_PER_FILE {
            diagnostics.push(Diagnostic::new(
                &document.file,
                format!(
                    "{} more names in `featuring` have no letters or digits",
                    nameless - MAX_LOCATED_PER_FILE
                ),
            ));
        }
        featuring
    }

    fn add_award(&mut self, recipient: &str, page: PageId, index: usize) {
        if slugify(recipient).is_empty() {
            return;
        }
        self.get_or_add(recipient).awards.push((page, index));
    }

    /// Makes sure the person of `content/people/<slug>.md` exists: the file name decides
    /// the page, and the title gives the name of someone the site does not name elsewhere.
    fn add_text_owner(&mut self, slug: &str, title: &str) {
        self.id_of(title, slug.to_string());
    }
}

/// Where every `@/` link target leads.
struct LinkTable {
    base_path: String,
    paths: HashMap<String, String>,
}

impl LinkTable {
    fn new(
        config: &Config,
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
        paths.insert(format!("{PEOPLE_DIR}/_index.md"), format!("{PEOPLE_DIR}/"));
        for person in people {
            paths.insert(
                format!("{PEOPLE_DIR}/{}.md", person.slug),
                person.path.clone(),
            );
        }
        LinkTable {
            base_path: config.base_path().to_string(),
            paths,
        }
    }

    fn resolve(&self, target: &str) -> Option<String> {
        self.paths
            .get(target)
            .map(|path| format!("{}{path}", self.base_path))
    }

    /// Renders a document's body, reporting every broken link at its place in the file.
    fn render(&self, document: &Document) -> Result<Rendered, Vec<Diagnostic>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_by_path() {
        use Classified::*;
        assert_eq!(classify("_index.md"), Home);
        assert_eq!(classify("people/_index.md"), PeopleIndex);
        assert_eq!(classify("people/Dr. Dre.md"), PersonText("dr-dre".into()));
        assert_eq!(classify("episodes/_index.md"), Section("episodes".into()));
        assert_eq!(
            classify("episodes/part-1.md"),
            Page(Some("episodes".into()), "part-1".into())
        );
        assert_eq!(classify("reception.md"), Page(None, "reception".into()));
    }
}
