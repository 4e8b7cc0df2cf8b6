//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fansite::BuildOptions;

/// The repository root, where the real site lives.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// Copies a fixture site into a fresh temporary folder, so a test may change or build it.
pub fn scratch_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_tree(&fixture(name), dir.path());
    dir
}

/// The golden fixture in the default theme alone: its own templates removed, and the
/// page that named one of them rendered with the theme's.
pub fn golden_in_default_theme() -> tempfile::TempDir {
    let site = scratch_copy("golden");
    let root = site.path();
    std::fs::remove_dir_all(root.join("templates")).unwrap();
    let about = std::fs::read_to_string(root.join("content/about.md")).unwrap();
    std::fs::write(
        root.join("content/about.md"),
        about.replace("template = \"special.html\"\n", ""),
    )
    .unwrap();
    site
}

/// Copies every file under `from` into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable fixture");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds the site at `root` into `output` with the library, panicking on errors.
pub fn build_into(root: &Path, output: &Path) -> fansite::Summary {
    let options = BuildOptions {
        output: Some(output.to_path_buf()),
        ..BuildOptions::new(root)
    };
    match fansite::build(&options) {
        Ok(summary) => summary,
        Err(fansite::Error::Site(diagnostics)) => {
            let all: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
            panic!("build failed:\n{}", all.join("\n"))
        }
        Err(error) => panic!("build failed: {error}"),
    }
}

/// Every file under `dir`, by path relative to it with `/` separators, with its text.
pub fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    read_tree_bytes(dir)
        .into_iter()
        .map(|(rel, bytes)| (rel, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

/// Every file under `dir`, by its path relative to `dir` (with `/`), as bytes.
pub fn read_tree_bytes(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The names in a folder, sorted.
pub fn folder_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs the real `fansite` binary in `dir` with `args`.
pub fn fansite(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fansite"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the fansite binary runs")
}

/// The values of every `name="…"` attribute in `html`, entity-decoded.
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| decode(&rest[..end]))
        })
        .collect()
}

/// The visible text of `html`: tags dropped, entities decoded, white space collapsed,
/// typographic quotes and apostrophes made straight.
pub fn text_of(html: &str) -> String {
    const INLINE: [&str; 12] = [
        "a", "em", "strong", "cite", "time", "span", "code", "abbr", "b", "i", "q", "small",
    ];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        if !INLINE.contains(&name) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = decode(&text)
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the entities the templates and pulldown-cmark write.
pub fn decode(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every fact of an article in the seed's format, as a piece of text that must be on a
/// site made from it: infobox values, list items, table cells and every sentence of prose.
pub fn article_facts(article: &str) -> Vec<String> {
    let mut facts = Vec::new();
    for line in article.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('=') || line.ends_with(':') || line == "Infobox" {
            continue;
        }
        if let Some(item) = line.strip_prefix("- ") {
            match item.split_once(": ") {
                Some(("First Aired", date)) => {
                    facts.push(format!("First aired {}", human_date(date)))
                }
                Some(("Num Seasons", n)) => facts.push(format!("Seasons {n}")),
                Some(("Num Episodes", n)) => facts.push(format!("Episodes {n}")),
                Some((_, values)) => facts.extend(values.split(", ").map(str::to_string)),
                None => facts.push(item.to_string()),
            }
        } else if line.starts_with('|') {
            facts.extend(
                line.split('|')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_string),
            );
        } else {
            // Prose: every sentence, split where a sentence may end.
            facts.extend(
                line.replace("\"", "")
                    .split(". ")
                    .map(|s| s.trim_end_matches('.').to_string())
                    .filter(|s| s.split(' ').count() >= 3),
            );
        }
    }
    facts
}

/// `2017-07-09` as pages show it: `July 9, 2017`.
fn human_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let date = fansite::date::Date {
        year: parts[0].parse().expect("a year"),
        month: parts[1].parse().expect("a month"),
        day: parts[2].parse().expect("a day"),
    };
    fansite::theme::Labels::english().date(date)
}

