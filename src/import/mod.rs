//! Import: turns an encyclopedia-style plain-text article into a site in the content
//! contract — `site.toml` and the pages of `content/` — that a person could have written.
//!
//! [`parse`] reads the article and returns the files and a summary of what went where;
//! [`import`] also writes them, into a folder that did not exist or was empty, all at once.

mod accolades;
mod article;
mod awards_prose;
mod cast;
mod dates;
mod episodes;
mod infobox;
mod names;
mod pages;
mod prose;
mod reception;
mod site;
mod structured;
pub(crate) mod toml_text;

use std::fmt;
use std::path::Path;

use site::SiteBuilder;

use crate::error::Diagnostic;

/// What an import made: the files of the new site and what was placed where.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The files, `site.toml` first.
    pub files: Vec<ImportedFile>,
    /// What went where, one line each, then what was guessed.
    pub report: Vec<String>,
    /// The lines of the article the import could not read, by line number; each is kept
    /// as text on the page of its section.
    pub unplaced: Vec<(usize, String)>,
}

/// One file of an imported site.
pub use crate::new_site::NewFile as ImportedFile;

impl fmt::Display for Imported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Imported {} files:", self.files.len())?;
        for line in &self.report {
            write!(f, "\n  {line}")?;
        }
        if !self.unplaced.is_empty() {
            let count = self.unplaced.len();
            let s = if count == 1 { "" } else { "s" };
            write!(
                f,
                "\nCould not place {count} line{s}; kept as text on the page of their section:"
            )?;
            for (number, text) in &self.unplaced {
                write!(f, "\n  line {number}: {text}")?;
            }
        }
        Ok(())
    }
}

/// Parses the article `text` read from `file` (the path shown in diagnostics).
pub fn parse(text: &str, file: &Path) -> Result<Imported, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let article = article::outline(text, file, &mut problems);
    let infobox = infobox::read(&article.infobox, text, file, &mut problems);
    let mut site = SiteBuilder::new(text, file, &article, infobox);
    site.build(&article);
    let imported = site.finish(&mut problems);
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.location.as_ref().map_or(0, |l| l.line));
        return Err(problems);
    }
    Ok(imported)
}

/// Reads ARTICLE, refuses a target folder that exists and is not empty, writes every file
/// into a temporary folder beside the target and renames it into place, so a failed import
/// leaves the target untouched.
pub fn import(article: &Path, target: &Path) -> Result<Imported, crate::Error> {
    crate::new_site::check_target(target, "import into")?;
    // The one read of the article: the path is shown as the user gave it.
    let text = crate::files::read_text(Path::new(""), article)?;
    let imported = parse(&text, article)?;
    crate::new_site::write_all(target, &imported.files)?;
    Ok(imported)
}

/// What a section of the article becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Part of the home page, after the lead: `Overview`.
    Home,
    Cast,
    Episodes,
    Reception,
    Accolades,
    /// A page of its own.
    Page,
}

/// The part a section plays, told by its title.
fn role(title: &str) -> Role {
    match title.to_lowercase().as_str() {
        "overview" | "premise" | "synopsis" | "summary" => Role::Home,
        "cast" | "starring" | "participants" | "interviewees" => Role::Cast,
        "episodes" | "episode list" | "episode guide" | "parts" => Role::Episodes,
        "reception" | "critical reception" | "critical response" => Role::Reception,
        "accolades" | "awards" | "awards and nominations" | "honors" | "honours" => Role::Accolades,
        _ => Role::Page,
    }
}

/// `The Defiant Ones (TV series)` → `The Defiant Ones`.
fn series_title(title: &str) -> &str {
    match title
        .trim()
        .strip_suffix(')')
        .and_then(|t| t.rfind(" (").map(|i| &t[..i]))
    {
        Some(bare) if !bare.trim().is_empty() => bare.trim(),
        _ => title.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_series_title_drops_a_trailing_parenthetical() {
        let cases = [
            ("The Defiant Ones (TV series)", "The Defiant Ones"),
            ("Salt and Stone (documentary series)", "Salt and Stone"),
            ("M*A*S*H", "M*A*S*H"),
            ("(Untitled)", "(Untitled)"),
            ("Up (2009 film) ", "Up"),
        ];
        for (title, expected) in cases {
            assert_eq!(series_title(title), expected, "{title}");
        }
    }

    #[test]
    fn sections_are_given_their_roles_by_title() {
        let cases = [
            ("Overview", Role::Home),
            ("Cast", Role::Cast),
            ("Episodes", Role::Episodes),
            ("Reception", Role::Reception),
            ("Accolades", Role::Accolades),
            ("Release", Role::Page),
            ("Soundtrack", Role::Page),
        ];
        for (title, expected) in cases {
            assert_eq!(role(title), expected, "{title}");
        }
    }
}
