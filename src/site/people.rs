//! The people graph: everyone the site names, in the cast, the credits, an award or a
//! page's `featuring`, found by slug, with every role they hold.

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::content::Document;
use crate::error::{Diagnostic, Diagnostics, Location};
use crate::slug::slugify;

use super::routes::person_path;
use super::{CastPart, MAX_LOCATED_PER_FILE, PageId, Person, PersonId};

/// Everyone the site names, found by slug.
#[derive(Default)]
pub(super) struct PeopleGraph {
    pub(super) people: Vec<Person>,
    pub(super) by_slug: FxHashMap<String, PersonId>,
    /// Person → how often the site names them, and where first.
    mentions: Vec<(u32, Mention)>,
}

/// Where a person is named.
#[derive(Debug, Clone, Copy)]
enum Mention {
    /// In `site.toml`'s cast or credits.
    Config,
    /// In a page's `featuring`, at `span` of its front matter.
    Featuring(PageId, Span),
    /// Among the recipients of an award of a page.
    Award(PageId),
    /// Not named anywhere: the title of their own text.
    Nowhere,
}

/// A byte range of a front matter, as TOML spans are.
type Span = (usize, usize);

impl PeopleGraph {
    /// The graph of the people `site.toml` names: the cast, then the credits.
    pub(super) fn of_series(config: &Config) -> PeopleGraph {
        let mut graph = PeopleGraph::default();
        for member in &config.series.cast {
            graph
                .get_or_add(&member.name, Mention::Config)
                .cast
                .push(CastPart {
                    role: member.role.clone(),
                    reenactment: member.reenactment,
                });
        }
        for (role, names) in &config.series.credits {
            for name in names {
                let person = graph.get_or_add(name, Mention::Config);
                if !person.credits.contains(role) {
                    person.credits.push(role.clone());
                }
            }
        }
        graph
    }

    fn get_or_add(&mut self, name: &str, mention: Mention) -> &mut Person {
        let id = self.id_of(name, slugify(name), mention);
        &mut self.people[id]
    }

    /// The person of that name and slug, added the first time the slug is met, and named
    /// once more where `mention` says.
    fn id_of(&mut self, name: &str, slug: String, mention: Mention) -> PersonId {
        if let Some(&id) = self.by_slug.get(&slug) {
            if !matches!(mention, Mention::Nowhere) {
                self.mentions[id].0 += 1;
            }
            return id;
        }
        self.people.push(Person {
            name: name.trim().to_string(),
            path: person_path(&slug),
            slug: slug.clone(),
            ..Person::default()
        });
        let count = u32::from(!matches!(mention, Mention::Nowhere));
        self.mentions.push((count, mention));
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
            let span = name.span();
            let id = self.id_of(
                name.get_ref(),
                slug,
                Mention::Featuring(page, (span.start, span.end)),
            );
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
                    let mention = Mention::Award(page);
                    self.get_or_add(recipient, mention)
                        .awards
                        .push((page, index));
                }
            }
        }
    }

    /// Makes sure the person of `content/people/<slug>.md` exists: the file name decides
    /// the page, and the title gives the name of someone the site does not name elsewhere.
    pub(super) fn add_text_owner(&mut self, slug: &str, title: &str) {
        self.id_of(title, slug.to_string(), Mention::Nowhere);
    }

    /// Warnings for names that are probably misspelt: named once in the whole site,
    /// without a text of their own in `content/people/`, and one letter or a middle initial
    /// away from someone else. `has_text` says who has such a text.
    pub(super) fn misspelt_names(
        &self,
        config: &Config,
        documents: &[Option<Document>],
        has_text: impl Fn(&str) -> bool,
    ) -> Vec<Diagnostic> {
        let lonely: Vec<PersonId> = (0..self.people.len())
            .filter(|&id| self.mentions[id].0 == 1 && !has_text(&self.people[id].slug))
            .collect();
        if lonely.is_empty() {
            return Vec::new();
        }
        let near = NearNames::of(&self.people);
        lonely
            .into_iter()
            .filter_map(|id| {
                let other = near.nearest(id, &self.people[id].slug)?;
                // Of two names each named once, the later one is taken for the slip.
                let other_is_known = self.mentions[other].0 > 1 || other < id;
                other_is_known.then(|| self.misspelt(id, other, config, documents))?
            })
            .collect()
    }

    /// The warning that `id`'s name may be `other`'s, misspelt, at the one place it is
    /// named.
    fn misspelt(
        &self,
        id: PersonId,
        other: PersonId,
        config: &Config,
        documents: &[Option<Document>],
    ) -> Option<Diagnostic> {
        let (name, meant) = (&self.people[id].name, &self.people[other].name);
        let message = format!("`{name}` is named only here");
        let help = format!(
            "did you mean `{meant}`? If it is someone else, give them a page, \
             `content/people/{}.md`, and this warning goes",
            self.people[id].slug
        );
        let quoted = format!("{name:?}");
        let diagnostic = match self.mentions[id].1 {
            Mention::Config => {
                let at = config.source.find(&quoted)?;
                Diagnostic::warning(crate::config::CONFIG_FILE, message)
                    .at(Location::in_source(&config.source, at..at + quoted.len()))
            }
            Mention::Featuring(page, (start, end)) => {
                let document = documents[page].as_ref()?;
                Diagnostic::warning(&document.file, message).at(document.front_location(start..end))
            }
            Mention::Award(page) => {
                let document = documents[page].as_ref()?;
                let front = &document.text[document.front_matter.clone()];
                let at = front.find(&quoted)?;
                Diagnostic::warning(&document.file, message)
                    .at(document.front_location(at..at + quoted.len()))
            }
            Mention::Nowhere => return None,
        };
        Some(diagnostic.label(format!("close to `{meant}`")).help(help))
    }
}

