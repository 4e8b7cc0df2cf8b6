//! `fansite import`: an article in the seed's format becomes a site that builds and shows
//! every fact of the article; a malformed article is reported like a content error, word
//! for word, and the target folder is left as it was.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use fansite::import::Imported;

use crate::common::{
    article_facts, assert_seed_results, assert_seed_table_rebuilt, award_rows, build_into,
    copy_tree, fansite, fixture, folder_names, missing_facts, read_tree, repo_root, text_of,
};

/// What an import said, and the site it made as built.
struct Built {
    imported: Imported,
    site: BTreeMap<String, String>,
}

impl Built {
    fn page(&self, path: &str) -> &str {
        self.site
            .get(path)
            .unwrap_or_else(|| panic!("the imported site has no {path}"))
    }
}

/// Imports `article` into a new folder, adds this repository's `templates/` and `static/`
/// (until the default theme is embedded, a site needs them), and builds it.
fn import_and_build(article: &Path) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let imported = match fansite::import::import(article, &site) {
        Ok(imported) => imported,
        Err(fansite::Error::Site(diagnostics)) => {
            let all: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
            panic!("import failed:\n{}", all.join("\n"))
        }
        Err(error) => panic!("import failed: {error}"),
    };
    for folder in ["templates", "static"] {
        copy_tree(&repo_root().join(folder), &site.join(folder));
    }
    let public = dir.path().join("public");
    build_into(&site, &public);
    Built {
        imported,
        site: read_tree(&public),
    }
}

fn seed_path() -> std::path::PathBuf {
    repo_root().join("seed/the-defiant-ones.txt")
}

fn seed_site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| import_and_build(&seed_path()))
}

fn invented_path() -> std::path::PathBuf {
    fixture("import/salt-and-stone.txt")
}

fn invented_site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| import_and_build(&invented_path()))
}

#[test]
fn the_imported_seed_shows_every_fact_of_the_seed() {
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    // The import keeps the article's words as they are, `Varietys` included.
    let missing = missing_facts(&seed_site().site, article_facts(&seed));
    assert!(
        missing.is_empty(),
        "facts missing from the imported site:\n{}",
        missing.join("\n")
    );
    assert!(seed_site().imported.unplaced.is_empty());
}

#[test]
fn the_imported_seed_rebuilds_the_awards_table_and_adds_the_prose_row() {
    let seed = std::fs::read_to_string(seed_path()).unwrap();
    let rows = award_rows(seed_site().page("accolades/index.html"));
    assert_eq!(assert_seed_table_rebuilt(&seed, &rows), 12);
    // The prose names one award the table lacks: the HPA Award, with no year.
    assert_eq!(rows.len(), 13);
    let hpa = &rows[12];
    assert_eq!(
        (
            hpa.year.as_str(),
            hpa.association.as_str(),
            hpa.category.as_str(),
            hpa.recipients.as_str(),
            hpa.result.as_str()
        ),
        (
            "—",
            "HPA Awards",
            "Outstanding Editing (Television over 30 minutes)",
            "Doug Pray and Lasse Järvi",
            "Won"
        )
    );
}

#[test]
fn the_imported_seed_takes_results_only_from_the_prose() {
    assert_seed_results(&award_rows(seed_site().page("accolades/index.html")));
    // A recipient that is the series itself links to the home page, not to a person.
    let accolades = seed_site().page("accolades/index.html");
    assert!(accolades.contains("<a href=\"/\">The Defiant Ones</a>"));
    assert!(
        !seed_site()
            .site
            .contains_key("people/the-defiant-ones/index.html")
    );
    let text = text_of(seed_site().page("accolades/index.html"));
    assert!(text.contains("The article's prose names this Writing for a Nonfiction Program."));
    assert!(text.contains("The article's prose calls this the 2017 Grammy Award"));
}

