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
/// The build's own marker file is left out.
pub fn read_tree(dir: &Path) -> BTreeMap<String, String> {
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
            let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
            (rel, text)
        })
        .filter(|(rel, _)| rel != ".fansite")
        .collect()
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