/// The people's slugs, found by every variant one letter shorter and without middle
/// initials: two slugs one edit apart (a letter left out, added, changed or two swapped)
/// share such a variant.
struct NearNames {
    variants: FxHashMap<String, Vec<PersonId>>,
}

impl NearNames {
    fn of(people: &[Person]) -> NearNames {
        let mut variants: FxHashMap<String, Vec<PersonId>> = FxHashMap::default();
        for (id, person) in people.iter().enumerate() {
            for variant in slug_variants(&person.slug) {
                let ids = variants.entry(variant).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
        }
        NearNames { variants }
    }

    /// The person other than `id` nearest to `slug`, if one is near.
    fn nearest(&self, id: PersonId, slug: &str) -> Option<PersonId> {
        slug_variants(slug)
            .iter()
            .filter_map(|variant| self.variants.get(variant))
            .flatten()
            .copied()
            .find(|&other| other != id)
    }
}

/// `slug` itself, every slug one letter shorter, and the slug without its one-letter
/// words (a middle initial: `andrew-a-kosove` → `andrew-kosove`).
fn slug_variants(slug: &str) -> Vec<String> {
    let mut variants = vec![slug.to_string()];
    for (at, c) in slug.char_indices() {
        let mut shorter = String::with_capacity(slug.len());
        shorter.push_str(&slug[..at]);
        shorter.push_str(&slug[at + c.len_utf8()..]);
        variants.push(shorter);
    }
    let words: Vec<&str> = slug.split('-').filter(|w| w.len() > 1).collect();
    if words.len() >= 2 && words.len() < slug.split('-').count() {
        variants.push(words.join("-"));
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_one_edit_or_a_middle_initial_apart_share_a_variant() {
        let shared = |a: &str, b: &str| {
            let b = slug_variants(b);
            slug_variants(a).iter().any(|v| b.contains(v))
        };
        for (a, b) in [
            ("jimmy-iovine", "jimmy-iovne"),
            ("jimmy-iovine", "jimmy-iovinee"),
            ("jimmy-iovine", "jimmy-iovime"),
            ("jimmy-iovine", "jimmy-ioivne"),
            ("andrew-a-kosove", "andrew-kosove"),
        ] {
            assert!(shared(a, b), "{a} ~ {b}");
        }
        for (a, b) in [("allen-hughes", "albert-hughes"), ("dr-dre", "ice-cube")] {
            assert!(!shared(a, b), "{a} !~ {b}");
        }
    }
}
