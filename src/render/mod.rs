//! Render stage: renders every page of the linked site through the Tera templates, in
//! parallel, and hands each result to the write stage as an [`Output`].

pub mod context;
pub mod structured_data;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, ErrorKind, Tera, Value};

use crate::content::{read_text, relative_to};
use crate::error::{Diagnostic, Diagnostics, Location, as_message};
use crate::output::Output;
use crate::search::{self, SearchPage};
use crate::site::{PEOPLE_DIR, PageId, PageKind, Site};
pub use context::Links;
use context::{FeedContext, FeedEntry, SimplePageView, Views};

/// The folder, under the site root, of the templates.
pub const TEMPLATES_DIR: &str = "templates";

/// Templates every site gets, unless it has its own of the same name.
const BUILT_IN: [(&str, &str); 3] = [
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
];

/// The site's templates, compiled once.
pub struct Templates {
    tera: Tera,
    /// Template name → its file (relative to the site root) and text, for error reports.
    sources: HashMap<String, (PathBuf, String)>,
}

impl Templates {
    /// Reads and compiles every file under `templates/`. Every syntax error of every
    /// template is recorded, not only the first.
    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<Templates> {
        let dir = root.join(TEMPLATES_DIR);
        let mut sources = HashMap::new();
        let mut ok = true;
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let path = error.path().unwrap_or(&dir);
                    let reason = error
                        .io_error()
                        .map_or_else(|| error.to_string(), crate::content::io_reason);
                    let message = if path == dir {
                        format!("cannot read the templates folder: {reason}")
                    } else {
                        format!("cannot read: {reason}")
                    };
                    diagnostics.push(Diagnostic::new(relative_to(root, path), message).help(
                        "a site keeps its Tera templates in `templates/`, beside `site.toml`",
                    ));
                    ok = false;
                    continue;
                }
            };
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if !entry.file_type().is_file() || hidden {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            match read_text(root, entry.path()) {
                Ok(text) => {
                    sources.insert(name, (relative_to(root, entry.path()), text));
                }
                Err(diagnostic) => {
                    diagnostics.push(diagnostic);
                    ok = false;
                }
            }
        }
        for (name, text) in BUILT_IN {
            sources.entry(name.to_string()).or_insert_with(|| {
                (
                    PathBuf::from(format!("(built-in template) {name}")),
                    text.to_string(),
                )
            });
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        let mut candidates: Vec<&String> = sources.keys().collect();
        candidates.sort();
        // A syntax error stops Tera at that template: set it aside and try again, so that
        // every broken template is reported in one build.
        loop {
            let batch = candidates
                .iter()
                .map(|name| (name.as_str(), sources[name.as_str()].1.as_str()));
            match tera.add_raw_templates(batch) {
                Ok(()) => break,
                Err(error) => {
                    ok = false;
                    let found = template_diagnostics(&error, &sources);
                    let broken: Vec<String> = match error.kind() {
                        ErrorKind::SyntaxError(report) => vec![report.filename().to_string()],
                        _ => Vec::new(),
                    };
                    diagnostics.extend(found);
                    if broken.is_empty() {
                        break;
                    }
                    candidates.retain(|name| !broken.contains(name));
                }
            }
        }
        ok.then_some(Templates { tera, sources })
    }

    /// Whether a template of that name exists.
    pub fn contains(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Makes `site` the `site` variable of every template.
    fn set_site(&mut self, site: &Site, links: &Links) {
        let view = Views::new(site, links).site();
        self.tera
            .global_context()
            .insert_value("site", Value::from_serializable(&view));
    }
}

/// One file to render.
#[derive(Debug, Clone, Copy)]
enum Job {
    Page(PageId),
    Person(usize),
    PeopleIndex,
    Search,
    NotFound,
    Sitemap,
    Feed,
    Robots,
}

/// The URL path of the search page, written when the site has a `search.html` template.
pub const SEARCH_PATH: &str = "search/";
/// The template of the search page.
pub const SEARCH_TEMPLATE: &str = "search.html";

