//! A site for the next documentary: `fansite init` makes one that builds at once, `new`
//! adds episodes, people and pages, `theme eject` copies the theme to start from, and the
//! deploy recipes build it.

use std::path::Path;
use std::process::Command;

use crate::common::{fansite, read_tree, repo_root};

/// Runs the binary in `dir`; returns the exit code, standard output and standard error.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = fansite(dir, args);
    (
        output.status.code().expect("an exit code"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn init_makes_a_site_that_builds_at_once_and_refuses_a_folder_that_is_not_empty() {
    let parent = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(
        parent.path(),
        &[
            "init",
            "mysite",
            "--title",
            "Tide \"Lines\"",
            "--github-pages",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "\
Wrote a new site in `mysite`:
  mysite/site.toml
  mysite/content/_index.md
  mysite/content/episodes/_index.md
  mysite/content/episodes/part-1.md
  mysite/.gitignore
  mysite/.github/workflows/pages.yml
Build it with `fansite build --root mysite`, or preview it with `fansite serve --root mysite`.
Set `title`, `base_url` and the series in site.toml; add episodes with `fansite new episode \"Title\"`.
"
    );
    let (code, stdout, stderr) = run(parent.path(), &["build", "--root", "mysite"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("Built 6 pages"), "{stdout}");
    let site = read_tree(&parent.path().join("mysite/public"));
    assert!(site["index.html"].contains("<title>Tide &quot;Lines&quot; · "));
    assert!(site.contains_key("episodes/part-1/index.html"));
    assert!(site.contains_key("search/index.html"));

    let (code, _, stderr) = run(parent.path(), &["init", "mysite"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: refusing to make a site in `mysite`: it is not empty; name a new folder or an empty one\n"
    );
}

#[test]
fn new_writes_an_episode_a_person_and_a_page_in_their_places_and_never_overwrites() {
    let parent = tempfile::tempdir().unwrap();
    run(parent.path(), &["init", "s"]);
    let site = parent.path().join("s");
    let (code, stdout, _) = run(&site, &["new", "episode", "The Flood"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "Wrote a new episode:\n  content/episodes/the-flood.md\n"
    );
    let episode = std::fs::read_to_string(site.join("content/episodes/the-flood.md")).unwrap();
    assert!(
        episode.starts_with("+++\ntitle = \"The Flood\"\nweight = 2\n"),
        "the weight after part 1's: {episode}"
    );
    let (code, stdout, _) = run(
        parent.path(),
        &["--root", "s", "new", "person", "Zoë Ångström"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "Wrote a new person page:\n  s/content/people/zoe-angstrom.md\n"
    );
    run(&site, &["new", "page", "About"]);
    let (code, _, stderr) = run(&site, &["new", "episode", "The Flood"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: refusing to overwrite `content/episodes/the-flood.md`\n"
        )
    );
    // A bundle: a folder of its own, for its pictures; a page is one or the other.
    let (code, stdout, _) = run(&site, &["new", "episode", "The Drought", "--bundle"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "Wrote a new episode:\n  content/episodes/the-drought/index.md\n"
    );
    let bundle =
        std::fs::read_to_string(site.join("content/episodes/the-drought/index.md")).unwrap();
    assert!(
        bundle.starts_with("+++\ntitle = \"The Drought\"\nweight = 3\n")
            && bundle.contains("# image = \"still.jpg\""),
        "{bundle}"
    );
    let (code, _, stderr) = run(&site, &["new", "episode", "The Flood", "--bundle"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: refusing to overwrite `content/episodes/the-flood.md`\n"
        )
    );
    let (code, _, stderr) = run(&site, &["new", "episode", "The Drought"]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            2,
            "error: refusing to overwrite `content/episodes/the-drought/index.md`\n"
        )
    );
    let (code, _, stderr) = run(&site, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let built = read_tree(&site.join("public"));
    for page in [
        "episodes/the-flood/index.html",
        "episodes/the-drought/index.html",
        "people/zoe-angstrom/index.html",
        "about/index.html",
    ] {
        assert!(built.contains_key(page), "{page}");
    }
    assert!(
        built["episodes/part-1/index.html"].contains("rel=\"next\" href=\"/episodes/the-flood/\"")
    );
}

#[test]
fn theme_eject_copies_the_theme_files_asked_for_and_refuses_to_overwrite() {
    let parent = tempfile::tempdir().unwrap();
    run(parent.path(), &["init", "s"]);
    let site = parent.path().join("s");
    let (code, stdout, stderr) = run(&site, &["theme", "eject", "page.html", "style.css"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "Wrote 2 files of the default theme:\n  templates/page.html\n  static/style.css\nThe site's own files now replace the theme's of the same name.\n"
    );
    assert_eq!(
        std::fs::read(site.join("templates/page.html")).unwrap(),
        std::fs::read(repo_root().join("templates/page.html")).unwrap()
    );
    let (code, _, stderr) = run(&site, &["theme", "eject"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: refusing to overwrite the site's own `templates/page.html`, `static/style.css`; nothing was copied\n"
    );
    assert!(!site.join("templates/base.html").exists());
    let (code, _, stderr) = run(&site, &["theme", "eject", "nope.html"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "error: the default theme has no `nope.html`; its files are templates/404.html, "
        ),
        "{stderr}"
    );
}

#[test]
fn the_ci_recipe_checks_and_builds_a_site_with_the_installed_binary() {
    let parent = tempfile::tempdir().unwrap();
    run(parent.path(), &["init", "s"]);
    let site = parent.path().join("s");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_fansite")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .arg(repo_root().join("deploy/ci.sh"))
        .current_dir(&site)
        .env("PATH", path)
        .env("BASE_URL", "https://example.org/s/")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.starts_with("ok: "), "{stdout}");
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains("href=\"https://example.org/s/\""), "{home}");
}

#[test]
fn the_netlify_recipe_publishes_public_and_checks_before_it_builds() {
    let text = std::fs::read_to_string(repo_root().join("deploy/netlify.toml")).unwrap();
    let config: toml::Table = text.parse().unwrap();
    let build = config["build"].as_table().unwrap();
    assert_eq!(build["publish"].as_str(), Some("public"));
    let command = build["command"].as_str().unwrap();
    let check = command.find("fansite check").unwrap();
    assert!(check < command.find("fansite build").unwrap(), "{command}");
}
