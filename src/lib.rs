//! fansite: a static-site generator for documentary fan sites.
//!
//! A build runs the stages in order, each in its own module: [`config`] reads
//! `site.toml`, [`content`] loads the Markdown files and [`theme`] the templates, static
//! files and labels; [`site`] links the pages (URLs, sections, people, internal links,
//! with [`markdown`] rendering each body); [`render`] runs the templates, [`search`] makes
//! the search index, and [`output`] writes the result atomically. Only [`files`] reads
//! the disk. [`build`] and [`check`] drive the stages; the `fansite` binary is a thin
//! command line over these two functions.

pub mod built;
pub mod config;
pub mod content;
pub mod date;
pub mod describe;
pub mod error;
pub mod files;
pub mod import;
pub mod markdown;
pub mod media;
pub mod new_site;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod shortcodes;
pub mod site;
pub mod slug;
pub mod summary;
pub mod theme;
mod toml_error;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use error::{Diagnostic, Error};

use built::File;
use config::{CONFIG_FILE, Config};
use error::{Diagnostics, display_path};
use render::{Renderer, Templates};
use site::{CopiedFile, Site};
use theme::Theme;

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
    /// Makes every warning an error, for CI.
    pub deny_warnings: bool,
    /// What the site is rendered for: templates see it as `site.mode`.
    pub mode: render::Mode,
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
            deny_warnings: false,
            mode: render::Mode::Build,
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
    /// Files whose bytes had to be written (a check writes none).
    pub written: usize,
    /// How the files differ from the last successful build's (none for a check).
    pub changes: output::Changes,
    /// People with a page.
    pub people: usize,
    /// Where the site was written, or `None` for a check.
    pub output: Option<PathBuf>,
    /// Probable mistakes that did not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// Nothing had changed since the last build, which was left as it was.
    pub up_to_date: bool,
    /// Wall time.
    pub elapsed: Duration,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.elapsed.as_secs_f64() * 1000.0;
        match &self.output {
            Some(output) if self.up_to_date => write!(
                f,
                "Nothing changed since the last build: {} pages ({} files) in {}, checked in \
                 {ms:.0} ms",
                self.pages,
                self.files,
                display_path(output)
            ),
            Some(output) => {
                let output::Changes { changed, removed } = self.changes;
                let removed = match removed {
                    0 => String::new(),
                    n => format!(", {n} removed"),
                };
                write!(
                    f,
                    "Built {} pages ({} files: {changed} changed{removed} since the last build) \
                     into {} in {ms:.0} ms",
                    self.pages,
                    self.files,
                    display_path(output)
                )
            }
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
    require_config(&options.root)?;
    let output_dir = options.output_dir();
    let opening = output::open(&output_dir, &options.root, options.force)
        .map_err(|refusal| Error::Usage(refusal.0))?;
    // What the output depends on, known from the sources alone: when it equals the last
    // build's and that build's files are untouched, a build would write the same.
    let sources = sources_fingerprint(options);
    if let Some((record, files)) = output::unchanged(&output_dir, sources) {
        return Ok(Summary {
            pages: record.pages,
            files,
            written: 0,
            changes: output::Changes::default(),
            people: record.people,
            output: Some(display_output(&output_dir)),
            warnings: Vec::new(),
            up_to_date: true,
            elapsed: started.elapsed(),
        });
    }
    let mut stopwatch = Stopwatch::from_env();
    let Prepared {
        site,
        theme,
        mut templates,
        warnings,
    } = prepare(options, &mut stopwatch)?;

    let index = search_index(&site, &theme);
    stopwatch.lap("index the words for search");
    let renderer = Renderer::new(&site, &mut templates, &theme.labels, options.mode);
    let files = site_files(&options.root, &site, &theme, &renderer, index, false);
    let staging = opening.ready()?;
    let mut batch = staging.write_all(files);
    // The pictures, copied from the cache: a build whose output has them reads none.
    match site.media.copies() {
        Ok(copies) => {
            let copied = staging.copy_all(&copies);
            batch.written.extend(copied.written);
            batch.failed.extend(copied.failed);
        }
        Err((source, problem)) => batch.failed.push(picture_problem(&source, &problem)),
    }
    stopwatch.lap("render and write the files");
    let mut problems = batch.failed;
    problems.extend(unmade_problems(&renderer, batch.unmade));
    if !problems.is_empty() {
        return Err(Error::Site(problems));
    }
    let summary = Summary {
        pages: renderer.html_pages(),
        files: batch.written.len(),
        written: batch.written.iter().filter(|w| w.changed).count(),
        changes: staging.changes(&batch.written),
        people: site.people.len(),
        output: Some(display_output(&output_dir)),
        warnings,
        up_to_date: false,
        elapsed: Duration::ZERO,
    };
    let record = output::Record {
        // A build with warnings runs again next time, to say them again.
        sources: if summary.warnings.is_empty() {
            sources
        } else {
            0
        },
        pages: summary.pages,
        people: summary.people,
    };
    let leftovers = (renderer.into_links(), site, templates, theme);
    while_freeing(leftovers, || staging.commit(&batch.written, record))?;
    stopwatch.lap("swap the output in");
    Ok(Summary {
        elapsed: started.elapsed(),
        ..summary
    })
}

