//! Structured data: the schema.org JSON-LD of each page kind, built from the linked site
//! alone, so that it says nothing the pages do not.
//!
//! The JSON-LD of every page is typed: one struct per schema.org shape, serialized
//! straight to text, with its fields in the order of their keys. Only the home page's,
//! written once per build, is assembled as a map.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::content::{Aggregator, Award, AwardResult, Review};
use crate::site::{PageId, PageKind, Person, Site};

const CONTEXT: &str = "https://schema.org";

/// The JSON-LD of a page, ready to print inside `<script type="application/ld+json">`.
pub fn for_page(site: &Site, id: PageId) -> String {
    let page = &site.pages[id];
    match page.kind {
        PageKind::Home => to_script(&home(site)),
        _ if page.date.is_some() && page.section.is_some() => to_script(&episode(site, id)),
        _ => to_script(&web_page(site, id)),
    }
}

/// The JSON-LD of a person's page.
pub fn for_person(site: &Site, person: &Person) -> String {
    to_script(&person_data(site, person))
}

/// The JSON-LD of a generated page without a source: the people index, the 404 page.
pub fn for_generated(site: &Site, title: &str, path: &str) -> String {
    to_script(&WebPage {
        context: CONTEXT,
        kind: "WebPage",
        about: series_ref(site),
        description: None,
        is_part_of: website_ref(site),
        main_entity: None,
        name: title,
        url: site.permalink(path),
    })
}

/// JSON text that cannot close its `<script>` element early.
fn to_script(data: &impl Serialize) -> String {
    let json = serde_json::to_string(data).unwrap_or_default();
    if !json.contains(['<', '>', '&']) {
        return json;
    }
    let mut safe = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            c => safe.push(c),
        }
    }
    safe
}

/// A reference to a thing by its type, name and, when it has one, its URL and id.
#[derive(Serialize)]
struct Ref<'a> {
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

impl<'a> Ref<'a> {
    fn named(kind: &'static str, name: &'a str) -> Ref<'a> {
        Ref {
            id: None,
            kind,
            name,
            url: None,
        }
    }
}

/// The series as a reference, with the awards it won when they are the point.
#[derive(Serialize)]
struct SeriesRef<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    award: Option<Vec<String>>,
    name: &'a str,
    url: &'a str,
}

fn series_ref(site: &Site) -> SeriesRef<'_> {
    SeriesRef {
        id: format!("{}#series", site.config.base_url),
        kind: "TVSeries",
        award: None,
        name: &site.config.title,
        url: &site.config.base_url,
    }
}

fn website_ref(site: &Site) -> Ref<'_> {
    Ref {
        id: Some(format!("{}#website", site.config.base_url)),
        kind: "WebSite",
        name: &site.config.title,
        url: Some(site.config.base_url.clone()),
    }
}

/// A person named in `site.toml` or the front matter, linked when the site has their page.
fn person_ref<'a>(site: &'a Site, name: &'a str) -> Ref<'a> {
    match site.person_by_name(name) {
        Some(person) => linked_person(site, person),
        None => Ref::named("Person", name),
    }
}

fn linked_person<'a>(site: &Site, person: &'a Person) -> Ref<'a> {
    Ref {
        url: Some(site.permalink(&person.path)),
        ..Ref::named("Person", &person.name)
    }
}

/// Every award, aggregator and review the site's pages carry, with the page of each.
fn all<'a, T>(
    site: &'a Site,
    items: impl Fn(&'a crate::content::FrontMatter) -> &'a [T],
) -> Vec<&'a T> {
    site.pages.iter().flat_map(|p| items(&p.front)).collect()
}

