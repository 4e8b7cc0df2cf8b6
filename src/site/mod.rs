//! Link stage: gives every page its URL, orders sections, builds the people graph and
//! renders each body's Markdown once every internal link can be resolved.

mod aliases;
pub mod episodes;
mod images;
mod internal_links;
mod people;
pub mod routes;
pub mod shortcodes;
mod videos;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::content::{Asset, Content, Document, FrontMatter};
use crate::error::{Diagnostic, Diagnostics, Location, display_path};
use crate::markdown::Rendered;
use crate::media::Library;
use crate::slug::{is_valid_slug, slugify};
use crate::summary::summary;
pub use aliases::Alias;
pub use images::{Image, source_of as image_source};
use internal_links::LinkTable;
use people::PeopleGraph;
use routes::{Generated, PEOPLE_DIR};
pub use shortcodes::ShortcodeTemplates;
pub use videos::Video;

/// At most this many problems of one kind are located (line, column, caret) in one file;
/// the others are counted in one more diagnostic. Locating a problem and printing it cost
/// time and memory in the size of the file and the length of its line, so thousands of
/// located problems in one file made a check quadratic.
const MAX_LOCATED_PER_FILE: usize = 20;

/// Index of a page in [`Site::pages`].
pub type PageId = usize;
/// Index of a person in [`Site::people`].
pub type PersonId = usize;

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
    /// The description: the front matter's, else the start of the text.
    pub summary: String,
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
    /// For an episode of the guide: its season and numbers.
    pub episode: Option<episodes::EpisodeNumbers>,
    /// Its picture (`image`): an episode's still.
    pub image: Option<Image>,
    /// Its videos (`[[videos]]`).
    pub videos: Vec<Video>,
}

impl Page {
    /// A page in its place, not linked yet.
    fn new(kind: PageKind, file: Option<PathBuf>, front: FrontMatter, path: String) -> Page {
        Page {
            kind,
            file,
            front,
            template: None,
            path,
            url: String::new(),
            content: String::new(),
            summary: String::new(),
            section: None,
            pages: Vec::new(),
            previous: None,
            next: None,
            featuring: Vec::new(),
            episode: None,
            image: None,
            videos: Vec::new(),
        }
    }
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
    /// Their portrait (`image`).
    pub image: Option<Image>,
    /// The videos of their text (`[[videos]]`).
    pub videos: Vec<Video>,
}

/// The text of the people index, `content/people/_index.md` when there is one.
#[derive(Debug, Clone, Default)]
pub struct PeopleIndex {
    /// Its own title; the theme names it when the site does not.
    pub title: Option<String>,
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
    /// Whether the site has a search page.
    pub has_search: bool,
    /// The old URLs of pages that moved, each redirecting to its page.
    pub aliases: Vec<Alias>,
    /// The episode guide and its seasons.
    pub guide: episodes::Guide,
    /// Files of `content/` copied as they are.
    pub assets: Vec<Asset>,
    /// The series' poster (`image` of `site.toml`).
    pub image: Option<Image>,
    /// The pictures the site shows, made as they were named.
    pub media: Library,
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

    /// A root-relative URL of a generated file: `/the-defiant-ones/people/`.
    pub fn generated_url(&self, generated: Generated) -> String {
        self.url(generated.path())
    }

    /// The person of that name, if the site names them.
    pub fn person_by_name(&self, name: &str) -> Option<&Person> {
        let id = self.people_by_slug.get(&slugify(name))?;
        Some(&self.people[*id])
    }
}

impl Site {
    /// Gives the page of `document` its new body, rendered, when the page is in the site
    /// and its front matter is as the site has it; returns the page. `None` when the edit
    /// may change more than the page's text (its front matter, a link that no longer
    /// leads anywhere, or a file that is not a page): only a new link finds those.
    ///
    /// What the body alone makes: the page's HTML and, without a `description`, its
    /// summary. Everything else of the site is as a link of the edited sources would make
    /// it but for the other pages that show this one's summary and the search index.
    pub fn replace_body(
        &mut self,
        document: &Document,
        shortcodes: Option<&dyn ShortcodeTemplates>,
    ) -> Option<PageId> {
        let id = self
            .pages
            .iter()
            .position(|page| page.file.as_deref() == Some(document.file.as_path()))?;
        if self.pages[id].front != document.front {
            return None;
        }
        let body = LinkTable::of_site(self)
            .render(document, &self.media, shortcodes)
            .ok()?;
        let page = &mut self.pages[id];
        page.summary = match &page.front.description {
            Some(description) => description.clone(),
            None => summary(&body.html, &self.config.description),
        };
        page.content = body.html;
        Some(id)
    }
}