/// The facts that no HTML page of `site` (path → text) shows.
pub fn missing_facts(site: &BTreeMap<String, String>, facts: Vec<String>) -> Vec<String> {
    let all_text: String = site
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, html)| text_of(html) + "\n")
        .collect();
    let without_quotes = all_text.replace('"', "");
    // Award recipients are listed as `A, B and C`; the seed runs them together.
    let names_run_together = without_quotes.replace(", ", " ").replace(" and ", " ");
    facts
        .into_iter()
        .filter(|fact| {
            let fact = fact.replace('"', "");
            !without_quotes.contains(&fact) && !names_run_together.contains(&fact)
        })
        .collect()
}

/// One row of an accolades table, as text.
#[derive(Debug, PartialEq)]
pub struct AwardRow {
    pub year: String,
    pub association: String,
    pub category: String,
    pub recipients: String,
    pub result: String,
}

/// The rows of the awards table of the page `html`.
pub fn award_rows(html: &str) -> Vec<AwardRow> {
    let body = &html[html.find("<tbody>").unwrap()..html.find("</tbody>").unwrap()];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            let cells: Vec<String> = row
                .split("<t")
                .skip(1)
                .filter(|c| c.starts_with('d') || c.starts_with("h scope=\"row\""))
                .map(|c| text_of(&format!("<t{c}")))
                .collect();
            let category = cells[2].split(" Note:").next().unwrap().to_string();
            AwardRow {
                year: cells[0].clone(),
                association: cells[1].clone(),
                category,
                recipients: cells[3].clone(),
                result: cells[4].clone(),
            }
        })
        .collect()
}

/// The seed's association names, told from categories by how they end.
fn is_association(cell: &str) -> bool {
    ["Awards", "Editors", "Association"]
        .iter()
        .any(|end| cell.ends_with(end))
}

/// Checks that each row of the seed's awards table is in `rows` with the year and the
/// association its lost merged cells gave it, and its recipients; returns how many rows
/// the seed's table has.
pub fn assert_seed_table_rebuilt(seed: &str, rows: &[AwardRow]) -> usize {
    // The seed's rows: a row holds a year and an association only where a span began;
    // every later row inherits them.
    let mut association = String::new();
    let mut seed_rows = 0;
    for line in seed.lines().filter(|l| l.starts_with("| ")).skip(1) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let cells: Vec<&str> = cells.into_iter().filter(|c| !c.is_empty()).collect();
        let (category, recipients) = match cells.as_slice() {
            [year, assoc, category] if year.bytes().all(|b| b.is_ascii_digit()) => {
                association = assoc.to_string();
                (*category, "")
            }
            [assoc, category, recipients] if is_association(assoc) => {
                association = assoc.to_string();
                (*category, *recipients)
            }
            [assoc, category] if is_association(assoc) => {
                association = assoc.to_string();
                (*category, "")
            }
            [category, recipients] => (*category, *recipients),
            other => panic!("unexpected seed row {other:?}"),
        };
        let row = rows
            .iter()
            .find(|r| r.category == category)
            .unwrap_or_else(|| panic!("no row for `{category}`"));
        assert_eq!(row.association, association, "{category}");
        assert_eq!(row.year, "2018", "{category}");
        let recipients_as_in_seed = row.recipients.replace(", ", " ").replace(" and ", " ");
        let expected = if recipients.is_empty() {
            "—"
        } else {
            recipients
        };
        assert_eq!(recipients_as_in_seed, expected, "{category}");
        seed_rows += 1;
    }
    seed_rows
}

/// Checks the results of the seed's awards: those the prose states, won or nominated, and
/// the others left unstated.
pub fn assert_seed_results(rows: &[AwardRow]) {
    let result = |category: &str| {
        rows.iter()
            .find(|r| r.category == category)
            .map(|r| r.result.as_str())
            .unwrap_or_else(|| panic!("no row {category}"))
    };
    assert_eq!(result("Best Music Film"), "Won");
    assert_eq!(result("Best Limited Series"), "Won");
    assert_eq!(
        result("Outstanding Directing in a Television Movie, Documentary or Special"),
        "Won"
    );
    assert_eq!(result("Best Edited Documentary - Television"), "Nominated");
    assert_eq!(
        rows.iter()
            .filter(|r| r.association == "Primetime Emmy Awards" && r.result == "Nominated")
            .count(),
        5
    );
    assert_eq!(result("Best Music Documentary"), "Not stated");
    assert_eq!(result("Outstanding Documentary"), "Not stated");
}