/// Checks that every page's template exists, before anything is rendered.
pub fn check_templates(site: &Site, templates: &Templates, diagnostics: &mut Diagnostics) {
    for id in 0..site.pages.len() {
        diagnostics.take(template_for(site, templates, id));
    }
    if templates.contains(SEARCH_TEMPLATE) {
        for page in site.pages.iter().filter(|p| p.path == SEARCH_PATH) {
            diagnostics.push(
                Diagnostic::new(
                    page.file.clone().unwrap_or_default(),
                    format!("the URL `{SEARCH_PATH}` is kept for the search page"),
                )
                .help(format!(
                    "`{TEMPLATES_DIR}/{SEARCH_TEMPLATE}` renders it; give this page another `slug`"
                )),
            );
        }
    }
    for name in ["person.html", "people.html", "404.html"] {
        if !templates.contains(name) {
            diagnostics.push(
                Diagnostic::new(format!("{TEMPLATES_DIR}/{name}"), "template is missing")
                    .help(missing_help(templates)),
            );
        }
    }
}

fn missing_help(templates: &Templates) -> String {
    let mut names: Vec<&str> = templates.tera.get_template_names().collect();
    names.sort_unstable();
    format!("the templates are: {}", names.join(", "))
}

/// The template a page is rendered with.
fn template_for(site: &Site, templates: &Templates, id: PageId) -> Result<String, Diagnostic> {
    let page = &site.pages[id];
    if let Some((name, location)) = &page.template {
        if templates.contains(name) {
            return Ok(name.clone());
        }
        return Err(Diagnostic::new(
            page.file.clone().unwrap_or_default(),
            format!("unknown template `{name}`"),
        )
        .at(location.clone())
        .help(missing_help(templates)));
    }
    let candidates = match page.kind {
        PageKind::Home => vec!["index.html".to_string()],
        PageKind::Section => vec![format!("{}section.html", page.path), "section.html".into()],
        PageKind::Page => match page.section {
            Some(section) => vec![
                format!("{}page.html", site.pages[section].path),
                "page.html".into(),
            ],
            None => vec!["page.html".into()],
        },
    };
    candidates
        .iter()
        .find(|name| templates.contains(name))
        .cloned()
        .ok_or_else(|| {
            Diagnostic::new(
                format!(
                    "{TEMPLATES_DIR}/{}",
                    candidates.last().map_or("", |s| s.as_str())
                ),
                format!(
                    "template is missing; `{}` needs it",
                    page.file
                        .as_deref()
                        .map(crate::error::display_path)
                        .unwrap_or_else(|| "the home page".into())
                ),
            )
            .help(missing_help(templates))
        })
}

/// Room for what a page's template writes around its body: the head, the menu, the
/// structured data, the lists of people. Most pages of the bench need 4 to 6 KB.
const PAGE_FRAME_BYTES: usize = 8 * 1024;

