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
    /// The series' infobox.
    #[serde(default)]
    pub series: Series,
    /// Anything else, passed to every template as `config.extra`.
    #[serde(default)]
    pub extra: toml::Table,
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
        let base_url_problem = base_url_problem(&config.base_url);
        if let Some(problem) = base_url_problem {
            let mut diagnostic = Diagnostic::new(file, format!("`base_url` {problem}"))
                .help("write the full address, e.g. `base_url = \"https://example.org/my-site/\"`");
            if let Some(line) = text
                .lines()
                .position(|l| l.trim_start().starts_with("base_url"))
            {
                diagnostic = diagnostic.at(Location::at_line(text, line + 1));
            }
            return Err(vec![diagnostic]);
        }
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
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

/// What is wrong with `base_url`, if anything.
pub fn base_url_problem(base_url: &str) -> Option<&'static str> {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"));
    match rest {
        None => Some("must start with `https://` or `http://`"),
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
            "`base_url` must start with `https://` or `http://`"
        );
        assert_eq!(error.location.unwrap().line, 2);
    }

    #[test]
    fn credits_keep_the_order_of_the_file() {
        let text = "title = \"T\"\nbase_url = \"https://e.org/\"\n[series.credits]\nwriter = [\"B\"]\ndirector = [\"A\"]\n";
        let config = Config::parse(text, Path::new("site.toml")).unwrap();
        let roles: Vec<_> = config.series.credits.keys().collect();
        assert_eq!(roles, ["writer", "director"]);
    }
}