/// The fingerprint of everything a build of `options` reads: the site's files, the
/// options that change the output, and this program (whose embedded theme and code make
/// the pages).
fn sources_fingerprint(options: &BuildOptions) -> u128 {
    let program = files::this_program();
    let salt = format!(
        "{} {program} {:?} {} {:?}",
        env!("CARGO_PKG_VERSION"),
        options.base_url,
        options.drafts,
        options.mode
    );
    files::fingerprint(
        &options.root,
        &[config::CONFIG_FILE],
        &[
            content::CONTENT_DIR,
            theme::TEMPLATES_DIR,
            theme::STATIC_DIR,
            theme::labels::LABELS_DIR,
        ],
        &salt,
    )
}

/// Builds the site in memory: every file of the output, in no set order, and what the
/// build did (`written` and `changes` are zero), for a caller that serves the files itself.
pub fn build_in_memory(options: &BuildOptions) -> Result<(Vec<File>, Summary), Error> {
    build_live(options).map(|(files, summary, _)| (files, summary))
}

/// Builds the site in memory as [`build_in_memory`] does, and keeps it, linked, so that
/// an edit of one page's text is shown by rendering that page alone ([`LiveSite::edited`]).
pub fn build_live(options: &BuildOptions) -> Result<(Vec<File>, Summary, LiveSite), Error> {
    let started = Instant::now();
    let mut stopwatch = Stopwatch::from_env();
    let Prepared {
        site,
        theme,
        mut templates,
        warnings,
    } = prepare(options, &mut stopwatch)?;
    let index = search_index(&site, &theme);
    let renderer = Renderer::new(&site, &mut templates, &theme.labels, options.mode);
    let results: Vec<Result<File, Unmade>> =
        site_files(&options.root, &site, &theme, &renderer, index, true).collect();
    let (files, unmade): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    let problems = unmade_problems(&renderer, unmade.into_iter().filter_map(Result::err));
    if !problems.is_empty() {
        return Err(Error::Site(problems));
    }
    let files: Vec<File> = files.into_iter().filter_map(Result::ok).collect();
    let summary = Summary {
        pages: renderer.html_pages(),
        files: files.len(),
        written: 0,
        changes: output::Changes::default(),
        people: site.people.len(),
        output: None,
        warnings,
        up_to_date: false,
        elapsed: started.elapsed(),
    };
    let live = LiveSite {
        root: options.root.clone(),
        mode: options.mode,
        site,
        theme,
        templates,
    };
    Ok((files, summary, live))
}

/// A site built in memory and kept linked, for a preview: an edit of a page's text or of
/// a static file is shown by making those files alone, in a few milliseconds, before the
/// whole site is built again for what else the edit changed.
pub struct LiveSite {
    root: PathBuf,
    mode: render::Mode,
    site: Site,
    theme: Theme,
    templates: Templates,
}

