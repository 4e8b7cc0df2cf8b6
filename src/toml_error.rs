//! TOML read with every problem reported, not only the first, each made readable:
//! located in the file, and with a suggestion for a misspelt key.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use crate::error::{Diagnostic, Location, as_message};

/// At most this many problems are reported for one TOML text: past a few, the rest are
/// mostly echoes of the first.
const MAX_PROBLEMS: usize = 20;

/// Reads `text`, the TOML that starts at byte `offset` of the file `file` (whose whole
/// text is `file_text`), into a `T`, reporting every problem: each syntax error, with the
/// parser resuming after it, and each key that is unknown or of the wrong type.
///
/// serde stops at the first bad value, so the value at fault is taken out of the table and
/// the rest read again, until it reads or nothing is left to take out.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file_text: &str,
    offset: usize,
    file: &Path,
) -> Result<T, Vec<Diagnostic>> {
    // Most texts have no problem: they are read once, as serde reads them.
    if let Ok(value) = toml::from_str(text) {
        return Ok(value);
    }
    let (mut table, syntax) = DeTable::parse_recoverable(text);
    let mut problems = Problems::default();
    for error in &syntax {
        problems.add(diagnostic_at(error, file_text, offset, file));
    }
    table.get_mut().make_owned();
    while problems.found.len() < MAX_PROBLEMS {
        let error = match T::deserialize(Deserializer::from(table.clone())) {
            Ok(value) if problems.found.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(error) => error,
        };
        problems.add(diagnostic_at(&error, file_text, offset, file));
        match error.span() {
            Some(span) if remove_at(table.get_mut(), &span) => {}
            _ => break,
        }
    }
    Err(problems.found)
}

/// The problems of one TOML text, without the echoes of one mistake: a parser that resumes
/// after an error often stumbles again on the same line, and a misspelt key is also a
/// missing one.
#[derive(Default)]
struct Problems {
    found: Vec<Diagnostic>,
}

impl Problems {
    fn add(&mut self, diagnostic: Diagnostic) {
        let line = |d: &Diagnostic| d.location.as_ref().map(|l| l.line);
        let same_line =
            line(&diagnostic).is_some() && self.found.iter().any(|d| line(d) == line(&diagnostic));
        let suggested = diagnostic
            .message
            .strip_prefix("missing `")
            .is_some_and(|rest| {
                let help = format!("did you mean `{rest}?");
                self.found
                    .iter()
                    .any(|d| d.help.as_deref() == Some(help.as_str()))
            });
        if !same_line && !suggested {
            self.found.push(diagnostic);
        }
    }
}

/// Whether `outer` holds all of `inner`.
fn holds(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end && outer != &(0..0)
}

/// Takes out of `table` the innermost entry whose key or value holds `span`. Returns
/// whether one was taken out.
fn remove_at(table: &mut DeTable<'_>, span: &Range<usize>) -> bool {
    let mut found = None;
    for (key, value) in table.iter_mut() {
        if holds(&key.span(), span) {
            found = Some(key.clone());
            break;
        }
        if holds(&value.span(), span) {
            if remove_inside(value.get_mut(), span) {
                return true;
            }
            found = Some(key.clone());
            break;
        }
    }
    found.is_some_and(|key| table.remove(&key).is_some())
}

/// Takes out of a table or an array the innermost part that holds `span`.
fn remove_inside<'i>(value: &mut DeValue<'i>, span: &Range<usize>) -> bool {
    match value {
        DeValue::Table(table) => remove_at(table, span),
        DeValue::Array(items) => {
            let Some(index) = items.iter().position(|item| holds(&item.span(), span)) else {
                return false;
            };
            let slice: &mut [Spanned<DeValue<'i>>] = items;
            if remove_inside(slice[index].get_mut(), span) {
                return true;
            }
            let kept: Vec<Spanned<DeValue<'i>>> =
                std::mem::replace(items, toml::de::DeArray::new())
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| *i != index)
                    .map(|(_, item)| item)
                    .collect();
            *items = kept.into_iter().collect();
            true
        }
        _ => false,
    }
}

