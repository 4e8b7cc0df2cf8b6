//! Structured data: the schema.org JSON-LD of each page kind, built from the linked site
//! alone, so that it says nothing the pages do not.

use serde_json::{Map, Value, json};

use crate::content::{Aggregator, Award, AwardResult, Review};
use crate::site::{PageId, PageKind, Person, Site};

/// The JSON-LD of a page, ready to print inside `<script type="application/ld+json">`.
pub fn for_page(site: &Site, id: PageId) -> String {
    let page = &site.pages[id];
    let data = match page.kind {
        PageKind::Home => home(site),
        _ if page.date.is_some() && page.section.is_some() => episode(site, id),
        _ => web_page(site, id),
    };
    to_script(&data)
}

/// The JSON-LD of a person's page.
pub fn for_person(site: &Site, person: &Person) -> String {
    to_script(&person_data(site, person))
}

/// The JSON-LD of a generated page without a source: the people index, the 404 page.
pub fn for_generated(site: &Site, title: &str, path: &str) -> String {
    to_script(&json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "url": site.permalink(path),
        "isPartOf": website_ref(site),
        "about": series_ref(site),
    }))
}

/// JSON text that cannot close its `<script>` element early.
fn to_script(data: &Value) -> String {
    serde_json::to_string(data)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn series_id(site: &Site) -> String {
    format!("{}#series", site.config.base_url)
}

fn series_ref(site: &Site) -> Value {
    json!({ "@type": "TVSeries", "@id": series_id(site), "name": site.config.title, "url": site.config.base_url })
}

fn website_ref(site: &Site) -> Value {
    json!({ "@type": "WebSite", "@id": format!("{}#website", site.config.base_url), "name": site.config.title, "url": site.config.base_url })
}

fn person_ref(site: &Site, name: &str) -> Value {
    match site.person_by_name(name) {
        Some(person) => {
            json!({ "@type": "Person", "name": person.name, "url": site.permalink(&person.path) })
        }
        None => json!({ "@type": "Person", "name": name }),
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
    data.insert("@context".into(), json!("https://schema.org"));
    data.insert("@type".into(), json!("TVSeries"));
    data.insert("@id".into(), json!(series_id(site)));
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
                Value::Array(names.iter().map(|n| person_ref(site, n)).collect()),
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
                .map(|m| person_ref(site, &m.name))
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
        .map(|&id| episode_summary(site, id))
        .collect();
    if !episodes.is_empty() {
        put(
            "containsSeason",
            json!([{ "@type": "TVSeason", "seasonNumber": 1, "numberOfEpisodes": episodes.len(), "episode": episodes }]),
        );
    }
    if let Some(rating) = all(site, |f| &f.aggregators).first() {
        put("aggregateRating", aggregate_rating(rating, None));
    }
    put(
        "review",
        Value::Array(
            all(site, |f| &f.reviews)
                .into_iter()
                .map(|r| review(site, r, false))
                .collect(),
        ),
    );
    put(
        "award",
        Value::Array(
            all(site, |f| &f.awards)
                .into_iter()
                .filter_map(award_won)
                .collect(),
        ),
    );
    Value::Object(data)
}

fn episode_summary(site: &Site, id: PageId) -> Value {
    let page = &site.pages[id];
    json!({
        "@type": "TVEpisode",
        "name": page.front.title,
        "episodeNumber": page.front.weight,
        "datePublished": page.front.date.map(|d| d.to_string()),
        "url": site.permalink(&page.path),
    })
}

fn episode(site: &Site, id: PageId) -> Value {
    let page = &site.pages[id];
    let mut data = episode_summary(site, id);
    let object = data.as_object_mut().expect("an object");
    object.insert("@context".into(), json!("https://schema.org"));
    object.insert("description".into(), json!(page.summary));
    object.insert("partOfSeries".into(), series_ref(site));
    object.insert(
        "partOfSeason".into(),
        json!({ "@type": "TVSeason", "seasonNumber": 1 }),
    );
    if !page.featuring.is_empty() {
        let people: Vec<Value> = page
            .featuring
            .iter()
            .map(|&p| person_ref(site, &site.people[p].name))
            .collect();
        object.insert("mentions".into(), Value::Array(people));
    }
    data
}

/// A page that is not an episode: what it is about, and the reviews, scores and awards
/// it lists.
fn web_page(site: &Site, id: PageId) -> Value {
    let page = &site.pages[id];
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": if page.kind == PageKind::Section { "CollectionPage" } else { "WebPage" },
        "name": page.front.title,
        "url": site.permalink(&page.path),
        "description": page.summary,
        "isPartOf": website_ref(site),
        "about": series_ref(site),
    });
    let object = data.as_object_mut().expect("an object");
    let front = &page.front;
    let mut items: Vec<Value> = front
        .aggregators
        .iter()
        .map(|a| aggregate_rating(a, Some(site)))
        .collect();
    items.extend(front.reviews.iter().map(|r| review(site, r, true)));
    if !items.is_empty() {
        object.insert("mainEntity".into(), Value::Array(items));
    }
    if !front.awards.is_empty() {
        let mut series = series_ref(site);
        let won: Vec<Value> = front.awards.iter().filter_map(award_won).collect();
        series["award"] = Value::Array(won);
        object.insert("mainEntity".into(), series);
    }
    data
}

