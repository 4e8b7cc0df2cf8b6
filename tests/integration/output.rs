//! The output folder: a failed or interrupted build loses nothing, a rebuild touches only
//! what changed, and fansite refuses folders it must not replace.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::{fansite, folder_names, read_tree, scratch_copy};

fn build_ok(site: &Path) -> String {
    let output = fansite(site, &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn set_title(site: &Path, title: &str) {
    let config = std::fs::read_to_string(site.join("site.toml")).unwrap();
    let mut lines: Vec<String> = config.lines().map(str::to_string).collect();
    lines[0] = format!("title = \"{title}\"");
    std::fs::write(site.join("site.toml"), lines.join("\n") + "\n").unwrap();
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = scratch_copy("golden");
    build_ok(site.path());
    let before = read_tree(&site.path().join("public"));
    let manifest_before = std::fs::read(site.path().join(".public.fansite")).unwrap();

    std::fs::write(
        site.path().join("content/broken.md"),
        "+++\ntitle = \n+++\n",
    )
    .unwrap();
    set_title(site.path(), "Changed");
    let output = fansite(site.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));

    assert_eq!(read_tree(&site.path().join("public")), before);
    assert_eq!(
        std::fs::read(site.path().join(".public.fansite")).unwrap(),
        manifest_before
    );
}

#[test]
fn what_fansite_keeps_for_itself_is_beside_the_output_not_in_it() {
    let site = scratch_copy("golden");
    build_ok(site.path());
    // An output of an earlier version, with the manifest inside, is still fansite's.
    std::fs::write(site.path().join("public/.fansite"), "old manifest").unwrap();
    std::fs::remove_file(site.path().join(".public.fansite")).unwrap();
    build_ok(site.path());
    build_ok(site.path());
    let published = folder_names(&site.path().join("public"));
    assert!(
        !published.iter().any(|name| name.contains("fansite")),
        "{published:?}"
    );
    assert!(site.path().join(".public.fansite").is_file());
}

#[test]
fn a_template_error_during_rendering_also_leaves_the_output_alone() {
    let site = scratch_copy("golden");
    build_ok(site.path());
    build_ok(site.path());
    let before = read_tree(&site.path().join("public"));
    std::fs::write(
        site.path().join("templates/person.html"),
        "{% extends \"base.html\" %}{% block main %}{{ person.nope }}{% endblock main %}",
    )
    .unwrap();
    set_title(site.path(), "Changed");
    assert_eq!(fansite(site.path(), &["build"]).status.code(), Some(1));
    assert_eq!(read_tree(&site.path().join("public")), before);
}

#[test]
fn a_rebuild_without_changes_writes_nothing_and_a_change_writes_only_what_changed() {
    let site = scratch_copy("golden");
    let first = build_ok(site.path());
    assert!(
        first.contains("(23 files: 23 changed since the last build)"),
        "{first}"
    );
    let second = build_ok(site.path());
    assert!(
        second.contains("Nothing changed since the last build: 13 pages (23 files) in public"),
        "{second}"
    );
    // A source saved again unchanged: the site is rendered again, and no file differs.
    touch(&site.path().join("content/about.md"));
    let resaved = build_ok(site.path());
    assert!(
        resaved.contains("(23 files: 0 changed since the last build)"),
        "{resaved}"
    );

    std::fs::write(site.path().join("static/style.css"), "body { color: red; }").unwrap();
    let changed = build_ok(site.path());
    assert!(
        changed.contains("(23 files: 1 changed since the last build)"),
        "{changed}"
    );
    let about = site.path().join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, "+++\ntitle = 7\n+++\n").unwrap();
    assert!(!fansite(site.path(), &["build"]).status.success());
    std::fs::write(&about, text).unwrap();
    let after_a_failure = build_ok(site.path());
    assert!(
        after_a_failure.contains("(23 files: 0 changed since the last build)"),
        "counted against the last build that succeeded: {after_a_failure}"
    );
    std::fs::remove_file(site.path().join("static/img/dot.gif")).unwrap();
    let removed = build_ok(site.path());
    assert!(
        removed.contains("(22 files: 0 changed, 1 removed since the last build)"),
        "{removed}"
    );
    let css = std::fs::read_to_string(site.path().join("public/style.css")).unwrap();
    assert_eq!(css, "body { color: red; }");
}