/// Turns a TOML error of `text`, which starts at byte `offset` of `file_text`, into a
/// diagnostic located in the file.
pub fn diagnostic_at(
    error: &toml::de::Error,
    file_text: &str,
    offset: usize,
    file: &Path,
) -> Diagnostic {
    let message = error.message().trim_end().trim_end_matches('.');
    let span = error
        .span()
        .map(|span| offset + span.start..offset + span.end);
    let key = span
        .as_ref()
        .and_then(|span| key_of_line(file_text, span.start));
    if let Some(diagnostic) = reworded(message, key.as_deref(), file) {
        return match span {
            Some(range) => diagnostic.at(Location::in_source(file_text, range)),
            None => diagnostic,
        };
    }
    let mut diagnostic = match unknown_field(message) {
        Some((key, expected)) => {
            let help = match closest(key, &expected) {
                Some(near) => format!("did you mean `{near}`?"),
                None if expected.is_empty() => "this table takes no keys".to_string(),
                None => {
                    let keys: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
                    let extra = if expected.contains(&"extra") {
                        "; put anything else under `[extra]`"
                    } else {
                        ""
                    };
                    format!("the keys allowed here are {}{extra}", keys.join(", "))
                }
            };
            Diagnostic::new(file, format!("unknown key `{key}`")).help(help)
        }
        None => Diagnostic::new(file, as_message(message)),
    };
    if let Some(range) = span {
        diagnostic = diagnostic.at(Location::in_source(file_text, range));
    }
    diagnostic
}

/// serde's messages for a value of the wrong type, a missing key or an unknown choice,
/// said in the words of a TOML file.
fn reworded(message: &str, key: Option<&str>, file: &Path) -> Option<Diagnostic> {
    let key_name = key.map_or_else(|| "this value".to_string(), |k| format!("`{k}`"));
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        let found = type_name(found.split([' ', '`', '"']).next().unwrap_or(found));
        let expected = type_name(expected);
        return Some(
            Diagnostic::new(file, format!("{key_name} must be {expected}, not {found}"))
                .label(format!("this is {found}")),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        let help = if field == "title" {
            "every page needs a title: `title = \"…\"`".to_string()
        } else {
            format!("add `{field} = …` here")
        };
        return Some(
            Diagnostic::new(file, format!("missing `{field}`"))
                .label(format!("`{field}` is required in this table"))
                .help(help),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once("`, expected ")?;
        return Some(
            Diagnostic::new(file, format!("{key_name} cannot be `{value}`"))
                .label("not one of the values allowed here")
                .help(format!("write {expected}")),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid date, expected ") {
        return Some(
            Diagnostic::new(file, format!("{key_name} is not a real date"))
                .label(format!("the {rest}")),
        );
    }
    if message.starts_with("expected a date such as") {
        return Some(
            Diagnostic::new(
                file,
                format!("{key_name} must be a date such as 2017-07-09"),
            )
            .label("a date alone, without a time"),
        );
    }
    None
}

/// The name of a type, as serde, TOML (`toml::Value::type_str`) or a template's
/// declared argument (`bool`, `number`) calls it, as an editor would say it.
pub(crate) fn type_name(name: &str) -> &str {
    match name {
        "string" | "a string" => "a string",
        "integer" | "i64" | "u64" | "i32" | "u32" | "u16" | "u8" | "an integer" => "a whole number",
        "floating" | "float" | "f64" | "a float" => "a number with a fraction",
        "number" => "a number",
        "boolean" | "bool" | "a boolean" => "`true` or `false`",
        "sequence" | "a sequence" | "array" => "an array",
        "map" | "a map" | "table" => "a table",
        "a TOML datetime" | "datetime" => "a date such as 2017-07-09",
        other => other,
    }
}

/// The key written at the start of the line holding byte `at`, as in `weight = …`.
fn key_of_line(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty() && at >= line_start + line.find('=')?).then(|| key.to_string())
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
pub(crate) fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|candidate| (strsim::damerau_levenshtein(key, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
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

    fn reword(text: &str) -> String {
        let error = toml::from_str::<crate::content::FrontMatter>(text).unwrap_err();
        diagnostic(&error, text, Path::new("a.md")).message
    }

    #[test]
    fn type_errors_name_the_key_and_both_types() {
        let cases = [
            (
                "title = \"x\"\nweight = \"three\"",
                "`weight` must be a whole number, not a string",
            ),
            ("title = 3", "`title` must be a string, not a whole number"),
            (
                "title = \"x\"\ndraft = \"yes\"",
                "`draft` must be `true` or `false`, not a string",
            ),
            (
                "title = \"x\"\nfeaturing = \"a\"",
                "`featuring` must be an array, not a string",
            ),
            (
                "title = \"x\"\nweight = 1.5",
                "`weight` must be a whole number, not a number with a fraction",
            ),
            (
                "title = \"x\"\ndate = \"2017-07-09\"",
                "`date` must be a date such as 2017-07-09, not a string",
            ),
            (
                "title = \"x\"\ndate = 2017-07-09T10:00:00",
                "`date` must be a date such as 2017-07-09",
            ),
            (
                "title = \"x\"\ndate = 2017-02-30",
                "`date` is not a real date",
            ),
            ("description = \"x\"", "missing `title`"),
        ];
        for (text, expected) in cases {
            assert_eq!(reword(text), expected, "{text}");
        }
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
