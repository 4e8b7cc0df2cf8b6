//! Errors: every problem a build finds, located in a file, and reported like a compiler.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// A place in a source file: 1-based line and column, and the text of that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The whole line the problem is on, without its line ending.
    pub line_text: String,
    /// The byte range of the problem inside `line_text`.
    pub span: Range<usize>,
}

impl Location {
    /// Locates the byte range `range` of the file text `source`.
    ///
    /// A range that runs past the end of its line is cut at the line's end, and an empty
    /// range is widened to one character so that the caret has something to point at.
    pub fn in_source(source: &str, range: Range<usize>) -> Location {
        let start = floor_char_boundary(source, range.start.min(source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_text = source[line_start..line_end].trim_end_matches('\r');
        let line = source[..line_start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        // The problem may sit on a `\r` that `line_text` leaves out.
        let span_start = (start - line_start).min(line_text.len());
        let span_end = floor_char_boundary(line_text, range.end.saturating_sub(line_start))
            .clamp(span_start, line_text.len());
        let span_end = if span_end == span_start {
            line_text[span_start..]
                .chars()
                .next()
                .map_or(span_start, |c| span_start + c.len_utf8())
        } else {
            span_end
        };
        Location {
            line,
            column,
            line_text: line_text.to_string(),
            span: span_start..span_end,
        }
    }

    /// The location of the whole of 1-based `line` in `source`, trailing space excluded.
    pub fn whole_line(source: &str, line: usize) -> Location {
        let mut location = Location::at_line(source, line);
        let end = location.line_text.trim_end().len();
        if end > 0 {
            location.span = 0..end;
        }
        location
    }

    /// The location of the first character of 1-based `line` in `source`.
    pub fn at_line(source: &str, line: usize) -> Location {
        let offset = source
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        Location::in_source(source, offset..offset)
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// The site cannot be built as it is.
    #[default]
    Error,
    /// Probably a mistake, such as a misspelt name, but the site builds; `--deny-warnings`
    /// makes it an error.
    Warning,
}

/// One problem found in the site, with where it is and, when there is one, a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// An error, or a warning.
    pub severity: Severity,
    /// The file at fault, relative to the site root; empty for a problem of no file, such
    /// as one of the command line.
    pub file: PathBuf,
    /// What is wrong, as one sentence without a final period.
    pub message: String,
    /// Where in `file`, when the parser knows (boxed to keep `Result`s small).
    pub location: Option<Box<Location>>,
    /// A short label printed under the caret.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file.
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            message: message.into(),
            location: None,
            label: None,
            help: None,
        }
    }

    /// A probable mistake that does not stop the build.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(file, message)
        }
    }

    /// Whether this is an error, which stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Points the problem at a place in the file.
    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(Box::new(location));
        self
    }

    /// Labels the caret.
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Adds a hint on how to fix the problem.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// The diagnostic with its file named from the folder `dir` holds the site in: from
    /// where a command runs on a site elsewhere, so that a terminal or an editor can open
    /// the file. A built-in file, which has no place on disk, keeps its name.
    pub fn under(mut self, dir: &Path) -> Diagnostic {
        let named =
            !self.file.to_string_lossy().starts_with('(') && !self.file.as_os_str().is_empty();
        if self.file.is_relative() && named {
            self.file = dir.join(&self.file);
        }
        self
    }

    /// Renders the diagnostic as a report: `error: …`, then `--> file:line:column`, the
    /// offending line and a caret. Colours only when `styled`.
    pub fn render(&self, styled: bool) -> String {
        let path = display_path(&self.file);
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(self.message.as_str());
        let mut report = vec![match &self.location {
            None if path.is_empty() => Group::with_title(title),
            Some(location) => title.element(
                Snippet::source(location.line_text.as_str())
                    .line_start(location.line)
                    .path(path.as_str())
                    .annotation(
                        AnnotationKind::Primary
                            .span(location.span.clone())
                            .label(self.label.as_deref()),
                    ),
            ),
            // Nothing to quote: the file alone.
            None => title.element(Origin::path(path.as_str())),
        }];
        if let Some(help) = &self.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Diagnostic {}

/// An error that concerns no file, such as a refused command, rendered as diagnostics are:
/// `error: …`, in colour only when `styled`.
pub fn render_message(message: &str, styled: bool) -> String {
    let report = [Group::with_title(Level::ERROR.primary_title(message))];
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&report)
}

/// A parser's message in our words: no final period, and the first letter in lowercase
/// unless the first word is an acronym such as `TOML`.
pub fn as_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => message.to_string(),
    }
}

