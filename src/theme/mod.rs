//! Theme stage: the templates, static files and labels a site is rendered with. This is the
//! only reader of a site's `templates/`, `static/` and `labels/`; `render` asks it for
//! templates and labels, and the build for the static files to copy.
//!
//! The default theme is in the binary ([`embedded`]); a site's own file of the same name
//! replaces the theme's, file by file, as a Zola site overrides its theme.

pub mod embedded;
pub mod labels;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics};
use crate::files::{self, Hidden, Tree};
pub use labels::Labels;

/// The folder, under the site root, of the templates.
pub const TEMPLATES_DIR: &str = "templates";
/// The folder, under the site root, copied as is to the output.
pub const STATIC_DIR: &str = "static";
/// How diagnostics name a file of the default theme, which has no place on disk.
const THEME_NAME: &str = "(default theme)";

/// One template, as Tera will compile it.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Its name, the path under `templates/`: `episodes/page.html`.
    pub name: String,
    /// Where it comes from, for error reports: `templates/episodes/page.html`, or
    /// `(default theme) templates/page.html`.
    pub file: PathBuf,
    /// Its text.
    pub text: Cow<'static, str>,
    /// Whether it is the default theme's, not the site's own.
    pub from_theme: bool,
}

/// A file copied as it is to the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Its path under the output folder, with `/` separators: `img/poster.jpg`.
    pub path: String,
    /// Where its bytes are.
    pub source: Source,
}

/// Where a static file's bytes are.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file of the site's `static/`.
    Site(PathBuf),
    /// A file of the default theme, in the binary.
    Theme(&'static [u8]),
}

/// What a site is rendered with.
#[derive(Debug)]
pub struct Theme {
    /// Every template, by name.
    pub templates: Vec<TemplateSource>,
    /// The static files, in path order.
    pub static_files: Vec<StaticFile>,
    /// The words shown to visitors, in the site's language.
    pub labels: Labels,
}

impl Theme {
    /// Reads the theme of the site at `root`, in `language`: the default theme with the
    /// site's own files over it. Every problem of every file is recorded; `None` when a
    /// template of the site could not be read, since rendering needs them all.
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

/// The name under which diagnostics show a file of the default theme.
fn theme_file(folder: &str, path: &str) -> PathBuf {
    PathBuf::from(format!("{THEME_NAME} {folder}/{path}"))
}

fn load_templates(root: &Path, diagnostics: &mut Diagnostics) -> Option<Vec<TemplateSource>> {
    let mut templates: Vec<TemplateSource> = embedded::files_in(TEMPLATES_DIR)
        .map(|(name, bytes)| TemplateSource {
            name: name.to_string(),
            file: theme_file(TEMPLATES_DIR, name),
            text: Cow::Borrowed(embedded::text(bytes)),
            from_theme: true,
        })
        .collect();
    let dir = root.join(TEMPLATES_DIR);
    if !dir.exists() {
        return Some(templates);
    }
    let tree = Tree {
        root,
        dir: &dir,
        purpose: "a site keeps its own Tera templates in `templates/`, beside `site.toml`",
    };
    let (found, problems) = files::walk(tree, Hidden::Skip);
    let mut complete = problems.is_empty();
    diagnostics.extend(problems);
    for file in found {
        let text = match files::read_text(root, &file.path) {
            Ok(text) => text,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                complete = false;
                continue;
            }
        };
        let own = TemplateSource {
            file: files::relative_to(root, &file.path),
            name: file.rel,
            text: Cow::Owned(text),
            from_theme: false,
        };
        match templates.iter_mut().find(|t| t.name == own.name) {
            Some(theme) => *theme = own,
            None => templates.push(own),
        }
    }
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    complete.then_some(templates)
}

fn load_static_files(root: &Path, diagnostics: &mut Diagnostics) -> Vec<StaticFile> {
    let mut static_files: Vec<StaticFile> = embedded::files_in(STATIC_DIR)
        .map(|(path, bytes)| StaticFile {
            path: path.to_string(),
            source: Source::Theme(bytes),
        })
        .collect();
    let dir = root.join(STATIC_DIR);
    if dir.is_dir() {
        let tree = Tree {
            root,
            dir: &dir,
            purpose: "a site keeps the files it copies as they are in `static/`",
        };
        let (found, problems) = files::walk(tree, Hidden::Skip);
        diagnostics.extend(problems);
        for file in found {
            let own = StaticFile {
                path: file.rel,
                source: Source::Site(file.path),
            };
            match static_files.iter_mut().find(|f| f.path == own.path) {
                Some(theme) => *theme = own,
                None => static_files.push(own),
            }
        }
    }
    static_files.sort_by(|a, b| a.path.cmp(&b.path));
    static_files
}

impl StaticFile {
    /// Its bytes.
    pub fn read(&self, root: &Path) -> Result<Cow<'static, [u8]>, Diagnostic> {
        match &self.source {
            Source::Site(path) => files::read_bytes(root, path).map(Cow::Owned),
            Source::Theme(bytes) => Ok(Cow::Borrowed(bytes)),
        }
    }

    /// Where it comes from, as diagnostics name it: `static/img/poster.jpg`, relative to
    /// the site at `root`, or `(default theme) static/style.css`.
    pub fn shown(&self, root: &Path) -> PathBuf {
        match &self.source {
            Source::Site(path) => files::relative_to(root, path),
            Source::Theme(_) => theme_file(STATIC_DIR, &self.path),
        }
    }
}
