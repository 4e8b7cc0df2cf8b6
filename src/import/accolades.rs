//! Accolades table: the rows of an awards table that lost its merged cells when it was
//! flattened to text, rebuilt — a year or an association given once stands for the rows
//! below it until the next — with their recipients split back into people.

use std::ops::Range;

use super::article::Line;
use super::dates::year;
use super::names::{KnownNames, split_names};
use crate::content::{Award, AwardResult};

/// The columns of an awards row: year, association, category, recipients.
pub const COLUMNS: usize = 4;

/// One cell of a table row: its text, trimmed, and its byte range in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The cell's text.
    pub text: &'a str,
    /// Where it is in the file.
    pub range: Range<usize>,
}

/// The cells of `| a | b | c |`, the empty ones at the end left out.
pub fn cells<'a>(line: &Line<'a>) -> Vec<Cell<'a>> {
    let trimmed = line.trimmed();
    let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells: Vec<Cell<'a>> = inner
        .split('|')
        .map(|raw| {
            let text = raw.trim();
            let range = if text.is_empty() {
                line.range_of(raw)
            } else {
                line.range_of(text)
            };
            Cell { text, range }
        })
        .collect();
    while cells.last().is_some_and(|c| c.text.is_empty()) {
        cells.pop();
    }
    cells
}

/// Whether `cells` are a table's header: no year, and the names of columns.
pub fn is_header(cells: &[Cell<'_>]) -> bool {
    const NAMES: [&str; 9] = [
        "year",
        "association",
        "award",
        "category",
        "recipient",
        "recipients",
        "nominee",
        "nominees",
        "result",
    ];
    !cells.iter().any(|c| year(c.text).is_some())
        && cells
            .iter()
            .any(|c| NAMES.contains(&c.text.to_lowercase().trim_end_matches("(s)")))
}

/// A row with its lost cells filled in from the rows above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuilt {
    /// The year, the row's own or the last one given.
    pub year: Option<u16>,
    /// The association, the row's own or the last one given.
    pub association: String,
    /// The category.
    pub category: String,
    /// The recipients' cell as written, empty when the row names none.
    pub recipients: String,
    /// A result cell's `Won` or `Nominated`, when the table has one.
    pub result: Option<AwardResult>,
    /// Whether the row's two cells were told apart by a guess.
    pub guessed: bool,
}

/// Why a row could not be rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowProblem {
    /// More cells than the row has columns; the index of the first one too many.
    TooManyCells(usize),
    /// No category: an empty row, or a year alone.
    Empty,
    /// A category before any association was given.
    NoAssociation,
}

/// Rebuilds the rows of a table, each given as its cells' texts (header left out).
pub fn rebuild(rows: &[Vec<&str>], known: &KnownNames) -> Vec<Result<Rebuilt, RowProblem>> {
    let mut year_above: Option<u16> = None;
    let mut association_above: Option<String> = None;
    let mut associations: Vec<String> = Vec::new();
    rows.iter()
        .map(|row| {
            // Empty cells at either end stand for nothing: a span above, or padding.
            let skipped = row.iter().take_while(|c| c.is_empty()).count();
            let mut cells: Vec<&str> = row[skipped..].to_vec();
            while cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            let result = cells.last().and_then(|c| result(c));
            let year = cells.first().and_then(|c| year(c));
            // A year first, then association, category and recipients, then a result.
            let columns = COLUMNS - 1 + usize::from(year.is_some()) + usize::from(result.is_some());
            if cells.len() > columns {
                return Err(RowProblem::TooManyCells(skipped + columns));
            }
            if result.is_some() {
                cells.pop();
            }
            if year.is_some() {
                year_above = year;
                cells.remove(0);
            }
            let cells: Vec<&str> = cells.into_iter().filter(|c| !c.is_empty()).collect();
            let (association, category, recipients, guessed) = match cells[..] {
                [] => return Err(RowProblem::Empty),
                [category] => (None, category, "", false),
                [first, second] => match association_first(first, second, &associations, known) {
                    (true, guessed) => (Some(first), second, "", guessed),
                    (false, guessed) => (None, first, second, guessed),
                },
                [association, category, recipients, ..] => {
                    (Some(association), category, recipients, false)
                }
            };
            if let Some(association) = association {
                association_above = Some(association.to_string());
                associations.push(association.to_string());
            }
            Ok(Rebuilt {
                year: year_above,
                association: association_above.clone().ok_or(RowProblem::NoAssociation)?,
                category: category.to_string(),
                recipients: recipients.to_string(),
                result,
                guessed,
            })
        })
        .collect()
}

