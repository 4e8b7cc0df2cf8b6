//! The site being made: the state an import carries from section to section (weights,
//! file names, the summary), `site.toml`, the home page and the plain pages.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::article::{Article, Line, Section};
use super::infobox::Infobox;
use super::names::KnownNames;
use super::pages::{self, Body};
use super::toml_text::{self, TomlText};
use super::{Imported, ImportedFile, Role, cast, prose, role, series_title};
use crate::config::Series;
use crate::error::Diagnostic;
use crate::slug::slugify;

/// The site being made from the article.
pub(super) struct SiteBuilder<'a> {
    /// The article's text and file, for diagnostics.
    pub(super) text: &'a str,
    pub(super) file: &'a Path,
    /// The series' title: the article's without `(TV series)`.
    pub(super) title: String,
    /// The infobox and the cast, for `site.toml`.
    pub(super) series: Series,
    /// The cast and credits, searched for in episodes and awards.
    pub(super) known: KnownNames,
    /// Every paragraph of the article, where air dates may be stated.
    pub(super) prose: Vec<String>,
    /// The content files made so far, in the article's order.
    pub(super) files: Vec<ImportedFile>,
    /// One line per file: what went into it.
    pub(super) report: Vec<String>,
    /// What was read by a guess: name splits, possessives, table cells.
    pub(super) guesses: Vec<String>,
    /// Where the article's parts disagree or say nothing, and what was done about it.
    pub(super) notes: Vec<String>,
    /// Lines kept only as text, by line number.
    pub(super) unplaced: Vec<(usize, String)>,
    /// Errors that stop the import.
    pub(super) problems: Vec<Diagnostic>,
    /// Lines of the infobox that held nothing, for the home page.
    pub(super) home_unplaced: Vec<Line<'a>>,
    /// The last page weight given: pages follow the article's order in the menu.
    pub(super) weight: i64,
    /// File names of `content/` taken, with the ones the build reserves.
    pub(super) slugs: HashSet<String>,
}

impl<'a> SiteBuilder<'a> {
    /// Starts a site from the article and its infobox, with the cast read first: the
    /// names of the cast and the credits are what the other sections are searched for.
    pub(super) fn new(
        text: &'a str,
        file: &'a Path,
        article: &Article<'a>,
        infobox: Infobox<'a>,
    ) -> Self {
        let mut series = infobox.series;
        for section in &article.sections {
            if role(section.title) == Role::Cast {
                series.cast.extend(cast::read(&section.lines).members);
            }
        }
        let cast_names = series.cast.iter().map(|m| m.name.as_str());
        let credit_names = series.credits.values().flatten().map(String::as_str);
        let known = KnownNames::new(cast_names.chain(credit_names));
        let mut prose = pages::paragraphs(&article.lead);
        prose.extend(article.sections.iter().flat_map(pages::all_paragraphs));
        SiteBuilder {
            text,
            file,
            title: series_title(article.title).to_string(),
            series,
            known,
            prose,
            files: Vec::new(),
            report: Vec::new(),
            guesses: Vec::new(),
            notes: Vec::new(),
            unplaced: Vec::new(),
            problems: Vec::new(),
            home_unplaced: infobox.empty.iter().map(|entry| entry.line).collect(),
            weight: 0,
            slugs: ["episodes", "people", "search", "index"]
                .map(String::from)
                .into(),
        }
    }

    /// Makes every file, in the article's order.
    pub(super) fn build(&mut self, article: &Article<'a>) {
        self.site_toml(article);
        let home: Vec<&Section<'a>> = article
            .sections
            .iter()
            .filter(|s| role(s.title) == Role::Home)
            .collect();
        self.home_page(article, &home);
        for section in &article.sections {
            match role(section.title) {
                Role::Home => {}
                Role::Cast => self.cast_page(section),
                // The guide is one folder: a second episodes section is a plain page.
                Role::Episodes if self.has_episodes() => self.page(section),
                Role::Episodes => self.episodes(section),
                Role::Reception => self.reception_page(section),
                Role::Accolades => self.accolades_page(section),
                Role::Page => self.page(section),
            }
        }
        let guesses = std::mem::take(&mut self.guesses);
        self.report
            .extend(guesses.into_iter().map(|g| format!("guessed: {g}")));
        let notes = std::mem::take(&mut self.notes);
        self.report
            .extend(notes.into_iter().map(|n| format!("noted: {n}")));
        self.unplaced.sort();
    }

    /// The import's files and summary; its problems go to `problems`.
    pub(super) fn finish(self, problems: &mut Vec<Diagnostic>) -> Imported {
        problems.extend(self.problems);
        Imported {
            files: self.files,
            report: self.report,
            unplaced: self.unplaced,
        }
    }

    fn has_episodes(&self) -> bool {
        self.files
            .iter()
            .any(|f| f.path.starts_with("content/episodes"))
    }

    /// The weight of the next page of the menu: the article's order.
    pub(super) fn next_weight(&mut self) -> i64 {
        self.weight += 1;
        self.weight
    }

    /// A page of the menu titled `title`: its path (`content/release.md`), not taken
    /// before, and its front matter begun with the title and the weight of the article's
    /// order.
    pub(super) fn menu_page(&mut self, title: &str) -> (String, TomlText) {
        let path = format!("content/{}.md", unique_slug(title, &mut self.slugs));
        let mut front = TomlText::default();
        front
            .string("title", title)
            .integer("weight", self.next_weight());
        (path, front)
    }

