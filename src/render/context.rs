//! What templates see: one serializable struct per page kind, borrowed from the [`Site`].

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use crate::content::{Aggregator, Award, AwardResult, Review};
use crate::date::DateView;
use crate::render::structured_data;
use crate::site::{Page, PageId, PageKind, Person, PersonId, Site};

/// A link to a page or person: enough to write `<a href="{{ url }}">{{ title }}</a>`.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView<'a> {
    /// The page's title or the person's name.
    pub title: &'a str,
    /// Root-relative URL: `/the-defiant-ones/episodes/part-1/`.
    pub url: Cow<'a, str>,
    /// The page's date, for episodes.
    pub date: Option<&'a DateView>,
    /// The page's description, or the start of its text.
    pub description: Option<&'a str>,
}

impl<'a> LinkView<'a> {
    /// A link to a page.
    pub fn page(site: &'a Site, id: PageId) -> LinkView<'a> {
        let page = &site.pages[id];
        LinkView {
            title: &page.front.title,
            url: Cow::Borrowed(&page.url),
            date: page.date.as_ref(),
            description: None,
        }
    }

    /// A link to a page with its description, for lists of pages.
    pub fn card(site: &'a Site, id: PageId) -> LinkView<'a> {
        LinkView {
            description: Some(&site.pages[id].summary),
            ..LinkView::page(site, id)
        }
    }

    /// A link to a person.
    pub fn person(person: &'a Person) -> LinkView<'a> {
        LinkView {
            title: &person.name,
            url: Cow::Borrowed(&person.url),
            date: None,
            description: None,
        }
    }
}

/// Data every template gets as `site`, serialized once per build.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// `site.toml`'s title.
    pub title: &'a str,
    /// `site.toml`'s description.
    pub description: &'a str,
    /// The language tag, for `<html lang>`.
    pub language: &'a str,
    /// `base_url`, ending with `/`.
    pub base_url: &'a str,
    /// The path of `base_url`, for root-relative links: `/the-defiant-ones/`.
    pub base_path: &'a str,
    /// The home page, the top-level pages and sections, and the people index, in menu
    /// order (weight, then title).
    pub menu: Vec<LinkView<'a>>,
    /// The infobox and credits.
    pub series: SeriesView<'a>,
    /// `[extra]` of `site.toml`.
    pub extra: &'a toml::Table,
}

/// The infobox, with every person linked.
#[derive(Debug, Serialize)]
pub struct SeriesView<'a> {
    /// Genre.
    pub genre: Option<&'a str>,
    /// Country.
    pub country: Option<&'a str>,
    /// Language.
    pub language: Option<&'a str>,
    /// Number of seasons.
    pub seasons: Option<u32>,
    /// Number of episodes.
    pub episodes: Option<u32>,
    /// Runtime, as written.
    pub runtime: Option<&'a str>,
    /// Channel.
    pub channel: Option<&'a str>,
    /// First air date.
    pub first_aired: Option<DateView>,
    /// Production companies.
    pub companies: &'a [String],
    /// Each credit role with its people, in `site.toml` order.
    pub credits: Vec<CreditView<'a>>,
    /// The cast as themselves.
    pub cast: Vec<CastView<'a>>,
    /// The cast in reenactments.
    pub reenactments: Vec<CastView<'a>>,
}

/// One credit role and who holds it.
#[derive(Debug, Serialize)]
pub struct CreditView<'a> {
    /// The key in `site.toml`: `director`.
    pub role: &'a str,
    /// The role for reading: `Director`.
    pub label: String,
    /// The people credited.
    pub people: Vec<LinkView<'a>>,
}

/// One member of the cast.
#[derive(Debug, Serialize)]
pub struct CastView<'a> {
    /// The person.
    pub person: LinkView<'a>,
    /// The part, when not themselves.
    pub role: Option<&'a str>,
}