/// `100%` → 100 of 100; `76/100` → 76 of 100.
fn parse_score(score: &str) -> Option<(f64, f64)> {
    if let Some(percent) = score.strip_suffix('%') {
        return Some((percent.trim().parse().ok()?, 100.0));
    }
    let (value, best) = score.split_once('/')?;
    Some((value.trim().parse().ok()?, best.trim().parse().ok()?))
}

fn aggregate_rating(aggregator: &Aggregator, item_reviewed: Option<&Site>) -> Value {
    let mut data = json!({
        "@type": "AggregateRating",
        "name": aggregator.name,
        "author": { "@type": "Organization", "name": aggregator.name },
    });
    if let Some((value, best)) = parse_score(&aggregator.score) {
        data["ratingValue"] = json!(value);
        data["bestRating"] = json!(best);
        data["worstRating"] = json!(0);
    }
    if let Some(count) = aggregator.count {
        data["ratingCount"] = json!(count);
    }
    if let Some(site) = item_reviewed {
        data["itemReviewed"] = series_ref(site);
    }
    data
}

fn review(site: &Site, review: &Review, with_item: bool) -> Value {
    let mut data = json!({
        "@type": "Review",
        "author": { "@type": "Person", "name": review.critic },
        "publisher": { "@type": "Organization", "name": review.publication },
        "reviewBody": review.quote.join(" … "),
    });
    if with_item {
        data["itemReviewed"] = series_ref(site);
    }
    data
}

/// An award won, as schema.org's `award` text: `Grammy Awards 2018: Best Music Film`.
fn award_won(award: &Award) -> Option<Value> {
    (award.result == Some(AwardResult::Won)).then(|| {
        let year = award.year.map(|y| format!(" {y}")).unwrap_or_default();
        json!(format!("{}{year}: {}", award.association, award.category))
    })
}

fn person_data(site: &Site, person: &Person) -> Value {
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.name,
        "url": site.permalink(&person.path),
    });
    let object = data.as_object_mut().expect("an object");
    let mut appears_in: Vec<Value> = Vec::new();
    if !person.cast.is_empty() {
        appears_in.push(series_ref(site));
    }
    appears_in.extend(person.featured_in.iter().map(|&id| {
        let page = &site.pages[id];
        json!({ "@type": if page.date.is_some() { "TVEpisode" } else { "WebPage" }, "name": page.front.title, "url": site.permalink(&page.path) })
    }));
    if !appears_in.is_empty() {
        object.insert("subjectOf".into(), Value::Array(appears_in));
    }
    let mut reverse = Map::new();
    for role in &person.credits {
        let property = match role.as_str() {
            "director" => "director",
            "writer" => "author",
            "producer" => "producer",
            "music" => "musicBy",
            "editor" => "editor",
            _ => "contributor",
        };
        reverse.insert(property.into(), series_ref(site));
    }
    if !reverse.is_empty() {
        object.insert("@reverse".into(), Value::Object(reverse));
    }
    let awards: Vec<Value> = person
        .awards
        .iter()
        .filter_map(|&(page, index)| award_won(&site.pages[page].front.awards[index]))
        .collect();
    if !awards.is_empty() {
        object.insert("award".into(), Value::Array(awards));
    }
    data
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
