//! Structured data: the schema.org JSON-LD of each page kind, built from the linked site
//! alone, so that it says nothing the pages do not.
//!
//! The JSON-LD is typed: one struct per schema.org shape, serialized straight to text,
//! with its fields in the order of their keys.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::HomeOrder;
use crate::content::{Aggregator, Award, AwardResult, Review};
use crate::site::episodes::Season;
use crate::site::{Image, Page, PageId, PageKind, Person, Site};

const CONTEXT: &str = "https://schema.org";

/// The JSON-LD of a page, ready to print inside `<script type="application/ld+json">`;
/// for a listing, `shown` is the pages this page of it lists.
pub fn for_page(site: &Site, id: PageId, shown: &[PageId]) -> String {
    let page = &site.pages[id];
    match page.kind {
        PageKind::Home => to_script(&home(site)),
        _ if page.front.date.is_some() && page.section.is_some() => to_script(&episode(site, id)),
        PageKind::Section => match season_listed(site, id) {
            Some(season) => to_script(&WebPage {
                main_entity: Some(MainEntity::Season(season_of(site, season, shown))),
                ..web_page(site, id)
            }),
            None => to_script(&web_page(site, id)),
        },
        _ => to_script(&web_page(site, id)),
    }
}

/// The season a section lists: its own, or the one season of a guide without seasons.
fn season_listed(site: &Site, id: PageId) -> Option<&Season> {
    let guide = &site.guide;
    guide
        .seasons
        .iter()
        .find(|s| s.page == Some(id))
        .or_else(|| (guide.page == Some(id) && guide.seasons.len() == 1).then(|| &guide.seasons[0]))
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
        video: Vec::new(),
    })
}

/// JSON text that cannot close its `<script>` element early.
fn to_script(data: &impl Serialize) -> String {
    // Sized for an episode's data, so that it is written without growing.
    let mut bytes = Vec::with_capacity(1024);
    if serde_json::to_writer(&mut bytes, data).is_err() {
        return String::new();
    }
    let json = String::from_utf8(bytes).unwrap_or_default();
    if memchr::memchr3(b'<', b'>', b'&', json.as_bytes()).is_none() {
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
#[serde(rename_all = "camelCase")]
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
#[serde(rename_all = "camelCase")]
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

/// The series, on the home page: everything the site says of it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Series<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actor: Vec<Ref<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aggregate_rating: Option<Rating<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Ref<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    award: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contains_season: Vec<SeasonOfEpisodes<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country_of_origin: Option<Ref<'a>>,
    description: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    director: Vec<Ref<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<Ref<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    music_by: Vec<Ref<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    number_of_episodes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number_of_seasons: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    producer: Vec<Ref<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    trailer: Vec<VideoObject<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    video: Vec<VideoObject<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    production_company: Vec<Ref<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    review: Vec<ReviewData<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<String>,
    url: &'a str,
}

/// A season, with the episodes a page lists, or none on the home page.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SeasonOfEpisodes<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    episode: Vec<Episode<'a>>,
    number_of_episodes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of_series: Option<SeriesRef<'a>>,
    season_number: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// Season `season`, with the episodes of `shown` and what it belongs to.
fn season_of<'a>(site: &'a Site, season: &Season, shown: &[PageId]) -> SeasonOfEpisodes<'a> {
    SeasonOfEpisodes {
        part_of_series: Some(series_ref(site)),
        episode: shown.iter().map(|&id| episode_summary(site, id)).collect(),
        ..season_summary(site, season)
    }
}

/// Season `season` as the series lists it: its number, its size and its page.
fn season_summary<'a>(site: &'a Site, season: &Season) -> SeasonOfEpisodes<'a> {
    let page = season.page.or(site.guide.page);
    SeasonOfEpisodes {
        kind: "TVSeason",
        episode: Vec::new(),
        number_of_episodes: season.episodes.len(),
        part_of_series: None,
        season_number: season.number,
        url: page.map(|id| site.permalink(&site.pages[id].path)),
    }
}

/// The seasons of the home page's `TVSeries`, each with the episodes the home page would
/// list (the first or latest `home_limit`): a short series is described in full, a long one
/// stays small, and each season's page lists the rest.
fn home_seasons(site: &Site) -> Vec<SeasonOfEpisodes<'_>> {
    let config = &site.config;
    let mut shown: Vec<PageId> = site.guide.episodes().collect();
    if config.home_order == HomeOrder::Latest {
        shown.reverse();
    }
    shown.truncate(config.home_limit);
    site.guide
        .seasons
        .iter()
        .filter(|s| !s.episodes.is_empty())
        .map(|s| {
            let listed: Vec<PageId> = s
                .episodes
                .iter()
                .copied()
                .filter(|e| shown.contains(e))
                .collect();
            SeasonOfEpisodes {
                episode: listed.iter().map(|&id| episode_summary(site, id)).collect(),
                ..season_summary(site, s)
            }
        })
        .collect()
}

/// A video of another site, played on this one.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VideoObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    embed_url: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail_url: Option<String>,
    url: String,
}

/// The videos of `page`: its trailers with `Some(true)`, its other videos with
/// `Some(false)`, all of them with `None`.
fn videos<'a>(site: &Site, page: &'a Page, trailers: Option<bool>) -> Vec<VideoObject<'a>> {
    page.videos
        .iter()
        .filter(|video| trailers.is_none_or(|t| video.trailer == t))
        .map(|video| VideoObject {
            kind: "VideoObject",
            embed_url: video.video.embed_url(),
            name: &video.title,
            thumbnail_url: image_url(site, video.poster.as_ref()),
            url: video.video.watch_url(),
        })
        .collect()
}

