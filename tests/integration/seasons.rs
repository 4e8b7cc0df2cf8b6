//! A series in seasons, and listings that stay small: the three-season fixture's numbering,
//! guide, pagination, feed and JSON-LD, and the counts of `site.toml` checked.

use std::collections::BTreeMap;

use crate::common::{build_into, fixture, read_tree, scratch_copy, text_of};

fn built() -> BTreeMap<String, String> {
    let out = tempfile::tempdir().unwrap();
    build_into(&fixture("seasons"), &out.path().join("public"));
    read_tree(&out.path().join("public"))
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

fn main_text(html: &str) -> String {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    text_of(main)
}

#[test]
fn episodes_are_numbered_within_their_season_and_overall_and_walk_across_seasons() {
    let site = built();
    let vents = main_text(&site["episodes/season-10/vents/index.html"]);
    assert!(vents.contains("Season 3, episode 2"), "{vents}");
    let coral = &site["episodes/season-2/coral/index.html"];
    assert!(coral.contains("rel=\"prev\" href=\"/deep/episodes/season-1/sandbars/\""));
    assert!(coral.contains("rel=\"next\" href=\"/deep/episodes/season-2/night-reef/\""));
    let episode = json_ld(coral);
    assert_eq!(episode["@type"], "TVEpisode");
    assert_eq!(episode["episodeNumber"], 1);
    assert_eq!(episode["partOfSeason"]["seasonNumber"], 2);
}

#[test]
fn the_guide_groups_episodes_by_season_with_their_air_dates() {
    let site = built();
    let guide = main_text(&site["episodes/index.html"]);
    assert!(
        guide.contains(
            "The Shallows 3 January 5, 2020 – January 19, 2020 \
             The Reef 2 February 7, 2021 – February 14, 2021 \
             The Trench 2 March 6, 2022 – March 13, 2022"
        ),
        "{guide}"
    );
    let reef = main_text(&site["episodes/season-2/index.html"]);
    assert!(
        reef.starts_with("Episodes The Reef 2 episodes · February 7, 2021 – February 14, 2021"),
        "{reef}"
    );
    assert!(
        reef.contains("4 Coral February 7, 2021 5 Night Reef"),
        "numbered overall: {reef}"
    );
}

#[test]
fn the_home_page_describes_each_season_and_embeds_only_the_episodes_it_lists() {
    let site = built();
    let series = json_ld(&site["index.html"]);
    let seasons = series["containsSeason"].as_array().unwrap();
    let summary: Vec<(u64, u64, &str)> = seasons
        .iter()
        .map(|s| {
            (
                s["seasonNumber"].as_u64().unwrap(),
                s["numberOfEpisodes"].as_u64().unwrap(),
                s["url"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (1, 3, "https://example.org/deep/episodes/season-1/"),
            (2, 2, "https://example.org/deep/episodes/season-2/"),
            (3, 2, "https://example.org/deep/episodes/season-10/"),
        ]
    );
    // home_limit = 3, home_order = "latest": the last episode of season 2 and both of
    // season 3, each season's in its own order.
    let embedded: Vec<Vec<&str>> = seasons
        .iter()
        .map(|s| {
            s.get("episode")
                .and_then(|e| e.as_array())
                .map(|e| e.iter().map(|e| e["name"].as_str().unwrap()).collect())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        embedded,
        [vec![], vec!["Night Reef"], vec!["Abyss", "Vents"]]
    );
    let trench = json_ld(&site["episodes/season-10/index.html"]);
    assert_eq!(trench["mainEntity"]["@type"], "TVSeason");
    assert_eq!(trench["mainEntity"]["seasonNumber"], 3);
    assert_eq!(trench["mainEntity"]["episode"][1]["name"], "Vents");
}

#[test]
fn a_season_cut_into_pages_links_them_and_the_feed_keeps_the_latest() {
    let site = built();
    let first = &site["episodes/season-1/index.html"];
    let second = &site["episodes/season-1/page/2/index.html"];
    assert!(first.contains("<link rel=\"next\" href=\"/deep/episodes/season-1/page/2/\">"));
    assert!(second.contains("<link rel=\"prev\" href=\"/deep/episodes/season-1/\">"));
    assert!(second.contains(
        "<link rel=\"canonical\" href=\"https://example.org/deep/episodes/season-1/page/2/\">"
    ));
    assert!(main_text(first).contains("Tide Pools") && !main_text(first).contains("Sandbars"));
    assert!(
        main_text(second).contains("Page 2 of 2"),
        "{}",
        main_text(second)
    );
    assert!(main_text(second).contains("Sandbars"));
    assert!(
        site["sitemap.xml"]
            .contains("<loc>https://example.org/deep/episodes/season-1/page/2/</loc>")
    );
    let feed = &site["atom.xml"];
    assert_eq!(feed.matches("<entry>").count(), 4, "feed_limit = 4");
    assert!(
        feed.find("Vents").unwrap() < feed.find("Abyss").unwrap(),
        "newest first"
    );
}

#[test]
fn counts_of_site_toml_that_differ_from_the_content_are_errors_where_written() {
    let site = scratch_copy("seasons");
    let config = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    std::fs::write(
        site.path().join("site.toml"),
        config.replace("episodes = 7", "episodes = 9"),
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/episodes/stray.md"),
        "+++\ntitle = \"Stray\"\n+++\n",
    )
    .unwrap();
    let output = crate::common::fansite(site.path(), &["check"]);
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "\
error: an episode directly in `content/episodes/` of a series with seasons
--> content/episodes/stray.md
 |
help: move it into the folder of its season, e.g. `content/episodes/season-1/`

error: `episodes = 9`, but `content/episodes/` has 7 episodes
  --> site.toml:13:12
   |
13 | episodes = 9
   |            ^
   |
help: write `episodes = 7`, or leave `episodes` out and fansite counts them

error: the site has 2 errors; nothing was written
"
    );
}

#[test]
fn a_sitemap_of_more_than_50000_urls_splits_under_an_index() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Long\"\nbase_url = \"https://example.org/long/\"\nsearch = false\n",
    )
    .unwrap();
    let episodes = root.join("content/episodes");
    std::fs::create_dir_all(&episodes).unwrap();
    std::fs::write(
        root.join("content/_index.md"),
        "+++\ntitle = \"Long\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        episodes.join("_index.md"),
        "+++\ntitle = \"Episodes\"\n+++\n",
    )
    .unwrap();
    for n in 1..=50_010 {
        std::fs::write(
            episodes.join(format!("e{n}.md")),
            format!("+++\ntitle = \"E{n}\"\nweight = {n}\n+++\n"),
        )
        .unwrap();
    }
    let out = root.join("public");
    build_into(root, &out);
    let index = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(index.contains("<sitemapindex"), "{index}");
    assert!(index.contains("<loc>https://example.org/long/sitemap-1.xml</loc>"));
    assert!(index.contains("<loc>https://example.org/long/sitemap-2.xml</loc>"));
    assert!(!out.join("sitemap-3.xml").exists());
    let first = std::fs::read_to_string(out.join("sitemap-1.xml")).unwrap();
    let second = std::fs::read_to_string(out.join("sitemap-2.xml")).unwrap();
    assert_eq!(first.matches("<url>").count(), 50_000);
    // The episodes, the guide's pages of 100 (1 + 500 more), the home page, the guide and
    // the people index.
    assert_eq!(second.matches("<url>").count(), 50_010 + 500 + 3 - 50_000);
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://example.org/long/sitemap.xml"),
        "{robots}"
    );
}