/// A page as its own template sees it.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// `home`, `section` or `page`.
    pub kind: &'static str,
    /// Title.
    pub title: &'a str,
    /// The meta description: the page's own, or the start of its text.
    pub description: &'a str,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL, for canonical links.
    pub permalink: String,
    /// The rendered Markdown body, to print with `| safe`.
    pub content: &'a str,
    /// The date, for episodes.
    pub date: Option<&'a DateView>,
    /// The weight.
    pub weight: Option<i64>,
    /// The section this page belongs to, as a [`LinkView`].
    pub section: Option<Value>,
    /// The page before, in its section, as a [`LinkView`].
    pub previous: Option<Value>,
    /// The page after, in its section, as a [`LinkView`].
    pub next: Option<Value>,
    /// People featured, as [`LinkView`]s.
    pub featuring: Vec<Value>,
    /// Awards, with recipients linked.
    pub awards: Vec<AwardView<'a>>,
    /// Aggregator scores.
    pub aggregators: &'a [Aggregator],
    /// Critics' reviews.
    pub reviews: &'a [Review],
    /// `[extra]` of the front matter.
    pub extra: &'a toml::Table,
    /// schema.org JSON-LD for the page, to print with `| safe` in a
    /// `<script type="application/ld+json">` element.
    pub json_ld: String,
}

/// One award or nomination.
#[derive(Debug, Serialize)]
pub struct AwardView<'a> {
    /// Year, when known.
    pub year: Option<u16>,
    /// Awarding body.
    pub association: &'a str,
    /// Category.
    pub category: &'a str,
    /// `won`, `nominated` or none.
    pub result: Option<AwardResult>,
    /// A remark on the row.
    pub note: Option<&'a str>,
    /// Recipients, each linked to their page.
    pub recipients: Vec<LinkView<'a>>,
    /// The id of the award's row on the page that lists it: `award-3`.
    pub anchor: String,
    /// The page that lists the award, and the row's anchor on it.
    pub url: String,
}

/// The context of a home, section or regular page.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    /// The page.
    pub page: PageView<'a>,
    /// For a section, its pages in order, as [`LinkView`]s with descriptions.
    pub pages: Value,
    /// For the home page: the sections with their pages.
    pub sections: Vec<SectionView>,
}

/// A section and its pages, for the home page.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// The section's own [`LinkView`].
    pub section: Value,
    /// Its pages in order, as [`LinkView`]s with descriptions.
    pub pages: Value,
}

/// The context of a person page.
#[derive(Debug, Serialize)]
pub struct PersonContext<'a> {
    /// The page's title, description and URLs, as every template has them.
    pub page: SimplePageView<'a>,
    /// The person.
    pub person: PersonView<'a>,
}

/// A person, with every role.
#[derive(Debug, Serialize)]
pub struct PersonView<'a> {
    /// The name.
    pub name: &'a str,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// A meta description made of the roles.
    pub description: String,
    /// Text from `content/people/<slug>.md`, rendered.
    pub content: &'a str,
    /// Parts in the cast; `role` is none when appearing as themselves.
    pub cast: Vec<CastPartView<'a>>,
    /// Credit roles, for reading: `Director`, `Writer`.
    pub credits: Vec<String>,
    /// Pages featuring them, as [`LinkView`]s.
    pub featured_in: Vec<Value>,
    /// Awards and nominations.
    pub awards: Vec<AwardView<'a>>,
    /// `[extra]` of their text's front matter.
    pub extra: Option<&'a toml::Table>,
}

/// One part in the cast.
#[derive(Debug, Serialize)]
pub struct CastPartView<'a> {
    /// The part, or none as themselves.
    pub role: Option<&'a str>,
    /// Whether in a reenactment.
    pub reenactment: bool,
}

/// The context of the people index.
#[derive(Debug, Serialize)]
pub struct PeopleContext<'a> {
    /// The index's own title, description and text.
    pub page: SimplePageView<'a>,
    /// Everyone, by name, with a summary of their roles.
    pub people: Vec<PersonSummary>,
}

/// The context of the search page.
#[derive(Debug, Serialize)]
pub struct SearchContext<'a> {
    /// The page's title, description and URLs.
    pub page: SimplePageView<'a>,
    /// Every page, in file order, for the list shown without JavaScript, as
    /// [`LinkView`]s.
    pub pages: Value,
    /// Everyone, by name, as [`LinkView`]s.
    pub people: Vec<Value>,
}

/// A generated page: the people index, the 404 page.
#[derive(Debug, Serialize)]
pub struct SimplePageView<'a> {
    /// Title.
    pub title: &'a str,
    /// Meta description.
    pub description: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Rendered text.
    pub content: &'a str,
    /// schema.org JSON-LD for the page.
    pub json_ld: String,
}