#[test]
fn the_imported_seed_dates_each_part_and_links_the_people_it_names() {
    let guide = text_of(seed_site().page("episodes/index.html"));
    for (part, date) in [
        (1, "July 9, 2017"),
        (2, "July 10, 2017"),
        (3, "July 11, 2017"),
        (4, "July 12, 2017"),
    ] {
        assert!(
            guide.contains(&format!("{part} Part {part} {date}")),
            "part {part}: {guide}"
        );
    }
    let part_2 = seed_site().page("episodes/part-2/index.html");
    for person in ["tom-petty", "stevie-nicks", "dr-dre", "jimmy-iovine"] {
        assert!(
            part_2.contains(&format!("href=\"/people/{person}/\"")),
            "{person}"
        );
    }
    // Named in Part 3, but not in the cast or the credits: no page of their own.
    assert!(
        !seed_site()
            .site
            .contains_key("people/tupac-shakur/index.html")
    );
    let cast = text_of(seed_site().page("cast/index.html"));
    assert!(cast.contains("Gregory Schwabe as FBI Agent"), "{cast}");
}

#[test]
fn the_cli_prints_what_the_seed_import_placed_where_and_what_it_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_path();
    let output = fansite(dir.path(), &["import", seed.to_str().unwrap(), "site"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "\
Imported 12 files:
  site.toml: the title, the lead's first sentence, 15 infobox lines (credits: director, writer, producer, editor, cinematography, music), 23 cast members (2 in reenactments)
  content/_index.md: the lead, Overview
  content/cast.md: Cast (the people are in site.toml's [[series.cast]])
  content/episodes/_index.md: Episodes, the episode guide
  content/episodes/part-1.md: Part 1, aired 2017-07-09, featuring Dr. Dre, Jimmy Iovine
  content/episodes/part-2.md: Part 2, aired 2017-07-10, featuring Dr. Dre, Jimmy Iovine, Tom Petty, Stevie Nicks
  content/episodes/part-3.md: Part 3, aired 2017-07-11, featuring Jimmy Iovine, Dr. Dre, Snoop Dogg
  content/episodes/part-4.md: Part 4, aired 2017-07-12, featuring Dr. Dre, Jimmy Iovine, Eminem
  content/release.md: Release
  content/soundtrack.md: Soundtrack
  content/reception.md: Reception, with 2 aggregator scores and 4 reviews in front matter, and the prose
  content/accolades.md: Accolades, with 13 awards (12 from the table, 1 from the prose alone; 10 with a stated result), and the prose
  guessed: publication `Variety` read from `Varietys`, a possessive without its apostrophe
  guessed: publication `IndieWire` read from `IndieWires`, a possessive without its apostrophe
  guessed: line 84: recipients `Jay Nierenberg Del Spiva Katrina Frederick David Mann Todd Niesen` split as Jay Nierenberg | Del Spiva | Katrina Frederick | David Mann | Todd Niesen
  guessed: line 85: recipients `Chris Jenkins Gabriel Andy Giner` split as Chris Jenkins | Gabriel Andy Giner
  noted: the row `Best Music Film`: The article's prose calls this the 2017 Grammy Award; its table lists it under 2018.
  noted: the row `Outstanding Directing for a Nonfiction Program`: The article's prose names this Writing for a Nonfiction Program.
  noted: a row from the prose alone: HPA Awards, Outstanding Editing (Television over 30 minutes)
"
    );
    assert!(dir.path().join("site/content/episodes/part-4.md").is_file());
}

#[test]
fn an_invented_article_shows_every_fact_of_it() {
    let article = std::fs::read_to_string(invented_path()).unwrap();
    let missing = missing_facts(&invented_site().site, article_facts(&article));
    assert!(
        missing.is_empty(),
        "facts missing from the imported site:\n{}",
        missing.join("\n")
    );
}

#[test]
fn an_invented_article_without_air_dates_or_accolades_gets_neither() {
    let built = invented_site();
    let parts: Vec<&String> = built
        .site
        .keys()
        .filter(|p| p.starts_with("episodes/part-"))
        .collect();
    assert_eq!(parts.len(), 6, "{parts:?}");
    assert!(parts[5].starts_with("episodes/part-6-dark-months/"));
    for path in parts {
        assert!(!built.page(path).contains("<time"), "{path} has a date");
    }
    assert!(
        !built.page("atom.xml").contains("<entry>"),
        "undated parts are not in the feed"
    );
    assert!(!built.site.contains_key("accolades/index.html"));
    let report = built.imported.report.join("\n");
    assert!(
        report.contains(
            "noted: no air dates: the article does not state one for each of its 6 parts"
        ),
        "{report}"
    );
}

#[test]
fn an_invented_article_keeps_its_accents_and_people() {
    let built = invented_site();
    for person in [
        "zoe-angstrom",
        "jose-nunez",
        "siobhan-oconnor",
        "olafur-bjornsson",
        "asgeir-thorsson",
        "francois-dupre-levesque",
    ] {
        let path = format!("people/{person}/index.html");
        assert!(built.site.contains_key(&path), "no page for {person}");
    }
    let cast = text_of(built.page("cast/index.html"));
    assert!(cast.contains("José Núñez as Young Ólafur"), "{cast}");
    let part_5 = built.page("episodes/part-5-merchants/index.html");
    assert!(part_5.contains("href=\"/people/chloe-lefevre/\""));
    let reception = text_of(built.page("reception/index.html"));
    for fact in [
        "Rotten Tomatoes 92% from 13 critics' reviews",
        "Hélène Duval, Le Monde Positive review",
        "Peter Bradshaw, The Guardian",
    ] {
        assert!(reception.contains(fact), "{fact}\n{reception}");
    }
    let home = text_of(built.page("index.html"));
    assert!(home.contains("Production companies Hafið & Steinn Films, Nordlys Média"));
}

#[test]
fn an_invented_article_keeps_the_line_it_could_not_place_on_its_page() {
    let built = invented_site();
    assert_eq!(
        built.imported.unplaced,
        [(59, "| Hólmavík | salt works |".to_string())]
    );
    let locations = text_of(built.page("locations/index.html"));
    assert!(
        locations.contains("| Hólmavík | salt works |"),
        "{locations}"
    );
}

#[test]
fn an_article_of_a_title_a_lead_and_one_part_builds() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("mini.txt");
    std::fs::write(
        &article,
        "= Mini =\n\nMini is a film.\n\n==Episodes==\n===One===\nText.\n",
    )
    .unwrap();
    let built = import_and_build(&article);
    let home = text_of(built.page("index.html"));
    assert!(home.contains("Mini is a film."), "{home}");
    assert!(built.site.contains_key("episodes/one/index.html"));
}

