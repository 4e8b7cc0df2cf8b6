//! The theme: every word a visitor reads comes from its labels, so that one file
//! translates a site; a misspelt label is located, with the label meant.

use std::path::Path;

use crate::common::{build_into, copy_tree, fansite, read_tree, repo_root, text_of};

/// A copy of this repository's site, in a fresh folder.
fn copy_of_the_real_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    for dir in ["content", "templates", "static", "labels"] {
        copy_tree(&repo_root().join(dir), &site.path().join(dir));
    }
    std::fs::copy(repo_root().join("site.toml"), site.path().join("site.toml")).unwrap();
    site
}

/// Every string of the English labels, by key.
fn english_labels() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo_root().join("labels/en.toml")).unwrap();
    let table: toml::Table = text.parse().unwrap();
    let mut strings = Vec::new();
    for (key, value) in table {
        match value {
            toml::Value::String(s) => strings.push((key, s)),
            toml::Value::Array(items) => strings.extend(
                items
                    .into_iter()
                    .filter_map(|v| Some((key.clone(), v.as_str()?.to_string()))),
            ),
            toml::Value::Table(table) => strings.extend(
                table
                    .into_iter()
                    .filter_map(|(k, v)| Some((format!("{key}.{k}"), v.as_str()?.to_string()))),
            ),
            _ => {}
        }
    }
    strings
}

/// The English labels with every word replaced by a made-up one, their `{places}` kept.
fn translated(text: &str) -> String {
    let mut table: toml::Table = text.parse().unwrap();
    fn translate(key: &str, value: &mut toml::Value) {
        match value {
            toml::Value::String(s) => {
                let places: Vec<&str> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
                    .collect();
                let places: String = places.iter().map(|p| format!(" {{{p}}}")).collect();
                *s = format!("zz-{}{places}", key.replace('_', "-"));
            }
            toml::Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    translate(&format!("{key}{i}"), item);
                }
            }
            toml::Value::Table(table) => {
                for (k, v) in table.iter_mut() {
                    translate(k, v);
                }
            }
            _ => {}
        }
    }
    for (key, value) in table.iter_mut() {
        translate(key, value);
    }
    // Plain values first, then the tables, as TOML wants them.
    let quoted = |v: &toml::Value| format!("{:?}", v.as_str().unwrap());
    let mut text = String::new();
    let mut tables = String::new();
    for (key, value) in &table {
        match value {
            toml::Value::Table(inner) => {
                tables.push_str(&format!("[{key}]\n"));
                for (k, v) in inner {
                    tables.push_str(&format!("{k} = {}\n", quoted(v)));
                }
            }
            toml::Value::Array(items) => {
                let items: Vec<String> = items.iter().map(quoted).collect();
                text.push_str(&format!("{key} = [{}]\n", items.join(", ")));
            }
            value => text.push_str(&format!("{key} = {}\n", quoted(value))),
        }
    }
    text + &tables
}

#[test]
fn one_labels_file_translates_every_word_the_theme_shows() {
    let site = copy_of_the_real_site();
    let config = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    let config = config.replace(
        "language = \"en\"\n\n[series]",
        "language = \"fr\"\n\n[series]",
    );
    std::fs::write(site.path().join("site.toml"), &config).unwrap();
    let english = std::fs::read_to_string(repo_root().join("labels/en.toml")).unwrap();
    std::fs::write(site.path().join("labels/fr.toml"), translated(&english)).unwrap();

    let out = site.path().join("out");
    build_into(site.path(), &out);
    let files = read_tree(&out);
    let home = &files["index.html"];
    assert!(
        home.starts_with("<!doctype html>\n<html lang=\"fr\">"),
        "{home}"
    );
    assert!(home.contains(">zz-home</a>"), "the menu's first item");
    let part_1 = text_of(&files["episodes/part-1/index.html"]);
    assert!(part_1.contains("zz-part-of 1 4"), "{part_1}");
    assert!(
        part_1.contains("zz-aired zz-date zz-months6 9 2017"),
        "{part_1}"
    );

    // Every English label that the site's own text does not also hold is gone.
    let sources: String = read_tree(&site.path().join("content"))
        .into_values()
        .collect();
    let sources = text_of(&(sources + &config));
    let shown: String = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, html)| text_of(&without_scripts(html)) + " " + &attributes(html))
        .collect();
    let left: Vec<String> = english_labels()
        .into_iter()
        .map(|(key, words)| (key, words.split('{').next().unwrap().trim().to_string()))
        .filter(|(_, words)| words.len() > 3 && !sources.contains(words.as_str()))
        .filter(|(_, words)| shown.contains(words.as_str()))
        .map(|(key, words)| format!("{key}: {words}"))
        .collect();
    assert!(
        left.is_empty(),
        "English left on the pages:\n{}",
        left.join("\n")
    );
}

