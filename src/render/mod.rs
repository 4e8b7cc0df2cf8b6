//! Render stage: renders every page of the linked site through the theme's templates, in
//! parallel, into the files of the built site. It writes nothing: the build hands the
//! files it returns to the output stage.

pub mod context;
mod feeds;
pub mod listing;
mod shortcodes;
pub mod structured_data;
mod templates;
mod tera_error;

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use crate::built::File;
use crate::error::Diagnostic;
use crate::site::routes::{Generated, output_file};
use crate::site::{PageId, PersonId, Site};
use crate::theme::{Labels, TEMPLATES_DIR};
use context::{Links, Views};
pub use shortcodes::Shortcodes;
pub use templates::{SEARCH_TEMPLATE, Templates};

/// What the site is rendered for, which templates see as `site.mode`: a site with a
/// Content Security Policy, say, allows the preview's reload channel in `serve` only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// `fansite build` or `check`: the site as deployed.
    #[default]
    Build,
    /// `fansite serve`: a preview.
    Serve,
}

/// One file to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Page(PageId),
    /// Page `n` (from 2) of a section's listing cut into pages.
    Listing(PageId, usize),
    /// Part `n` (from 1) of a sitemap split under an index.
    SitemapPart(usize),
    Person(PersonId),
    Generated(Generated),
    /// The page an old URL becomes: `site.aliases[n]`.
    Alias(usize),
}

/// A page that could not be rendered, with what went wrong.
#[derive(Debug)]
pub struct Failure {
    job: Job,
    diagnostic: Box<Diagnostic>,
}

/// The renderer of one linked site: its templates, with the `site` and `labels` every
/// template sees, and the links every page may show, made once.
pub struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    labels: &'a Labels,
    links: Links,
    jobs: Vec<Job>,
}

/// Room for what a page's template writes around its body: the head, the menu, the
/// structured data, the lists of people. Most pages of the bench need 4 to 6 KB.
const PAGE_FRAME_BYTES: usize = 8 * 1024;

impl<'a> Renderer<'a> {
    /// Gets ready to render `site` with `templates` in the words of `labels`.
    pub fn new(
        site: &'a Site,
        templates: &'a mut Templates,
        labels: &'a Labels,
        mode: Mode,
    ) -> Self {
        let links = Links::new(site);
        let views = Views::new(site, &links, labels);
        templates.set_global("site", Value::from_serializable(&views.site(mode)));
        // The pages that list the whole site take the longest: they go first, so that no
        // thread is left with one of them at the end while the other idles.
        let generated = Generated::ALL
            .into_iter()
            .filter(|&g| g != Generated::Search || site.has_search);
        let listings = (0..site.pages.len()).flat_map(|id| {
            (2..=listing::page_count(site, id)).map(move |number| Job::Listing(id, number))
        });
        let sitemap_parts = (1..=feeds::sitemap_parts(site, labels)).map(Job::SitemapPart);
        let jobs = generated
            .map(Job::Generated)
            .chain(sitemap_parts)
            .chain((0..site.pages.len()).map(Job::Page))
            .chain(listings)
            .chain((0..site.people.len()).map(Job::Person))
            .chain((0..site.aliases.len()).map(Job::Alias))
            .collect();
        Renderer {
            site,
            templates,
            labels,
            links,
            jobs,
        }
    }

    /// Ends the rendering, handing back the links it made, whose memory the caller may
    /// free beside other work.
    pub fn into_links(self) -> Links {
        self.links
    }

    /// How many of the files are HTML pages.
    pub fn html_pages(&self) -> usize {
        let not_page = |job: &&Job| match job {
            Job::Generated(generated) => !generated.is_html(),
            Job::Alias(_) | Job::SitemapPart(_) => true,
            Job::Page(_) | Job::Listing(..) | Job::Person(_) => false,
        };
        self.jobs.len() - self.jobs.iter().filter(not_page).count()
    }

