//! Scaffolding: a new site that builds at once (`fansite init`), a new episode, person or
//! page in its place (`fansite new`), and the default theme's files copied into a site to
//! start its own from (`fansite theme eject`). Nothing here overwrites a file.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::content::{self, CONTENT_DIR};
use crate::error::{Diagnostic, Diagnostics, Error, display_path};
use crate::import::toml_text;
use crate::new_site::{self, NewFile};
use crate::site::routes::{EPISODES_DIR, PEOPLE_DIR};
use crate::slug::slugify;
use crate::theme::embedded;

/// The sample site's files: path in the new site, and text with `{title}` for its title.
const SAMPLE: [(&str, &str); 5] = [
    ("site.toml", include_str!("sample/site.toml")),
    (
        "content/_index.md",
        include_str!("sample/content/_index.md"),
    ),
    (
        "content/episodes/_index.md",
        include_str!("sample/content/episodes/_index.md"),
    ),
    (
        "content/episodes/part-1.md",
        include_str!("sample/content/episodes/part-1.md"),
    ),
    (".gitignore", include_str!("sample/gitignore")),
];

/// The GitHub Pages workflow `init --github-pages` adds.
const PAGES_WORKFLOW: (&str, &str) = (
    ".github/workflows/pages.yml",
    include_str!("../../deploy/github-pages.yml"),
);

/// What a scaffolding command wrote, for the terminal.
#[derive(Debug, Clone)]
pub struct Written {
    /// What was made: "a new site in `mysite`".
    pub what: String,
    /// The files written, as the user would name them.
    pub files: Vec<PathBuf>,
    /// What to do next, one line each.
    pub next: Vec<String>,
}

impl fmt::Display for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Wrote {}:", self.what)?;
        for file in &self.files {
            let file = file.strip_prefix(".").unwrap_or(file);
            write!(f, "\n  {}", display_path(file))?;
        }
        for line in &self.next {
            write!(f, "\n{line}")?;
        }
        Ok(())
    }
}

/// Makes a new site in `dir`, a folder that does not exist or is empty: `site.toml` with
/// every key, a home page, an episode guide with one episode and a `.gitignore`; with
/// `github_pages`, the workflow that publishes it.
pub fn init(dir: &Path, title: Option<&str>, github_pages: bool) -> Result<Written, Error> {
    new_site::check_target(dir, "make a site in")?;
    let fallback = dir.file_name().map_or_else(
        || "My documentary".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let title = toml_text::string(title.unwrap_or(&fallback));
    let mut files: Vec<NewFile> = SAMPLE
        .iter()
        .map(|(path, text)| NewFile {
            path: PathBuf::from(path),
            text: text.replace("{title}", &title),
        })
        .collect();
    if github_pages {
        files.push(NewFile {
            path: PathBuf::from(PAGES_WORKFLOW.0),
            text: PAGES_WORKFLOW.1.to_string(),
        });
    }
    new_site::write_all(dir, &files)?;
    let shown = display_path(dir);
    Ok(Written {
        what: format!("a new site in `{shown}`"),
        files: files.into_iter().map(|f| dir.join(f.path)).collect(),
        next: vec![
            format!("Build it with `fansite build --root {shown}`, or preview it with `fansite serve --root {shown}`."),
            "Set `title`, `base_url` and the series in site.toml; add episodes with `fansite new episode \"Title\"`.".to_string(),
        ],
    })
}

/// What `fansite new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `content/episodes/<slug>.md`, with the next `weight`.
    Episode,
    /// `content/people/<slug>.md`, the text of a person's page.
    Person,
    /// `content/<slug>.md`, a page of its own.
    Page,
}

