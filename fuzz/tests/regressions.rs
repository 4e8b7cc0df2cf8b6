//! Replays every input kept in `tests/fixtures/fuzz/` through the fuzz harness, and a few
//! inputs too big for the fuzzer to build (deep nesting, long lines). Runs on stable
//! without libFuzzer: `cargo test --release --manifest-path fuzz/Cargo.toml`.
//!
//! A fixture whose name starts with `config-` is a `site.toml` for the config target;
//! every other one is an input of the content target. Each must finish within
//! [`BUDGET`]: some were hangs, not crashes.

use std::path::Path;
use std::time::{Duration, Instant};

/// How long one input may take in a release build; ten times that in a debug build.
/// The slowest kept input takes well under a tenth of it once fixed.
const BUDGET: Duration = Duration::from_secs(2);

fn budget() -> Duration {
    if cfg!(debug_assertions) {
        BUDGET * 10
    } else {
        BUDGET
    }
}

fn timed(name: &str, run: impl FnOnce()) {
    let started = Instant::now();
    run();
    let elapsed = started.elapsed();
    eprintln!("{name}: {elapsed:?}");
    assert!(
        elapsed <= budget(),
        "{name} took {elapsed:?}, over the budget of {:?}",
        budget()
    );
}

fn fixtures() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/fuzz");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && path.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn kept_inputs_neither_crash_nor_hang() {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "no fixtures found");
    for path in fixtures {
        let data = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("config-") {
            timed(&name, || fansite_fuzz::config(&data));
        } else {
            timed(&name, || fansite_fuzz::content(&data));
        }
    }
}

fn page(front: &str, body: &str) -> Vec<u8> {
    format!("+++\ntitle = \"T\"\n{front}+++\n{body}").into_bytes()
}

#[test]
fn deep_markdown_nesting() {
    let depth = 50_000;
    for (name, body) in [
        ("quotes", ">".repeat(depth) + " deep"),
        ("bullets", "- ".repeat(depth / 5) + "x"),
        ("numbers", "1. ".repeat(depth / 5) + "x"),
        (
            "links",
            "[".repeat(depth) + "x" + &"](@/_index.md)".repeat(depth),
        ),
        ("emphasis", "*".repeat(depth) + "x" + &"*".repeat(depth)),
        (
            "images",
            "![".repeat(depth / 5) + &"](@/nope.md)".repeat(depth / 5),
        ),
        ("footnotes", "[^a]: ".repeat(depth / 5) + "x"),
        ("table", "|".repeat(depth) + "\n" + &"|-".repeat(depth / 2)),
    ] {
        timed(name, || fansite_fuzz::content(&page("", &body)));
    }
}

#[test]
fn deep_toml_nesting() {
    let depth = 50_000;
    for (name, front) in [
        (
            "arrays",
            format!("extra.a = {}1{}\n", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "tables",
            format!("extra.a = {}1{}\n", "{a=".repeat(depth), "}".repeat(depth)),
        ),
        (
            "dotted",
            format!("extra.{} = 1\n", vec!["a"; depth].join(".")),
        ),
        (
            "header",
            format!("[extra.{}]\n", vec!["a"; depth].join(".")),
        ),
        ("open arrays", format!("extra.a = {}\n", "[".repeat(depth))),
        (
            "open tables",
            format!("extra.a = {}\n", "{a=".repeat(depth)),
        ),
    ] {
        timed(name, || fansite_fuzz::content(&page(&front, "x")));
        let config = format!("title = \"T\"\nbase_url = \"https://e.org/\"\n{front}");
        timed(name, || fansite_fuzz::config(config.as_bytes()));
    }
}

#[test]
fn long_lines_and_many_files() {
    let long = "é".repeat(100_000);
    timed("long slug", || {
        fansite_fuzz::content(&page(&format!("slug = \"{long}\"\n"), &long))
    });
    timed("long bad value", || {
        fansite_fuzz::content(&page(&format!("weight = {long}\n"), ""))
    });
    let mut many = Vec::new();
    for i in 0..fansite_fuzz::MAX_FILES * 2 {
        many.extend(format!("//d/{i}.md\n").bytes());
        many.extend(page("", &format!("[x](@/d/{}.md#f)", i + 1)));
        many.push(fansite_fuzz::FILE_SEPARATOR);
    }
    timed("many files", || fansite_fuzz::content(&many));
}
