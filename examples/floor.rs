//! The floor of a build, for benchmarks: read every Markdown file of `content/`, parse its
//! TOML front matter, render its Markdown with pulldown-cmark and write one HTML file per
//! page, in parallel, and nothing more: no templates, no links, no atomic swap.
//!
//! ```sh
//! cargo run --release --example floor -- /tmp/corpus-10k /tmp/corpus-10k/floor-out
//! ```

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out] = args.as_slice() else {
        eprintln!("usage: floor SITE_DIR OUTPUT_DIR");
        std::process::exit(2);
    };
    let content = Path::new(site).join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let pages: usize = files
        .par_iter()
        .map(|file| page(file, &content, Path::new(out)))
        .sum();
    println!("floor: {pages} pages");
}

fn page(file: &Path, content: &Path, out: &Path) -> usize {
    let text = std::fs::read_to_string(file).expect("readable UTF-8");
    let rest = text.strip_prefix("+++\n").expect("front matter");
    let end = rest.find("\n+++\n").expect("closed front matter");
    let front: toml::Table = toml::from_str(&rest[..end]).expect("valid TOML");
    let body = &rest[end + 5..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(body, options));
    std::hint::black_box(&front);
    let rel = file.strip_prefix(content).unwrap().with_extension("");
    let dir = out.join(rel);
    std::fs::create_dir_all(&dir).expect("output folder");
    std::fs::write(dir.join("index.html"), html).expect("written");
    1
}