/// Renders every page of `site` in parallel, handing each to `emit` as soon as it is
/// ready. Returns how many HTML pages there were, or every problem.
///
/// `links` are [`Links::new`] of the same site: they are the caller's to keep, so that
/// their memory can be freed beside other work once the pages are written.
pub fn render(
    site: &Site,
    links: &Links,
    templates: &mut Templates,
    emit: &(dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
) -> Result<usize, Vec<Diagnostic>> {
    templates.set_site(site, links);
    let templates = &*templates;
    let with_search = templates.contains(SEARCH_TEMPLATE);
    // The pages that list the whole site take the longest: they go first, so that no
    // thread is left with one of them at the end while the other idles.
    let mut jobs: Vec<Job> = vec![Job::Feed, Job::Sitemap];
    if with_search {
        jobs.push(Job::Search);
    }
    jobs.extend([Job::PeopleIndex, Job::NotFound, Job::Robots]);
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend((0..site.people.len()).map(Job::Person));
    // Every file but the sitemap, the feed and robots.txt is an HTML page.
    let html_pages = jobs.len() - 3;
    let searched: Vec<SearchPage> = if with_search {
        jobs.iter()
            .filter_map(|&job| search_page(site, job))
            .collect()
    } else {
        Vec::new()
    };
    // The index needs every page's words, not their HTML: it is built and written beside
    // the pages, not after them.
    let (index_errors, failures) = rayon::join(
        || -> Vec<Diagnostic> {
            if searched.is_empty() {
                return Vec::new();
            }
            search::index(searched)
                .into_iter()
                .filter_map(|file| emit(file).err())
                .collect()
        },
        || -> Vec<(Job, Diagnostic)> {
            jobs.par_iter()
                .filter_map(|&job| {
                    render_job(site, templates, links, job)
                        .and_then(emit)
                        .err()
                        .map(|d| (job, d))
                })
                .collect()
        },
    );
    if !failures.is_empty() {
        return Err(merge_failures(site, failures));
    }
    if !index_errors.is_empty() {
        return Err(index_errors);
    }
    Ok(html_pages)
}

/// What the search index keeps of a page; `None` for pages not worth finding.
fn search_page(site: &Site, job: Job) -> Option<SearchPage<'_>> {
    match job {
        Job::Page(id) => {
            let page = &site.pages[id];
            let front = &page.front;
            let mut texts: Vec<&str> = vec![&page.text];
            for award in &front.awards {
                texts.extend([award.association.as_str(), &award.category]);
                texts.extend(award.recipients.iter().map(String::as_str));
                texts.extend(award.note.as_deref());
            }
            for aggregator in &front.aggregators {
                texts.push(&aggregator.name);
                texts.extend(aggregator.consensus.as_deref());
            }
            for review in &front.reviews {
                texts.extend([review.critic.as_str(), &review.publication]);
                texts.extend(review.quote.iter().map(String::as_str));
                texts.extend(review.note.as_deref());
            }
            texts.extend(page.featuring.iter().map(|&p| site.people[p].name.as_str()));
            Some(SearchPage {
                url: &page.url,
                title: &front.title,
                summary: Cow::Borrowed(&page.summary),
                texts,
            })
        }
        Job::Person(id) => {
            let person = &site.people[id];
            let description = match person
                .text
                .as_ref()
                .and_then(|t| t.front.description.as_deref())
            {
                Some(own) => Cow::Borrowed(own),
                None => Cow::Owned(context::person_description(site, person)),
            };
            let mut texts: Vec<&str> = person.text.iter().map(|t| t.text.as_str()).collect();
            texts.extend(person.cast.iter().filter_map(|part| part.role.as_deref()));
            for &(page, index) in &person.awards {
                let award = &site.pages[page].front.awards[index];
                texts.extend([award.association.as_str(), &award.category]);
            }
            Some(SearchPage {
                url: &person.url,
                title: &person.name,
                summary: description,
                texts,
            })
        }
        Job::PeopleIndex => Some(SearchPage {
            url: &site.people_index_url,
            title: &site.people_index.title,
            summary: Cow::Owned(context::people_index_description(site)),
            texts: Vec::new(),
        }),
        _ => None,
    }
}

/// The same template error on many pages is reported once, naming the first page.
fn merge_failures(site: &Site, mut failures: Vec<(Job, Diagnostic)>) -> Vec<Diagnostic> {
    // Pages in file order first, then people, then the generated pages.
    failures.sort_by_key(|(job, _)| match *job {
        Job::Page(id) => (0, id),
        Job::Person(id) => (1, id),
        _ => (2, 0),
    });
    let mut merged: Vec<(Diagnostic, Vec<Job>)> = Vec::new();
    for (job, diagnostic) in failures {
        match merged.iter_mut().find(|(d, _)| *d == diagnostic) {
            Some((_, jobs)) => jobs.push(job),
            None => merged.push((diagnostic, vec![job])),
        }
    }
    merged
        .into_iter()
        .map(|(diagnostic, jobs)| {
            let first = describe_job(site, jobs[0]);
            let while_rendering = match jobs.len() {
                1 => format!("while rendering {first}"),
                n => format!(
                    "while rendering {first} and {} other page{}",
                    n - 1,
                    if n == 2 { "" } else { "s" }
                ),
            };
            let help = match &diagnostic.help {
                Some(help) => format!("{while_rendering}; {help}"),
                None => while_rendering,
            };
            Diagnostic {
                help: Some(help),
                ..diagnostic
            }
        })
        .collect()
}

fn describe_job(site: &Site, job: Job) -> String {
    match job {
        Job::Page(id) => match &site.pages[id].file {
            Some(file) => format!("`{}`", crate::error::display_path(file)),
            None => "the home page".to_string(),
        },
        Job::Person(id) => format!("the page of {}", site.people[id].name),
        Job::PeopleIndex => "the people index".to_string(),
        Job::Search => "the search page".to_string(),
        Job::NotFound => "the 404 page".to_string(),
        Job::Sitemap => "the sitemap".to_string(),
        Job::Feed => "the Atom feed".to_string(),
        Job::Robots => "robots.txt".to_string(),
    }
}