impl LiveSite {
    /// The files that the sources `changed` (paths relative to the site, with `/`) make,
    /// each made alone: the page of a Markdown file whose front matter is as it was, and
    /// a static file of the site. They are byte for byte what a build of the whole site
    /// makes of them; other files may change too (the pages that show an edited page's
    /// summary, the search index), which only that build makes.
    ///
    /// `None` when a change is of another kind (a template, front matter, a new or
    /// deleted file) or fails: a build of the whole site makes it, or says why. The site
    /// kept may then hold some of the edits: build it again before the next call.
    pub fn edited(&mut self, changed: &[String]) -> Option<Vec<File>> {
        let mut files = Vec::new();
        let mut pages = Vec::new();
        for path in changed {
            if self.is_passing_file(path) {
                continue;
            }
            if media::Format::of(Path::new(path)).is_some() {
                return None;
            }
            match content::read_one(&self.root, path) {
                Some(document) => {
                    // Its problems were reported by the build that made this site.
                    let mut reported = error::Diagnostics::default();
                    let config = self.site.config.clone();
                    let shortcodes =
                        render::Shortcodes::new(&self.templates, config, &mut reported);
                    pages.push(self.site.replace_body(&document.ok()?, Some(&shortcodes))?);
                }
                None => {
                    let file = self.theme.static_files.iter().find(|file| {
                        matches!(file.source, theme::Source::Site(_))
                            && file.shown(&self.root) == Path::new(path)
                    })?;
                    let bytes = file.read(&self.root).ok()?.into_owned();
                    let path = file.path.clone();
                    files.push(File { path, bytes });
                }
            }
        }
        if !pages.is_empty() {
            let labels = &self.theme.labels;
            let renderer = Renderer::new(&self.site, &mut self.templates, labels, self.mode);
            for id in pages {
                files.push(renderer.page(id).ok()?);
            }
        }
        Some(files)
    }

    /// Whether `path` is a file that came and went without being part of the site: the
    /// temporary file an editor saves through, then renames over the file it saves.
    fn is_passing_file(&self, path: &str) -> bool {
        let in_folder = |folder: &str| {
            path.strip_prefix(folder)
                .is_some_and(|p| p.starts_with('/'))
        };
        if !(in_folder(content::CONTENT_DIR) || in_folder(theme::STATIC_DIR))
            || self.root.join(path).exists()
            || path.ends_with(".md")
        {
            return false;
        }
        let path = Path::new(path);
        let site = &self.site;
        let asset = site.assets.iter();
        !(asset
            .map(|a| files::relative_to(&self.root, &a.source))
            .any(|a| a == path)
            || self
                .theme
                .static_files
                .iter()
                .any(|f| f.shown(&self.root) == path))
    }
}

/// Finds every error a build would, rendering every page, but writes nothing.
pub fn check(options: &BuildOptions) -> Result<Summary, Error> {
    let started = Instant::now();
    let mut stopwatch = Stopwatch::from_env();
    let Prepared {
        site,
        theme,
        mut templates,
        warnings,
    } = prepare(options, &mut stopwatch)?;
    let index = search_index(&site, &theme).len();
    let renderer = Renderer::new(&site, &mut templates, &theme.labels, options.mode);
    let failures: Vec<render::Failure> = renderer.files().filter_map(Result::err).collect();
    if !failures.is_empty() {
        return Err(Error::Site(renderer.explain(failures)));
    }
    let pictures: usize = (site.media.pictures().iter())
        .map(|p| p.webp.len() + p.fallback.len())
        .sum();
    let copied = site.assets.len() + theme.static_files.len() + pictures;
    Ok(Summary {
        pages: renderer.html_pages(),
        files: renderer.len() + index + copied,
        written: 0,
        changes: output::Changes::default(),
        people: site.people.len(),
        output: None,
        warnings,
        up_to_date: false,
        elapsed: started.elapsed(),
    })
}

/// Why a file of the site could not be made.
enum Unmade {
    /// A page failed to render.
    Page(render::Failure),
    /// A file to copy could not be read.
    Copy(Box<Diagnostic>),
}

/// Every file of the built site, made in parallel as they are asked for: the pages, the
/// search index and the files copied as they are.
fn site_files<'a>(
    root: &'a Path,
    site: &'a Site,
    theme: &'a Theme,
    renderer: &'a Renderer<'a>,
    index: Vec<File>,
    with_pictures: bool,
) -> impl ParallelIterator<Item = Result<File, Unmade>> + 'a {
    let pictures = match with_pictures {
        true => picture_files(site),
        false => Vec::new(),
    };
    renderer
        .files()
        .map(|file| file.map_err(Unmade::Page))
        .chain(index.into_par_iter().map(Ok))
        .chain(pictures.into_par_iter())
        .chain(copied_files(root, site, theme))
}

