//! Shortcodes: a template called from a page's Markdown, to place a video, a figure with
//! a caption or a pull quote in the middle of the text, as in Zola. Written inline,
//! `{{ video(provider="youtube", id="dQw4w9WgXcQ", title="The trailer") }}`, or with a
//! body of Markdown, `{% quote(source="A review") %}…{% end %}`. The arguments are those
//! of a TOML inline table, as front matter writes them.
//!
//! This module only finds the calls in a text; [`crate::markdown`] renders around them.
//! A shortcode inside a code block or inline code is text, and so is a `{{` or `{%` that is
//! not followed by a name and `(`.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use serde::de::IntoDeserializer;

/// A shortcode called in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Its name: that of its template, `templates/shortcodes/<name>.html`.
    pub name: String,
    /// Where the name is written.
    pub name_range: Range<usize>,
    /// Its arguments, in the order written.
    pub args: Vec<Arg>,
    /// The Markdown between `{% name(…) %}` and `{% end %}`, for a call with a body.
    pub body: Option<Range<usize>>,
    /// The whole call, from `{{` or `{%` to `}}` or the end of `{% end %}`.
    pub range: Range<usize>,
    /// Whether it stands alone on its lines, nothing but space before it and after it:
    /// it is then a block of its own, not part of a paragraph.
    pub alone: bool,
}

/// An argument of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// Its name.
    pub name: String,
    /// Where its name is written.
    pub name_range: Range<usize>,
    /// Its value.
    pub value: toml::Value,
    /// Where its value is written.
    pub value_range: Range<usize>,
}

/// A call that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Where it is.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to put it right.
    pub help: &'static str,
}

/// How a shortcode is written, for the help of an error.
pub const SYNTAX_HELP: &str = "a shortcode is written `{{ name(key=\"value\") }}`, or with a \
    body `{% name(key=\"value\") %}…{% end %}`; to show one as text, put it in `inline code`";

