//! Infobox: the article's `- Name: value` lines, read into the series of `site.toml`; any
//! line naming a role (`Director: …`, `Narrator: …`) becomes a credit.

use std::path::Path;

use super::article::Entry;
use super::dates;
use crate::config::Series;
use crate::error::{Diagnostic, Location};

/// The infobox as `site.toml` holds it, and the lines that held nothing.
#[derive(Debug, Default)]
pub struct Infobox<'a> {
    /// The series: every field the infobox gives, every role list as a credit.
    pub series: Series,
    /// Lines without a value, kept to be shown untouched.
    pub empty: Vec<Entry<'a>>,
}

/// Which field of the series an infobox name fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Genre,
    Country,
    Language,
    Seasons,
    Episodes,
    Runtime,
    Channel,
    FirstAired,
    Companies,
    Credit,
}

fn field(key: &str) -> Field {
    let key = key.to_lowercase();
    let key = ["num ", "no. of ", "number of ", "original "]
        .iter()
        .fold(key.as_str(), |key, prefix| {
            key.strip_prefix(prefix).unwrap_or(key)
        });
    match key {
        "genre" | "genres" => Field::Genre,
        "country" | "country of origin" => Field::Country,
        "language" | "languages" => Field::Language,
        "seasons" | "series" => Field::Seasons,
        "episodes" => Field::Episodes,
        "runtime" | "running time" => Field::Runtime,
        "channel" | "network" | "release channel" | "original network" => Field::Channel,
        "first aired" | "first_aired" | "release" | "release date" | "premiere" | "released" => {
            Field::FirstAired
        }
        "company" | "companies" | "production company" | "production companies" => Field::Companies,
        _ => Field::Credit,
    }
}

/// The credit key of a role: lowercase, words joined by `_`: `Executive Producer` →
/// `executive_producer`.
pub fn credit_key(role: &str) -> String {
    crate::slug::slugify(role).replace('-', "_")
}

/// A list as the infobox writes it: `Allen Hughes, Lasse Järvi, Doug Pray`.
fn list(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split([',', ';'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Reads the infobox, recording a value of the wrong kind (a number, a date) in `problems`.
pub fn read<'a>(
    entries: &[Entry<'a>],
    text: &str,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Infobox<'a> {
    let mut infobox = Infobox::default();
    let series = &mut infobox.series;
    for entry in entries {
        let value = entry.value;
        if value.is_empty() {
            infobox.empty.push(*entry);
            continue;
        }
        let wrong = |expected: &str| {
            Diagnostic::new(file, format!("`{}` is not {expected}", entry.key))
                .at(Location::in_source(text, entry.line.range_of(value)))
                .label(format!("expected {expected}"))
        };
        match field(entry.key) {
            Field::Genre => series.genre = Some(value.to_string()),
            Field::Country => series.country = Some(value.to_string()),
            Field::Language => series.language = Some(value.to_string()),
            Field::Runtime => series.runtime = Some(value.to_string()),
            Field::Channel => series.channel = Some(value.to_string()),
            Field::Seasons | Field::Episodes => match value.parse::<u32>() {
                Ok(n) if field(entry.key) == Field::Seasons => series.seasons = Some(n),
                Ok(n) => series.episodes = Some(n),
                Err(_) => problems.push(wrong("a whole number").help("write it in digits: `4`")),
            },
            Field::FirstAired => {
                let date = dates::parse_date(value)
                    .or_else(|| dates::find_range(&format!("from {value}")).map(|r| r.0));
                match date {
                    Some(date) => series.first_aired = Some(date),
                    None => problems
                        .push(wrong("a date").help("write it as `2017-07-09` or `July 9, 2017`")),
                }
            }
            Field::Companies => series.companies.extend(list(value)),
            Field::Credit => series
                .credits
                .entry(credit_key(entry.key))
                .or_default()
                .extend(list(value)),
        }
    }
    infobox
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infobox_names_map_to_series_fields_and_credits() {
        let cases = [
            ("Genre", Field::Genre),
            ("Num Seasons", Field::Seasons),
            ("No. of episodes", Field::Episodes),
            ("Original network", Field::Channel),
            ("First Aired", Field::FirstAired),
            ("Production companies", Field::Companies),
            ("Company", Field::Companies),
            ("Running time", Field::Runtime),
            ("Director", Field::Credit),
            ("Executive Producer", Field::Credit),
        ];
        for (key, expected) in cases {
            assert_eq!(field(key), expected, "{key}");
        }
        assert_eq!(credit_key("Executive Producer"), "executive_producer");
        assert_eq!(credit_key("Cinematography"), "cinematography");
        assert_eq!(credit_key("Narrated by"), "narrated_by");
    }
}