/// The files made of the site's pictures, read from the cache.
fn picture_files(site: &Site) -> Vec<Result<File, Unmade>> {
    match site.media.files() {
        Ok(files) => files.into_iter().map(Ok).collect(),
        Err((source, problem)) => vec![Err(Unmade::Copy(Box::new(picture_problem(
            &source, &problem,
        ))))],
    }
}

/// A picture whose files the cache lost between the making and the writing.
fn picture_problem(source: &Path, problem: &media::Problem) -> Diagnostic {
    Diagnostic::new(media::CACHE_DIR, problem.describe(source)).help(problem.help())
}

/// The diagnostics of the files that could not be made.
fn unmade_problems(
    renderer: &Renderer,
    unmade: impl IntoIterator<Item = Unmade>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut failed_pages = Vec::new();
    for unmade in unmade {
        match unmade {
            Unmade::Page(failure) => failed_pages.push(failure),
            Unmade::Copy(diagnostic) => problems.push(*diagnostic),
        }
    }
    problems.extend(renderer.explain(failed_pages));
    problems
}

/// The search index's files, when the site has search.
fn search_index(site: &Site, theme: &Theme) -> Vec<File> {
    match site.has_search {
        true => search::index(search::documents(site, &theme.labels)),
        false => Vec::new(),
    }
}

/// The files copied as they are: the theme's static files and the assets of `content/`.
fn copied_files<'a>(
    root: &'a Path,
    site: &'a Site,
    theme: &'a Theme,
) -> impl ParallelIterator<Item = Result<File, Unmade>> + 'a {
    // A picture is published as the files made of it only: its source may carry where
    // it was taken.
    let published = |source: &Path| !site.media.is_source(&files::relative_to(root, source));
    let assets = site
        .assets
        .par_iter()
        .filter(move |asset| published(&asset.source));
    let assets = assets.map(move |asset| {
        let bytes =
            files::read_bytes(root, &asset.source).map_err(|d| Unmade::Copy(Box::new(d)))?;
        Ok(File {
            path: asset.rel.clone(),
            bytes,
        })
    });
    let statics = theme
        .static_files
        .par_iter()
        .filter(move |file| match &file.source {
            theme::Source::Site(source) => published(source),
            theme::Source::Theme(_) => true,
        });
    let statics = statics.map(move |file| {
        let bytes = file.read(root).map_err(|d| Unmade::Copy(Box::new(d)))?;
        Ok(File {
            path: file.path.clone(),
            bytes: bytes.into_owned(),
        })
    });
    assets.chain(statics)
}

/// Runs `work` while `garbage` is freed on another thread: freeing a linked site's hundreds
/// of thousands of values is work of its own, and the swap of the output, which runs
/// beside it, mostly waits on the file system.
fn while_freeing<R: Send>(garbage: impl Send, work: impl FnOnce() -> R + Send) -> R {
    rayon::join(work, move || drop(garbage)).0
}

/// The output folder as the user would write it: relative to the current folder when
/// inside it, without a leading `./`.
fn display_output(output: &Path) -> PathBuf {
    let cwd = std::env::current_dir().unwrap_or_default();
    let relative = files::relative_to(&cwd, output);
    relative
        .strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or(relative)
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
            let rss =
                files::resident_mib().map_or_else(String::new, |mib| format!("{mib:>6} MiB  "));
            eprintln!(
                "{:>8.1} ms  {rss}{stage}",
                last.elapsed().as_secs_f64() * 1000.0
            );
            *last = Instant::now();
        }
    }
}

/// A linked site, ready to render.
struct Prepared {
    site: Site,
    theme: Theme,
    templates: Templates,
    /// What the stages found that is probably a mistake but does not stop the build.
    warnings: Vec<Diagnostic>,
}