/// A file copied as it is into the output: from `static/`, or a non-Markdown file of
/// `content/`.
#[derive(Debug, Clone)]
pub struct CopiedFile<'a> {
    /// Its path under the output folder.
    pub path: &'a str,
    /// Its source, as diagnostics name it.
    pub source: PathBuf,
}

impl Site {
    /// Checks that no copied file would overwrite a file the build writes, or another
    /// copied file.
    pub fn check_copies(&self, copies: &[CopiedFile<'_>], diagnostics: &mut Diagnostics) {
        let writers = Writers::new(self);
        let mut seen: HashMap<&str, &std::path::Path> = HashMap::new();
        for copy in copies {
            if let Some(writer) = writers.of(copy.path) {
                diagnostics.push(Diagnostic::new(
                    &copy.source,
                    format!("would overwrite `{}`, the output of {writer}", copy.path),
                ));
            } else if let Some(first) = seen.insert(copy.path, &copy.source) {
                diagnostics.push(Diagnostic::new(
                    &copy.source,
                    format!(
                        "`{}` and `{}` would both be copied to `{}`",
                        display_path(first),
                        display_path(&copy.source),
                        copy.path
                    ),
                ));
            }
        }
    }
}

/// The files the build writes, to find a copied file that would overwrite one.
///
/// Pages are found by their folder, borrowed: only a collision is described, so that a
/// site of 10,000 pages does not format 20,000 strings to check its five static files.
struct Writers<'a> {
    site: &'a Site,
    /// A page's or person's folder (`episodes/part-1/`) → which of them it is.
    folders: FxHashMap<&'a str, Writer>,
}

/// What writes a folder's `index.html`.
#[derive(Clone, Copy)]
enum Writer {
    Page(PageId),
    Person(PersonId),
    Alias(PageId),
}

impl<'a> Writers<'a> {
    fn new(site: &'a Site) -> Self {
        let pages = site.pages.iter().enumerate();
        let people = site.people.iter().enumerate();
        let mut folders = FxHashMap::default();
        folders.extend(pages.map(|(id, page)| (page.path.as_str(), Writer::Page(id))));
        folders.extend(people.map(|(id, person)| (person.path.as_str(), Writer::Person(id))));
        let aliases = site.aliases.iter();
        folders.extend(aliases.map(|alias| (alias.path.as_str(), Writer::Alias(alias.to))));
        Writers { site, folders }
    }

    /// What the build writes at `path`, if anything: "the page of Dr. Dre".
    fn of(&self, path: &str) -> Option<String> {
        if let Some(generated) = Generated::ALL.into_iter().find(|g| g.file() == path) {
            return Some(generated.describe().to_string());
        }
        let folder = path.strip_suffix("index.html").unwrap_or(path);
        let writer = self.folders.get(folder)?;
        let page = |id: PageId| {
            self.site.pages[id].file.as_deref().map_or_else(
                || "the home page".to_string(),
                |f| format!("`{}`", display_path(f)),
            )
        };
        Some(match *writer {
            Writer::Page(id) => page(id),
            Writer::Person(id) => format!("the page of {}", self.site.people[id].name),
            Writer::Alias(id) => format!("an alias of {}", page(id)),
        })
    }
}

