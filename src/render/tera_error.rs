//! The parts of Tera's errors that Tera gives only as text, read here and nowhere else.
//!
//! Tera 2 gives a syntax or rendering error's template, span and message as data, and
//! fansite reads those. Two things it gives only in English text, which an upgrade of
//! Tera could change: the reports of several templates at once (an inheritance problem
//! found while compiling), and the names a template could have meant ("Available fields:
//! …"). The tests below make real Tera errors, so that such a change fails them.

use crate::error::Location;

/// One report of a Tera message: what is wrong, and where when it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report<'a> {
    /// The message, as Tera words it.
    pub message: &'a str,
    /// The template and place, from the report's ` --> name:line:column` line.
    pub place: Option<Place<'a>>,
}

/// A place in a template, as a Tera report writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    /// The template's name.
    pub template: &'a str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Reads the `error: message` / ` --> name:line:column` reports of a Tera message that
/// joins several.
pub fn reports(message: &str) -> Vec<Report<'_>> {
    message
        .split("\n\n")
        .filter_map(|block| {
            let mut lines = block.lines();
            let first = lines.next()?.trim();
            if first.is_empty() {
                return None;
            }
            let message = first.strip_prefix("error: ").unwrap_or(first);
            let place = lines
                .find_map(|line| line.trim().strip_prefix("--> "))
                .and_then(place);
            Some(Report { message, place })
        })
        .collect()
}

fn place(text: &str) -> Option<Place<'_>> {
    let mut parts = text.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let template = parts.next()?;
    Some(Place {
        template,
        line,
        column,
    })
}

/// The location of a report's place in the template's text: the word that starts there.
pub fn locate(text: &str, line: usize, column: usize) -> Location {
    let mut location = Location::at_line(text, line);
    let line_text = &location.line_text;
    let start = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    let end = line_text[start..]
        .find(['"', ' ', '%', '}'])
        .map_or(line_text.len(), |i| start + i.max(1));
    location.column = column;
    location.span = start..end.max(start + 1).min(line_text.len().max(start + 1));
    location
}

/// Splits Tera's `Field `titel` is not defined. Available fields: a, b` into the message
/// and a suggestion: the nearest name when one is near, else the list.
pub fn undefined_name(message: &str) -> (&str, Option<String>) {
    let Some((head, available)) = message.split_once(". Available ") else {
        return (message, None);
    };
    let (_, names) = available.split_once(": ").unwrap_or(("", available));
    let names: Vec<&str> = names.split(", ").map(str::trim).collect();
    let unknown = head.split('`').nth(1).unwrap_or_default();
    let nearest = names
        .iter()
        .map(|name| (strsim::damerau_levenshtein(unknown, name), *name))
        .filter(|(distance, name)| *distance <= 2.max(name.len() / 3))
        .min_by_key(|(distance, _)| *distance);
    let help = match nearest {
        Some((_, name)) => format!("did you mean `{name}`?"),
        None => format!("defined here: {}", names.join(", ")),
    };
    (head, Some(help))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::{Context, ErrorKind, Tera};

    /// The message of the error of rendering `template` with `page.title` defined.
    fn rendering_error(template: &str) -> String {
        let mut tera = Tera::new();
        tera.add_raw_template("t.html", template).unwrap();
        let mut context = Context::new();
        context.insert("page", &serde_json::json!({ "title": "T", "date": "D" }));
        let error = tera.render("t.html", &context).unwrap_err();
        match error.kind() {
            ErrorKind::RenderingError(report) => report.message().to_string(),
            other => panic!("Tera changed its error kind: {other:?}"),
        }
    }

    #[test]
    fn tera_names_the_fields_a_template_could_have_meant() {
        let message = rendering_error("{{ page.titel }}");
        assert_eq!(
            undefined_name(&message),
            (
                "Field `titel` is not defined",
                Some("did you mean `title`?".to_string())
            )
        );
        let message = rendering_error("{{ pages }}");
        assert_eq!(
            undefined_name(&message),
            (
                "Variable `pages` is not defined",
                Some("did you mean `page`?".to_string())
            )
        );
        let message = rendering_error("{{ page.colour }}");
        assert_eq!(
            undefined_name(&message).1.as_deref(),
            Some("defined here: date, title")
        );
    }

    #[test]
    fn tera_reports_every_template_with_a_block_its_parents_lack() {
        let mut tera = Tera::new();
        let error = tera
            .add_raw_templates([
                ("base.html", "{% block main %}{% endblock main %}"),
                (
                    "a.html",
                    "{% extends \"base.html\" %}\n{% block mian %}{% endblock mian %}",
                ),
                (
                    "b.html",
                    "{% extends \"base.html\" %}\n\n  {% block other %}{% endblock other %}",
                ),
            ])
            .unwrap_err();
        let ErrorKind::Msg(message) = error.kind() else {
            panic!("Tera changed its error kind: {:?}", error.kind());
        };
        let found = reports(message);
        assert_eq!(
            found,
            [
                Report {
                    message: "Block `mian` is not defined in any parent template",
                    place: Some(Place {
                        template: "a.html",
                        line: 2,
                        column: 10
                    })
                },
                Report {
                    message: "Block `other` is not defined in any parent template",
                    place: Some(Place {
                        template: "b.html",
                        line: 3,
                        column: 12
                    })
                },
            ]
        );
        let location = locate("{% extends \"base.html\" %}\n{% block mian %}", 2, 10);
        assert_eq!((location.line, location.column), (2, 10));
        assert_eq!(&location.line_text[location.span], "mian");
    }
}