/// Writes a new episode, person or page of the site at `root`, with its front matter
/// filled in; refuses to overwrite a file. With `bundle`, the page is a folder of its own
/// (`content/episodes/<slug>/index.md`), for the pictures and files that go with it.
pub fn new_content(root: &Path, kind: Kind, title: &str, bundle: bool) -> Result<Written, Error> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Error::Usage(format!(
            "`{title}` has no letters or digits to name a file after"
        )));
    }
    let content = root.join(CONTENT_DIR);
    let (path, front) = match kind {
        Kind::Episode => {
            let weight = next_weight(root)?;
            let path = content.join(EPISODES_DIR).join(format!("{slug}.md"));
            let front = format!(
                "title = {}\nweight = {weight}\n# date = 2024-01-31               # the air date\n# featuring = [\"…\"]               # the people in it\n",
                toml_text::string(title)
            );
            (path, front)
        }
        Kind::Person => {
            let path = content.join(PEOPLE_DIR).join(format!("{slug}.md"));
            (path, format!("title = {}\n", toml_text::string(title)))
        }
        Kind::Page => {
            let path = content.join(format!("{slug}.md"));
            (
                path,
                format!(
                    "title = {}\n# description = \"…\"\n# weight = 1                      # its place in the menu\n",
                    toml_text::string(title)
                ),
            )
        }
    };
    // A page is either a file or a bundle: the other spelling of it is taken too.
    let folder = path.with_extension("");
    let bundled = folder.join("index.md");
    let (path, taken) = match bundle {
        true => (bundled, vec![path.clone()]),
        false => (path, vec![bundled]),
    };
    if let Some(existing) = std::iter::once(&path).chain(&taken).find(|p| p.exists()) {
        let shown = existing.strip_prefix(".").unwrap_or(existing);
        return Err(Error::Usage(format!(
            "refusing to overwrite `{}`",
            display_path(shown)
        )));
    }
    let front = match bundle {
        true => format!(
            "{front}# image = \"still.jpg\"             # a picture in this folder\n# image_alt = \"…\"                 # what it shows\n"
        ),
        false => front,
    };
    let text = format!("+++\n{front}+++\n");
    write_new(&path, text.as_bytes())?;
    Ok(Written {
        what: format!("a new {}", kind.name()),
        files: vec![path],
        next: Vec::new(),
    })
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Episode => "episode",
            Kind::Person => "person page",
            Kind::Page => "page",
        }
    }
}

/// The weight after the highest of the episodes already in the guide.
fn next_weight(root: &Path) -> Result<i64, Error> {
    let mut diagnostics = Diagnostics::default();
    let loaded = content::load(root, true, &mut diagnostics);
    let prefix = format!("{EPISODES_DIR}/");
    let highest = loaded
        .documents
        .iter()
        .filter(|d| d.rel.starts_with(&prefix) && !d.rel.ends_with("/_index.md"))
        .filter_map(|d| d.front.weight)
        .max();
    Ok(highest.map_or(1, |w| w + 1))
}

/// Writes a file that does not exist yet, making its folder.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let failure = |error: std::io::Error| {
        Error::from(Diagnostic::new(
            path,
            format!("cannot write: {}", crate::files::io_reason(&error)),
        ))
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(failure)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, bytes))
        .map_err(failure)
}

/// Copies files of the default theme into the site at `root`, to edit: the ones `names`
/// name (`page.html`, `templates/page.html`, `style.css`, `labels/en.toml`), or all of them.
/// Refuses, writing nothing, when one exists already.
pub fn eject(root: &Path, names: &[String]) -> Result<Written, Error> {
    let chosen: Vec<(&str, &[u8])> = if names.is_empty() {
        embedded::FILES.to_vec()
    } else {
        names
            .iter()
            .map(|name| find_theme_file(name))
            .collect::<Result<_, _>>()?
    };
    let taken: Vec<String> = chosen
        .iter()
        .filter(|(path, _)| root.join(path).exists())
        .map(|(path, _)| format!("`{path}`"))
        .collect();
    if !taken.is_empty() {
        return Err(Error::Usage(format!(
            "refusing to overwrite the site's own {}; nothing was copied",
            taken.join(", ")
        )));
    }
    let mut written = Vec::new();
    for (path, bytes) in chosen {
        let target = root.join(path);
        write_new(&target, bytes)?;
        written.push(target);
    }
    Ok(Written {
        what: format!("{} files of the default theme", written.len()),
        files: written,
        next: vec!["The site's own files now replace the theme's of the same name.".to_string()],
    })
}

/// The theme file a name means: its whole path, or its path inside `templates/`,
/// `static/` or `labels/`.
fn find_theme_file(name: &str) -> Result<(&'static str, &'static [u8]), Error> {
    let name = name.trim_start_matches("./");
    let found = embedded::FILES.iter().find(|(path, _)| {
        *path == name
            || path
                .split_once('/')
                .is_some_and(|(_, inside)| inside == name)
    });
    found.copied().ok_or_else(|| {
        let all: Vec<&str> = embedded::FILES.iter().map(|(path, _)| *path).collect();
        Error::Usage(format!(
            "the default theme has no `{name}`; its files are {}",
            all.join(", ")
        ))
    })
}