/// Whether a row of two cells is (association, category) rather than (category,
/// recipients), and whether that was a guess.
fn association_first(
    first: &str,
    second: &str,
    associations: &[String],
    known: &KnownNames,
) -> (bool, bool) {
    // Before any association, the row must give one.
    if associations.is_empty() || associations.iter().any(|a| a == first) {
        return (true, false);
    }
    if looks_like_category(first) {
        return (false, false);
    }
    if looks_like_category(second) {
        return (true, false);
    }
    let split = split_names(second, known);
    if split.guessed.is_empty() && !split.names.is_empty() {
        return (false, false);
    }
    if looks_like_association(first) {
        return (true, false);
    }
    (!looks_like_names(second), true)
}

fn looks_like_category(cell: &str) -> bool {
    const OPENERS: [&str; 11] = [
        "Best",
        "Outstanding",
        "Excellence",
        "Favorite",
        "Favourite",
        "Most",
        "Top",
        "Choice",
        "Special",
        "Achievement",
        "Exceptional",
    ];
    cell.split_whitespace()
        .next()
        .is_some_and(|w| OPENERS.contains(&w))
}

fn looks_like_association(cell: &str) -> bool {
    const ENDINGS: [&str; 16] = [
        "Awards",
        "Award",
        "Association",
        "Society",
        "Guild",
        "Academy",
        "Festival",
        "Editors",
        "Critics",
        "Circle",
        "Institute",
        "Foundation",
        "Prize",
        "Prizes",
        "Emmys",
        "Council",
    ];
    let last = cell.split_whitespace().last().unwrap_or_default();
    ENDINGS.contains(&last) || (last.len() > 1 && last.chars().all(|c| c.is_ascii_uppercase()))
}