#[test]
fn files_edited_or_added_by_hand_in_the_output_are_put_right() {
    let site = scratch_copy("golden");
    build_ok(site.path());
    let built = read_tree(&site.path().join("public"));
    std::fs::write(site.path().join("public/index.html"), "defaced").unwrap();
    std::fs::write(site.path().join("public/junk.txt"), "stray").unwrap();
    for _ in 0..3 {
        build_ok(site.path());
        assert_eq!(read_tree(&site.path().join("public")), built);
    }
}

#[test]
fn removed_pages_disappear_from_the_output() {
    let site = scratch_copy("golden");
    build_ok(site.path());
    std::fs::remove_file(site.path().join("content/about.md")).unwrap();
    for _ in 0..2 {
        build_ok(site.path());
        assert!(!site.path().join("public/about").exists());
    }
}

#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_the_old_or_the_new_site_whole_and_no_stray_folders() {
    let site = scratch_copy("minimal");
    for n in 0..1500 {
        let page = format!(
            "+++\ntitle = \"Page {n}\"\n+++\n{}\n",
            "Some *text*. ".repeat(40)
        );
        std::fs::write(site.path().join(format!("content/page-{n}.md")), page).unwrap();
    }
    build_ok(site.path());
    let old = read_tree(&site.path().join("public"));
    set_title(site.path(), "Retitled");
    let new = {
        let scratch = tempfile::tempdir().unwrap();
        crate::common::build_into(site.path(), &scratch.path().join("out"));
        read_tree(&scratch.path().join("out"))
    };
    assert_ne!(old, new);

    for (signal, delay_ms) in [("-KILL", 40), ("-INT", 120), ("-KILL", 250), ("-TERM", 400)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fansite"))
            .arg("build")
            .current_dir(site.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        child.wait().unwrap();
        let now = read_tree(&site.path().join("public"));
        assert!(
            now == old || now == new,
            "after kill {signal} at {delay_ms} ms the output is neither build"
        );
    }

    build_ok(site.path());
    assert_eq!(read_tree(&site.path().join("public")), new);
    let entries = folder_names(site.path());
    let leftovers: Vec<&String> = entries
        .iter()
        .filter(|n| n.starts_with('.'))
        .filter(|n| {
            ![
                ".public.previous",
                ".public.fansite",
                ".public.previous.fansite",
            ]
            .contains(&n.as_str())
        })
        .collect();
    assert!(leftovers.is_empty(), "stray folders: {leftovers:?}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_content_is_an_error_not_a_hang() {
    let site = scratch_copy("minimal");
    std::fs::create_dir(site.path().join("content/loop")).unwrap();
    std::os::unix::fs::symlink("..", site.path().join("content/loop/back")).unwrap();
    let output = fansite(site.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr.starts_with(
            "error: symbolic link loops back to `content`\n--> content/loop/back\n |\nhelp: remove the link"
        ),
        "{stderr}"
    );
}

fn refused(site: &Path, output: &str, extra: &[&str]) -> String {
    let mut args = vec!["build", "--output", output];
    args.extend(extra);
    let run = Command::new(env!("CARGO_BIN_EXE_fansite"))
        .args(&args)
        .current_dir(site)
        .env("HOME", site.join("home"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{output} should be refused");
    String::from_utf8(run.stderr).unwrap()
}

#[test]
fn build_refuses_to_replace_the_site_its_sources_the_root_or_home() {
    let site = scratch_copy("minimal");
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::fs::create_dir_all(site.path().join("home")).unwrap();
    let home = site.path().join("home");
    for (output, why) in [
        (".", "it holds the site itself, which a build would replace"),
        (
            "..",
            "it holds the site itself, which a build would replace",
        ),
        ("content", "it is inside the site's `content/` folder"),
        ("templates", "it is inside the site's `templates/` folder"),
        ("static", "it is inside the site's `static/` folder"),
        (
            "content/public",
            "it is inside the site's `content/` folder",
        ),
        ("/", "it is the root of the file system"),
        (home.to_str().unwrap(), "it is the home folder"),
        ("site.toml", "it is a file, not a folder"),
    ] {
        let stderr = refused(site.path(), output, &[]);
        assert_eq!(
            stderr,
            format!("error: refusing to write the site into `{output}`: {why}\n")
        );
    }
    assert_eq!(
        folder_names(&site.path().join("content")),
        ["_index.md"],
        "nothing was touched"
    );
}

#[test]
fn build_refuses_a_folder_of_other_files_unless_forced() {
    let site = scratch_copy("minimal");
    let other = site.path().join("elsewhere");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("precious.txt"), "keep me").unwrap();
    let stderr = refused(site.path(), "elsewhere", &[]);
    assert_eq!(
        stderr,
        "error: refusing to write the site into `elsewhere`: it already holds files that \
         fansite did not write (no `.elsewhere.fansite` beside it); pass --force to replace them\n"
    );
    assert_eq!(
        std::fs::read_to_string(other.join("precious.txt")).unwrap(),
        "keep me"
    );

    let forced = fansite(site.path(), &["build", "--output", "elsewhere", "--force"]);
    assert!(forced.status.success());
    assert!(other.join("index.html").is_file());
    assert!(!other.join("precious.txt").exists());
    // Now marked as fansite's: no --force needed any more.
    assert!(
        fansite(site.path(), &["build", "--output", "elsewhere"])
            .status
            .success()
    );
}

#[test]
fn a_person_named_twice_on_a_page_is_listed_once_on_it_and_the_page_once_on_theirs() {
    let site = scratch_copy("minimal");
    let write = |path: &str, text: &str| std::fs::write(site.path().join(path), text).unwrap();
    write(
        "content/about.md",
        "+++\ntitle = \"About\"\nfeaturing = [\"Dr. Dre\", \"Ice Cube\", \"Dr. Dre\", \"dr dre\"]\n+++\n",
    );
    write(
        "templates/page.html",
        "{% for person in page.featuring %}[{{ person.title }}]{% endfor %}",
    );
    write(
        "templates/person.html",
        "{% for item in person.featured_in %}[{{ item.title }}]{% endfor %}",
    );
    build_ok(site.path());
    let output = read_tree(&site.path().join("public"));
    assert_eq!(output["about/index.html"], "[Dr. Dre][Ice Cube]");
    assert_eq!(output["people/dr-dre/index.html"], "[About]");
    assert_eq!(output["people/ice-cube/index.html"], "[About]");
}

/// Gives `path` a new modification time, as saving it unchanged would.
fn touch(path: &std::path::Path) {
    let file = std::fs::File::options().append(true).open(path).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    file.set_modified(later).unwrap();
}

#[test]
fn a_build_with_nothing_changed_is_skipped_unless_the_output_was_touched() {
    let site = scratch_copy("golden");
    build_ok(site.path());
    // A page deleted from the output by hand: the build puts it back.
    std::fs::remove_file(site.path().join("public/about/index.html")).unwrap();
    let repaired = build_ok(site.path());
    assert!(repaired.starts_with("Built"), "{repaired}");
    assert!(site.path().join("public/about/index.html").is_file());
    // Other options make another site.
    let drafts = fansite(site.path(), &["build", "--drafts"]);
    assert!(drafts.status.success());
    assert!(
        !String::from_utf8_lossy(&drafts.stdout).contains("Nothing changed"),
        "{drafts:?}"
    );
    let plain = build_ok(site.path());
    assert!(plain.starts_with("Built"), "{plain}");
    let again = build_ok(site.path());
    assert!(again.contains("Nothing changed"), "{again}");
    // A build with warnings runs again, and says them again.
    for _ in 0..2 {
        let warned = fansite(site.path(), &["build", "--base-url", "/sub/"]);
        let stderr = String::from_utf8_lossy(&warned.stderr);
        assert!(stderr.contains("warning"), "{stderr}");
        assert!(String::from_utf8_lossy(&warned.stdout).starts_with("Built"));
    }
}

#[test]
fn an_output_deleted_by_hand_with_its_manifests_left_is_built_again() {
    let site = scratch_copy("golden");
    build_ok(site.path());
    touch(&site.path().join("content/about.md"));
    build_ok(site.path());
    // `rm -rf public .public.previous`: the manifests beside them stay.
    std::fs::remove_dir_all(site.path().join("public")).unwrap();
    std::fs::remove_dir_all(site.path().join(".public.previous")).unwrap();
    let again = build_ok(site.path());
    assert!(again.starts_with("Built 13 pages (23 files"), "{again}");
    assert!(site.path().join("public/index.html").is_file());
    assert!(build_ok(site.path()).contains("Nothing changed"));
}
