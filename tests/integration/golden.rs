//! A small fixture site built with its own templates, every output file compared with a
//! golden copy. Update with `INSTA_UPDATE=always cargo test` (or `cargo insta review`).

use crate::common::{build_into, fixture, read_tree, repo_root, scratch_copy};

#[test]
fn every_page_kind_renders_as_the_golden_copy() {
    let out = tempfile::tempdir().unwrap();
    build_into(&fixture("golden"), &out.path().join("public"));
    let files = read_tree(&out.path().join("public"));

    let listing: Vec<&str> = files.keys().map(String::as_str).collect();
    insta::assert_snapshot!("golden_files", listing.join("\n"));
    for (path, text) in &files {
        // The default theme's files, copied as they are, are the theme's, not the fixture's.
        let theme_file = std::fs::read_to_string(repo_root().join("static").join(path));
        if theme_file.is_ok_and(|theme| &theme == text) {
            continue;
        }
        let name = format!("golden_{}", path.replace(['/', '.'], "_"));
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = scratch_copy("golden");
    let out = site.path().join("public");
    build_into(site.path(), &out);
    assert!(!out.join("draft/index.html").exists());

    let options = fansite::BuildOptions {
        drafts: true,
        output: Some(out.clone()),
        ..fansite::BuildOptions::new(site.path())
    };
    fansite::build(&options).unwrap();
    let draft = std::fs::read_to_string(out.join("draft/index.html")).unwrap();
    assert!(draft.contains("Not built without the drafts option."));
}