fn render_job(
    site: &Site,
    templates: &Templates,
    links: &Links,
    job: Job,
) -> Result<Output, Diagnostic> {
    let views = Views::new(site, links);
    let (path, template, context) = match job {
        Job::Page(id) => {
            let template = template_for(site, templates, id)?;
            let context = to_context(&views.page_context(id))?;
            (index_file(&site.pages[id].path), template, context)
        }
        Job::Person(id) => {
            let person = &site.people[id];
            let context = to_context(&views.person_context(person))?;
            (index_file(&person.path), "person.html".to_string(), context)
        }
        Job::PeopleIndex => {
            let context = to_context(&views.people_context())?;
            (
                index_file(&format!("{PEOPLE_DIR}/")),
                "people.html".to_string(),
                context,
            )
        }
        Job::Search => {
            let context = to_context(&views.search_context())?;
            (
                index_file(SEARCH_PATH),
                SEARCH_TEMPLATE.to_string(),
                context,
            )
        }
        Job::NotFound => {
            #[derive(Serialize)]
            struct NotFound<'a> {
                page: SimplePageView<'a>,
            }
            let page = SimplePageView {
                title: "Page not found",
                description: format!("This page of {} does not exist.", site.config.title),
                url: site.url("404.html"),
                permalink: site.permalink("404.html"),
                content: "",
                json_ld: structured_data::for_generated(site, "Page not found", "404.html"),
            };
            (
                "404.html".to_string(),
                "404.html".to_string(),
                to_context(&NotFound { page })?,
            )
        }
        Job::Sitemap => (
            "sitemap.xml".into(),
            "sitemap.xml".into(),
            to_context(&sitemap(site, templates.contains(SEARCH_TEMPLATE)))?,
        ),
        Job::Feed => (
            "atom.xml".into(),
            "atom.xml".into(),
            to_context(&feed(site))?,
        ),
        Job::Robots => ("robots.txt".into(), "robots.txt".into(), Context::new()),
    };
    // Written straight into the bytes to keep, sized for the page and its frame: no
    // growth step, and no second pass to check that Tera's output is UTF-8.
    let body = match job {
        Job::Page(id) => site.pages[id].content.len(),
        _ => 0,
    };
    let mut bytes = Vec::with_capacity(body + PAGE_FRAME_BYTES);
    templates
        .tera
        .render_to(&template, &context, &mut bytes)
        .map_err(|error| {
            template_diagnostics(&error, &templates.sources)
                .into_iter()
                .next()
                .unwrap_or_else(|| {
                    Diagnostic::new(format!("{TEMPLATES_DIR}/{template}"), error.to_string())
                })
        })?;
    Ok(Output { path, bytes })
}

fn index_file(path: &str) -> String {
    format!("{path}index.html")
}

fn to_context<T: Serialize>(value: &T) -> Result<Context, Diagnostic> {
    Context::from_serialize(value).map_err(|error| {
        Diagnostic::new(
            TEMPLATES_DIR,
            format!("cannot build the template context: {error}"),
        )
    })
}

fn sitemap(site: &Site, has_search: bool) -> FeedContext<'_> {
    let mut entries: Vec<FeedEntry> = site
        .pages
        .iter()
        .map(|page| FeedEntry {
            title: &page.front.title,
            permalink: site.permalink(&page.path),
            description: "",
            date: page.front.date.map(|d| d.to_string()),
        })
        .collect();
    let people_path = format!("{PEOPLE_DIR}/");
    entries.push(FeedEntry {
        title: &site.people_index.title,
        permalink: site.permalink(&people_path),
        description: "",
        date: None,
    });
    if has_search {
        entries.push(FeedEntry {
            title: "Search",
            permalink: site.permalink(SEARCH_PATH),
            description: "",
            date: None,
        });
    }
    entries.extend(site.people.iter().map(|person| FeedEntry {
        title: &person.name,
        permalink: site.permalink(&person.path),
        description: "",
        date: None,
    }));
    FeedContext {
        entries,
        updated: None,
        feed_url: site.permalink("sitemap.xml"),
    }
}