/// Links loaded content into a [`Site`]. Every problem is recorded in `diagnostics`.
///
/// `has_search` says whether the site has a search page, whose URL no page may take.
pub fn link(
    config: Config,
    content: Content,
    has_search: bool,
    media: Library,
    shortcodes: Option<&dyn ShortcodeTemplates>,
    diagnostics: &mut Diagnostics,
) -> Site {
    let Placed {
        mut pages,
        documents,
        person_texts,
        people_index,
    } = place(&config, content.documents, diagnostics);
    let mut assets = content.assets;
    place_bundle_files(&mut assets, &pages, &documents);
    check_unique_paths(&pages, has_search, diagnostics);
    order_sections(&mut pages, &documents);
    let guide = episodes::guide(&mut pages, diagnostics);
    episodes::check_counts(&config, &guide, diagnostics);
    let mut people = PeopleGraph::of_series(&config);
    add_page_people(
        &mut people,
        &mut pages,
        &documents,
        &config.title,
        diagnostics,
    );
    for (slug, document) in &person_texts {
        people.add_text_owner(slug, &document.front.title);
    }
    let has_text = |slug: &str| person_texts.iter().any(|(own, _)| own == slug);
    diagnostics.extend(people.misspelt_names(&config, &documents, has_text));
    let aliases = aliases::collect(&pages, &documents, &people.people, has_search, diagnostics);
    let links = LinkTable::new(
        config.base_path(),
        &pages,
        &documents,
        &people.people,
        &content.left_out,
    );
    let image = diagnostics.take(images::poster(&config, &media)).flatten();
    let makers = Makers {
        media: &media,
        shortcodes,
    };
    render_bodies(&mut pages, documents, &links, &config, &makers, diagnostics);
    let base_path = config.base_path();
    for person in &mut people.people {
        person.url = format!("{base_path}{}", person.path);
    }
    add_person_texts(&mut people, person_texts, &links, &makers, diagnostics);
    let people_index = people_index
        .map(|document| PeopleIndex {
            content: diagnostics
                .take_all(links.render(&document, &media, shortcodes))
                .unwrap_or_default()
                .html,
            title: Some(document.front.title),
            description: document.front.description,
        })
        .unwrap_or_default();
    Site {
        config,
        pages,
        people: people.people,
        people_by_slug: people.by_slug,
        people_index,
        has_search,
        aliases,
        guide,
        assets,
        image,
        media,
    }
}

/// What the Markdown of the pages is made with, besides their links: the pictures, and
/// the shortcodes' templates.
struct Makers<'a> {
    media: &'a Library,
    shortcodes: Option<&'a dyn ShortcodeTemplates>,
}

/// The documents of `content/`, each put in its place: pages (with their URL paths, the
/// home page first) beside their documents, the texts of person pages, and the text of the
/// people index.
struct Placed {
    pages: Vec<Page>,
    /// `documents[id]` is the source of `pages[id]`; `None` for a home page the site lacks.
    documents: Vec<Option<Document>>,
    person_texts: Vec<(String, Document)>,
    people_index: Option<Document>,
}

fn place(config: &Config, documents: Vec<Document>, diagnostics: &mut Diagnostics) -> Placed {
    // A page and its document are large: they are kept in two lists, each sized once,
    // so that neither is moved with the other.
    let mut placed = Placed {
        pages: Vec::with_capacity(documents.len() + 1),
        documents: Vec::with_capacity(documents.len() + 1),
        person_texts: Vec::new(),
        people_index: None,
    };
    placed.pages.push(default_home(config));
    placed.documents.push(None);
    for document in documents {
        let page = match classify(&document.rel) {
            Classified::Home => {
                placed.pages[0] = page_from(&document, PageKind::Home, String::new());
                placed.documents[0] = Some(document);
                continue;
            }
            Classified::PeopleIndex => {
                placed.people_index = Some(document);
                continue;
            }
            Classified::PersonText(slug) => {
                placed.person_texts.push((slug, document));
                continue;
            }
            Classified::Section(dir) => {
                page_from(&document, PageKind::Section, routes::section_path(&dir))
            }
            Classified::Page(dir, stem) => {
                let Some(slug) = page_slug(&document, &stem, diagnostics) else {
                    continue;
                };
                let path = routes::page_path(dir.as_deref(), &slug);
                page_from(&document, PageKind::Page, path)
            }
        };
        placed.pages.push(page);
        placed.documents.push(Some(document));
    }
    placed
}