/// Whether `text` may call a shortcode: a quick test that spares most texts the search.
pub fn may_call(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// The calls of `text` outside its code, in order, those inside a body left to the body;
/// or every call that cannot be read.
pub fn find(text: &str) -> Result<Vec<Call>, Vec<Unreadable>> {
    let code = code_ranges(text);
    let mut calls = Vec::new();
    let mut problems = Vec::new();
    // Calls with a body whose `{% end %}` has not come yet: the outermost first.
    let mut open: Vec<Opened> = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find('{') {
        let start = at + found;
        at = start + 1;
        if code.iter().any(|c| c.contains(&start)) {
            continue;
        }
        let with_body = match text.as_bytes().get(start + 1) {
            Some(b'{') => false,
            Some(b'%') => true,
            _ => continue,
        };
        let after_open = start + 2;
        if with_body && let Some(end) = end_tag(text, after_open) {
            at = end;
            match open.pop() {
                Some(opened) if open.is_empty() => {
                    calls.push(opened.closed(text, start, end));
                }
                Some(_) => {}
                None => problems.push(Unreadable {
                    range: start..end,
                    message: "`{% end %}` closes no shortcode".to_string(),
                    help: SYNTAX_HELP,
                }),
            }
            continue;
        }
        let Some((name, name_range, paren)) = name_and_paren(text, after_open) else {
            continue;
        };
        match read_call(text, start, name, name_range, paren, with_body) {
            Ok(call) if with_body => {
                at = call.range.end;
                open.push(Opened { call });
            }
            Ok(call) => {
                at = call.range.end;
                if open.is_empty() {
                    calls.push(call);
                }
            }
            Err(problem) => {
                problems.push(problem);
                // Read on after the name: the rest of the text may hold other calls.
            }
        }
    }
    if let Some(outermost) = open.first() {
        problems.push(Unreadable {
            range: outermost.call.range.clone(),
            message: format!("shortcode `{}` is never closed", outermost.call.name),
            help: "end its body with `{% end %}`",
        });
    }
    if problems.is_empty() {
        Ok(calls)
    } else {
        Err(problems)
    }
}

/// A call with a body, read to the end of its opening tag.
struct Opened {
    call: Call,
}

impl Opened {
    /// The call, its body closed by the `{% end %}` at `end_start..end`.
    fn closed(self, text: &str, end_start: usize, end: usize) -> Call {
        let mut call = self.call;
        call.body = Some(call.range.end..end_start);
        call.range = call.range.start..end;
        call.alone = alone(text, call.range.clone());
        call
    }
}

/// The end of `{% end %}` whose `{%` ends at `after_open`, if it is one.
fn end_tag(text: &str, after_open: usize) -> Option<usize> {
    let rest = &text[after_open..];
    let inner = rest.trim_start_matches([' ', '\t']);
    let inner = inner.strip_prefix("end")?;
    let closing = inner.trim_start_matches([' ', '\t']);
    closing.strip_prefix("%}")?;
    Some(text.len() - closing.len() + 2)
}

/// The name after `{{` or `{%` (which end at `after_open`), its range and the position of
/// the `(` after it: `None` when they are not there, and the braces are text.
fn name_and_paren(text: &str, after_open: usize) -> Option<(&str, Range<usize>, usize)> {
    let bytes = text.as_bytes();
    let mut i = after_open;
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let name_start = i;
    if !matches!(bytes.get(i), Some(b) if b.is_ascii_alphabetic() || *b == b'_') {
        return None;
    }
    while matches!(bytes.get(i), Some(b) if b.is_ascii_alphanumeric() || *b == b'_') {
        i += 1;
    }
    let name_end = i;
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    (bytes.get(i) == Some(&b'(')).then(|| (&text[name_start..name_end], name_start..name_end, i))
}

/// The call opened at `start`, whose `(` is at `paren`.
fn read_call(
    text: &str,
    start: usize,
    name: &str,
    name_range: Range<usize>,
    paren: usize,
    with_body: bool,
) -> Result<Call, Unreadable> {
    let closer = if with_body { "%}" } else { "}}" };
    let unclosed = || Unreadable {
        range: start..name_range.end,
        message: format!("shortcode `{name}` is not closed: it ends with `) {closer}`"),
        help: SYNTAX_HELP,
    };
    let args_end = closing_paren(text, paren + 1).ok_or_else(unclosed)?;
    let after = &text[args_end + 1..];
    let trimmed = after.trim_start_matches([' ', '\t']);
    if !trimmed.starts_with(closer) {
        return Err(unclosed());
    }
    let end = text.len() - trimmed.len() + 2;
    let args = read_args(text, paren + 1..args_end)?;
    Ok(Call {
        name: name.to_string(),
        name_range,
        args,
        body: None,
        range: start..end,
        alone: !with_body && alone(text, start..end),
    })
}

/// The position of the `)` that closes the arguments starting at `from`: strings, arrays
/// and inline tables may hold one.
fn closing_paren(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' | b'\'' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    if c == b'\\' && b == b'"' {
                        i += 1;
                    } else if c == b {
                        break;
                    } else if c == b'\n' {
                        return None;
                    }
                    i += 1;
                }
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.checked_sub(1)?,
            b')' if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The arguments written in `range` of `text`, read as the inside of a TOML inline table.
fn read_args(text: &str, range: Range<usize>) -> Result<Vec<Arg>, Unreadable> {
    let written = &text[range.clone()];
    if written.trim().is_empty() {
        return Ok(Vec::new());
    }
    // `{` before the arguments: a position in the table is one past its place in the text.
    let table = format!("{{{written}}}");
    let place = |span: Range<usize>| {
        let start = (range.start + span.start)
            .saturating_sub(1)
            .max(range.start);
        let end = (range.start + span.end)
            .saturating_sub(1)
            .clamp(start, range.end);
        start..end
    };
    let spanned = toml::de::DeValue::parse(&table).map_err(|error| Unreadable {
        range: error.span().map_or(range.clone(), &place),
        message: format!(
            "the arguments cannot be read: {}",
            error.message().trim_end_matches('\n')
        ),
        help: "arguments are written as in front matter, `name = \"text\"`, `number = 3`, \
               `flag = true`, `list = [\"a\", \"b\"]`, separated by commas",
    })?;
    let toml::de::DeValue::Table(entries) = spanned.get_ref() else {
        unreachable!("text in braces is a table");
    };
    Ok(entries
        .iter()
        .filter_map(|(key, value)| {
            // The value read from the same parse that placed it.
            let read = toml::Value::deserialize(value.clone().into_deserializer()).ok()?;
            Some(Arg {
                name: key.get_ref().to_string(),
                name_range: place(key.span()),
                value: read,
                value_range: place(value.span()),
            })
        })
        .collect())
}

/// Whether `range` of `text` has nothing but space before it on its first line and after
/// it on its last.
fn alone(text: &str, range: Range<usize>) -> bool {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    text[line_start..range.start].trim().is_empty() && text[range.end..line_end].trim().is_empty()
}

/// The ranges of `text` that are code: inline code, fenced and indented code blocks.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, bool)> {
        find(text)
            .unwrap()
            .into_iter()
            .map(|call| (call.name, call.alone))
            .collect()
    }

    #[test]
    fn calls_are_found_with_their_arguments_typed_and_located() {
        let text = "Text {{ video(id=\"a)b\", start = 3, loop=true, tags=['x']) }} more.";
        let calls = find(text).unwrap();
        assert_eq!(calls.len(), 1);
        let call = &calls[0];
        assert_eq!(call.name, "video");
        assert_eq!(&text[call.name_range.clone()], "video");
        assert_eq!(&text[call.range.clone()], &text[5..60]);
        assert!(!call.alone);
        let args: Vec<(&str, &str, &str)> = call
            .args
            .iter()
            .map(|a| {
                (
                    a.name.as_str(),
                    &text[a.value_range.clone()],
                    a.value.type_str(),
                )
            })
            .collect();
        assert_eq!(
            args,
            [
                ("id", "\"a)b\"", "string"),
                ("start", "3", "integer"),
                ("loop", "true", "boolean"),
                ("tags", "['x']", "array")
            ]
        );
    }

    #[test]
    fn a_body_runs_to_its_end_and_nested_calls_stay_in_it() {
        let text = "{% quote(source=\"S\") %}\nSaid {{ b() }}.\n{% note() %}x{% end %}\n{% end %}\n\nAfter {{ c() }}";
        let calls = find(text).unwrap();
        assert_eq!(calls.len(), 2);
        let body = calls[0].body.clone().unwrap();
        assert_eq!(&text[body], "\nSaid {{ b() }}.\n{% note() %}x{% end %}\n");
        assert!(calls[0].alone);
        assert_eq!(calls[1].name, "c");
    }

    #[test]
    fn code_and_braces_that_call_nothing_are_text() {
        let text = "`{{ a() }}` and {{ not a call }} and {%raw%}\n\n```\n{{ b() }}\n```\n\n    {{ c() }}\n\n{{ d() }}";
        assert_eq!(names(text), [("d".to_string(), true)]);
    }

    #[test]
    fn an_unclosed_call_a_stray_end_and_bad_arguments_are_located() {
        let problems = |text: &str| -> Vec<(String, String)> {
            find(text)
                .unwrap_err()
                .into_iter()
                .map(|p| (text[p.range].to_string(), p.message))
                .collect()
        };
        assert_eq!(
            problems("a {{ video(id=\"x\" b"),
            [(
                "{{ video".to_string(),
                "shortcode `video` is not closed: it ends with `) }}`".to_string()
            )]
        );
        assert_eq!(
            problems("{% end %}"),
            [(
                "{% end %}".to_string(),
                "`{% end %}` closes no shortcode".to_string()
            )]
        );
        assert_eq!(
            problems("{% quote() %}\ntext"),
            [(
                "{% quote() %}".to_string(),
                "shortcode `quote` is never closed".to_string()
            )]
        );
        let bad = problems("{{ video(id = ) }}");
        assert_eq!(bad.len(), 1);
        assert!(
            bad[0].1.starts_with("the arguments cannot be read"),
            "{bad:?}"
        );
    }
}