/// Capitalised words only, as a run of names is.
fn looks_like_names(cell: &str) -> bool {
    cell.split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn result(cell: &str) -> Option<AwardResult> {
    match cell.to_lowercase().as_str() {
        "won" | "winner" | "win" => Some(AwardResult::Won),
        "nominated" | "nominee" | "nomination" => Some(AwardResult::Nominated),
        _ => None,
    }
}

/// The award of a rebuilt row; its recipients split, and what the split guessed.
pub fn award(row: Rebuilt, known: &KnownNames, title: &str) -> (Award, Vec<String>) {
    let (recipients, guessed) = if row.recipients == title {
        (vec![title.to_string()], Vec::new())
    } else {
        let split = split_names(&row.recipients, known);
        (split.names, split.guessed)
    };
    let award = Award {
        year: row.year,
        association: row.association,
        category: row.category,
        recipients,
        result: row.result,
        note: None,
    };
    (award, guessed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownNames {
        KnownNames::new([
            "Allen Hughes",
            "Lasse Järvi",
            "Doug Pray",
            "The Defiant Ones",
        ])
    }

    /// The rows of `table` (one row a line, cells between `|`), rebuilt, as
    /// `year/association/category/recipients`, or the problem.
    fn rebuilt(table: &str) -> Vec<String> {
        let rows: Vec<Vec<&str>> = table
            .lines()
            .map(|l| {
                l.trim()
                    .trim_matches('|')
                    .split('|')
                    .map(str::trim)
                    .collect()
            })
            .collect();
        rebuild(&rows, &known())
            .into_iter()
            .map(|r| match r {
                Ok(r) => format!(
                    "{}/{}/{}/{}{}{}",
                    r.year.map_or("-".to_string(), |y| y.to_string()),
                    r.association,
                    r.category,
                    r.recipients,
                    r.result.map_or("", |r| match r {
                        AwardResult::Won => " won",
                        AwardResult::Nominated => " nominated",
                    }),
                    if r.guessed { " (guessed)" } else { "" }
                ),
                Err(problem) => format!("{problem:?}"),
            })
            .collect()
    }

    #[test]
    fn row_spans_are_rebuilt_from_the_rows_above() {
        let cases: [(&str, &[&str]); 8] = [
            (
                "| 2018 | American Cinema Editors | Best Edited Documentary |
                 | Primetime Emmy Awards | Outstanding Sound Editing | Jay Nierenberg Del Spiva |
                 | Outstanding Picture Editing | Lasse Järvi Doug Pray | |
                 | Motion Picture Sound Editors | Outstanding Achievement | |
                 | MTV Movie & TV Awards | Best Music Documentary | |",
                &[
                    "2018/American Cinema Editors/Best Edited Documentary/",
                    "2018/Primetime Emmy Awards/Outstanding Sound Editing/Jay Nierenberg Del Spiva",
                    "2018/Primetime Emmy Awards/Outstanding Picture Editing/Lasse Järvi Doug Pray",
                    "2018/Motion Picture Sound Editors/Outstanding Achievement/",
                    "2018/MTV Movie & TV Awards/Best Music Documentary/",
                ],
            ),
            (
                "| NAACP Image Awards | Documentary | The Defiant Ones |
                 | Directing in a Documentary | Allen Hughes | |",
                &[
                    "-/NAACP Image Awards/Documentary/The Defiant Ones",
                    "-/NAACP Image Awards/Directing in a Documentary/Allen Hughes",
                ],
            ),
            (
                "| 2019 | Peabody | Documentary | Allen Hughes | Won |
                 | 2020 | Picture | Nominated |",
                &[
                    "2019/Peabody/Documentary/Allen Hughes won",
                    "2020/Peabody/Picture/ nominated",
                ],
            ),
            (
                "| Gotham | Documentary |
                 | Gotham | Audience |",
                &["-/Gotham/Documentary/", "-/Gotham/Audience/"],
            ),
            (
                "| Gotham | Documentary |
                 | Audience | Zoë Ångström |",
                &[
                    "-/Gotham/Documentary/",
                    "-/Gotham/Audience/Zoë Ångström (guessed)",
                ],
            ),
            ("| Documentary |", &["NoAssociation"]),
            (
                "| 2018 | A | B | C | D |
                 | A | B | C | D |
                 | A | B | C | Won |
                 | | | |
                 | 2018 |",
                &[
                    "TooManyCells(4)",
                    "TooManyCells(3)",
                    "-/A/B/C won",
                    "Empty",
                    "Empty",
                ],
            ),
            (
                "| | Gotham | Documentary | Zoë Ångström |
                 | | | Audience | Zoë Ångström | X | Y |",
                &["-/Gotham/Documentary/Zoë Ångström", "TooManyCells(5)"],
            ),
        ];
        for (table, expected) in cases {
            assert_eq!(rebuilt(table), expected, "{table}");
        }
    }

    #[test]
    fn a_recipient_equal_to_the_title_stays_whole() {
        let row = Rebuilt {
            year: None,
            association: "IDA".into(),
            category: "Best Limited Series".into(),
            recipients: "The Defiant Ones".into(),
            result: None,
            guessed: false,
        };
        let (award, guessed) = award(row, &KnownNames::default(), "The Defiant Ones");
        assert_eq!(award.recipients, ["The Defiant Ones"]);
        assert!(guessed.is_empty());
    }
}