/// Runs every stage before rendering, collecting the problems of all of them.
fn prepare(options: &BuildOptions, stopwatch: &mut Stopwatch) -> Result<Prepared, Error> {
    let root = &options.root;
    if let Some(problem) = options
        .base_url
        .as_deref()
        .and_then(config::base_url_problem)
    {
        return Err(Error::Usage(format!("--base-url {problem}")));
    }
    require_config(root)?;
    let mut diagnostics = Diagnostics::default();
    let config = load_config(root, options.base_url.as_deref(), &mut diagnostics)?;
    let content = content::load(root, options.drafts, &mut diagnostics);
    stopwatch.lap("load config and content");
    let language = config.as_ref().map_or("en", |c| c.language.as_str());
    let theme = Theme::load(root, language, &mut diagnostics);
    let templates = theme
        .as_ref()
        .and_then(|theme| Templates::compile(theme, &mut diagnostics));
    stopwatch.lap("load the theme and compile templates");
    let Some(config) = config else {
        return Err(diagnostics
            .finish(())
            .expect_err("a missing config is an error"));
    };
    let has_search = config.search
        && match (&templates, &theme) {
            (Some(templates), _) => templates.contains(render::SEARCH_TEMPLATE),
            (None, Some(theme)) => theme.has_template(render::SEARCH_TEMPLATE),
            (None, None) => false,
        };
    let media = media::Library::new(root, config.images.clone());
    let shortcodes = templates
        .as_ref()
        .map(|templates| render::Shortcodes::new(templates, config.clone(), &mut diagnostics));
    let site = site::link(
        config,
        content,
        has_search,
        media,
        shortcodes
            .as_ref()
            .map(|s| s as &dyn site::ShortcodeTemplates),
        &mut diagnostics,
    );
    // Every picture the site names is made by now: the cache's list is written, even
    // when the build fails, so that the work is kept.
    site.media.save();
    stopwatch.lap("link pages, render Markdown and make pictures");
    if let Some(theme) = &theme {
        site.check_copies(&copied_sources(root, &site, theme), &mut diagnostics);
    }
    let (Some(theme), Some(templates)) = (theme, templates) else {
        return Err(diagnostics
            .finish(())
            .expect_err("broken templates are an error"));
    };
    templates.check(&site, &mut diagnostics);
    if options.deny_warnings {
        diagnostics.deny_warnings();
    }
    let (mut prepared, warnings) = diagnostics.finish_with_warnings(Prepared {
        site,
        theme,
        templates,
        warnings: Vec::new(),
    })?;
    prepared.warnings = warnings;
    Ok(prepared)
}

/// The files to copy as they are, with their sources named relative to the site.
fn copied_sources<'a>(root: &Path, site: &'a Site, theme: &'a Theme) -> Vec<CopiedFile<'a>> {
    let assets = site.assets.iter().map(|asset| CopiedFile {
        path: &asset.rel,
        source: files::relative_to(root, &asset.source),
    });
    let statics = theme.static_files.iter().map(|file| CopiedFile {
        path: &file.path,
        source: file.shown(root),
    });
    assets.chain(statics).collect()
}

/// Fails when `root` holds no `site.toml`: not a site at all, whose other folders'
/// absence would only be noise.
fn require_config(root: &Path) -> Result<(), Error> {
    if root.join(CONFIG_FILE).is_file() {
        return Ok(());
    }
    Err(
        Diagnostic::new(CONFIG_FILE, "no site here: `site.toml` is missing")
            .help("run fansite in the site's folder, or pass `--root DIR`")
            .into(),
    )
}

/// Reads `site.toml`, with `base_url` replaced by `--base-url` when given.
fn load_config(
    root: &Path,
    base_url: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Result<Option<Config>, Error> {
    let file = Path::new(CONFIG_FILE);
    let Some(text) = diagnostics.take(files::read_text(root, &root.join(file))) else {
        return Ok(None);
    };
    let Some(mut config) = diagnostics.take_all(Config::parse(&text, file)) else {
        return Ok(None);
    };
    let text = match base_url {
        Some(base_url) => {
            config.set_base_url(base_url).map_err(Error::Usage)?;
            None
        }
        None => Some(text.as_str()),
    };
    diagnostics.extend(config.warnings(text, file));
    Ok(Some(config))
}
