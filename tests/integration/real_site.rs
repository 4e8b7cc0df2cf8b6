//! The repository's own site, built as a visitor would see it: every page kind, every fact
//! of the seed, every internal link.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::common::{
    AwardRow, article_facts, assert_seed_results, assert_seed_table_rebuilt, attribute_values,
    award_rows, missing_facts, read_tree, repo_root, text_of,
};

const BASE_URL: &str = "https://example.org/the-defiant-ones/";
const BASE_PATH: &str = "/the-defiant-ones/";

/// The real site, built once for every test of this module, under a sub-path.
fn site() -> &'static BTreeMap<String, String> {
    static SITE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let options = fansite::BuildOptions {
            output: Some(out.path().join("public")),
            base_url: Some(BASE_URL.to_string()),
            ..fansite::BuildOptions::new(repo_root())
        };
        fansite::build(&options).expect("the real site builds");
        read_tree(&out.path().join("public"))
    })
}

fn page(path: &str) -> &'static str {
    site()
        .get(path)
        .unwrap_or_else(|| panic!("the site has no {path}"))
}

fn html_pages() -> impl Iterator<Item = (&'static String, &'static String)> {
    site().iter().filter(|(path, _)| path.ends_with(".html"))
}

#[test]
fn every_page_kind_is_built() {
    for path in [
        "index.html",
        "episodes/index.html",
        "episodes/part-1/index.html",
        "episodes/part-2/index.html",
        "episodes/part-3/index.html",
        "episodes/part-4/index.html",
        "cast/index.html",
        "crew/index.html",
        "release/index.html",
        "soundtrack/index.html",
        "reception/index.html",
        "accolades/index.html",
        "timeline/index.html",
        "search/index.html",
        "people/index.html",
        "people/lasse-jarvi/index.html",
        "people/will-i-am/index.html",
        "people/the-d-o-c/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "style.css",
        "favicon.svg",
    ] {
        assert!(site().contains_key(path), "missing {path}");
    }
}

#[test]
fn every_html_page_has_one_h1_a_title_a_description_and_landmarks() {
    for (path, html) in html_pages() {
        assert_eq!(html.matches("<h1").count(), 1, "{path} must have one h1");
        assert!(html.starts_with("<!doctype html>"), "{path}");
        assert!(html.contains("<html lang=\"en\">"), "{path}");
        let description = attribute_values(html, "content");
        assert!(
            html.contains("<meta name=\"description\" content=\"") && !description.is_empty(),
            "{path} has no meta description"
        );
        for landmark in ["<header", "<nav", "<main", "<footer"] {
            assert!(html.contains(landmark), "{path} has no {landmark}");
        }
        if path != "404.html" {
            let canonical = format!("<link rel=\"canonical\" href=\"{BASE_URL}");
            assert!(html.contains(&canonical), "{path} has no canonical link");
        }
        if path != "search/index.html" {
            assert!(
                !html.contains("<script src"),
                "{path} must not need JavaScript"
            );
        }
        assert!(
            !html.contains("https://fonts."),
            "{path} must not fetch fonts"
        );
    }
}