/// The absolute URL of a picture's widest file, for `image`.
fn image_url(site: &Site, image: Option<&Image>) -> Option<String> {
    let widest = image?.picture.img_variants().last()?;
    Some(site.permalink(&widest.path))
}

fn home(site: &Site) -> Series<'_> {
    let config = &site.config;
    let series = &config.series;
    let credited = |role: &str| -> Vec<Ref> {
        series
            .credits
            .get(role)
            .map(|names| names.iter().map(|n| person_ref(site, n)).collect())
            .unwrap_or_default()
    };
    let contains_season = home_seasons(site);
    Series {
        context: CONTEXT,
        id: series_ref(site).id,
        kind: "TVSeries",
        actor: series
            .cast
            .iter()
            .filter(|m| !m.reenactment)
            .map(|m| person_ref(site, &m.name))
            .collect(),
        aggregate_rating: all(site, |f| &f.aggregators)
            .first()
            .map(|rating| aggregate_rating(rating, None)),
        author: credited("writer"),
        award: all(site, |f| &f.awards)
            .into_iter()
            .filter_map(award_won)
            .collect(),
        contains_season,
        country_of_origin: series.country.as_deref().map(|c| Ref::named("Country", c)),
        description: &site.home().summary,
        director: credited("director"),
        editor: credited("editor"),
        genre: series.genre.as_deref(),
        image: image_url(site, site.image.as_ref()),
        in_language: series.language.as_deref(),
        music_by: credited("music"),
        name: &config.title,
        number_of_episodes: series.episodes,
        number_of_seasons: series.seasons,
        producer: credited("producer"),
        trailer: videos(site, site.home(), Some(true)),
        video: videos(site, site.home(), Some(false)),
        production_company: series
            .companies
            .iter()
            .map(|c| Ref::named("Organization", c))
            .collect(),
        review: all(site, |f| &f.reviews)
            .into_iter()
            .map(|r| review(site, r, false))
            .collect(),
        start_date: series.first_aired.map(|d| d.to_string()),
        url: &config.base_url,
    }
}

/// A `TVEpisode`: in full on its own page, as a summary in the home page's season.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Episode<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    episode_number: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<Ref<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of_season: Option<SeasonRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of_series: Option<SeriesRef<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    trailer: Vec<VideoObject<'a>>,
    url: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    video: Vec<VideoObject<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SeasonRef {
    #[serde(rename = "@type")]
    kind: &'static str,
    season_number: u32,
}

fn episode_summary(site: &Site, id: PageId) -> Episode<'_> {
    let page = &site.pages[id];
    Episode {
        context: None,
        kind: "TVEpisode",
        date_published: page.front.date.map(|d| d.to_string()),
        description: None,
        episode_number: page
            .episode
            .map(|e| i64::from(e.number))
            .or(page.front.weight),
        image: None,
        mentions: Vec::new(),
        name: &page.front.title,
        part_of_season: None,
        part_of_series: None,
        trailer: Vec::new(),
        url: site.permalink(&page.path),
        video: Vec::new(),
    }
}

fn episode(site: &Site, id: PageId) -> Episode<'_> {
    let page = &site.pages[id];
    Episode {
        context: Some(CONTEXT),
        description: Some(&page.summary),
        image: image_url(site, page.image.as_ref()),
        mentions: page
            .featuring
            .iter()
            .map(|&p| linked_person(site, &site.people[p]))
            .collect(),
        part_of_season: Some(SeasonRef {
            kind: "TVSeason",
            season_number: page.episode.map_or(1, |e| e.season),
        }),
        part_of_series: Some(series_ref(site)),
        trailer: videos(site, page, Some(true)),
        video: videos(site, page, Some(false)),
        ..episode_summary(site, id)
    }
}

/// A page that is not an episode, or a generated page.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    about: SeriesRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    is_part_of: Ref<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity: Option<MainEntity<'a>>,
    name: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    video: Vec<VideoObject<'a>>,
}

/// What a page is mainly about: the scores and reviews it lists, or the series with the
/// awards it won.
#[derive(Serialize)]
#[serde(untagged)]
enum MainEntity<'a> {
    Items(Vec<Item<'a>>),
    Series(SeriesRef<'a>),
    Season(SeasonOfEpisodes<'a>),
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
        video: videos(site, page, None),
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
#[serde(rename_all = "camelCase")]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Ref<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_rating: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item_reviewed: Option<SeriesRef<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[serde(rename_all = "camelCase")]
struct ReviewData<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Ref<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    item_reviewed: Option<SeriesRef<'a>>,
    publisher: Ref<'a>,
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
#[serde(rename_all = "camelCase")]
struct PersonData<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@reverse", skip_serializing_if = "BTreeMap::is_empty")]
    reverse: BTreeMap<&'static str, SeriesRef<'a>>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    award: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
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
        let kind = if page.front.date.is_some() {
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
        image: image_url(site, person.text.as_ref().and_then(|t| t.image.as_ref())),
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
        let text = to_script(&serde_json::json!({ "name": "</script><b>&" }));
        assert_eq!(text, r#"{"name":"\u003c/script\u003e\u003cb\u003e\u0026"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><b>&");
    }
}