/// Runs `fansite import article.txt site` in a folder holding `article`; returns the exit
/// code, the standard error and the folder.
fn run_import(article: &[u8], setup: impl FnOnce(&Path)) -> (i32, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), article).unwrap();
    setup(dir.path());
    let output = fansite(dir.path(), &["import", "article.txt", "site"]);
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 messages");
    assert!(
        !stderr.contains("panicked"),
        "the import panicked:\n{stderr}"
    );
    (output.status.code().expect("an exit code"), stderr, dir)
}

/// Imports `article`, expecting exactly `expected` on standard error, and no folder made.
#[track_caller]
fn assert_import_fails(article: &str, expected: &str) {
    assert_import_of_bytes_fails(article.as_bytes(), expected);
}

#[track_caller]
fn assert_import_of_bytes_fails(article: &[u8], expected: &str) {
    let (code, stderr, dir) = run_import(article, |_| {});
    assert_eq!(stderr, expected, "\n--- got ---\n{stderr}");
    assert_eq!(code, 1);
    assert_eq!(
        folder_names(dir.path()),
        ["article.txt"],
        "a failed import wrote a folder"
    );
}

/// A well-formed article, with `{…}` holes for the cases to fill.
const ARTICLE: &str = "\
= Salt (TV series) =

Infobox
- Genre: Documentary
{infobox}

