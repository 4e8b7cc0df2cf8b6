//! What an editor of a site of their own meets: pages that move keep their old URLs, the
//! menu is theirs to arrange, the cast is grouped by what each person is, free-form data
//! has a place, and warnings catch a misspelt name.

use std::path::Path;

use crate::common::{attribute_values, copy_tree, fansite, repo_root, text_of};

/// A site with this repository's theme and `files` (site.toml included), in a fresh
/// folder.
fn themed_site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    for dir in ["templates", "static", "labels"] {
        copy_tree(&repo_root().join(dir), &site.path().join(dir));
    }
    for (path, text) in files {
        let path = site.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    site
}

const SITE_TOML: &str = "title = \"Tide Lines\"\nbase_url = \"https://example.org/tide/\"\n";

/// Builds `site`; returns its standard error, which holds the warnings.
#[track_caller]
fn build(site: &Path) -> String {
    let output = fansite(site, &["build"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    stderr
}

fn read(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join("public").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn an_alias_is_a_page_that_sends_its_visitors_to_the_new_url() {
    let site = themed_site(&[
        ("site.toml", SITE_TOML),
        ("content/_index.md", "+++\ntitle = \"Tide Lines\"\n+++\n"),
        (
            "content/episodes/_index.md",
            "+++\ntitle = \"Episodes\"\n+++\n",
        ),
        (
            "content/episodes/the-flood.md",
            "+++\ntitle = \"The Flood\"\naliases = [\"/episodes/part-1/\", \"flood.html\"]\n+++\nWater.\n",
        ),
    ]);
    build(site.path());
    for alias in ["episodes/part-1/index.html", "flood.html"] {
        let html = read(site.path(), alias);
        assert!(
            html.contains(
                "<link rel=\"canonical\" href=\"https://example.org/tide/episodes/the-flood/\">"
            ),
            "{alias}: {html}"
        );
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
        assert!(html.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=/tide/episodes/the-flood/\">"
        ));
        assert!(
            text_of(&html).contains("This page has moved to The Flood"),
            "{html}"
        );
    }
    let sitemap = read(site.path(), "sitemap.xml");
    assert!(sitemap.contains("/episodes/the-flood/</loc>"));
    assert!(
        !sitemap.contains("part-1"),
        "aliases are not in the sitemap"
    );
}

#[test]
fn an_alias_taken_by_a_page_or_another_alias_or_not_a_path_is_an_error_naming_both() {
    let site = themed_site(&[
        ("site.toml", SITE_TOML),
        ("content/about.md", "+++\ntitle = \"About\"\n+++\n"),
        (
            "content/a.md",
            "+++\ntitle = \"A\"\naliases = [\"/about/\", \"/old/\", \"https://e.org/x/\"]\n+++\n",
        ),
        (
            "content/b.md",
            "+++\ntitle = \"B\"\naliases = [\"old/\"]\n+++\n",
        ),
    ]);
    let output = fansite(site.path(), &["check"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "\
error: alias `/about/` is taken by the page `content/about.md`
 --> content/a.md:3:12
  |
3 | aliases = [\"/about/\", \"/old/\", \"https://e.org/x/\"]
  |            ^^^^^^^^^ two files cannot have one URL
  |
help: remove the alias, or move what holds the URL

error: alias `https://e.org/x/` is a full address; an alias is a path of this site
 --> content/a.md:3:32
  |
3 | aliases = [\"/about/\", \"/old/\", \"https://e.org/x/\"]
  |                                ^^^^^^^^^^^^^^^^^^
  |
help: write the old URL's path from the site's root, e.g. `aliases = [\"/old/url/\"]`

error: alias `old/` is taken by an alias of `content/a.md`
 --> content/b.md:3:12
  |
3 | aliases = [\"old/\"]
  |            ^^^^^^ two files cannot have one URL
  |
help: remove the alias, or move what holds the URL

error: the site has 3 errors; nothing was written
"
    );
}

#[test]
fn front_matter_arranges_the_menu() {
    let site = themed_site(&[
        ("site.toml", SITE_TOML),
        (
            "content/_index.md",
            "+++\ntitle = \"Tide Lines\"\nmenu_title = \"Start\"\n+++\n",
        ),
        (
            "content/about.md",
            "+++\ntitle = \"About this site\"\nmenu_title = \"About\"\nmenu_weight = 9\n+++\n",
        ),
        (
            "content/credits.md",
            "+++\ntitle = \"Credits\"\nweight = 2\n+++\n",
        ),
        (
            "content/imprint.md",
            "+++\ntitle = \"Imprint\"\nmenu = false\n+++\n",
        ),
        (
            "content/notes/_index.md",
            "+++\ntitle = \"Notes\"\nmenu = false\n+++\n",
        ),
        (
            "content/notes/map.md",
            "+++\ntitle = \"Map\"\nmenu = true\nmenu_weight = 1\n+++\n",
        ),
    ]);
    build(site.path());
    let home = read(site.path(), "index.html");
    let nav = &home[home.find("<nav aria-label=\"Main\">").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert_eq!(
        text_of(nav),
        "Start Map Credits About People Search",
        "by menu_weight, else weight; menu = false leaves a page out, menu = true puts one in"
    );
    assert!(attribute_values(nav, "href").contains(&"/tide/notes/map/".to_string()));
}

#[test]
fn the_cast_is_grouped_by_what_each_person_is_with_their_part() {
    let config = format!(
        "{SITE_TOML}[[series.cast]]\nname = \"Ada Lane\"\n[[series.cast]]\nname = \"Bo Reyes\"\nrole = \"Narrator\"\n[[series.cast]]\nname = \"Cy Moss\"\nrole = \"The Mayor\"\nreenactment = true\n[series.extra]\nrating = \"TV-PG\"\n"
    );
    let site = themed_site(&[
        ("site.toml", &config),
        (
            "content/cast.md",
            "+++\ntitle = \"Cast\"\ntemplate = \"cast.html\"\n+++\n",
        ),
    ]);
    build(site.path());
    let cast = text_of(&read(site.path(), "cast/index.html"));
    assert!(cast.contains("As themselves Ada Lane In other roles Bo Reyes as Narrator Reenactments Cy Moss as The Mayor"), "{cast}");
    let bo = text_of(&read(site.path(), "people/bo-reyes/index.html"));
    assert!(bo.contains("Appears as Narrator"), "{bo}");
}

#[test]
fn a_name_named_once_and_one_letter_from_someone_is_a_warning_that_does_not_fail() {
    let config = format!(
        "{SITE_TOML}[series.credits]\nproducer = [\"Andrew A. Kosove\", \"Jimmy Iovine\"]\ndirector = [\"Jimmy Iovine\"]\n"
    );
    let site = themed_site(&[
        ("site.toml", &config),
        (
            "content/a.md",
            "+++\ntitle = \"A\"\nfeaturing = [\"Jimmy Iovne\", \"Andrew Kosove\", \"Ann Other\"]\n+++\n",
        ),
    ]);
    let stderr = build(site.path());
    assert_eq!(
        stderr,
        "\
warning: `Jimmy Iovne` is named only here
 --> content/a.md:3:14
  |
3 | featuring = [\"Jimmy Iovne\", \"Andrew Kosove\", \"Ann Other\"]
  |              ^^^^^^^^^^^^^ close to `Jimmy Iovine`
  |
help: did you mean `Jimmy Iovine`? If it is someone else, give them a page, `content/people/jimmy-iovne.md`, and this warning goes

warning: `Andrew Kosove` is named only here
 --> content/a.md:3:29
  |
3 | featuring = [\"Jimmy Iovne\", \"Andrew Kosove\", \"Ann Other\"]
  |                             ^^^^^^^^^^^^^^^ close to `Andrew A. Kosove`
  |
help: did you mean `Andrew A. Kosove`? If it is someone else, give them a page, `content/people/andrew-kosove.md`, and this warning goes

"
    );
    let output = fansite(site.path(), &["build", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.ends_with("error: the site has 2 errors; nothing was written\n"),
        "{stderr}"
    );

    std::fs::create_dir_all(site.path().join("content/people")).unwrap();
    std::fs::write(
        site.path().join("content/people/jimmy-iovne.md"),
        "+++\ntitle = \"Jimmy Iovne\"\n+++\nA different person.\n",
    )
    .unwrap();
    let stderr = build(site.path());
    assert!(
        !stderr.contains("`Jimmy Iovne` is named only here"),
        "a page of their own silences it: {stderr}"
    );
}