/// Paths print with forward slashes on every platform, so messages and tests agree.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Why a build or check stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site has problems; every one found is listed.
    #[error("{} error{} in the site", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Site(Vec<Diagnostic>),
    /// The command asked for something the tool refuses to do (exit code 2).
    #[error("{0}")]
    Usage(String),
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Error {
        Error::Site(vec![diagnostic])
    }
}

impl From<Vec<Diagnostic>> for Error {
    fn from(diagnostics: Vec<Diagnostic>) -> Error {
        Error::Site(diagnostics)
    }
}

/// Gathers the problems of one stage so that all of them are reported, not only the first.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records the problems of `result`, if any, and passes on its value.
    pub fn take<T>(&mut self, result: Result<T, Diagnostic>) -> Option<T> {
        result.map_err(|d| self.push(d)).ok()
    }

    /// Records the problems of `result`, if any, and passes on its value.
    pub fn take_all<T>(&mut self, result: Result<T, Vec<Diagnostic>>) -> Option<T> {
        result.map_err(|d| self.extend(d)).ok()
    }

    /// Records every problem of `more`.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(more);
    }

    /// `Ok(value)` when no error was recorded, or every problem, sorted by file and line.
    pub fn finish<T>(self, value: T) -> Result<T, Error> {
        self.finish_with_warnings(value).map(|(value, _)| value)
    }

    /// `Ok` with `value` and the warnings, sorted, when no error was recorded; else every
    /// problem, warnings included, sorted by file and line.
    pub fn finish_with_warnings<T>(mut self, value: T) -> Result<(T, Vec<Diagnostic>), Error> {
        // By file, then by line; a problem of a whole file ("3 more …") after the others.
        self.0.sort_by(|a, b| {
            let place = |d: &Diagnostic| d.location.as_ref().map_or((1, 0), |l| (0, l.line));
            (&a.file, place(a)).cmp(&(&b.file, place(b)))
        });
        self.0.dedup();
        if self.0.iter().any(Diagnostic::is_error) {
            Err(Error::Site(self.0))
        } else {
            Ok((value, self.0))
        }
    }

    /// Makes every warning an error, as `--deny-warnings` asks.
    pub fn deny_warnings(&mut self) {
        for diagnostic in &mut self.0 {
            diagnostic.severity = Severity::Error;
        }
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_characters_from_one() {
        let source = "+++\ntitle = \"Järvi\"\nweight = x\n";
        let offset = source.find('x').unwrap();
        let location = Location::in_source(source, offset..offset + 1);
        assert_eq!((location.line, location.column), (3, 10));
        assert_eq!(location.line_text, "weight = x");
        assert_eq!(location.span, 9..10);

        let offset = source.find('"').unwrap() + 2;
        let location = Location::in_source(source, offset..offset);
        assert_eq!(
            (location.line, location.column),
            (2, 11),
            "columns count characters"
        );
        assert_eq!(
            location.span,
            10..12,
            "an empty span widens to one character, `ä`"
        );
    }

    #[test]
    fn location_on_a_carriage_return_points_at_the_end_of_the_line() {
        let source = "+++\ntie = \r\r\n+++\n";
        for offset in 0..source.len() {
            let location = Location::in_source(source, offset..offset + 1);
            assert!(
                location.span.end <= location.line_text.len().max(1),
                "{offset}"
            );
        }
        let location = Location::in_source(source, 10..11);
        assert_eq!((location.line, location.line_text.as_str()), (2, "tie = "));
    }

    #[test]
    fn location_at_the_end_of_a_file_without_newline() {
        let source = "a\nbc";
        let location = Location::in_source(source, 4..9);
        assert_eq!((location.line, location.column), (2, 3));
        assert_eq!(location.span, 2..2);
        assert_eq!(Location::at_line(source, 2).column, 1);
    }

    #[test]
    fn a_diagnostic_without_a_place_names_the_file() {
        let text = Diagnostic::new("content/a.md", "cannot read")
            .help("check it")
            .render(false);
        assert_eq!(
            text,
            "error: cannot read\n--> content/a.md\n |\nhelp: check it"
        );
    }

    #[test]
    fn rendered_diagnostic_names_file_line_and_column() {
        let source = "title = \"x\"\nweigth = 1\n";
        let diagnostic = Diagnostic::new("content/a.md", "unknown key `weigth`")
            .at(Location::in_source(source, 12..18))
            .label("not a front-matter key")
            .help("did you mean `weight`?");
        let text = diagnostic.render(false);
        assert!(text.starts_with("error: unknown key `weigth`\n"), "{text}");
        assert!(text.contains("--> content/a.md:2:1"), "{text}");
        assert!(text.contains("2 | weigth = 1"), "{text}");
        assert!(text.contains("^^^^^^ not a front-matter key"), "{text}");
        assert!(text.contains("help: did you mean `weight`?"), "{text}");
    }
}