/// A person in the index.
#[derive(Debug, Serialize)]
pub struct PersonSummary {
    /// The [`LinkView`] of their page.
    pub person: Value,
    /// Their roles for reading: `Cast`, `Director`, `Award winner`.
    pub roles: Vec<String>,
}

/// The context of the feeds and the sitemap.
#[derive(Debug, Serialize)]
pub struct FeedContext<'a> {
    /// Every URL of the site, absolute, with the date when the page has one.
    pub entries: Vec<FeedEntry<'a>>,
    /// The newest date of the entries, for the feed's `updated`.
    pub updated: Option<String>,
    /// Absolute URL of the feed itself.
    pub feed_url: String,
}

/// One URL in a feed or the sitemap.
#[derive(Debug, Serialize)]
pub struct FeedEntry<'a> {
    /// Title.
    pub title: &'a str,
    /// Absolute URL.
    pub permalink: String,
    /// Summary.
    pub description: &'a str,
    /// RFC 3339 date.
    pub date: Option<String>,
}

/// The links every page may show, made into template values once per build: a page
/// that shows one, or ten thousand, shares them instead of serializing its own.
pub struct Links {
    /// Page id → its [`LinkView`].
    pages: Vec<Value>,
    /// Page id → for a section, the cards of its pages in order; an empty list otherwise.
    section_cards: Vec<Value>,
    /// Every page's link, in page order.
    all_pages: Value,
    /// Person index → their [`LinkView`].
    people: Vec<Value>,
    /// Everyone's index, in the order of their slugs: the people index and the search
    /// page list them so.
    people_by_slug: Vec<PersonId>,
}

impl Links {
    /// The links of `site`, made in parallel.
    pub fn new(site: &Site) -> Links {
        let pages: Vec<Value> = (0..site.pages.len())
            .into_par_iter()
            .map(|id| Value::from_serializable(&LinkView::page(site, id)))
            .collect();
        let cards: Vec<Value> = (0..site.pages.len())
            .into_par_iter()
            .map(|id| Value::from_serializable(&LinkView::card(site, id)))
            .collect();
        // Pages that list none (all but sections) share one empty list.
        let nothing = Value::from(Vec::<Value>::new());
        let section_cards = site
            .pages
            .iter()
            .map(|page| match page.pages.as_slice() {
                [] => nothing.clone(),
                ids => Value::from(ids.iter().map(|&id| cards[id].clone()).collect::<Vec<_>>()),
            })
            .collect();
        let people = site
            .people
            .par_iter()
            .map(|person| Value::from_serializable(&LinkView::person(person)))
            .collect();
        let mut people_by_slug: Vec<PersonId> = (0..site.people.len()).collect();
        people_by_slug.sort_by(|&a, &b| site.people[a].slug.cmp(&site.people[b].slug));
        Links {
            people_by_slug,
            all_pages: Value::from(pages.clone()),
            pages,
            section_cards,
            people,
        }
    }
}

/// Makes views of a linked site.
pub struct Views<'a> {
    site: &'a Site,
    links: &'a Links,
}

impl<'a> Views<'a> {
    /// Views of `site`, sharing the prebuilt `links`.
    pub fn new(site: &'a Site, links: &'a Links) -> Self {
        Views { site, links }
    }

    fn page_value(&self, id: PageId) -> Value {
        self.links.pages[id].clone()
    }