Salt is a documentary series.

==Episodes==
{episodes}
==Accolades==
| Year | Association | Category |
| 2021 | Edda Awards | Best Documentary | Zoë Ångström |
{row}
";

fn article(infobox: &str, episodes: &str, row: &str) -> String {
    ARTICLE
        .replace("{infobox}", infobox)
        .replace("{episodes}", episodes)
        .replace("{row}", row)
}

const PARTS: &str = "===Part 1===\nThe thaw.\n";

#[test]
fn an_article_without_a_title_line_is_an_error() {
    let text = article("", PARTS, "").replace("= Salt (TV series) =\n\n", "");
    assert_import_fails(
        &text,
        "\
error: the article has no title line
 --> article.txt:1:1
  |
1 | Infobox
  | ^^^^^^^ expected the title here, such as `= The Defiant Ones (TV series) =`
  |
help: an article starts with its title between `=` signs: `= Title =`

error: the article has 1 error; nothing was written
",
    );
}

#[test]
fn an_infobox_line_without_a_colon_is_an_error() {
    assert_import_fails(
        &article("- Director Zoë Ångström", PARTS, ""),
        "\
error: infobox line has no `:`
 --> article.txt:5:3
  |
5 | - Director Zoë Ångström
  |   ^^^^^^^^^^^^^^^^^^^^^ expected `Name: value`
  |
help: write each infobox line as `- Name: value`, e.g. `- Director: Allen Hughes`

error: the article has 1 error; nothing was written
",
    );
}

#[test]
fn an_empty_episodes_section_is_an_error() {
    assert_import_fails(
        &article("", "", ""),
        "\
error: the episodes section has no episodes
 --> article.txt:9:1
  |
9 | ==Episodes==
  | ^^^^^^^^^^^^ expected `===Part 1===` subsections below this heading
  |
help: give each episode a subsection: `===Part 1===`, then its synopsis

error: the article has 1 error; nothing was written
",
    );
}

#[test]
fn a_table_row_with_too_many_cells_is_an_error() {
    assert_import_fails(
        &article("", PARTS, "| 2022 | Edda Awards | Best Editing | Zoë Ångström | Sound | Extra |"),
        "\
error: table row has 6 cells, 2 too many
  --> article.txt:16:54
   |
16 | | 2022 | Edda Awards | Best Editing | Zoë Ångström | Sound | Extra |
   |                                                      ^^^^^^^^^^^^^ no column for these cells
   |
help: an awards row is `| year | association | category | recipients |`, then a result (`Won`, `Nominated`) if any; the year and the association may be left out where the row above gives them

error: the article has 1 error; nothing was written
",
    );
}

#[test]
fn a_file_that_is_not_utf8_is_an_error() {
    let mut bytes = article("", PARTS, "").into_bytes();
    bytes.splice(2..3, [0xff]);
    assert_import_of_bytes_fails(
        &bytes,
        "\
error: file is not UTF-8 text
 --> article.txt:1:3
  |
1 | = \u{fffd}alt (TV series) =
  |   ^ byte 2 is not valid UTF-8
  |
help: save the file with UTF-8 encoding

error: the article has 1 error; nothing was written
",
    );
}

#[test]
fn every_error_of_an_article_is_reported_in_line_order() {
    let (code, stderr, _dir) = run_import(
        article(
            "- Director Zoë\n- Num Episodes: six",
            "",
            "| 1 | 2 | 3 | 4 | 5 |",
        )
        .as_bytes(),
        |_| {},
    );
    assert_eq!(code, 1);
    let messages: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.trim_start().starts_with("--> "))
        .map(str::trim_start)
        .collect();
    assert_eq!(
        messages,
        [
            "error: infobox line has no `:`",
            "--> article.txt:5:3",
            "error: `Num Episodes` is not a whole number",
            "--> article.txt:6:17",
            "error: the episodes section has no episodes",
            "--> article.txt:10:1",
            "error: table row has 5 cells, 2 too many",
            "--> article.txt:15:15",
            "error: the article has 4 errors; nothing was written",
        ]
    );
}