/// The Atom feed: every dated page, newest first.
fn feed(site: &Site) -> FeedContext<'_> {
    let mut dated: Vec<PageId> = (0..site.pages.len())
        .filter(|&id| site.pages[id].front.date.is_some())
        .collect();
    dated.sort_by_key(|&id| {
        std::cmp::Reverse((site.pages[id].front.date, site.pages[id].front.weight))
    });
    let entries: Vec<FeedEntry> = dated
        .iter()
        .map(|&id| {
            let page = &site.pages[id];
            FeedEntry {
                title: &page.front.title,
                permalink: site.permalink(&page.path),
                description: &page.summary,
                date: page.front.date.map(|d| d.rfc3339()),
            }
        })
        .collect();
    FeedContext {
        updated: entries.first().and_then(|e| e.date.clone()),
        entries,
        feed_url: site.permalink("atom.xml"),
    }
}

/// Turns a Tera error into diagnostics located in the template files.
fn template_diagnostics(
    error: &tera::Error,
    sources: &HashMap<String, (PathBuf, String)>,
) -> Vec<Diagnostic> {
    let file_of = |name: &str| {
        sources.get(name).map_or_else(
            || PathBuf::from(format!("{TEMPLATES_DIR}/{name}")),
            |(file, _)| file.clone(),
        )
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let (message, help) = undefined_name(report.message());
            let mut diagnostic = Diagnostic::new(file_of(name), as_message(message));
            if let Some(help) = help {
                diagnostic = diagnostic.help(help);
            }
            if let Some((_, text)) = sources.get(name) {
                diagnostic = diagnostic.at(Location::in_source(text, report.span().range.clone()));
            }
            vec![diagnostic]
        }
        ErrorKind::Msg(message) => message
            .split("\n\n")
            .filter_map(|block| report_block(block, sources, &file_of))
            .collect(),
        ErrorKind::MissingParent { current, parent } => vec![Diagnostic::new(
            file_of(current),
            format!("extends `{parent}`, which is not a template"),
        )],
        ErrorKind::TemplateNotFound(name) => {
            vec![Diagnostic::new(file_of(name), "template is missing")]
        }
        _ => vec![Diagnostic::new(
            TEMPLATES_DIR,
            as_message(&error.to_string()),
        )],
    }
}

/// Reads one `error: message` / ` --> name:line:column` block of a Tera report.
fn report_block(
    block: &str,
    sources: &HashMap<String, (PathBuf, String)>,
    file_of: &dyn Fn(&str) -> PathBuf,
) -> Option<Diagnostic> {
    let mut lines = block.lines();
    let first = lines.next()?.trim();
    if first.is_empty() {
        return None;
    }
    let message = first.strip_prefix("error: ").unwrap_or(first);
    let place = lines.find_map(|l| l.trim().strip_prefix("--> "));
    let Some(place) = place else {
        return Some(Diagnostic::new(TEMPLATES_DIR, as_message(message)));
    };
    let mut parts = place.rsplitn(3, ':');
    let column: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let mut diagnostic = Diagnostic::new(file_of(name), as_message(message));
    if let Some((_, text)) = sources.get(name) {
        let mut location = Location::at_line(text, line);
        let start = location
            .line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(location.line_text.len(), |(i, _)| i);
        let end = location.line_text[start..]
            .find(['"', ' ', '%', '}'])
            .map_or(location.line_text.len(), |i| start + i.max(1));
        location.column = column;
        location.span = start
            ..end
                .max(start + 1)
                .min(location.line_text.len().max(start + 1));
        diagnostic = diagnostic.at(location);
    }
    Some(diagnostic)
}

/// Splits Tera's `Field `titel` is not defined. Available fields: a, b` into the message
/// and a suggestion: the nearest name when one is near, else the list.
fn undefined_name(message: &str) -> (&str, Option<String>) {
    let Some((head, available)) = message.split_once(". Available ") else {
        return (message, None);
    };
    let (_, names) = available.split_once(": ").unwrap_or(("", available));
    let names: Vec<&str> = names.split(", ").map(str::trim).collect();
    let unknown = head.split('`').nth(1).unwrap_or_default();
    let nearest = names
        .iter()
        .map(|name| (strsim::damerau_levenshtein(unknown, name), *name))
        .filter(|(distance, name)| *distance <= 2.max(name.len() / 3))
        .min_by_key(|(distance, _)| *distance);
    let help = match nearest {
        Some((_, name)) => format!("did you mean `{name}`?"),
        None => format!("defined here: {}", names.join(", ")),
    };
    (head, Some(help))
}
