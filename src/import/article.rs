//! Article outline: cuts the plain-text article into its title, infobox, lead and nested
//! sections, each line kept with its number and place in the file for diagnostics.

use std::ops::Range;
use std::path::Path;

use crate::error::{Diagnostic, Location};

/// One line of the article, without its line ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's start in the file.
    pub offset: usize,
    /// The line's text.
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// The byte range, in the file, of `part`, a slice of this line's text.
    pub fn range_of(&self, part: &str) -> Range<usize> {
        let start = self.offset + (part.as_ptr() as usize - self.text.as_ptr() as usize);
        start..start + part.len()
    }

    /// The line trimmed, as the rules of the format read it.
    pub fn trimmed(&self) -> &'a str {
        self.text.trim()
    }
}

/// An `- Name: value` line of the infobox.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The line it is on.
    pub line: Line<'a>,
    /// `Director`.
    pub key: &'a str,
    /// `Allen Hughes`.
    pub value: &'a str,
}

/// A `==Heading==` and what follows it up to the next heading of its level or above.
#[derive(Debug, Clone)]
pub struct Section<'a> {
    /// The heading line.
    pub heading: Line<'a>,
    /// The heading's text.
    pub title: &'a str,
    /// 2 for `==`, 3 for `===`, …
    pub level: usize,
    /// The lines between the heading and the first subsection.
    pub lines: Vec<Line<'a>>,
    /// The subsections.
    pub children: Vec<Section<'a>>,
}

/// The whole article, cut up.
#[derive(Debug, Clone, Default)]
pub struct Article<'a> {
    /// The title as written: `The Defiant Ones (TV series)`.
    pub title: &'a str,
    /// The infobox's lines.
    pub infobox: Vec<Entry<'a>>,
    /// The lines between the infobox and the first section.
    pub lead: Vec<Line<'a>>,
    /// The top-level sections, in order.
    pub sections: Vec<Section<'a>>,
}

/// What a line of the format is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    /// An empty line.
    Blank,
    /// `==Title==`, with its level and text.
    Heading(usize, &'a str),
    /// `- item`.
    Item(&'a str),
    /// `| a | b |`, a row of a table.
    Row,
    /// `As themselves:`, a line that names the list below it.
    Label(&'a str),
    /// Anything else: running text.
    Text,
}

/// What kind of line `text` is.
pub fn kind(text: &str) -> Kind<'_> {
    let text = text.trim();
    if text.is_empty() {
        return Kind::Blank;
    }
    if let Some(heading) = heading(text) {
        return Kind::Heading(heading.0, heading.1);
    }
    if let Some(item) = text.strip_prefix("- ").or_else(|| text.strip_prefix("* ")) {
        return Kind::Item(item.trim());
    }
    if text.starts_with('|') {
        return Kind::Row;
    }
    match text.strip_suffix(':') {
        Some(label) if !label.contains(['.', ':']) && label.split_whitespace().count() <= 3 => {
            Kind::Label(label)
        }
        _ => Kind::Text,
    }
}

/// `== Title ==` → (2, `Title`).
fn heading(text: &str) -> Option<(usize, &str)> {
    let open = text.len() - text.trim_start_matches('=').len();
    let close = text.len() - text.trim_end_matches('=').len();
    if open == 0 || open != close || text.len() <= open + close {
        return None;
    }
    let title = text[open..text.len() - close].trim();
    (!title.is_empty()).then_some((open, title))
}

/// Cuts `text` into an article, recording every problem of its outline in `problems`.
pub fn outline<'a>(text: &'a str, file: &Path, problems: &mut Vec<Diagnostic>) -> Article<'a> {
    let mut lines = split_lines(text).peekable();
    let mut article = Article::default();
    while lines.next_if(|l| kind(l.text) == Kind::Blank).is_some() {}
    match lines.peek() {
        None => problems.push(
            Diagnostic::new(file, "the article is empty")
                .help("an article starts with its title between `=` signs: `= Title =`"),
        ),
        Some(first) => match kind(first.text) {
            Kind::Heading(1, title) => {
                article.title = title;
                lines.next();
            }
            _ => problems.push(no_title(text, file, first)),
        },
    }
    while lines.next_if(|l| kind(l.text) == Kind::Blank).is_some() {}
    if lines
        .next_if(|l| l.trimmed().eq_ignore_ascii_case("infobox"))
        .is_some()
    {
        while let Some(line) =
            lines.next_if(|l| !matches!(kind(l.text), Kind::Blank | Kind::Heading(..)))
        {
            match infobox_entry(line) {
                Some(entry) => article.infobox.push(entry),
                None => problems.push(no_colon(text, file, line)),
            }
        }
    }
    let mut open: Vec<Section<'a>> = Vec::new();
    for line in lines {
        match kind(line.text) {
            Kind::Heading(level, title) => {
                let level = level.max(2);
                close_sections(&mut open, &mut article.sections, level);
                open.push(Section {
                    heading: line,
                    title,
                    level,
                    lines: Vec::new(),
                    children: Vec::new(),
                });
            }
            _ => match open.last_mut() {
                Some(section) => section.lines.push(line),
                None => article.lead.push(line),
            },
        }
    }
    close_sections(&mut open, &mut article.sections, 2);
    article
}

