//! Theme stage: the templates, static files and labels a site is rendered with. This is the
//! only reader of a site's `templates/`, `static/` and `labels/`; `render` asks it for
//! templates and labels, and the build for the static files to copy.
//!
//! Built-in templates (`sitemap.xml`, `atom.xml`, `robots.txt`, and `alias.html` for the
//! page an old URL becomes) are in the binary; a site's file of the same name replaces one.

pub mod labels;

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics};
use crate::files::{self, Hidden, Tree};
pub use labels::Labels;

/// The folder, under the site root, of the templates.
pub const TEMPLATES_DIR: &str = "templates";
/// The folder, under the site root, copied as is to the output.
pub const STATIC_DIR: &str = "static";

/// Templates every site gets, unless it has its own of the same name.
const BUILT_IN: [(&str, &str); 4] = [
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
    ("alias.html", include_str!("builtin/alias.html")),
];

/// One template, as Tera will compile it.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Its name, the path under `templates/`: `episodes/page.html`.
    pub name: String,
    /// Where it comes from, for error reports: `templates/episodes/page.html`.
    pub file: PathBuf,
    /// Its text.
    pub text: String,
}

/// A file copied as it is to the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Its path under the output folder, with `/` separators: `img/poster.jpg`.
    pub path: String,
    /// Where to read it.
    pub source: PathBuf,
}

/// What a site is rendered with.
#[derive(Debug)]
pub struct Theme {
    /// Every template, by name.
    pub templates: Vec<TemplateSource>,
    /// The files of `static/`, in path order.
    pub static_files: Vec<StaticFile>,
    /// The words shown to visitors, in the site's language.
    pub labels: Labels,
}

impl Theme {
    /// Reads the theme of the site at `root`, in `language`. Every problem of every file is
    /// recorded; `None` when a template could not be read, since rendering needs them all.
    pub fn load(root: &Path, language: &str, diagnostics: &mut Diagnostics) -> Option<Theme> {
        let templates = load_templates(root, diagnostics);
        let static_files = load_static_files(root, diagnostics);
        let labels = Labels::load(root, language, diagnostics);
        Some(Theme {
            templates: templates?,
            static_files,
            labels,
        })
    }

    /// Whether the theme has a template of that name.
    pub fn has_template(&self, name: &str) -> bool {
        self.templates.iter().any(|template| template.name == name)
    }
}

fn load_templates(root: &Path, diagnostics: &mut Diagnostics) -> Option<Vec<TemplateSource>> {
    let dir = root.join(TEMPLATES_DIR);
    let tree = Tree {
        root,
        dir: &dir,
        purpose: "a site keeps its Tera templates in `templates/`, beside `site.toml`",
    };
    let (found, problems) = files::walk(tree, Hidden::Skip);
    let mut complete = problems.is_empty();
    diagnostics.extend(problems);
    let mut templates: Vec<TemplateSource> = Vec::with_capacity(found.len() + BUILT_IN.len());
    for file in found {
        match files::read_text(root, &file.path) {
            Ok(text) => templates.push(TemplateSource {
                file: files::relative_to(root, &file.path),
                name: file.rel,
                text,
            }),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                complete = false;
            }
        }
    }
    for (name, text) in BUILT_IN {
        if !templates.iter().any(|template| template.name == name) {
            templates.push(TemplateSource {
                name: name.to_string(),
                file: PathBuf::from(format!("(built-in template) {name}")),
                text: text.to_string(),
            });
        }
    }
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    complete.then_some(templates)
}

fn load_static_files(root: &Path, diagnostics: &mut Diagnostics) -> Vec<StaticFile> {
    let dir = root.join(STATIC_DIR);
    if !dir.is_dir() {
        return Vec::new();
    }
    let tree = Tree {
        root,
        dir: &dir,
        purpose: "a site keeps the files it copies as they are in `static/`",
    };
    let (found, problems) = files::walk(tree, Hidden::Skip);
    diagnostics.extend(problems);
    found
        .into_iter()
        .map(|file| StaticFile {
            path: file.rel,
            source: file.path,
        })
        .collect()
}

impl StaticFile {
    /// Its bytes.
    pub fn read(&self, root: &Path) -> Result<Vec<u8>, Diagnostic> {
        files::read_bytes(root, &self.source)
    }
}