/// `html` without its `<script>` elements, whose JSON-LD holds schema.org's words.
fn without_scripts(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        kept.push_str(&rest[..start]);
        rest = rest[start..]
            .find("</script>")
            .map_or("", |end| &rest[start + end + "</script>".len()..]);
    }
    kept + rest
}

/// The text of the attributes a visitor may read: `aria-label`, `title`, `placeholder`,
/// `alt`, and the table cells' `data-label`.
fn attributes(html: &str) -> String {
    ["aria-label", "title", "placeholder", "alt", "data-label"]
        .iter()
        .flat_map(|name| crate::common::attribute_values(html, name))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_misspelt_label_is_located_with_a_suggestion() {
    let site = copy_of_the_real_site();
    let base = site.path().join("templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    let text = text.replace("labels.skip_to_content", "labels.skip_to_contnet");
    std::fs::write(&base, text).unwrap();
    let output = fansite(site.path(), &["check"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "\
error: field `skip_to_contnet` is not defined
  --> templates/base.html:47:45
   |
47 | <a class=\"skip-link\" href=\"#main\">{{ labels.skip_to_contnet }}</a>
   |                                             ^^^^^^^^^^^^^^^
   |
help: while rendering `content/_index.md` and 64 other pages; did you mean `skip_to_content`?

error: the site has 1 error; nothing was written
"
    );
    assert!(!Path::new(&site.path().join("public")).exists());
}

/// A documentary of another channel, with nothing of this repository's site.
fn another_series(extra_config: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let files = [
        (
            "site.toml",
            format!(
                "title = \"Tide Lines\"\nbase_url = \"https://example.org/tide/\"\ndescription = \"A fan guide to Tide Lines.\"\n{extra_config}\n[series]\nchannel = \"PBS\"\ngenre = \"Nature\"\nfirst_aired = 2021-03-01\n[series.credits]\ndirector = [\"Mira Holt\"]\n[[series.cast]]\nname = \"Otto Brand\"\n"
            ),
        ),
        (
            "content/_index.md",
            "+++\ntitle = \"Tide Lines\"\n+++\nThe sea, slowly.\n".to_string(),
        ),
        (
            "content/episodes/_index.md",
            "+++\ntitle = \"Episodes\"\n+++\n".to_string(),
        ),
        (
            "content/episodes/ebb.md",
            "+++\ntitle = \"Ebb\"\nweight = 1\ndate = 2021-03-01\nfeaturing = [\"Otto Brand\"]\n+++\nThe water goes.\n".to_string(),
        ),
    ];
    for (path, text) in files {
        let path = site.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    site
}

#[test]
fn a_site_of_site_toml_and_content_alone_gets_the_whole_default_theme_and_none_of_this_series() {
    let site = another_series("");
    let out = site.path().join("out");
    build_into(site.path(), &out);
    let files = read_tree(&out);
    for expected in [
        "index.html",
        "episodes/index.html",
        "episodes/ebb/index.html",
        "people/index.html",
        "people/otto-brand/index.html",
        "search/index.html",
        "search/index/meta.json",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "style.css",
        "search.js",
    ] {
        assert!(files.contains_key(expected), "{expected} is missing");
    }
    let this_series = [
        "defiant", "hbo", "iovine", "järvi", "jarvi", "grammy", "dr. dre",
    ];
    for (path, text) in &files {
        let text = text.to_lowercase();
        for word in this_series {
            assert!(!text.contains(word), "{path} says `{word}`");
        }
    }
    let search = &files["search/index.html"];
    assert!(
        search.contains("placeholder=\"Try “Otto Brand” or “Ebb”\""),
        "{search}"
    );
    assert!(
        files["index.html"]
            .contains("<title>Tide Lines · the fan guide to the PBS documentary</title>")
    );
}

#[test]
fn search_false_leaves_out_the_search_page_its_index_and_its_link() {
    let site = another_series("search = false");
    let out = site.path().join("out");
    build_into(site.path(), &out);
    let files = read_tree(&out);
    assert!(!files.keys().any(|path| path.starts_with("search/")));
    assert!(!files["index.html"].contains("class=\"search-link\""));
    assert!(!files["sitemap.xml"].contains("/search/"));
}