/// Closes the open sections of `level` and deeper, each into its parent.
fn close_sections<'a>(open: &mut Vec<Section<'a>>, top: &mut Vec<Section<'a>>, level: usize) {
    while open.last().is_some_and(|s| s.level >= level) {
        let Some(section) = open.pop() else { break };
        match open.last_mut() {
            Some(parent) => parent.children.push(section),
            None => top.push(section),
        }
    }
}

fn split_lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    text[start..]
        .split_inclusive('\n')
        .scan(start, |offset, raw| {
            let line_offset = *offset;
            *offset += raw.len();
            Some((line_offset, raw.trim_end_matches(['\n', '\r'])))
        })
        .enumerate()
        .map(|(i, (offset, text))| Line {
            number: i + 1,
            offset,
            text,
        })
}

fn infobox_entry(line: Line<'_>) -> Option<Entry<'_>> {
    let item = match kind(line.text) {
        Kind::Item(item) => item,
        _ => line.trimmed(),
    };
    let (key, value) = item.split_once(':')?;
    let (key, value) = (key.trim(), value.trim());
    (!key.is_empty()).then_some(Entry { line, key, value })
}

fn no_title(text: &str, file: &Path, first: &Line<'_>) -> Diagnostic {
    let range = first.range_of(first.trimmed());
    Diagnostic::new(file, "the article has no title line")
        .at(Location::in_source(text, range))
        .label("expected the title here, such as `= The Defiant Ones (TV series) =`")
        .help("an article starts with its title between `=` signs: `= Title =`")
}

fn no_colon(text: &str, file: &Path, line: Line<'_>) -> Diagnostic {
    let item = match kind(line.text) {
        Kind::Item(item) => item,
        _ => line.trimmed(),
    };
    Diagnostic::new(file, "infobox line has no `:`")
        .at(Location::in_source(text, line.range_of(item)))
        .label("expected `Name: value`")
        .help("write each infobox line as `- Name: value`, e.g. `- Director: Allen Hughes`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_tells_the_lines_of_the_format_apart() {
        let cases = [
            ("", Kind::Blank),
            ("   ", Kind::Blank),
            ("= Title =", Kind::Heading(1, "Title")),
            ("==Overview==", Kind::Heading(2, "Overview")),
            ("=== Part 1 ===", Kind::Heading(3, "Part 1")),
            ("==Unbalanced===", Kind::Text),
            ("====", Kind::Text),
            ("- Jimmy Iovine", Kind::Item("Jimmy Iovine")),
            ("* Dr. Dre", Kind::Item("Dr. Dre")),
            ("| 2018 | A | B |", Kind::Row),
            ("As themselves:", Kind::Label("As themselves")),
            ("The website's consensus reads:", Kind::Text),
            ("It aired on HBO.", Kind::Text),
        ];
        for (text, expected) in cases {
            assert_eq!(kind(text), expected, "{text:?}");
        }
    }

    #[test]
    fn outline_nests_sections_and_keeps_line_numbers() {
        let text = "= T (TV series) =\n\nInfobox\n- Genre: Documentary\n\nLead.\n\n==A==\na\n===A1===\na1\n==B==\nb\n";
        let mut problems = Vec::new();
        let article = outline(text, Path::new("a.txt"), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(article.title, "T (TV series)");
        assert_eq!(article.infobox.len(), 1);
        assert_eq!(
            (article.infobox[0].key, article.infobox[0].value),
            ("Genre", "Documentary")
        );
        let lead: Vec<&str> = article.lead.iter().map(|l| l.text).collect();
        assert_eq!(lead, ["", "Lead.", ""]);
        let titles: Vec<&str> = article.sections.iter().map(|s| s.title).collect();
        assert_eq!(titles, ["A", "B"]);
        assert_eq!(article.sections[0].children[0].title, "A1");
        assert_eq!(article.sections[0].children[0].lines[0].number, 11);
        assert_eq!(article.sections[1].lines[0].text, "b");
    }
}
