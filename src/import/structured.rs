//! Structured pages: reception (scores and quotes) and accolades (the awards table rebuilt
//! and completed by the prose), their data in front matter and their prose as the body.

use std::path::Path;

use super::accolades;
use super::article::{Kind, Line, Section, kind};
use super::awards_prose;
use super::pages::{self, Body};
use super::reception;
use super::site::{SiteBuilder, count, split_accolades};
use super::toml_text::TomlText;
use crate::content::{Aggregator, Award, AwardResult, Review, Verdict};
use crate::error::{Diagnostic, Location};

impl<'a> SiteBuilder<'a> {
    /// The reception page: scores and quotes in front matter, the prose as its body.
    pub(super) fn reception_page(&mut self, section: &Section<'a>) {
        let (accolades, rest) = split_accolades(section);
        let mut paragraphs = pages::paragraphs(&section.lines);
        paragraphs.extend(rest.iter().flat_map(|s| pages::all_paragraphs(s)));
        let reception = reception::read(&paragraphs);
        self.guesses.extend(reception.guesses);
        let (path, mut front) = self.menu_page(section.title);
        front.string("template", "reception.html");
        write_reception(&mut front, &reception.aggregators, &reception.reviews);
        let mut body = Body::default();
        body.lines(&section.lines).sections(&rest, 2);
        let what = format!(
            "{}, with {} and {} in front matter, and the prose",
            section.title,
            count(reception.aggregators.len(), "aggregator score"),
            count(reception.reviews.len(), "review"),
        );
        self.add_file(path, &front.finish(), body, what);
        for child in accolades {
            self.accolades_page(child);
        }
    }
}

fn write_reception(front: &mut TomlText, aggregators: &[Aggregator], reviews: &[Review]) {
    for aggregator in aggregators {
        front
            .array_table("aggregators")
            .string("name", &aggregator.name)
            .string("score", &aggregator.score);
        if let Some(count) = aggregator.count {
            front.integer("count", count);
        }
        front.optional("consensus", aggregator.consensus.as_deref());
    }
    for review in reviews {
        front
            .array_table("reviews")
            .string("critic", &review.critic)
            .string("publication", &review.publication);
        match &review.quote[..] {
            [one] => front.string("quote", one),
            many => front.strings("quote", many),
        };
        let verdict = review.verdict.map(|v| match v {
            Verdict::Positive => "positive",
            Verdict::Mixed => "mixed",
            Verdict::Negative => "negative",
        });
        front
            .optional("verdict", verdict)
            .optional("note", review.note.as_deref());
    }
}

impl<'a> SiteBuilder<'a> {
    /// The accolades page: the table's rows rebuilt, the prose's results and rows added,
    /// and the prose as its body.
    pub(super) fn accolades_page(&mut self, section: &Section<'a>) {
        let mut awards = Vec::new();
        let mut prose_lines = Vec::new();
        let mut table: Vec<Line<'a>> = Vec::new();
        let mut kept = Vec::new();
        for line in &section.lines {
            if kind(line.text) == Kind::Row {
                table.push(*line);
            } else {
                self.table(&mut table, &mut awards, &mut kept);
                prose_lines.push(*line);
            }
        }
        self.table(&mut table, &mut awards, &mut kept);
        let from_table = awards.len();
        let paragraphs = pages::paragraphs(&prose_lines);
        let claims = awards_prose::claims(&paragraphs, &self.known, &self.title);
        self.notes.extend(awards_prose::apply(&claims, &mut awards));
        let (path, mut front) = self.menu_page(section.title);
        write_awards(&mut front, &awards);
        let children: Vec<&Section<'a>> = section.children.iter().collect();
        let mut body = Body::default();
        body.lines(&prose_lines).sections(&children, 2);
        for line in &kept {
            body.unplaced(line);
        }
        let with_result = awards.iter().filter(|a| a.result.is_some()).count();
        let what = format!(
            "{}, with {} ({from_table} from the table, {} from the prose alone; {with_result} with a stated result), and the prose",
            section.title,
            count(awards.len(), "award"),
            awards.len() - from_table,
        );
        self.add_file(path, &front.finish(), body, what);
    }

    /// Rebuilds the table held in `table` into `awards`, and empties it. Rows that cannot
    /// be rebuilt go to `kept`; a row with too many cells is an error.
    fn table(
        &mut self,
        table: &mut Vec<Line<'a>>,
        awards: &mut Vec<Award>,
        kept: &mut Vec<Line<'a>>,
    ) {
        let lines = std::mem::take(table);
        let mut rows: Vec<(Line<'a>, Vec<accolades::Cell<'a>>)> =
            lines.iter().map(|l| (*l, accolades::cells(l))).collect();
        if rows
            .first()
            .is_some_and(|(_, cells)| accolades::is_header(cells))
        {
            rows.remove(0);
        }
        let texts: Vec<Vec<&str>> = rows
            .iter()
            .map(|(_, cells)| cells.iter().map(|c| c.text).collect())
            .collect();
        let rebuilt = accolades::rebuild(&texts, &self.known);
        for ((line, cells), row) in rows.iter().zip(rebuilt) {
            match row {
                Ok(row) => {
                    if row.guessed {
                        self.guesses.push(format!(
                            "line {}: which of `{}` is the association and which the category",
                            line.number,
                            line.trimmed()
                        ));
                    }
                    let cell = row.recipients.clone();
                    let (award, guessed) = accolades::award(row, &self.known, &self.title);
                    if !guessed.is_empty() {
                        self.guesses.push(format!(
                            "line {}: recipients `{cell}` split as {}",
                            line.number,
                            award.recipients.join(" | ")
                        ));
                    }
                    awards.push(award);
                }
                Err(accolades::RowProblem::TooManyCells(extra)) => {
                    self.problems
                        .push(too_many_cells(self.text, self.file, cells, extra));
                }
                Err(_) => kept.push(*line),
            }
        }
    }
}

fn too_many_cells(
    text: &str,
    file: &Path,
    cells: &[accolades::Cell<'_>],
    first_extra: usize,
) -> Diagnostic {
    let start = cells[first_extra].range.start;
    let end = cells.last().map_or(start, |c| c.range.end);
    let skipped = cells.iter().take_while(|c| c.text.is_empty()).count();
    let (count, extra) = (cells.len() - skipped, cells.len() - first_extra);
    Diagnostic::new(
        file,
        format!("table row has {count} cells, {extra} too many"),
    )
    .at(Location::in_source(text, start..end))
    .label(if extra == 1 {
        "no column for this cell"
    } else {
        "no column for these cells"
    })
    .help(
        "an awards row is `| year | association | category | recipients |`, then a result \
         (`Won`, `Nominated`) if any; the year and the association may be left out where \
         the row above gives them",
    )
}

fn write_awards(front: &mut TomlText, awards: &[Award]) {
    for award in awards {
        front.array_table("awards");
        if let Some(year) = award.year {
            front.integer("year", year);
        }
        front
            .string("association", &award.association)
            .string("category", &award.category)
            .strings("recipients", &award.recipients);
        let result = award.result.map(|r| match r {
            AwardResult::Won => "won",
            AwardResult::Nominated => "nominated",
        });
        front
            .optional("result", result)
            .optional("note", award.note.as_deref());
    }
}