fn home(site: &Site) -> Value {
    let config = &site.config;
    let series = &config.series;
    let mut data = Map::new();
    data.insert("@context".into(), json!(CONTEXT));
    data.insert("@type".into(), json!("TVSeries"));
    data.insert("@id".into(), json!(series_ref(site).id));
    data.insert("name".into(), json!(config.title));
    data.insert("url".into(), json!(config.base_url));
    data.insert("description".into(), json!(site.home().summary));
    let mut put = |key: &str, value: Value| {
        if !value.is_null() && value != json!([]) {
            data.insert(key.into(), value);
        }
    };
    put("genre", json!(series.genre));
    put("inLanguage", json!(series.language));
    put(
        "countryOfOrigin",
        series
            .country
            .as_ref()
            .map_or(Value::Null, |c| json!({ "@type": "Country", "name": c })),
    );
    put("numberOfSeasons", json!(series.seasons));
    put("numberOfEpisodes", json!(series.episodes));
    put(
        "startDate",
        json!(series.first_aired.map(|d| d.to_string())),
    );
    put(
        "productionCompany",
        Value::Array(
            series
                .companies
                .iter()
                .map(|c| json!({ "@type": "Organization", "name": c }))
                .collect(),
        ),
    );
    for (role, property) in [
        ("director", "director"),
        ("writer", "author"),
        ("producer", "producer"),
        ("music", "musicBy"),
        ("editor", "editor"),
    ] {
        if let Some(names) = series.credits.get(role) {
            put(
                property,
                Value::Array(names.iter().map(|n| json!(person_ref(site, n))).collect()),
            );
        }
    }
    put(
        "actor",
        Value::Array(
            series
                .cast
                .iter()
                .filter(|m| !m.reenactment)
                .map(|m| json!(person_ref(site, &m.name)))
                .collect(),
        ),
    );
    let episodes: Vec<Value> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Section)
        .flat_map(|(_, section)| section.pages.iter())
        .filter(|&&id| site.pages[id].date.is_some())
        .map(|&id| json!(episode_summary(site, id)))
        .collect();
    if !episodes.is_empty() {
        put(
            "containsSeason",
            json!([{ "@type": "TVSeason", "seasonNumber": 1, "numberOfEpisodes": episodes.len(), "episode": episodes }]),
        );
    }
    if let Some(rating) = all(site, |f| &f.aggregators).first() {
        put("aggregateRating", json!(aggregate_rating(rating, None)));
    }
    put(
        "review",
        Value::Array(
            all(site, |f| &f.reviews)
                .into_iter()
                .map(|r| json!(review(site, r, false)))
                .collect(),
        ),
    );
    put(
        "award",
        Value::Array(
            all(site, |f| &f.awards)
                .into_iter()
                .filter_map(award_won)
                .map(Value::String)
                .collect(),
        ),
    );
    Value::Object(data)
}

/// A `TVEpisode`: in full on its own page, as a summary in the home page's season.
#[derive(Serialize)]
struct Episode<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "datePublished")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "episodeNumber")]
    episode_number: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<Ref<'a>>,
    name: &'a str,
    #[serde(rename = "partOfSeason", skip_serializing_if = "Option::is_none")]
    part_of_season: Option<Season>,
    #[serde(rename = "partOfSeries", skip_serializing_if = "Option::is_none")]
    part_of_series: Option<SeriesRef<'a>>,
    url: String,
}

#[derive(Serialize)]
struct Season {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "seasonNumber")]
    season_number: u32,
}

fn episode_summary(site: &Site, id: PageId) -> Episode<'_> {
    let page = &site.pages[id];
    Episode {
        context: None,
        kind: "TVEpisode",
        date_published: page.front.date.map(|d| d.to_string()),
        description: None,
        episode_number: page.front.weight,
        mentions: Vec::new(),
        name: &page.front.title,
        part_of_season: None,
        part_of_series: None,
        url: site.permalink(&page.path),
    }
}

fn episode(site: &Site, id: PageId) -> Episode<'_> {
    let page = &site.pages[id];
    Episode {
        context: Some(CONTEXT),
        description: Some(&page.summary),
        mentions: page
            .featuring
            .iter()
            .map(|&p| linked_person(site, &site.people[p]))
            .collect(),
        part_of_season: Some(Season {
            kind: "TVSeason",
            season_number: 1,
        }),
        part_of_series: Some(series_ref(site)),
        ..episode_summary(site, id)
    }
}

/// A page that is not an episode, or a generated page.
#[derive(Serialize)]
struct WebPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    about: SeriesRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "isPartOf")]
    is_part_of: Ref<'a>,
    #[serde(rename = "mainEntity", skip_serializing_if = "Option::is_none")]
    main_entity: Option<MainEntity<'a>>,
    name: &'a str,
    url: String,
}

/// What a page is mainly about: the scores and reviews it lists, or the series with the
/// awards it won.
#[derive(Serialize)]
#[serde(untagged)]
enum MainEntity<'a> {
    Items(Vec<Item<'a>>),
    Series(SeriesRef<'a>),
}

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Rating(Rating<'a>),
    Review(ReviewData<'a>),
}

/// A page that is not an episode: what it is about, and the reviews, scores and awards
/// it lists.
fn web_page(site: &Site, id: PageId) -> WebPage<'_> {
    let page = &site.pages[id];
    let front = &page.front;
    let mut items: Vec<Item> = front
        .aggregators
        .iter()
        .map(|a| Item::Rating(aggregate_rating(a, Some(site))))
        .collect();
    items.extend(
        front
            .reviews
            .iter()
            .map(|r| Item::Review(review(site, r, true))),
    );
    let main_entity = if !front.awards.is_empty() {
        Some(MainEntity::Series(SeriesRef {
            award: Some(front.awards.iter().filter_map(award_won).collect()),
            ..series_ref(site)
        }))
    } else if !items.is_empty() {
        Some(MainEntity::Items(items))
    } else {
        None
    };
    WebPage {
        context: CONTEXT,
        kind: if page.kind == PageKind::Section {
            "CollectionPage"
        } else {
            "WebPage"
        },
        about: series_ref(site),
        description: Some(&page.summary),
        is_part_of: website_ref(site),
        main_entity,
        name: &front.title,
        url: site.permalink(&page.path),
    }
}

/// `100%` → 100 of 100; `76/100` → 76 of 100.
fn parse_score(score: &str) -> Option<(f64, f64)> {
    if let Some(percent) = score.strip_suffix('%') {
        return Some((percent.trim().parse().ok()?, 100.0));
    }
    let (value, best) = score.split_once('/')?;
    Some((value.trim().parse().ok()?, best.trim().parse().ok()?))
}

#[derive(Serialize)]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Ref<'a>,
    #[serde(rename = "bestRating", skip_serializing_if = "Option::is_none")]
    best_rating: Option<f64>,
    #[serde(rename = "itemReviewed", skip_serializing_if = "Option::is_none")]
    item_reviewed: Option<SeriesRef<'a>>,
    name: &'a str,
    #[serde(rename = "ratingCount", skip_serializing_if = "Option::is_none")]
    rating_count: Option<u32>,
    #[serde(rename = "ratingValue", skip_serializing_if = "Option::is_none")]
    rating_value: Option<f64>,
    #[serde(rename = "worstRating", skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u32>,
}

