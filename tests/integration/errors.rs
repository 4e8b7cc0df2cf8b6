//! Bad input: every error names the file, line and column, shows the line and a caret,
//! and is checked here word for word. No input makes the build panic or lose `public/`.

use std::path::Path;

use crate::common::{fansite, scratch_copy};

/// A copy of the minimal fixture site with `files` written over it.
fn site_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let site = scratch_copy("minimal");
    for (path, bytes) in files {
        let path = site.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    site
}

/// Runs `fansite <args>` in `site`; returns the exit code and the standard error.
fn run(site: &Path, args: &[&str]) -> (i32, String) {
    let output = fansite(site, args);
    let stderr = String::from_utf8(output.stderr).expect("UTF-8 messages");
    assert!(
        !stderr.contains("panicked"),
        "the build panicked:\n{stderr}"
    );
    (
        output.status.code().expect("an exit code, not a signal"),
        stderr,
    )
}

/// Builds a site made of the minimal fixture and `files`, expecting it to fail with
/// exactly `expected` on standard error, and to write nothing.
#[track_caller]
fn assert_build_fails(files: &[(&str, &[u8])], expected: &str) {
    let site = site_with(files);
    let (code, stderr) = run(site.path(), &["build"]);
    assert_eq!(stderr, expected, "\n--- got ---\n{stderr}");
    assert_eq!(code, 1);
    assert!(
        !site.path().join("public").exists(),
        "a failed build wrote public/"
    );
    let (code, check_stderr) = run(site.path(), &["check"]);
    assert_eq!(
        (code, check_stderr.as_str()),
        (1, expected),
        "check reports the same"
    );
}

