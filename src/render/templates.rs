//! The theme's templates compiled by Tera, which template each page is rendered with, and
//! Tera's errors turned into diagnostics located in the template files.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use crate::error::{Diagnostic, Diagnostics, Location, as_message, display_path};
use crate::site::{PageId, PageKind, Site, routes};
use crate::theme::{TEMPLATES_DIR, Theme};

use super::tera_error;

/// The template of the search page; a theme without it has no search.
pub const SEARCH_TEMPLATE: &str = "search.html";

/// Templates every site must have, besides those its pages ask for.
const REQUIRED: [&str; 3] = ["person.html", "people.html", "404.html"];

/// The site's templates, compiled once.
pub struct Templates {
    pub(super) tera: Tera,
    /// Template name → its file (relative to the site root) and text, for error reports.
    sources: HashMap<String, (PathBuf, String)>,
    /// Templates of the default theme that do not build on the site's own (a theme
    /// template extending the site's `page.html` with a block it lacks), and why: set
    /// aside, they are an error only for a page that needs one.
    unusable: HashMap<String, Diagnostic>,
}

impl Templates {
    /// Compiles the theme's templates. Every error of every template of the site's own is
    /// recorded, not only the first; `None` when there was one.
    pub fn compile(theme: &Theme, diagnostics: &mut Diagnostics) -> Option<Templates> {
        let sources: HashMap<String, (PathBuf, String)> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), (t.file.clone(), t.text.to_string())))
            .collect();
        let from_theme: HashSet<&str> = theme
            .templates
            .iter()
            .filter(|t| t.from_theme)
            .map(|t| t.name.as_str())
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        tera.register_filter("fill", fill_filter);
        tera.register_function("video_player", super::shortcodes::video_player);
        tera.global_context()
            .insert_value("labels", Value::from_serializable(&theme.labels));
        let mut candidates: Vec<&str> = theme.templates.iter().map(|t| t.name.as_str()).collect();
        let mut unusable = HashMap::new();
        let mut complete = true;
        // An error stops Tera at the templates it names: set them aside and try again, so
        // that every broken template is reported in one build.
        loop {
            let batch = candidates
                .iter()
                .map(|&name| (name, sources[name].1.as_str()));
            let Err(error) = tera.add_raw_templates(batch) else {
                break;
            };
            let found = diagnostics_of(&error, &sources);
            let at_fault: Vec<&str> = found
                .iter()
                .filter_map(|(name, _)| name.as_deref())
                .filter_map(|name| candidates.iter().copied().find(|&c| c == name))
                .collect();
            if at_fault.is_empty() || found.iter().any(|(name, _)| name.is_none()) {
                complete = false;
                diagnostics.extend(found.into_iter().map(|(_, d)| d));
                break;
            }
            for (name, diagnostic) in found {
                let name = name.expect("every diagnostic names its template");
                if from_theme.contains(name.as_str()) {
                    unusable.insert(name, diagnostic);
                } else {
                    complete = false;
                    diagnostics.push(diagnostic);
                }
            }
            candidates.retain(|name| !at_fault.contains(name));
        }
        complete.then_some(Templates {
            tera,
            sources,
            unusable,
        })
    }

    /// Why a template is missing: the default theme's, when it does not build on the
    /// site's own templates, or a plain absence.
    fn missing(&self, name: &str, file: String, message: String) -> Diagnostic {
        match self.unusable.get(name) {
            Some(why) => why.clone().help(format!(
                "the default theme's `{name}` builds on templates this site replaces; \
                 write the site's own `{TEMPLATES_DIR}/{name}`"
            )),
            None => Diagnostic::new(file, message).help(self.list_help()),
        }
    }

    /// The file of the template `name`, relative to the site root, for messages.
    pub(super) fn file_of(&self, name: &str) -> std::path::PathBuf {
        self.sources.get(name).map_or_else(
            || PathBuf::from(TEMPLATES_DIR).join(name),
            |(file, _)| file.clone(),
        )
    }

    /// Whether a template of that name exists.
    pub fn contains(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Makes `value` the variable `name` of every template.
    pub(super) fn set_global(&mut self, name: &'static str, value: Value) {
        self.tera.global_context().insert_value(name, value);
    }

    /// Renders `template` with `context` into `bytes`.
    pub(super) fn render_to(
        &self,
        template: &str,
        context: &Context,
        bytes: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        self.tera
            .render_to(template, context, bytes)
            .map_err(|error| {
                diagnostics_of(&error, &self.sources)
                    .into_iter()
                    .next()
                    .map(|(_, diagnostic)| diagnostic)
                    .unwrap_or_else(|| {
                        Diagnostic::new(format!("{TEMPLATES_DIR}/{template}"), error.to_string())
                    })
            })
    }

    /// "the templates are: …", for a missing or unknown template.
    fn list_help(&self) -> String {
        let shortcodes = format!("{}/", crate::site::shortcodes::SHORTCODES_DIR);
        let mut names: Vec<&str> = self
            .tera
            .get_template_names()
            .filter(|name| !name.starts_with(&shortcodes))
            .collect();
        names.sort_unstable();
        format!("the templates are: {}", names.join(", "))
    }

    /// The template page `id` is rendered with: its own `template`, else the first of
    /// its kind's lookup order that exists.
    pub(super) fn for_page(&self, site: &Site, id: PageId) -> Result<String, Diagnostic> {
        let page = &site.pages[id];
        if let Some((name, location)) = &page.template {
            if self.contains(name) {
                return Ok(name.clone());
            }
            if self.unusable.contains_key(name) {
                return Err(self.missing(name, String::new(), String::new()));
            }
            return Err(Diagnostic::new(
                page.file.clone().unwrap_or_default(),
                format!("unknown template `{name}`"),
            )
            .at(location.clone())
            .help(self.list_help()));
        }
        let candidates = match page.kind {
            PageKind::Home => vec!["index.html".to_string()],
            PageKind::Section if site.guide.seasons.iter().any(|s| s.page == Some(id)) => vec![
                format!("{}section.html", page.path),
                format!("{}season.html", routes::section_path(routes::EPISODES_DIR)),
                "section.html".into(),
            ],
            PageKind::Section => vec![format!("{}section.html", page.path), "section.html".into()],
            // A page in a section, and in a section of a section (an episode of a season):
            // each section's `page.html`, innermost first.
            PageKind::Page => {
                let mut candidates = Vec::new();
                let mut section = page.section;
                while let Some(id) = section {
                    candidates.push(format!("{}page.html", site.pages[id].path));
                    section = site.pages[id].section;
                }
                candidates.push("page.html".into());
                candidates
            }
        };
        if let Some(found) = candidates.iter().find(|name| self.contains(name)) {
            return Ok(found.clone());
        }
        let needed_by = page
            .file
            .as_deref()
            .map_or_else(|| "the home page".to_string(), display_path);
        let name = candidates.last().map_or("", |s| s.as_str());
        Err(self.missing(
            name,
            format!("{TEMPLATES_DIR}/{name}"),
            format!("template is missing; `{needed_by}` needs it"),
        ))
    }

    /// Checks, before anything is rendered, that every page's template exists and that
    /// the templates every site needs are there.
    pub fn check(&self, site: &Site, diagnostics: &mut Diagnostics) {
        for id in 0..site.pages.len() {
            diagnostics.take(self.for_page(site, id));
        }
        let required = REQUIRED
            .into_iter()
            .chain(site.has_search.then_some(SEARCH_TEMPLATE))
            .chain((!site.aliases.is_empty()).then_some("alias.html"));
        for name in required.filter(|name| !self.contains(name)) {
            diagnostics.push(self.missing(
                name,
                format!("{TEMPLATES_DIR}/{name}"),
                "template is missing".to_string(),
            ));
        }
    }
}