/// Where an internal URL leads inside the output, or `None` when it is not internal.
fn target_file(url: &str, from: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_string())),
        None => (url, None),
    };
    let rel = if path.is_empty() {
        from.to_string()
    } else if let Some(rel) = path
        .strip_prefix(BASE_URL)
        .or_else(|| path.strip_prefix(BASE_PATH))
    {
        rel.to_string()
    } else {
        assert!(
            path.starts_with("https://")
                || path.starts_with("http://")
                || path.starts_with("mailto:"),
            "{from} links to `{url}`, which is neither under the base path nor absolute"
        );
        return None;
    };
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel
    };
    Some((file, fragment))
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let mut checked = 0;
    for (path, html) in html_pages() {
        let urls = attribute_values(html, "href")
            .into_iter()
            .chain(attribute_values(html, "src"));
        for url in urls {
            let Some((file, fragment)) = target_file(&url, path) else {
                continue;
            };
            let target = site()
                .get(&file)
                .unwrap_or_else(|| panic!("{path} links to `{url}`: no {file}"));
            if let Some(fragment) = fragment {
                assert!(
                    target.contains(&format!("id=\"{fragment}\"")),
                    "{path} links to `{url}`: {file} has no id `{fragment}`"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn the_sitemap_lists_every_page_and_only_pages_that_exist() {
    let sitemap = page("sitemap.xml");
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    for loc in &locs {
        let (file, _) = target_file(loc, "sitemap.xml").expect("sitemap URLs are the site's");
        assert!(
            site().contains_key(&file),
            "sitemap lists {loc}, which is not built"
        );
    }
    let pages = html_pages()
        .filter(|(p, _)| p.as_str() != "404.html")
        .count();
    assert_eq!(locs.len(), pages, "one sitemap entry per page");
    assert!(page("robots.txt").contains(&format!("Sitemap: {BASE_URL}sitemap.xml")));
}

#[test]
fn the_feed_has_the_four_episodes_newest_first() {
    let feed = page("atom.xml");
    let titles: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| {
            let start = e.find("<title>").unwrap() + 7;
            &e[start..e.find("</title>").unwrap()]
        })
        .collect();
    assert_eq!(titles, ["Part 4", "Part 3", "Part 2", "Part 1"]);
    assert!(feed.contains("<published>2017-07-12T00:00:00Z</published>"));
    assert!(feed.contains(&format!("<id>{BASE_URL}episodes/part-1/</id>")));
}

#[test]
fn episodes_air_one_a_night_and_link_both_ways() {
    let dates = [
        "July 9, 2017",
        "July 10, 2017",
        "July 11, 2017",
        "July 12, 2017",
    ];
    let guide = text_of(page("episodes/index.html"));
    for (n, date) in dates.iter().enumerate() {
        let part = n + 1;
        assert!(
            guide.contains(&format!("{part} Part {part} {date}")),
            "guide row {part}: {guide}"
        );
        let html = page(&format!("episodes/part-{part}/index.html"));
        assert!(
            text_of(html).contains(&format!("Aired {date} on HBO")),
            "part {part}"
        );
        let previous = format!("rel=\"prev\" href=\"{BASE_PATH}episodes/part-{}/\"", n);
        let next = format!(
            "rel=\"next\" href=\"{BASE_PATH}episodes/part-{}/\"",
            part + 1
        );
        assert_eq!(
            html.contains(&previous),
            part > 1,
            "part {part} previous link"
        );
        assert_eq!(html.contains(&next), part < 4, "part {part} next link");
    }
    let part_2 = page("episodes/part-2/index.html");
    assert!(part_2.contains(&format!("href=\"{BASE_PATH}people/tom-petty/\"")));
    let tom_petty = page("people/tom-petty/index.html");
    assert!(tom_petty.contains(&format!("href=\"{BASE_PATH}episodes/part-2/\"")));
}

#[test]
fn person_pages_list_every_role() {
    let lasse = text_of(page("people/lasse-jarvi/index.html"));
    for role in [
        "Writer of The Defiant Ones",
        "Editor of The Defiant Ones",
        "Outstanding Picture Editing for Nonfiction Programming",
        "Outstanding Directing for a Nonfiction Program",
        "Outstanding Editing (Television over 30 minutes)",
    ] {
        assert!(lasse.contains(role), "Lasse Järvi: {role}\n{lasse}");
    }
    let allen = text_of(page("people/allen-hughes/index.html"));
    for role in [
        "Director",
        "Writer",
        "Producer",
        "Best Music Film",
        "Outstanding Directing in a Television Movie",
    ] {
        assert!(allen.contains(role), "Allen Hughes: {role}");
    }
    let schwabe = text_of(page("people/gregory-schwabe/index.html"));
    assert!(
        schwabe.contains("Plays FBI Agent in the reenactments"),
        "{schwabe}"
    );
    let dre = text_of(page("people/dr-dre/index.html"));
    assert!(
        dre.contains("Appears as themselves") && dre.contains("Part 1") && dre.contains("Part 4")
    );
}

#[test]
fn cast_keeps_reenactments_apart() {
    let cast = page("cast/index.html");
    let themselves = &cast
        [cast.find("id=\"as-themselves\"").unwrap()..cast.find("id=\"reenactments\"").unwrap()];
    assert_eq!(themselves.matches("<li>").count(), 21);
    assert!(!themselves.contains("Gregory Schwabe"));
    let reenactments = text_of(&cast[cast.find("id=\"reenactments\"").unwrap()..]);
    assert!(reenactments.contains("Gregory Schwabe as FBI Agent"));
    assert!(reenactments.contains("Mark Anthony Petrucelli as David Kenner"));
}

fn accolade_rows() -> Vec<AwardRow> {
    award_rows(page("accolades/index.html"))
}

#[test]
fn accolades_table_rebuilds_the_lost_row_spans() {
    let seed = std::fs::read_to_string(repo_root().join("seed/the-defiant-ones.txt")).unwrap();
    let rows = accolade_rows();
    assert_eq!(assert_seed_table_rebuilt(&seed, &rows), 12);
    // The thirteenth row comes from the prose alone.
    assert_eq!(rows.len(), 13);
    let hpa = rows.iter().find(|r| r.association == "HPA Awards").unwrap();
    assert_eq!((hpa.year.as_str(), hpa.result.as_str()), ("—", "Won"));
}

#[test]
fn accolades_results_come_from_the_prose_and_the_emmy_disagreement_is_noted() {
    assert_seed_results(&accolade_rows());

    let html = text_of(page("accolades/index.html"));
    assert!(html.contains("Writing for a Nonfiction Program"));
    assert!(
        html.contains("the prose of the same source names it Writing for a Nonfiction Program")
    );
    let accolades = page("accolades/index.html");
    assert!(accolades.contains(&format!(
        "<a href=\"{BASE_PATH}people/jay-nierenberg/\">Jay Nierenberg</a>"
    )));
    assert!(accolades.contains(&format!("<a href=\"{BASE_PATH}\">The Defiant Ones</a>")));
}

/// Every fact of the seed, as a piece of text that must be on the site.
fn seed_facts() -> Vec<String> {
    let seed = std::fs::read_to_string(repo_root().join("seed/the-defiant-ones.txt")).unwrap();
    // The seed's two misspelt possessives, as the site spells them.
    let seed = seed
        .replace("Varietys", "Variety's")
        .replace("IndieWires", "IndieWire's");
    article_facts(&seed)
}

#[test]
fn every_fact_of_the_seed_is_on_the_site() {
    let missing = missing_facts(site(), seed_facts());
    assert!(
        missing.is_empty(),
        "facts missing from the site:\n{}",
        missing.join("\n")
    );
}

#[test]
fn reception_shows_scores_and_each_critic_with_publication() {
    let reception = text_of(page("reception/index.html"));
    for fact in [
        "Rotten Tomatoes 100% from 25 critics' reviews",
        "Metacritic 76/100 from 12 critics' reviews",
        "compelling, comprehensive portrait of two visionaries",
        "Jon Caramanica, The New York Times Positive review",
        "Lorraine Ali, Los Angeles Times Positive review",
        "Jem Aswad, Variety",
        "Ben Travers, IndieWire",
        "Empathy Cut",
    ] {
        assert!(reception.contains(fact), "reception: {fact}\n{reception}");
    }
}

#[test]
fn the_site_works_under_a_sub_path() {
    for (path, html) in html_pages() {
        for url in attribute_values(html, "href")
            .iter()
            .chain(&attribute_values(html, "src"))
        {
            assert!(
                url.starts_with(BASE_PATH)
                    || url.starts_with(BASE_URL)
                    || url.starts_with('#')
                    || url.starts_with("https://"),
                "{path}: `{url}` would break under a sub-path"
            );
        }
    }
    let home = page("index.html");
    assert!(home.contains(&format!("href=\"{BASE_PATH}style.css\"")));
}

#[test]
fn the_real_site_builds_from_its_own_folder_with_the_cli() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let run = crate::common::fansite(
        &repo_root(),
        &["build", "--output", output.to_str().unwrap()],
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.starts_with("Built ")
            && stdout.contains(" pages (")
            && stdout.trim_end().ends_with(" ms"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1, "one summary line");
    assert!(Path::new(&output).join("index.html").is_file());
}

/// The JSON-LD blocks of a page, parsed.
fn json_ld(path: &str) -> Vec<serde_json::Value> {
    page(path)
        .split("<script type=\"application/ld+json\">")
        .skip(1)
        .map(|block| {
            let json = &block[..block.find("</script>").unwrap()];
            serde_json::from_str(json).unwrap_or_else(|e| panic!("{path}: invalid JSON-LD: {e}"))
        })
        .collect()
}

#[test]
fn every_page_carries_structured_data_of_its_kind() {
    for (path, _) in html_pages() {
        assert_eq!(json_ld(path).len(), 1, "{path} has one JSON-LD block");
    }
    let series = &json_ld("index.html")[0];
    assert_eq!(series["@type"], "TVSeries");
    assert_eq!(series["name"], "The Defiant Ones");
    assert_eq!(series["numberOfEpisodes"], 4);
    assert_eq!(series["director"][0]["name"], "Allen Hughes");
    // The home page describes its season with the episodes it lists: all four.
    let season = &series["containsSeason"][0];
    assert_eq!(season["numberOfEpisodes"], 4);
    assert_eq!(season["url"], format!("{BASE_URL}episodes/"));
    assert_eq!(season["episode"][3]["name"], "Part 4");
    let guide = &json_ld("episodes/index.html")[0]["mainEntity"];
    assert_eq!(guide["@type"], "TVSeason");
    assert_eq!(guide["seasonNumber"], 1);
    assert_eq!(guide["episode"][3]["datePublished"], "2017-07-12");
    assert_eq!(series["aggregateRating"]["ratingValue"], 100.0);
    assert_eq!(series["aggregateRating"]["ratingCount"], 25);
    assert_eq!(
        series["productionCompany"][0]["name"],
        "Silverback 5150 Productions"
    );

    let episode = &json_ld("episodes/part-3/index.html")[0];
    assert_eq!(episode["@type"], "TVEpisode");
    assert_eq!(episode["episodeNumber"], 3);
    assert_eq!(episode["datePublished"], "2017-07-11");
    assert_eq!(episode["partOfSeries"]["@id"], format!("{BASE_URL}#series"));

    let dre = &json_ld("people/dr-dre/index.html")[0];
    assert_eq!(dre["@type"], "Person");
    let works: Vec<&str> = dre["subjectOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        works,
        ["The Defiant Ones", "Part 1", "Part 2", "Part 3", "Part 4"]
    );

    let reception = &json_ld("reception/index.html")[0];
    let types: Vec<&str> = reception["mainEntity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["@type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "AggregateRating",
            "AggregateRating",
            "Review",
            "Review",
            "Review",
            "Review"
        ]
    );
    assert_eq!(reception["mainEntity"][3]["author"]["name"], "Lorraine Ali");
}

#[test]
fn the_timeline_lists_every_dated_event_in_order_with_links() {
    let timeline = page("timeline/index.html");
    let years: Vec<usize> = ["1992", "2014", "2017", "2018"]
        .iter()
        .map(|y| {
            timeline
                .find(&format!("<h2 id=\"y{y}\">"))
                .unwrap_or_else(|| panic!("no {y}"))
        })
        .collect();
    assert!(years.windows(2).all(|w| w[0] < w[1]), "years in order");
    let text = text_of(timeline);
    for event in [
        "The Chronic",
        "megadeal with Apple",
        "July 9:",
        "July 12:",
        "February 9:",
        "March 23:",
        "Best Music Film",
    ] {
        assert!(text.contains(event), "timeline: {event}");
    }
    for target in [
        "episodes/part-3/",
        "episodes/part-4/",
        "release/#netflix",
        "accolades/#award-7",
    ] {
        assert!(
            timeline.contains(&format!("href=\"{BASE_PATH}{target}\"")),
            "timeline links {target}"
        );
    }
}

#[test]
fn the_search_page_lists_every_page_for_readers_without_javascript() {
    let search = page("search/index.html");
    let fallback = &search[search.find("id=\"search-fallback\"").unwrap()..];
    for (path, _) in
        html_pages().filter(|(p, _)| p.as_str() != "404.html" && p.as_str() != "search/index.html")
    {
        let url = format!("{BASE_PATH}{}", path.trim_end_matches("index.html"));
        assert!(
            fallback.contains(&format!("href=\"{url}\"")),
            "the fallback lacks {url}"
        );
    }
    assert!(search.contains("<input id=\"search-input\""));
}
