//! Labels: every word the theme shows a visitor, in the site's language. The theme's
//! English words are the defaults; a site's `labels/<language>.toml` replaces them key by
//! key, so that a translation may be partial.

use std::path::Path;

use serde::Serialize;

use crate::date::Date;
use crate::error::Diagnostics;
use crate::files;
use crate::toml_error;

/// The folder of a site or theme that holds the labels files.
pub const LABELS_DIR: &str = "labels";

/// The theme's own English labels.
const ENGLISH: &str = include_str!("../../labels/en.toml");

/// The words of a theme in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    #[serde(flatten)]
    table: toml::Table,
    /// The months' names and the date pattern, read once: pages show thousands of dates.
    #[serde(skip)]
    dates: DateWords,
}

/// How dates are written: `{month} {day}, {year}` with the months' names.
#[derive(Debug, Clone, Default)]
struct DateWords {
    pattern: String,
    months: Vec<String>,
}

impl DateWords {
    fn of(table: &toml::Table) -> DateWords {
        let pattern = table.get("date").and_then(toml::Value::as_str);
        let months = table.get("months").and_then(toml::Value::as_array);
        DateWords {
            pattern: pattern.unwrap_or("{year}-{month}-{day}").to_string(),
            months: months
                .into_iter()
                .flatten()
                .filter_map(|month| Some(month.as_str()?.to_string()))
                .collect(),
        }
    }
}

impl Labels {
    /// The theme's English labels.
    pub fn english() -> Labels {
        Labels::from_table(
            ENGLISH
                .parse()
                .expect("the theme's English labels are valid TOML"),
        )
    }

    fn from_table(table: toml::Table) -> Labels {
        Labels {
            dates: DateWords::of(&table),
            table,
        }
    }

    /// The labels of `language` (a BCP 47 tag such as `fr` or `pt-BR`): the site's own
    /// `labels/<language>.toml` (or of its primary language, `labels/pt.toml`) over the
    /// English ones.
    pub fn load(root: &Path, language: &str, diagnostics: &mut Diagnostics) -> Labels {
        let english = Labels::english();
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        let candidates = [language, primary];
        let found = candidates
            .iter()
            .map(|tag| root.join(LABELS_DIR).join(format!("{tag}.toml")))
            .find(|path| path.is_file());
        let Some(path) = found else {
            return english;
        };
        let Some(text) = diagnostics.take(files::read_text(root, &path)) else {
            return english;
        };
        let file = files::relative_to(root, &path);
        let mut table = english.table;
        match text.parse::<toml::Table>() {
            Ok(own) => merge(&mut table, own),
            Err(error) => diagnostics.push(toml_error::diagnostic(&error, &text, &file)),
        }
        Labels::from_table(table)
    }

    /// The words of `key`, or of `table.key` for a key of a table: `roles.cast`. An
    /// unknown key reads as itself, so that a missing word shows where it is missing.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.lookup(key).unwrap_or(key)
    }

    fn lookup(&self, key: &str) -> Option<&str> {
        let value = match key.split_once('.') {
            Some((table, key)) => self.table.get(table).and_then(|t| t.get(key)),
            None => self.table.get(key),
        };
        value.and_then(toml::Value::as_str)
    }

    /// The words of `key` with each `{name}` replaced by its value in `values`.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// A date as the site's readers write it: `July 9, 2017`.
    pub fn date(&self, date: Date) -> String {
        let month = usize::from(date.month).wrapping_sub(1);
        let month = match self.dates.months.get(month) {
            Some(name) => std::borrow::Cow::Borrowed(name.as_str()),
            None => std::borrow::Cow::Owned(date.month.to_string()),
        };
        fill(
            &self.dates.pattern,
            &[
                ("month", &month),
                ("day", &date.day.to_string()),
                ("year", &date.year.to_string()),
            ],
        )
    }

    /// A credit role of `site.toml` for reading: its label in `[credits_roles]`, else the
    /// key itself with a capital and spaces: `sound_editor` → `Sound editor`.
    pub fn credit_role(&self, role: &str) -> String {
        let own = self
            .table
            .get("credits_roles")
            .and_then(|roles| roles.get(role))
            .and_then(toml::Value::as_str);
        if let Some(own) = own {
            return own.to_string();
        }
        let spaced = role.replace(['_', '-'], " ");
        let mut chars = spaced.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

/// `text` with each `{name}` replaced by its value in `values`; other braces stay.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, value) = values.iter().find(|(key, _)| *key == name)?;
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                filled.push_str(value);
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

/// Puts every key of `own` over `base`, table by table.
fn merge(base: &mut toml::Table, own: toml::Table) {
    for (key, value) in own {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(base)), toml::Value::Table(own)) => merge(base, own),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_places_only() {
        let cases = [
            ("Part {part} of {total}", "Part 2 of 4"),
            ("{site}: episodes", "The Site: episodes"),
            ("{unknown} and {", "{unknown} and {"),
            ("no places", "no places"),
        ];
        for (text, expected) in cases {
            let values = [("part", "2"), ("total", "4"), ("site", "The Site")];
            assert_eq!(fill(text, &values), expected, "{text}");
        }
    }

    #[test]
    fn english_dates_and_roles() {
        let labels = Labels::english();
        let date = Date {
            year: 2017,
            month: 7,
            day: 9,
        };
        assert_eq!(labels.date(date), "July 9, 2017");
        assert_eq!(labels.credit_role("director"), "Director");
        assert_eq!(labels.credit_role("sound_editor"), "Sound editor");
        assert_eq!(labels.get("roles.cast"), "Cast");
        assert_eq!(labels.get("no.such.key"), "no.such.key");
    }

    #[test]
    fn a_site_translates_some_keys_and_keeps_the_rest() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join(LABELS_DIR);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("fr.toml"),
            "home = \"Accueil\"\ndate = \"{day} {month} {year}\"\nmonths = [\"janvier\", \"février\", \"mars\", \"avril\", \"mai\", \"juin\", \"juillet\", \"août\", \"septembre\", \"octobre\", \"novembre\", \"décembre\"]\n[roles]\ncast = \"Distribution\"\n",
        )
        .unwrap();
        let mut diagnostics = Diagnostics::default();
        let labels = Labels::load(site.path(), "fr-CA", &mut diagnostics);
        assert!(diagnostics.is_empty());
        assert_eq!(labels.get("home"), "Accueil");
        assert_eq!(labels.get("roles.cast"), "Distribution");
        assert_eq!(labels.get("roles.featured"), "Featured", "kept in English");
        let date = Date {
            year: 2017,
            month: 7,
            day: 9,
        };
        assert_eq!(labels.date(date), "9 juillet 2017");
    }
}