/// `{{ labels.part_of | fill(part=page.weight, total=site.series.episodes) }}`: a label's
/// words with each `{name}` in them replaced by the argument of that name.
fn fill_filter(words: &str, kwargs: Kwargs, _: &State) -> String {
    let mut filled = String::with_capacity(words.len() + 32);
    let mut rest = words;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let value: Value = kwargs.get(&after[..close]).ok()??;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                match value.as_str() {
                    Some(text) => filled.push_str(text),
                    None => filled.push_str(&value.to_string()),
                }
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// Turns a Tera error into diagnostics located in the template files, each with the name
/// of the template at fault when Tera says.
fn diagnostics_of(
    error: &tera::Error,
    sources: &HashMap<String, (PathBuf, String)>,
) -> Vec<(Option<String>, Diagnostic)> {
    let file_of = |name: &str| {
        sources.get(name).map_or_else(
            || PathBuf::from(format!("{TEMPLATES_DIR}/{name}")),
            |(file, _)| file.clone(),
        )
    };
    let located = |name: &str, message: &str, location: Option<Location>| {
        let (message, help) = tera_error::undefined_name(message);
        let mut diagnostic = Diagnostic::new(file_of(name), as_message(message));
        if let Some(help) = help {
            diagnostic = diagnostic.help(help);
        }
        match location {
            Some(location) => diagnostic.at(location),
            None => diagnostic,
        }
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = report.filename();
            let location = sources
                .get(name)
                .map(|(_, text)| Location::in_source(text, report.span().range.clone()));
            vec![(
                Some(name.to_string()),
                located(name, report.message(), location),
            )]
        }
        ErrorKind::Msg(message) => tera_error::reports(message)
            .into_iter()
            .map(|report| match report.place {
                Some(place) => {
                    let location = sources
                        .get(place.template)
                        .map(|(_, text)| tera_error::locate(text, place.line, place.column));
                    (
                        Some(place.template.to_string()),
                        located(place.template, report.message, location),
                    )
                }
                None => (
                    None,
                    Diagnostic::new(TEMPLATES_DIR, as_message(report.message)),
                ),
            })
            .collect(),
        ErrorKind::MissingParent { current, parent } => vec![(
            Some(current.clone()),
            Diagnostic::new(
                file_of(current),
                format!("extends `{parent}`, which is not a template"),
            ),
        )],
        ErrorKind::TemplateNotFound(name) => {
            vec![(None, Diagnostic::new(file_of(name), "template is missing"))]
        }
        _ => vec![(
            None,
            Diagnostic::new(TEMPLATES_DIR, as_message(&error.to_string())),
        )],
    }
}