#[test]
fn a_failed_import_leaves_an_empty_target_as_it_was() {
    let (code, _, dir) = run_import(article("", "", "").as_bytes(), |dir| {
        std::fs::create_dir(dir.join("site")).unwrap();
    });
    assert_eq!(code, 1);
    assert_eq!(folder_names(dir.path()), ["article.txt", "site"]);
    assert!(folder_names(&dir.path().join("site")).is_empty());
}

#[test]
fn an_import_fills_an_empty_target() {
    let (code, stderr, dir) = run_import(article("", PARTS, "").as_bytes(), |dir| {
        std::fs::create_dir(dir.join("site")).unwrap();
    });
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(folder_names(dir.path()), ["article.txt", "site"]);
    assert_eq!(
        folder_names(&dir.path().join("site")),
        ["content", "site.toml"]
    );
}

#[test]
fn a_target_that_is_not_empty_is_refused() {
    let (code, stderr, dir) = run_import(article("", PARTS, "").as_bytes(), |dir| {
        std::fs::create_dir(dir.join("site")).unwrap();
        std::fs::write(dir.join("site/notes.txt"), "mine").unwrap();
    });
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: refusing to import into `site`: it is not empty; name a new folder or an empty one\n"
        )
    );
    assert_eq!(folder_names(&dir.path().join("site")), ["notes.txt"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site/notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_target_that_is_a_file_is_refused() {
    let (code, stderr, dir) = run_import(article("", PARTS, "").as_bytes(), |dir| {
        std::fs::write(dir.join("site"), "a file").unwrap();
    });
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: refusing to import into `site`: it is a file, not a folder\n"
        )
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site")).unwrap(),
        "a file"
    );
}

#[test]
fn every_imported_file_reads_back_as_the_content_contract() {
    let text = std::fs::read_to_string(invented_path()).unwrap();
    let imported = fansite::import::parse(&text, Path::new("salt-and-stone.txt")).unwrap();
    for file in &imported.files {
        let path = file.path.to_string_lossy();
        if path == "site.toml" {
            let config = fansite::config::Config::parse(&file.text, &file.path)
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(config.series.credits["narrator"], ["José Núñez"]);
        } else {
            let split = fansite::content::front_matter::split(&file.text)
                .unwrap_or_else(|e| panic!("{path}: {e:?}"));
            let front: fansite::content::FrontMatter =
                toml::from_str(&file.text[split.front]).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(!front.title.is_empty(), "{path}");
        }
    }
    let part_1 = imported
        .files
        .iter()
        .find(|f| f.path == Path::new("content/episodes/part-1-thaw.md"))
        .unwrap();
    assert!(
        part_1
            .text
            .starts_with("+++\ntitle = \"Part 1: \\\"Thaw\\\"\"\nweight = 1\n")
    );
}

#[test]
fn no_cut_or_shuffle_of_an_article_makes_the_import_panic() {
    for path in [seed_path(), invented_path()] {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut variants: Vec<String> = (0..text.len())
            .step_by(5)
            .filter(|&cut| text.is_char_boundary(cut))
            .map(|cut| text[..cut].to_string())
            .collect();
        // Each line dropped in turn, and each line moved to the top.
        for i in 0..lines.len() {
            let mut dropped = lines.clone();
            let line = dropped.remove(i);
            variants.push(dropped.join("\n"));
            dropped.insert(0, line);
            variants.push(dropped.join("\n"));
        }
        for variant in &variants {
            let result = std::panic::catch_unwind(|| {
                fansite::import::parse(variant, Path::new("article.txt"))
            });
            assert!(result.is_ok(), "the import panicked on:\n{variant}");
        }
    }
}