    fn name_link(&self, name: &'a str) -> LinkView<'a> {
        let url = if name == self.site.config.title {
            self.site.url("")
        } else {
            self.site
                .person_by_name(name)
                .map_or_else(|| self.site.url(""), |p| self.site.url(&p.path))
        };
        LinkView {
            title: name,
            url: Cow::Owned(url),
            date: None,
            description: None,
        }
    }

    /// The `site` variable.
    pub fn site(&self) -> SiteView<'a> {
        let site = self.site;
        let config = &site.config;
        let series = &config.series;
        let cast_view = |member: &'a crate::config::CastMember| CastView {
            person: self.name_link(&member.name),
            role: member.role.as_deref(),
        };
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: &config.base_url,
            base_path: config.base_path(),
            menu: self.menu(),
            series: SeriesView {
                genre: series.genre.as_deref(),
                country: series.country.as_deref(),
                language: series.language.as_deref(),
                seasons: series.seasons,
                episodes: series.episodes,
                runtime: series.runtime.as_deref(),
                channel: series.channel.as_deref(),
                first_aired: series.first_aired.map(DateView::from),
                companies: &series.companies,
                credits: series
                    .credits
                    .iter()
                    .map(|(role, names)| CreditView {
                        role,
                        label: role_label(role),
                        people: names.iter().map(|n| self.name_link(n)).collect(),
                    })
                    .collect(),
                cast: series
                    .cast
                    .iter()
                    .filter(|m| !m.reenactment)
                    .map(cast_view)
                    .collect(),
                reenactments: series
                    .cast
                    .iter()
                    .filter(|m| m.reenactment)
                    .map(cast_view)
                    .collect(),
            },
            extra: &config.extra,
        }
    }

    fn menu(&self) -> Vec<LinkView<'a>> {
        let site = self.site;
        let mut top: Vec<(Option<i64>, PageId)> = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, page)| match page.kind {
                PageKind::Home => false,
                PageKind::Section => true,
                PageKind::Page => page.section.is_none() && page.path.matches('/').count() == 1,
            })
            .map(|(id, page)| (page.front.weight, id))
            .collect();
        top.sort_by_key(|&(weight, id)| (weight.is_none(), weight, id));
        let mut menu = vec![LinkView {
            title: "Home",
            ..LinkView::page(self.site, 0)
        }];
        menu.extend(top.into_iter().map(|(_, id)| LinkView::page(site, id)));
        menu.push(LinkView {
            title: &site.people_index.title,
            url: Cow::Owned(site.url(&format!("{}/", crate::site::PEOPLE_DIR))),
            date: None,
            description: None,
        });
        menu
    }

    /// The view of a page.
    pub fn page(&self, id: PageId) -> PageView<'a> {
        let site = self.site;
        let page: &'a Page = &site.pages[id];
        PageView {
            kind: match page.kind {
                PageKind::Home => "home",
                PageKind::Section => "section",
                PageKind::Page => "page",
            },
            title: &page.front.title,
            description: &page.summary,
            url: page.url.clone(),
            permalink: site.permalink(&page.path),
            content: &page.content,
            date: page.date.as_ref(),
            weight: page.front.weight,
            section: page.section.map(|s| self.page_value(s)),
            previous: page.previous.map(|p| self.page_value(p)),
            next: page.next.map(|p| self.page_value(p)),
            featuring: page
                .featuring
                .iter()
                .map(|&p| self.links.people[p].clone())
                .collect(),
            awards: page
                .front
                .awards
                .iter()
                .enumerate()
                .map(|(index, award)| self.award(id, index, award))
                .collect(),
            aggregators: &page.front.aggregators,
            reviews: &page.front.reviews,
            extra: &page.front.extra,
            json_ld: structured_data::for_page(site, id),
        }
    }

    fn award(&self, page: PageId, index: usize, award: &'a Award) -> AwardView<'a> {
        let anchor = award_anchor(index);
        AwardView {
            year: award.year,
            association: &award.association,
            category: &award.category,
            result: award.result,
            note: award.note.as_deref(),
            recipients: award.recipients.iter().map(|n| self.name_link(n)).collect(),
            url: format!("{}#{anchor}", self.site.pages[page].url),
            anchor,
        }
    }

    /// The context of a home, section or regular page.
    pub fn page_context(&self, id: PageId) -> PageContext<'a> {
        let site = self.site;
        let page = &site.pages[id];
        let sections = if page.kind == PageKind::Home {
            site.pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.kind == PageKind::Section)
                .map(|(section, _)| SectionView {
                    section: self.page_value(section),
                    pages: self.links.section_cards[section].clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        PageContext {
            page: self.page(id),
            pages: self.links.section_cards[id].clone(),
            sections,
        }
    }

    /// The context of a person page.
    pub fn person_context(&self, person: &'a Person) -> PersonContext<'a> {
        let site = self.site;
        let credits: Vec<String> = person.credits.iter().map(|r| role_label(r)).collect();
        let description = person
            .text
            .as_ref()
            .and_then(|t| t.front.description.clone())
            .unwrap_or_else(|| person_description(site, person));
        let content = person.text.as_ref().map_or("", |t| t.content.as_str());
        PersonContext {
            page: SimplePageView {
                title: &person.name,
                description: description.clone(),
                url: site.url(&person.path),
                permalink: site.permalink(&person.path),
                content,
                json_ld: structured_data::for_person(site, person),
            },
            person: PersonView {
                name: &person.name,
                url: site.url(&person.path),
                permalink: site.permalink(&person.path),
                description,
                content,
                cast: person
                    .cast
                    .iter()
                    .map(|part| CastPartView {
                        role: part.role.as_deref(),
                        reenactment: part.reenactment,
                    })
                    .collect(),
                credits,
                featured_in: person
                    .featured_in
                    .iter()
                    .map(|&p| self.page_value(p))
                    .collect(),
                awards: person
                    .awards
                    .iter()
                    .map(|&(page, index)| {
                        self.award(page, index, &site.pages[page].front.awards[index])
                    })
                    .collect(),
                extra: person.text.as_ref().map(|t| &t.front.extra),
            },
        }
    }

    /// The context of the search page.
    pub fn search_context(&self) -> SearchContext<'a> {
        let site = self.site;
        let path = crate::render::SEARCH_PATH;
        SearchContext {
            page: SimplePageView {
                title: "Search",
                description: format!(
                    "Search every page of {}: episodes, people, awards and reviews.",
                    site.config.title
                ),
                url: site.url(path),
                permalink: site.permalink(path),
                content: "",
                json_ld: structured_data::for_generated(site, "Search", path),
            },
            pages: self.links.all_pages.clone(),
            people: self
                .links
                .people_by_slug
                .iter()
                .map(|&i| self.links.people[i].clone())
                .collect(),
        }
    }

    /// The context of the people index.
    pub fn people_context(&self) -> PeopleContext<'a> {
        let site = self.site;
        let path = format!("{}/", crate::site::PEOPLE_DIR);
        PeopleContext {
            page: SimplePageView {
                title: &site.people_index.title,
                description: people_index_description(site),
                url: site.url(&path),
                permalink: site.permalink(&path),
                content: &site.people_index.content,
                json_ld: structured_data::for_generated(site, &site.people_index.title, &path),
            },
            people: self
                .links
                .people_by_slug
                .iter()
                .map(|&i| PersonSummary {
                    person: self.links.people[i].clone(),
                    roles: person_roles(site, &site.people[i]),
                })
                .collect(),
        }
    }
}