/// Adds the people each page features, and the recipients of its awards, in page order.
fn add_page_people(
    people: &mut PeopleGraph,
    pages: &mut [Page],
    documents: &[Option<Document>],
    series_title: &str,
    diagnostics: &mut Diagnostics,
) {
    // Folding 50,000 names into slugs is most of the people graph's work: it is done in
    // parallel, before the graph is built in page order.
    let featured: Vec<Vec<String>> = documents
        .par_iter()
        .map(|document| {
            let names = document.iter().flat_map(|d| &d.front.featuring);
            names.map(|name| slugify(name.get_ref())).collect()
        })
        .collect();
    for (id, ((page, document), slugs)) in pages.iter_mut().zip(documents).zip(featured).enumerate()
    {
        if let Some(document) = document {
            page.featuring = people.add_featuring(id, document, slugs, diagnostics);
            people.add_awards(id, document, series_title);
        }
    }
}

/// Renders every page's Markdown, now that every `@/` link can be resolved, and gives each
/// page its URL and summary.
fn render_bodies(
    pages: &mut [Page],
    documents: Vec<Option<Document>>,
    links: &LinkTable,
    config: &Config,
    makers: &Makers<'_>,
    diagnostics: &mut Diagnostics,
) {
    let media = makers.media;
    let base_path = config.base_path();
    // Each document is dropped as soon as its page is rendered, so that the memory of the
    // sources is reused for the pages' HTML rather than added to it.
    let problems: Vec<Result<(), Vec<Diagnostic>>> = pages
        .par_iter_mut()
        .zip(documents.into_par_iter())
        .map(|(page, document)| {
            page.url = format!("{base_path}{}", page.path);
            let body = match document {
                Some(document) => {
                    let image = images::front_image(&document, media);
                    let videos = videos::front_videos(&document, media);
                    let body = links.render(&document, media, makers.shortcodes);
                    match (image, videos, body) {
                        (Ok(image), Ok(videos), Ok(body)) => {
                            page.image = image;
                            page.videos = videos;
                            body
                        }
                        (image, videos, body) => {
                            let mut problems: Vec<Diagnostic> = image.err().into_iter().collect();
                            problems.extend(videos.err().into_iter().flatten());
                            problems.extend(body.err().into_iter().flatten());
                            return Err(problems);
                        }
                    }
                }
                None => Rendered::default(),
            };
            page.summary = match &page.front.description {
                Some(description) => description.clone(),
                None => summary(&body.html, &config.description),
            };
            page.content = body.html;
            Ok(())
        })
        .collect();
    for problem in problems {
        diagnostics.take_all(problem);
    }
}

