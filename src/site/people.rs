//! The people graph: everyone the site names, in the cast, the credits, an award or a
//! page's `featuring`, found by slug, with every role they hold.

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::content::Document;
use crate::error::{Diagnostic, Diagnostics};
use crate::slug::slugify;

use super::routes::person_path;
use super::{CastPart, MAX_LOCATED_PER_FILE, PageId, Person, PersonId};

/// Everyone the site names, found by slug.
#[derive(Default)]
pub(super) struct PeopleGraph {
    pub(super) people: Vec<Person>,
    pub(super) by_slug: FxHashMap<String, PersonId>,
}

impl PeopleGraph {
    /// The graph of the people `site.toml` names: the cast, then the credits.
    pub(super) fn of_series(config: &Config) -> PeopleGraph {
        let mut graph = PeopleGraph::default();
        for member in &config.series.cast {
            graph.get_or_add(&member.name).cast.push(CastPart {
                role: member.role.clone(),
                reenactment: member.reenactment,
            });
        }
        for (role, names) in &config.series.credits {
            for name in names {
                let person = graph.get_or_add(name);
                if !person.credits.contains(role) {
                    person.credits.push(role.clone());
                }
            }
        }
        graph
    }

    fn get_or_add(&mut self, name: &str) -> &mut Person {
        let id = self.id_of(name, slugify(name));
        &mut self.people[id]
    }

    /// The person of that name and slug, added the first time the slug is met.
    fn id_of(&mut self, name: &str, slug: String) -> PersonId {
        if let Some(&id) = self.by_slug.get(&slug) {
            return id;
        }
        self.people.push(Person {
            name: name.trim().to_string(),
            path: person_path(&slug),
            slug: slug.clone(),
            ..Person::default()
        });
        self.by_slug.insert(slug, self.people.len() - 1);
        self.people.len() - 1
    }

    /// The person of that slug, who must have been added.
    pub(super) fn get_mut(&mut self, slug: &str) -> &mut Person {
        let id = self.by_slug[slug];
        &mut self.people[id]
    }

    /// Adds the people of a page's `featuring`, whose slugs are `slugs`, in order.
    pub(super) fn add_featuring(
        &mut self,
        page: PageId,
        document: &Document,
        slugs: Vec<String>,
        diagnostics: &mut Diagnostics,
    ) -> Vec<PersonId> {
        let mut featuring = Vec::new();
        let mut nameless = 0;
        for (name, slug) in document.front.featuring.iter().zip(slugs) {
            if slug.is_empty() {
                nameless += 1;
                if nameless <= MAX_LOCATED_PER_FILE {
                    diagnostics.push(
                        Diagnostic::new(
                            &document.file,
                            "a name in `featuring` has no letters or digits",
                        )
                        .at(document.front_location(name.span())),
                    );
                }
                continue;
            }
            let id = self.id_of(name.get_ref(), slug);
            let person = &mut self.people[id];
            // Pages are added in order: a person already met on this page has it last,
            // which keeps a page naming thousands of people linear without a set.
            if person.featured_in.last() != Some(&page) {
                person.featured_in.push(page);
                featuring.push(id);
            }
        }
        if nameless > MAX_LOCATED_PER_FILE {
            diagnostics.push(Diagnostic::new(
                &document.file,
                format!(
                    "{} more names in `featuring` have no letters or digits",
                    nameless - MAX_LOCATED_PER_FILE
                ),
            ));
        }
        featuring
    }

    /// Adds the recipients of the awards a page lists, but the series itself, whose title
    /// links to the home page.
    pub(super) fn add_awards(&mut self, page: PageId, document: &Document, series_title: &str) {
        for (index, award) in document.front.awards.iter().enumerate() {
            for recipient in &award.recipients {
                if recipient != series_title && !slugify(recipient).is_empty() {
                    self.get_or_add(recipient).awards.push((page, index));
                }
            }
        }
    }

    /// Makes sure the person of `content/people/<slug>.md` exists: the file name decides
    /// the page, and the title gives the name of someone the site does not name elsewhere.
    pub(super) fn add_text_owner(&mut self, slug: &str, title: &str) {
        self.id_of(title, slug.to_string());
    }
}