/// The people index's description: its own, or one made of the site's title.
pub fn people_index_description(site: &Site) -> String {
    site.people_index.description.clone().unwrap_or_else(|| {
        format!(
            "Everyone in {}: cast, crew and award nominees.",
            site.config.title
        )
    })
}

/// The anchor of the `index`th award row on its page.
pub fn award_anchor(index: usize) -> String {
    format!("award-{}", index + 1)
}

/// A credit key for reading: `director` → `Director`, `sound_editor` → `Sound editor`.
pub fn role_label(role: &str) -> String {
    let spaced = role.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn person_roles(site: &Site, person: &Person) -> Vec<String> {
    let mut roles = Vec::new();
    if person.cast.iter().any(|c| !c.reenactment) {
        roles.push("Cast".to_string());
    }
    if person.cast.iter().any(|c| c.reenactment) {
        roles.push("Reenactment cast".to_string());
    }
    roles.extend(person.credits.iter().map(|r| role_label(r)));
    let won = person.awards.iter().any(|&(page, index)| {
        site.pages[page].front.awards[index].result == Some(AwardResult::Won)
    });
    if won {
        roles.push("Award winner".to_string());
    } else if !person.awards.is_empty() {
        roles.push("Award nominee".to_string());
    }
    if roles.is_empty() && !person.featured_in.is_empty() {
        roles.push("Featured".to_string());
    }
    roles
}

/// What a person's page says of them when their text has no description.
pub fn person_description(site: &Site, person: &Person) -> String {
    let series = &site.config.title;
    let roles = person_roles(site, person);
    if roles.is_empty() {
        format!("{} in {series}.", person.name)
    } else {
        format!("{} in {series}: {}.", person.name, roles.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_labels_read_as_words() {
        assert_eq!(role_label("director"), "Director");
        assert_eq!(role_label("sound_editor"), "Sound editor");
        assert_eq!(role_label(""), "");
    }
}
