//! Configuration stage: reads `site.toml` into a typed [`Config`].

use std::path::Path;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::error::{Diagnostic, Location};
use crate::toml_error;

/// The file name of the site configuration, at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The whole of `site.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, usually the documentary's.
    pub title: String,
    /// Where the site is served, ending with `/`; a sub-path such as
    /// `https://example.org/the-defiant-ones/` works.
    pub base_url: String,
    /// The site's description: the home page's meta description.
    #[serde(default)]
    pub description: String,
    /// The language of the site's text, as a BCP 47 tag.
    #[serde(default = "default_language")]
    pub language: String,
    /// Whether the site has a search page and its index (`search = false` turns them off).
    #[serde(default = "yes")]
    pub search: bool,
    /// How many pages of each section the home page lists.
    #[serde(default = "default_home_limit")]
    pub home_limit: usize,
    /// Which of a section's pages the home page lists: its `first` or its `latest`.
    #[serde(default)]
    pub home_order: HomeOrder,
    /// How many entries the Atom feed holds, the latest.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// The series' poster, shown on the home page, and the picture of pages that have
    /// none of their own when shared: a file of `static/` (`/poster.jpg`), or of
    /// `content/` (`poster.jpg`).
    pub image: Option<String>,
    /// What the poster shows, in words; required with `image` (`""` for a picture that
    /// only decorates).
    pub image_alt: Option<String>,
    /// How pictures are made: `[images]`.
    #[serde(default)]
    pub images: crate::media::Settings,
    /// The series' infobox.
    #[serde(default)]
    pub series: Series,
    /// Anything else, passed to every template as `config.extra`.
    #[serde(default)]
    pub extra: toml::Table,
    /// The text of `site.toml`, to locate what it names in later diagnostics.
    #[serde(skip)]
    pub source: String,
}

fn yes() -> bool {
    true
}

fn default_home_limit() -> usize {
    12
}

fn default_feed_limit() -> usize {
    20
}

/// Which pages of a section the home page lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HomeOrder {
    /// The first, in the section's order: the start of the series.
    #[default]
    First,
    /// The last, newest first: the latest episodes of a series still airing.
    Latest,
}

fn default_language() -> String {
    "en".to_string()
}

/// The infobox of the series, in the order it is rendered.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// Genre, e.g. `Documentary`.
    pub genre: Option<String>,
    /// Country of origin.
    pub country: Option<String>,
    /// Original language.
    pub language: Option<String>,
    /// Number of seasons.
    pub seasons: Option<u32>,
    /// Number of episodes.
    pub episodes: Option<u32>,
    /// Running time of an episode, as written, e.g. `60 minutes`.
    pub runtime: Option<String>,
    /// The channel or network that first aired it.
    pub channel: Option<String>,
    /// The date it first aired.
    pub first_aired: Option<Date>,
    /// Production companies.
    #[serde(default)]
    pub companies: Vec<String>,
    /// Role (`director`, `writer`, …) → the people credited with it, in file order.
    #[serde(default)]
    pub credits: IndexMap<String, Vec<String>>,
    /// The people on screen.
    #[serde(default)]
    pub cast: Vec<CastMember>,
    /// Anything else about the series, passed to every template as `site.series.extra`.
    #[serde(default)]
    pub extra: toml::Table,
}

/// One person on screen.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CastMember {
    /// The person's name; it gets a person page.
    pub name: String,
    /// The part played, when not themselves.
    pub role: Option<String>,
    /// Whether the part is in a reenactment.
    #[serde(default)]
    pub reenactment: bool,
}

impl Config {
    /// Parses `text`, the content of the file `file` (relative to the site root).
    pub fn parse(text: &str, file: &Path) -> Result<Config, Vec<Diagnostic>> {
        let mut config: Config = toml_error::parse(text, text, 0, file)?;
        config.source = text.to_string();
        if let Some(problem) = base_url_problem(&config.base_url) {
            let mut diagnostic = Diagnostic::new(file, format!("`base_url` {problem}"))
                .help("write the full address, e.g. `base_url = \"https://example.org/my-site/\"`");
            if let Some(location) = value_location(text, "base_url") {
                diagnostic = diagnostic.at(location);
            }
            return Err(vec![diagnostic]);
        }
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        if let Some(problem) = config.images.problem() {
            let mut diagnostic = Diagnostic::new(file, problem);
            if let Some(location) = value_location(text, "images") {
                diagnostic = diagnostic.at(location);
            }
            return Err(vec![diagnostic]);
        }
        Ok(config)
    }