    /// How many files [`Renderer::files`] gives.
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// Whether there is nothing to render (never: every site has a home page).
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Every file of the site, rendered in parallel as they are asked for.
    pub fn files(&self) -> impl ParallelIterator<Item = Result<File, Failure>> + '_ {
        self.jobs.par_iter().map(|&job| {
            self.render(job).map_err(|diagnostic| Failure {
                job,
                diagnostic: Box::new(diagnostic),
            })
        })
    }

    /// The file of one page of `content/` (the first of its listing, for a section).
    pub fn page(&self, id: PageId) -> Result<File, Failure> {
        let job = Job::Page(id);
        self.render(job).map_err(|diagnostic| Failure {
            job,
            diagnostic: Box::new(diagnostic),
        })
    }

    /// The diagnostics of the pages that failed: the same template error on many pages
    /// is reported once, naming the first page.
    pub fn explain(&self, mut failures: Vec<Failure>) -> Vec<Diagnostic> {
        // Pages in file order first, then people, then the generated pages.
        failures.sort_by_key(|failure| match failure.job {
            Job::Page(id) | Job::Listing(id, _) => (0, id),
            Job::Person(id) => (1, id),
            Job::Alias(id) => (2, id),
            Job::Generated(_) | Job::SitemapPart(_) => (3, 0),
        });
        let mut merged: Vec<(Diagnostic, Vec<Job>)> = Vec::new();
        for Failure { job, diagnostic } in failures {
            match merged.iter_mut().find(|(d, _)| *d == *diagnostic) {
                Some((_, jobs)) => jobs.push(job),
                None => merged.push((*diagnostic, vec![job])),
            }
        }
        merged
            .into_iter()
            .map(|(diagnostic, jobs)| self.while_rendering(diagnostic, &jobs))
            .collect()
    }

    fn while_rendering(&self, diagnostic: Diagnostic, jobs: &[Job]) -> Diagnostic {
        let first = self.describe(jobs[0]);
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
    }

    fn describe(&self, job: Job) -> String {
        match job {
            Job::Page(id) => match &self.site.pages[id].file {
                Some(file) => format!("`{}`", crate::error::display_path(file)),
                None => "the home page".to_string(),
            },
            Job::Listing(id, number) => {
                format!("page {number} of {}", self.describe(Job::Page(id)))
            }
            Job::SitemapPart(number) => format!("part {number} of the sitemap"),
            Job::Person(id) => format!("the page of {}", self.site.people[id].name),
            Job::Generated(generated) => generated.describe().to_string(),
            Job::Alias(n) => format!("the alias `{}`", self.site.aliases[n].path),
        }
    }

    fn render(&self, job: Job) -> Result<File, Diagnostic> {
        let site = self.site;
        let views = Views::new(site, &self.links, self.labels);
        let (path, template, context) = match job {
            Job::Page(id) => (
                Cow::Borrowed(site.pages[id].path.as_str()),
                self.templates.for_page(site, id)?,
                to_context(&views.page_context(id, 1))?,
            ),
            Job::Listing(id, number) => (
                Cow::Owned(listing::path_of(site, id, number)),
                self.templates.for_page(site, id)?,
                to_context(&views.page_context(id, number))?,
            ),
            Job::SitemapPart(number) => {
                let context = to_context(&feeds::sitemap_part(site, self.labels, number))?;
                let path = crate::site::routes::sitemap_part_path(number);
                let template = template_of(Generated::Sitemap);
                return self.render_file(path, &template, &context, 0);
            }
            Job::Person(id) => {
                let person = &site.people[id];
                let context = to_context(&views.person_context(person))?;
                (
                    Cow::Borrowed(person.path.as_str()),
                    "person.html".to_string(),
                    context,
                )
            }
            Job::Alias(n) => {
                let alias = &site.aliases[n];
                let context = to_context(&views.alias_context(alias.to))?;
                (
                    Cow::Borrowed(alias.path.as_str()),
                    ALIAS_TEMPLATE.to_string(),
                    context,
                )
            }
            Job::Generated(generated) => {
                let context = match generated {
                    Generated::PeopleIndex => to_context(&views.people_context())?,
                    Generated::Search => to_context(&views.search_context())?,
                    Generated::NotFound => to_context(&views.not_found_context())?,
                    Generated::Sitemap => to_context(&feeds::sitemap(site, self.labels))?,
                    Generated::Feed => to_context(&feeds::feed(site))?,
                    Generated::Robots => Context::new(),
                };
                let file = output_file(generated.path()).into_owned();
                return self.render_file(file, &template_of(generated), &context, 0);
            }
        };
        let body = match job {
            Job::Page(id) => site.pages[id].content.len(),
            _ => 0,
        };
        self.render_file(output_file(&path).into_owned(), &template, &context, body)
    }

    /// Renders `template` into the file at `path`, whose page has a body of `body` bytes.
    fn render_file(
        &self,
        path: String,
        template: &str,
        context: &Context,
        body: usize,
    ) -> Result<File, Diagnostic> {
        // Written straight into the bytes to keep, sized for the page and its frame: no
        // growth step, and no second pass to check that Tera's output is UTF-8.
        let mut bytes = Vec::with_capacity(body + PAGE_FRAME_BYTES);
        self.templates.render_to(template, context, &mut bytes)?;
        Ok(File { path, bytes })
    }
}

/// The template of the page an old URL becomes.
const ALIAS_TEMPLATE: &str = "alias.html";

/// The template of a generated file.
fn template_of(generated: Generated) -> String {
    match generated {
        Generated::PeopleIndex => "people.html".to_string(),
        Generated::Search => SEARCH_TEMPLATE.to_string(),
        Generated::NotFound => "404.html".to_string(),
        Generated::Sitemap | Generated::Feed | Generated::Robots => generated.path().to_string(),
    }
}

fn to_context<T: Serialize>(value: &T) -> Result<Context, Diagnostic> {
    Context::from_serialize(value).map_err(|error| {
        Diagnostic::new(
            TEMPLATES_DIR,
            format!("cannot build the template context: {error}"),
        )
    })
}
