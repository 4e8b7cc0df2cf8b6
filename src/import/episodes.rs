//! Episodes: the guide and one page per subsection of the episodes section, each with the
//! people of the site it names and its air date where the article states one.

use std::collections::HashSet;

use super::article::Section;
use super::dates;
use super::pages::{self, Body};
use super::site::{SiteBuilder, count, unique_slug};
use super::toml_text::TomlText;
use crate::date::Date;
use crate::error::{Diagnostic, Location};
use crate::slug::slugify;

impl<'a> SiteBuilder<'a> {
    /// `content/episodes/_index.md` and one page per subsection, in order.
    pub(super) fn episodes(&mut self, section: &Section<'a>) {
        if section.children.is_empty() {
            self.problems.push(
                Diagnostic::new(self.file, "the episodes section has no episodes")
                    .at(Location::in_source(
                        self.text,
                        section.heading.range_of(section.heading.trimmed()),
                    ))
                    .label("expected `===Part 1===` subsections below this heading")
                    .help("give each episode a subsection: `===Part 1===`, then its synopsis"),
            );
            return;
        }
        let dates = dates::air_dates(&self.prose, section.children.len());
        if dates.is_none() {
            self.notes.push(format!(
                "no air dates: the article does not state one for each of its {}",
                count(section.children.len(), "part")
            ));
        }
        let mut front = TomlText::default();
        front
            .string("title", section.title)
            .integer("weight", self.next_weight());
        let mut body = Body::default();
        body.lines(&section.lines);
        self.add_file(
            "content/episodes/_index.md".to_string(),
            &front.finish(),
            body,
            format!("{}, the episode guide", section.title),
        );
        let mut slugs = HashSet::new();
        for (i, part) in section.children.iter().enumerate() {
            let date = dates.as_ref().map(|d| d[i]);
            self.episode(part, i + 1, date, &mut slugs);
        }
    }

    fn episode(
        &mut self,
        part: &Section<'a>,
        number: usize,
        date: Option<Date>,
        slugs: &mut HashSet<String>,
    ) {
        let slug = match slugify(part.title) {
            slug if slug.is_empty() => unique_slug(&format!("Part {number}"), slugs),
            _ => unique_slug(part.title, slugs),
        };
        let featuring = self.known.found_in(&pages::all_text(part));
        let mut front = TomlText::default();
        front
            .string("title", part.title)
            .integer("weight", i64::try_from(number).unwrap_or(i64::MAX));
        if let Some(date) = date {
            front.date("date", date);
        }
        front.strings("featuring", &featuring);
        let mut body = Body::default();
        let children: Vec<&Section<'a>> = part.children.iter().collect();
        body.lines(&part.lines).sections(&children, 2);
        let mut what = part.title.to_string();
        if let Some(date) = date {
            what.push_str(&format!(", aired {date}"));
        }
        if !featuring.is_empty() {
            what.push_str(&format!(", featuring {}", featuring.join(", ")));
        }
        self.add_file(
            format!("content/episodes/{slug}.md"),
            &front.finish(),
            body,
            what,
        );
    }
}
