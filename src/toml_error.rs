//! TOML errors made readable: located in the file, and with a suggestion for a misspelt key.

use std::ops::Range;
use std::path::Path;

use crate::error::{Diagnostic, Location};

/// Turns a TOML error of `text`, which starts at byte `offset` of `file_text`, into a
/// diagnostic located in the file.
pub fn diagnostic_at(
    error: &toml::de::Error,
    file_text: &str,
    offset: usize,
    file: &Path,
) -> Diagnostic {
    let message = error.message().trim_end().trim_end_matches('.');
    let mut diagnostic = match unknown_field(message) {
        Some((key, expected)) => {
            let help = match closest(key, &expected) {
                Some(near) => format!("did you mean `{near}`?"),
                None if expected.is_empty() => "this table takes no keys".to_string(),
                None => format!(
                    "the keys allowed here are {}; put anything else under `[extra]`",
                    expected
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Diagnostic::new(file, format!("unknown key `{key}`")).help(help)
        }
        None => Diagnostic::new(file, first_letter_lowercase(message)),
    };
    if let Some(span) = error.span() {
        let range: Range<usize> = offset + span.start..offset + span.end;
        diagnostic = diagnostic.at(Location::in_source(file_text, range));
    }
    diagnostic
}

/// Turns a TOML error of the whole file `text` into a diagnostic.
pub fn diagnostic(error: &toml::de::Error, text: &str, file: &Path) -> Diagnostic {
    diagnostic_at(error, text, 0, file)
}

/// Reads serde's `unknown field `x`, expected one of `a`, `b`` message.
fn unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).collect();
    Some((key, expected))
}

/// The known key nearest to `key`, when it is near enough to be a slip of the keyboard.
fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|candidate| (strsim::damerau_levenshtein(key, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn first_letter_lowercase(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_key_and_the_keys_expected() {
        let (key, expected) =
            unknown_field("unknown field `titel`, expected one of `title`, `date`").unwrap();
        assert_eq!(key, "titel");
        assert_eq!(expected, ["title", "date"]);
        let (_, expected) = unknown_field("unknown field `x`, expected `name`").unwrap();
        assert_eq!(expected, ["name"]);
        let (_, expected) = unknown_field("unknown field `x`, there are no fields").unwrap();
        assert!(expected.is_empty());
        assert!(unknown_field("invalid type: integer").is_none());
    }

    #[test]
    fn suggests_only_near_misses() {
        let known = ["title", "description", "weight", "date", "featuring"];
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("Title", &known), Some("title"));
        assert_eq!(closest("featured", &known), Some("featuring"));
        assert_eq!(closest("descripton", &known), Some("description"));
        assert_eq!(closest("author", &known), None);
    }
}