    /// The path part of `base_url`, starting and ending with `/`: `/the-defiant-ones/`.
    ///
    /// Internal links use it so that the site works under a sub-path on any host.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        self.base_url[after_scheme..]
            .find('/')
            .map_or("/", |i| &self.base_url[after_scheme + i..])
    }

    /// Replaces `base_url`, as `--base-url` does.
    pub fn set_base_url(&mut self, base_url: &str) -> Result<(), String> {
        if let Some(problem) = base_url_problem(base_url) {
            return Err(format!("--base-url {problem}"));
        }
        self.base_url = base_url.to_string();
        if !self.base_url.ends_with('/') {
            self.base_url.push('/');
        }
        Ok(())
    }
}

/// Where the value of the top-level `key` is written in `text`.
fn value_location(text: &str, key: &str) -> Option<Location> {
    key_path_location(text, &[key])
}

/// Where the value at `path` (`["series", "episodes"]`) is written in `text`.
fn key_path_location(text: &str, path: &[&str]) -> Option<Location> {
    let table = toml::de::DeTable::parse(text).ok()?;
    let (last, tables) = path.split_last()?;
    let mut current = table.get_ref();
    for key in tables {
        match current.get(*key)?.get_ref() {
            toml::de::DeValue::Table(inner) => current = inner,
            _ => return None,
        }
    }
    Some(Location::in_source(text, current.get(*last)?.span()))
}

impl Config {
    /// Where the value at `path` (`["series", "episodes"]`) is written in `site.toml`.
    pub fn locate(&self, path: &[&str]) -> Option<Location> {
        key_path_location(&self.source, path)
    }

    /// Whether `base_url` is root-relative, `/` or `/preview/`, as for a preview on one's
    /// own machine: then canonical links, the feed, the sitemap and Open Graph, which want
    /// an absolute address, are written relative too.
    pub fn is_root_relative(&self) -> bool {
        self.base_url.starts_with('/')
    }

    /// The warnings of a root-relative `base_url`: read from `text`, the file `file`, or
    /// given on the command line when `text` is `None`.
    pub fn warnings(&self, text: Option<&str>, file: &Path) -> Vec<Diagnostic> {
        if !self.is_root_relative() {
            return Vec::new();
        }
        let message = format!(
            "`base_url` is `{}`, a path without a host: canonical links, the Atom feed, the \
             sitemap and Open Graph URLs are written relative, as a preview needs but search \
             engines and feed readers do not follow",
            self.base_url
        );
        let help = "deploy with the full address, e.g. `--base-url https://example.org/my-site/`";
        let location = text.and_then(|text| value_location(text, "base_url"));
        let warning = match location {
            Some(location) => Diagnostic::warning(file, message).at(location),
            None => Diagnostic::warning("", message.replace("`base_url`", "`--base-url`")),
        };
        vec![warning.help(help)]
    }
}

/// What is wrong with `base_url`, if anything. A root-relative path (`/`, `/preview/`) is
/// accepted, for previews; [`Config::warnings`] says what it costs.
pub fn base_url_problem(base_url: &str) -> Option<&'static str> {
    if base_url.starts_with('/') {
        return (base_url.starts_with("//") || base_url.contains(['?', '#', ' ', '"', '<', '>']))
            .then_some("must be a path such as `/` or `/preview/`, without a query or a fragment");
    }
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"));
    match rest {
        None => Some("must start with `https://` or `http://`, or be a path such as `/`"),
        Some(rest) if rest.is_empty() || rest.starts_with('/') => Some("has no host name"),
        Some(rest) if rest.contains(['?', '#', ' ', '"', '<', '>']) => {
            Some("must not contain a query, a fragment, spaces or quotes")
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> Result<Config, Diagnostic> {
        let text = format!("title = \"T\"\nbase_url = \"{base_url}\"\n");
        Config::parse(&text, Path::new("site.toml")).map_err(|mut all| all.remove(0))
    }

    #[test]
    fn base_path_is_the_path_of_base_url() {
        let cases = [
            (
                "https://example.org/the-defiant-ones/",
                "/the-defiant-ones/",
            ),
            ("https://example.org/the-defiant-ones", "/the-defiant-ones/"),
            ("https://example.org", "/"),
            ("http://127.0.0.1:8080/", "/"),
        ];
        for (base_url, path) in cases {
            assert_eq!(config(base_url).unwrap().base_path(), path, "{base_url}");
        }
    }

    #[test]
    fn base_url_without_scheme_is_an_error_on_its_line() {
        let error = config("example.org/").unwrap_err();
        assert_eq!(
            error.message,
            "`base_url` must start with `https://` or `http://`, or be a path such as `/`"
        );
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column), (2, 12), "at the value");
    }

    #[test]
    fn credits_keep_the_order_of_the_file() {
        let text = "title = \"T\"\nbase_url = \"https://e.org/\"\n[series.credits]\nwriter = [\"B\"]\ndirector = [\"A\"]\n";
        let config = Config::parse(text, Path::new("site.toml")).unwrap();
        let roles: Vec<_> = config.series.credits.keys().collect();
        assert_eq!(roles, ["writer", "director"]);
    }
}