#[test]
fn toml_syntax_error_in_front_matter_is_located_in_the_file() {
    assert_build_fails(
        &[(
            "content/bad.md",
            b"+++\ntitle = \"Bad\"\nweight = = 3\n+++\nBody.\n",
        )],
        "\
error: extra `=`, expected nothing
 --> content/bad.md:3:10
  |
3 | weight = = 3
  |          ^

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn toml_syntax_error_in_site_toml() {
    assert_build_fails(
        &[(
            "site.toml",
            b"title = \"Minimal\nbase_url = \"https://example.org/\"\n",
        )],
        "\
error: invalid basic string, expected `\"`
 --> site.toml:1:17
  |
1 | title = \"Minimal
  |                 ^

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn missing_opening_and_closing_markers_and_an_empty_file() {
    assert_build_fails(
        &[
            ("content/a-open.md", b"title = \"No open\"\n+++\n"),
            ("content/b-close.md", b"+++\ntitle = \"No close\"\n"),
            ("content/c-empty.md", b""),
        ],
        "\
error: missing opening `+++` on the first line
 --> content/a-open.md:1:1
  |
1 | title = \"No open\"
  | ^ expected `+++` here
  |
help: a page starts with front matter between `+++` lines:
      +++
      title = \"Part 1\"
      +++

error: front matter is never closed
 --> content/b-close.md:1:1
  |
1 | +++
  | ^^^ opened here; no `+++` line follows
  |
help: end the front matter with a line holding only `+++`

error: file is empty
--> content/c-empty.md
 |
help: a page starts with front matter between `+++` lines:
      +++
      title = \"Part 1\"
      +++

error: the site has 3 errors; nothing was written
",
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    assert_build_fails(
        &[("content/a.md", b"+++\ntitel = \"x\"\n+++\n")],
        "\
error: unknown key `titel`
 --> content/a.md:2:1
  |
2 | titel = \"x\"
  | ^^^^^
  |
help: did you mean `title`?

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn unknown_key_far_from_any_lists_the_keys_and_extra() {
    assert_build_fails(
        &[("content/a.md", b"+++\ntitle = \"x\"\nmood = \"dark\"\n+++\n")],
        "\
error: unknown key `mood`
 --> content/a.md:3:1
  |
3 | mood = \"dark\"
  | ^^^^
  |
help: the keys allowed here are `title`, `description`, `weight`, `date`, `draft`, `slug`, `template`, `featuring`, `menu`, `menu_weight`, `menu_title`, `aliases`, `paginate_by`, `awards`, `aggregators`, `reviews`, `image`, `image_alt`, `videos`, `extra`; put anything else under `[extra]`

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn wrong_type_names_the_key_and_both_types() {
    assert_build_fails(
        &[(
            "content/a.md",
            b"+++\ntitle = \"x\"\nweight = \"three\"\n+++\n",
        )],
        "\
error: `weight` must be a whole number, not a string
 --> content/a.md:3:10
  |
3 | weight = \"three\"
  |          ^^^^^^^ this is a string

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn impossible_date() {
    assert_build_fails(
        &[(
            "content/a.md",
            b"+++\ntitle = \"x\"\ndate = 2017-02-30\n+++\n",
        )],
        "\
error: `date` is not a real date
 --> content/a.md:3:8
  |
3 | date = 2017-02-30
  |        ^^^^^^^^^^ the day between 01 and 28

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn missing_title() {
    assert_build_fails(
        &[("content/a.md", b"+++\ndescription = \"x\"\n+++\n")],
        "\
error: missing `title`
 --> content/a.md:2:1
  |
2 | description = \"x\"
  | ^ `title` is required in this table
  |
help: every page needs a title: `title = \"…\"`

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn unknown_key_in_an_award_and_in_site_toml() {
    assert_build_fails(
        &[
            ("site.toml", b"title = \"Minimal\"\nbase_url = \"https://example.org/\"\n[series]\ngenra = \"Documentary\"\n"),
            (
                "content/a.md",
                b"+++\ntitle = \"x\"\n[[awards]]\nassociation = \"A\"\ncategory = \"C\"\nresults = \"won\"\n+++\n",
            ),
        ],
        "\
error: unknown key `results`
 --> content/a.md:6:1
  |
6 | results = \"won\"
  | ^^^^^^^
  |
help: did you mean `result`?

error: unknown key `genra`
 --> site.toml:4:1
  |
4 | genra = \"Documentary\"
  | ^^^^^
  |
help: did you mean `genre`?

error: the site has 2 errors; nothing was written
",
    );
}

#[test]
fn every_broken_internal_link_is_reported_at_its_line() {
    assert_build_fails(
        &[(
            "content/a.md",
            b"+++\ntitle = \"x\"\n+++\nSee [nope](@/nope.md) and\n[also](@/episodes/gone.md#x).\n",
        )],
        "\
error: link to a page that does not exist: `@/nope.md`
 --> content/a.md:4:5
  |
4 | See [nope](@/nope.md) and
  |     ^^^^^^^^^^^^^^^^^ there is no `content/nope.md`
  |
help: `@/` links name a file under `content/`, e.g. `@/episodes/part-1.md`

error: link to a page that does not exist: `@/episodes/gone.md#x`
 --> content/a.md:5:1
  |
5 | [also](@/episodes/gone.md#x).
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ there is no `content/episodes/gone.md`
  |
help: `@/` links name a file under `content/`, e.g. `@/episodes/part-1.md`

error: the site has 2 errors; nothing was written
",
    );
}

#[test]
fn two_pages_claiming_one_url_are_both_named() {
    assert_build_fails(
        &[
            ("content/about.md", b"+++\ntitle = \"About\"\n+++\n"),
            (
                "content/other.md",
                b"+++\ntitle = \"Other\"\nslug = \"about\"\n+++\n",
            ),
        ],
        "\
error: two pages claim the URL `about/`: content/about.md and content/other.md
--> content/other.md
 |
help: give one of them another file name or `slug`

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn a_static_file_that_would_overwrite_a_page_names_the_page() {
    assert_build_fails(
        &[
            (
                "content/about.md",
                b"+++\ntitle = \"About\"\nfeaturing = [\"Dr. Dre\"]\n+++\n",
            ),
            ("static/about/index.html", b"<p>mine</p>"),
            ("static/people/dr-dre/index.html", b"<p>mine</p>"),
            ("static/sitemap.xml", b"<urlset/>"),
            ("static/about/photo.html", b"<p>no page writes this</p>"),
        ],
        "\
error: would overwrite `about/index.html`, the output of `content/about.md`
--> static/about/index.html

error: would overwrite `people/dr-dre/index.html`, the output of the page of Dr. Dre
--> static/people/dr-dre/index.html

error: would overwrite `sitemap.xml`, the output of the sitemap
--> static/sitemap.xml

error: the site has 3 errors; nothing was written
",
    );
}

#[test]
fn a_slug_outside_a_z_0_9_or_escaping_the_output_is_refused() {
    assert_build_fails(
        &[
            (
                "content/a.md",
                b"+++\ntitle = \"x\"\nslug = \"../../etc\"\n+++\n",
            ),
            (
                "content/b.md",
                b"+++\ntitle = \"x\"\nslug = \"Part One\"\n+++\n",
            ),
        ],
        "\
error: invalid slug `../../etc`
 --> content/a.md:3:8
  |
3 | slug = \"../../etc\"
  |        ^^^^^^^^^^^ only lowercase letters, digits and hyphens are allowed
  |
help: write `slug = \"etc\"`

error: invalid slug `Part One`
 --> content/b.md:3:8
  |
3 | slug = \"Part One\"
  |        ^^^^^^^^^^ only lowercase letters, digits and hyphens are allowed
  |
help: write `slug = \"part-one\"`

error: the site has 2 errors; nothing was written
",
    );
}

#[test]
fn template_syntax_error() {
    assert_build_fails(
        &[("templates/page.html", b"{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.title }</h1>\n{% endblock main %}\n")],
        "\
error: found `}` but expected }}
 --> templates/page.html:3:19
  |
3 | <h1>{{ page.title }</h1>
  |                   ^

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn unknown_template_is_reported_where_the_page_asks_for_it() {
    assert_build_fails(
        &[("content/a.md", b"+++\ntitle = \"x\"\ntemplate = \"fancy.html\"\n+++\n")],
        "\
error: unknown template `fancy.html`
 --> content/a.md:3:12
  |
3 | template = \"fancy.html\"
  |            ^^^^^^^^^^^^
  |
help: the templates are: 404.html, alias.html, atom.xml, base.html, components.html, episodes/season.html, episodes/section.html, index.html, page.html, people.html, person.html, robots.txt, section.html, sitemap.xml

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn undefined_variable_names_the_template_line_and_the_page() {
    assert_build_fails(
        &[
            ("templates/page.html", b"{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>\n{% endblock main %}\n"),
            ("content/a.md", b"+++\ntitle = \"A\"\n+++\n"),
            ("content/b.md", b"+++\ntitle = \"B\"\n+++\n"),
        ],
        "\
error: field `titel` is not defined
 --> templates/page.html:3:13
  |
3 | <h1>{{ page.titel }}</h1>
  |             ^^^^^
  |
help: while rendering `content/a.md` and 1 other page; did you mean `title`?

error: the site has 1 error; nothing was written
",
    );
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_its_first_bad_byte() {
    assert_build_fails(
        &[("content/a.md", b"+++\ntitle = \"caf\xe9\"\n+++\n")],
        "\
error: file is not UTF-8 text
 --> content/a.md:2:13
  |
2 | title = \"caf\u{fffd}\"
  |             ^ byte 16 is not valid UTF-8
  |
help: save the file with UTF-8 encoding

error: the site has 1 error; nothing was written
",
    );
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read() {
    let site = site_with(&[]);
    std::os::unix::fs::symlink(
        "/nonexistent/part-9.md",
        site.path().join("content/part-9.md"),
    )
    .unwrap();
    let (code, stderr) = run(site.path(), &["build"]);
    assert_eq!(
        stderr,
        "\
error: cannot read: symbolic link to `/nonexistent/part-9.md`, which does not exist
--> content/part-9.md

error: the site has 1 error; nothing was written
"
    );
    assert_eq!(code, 1);
}

#[test]
fn every_content_error_of_a_build_is_reported_together() {
    let site = site_with(&[
        ("content/a.md", b"+++\ntitel = \"x\"\n+++\n"),
        ("content/b.md", b"no front matter"),
        (
            "content/c.md",
            b"+++\ntitle = \"C\"\n+++\n[x](@/missing.md)\n",
        ),
        (
            "site.toml",
            b"title = \"Minimal\"\nbase_url = \"https://example.org/\"\nlanguge = \"en\"\n",
        ),
    ]);
    let (code, stderr) = run(site.path(), &["build"]);
    assert_eq!(code, 1);
    for expected in [
        " --> content/a.md:2:1",
        " --> content/b.md:1:1",
        " --> site.toml:3:1",
        "error: the site has 3 errors; nothing was written",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in\n{stderr}"
        );
    }
}

#[test]
fn bad_command_line_use_exits_2() {
    let site = site_with(&[]);
    let (code, stderr) = run(site.path(), &["build", "--bogus"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: unexpected argument '--bogus' found"),
        "{stderr}"
    );
    let (code, stderr) = run(site.path(), &["build", "--base-url", "example.org"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: --base-url must start with `https://` or `http://`, or be a path such as `/`\n"
        )
    );
    let (code, _) = run(site.path(), &[]);
    assert_eq!(code, 2, "no command");
}

#[test]
fn check_prints_ok_and_counts_and_writes_nothing() {
    let site = site_with(&[("content/a.md", b"+++\ntitle = \"A\"\n+++\n")]);
    let output = fansite(site.path(), &["check"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(
        stdout.starts_with("ok: 4 pages, 0 people, 12 files, no errors ("),
        "{stdout}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_missing_site_toml_is_named() {
    let site = tempfile::tempdir().unwrap();
    let (code, stderr) = run(site.path(), &["build"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            1,
            "\
error: no site here: `site.toml` is missing
--> site.toml
 |
help: run fansite in the site's folder, or pass `--root DIR`

error: the site has 1 error; nothing was written
"
        )
    );
}

#[test]
fn markup_in_front_matter_is_escaped_and_markdown_is_not() {
    let site = site_with(&[(
        "content/a.md",
        b"+++\ntitle = \"<script>alert(1)</script>\"\ndescription = \"\\\" onload=\\\"x\"\n+++\n*Real* <b>markup</b>\n",
    )]);
    let (code, stderr) = run(site.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(site.path().join("public/a/index.html")).unwrap();
    assert!(
        html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"),
        "{html}"
    );
    assert!(!html.contains("<script>"), "{html}");
}

#[test]
fn every_mistake_of_one_front_matter_is_reported_at_once() {
    assert_build_fails(
        &[(
            "content/part-9.md",
            b"+++\ntitle = \"Part 9\"\nweight = \"nine\"\ncolour = \"red\"\ndate = 2017-13-45\n+++\n",
        )],
        "\
error: `weight` must be a whole number, not a string
 --> content/part-9.md:3:10
  |
3 | weight = \"nine\"
  |          ^^^^^^ this is a string

error: unknown key `colour`
 --> content/part-9.md:4:1
  |
4 | colour = \"red\"
  | ^^^^^^
  |
help: the keys allowed here are `title`, `description`, `weight`, `date`, `draft`, `slug`, `template`, `featuring`, `menu`, `menu_weight`, `menu_title`, `aliases`, `paginate_by`, `awards`, `aggregators`, `reviews`, `image`, `image_alt`, `videos`, `extra`; put anything else under `[extra]`

error: `date` is not a real date
 --> content/part-9.md:5:8
  |
5 | date = 2017-13-45
  |        ^^^^^^^^^^ the month between 01 and 12

error: the site has 3 errors; nothing was written
",
    );
}

#[test]
fn the_parser_resumes_after_a_syntax_error_and_a_misspelt_key_is_not_also_missing() {
    assert_build_fails(
        &[
            (
                "content/a.md",
                b"+++\ntitel = \"A\"\nweight = = 3\nslug = 7\n+++\n",
            ),
            (
                "site.toml",
                b"title = \"Minimal\"\nbase_url = \"https://example.org/\"\n[series]\nseasons = = 1\nepisodes = \"four\"\n",
            ),
        ],
        "\
error: unknown key `titel`
 --> content/a.md:2:1
  |
2 | titel = \"A\"
  | ^^^^^
  |
help: did you mean `title`?

error: extra `=`, expected nothing
 --> content/a.md:3:10
  |
3 | weight = = 3
  |          ^

error: `slug` must be a string, not a whole number
 --> content/a.md:4:8
  |
4 | slug = 7
  |        ^ this is a whole number

error: extra `=`, expected nothing
 --> site.toml:4:11
  |
4 | seasons = = 1
  |           ^

error: `episodes` must be a whole number, not a string
 --> site.toml:5:12
  |
5 | episodes = \"four\"
  |            ^^^^^^ this is a string

error: the site has 5 errors; nothing was written
",
    );
}

#[test]
fn errors_in_thirty_files_are_all_listed_by_file_and_line_with_the_count() {
    let files: Vec<(String, Vec<u8>)> = (1..=30)
        .map(|n| {
            (
                format!("content/page-{n:02}.md"),
                format!("+++\ntitle = \"Page {n}\"\nweight = \"{n}\"\n+++\n").into_bytes(),
            )
        })
        .collect();
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(path, bytes)| (path.as_str(), bytes.as_slice()))
        .collect();
    let site = site_with(&files);
    let (code, stderr) = run(site.path(), &["build"]);
    assert_eq!(code, 1);
    let places: Vec<&str> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix(" --> "))
        .collect();
    let expected: Vec<String> = (1..=30)
        .map(|n| format!("content/page-{n:02}.md:3:10"))
        .collect();
    assert_eq!(places, expected);
    assert!(
        stderr.ends_with("\nerror: the site has 30 errors; nothing was written\n"),
        "{stderr}"
    );
}

#[test]
fn paths_are_named_from_where_the_command_runs() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("mysite");
    crate::common::copy_tree(&crate::common::fixture("minimal"), &site);
    std::fs::write(site.join("content/a.md"), b"+++\ntitel = \"A\"\n+++\n").unwrap();
    let (code, stderr) = run(parent.path(), &["build", "--root", "mysite"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("\n --> mysite/content/a.md:2:1\n"),
        "{stderr}"
    );
    let (_, stderr) = run(&site.join("content"), &["check", "--root", ".."]);
    assert!(stderr.contains("\n --> ../content/a.md:2:1\n"), "{stderr}");
}

#[test]
fn a_link_to_a_draft_or_to_a_page_with_errors_says_so_not_that_it_is_missing() {
    assert_build_fails(
        &[
            (
                "content/a.md",
                b"+++\ntitle = \"A\"\n+++\n[draft](@/episodes/part-9.md), [broken](@/b.md#x) and [gone](@/c.md).\n",
            ),
            (
                "content/episodes/part-9.md",
                b"+++\ntitle = \"Part 9\"\ndraft = true\n+++\n",
            ),
            ("content/b.md", b"+++\ntitle = 2\n+++\n"),
        ],
        "\
error: link to a draft: `@/episodes/part-9.md`
 --> content/a.md:4:1
  |
4 | [draft](@/episodes/part-9.md), [broken](@/b.md#x) and [gone](@/c.md).
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ `content/episodes/part-9.md` is a draft, which is not published
  |
help: publish it (`draft = false`), link elsewhere, or build with `--drafts` to preview

error: link to a page that has errors: `@/b.md#x`
 --> content/a.md:4:32
  |
4 | [draft](@/episodes/part-9.md), [broken](@/b.md#x) and [gone](@/c.md).
  |                                ^^^^^^^^^^^^^^^^^^ `content/b.md` has errors of its own, reported with the others
  |
help: fix the errors of that page and this link works

error: link to a page that does not exist: `@/c.md`
 --> content/a.md:4:55
  |
4 | [draft](@/episodes/part-9.md), [broken](@/b.md#x) and [gone](@/c.md).
  |                                                       ^^^^^^^^^^^^^^ there is no `content/c.md`
  |
help: `@/` links name a file under `content/`, e.g. `@/episodes/part-1.md`

error: `title` must be a string, not a whole number
 --> content/b.md:2:9
  |
2 | title = 2
  |         ^ this is a whole number

error: the site has 4 errors; nothing was written
",
    );
}

#[test]
fn a_root_relative_base_url_builds_for_preview_with_a_warning_and_deny_warnings_fails() {
    let site = site_with(&[(
        "site.toml",
        b"title = \"Minimal\"\nbase_url = \"/preview/\"\n",
    )]);
    let output = fansite(site.path(), &["build"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "\
warning: `base_url` is `/preview/`, a path without a host: canonical links, the Atom feed, the sitemap and Open Graph URLs are written relative, as a preview needs but search engines and feed readers do not follow
 --> site.toml:2:12
  |
2 | base_url = \"/preview/\"
  |            ^^^^^^^^^^^
  |
help: deploy with the full address, e.g. `--base-url https://example.org/my-site/`

"
    );
    let sitemap = std::fs::read_to_string(site.path().join("public/sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>/preview/</loc>"), "{sitemap}");

    let (code, stderr) = run(site.path(), &["build", "--deny-warnings"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("error: `base_url` is `/preview/`, a path without a host"),
        "{stderr}"
    );
    assert!(stderr.ends_with("error: the site has 1 error; nothing was written\n"));
    let (code, _) = run(site.path(), &["check", "--strict"]);
    assert_eq!(code, 1, "check --strict fails on warnings too");

    let (code, stderr) = run(site.path(), &["build", "--base-url", "/"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.starts_with("warning: `--base-url` is `/`, a path without a host"),
        "{stderr}"
    );
}

#[test]
fn a_picture_without_alt_text_is_an_error_where_it_is_named() {
    let still = crate::images::photo_jpeg(40, 30);
    assert_build_fails(
        &[
            ("content/still.jpg", &still),
            (
                "content/a.md",
                b"+++\ntitle = \"A\"\nimage = \"still.jpg\"\n+++\nText ![](still.jpg).\n",
            ),
        ],
        "\
error: `image` has no `image_alt`
 --> content/a.md:3:9
  |
3 | image = \"still.jpg\"
  |         ^^^^^^^^^^^ what does this picture show?
  |
help: add `image_alt = \"…\"` saying what the picture shows: it is what a screen reader says and what shows when the picture cannot; `image_alt = \"\"` marks a picture that only decorates

error: an image without alt text
 --> content/a.md:5:6
  |
5 | Text ![](still.jpg).
  |      ^^^^^^^^^^^^^^
  |
help: write what the picture shows between the brackets, `![The studio at night](still.jpg)`: it is what a screen reader says, and what shows when the picture cannot

error: the site has 2 errors; nothing was written
",
    );
}

#[test]
fn a_missing_or_spoiled_picture_is_an_error_that_names_it() {
    let still = crate::images::photo_jpeg(400, 300);
    assert_build_fails(
        &[
            ("content/cut.jpg", &still[..still.len() / 3]),
            ("content/empty.png", b""),
            (
                "content/a.md",
                b"+++\ntitle = \"A\"\nimage = \"/gone.jpg\"\nimage_alt = \"A desk\"\n+++\n\
                  ![A quay](cut.jpg) ![A map](empty.png)\n",
            ),
        ],
        "\
error: there is no picture `static/gone.jpg`
 --> content/a.md:3:9
  |
3 | image = \"/gone.jpg\"
  |         ^^^^^^^^^^^
  |
help: put the picture there, or correct the path: a path is read from the page's folder, or from `static/` when it starts with `/`

error: cannot read the picture `content/cut.jpg`: the file ends before the picture does
 --> content/a.md:6:1
  |
6 | ![A quay](cut.jpg) ![A map](empty.png)
  | ^^^^^^^^^^^^^^^^^^
  |
help: open it and save it again as JPEG, PNG or WebP: it may be cut short, or another format under this name

error: cannot read the picture `content/empty.png`: the image format could not be determined
 --> content/a.md:6:20
  |
6 | ![A quay](cut.jpg) ![A map](empty.png)
  |                    ^^^^^^^^^^^^^^^^^^^
  |
help: open it and save it again as JPEG, PNG or WebP: it may be cut short, or another format under this name

error: the site has 3 errors; nothing was written
",
    );
}

#[test]
fn a_video_that_cannot_be_played_is_an_error_where_it_is_written() {
    assert_build_fails(
        &[(
            "content/a.md",
            b"+++\ntitle = \"A\"\n[[videos]]\nprovider = \"youtube\"\nid = \"https://youtu.be/dQw4w9WgXcQ\"\ntitle = \"Trailer\"\n[[videos]]\nprovider = \"myspace\"\nid = \"1\"\ntitle = \" \"\n+++\n",
        )],
        "\
error: `https://youtu.be/dQw4w9WgXcQ` is not a YouTube video id: it is the 11 characters after `v=` in the video's address, `youtube.com/watch?v=dQw4w9WgXcQ`
 --> content/a.md:5:6
  |
5 | id = \"https://youtu.be/dQw4w9WgXcQ\"
  |      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: `myspace` is not a video provider fansite knows: it plays `youtube` or `vimeo`
 --> content/a.md:8:12
  |
8 | provider = \"myspace\"
  |            ^^^^^^^^^
  |
help: write `provider = \"youtube\"` or `provider = \"vimeo\"`

error: a video without a title
  --> content/a.md:10:9
   |
10 | title = \" \"
   |         ^^^ what is this video?
   |
help: the title is shown on the video's poster and read by screen readers

error: the site has 3 errors; nothing was written
",
    );
}

#[test]
fn a_shortcode_that_cannot_be_read_is_an_error_where_it_is_written() {
    assert_build_fails(
        &[(
            "content/a.md",
            b"+++\ntitle = \"A\"\n+++\nText {{ quote(source=\"S\" }} and `{{ code( }}`.\n\n\
              {% quote() %}\nNever closed.\n\n{{ video(id = ) }}\n",
        )],
        "\
error: shortcode `quote` is not closed: it ends with `) }}`
 --> content/a.md:4:6
  |
4 | Text {{ quote(source=\"S\" }} and `{{ code( }}`.
  |      ^^^^^^^^
  |
help: a shortcode is written `{{ name(key=\"value\") }}`, or with a body `{% name(key=\"value\") %}…{% end %}`; to show one as text, put it in `inline code`

error: shortcode `quote` is never closed
 --> content/a.md:6:1
  |
6 | {% quote() %}
  | ^^^^^^^^^^^^^
  |
help: end its body with `{% end %}`

error: the arguments cannot be read: invalid literal string, expected `'`
 --> content/a.md:9:15
  |
9 | {{ video(id = ) }}
  |               ^
  |
help: arguments are written as in front matter, `name = \"text\"`, `number = 3`, `flag = true`, `list = [\"a\", \"b\"]`, separated by commas

error: the site has 3 errors; nothing was written
",
    );
}

#[test]
fn a_shortcode_called_wrongly_is_an_error_where_it_is_written() {
    assert_build_fails(
        &[
            ("static/still.jpg", &crate::images::photo_jpeg(40, 30)),
            (
                "content/a.md",
                b"+++\ntitle = \"A\"\n+++\n{{ vidoe(id=\"x\") }}\n\n\
                  {{ video(provider=\"youtube\", tittle=\"T\", id=3) }}\n\n\
                  {{ figure(image=\"/still.jpg\", caption=\"C\") }}\n\n\
                  {{ video(provider=\"youtube\", id=\"abc\", title=\"T\") }}\n",
            ),
        ],
        "\
error: there is no shortcode `vidoe`
 --> content/a.md:4:4
  |
4 | {{ vidoe(id=\"x\") }}
  |    ^^^^^
  |
help: did you mean `video`?

error: shortcode `video` needs the argument `title`
 --> content/a.md:6:4
  |
6 | {{ video(provider=\"youtube\", tittle=\"T\", id=3) }}
  |    ^^^^^
  |
help: the arguments of `video` are `id`, `provider`, `title`

error: shortcode `video` has no argument `tittle`
 --> content/a.md:6:30
  |
6 | {{ video(provider=\"youtube\", tittle=\"T\", id=3) }}
  |                              ^^^^^^
  |
help: did you mean `title`?

error: `id` of shortcode `video` must be a string, not a whole number
 --> content/a.md:6:45
  |
6 | {{ video(provider=\"youtube\", tittle=\"T\", id=3) }}
  |                                             ^
  |
help: the arguments of `video` are `id`, `provider`, `title`

error: `image` has no `alt`
 --> content/a.md:8:17
  |
8 | {{ figure(image=\"/still.jpg\", caption=\"C\") }}
  |                 ^^^^^^^^^^^^ what does this picture show?
  |
help: add `alt=\"…\"` saying what the picture shows: it is what a screen reader says and what shows when the picture cannot; `alt=\"\"` marks a picture that only decorates

error: shortcode `video` cannot be shown: `abc` is not a YouTube video id: it is the 11 characters after `v=` in the video's address, `youtube.com/watch?v=dQw4w9WgXcQ`
  --> content/a.md:10:1
   |
10 | {{ video(provider=\"youtube\", id=\"abc\", title=\"T\") }}
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
help: its template is `templates/shortcodes/video.html`

error: the site has 6 errors; nothing was written
",
    );
}

#[test]
fn a_shortcode_file_without_its_component_is_an_error_naming_the_file() {
    assert_build_fails(
        &[
            ("templates/shortcodes/aired.html", b"<time>{{ year }}</time>\n"),
            ("content/a.md", b"+++\ntitle = \"A\"\n+++\nText.\n"),
        ],
        "\
error: the shortcode `aired` is not defined in its file
--> templates/shortcodes/aired.html
 |
help: a shortcode's file defines a component of its name: `{% component aired(…) %}…{% endcomponent aired %}`

error: the site has 1 error; nothing was written
",
    );
}
