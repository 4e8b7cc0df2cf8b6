//! fansite: a static-site generator for documentary fan sites.
//!
//! A build runs the stages in order, each in its own module: [`config`] reads
//! `site.toml`, [`content`] loads the Markdown files, [`site`] links them (URLs, sections,
//! people, internal links, with [`markdown`] rendering each body), [`render`] runs the
//! Tera templates and [`output`] writes the result atomically. [`build`] and [`check`]
//! drive them; the `fansite` binary is a thin command line over these two functions.

pub mod config;
pub mod content;
pub mod date;
pub mod error;
pub mod import;
pub mod markdown;
pub mod output;
pub mod render;
pub mod search;
pub mod site;
pub mod slug;
pub mod summary;
mod toml_error;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

pub use error::{Diagnostic, Error};

use config::{CONFIG_FILE, Config};
use content::relative_to;
use error::{Diagnostics, display_path};
use output::{Output, Staging, Written};
use render::Templates;
use site::Site;

/// The folder, under the site root, copied as is to the output.
pub const STATIC_DIR: &str = "static";
/// The output folder, under the site root, unless told otherwise.
pub const OUTPUT_DIR: &str = "public";

/// What to build, and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder, holding `site.toml`.
    pub root: PathBuf,
    /// Where to write; `public/` under `root` when `None`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` of `site.toml`.
    pub base_url: Option<String>,
    /// Includes pages marked `draft = true`.
    pub drafts: bool,
    /// Replaces an output folder that fansite did not write.
    pub force: bool,
}

impl BuildOptions {
    /// The defaults for the site at `root`.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            force: false,
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join(OUTPUT_DIR))
    }
}

/// What a build or check did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// HTML pages rendered.
    pub pages: usize,
    /// Files in the output, pages included.
    pub files: usize,
    /// Files whose bytes changed and were written (a check writes none).
    pub written: usize,
    /// People with a page.
    pub people: usize,
    /// Where the site was written, or `None` for a check.
    pub output: Option<PathBuf>,
    /// Wall time.
    pub elapsed: Duration,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        match &self.output {
            Some(output) => write!(
                f,
                "Built {} pages ({} files, {} changed) into {} in {ms:.0} ms",
                self.pages,
                self.files,
                self.written,
                display_path(output)
            ),
            None => write!(
                f,
                "ok: {} pages, {} people, {} files, no errors ({ms:.0} ms)",
                self.pages, self.people, self.files
            ),
        }
    }
}

/// Builds the site into its output folder, replacing the previous build only when every
/// page rendered.
pub fn build(options: &BuildOptions) -> Result<Summary, Error> {
    let started = Instant::now();
    if !options.root.join(CONFIG_FILE).is_file() {
        // Checked before the output folder, whose refusal would hide the real problem.
        return Err(missing_config().into());
    }
    let output_dir = options.output_dir();
    output::check_output_dir(&output_dir, &options.root, options.force)
        .map_err(|refusal| Error::Usage(refusal.0))?;
    let mut stopwatch = Stopwatch::from_env();
    // Listing what the staging folder holds is file-system work: it runs beside the
    // loading and linking, which are mostly computation.
    let (staging, prepared) = std::thread::scope(|scope| {
        let staging = scope.spawn(|| Staging::open(&output_dir));
        let prepared = prepare(options, &mut stopwatch);
        (staging.join(), prepared)
    });
    let (site, mut templates, files) = prepared?;
    let io_error = |path: &str, error: std::io::Error| {
        Diagnostic::new(
            relative_to(&options.root, &output_dir),
            output::describe_io(Path::new(path), &error),
        )
    };
    let staging = staging
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        .map_err(|e| io_error("", e))?;
    let written: Mutex<Vec<Written>> = Mutex::new(Vec::with_capacity(site.pages.len() * 2));
    let emit = |file: Output| {
        let done = staging.write(&file).map_err(|e| io_error(&file.path, e))?;
        written.lock().unwrap_or_else(|e| e.into_inner()).push(done);
        Ok(())
    };
    let links = render::Links::new(&site);
    let pages = render::render(&site, &links, &mut templates, &emit).map_err(Error::Site)?;
    stopwatch.lap("render and write pages");
    copy_files(&files, &emit)?;
    stopwatch.lap("copy static files");
    let written = written.into_inner().unwrap_or_else(|e| e.into_inner());
    let changed = written.iter().filter(|w| w.changed).count();
    let people = site.people.len();
    // Freeing the site's hundreds of thousands of values is work of its own: it runs
    // beside the swap, which mostly waits on the file system.
    let (committed, ()) = rayon::join(
        || staging.commit(&written),
        move || drop((site, links, templates, files)),
    );
    committed.map_err(|e| io_error("", e))?;
    stopwatch.lap("swap the output in");
    Ok(Summary {
        pages,
        files: written.len(),
        written: changed,
        people,
        output: Some(display_output(&output_dir)),
        elapsed: started.elapsed(),
    })
}