    /// Adds a content file, its line of the summary, and the lines its body kept as text.
    pub(super) fn add_file(&mut self, path: String, front: &str, body: Body, what: String) {
        let (markdown, unplaced) = body.finish();
        self.unplaced.extend(unplaced);
        self.report.push(format!("{path}: {what}"));
        self.files.push(ImportedFile {
            path: PathBuf::from(path),
            text: toml_text::page(front, &markdown),
        });
    }

    /// `site.toml`: the title, a placeholder address, the lead's first sentence and the
    /// infobox with the cast.
    fn site_toml(&mut self, article: &Article<'a>) {
        let description = pages::paragraphs(&article.lead)
            .first()
            .and_then(|p| prose::sentences(p).first().map(|s| s.to_string()))
            .unwrap_or_default();
        let mut toml = TomlText::default();
        let source = self.file.file_name().unwrap_or(self.file.as_os_str());
        toml.comment(&format!(
            "Imported by `fansite import` from {}.",
            source.to_string_lossy()
        ))
        .string("title", &self.title)
        .comment("Where the site will be served: change this before you publish.")
        .string("base_url", "https://example.org/")
        .string("description", &description)
        .string("language", "en");
        write_series(&mut toml, &self.series);
        let series = &self.series;
        let reenacted = series.cast.iter().filter(|m| m.reenactment).count();
        let roles: Vec<&str> = series.credits.keys().map(String::as_str).collect();
        self.report.push(format!(
            "{}: the title, the lead's first sentence, {} infobox lines (credits: {}), {} cast members ({reenacted} in reenactments)",
            crate::config::CONFIG_FILE,
            article.infobox.len(),
            if roles.is_empty() { "none".to_string() } else { roles.join(", ") },
            series.cast.len(),
        ));
        self.files.push(ImportedFile {
            path: PathBuf::from(crate::config::CONFIG_FILE),
            text: toml.finish(),
        });
    }
}

/// The slug of `title` (`page` when it has none), with `-2`, `-3`… until it is not in
/// `taken`; it is then taken.
pub(super) fn unique_slug(title: &str, taken: &mut HashSet<String>) -> String {
    let base = match slugify(title) {
        slug if slug.is_empty() => "page".to_string(),
        slug => slug,
    };
    let mut slug = base.clone();
    let mut n = 2;
    while !taken.insert(slug.clone()) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// `1 review`, `4 reviews`.
pub(super) fn count(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}

/// The `[series]` tables of `site.toml`.
fn write_series(toml: &mut TomlText, series: &Series) {
    toml.table("series")
        .optional("genre", series.genre.as_deref())
        .optional("country", series.country.as_deref())
        .optional("language", series.language.as_deref());
    if let Some(seasons) = series.seasons {
        toml.integer("seasons", seasons);
    }
    if let Some(episodes) = series.episodes {
        toml.integer("episodes", episodes);
    }
    toml.optional("runtime", series.runtime.as_deref())
        .optional("channel", series.channel.as_deref());
    if let Some(date) = series.first_aired {
        toml.date("first_aired", date);
    }
    toml.strings("companies", &series.companies);
    if !series.credits.is_empty() {
        toml.table("series.credits");
        for (role, names) in &series.credits {
            toml.strings(role, names);
        }
    }
    for member in &series.cast {
        toml.array_table("series.cast")
            .string("name", &member.name)
            .optional("role", member.role.as_deref());
        if member.reenactment {
            toml.boolean("reenactment", true);
        }
    }
}

impl<'a> SiteBuilder<'a> {
    /// `content/_index.md`: the lead, then the sections that belong to the home page.
    fn home_page(&mut self, article: &Article<'a>, home: &[&Section<'a>]) {
        let mut body = Body::default();
        body.lines(&article.lead).sections(home, 2);
        for line in std::mem::take(&mut self.home_unplaced) {
            body.unplaced(&line);
        }
        let mut front = TomlText::default();
        front.string("title", &self.title);
        let mut what = vec!["the lead".to_string()];
        what.extend(home.iter().map(|s| s.title.to_string()));
        let path = "content/_index.md".to_string();
        self.add_file(path, &front.finish(), body, what.join(", "));
    }

    /// A page of its own for a section such as `Release`; an accolades subsection gets a
    /// page of its own after it.
    fn page(&mut self, section: &Section<'a>) {
        let (accolades, rest) = split_accolades(section);
        let (path, mut front) = self.menu_page(section.title);
        let mut body = Body::default();
        body.lines(&section.lines).sections(&rest, 2);
        self.add_file(path, &front.finish(), body, section.title.to_string());
        for child in accolades {
            self.accolades_page(child);
        }
    }

    /// `content/cast.md`, shown by the `cast.html` template from `[[series.cast]]`; its
    /// body keeps the section's text and the labels the import did not know.
    fn cast_page(&mut self, section: &Section<'a>) {
        let cast = cast::read(&section.lines);
        let (path, mut front) = self.menu_page(section.title);
        front.string("template", "cast.html");
        let mut body = Body::default();
        body.lines(&cast.other);
        for label in &cast.unknown_labels {
            body.unplaced(label);
            self.guesses.push(format!(
                "line {}: the people under `{}` read as appearing as themselves",
                label.number,
                label.trimmed()
            ));
        }
        let children: Vec<&Section<'a>> = section.children.iter().collect();
        body.sections(&children, 2);
        let what = format!(
            "{} (the people are in site.toml's [[series.cast]])",
            section.title
        );
        self.add_file(path, &front.finish(), body, what);
    }
}

/// The subsections of `section` that are its accolades, and the others.
pub(super) fn split_accolades<'s, 'a>(
    section: &'s Section<'a>,
) -> (Vec<&'s Section<'a>>, Vec<&'s Section<'a>>) {
    section
        .children
        .iter()
        .partition(|child| role(child.title) == Role::Accolades)
}
