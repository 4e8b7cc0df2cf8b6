//! Videos: a poster that loads nothing from the provider until it is clicked, a plain link
//! without JavaScript, and the videos told to search engines.

use std::path::Path;

use crate::common::{fansite, golden_in_default_theme};
use crate::images::photo_jpeg;

/// Adds `lines` at the end of the front matter of `file` under `site`.
fn add_front_end(site: &Path, file: &str, lines: &str) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let (front, body) = text[4..].split_once("+++\n").unwrap();
    std::fs::write(&path, format!("+++\n{front}{lines}\n+++\n{body}")).unwrap();
}

/// The golden fixture, in the default theme, with a trailer on the home page and a clip
/// with a poster on an episode.
fn site_with_videos() -> tempfile::TempDir {
    let site = golden_in_default_theme();
    let root = site.path();
    std::fs::write(root.join("content/episodes/clip.jpg"), photo_jpeg(640, 360)).unwrap();
    add_front_end(
        root,
        "content/_index.md",
        "[[videos]]\nprovider = \"youtube\"\nid = \"dQw4w9WgXcQ\"\ntitle = \"The trailer\"\ntrailer = true",
    );
    add_front_end(
        root,
        "content/episodes/one.md",
        "[[videos]]\nprovider = \"vimeo\"\nid = \"76979871\"\ntitle = \"A clip <with> \\\"quotes\\\"\"\nposter = \"clip.jpg\"",
    );
    add_front_end(
        root,
        "content/people/the-d-o-c.md",
        "[[videos]]\nprovider = \"youtube\"\nid = \"abcdefghijk\"\ntitle = \"An interview\"",
    );
    site
}

/// The `<figure class="video">…</figure>` of a page.
fn facades(page: &str) -> Vec<&str> {
    page.match_indices("<figure class=\"video\">")
        .map(|(at, _)| {
            let end = page[at..].find("</figure>").unwrap() + at + "</figure>".len();
            &page[at..end]
        })
        .collect()
}

#[test]
fn a_video_is_a_poster_that_asks_the_provider_for_nothing_until_clicked() {
    let site = site_with_videos();
    let root = site.path();
    let output = fansite(root, &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read = |page: &str| std::fs::read_to_string(root.join("public").join(page)).unwrap();
    let home = read("index.html");
    let episode = read("episodes/one/index.html");
    let mut shown = String::new();
    for (name, page) in [("index.html", &home), ("episodes/one/index.html", &episode)] {
        shown.push_str(&format!("## {name}\n"));
        for facade in facades(page) {
            shown.push_str(facade);
            shown.push('\n');
        }
        let json_ld = page.split("application/ld+json\">").nth(1).unwrap();
        let json_ld = json_ld.split("</script>").next().unwrap();
        let value: serde_json::Value = serde_json::from_str(json_ld).unwrap();
        for key in ["trailer", "video"] {
            if let Some(videos) = value.get(key) {
                shown.push_str(&format!("{key}: {videos}\n"));
            }
        }
    }
    insta::assert_snapshot!("videos", shown);

    for page in [&home, &episode] {
        // No element loads anything from a provider: its addresses are in a link and in
        // the attribute the script reads, nowhere else.
        assert!(!page.contains("<iframe"));
        let sources = crate::common::attribute_values(page, "src");
        assert!(
            sources
                .iter()
                .all(|src| !src.contains("youtube") && !src.contains("vimeo")),
            "{sources:?}"
        );
        assert!(page.contains("video.js\" type=\"module\"></script>"));
    }
    // A person's text has videos too.
    let person = read("people/the-d-o-c/index.html");
    assert_eq!(facades(&person).len(), 1, "{person}");
    assert!(
        person.contains(
            "data-embed=\"https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1\""
        )
    );
    assert!(person.contains("video.js\" type=\"module\"></script>"));
    // The script is loaded only where there is a video to play.
    assert!(!read("about/index.html").contains("video.js"));
    assert!(root.join("public/video.js").exists());
}