/// The output folder as the user would write it: relative to the current folder when
/// inside it, without a leading `./`.
fn display_output(output: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let relative = relative_to(&cwd, output);
    relative
        .strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or(relative)
}

/// Finds every error a build would, rendering every page, but writes nothing.
pub fn check(options: &BuildOptions) -> Result<Summary, Error> {
    let started = Instant::now();
    let mut stopwatch = Stopwatch::from_env();
    let (site, mut templates, files) = prepare(options, &mut stopwatch)?;
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    let emit = |_: Output| {
        rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    };
    let links = render::Links::new(&site);
    let pages = render::render(&site, &links, &mut templates, &emit).map_err(Error::Site)?;
    Ok(Summary {
        pages,
        files: rendered.into_inner() + files.len(),
        written: 0,
        people: site.people.len(),
        output: None,
        elapsed: started.elapsed(),
    })
}

/// Prints how long each stage took, on standard error, when `FANSITE_TIMINGS` is set.
struct Stopwatch {
    last: Option<Instant>,
}

impl Stopwatch {
    fn from_env() -> Stopwatch {
        Stopwatch {
            last: std::env::var_os("FANSITE_TIMINGS").map(|_| Instant::now()),
        }
    }

    fn lap(&mut self, stage: &str) {
        if let Some(last) = &mut self.last {
            eprintln!("{:>8.1} ms  {stage}", last.elapsed().as_secs_f64() * 1000.0);
            *last = Instant::now();
        }
    }
}

/// A file copied as is: from `static/`, or a non-Markdown file of `content/`.
#[derive(Debug, Clone)]
struct CopiedFile {
    source: PathBuf,
    path: String,
}

/// Runs every stage before rendering, collecting the problems of all of them.
fn prepare(
    options: &BuildOptions,
    stopwatch: &mut Stopwatch,
) -> Result<(Site, Templates, Vec<CopiedFile>), Error> {
    let root = &options.root;
    if let Some(problem) = options
        .base_url
        .as_deref()
        .and_then(config::base_url_problem)
    {
        return Err(Error::Usage(format!("--base-url {problem}")));
    }
    let mut diagnostics = Diagnostics::default();
    let config = load_config(root, &mut diagnostics);
    if !root.join(CONFIG_FILE).is_file() {
        // Not a site at all: the other folders' absence would only be noise.
        return Err(diagnostics
            .finish(())
            .expect_err("a missing config is an error"));
    }
    let config = match (config, &options.base_url) {
        (Some(mut config), Some(base_url)) => {
            config.set_base_url(base_url).map_err(Error::Usage)?;
            Some(config)
        }
        (config, _) => config,
    };
    let content = content::load(root, options.drafts, &mut diagnostics);
    stopwatch.lap("load config and content");
    let templates = Templates::load(root, &mut diagnostics);
    stopwatch.lap("compile templates");
    let Some(config) = config else {
        return Err(diagnostics
            .finish(())
            .expect_err("a missing config is an error"));
    };
    let site = site::link(config, content, &mut diagnostics);
    stopwatch.lap("link pages and render Markdown");
    let files = copied_files(root, &site, &mut diagnostics);
    let Some(templates) = templates else {
        return Err(diagnostics
            .finish(())
            .expect_err("broken templates are an error"));
    };
    render::check_templates(&site, &templates, &mut diagnostics);
    diagnostics.finish((site, templates, files))
}

fn missing_config() -> Diagnostic {
    Diagnostic::new(CONFIG_FILE, "no site here: `site.toml` is missing")
        .help("run fansite in the site's folder, or pass `--root DIR`")
}

fn load_config(root: &Path, diagnostics: &mut Diagnostics) -> Option<Config> {
    let file = Path::new(CONFIG_FILE);
    let path = root.join(file);
    if !path.is_file() {
        diagnostics.push(missing_config());
        return None;
    }
    let text = diagnostics.take(content::read_text(root, &path))?;
    diagnostics.take(Config::parse(&text, file))
}