fn aggregate_rating<'a>(aggregator: &'a Aggregator, item_reviewed: Option<&'a Site>) -> Rating<'a> {
    let score = parse_score(&aggregator.score);
    Rating {
        kind: "AggregateRating",
        author: Ref::named("Organization", &aggregator.name),
        best_rating: score.map(|(_, best)| best),
        item_reviewed: item_reviewed.map(series_ref),
        name: &aggregator.name,
        rating_count: aggregator.count,
        rating_value: score.map(|(value, _)| value),
        worst_rating: score.map(|_| 0),
    }
}

#[derive(Serialize)]
struct ReviewData<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Ref<'a>,
    #[serde(rename = "itemReviewed", skip_serializing_if = "Option::is_none")]
    item_reviewed: Option<SeriesRef<'a>>,
    publisher: Ref<'a>,
    #[serde(rename = "reviewBody")]
    review_body: String,
}

fn review<'a>(site: &'a Site, review: &'a Review, with_item: bool) -> ReviewData<'a> {
    ReviewData {
        kind: "Review",
        author: Ref::named("Person", &review.critic),
        item_reviewed: with_item.then(|| series_ref(site)),
        publisher: Ref::named("Organization", &review.publication),
        review_body: review.quote.join(" … "),
    }
}

/// An award won, as schema.org's `award` text: `Grammy Awards 2018: Best Music Film`.
fn award_won(award: &Award) -> Option<String> {
    (award.result == Some(AwardResult::Won)).then(|| {
        let year = award.year.map(|y| format!(" {y}")).unwrap_or_default();
        format!("{}{year}: {}", award.association, award.category)
    })
}

#[derive(Serialize)]
struct PersonData<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@reverse", skip_serializing_if = "BTreeMap::is_empty")]
    reverse: BTreeMap<&'static str, SeriesRef<'a>>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    award: Vec<String>,
    name: &'a str,
    #[serde(rename = "subjectOf", skip_serializing_if = "Vec::is_empty")]
    subject_of: Vec<Subject<'a>>,
    url: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Subject<'a> {
    Series(SeriesRef<'a>),
    Page(Ref<'a>),
}

fn person_data<'a>(site: &'a Site, person: &'a Person) -> PersonData<'a> {
    let mut subject_of: Vec<Subject> = Vec::new();
    if !person.cast.is_empty() {
        subject_of.push(Subject::Series(series_ref(site)));
    }
    subject_of.extend(person.featured_in.iter().map(|&id| {
        let page = &site.pages[id];
        let kind = if page.date.is_some() {
            "TVEpisode"
        } else {
            "WebPage"
        };
        Subject::Page(Ref {
            url: Some(site.permalink(&page.path)),
            ..Ref::named(kind, &page.front.title)
        })
    }));
    let reverse = person
        .credits
        .iter()
        .map(|role| {
            let property = match role.as_str() {
                "director" => "director",
                "writer" => "author",
                "producer" => "producer",
                "music" => "musicBy",
                "editor" => "editor",
                _ => "contributor",
            };
            (property, series_ref(site))
        })
        .collect();
    PersonData {
        context: CONTEXT,
        reverse,
        kind: "Person",
        award: person
            .awards
            .iter()
            .filter_map(|&(page, index)| award_won(&site.pages[page].front.awards[index]))
            .collect(),
        name: &person.name,
        subject_of,
        url: site.permalink(&person.path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_as_value_and_best() {
        assert_eq!(parse_score("100%"), Some((100.0, 100.0)));
        assert_eq!(parse_score("76/100"), Some((76.0, 100.0)));
        assert_eq!(parse_score("A+"), None);
    }

    #[test]
    fn script_text_cannot_close_the_script_element() {
        let text = to_script(&json!({ "name": "</script><b>&" }));
        assert_eq!(text, r#"{"name":"\u003c/script\u003e\u003cb\u003e\u0026"}"#);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><b>&");
    }
}
