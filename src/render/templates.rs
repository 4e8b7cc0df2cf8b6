//! The theme's templates compiled by Tera, which template each page is rendered with, and
//! Tera's errors turned into diagnostics located in the template files.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use crate::error::{Diagnostic, Diagnostics, Location, as_message, display_path};
use crate::site::{PageId, PageKind, Site};
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
}

impl Templates {
    /// Compiles the theme's templates. Every syntax error of every template is recorded,
    /// not only the first; `None` when there was one.
    pub fn compile(theme: &Theme, diagnostics: &mut Diagnostics) -> Option<Templates> {
        let sources: HashMap<String, (PathBuf, String)> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), (t.file.clone(), t.text.clone())))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        tera.register_filter("fill", fill_filter);
        let mut candidates: Vec<&str> = theme.templates.iter().map(|t| t.name.as_str()).collect();
        let mut complete = true;
        // A syntax error stops Tera at that template: set it aside and try again, so that
        // every broken template is reported in one build.
        loop {
            let batch = candidates
                .iter()
                .map(|&name| (name, sources[name].1.as_str()));
            let Err(error) = tera.add_raw_templates(batch) else {
                break;
            };
            complete = false;
            diagnostics.extend(diagnostics_of(&error, &sources));
            let ErrorKind::SyntaxError(report) = error.kind() else {
                break;
            };
            candidates.retain(|&name| name != report.filename());
        }
        complete.then_some(Templates { tera, sources })
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
                    .unwrap_or_else(|| {
                        Diagnostic::new(format!("{TEMPLATES_DIR}/{template}"), error.to_string())
                    })
            })
    }

    /// "the templates are: …", for a missing or unknown template.
    fn list_help(&self) -> String {
        let mut names: Vec<&str> = self.tera.get_template_names().collect();
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
            return Err(Diagnostic::new(
                page.file.clone().unwrap_or_default(),
                format!("unknown template `{name}`"),
            )
            .at(location.clone())
            .help(self.list_help()));
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
        if let Some(found) = candidates.iter().find(|name| self.contains(name)) {
            return Ok(found.clone());
        }
        let needed_by = page
            .file
            .as_deref()
            .map_or_else(|| "the home page".to_string(), display_path);
        Err(Diagnostic::new(
            format!(
                "{TEMPLATES_DIR}/{}",
                candidates.last().map_or("", |s| s.as_str())
            ),
            format!("template is missing; `{needed_by}` needs it"),
        )
        .help(self.list_help()))
    }

    /// Checks, before anything is rendered, that every page's template exists and that
    /// the templates every site needs are there.
    pub fn check(&self, site: &Site, diagnostics: &mut Diagnostics) {
        for id in 0..site.pages.len() {
            diagnostics.take(self.for_page(site, id));
        }
        for name in REQUIRED.into_iter().filter(|name| !self.contains(name)) {
            diagnostics.push(
                Diagnostic::new(format!("{TEMPLATES_DIR}/{name}"), "template is missing")
                    .help(self.list_help()),
            );
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

/// Turns a Tera error into diagnostics located in the template files.
fn diagnostics_of(
    error: &tera::Error,
    sources: &HashMap<String, (PathBuf, String)>,
) -> Vec<Diagnostic> {
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
            vec![located(name, report.message(), location)]
        }
        ErrorKind::Msg(message) => tera_error::reports(message)
            .into_iter()
            .map(|report| match report.place {
                Some(place) => {
                    let location = sources
                        .get(place.template)
                        .map(|(_, text)| tera_error::locate(text, place.line, place.column));
                    located(place.template, report.message, location)
                }
                None => Diagnostic::new(TEMPLATES_DIR, as_message(report.message)),
            })
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