/// Lists `static/` and the assets of `content/`, refusing any that would overwrite a page.
fn copied_files(root: &Path, site: &Site, diagnostics: &mut Diagnostics) -> Vec<CopiedFile> {
    let mut files: Vec<CopiedFile> = site
        .assets
        .iter()
        .map(|asset| CopiedFile {
            source: asset.source.clone(),
            path: asset.rel.clone(),
        })
        .collect();
    let static_dir = root.join(STATIC_DIR);
    if static_dir.is_dir() {
        for entry in walkdir::WalkDir::new(&static_dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let rel = entry
                        .path()
                        .strip_prefix(&static_dir)
                        .unwrap_or(entry.path());
                    files.push(CopiedFile {
                        path: rel.to_string_lossy().replace('\\', "/"),
                        source: entry.into_path(),
                    });
                }
                Ok(_) => {}
                Err(error) => diagnostics.push(Diagnostic::new(
                    relative_to(root, error.path().unwrap_or(&static_dir)),
                    format!("cannot read: {error}"),
                )),
            }
        }
    }
    let generated = Generated::new(site);
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for file in &files {
        let source = relative_to(root, &file.source);
        if let Some(page) = generated.of(&file.path) {
            diagnostics.push(Diagnostic::new(
                &source,
                format!("would overwrite `{}`, the output of {page}", file.path),
            ));
        } else if let Some(first) = seen.insert(&file.path, &file.source) {
            diagnostics.push(Diagnostic::new(
                &source,
                format!(
                    "`{}` and `{}` would both be copied to `{}`",
                    display_path(&relative_to(root, first)),
                    display_path(&source),
                    file.path
                ),
            ));
        }
    }
    files
}

/// The output paths the renderer writes, to find a copied file that would overwrite one.
///
/// Pages are found by their folder, borrowed: only a collision is described, so that a
/// site of 10,000 pages does not format 20,000 strings to check its five static files.
struct Generated<'a> {
    site: &'a Site,
    /// A page's or person's folder (`episodes/part-1/`) → which of them it is.
    folders: FxHashMap<&'a str, Owner>,
}

/// What writes a folder's `index.html`.
#[derive(Clone, Copy)]
enum Owner {
    Page(usize),
    Person(usize),
}

impl<'a> Generated<'a> {
    fn new(site: &'a Site) -> Self {
        let pages = site.pages.iter().enumerate();
        let people = site.people.iter().enumerate();
        let mut folders = FxHashMap::default();
        folders.extend(pages.map(|(id, page)| (page.path.as_str(), Owner::Page(id))));
        folders.extend(people.map(|(id, person)| (person.path.as_str(), Owner::Person(id))));
        Generated { site, folders }
    }

    /// What the renderer writes at `path`, if anything: "the page of Dr. Dre".
    fn of(&self, path: &str) -> Option<String> {
        let fixed = [
            ("people/index.html", "the people index"),
            ("search/index.html", "the search page"),
            ("404.html", "the 404 page"),
            ("sitemap.xml", "the sitemap"),
            ("atom.xml", "the feed"),
            ("robots.txt", "robots.txt"),
            (output::MARKER_FILE, "fansite's own marker"),
        ];
        if let Some((_, of)) = fixed.iter().find(|(fixed, _)| *fixed == path) {
            return Some(of.to_string());
        }
        let owner = self.folders.get(path.strip_suffix("index.html")?)?;
        Some(match *owner {
            Owner::Page(id) => self.site.pages[id].file.as_deref().map_or_else(
                || "the home page".to_string(),
                |f| format!("`{}`", display_path(f)),
            ),
            Owner::Person(id) => format!("the page of {}", self.site.people[id].name),
        })
    }
}

fn copy_files(
    files: &[CopiedFile],
    emit: &(dyn Fn(Output) -> Result<(), Diagnostic> + Sync),
) -> Result<(), Error> {
    let failures: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|file| {
            let bytes = match std::fs::read(&file.source) {
                Ok(bytes) => bytes,
                Err(error) => {
                    return Some(Diagnostic::new(
                        &file.source,
                        format!("cannot read: {}", content::io_reason(&error)),
                    ));
                }
            };
            emit(Output {
                path: file.path.clone(),
                bytes,
            })
            .err()
        })
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(Error::Site(failures))
    }
}