/// Renders the texts of `content/people/<slug>.md` onto their people's pages.
fn add_person_texts(
    people: &mut PeopleGraph,
    person_texts: Vec<(String, Document)>,
    links: &LinkTable,
    makers: &Makers<'_>,
    diagnostics: &mut Diagnostics,
) {
    let media = makers.media;
    let rendered: Vec<_> = person_texts
        .into_par_iter()
        .map(|(slug, document)| {
            let body = links.render(&document, media, makers.shortcodes);
            let image = images::front_image(&document, media);
            let videos = videos::front_videos(&document, media);
            (slug, document, body, image, videos)
        })
        .collect();
    for (slug, document, body, image, videos) in rendered {
        let body = diagnostics.take_all(body).unwrap_or_default();
        let image = diagnostics.take(image).flatten();
        let videos = diagnostics.take_all(videos).unwrap_or_default();
        people.get_mut(&slug).text = Some(PersonText {
            file: document.file,
            front: document.front,
            content: body.html,
            image,
            videos,
        });
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

/// The name of a page bundle's Markdown file: `content/episodes/part-1/index.md` is the
/// page `part-1` of `episodes`, with its pictures beside it in its own folder.
const BUNDLE_FILE: &str = "index";

/// The folder and the name of the page of a content file, from its path relative to
/// `content/`: `episodes/part-1.md` and the bundle `episodes/part-1/index.md` are both
/// `part-1` in `episodes`.
fn place_of(rel: &str) -> (Option<&str>, &str) {
    let without_extension = rel.strip_suffix(".md").unwrap_or(rel);
    match without_extension.rsplit_once('/') {
        Some((bundle, BUNDLE_FILE)) => match bundle.rsplit_once('/') {
            Some((dir, stem)) => (Some(dir), stem),
            None => (None, bundle),
        },
        Some((dir, stem)) => (Some(dir), stem),
        None => (None, without_extension),
    }
}

/// Moves the files of each page bundle to where its page is: `episodes/part-1/still.jpg`
/// goes beside `episodes/second/` when a `slug` names the page so, as its links expect.
fn place_bundle_files(assets: &mut [Asset], pages: &[Page], documents: &[Option<Document>]) {
    let bundle_file = format!("/{BUNDLE_FILE}.md");
    let moved: Vec<(String, &str)> = pages
        .iter()
        .zip(documents)
        .filter_map(|(page, document)| {
            let rel = &document.as_ref()?.rel;
            let folder = &rel[..rel.strip_suffix(&bundle_file)?.len() + 1];
            (folder != page.path).then(|| (folder.to_string(), page.path.as_str()))
        })
        .collect();
    if moved.is_empty() {
        return;
    }
    for asset in assets {
        if let Some((folder, path)) = moved.iter().find(|(f, _)| asset.rel.starts_with(f)) {
            asset.rel = format!("{path}{}", &asset.rel[folder.len()..]);
        }
    }
}

fn classify(rel: &str) -> Classified {
    match place_of(rel) {
        (None, "_index") => Classified::Home,
        (Some(PEOPLE_DIR), "_index") => Classified::PeopleIndex,
        (Some(PEOPLE_DIR), stem) => Classified::PersonText(slugify(stem)),
        (Some(dir), "_index") => Classified::Section(dir.to_string()),
        (dir, stem) => Classified::Page(dir.map(str::to_string), stem.to_string()),
    }
}

fn default_home(config: &Config) -> Page {
    let front = FrontMatter {
        title: config.title.clone(),
        description: Some(config.description.clone()).filter(|d| !d.is_empty()),
        ..FrontMatter::default()
    };
    Page::new(PageKind::Home, None, front, String::new())
}

fn page_from(document: &Document, kind: PageKind, path: String) -> Page {
    let mut page = Page::new(
        kind,
        Some(document.file.clone()),
        document.front.clone(),
        path,
    );
    page.template = document
        .front
        .template
        .as_ref()
        .map(|t| (t.get_ref().clone(), document.front_location(t.span())));
    page
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

/// Every page's URL is its own: not another page's, and not one the build writes itself.
fn check_unique_paths(pages: &[Page], has_search: bool, diagnostics: &mut Diagnostics) {
    let mut claimed: HashMap<&str, &Page> = HashMap::with_capacity(pages.len());
    for page in pages {
        let file = || page.file.clone().unwrap_or_default();
        match routes::is_reserved(&page.path, has_search) {
            Some(Generated::Search) => {
                diagnostics.push(
                    Diagnostic::new(
                        file(),
                        format!("the URL `{}` is kept for the search page", page.path),
                    )
                    .help("the theme's search page takes it; give this page another `slug`"),
                );
                continue;
            }
            Some(_) => {
                diagnostics.push(Diagnostic::new(
                    file(),
                    format!("the URL `{}` is kept for the generated person pages", page.path),
                ).help(format!("write a person's text in `content/{PEOPLE_DIR}/<slug>.md`, or give this page another `slug`")));
                continue;
            }
            None => {}
        }
        if let Some(first) = claimed.insert(&page.path, page) {
            let name = |p: &Page| p.file.as_deref().map(display_path).unwrap_or_default();
            diagnostics.push(
                Diagnostic::new(
                    file(),
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
        let dir = document.as_ref().and_then(|d| place_of(&d.rel).0);
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
        assert_eq!(
            classify("episodes/part-1/index.md"),
            Page(Some("episodes".into()), "part-1".into())
        );
        assert_eq!(classify("about/index.md"), Page(None, "about".into()));
        assert_eq!(
            classify("people/dr-dre/index.md"),
            PersonText("dr-dre".into())
        );
        assert_eq!(
            classify("episodes/season-2/_index.md"),
            Section("episodes/season-2".into())
        );
    }
}
