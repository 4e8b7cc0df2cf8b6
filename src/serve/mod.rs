//! `fansite serve`: the site built in memory and served over HTTP while its sources are
//! watched; every change rebuilds it, and the open pages reload (or, for a stylesheet,
//! swap it in place) once the new site is in place. A failed rebuild keeps the last good
//! site and shows the error on every open page.
//!
//! Nothing is written to disk: `public/` is left as the last `fansite build` wrote it. The
//! pages are the bytes `fansite build --base-url http://ADDRESS/` writes, with one
//! `<script>` before `</body>` that connects to the reload channel, on the same port.
//!
//! The stages are called through the build API ([`crate::build_live`]), in serve mode
//! (templates see `site.mode == "serve"`). A change is shown in two steps:
//! 1. the edited page alone, when the edit is of a page's text (its front matter as it
//!    was) or of a static file: [`crate::LiveSite::edited`] renders it from the site kept
//!    since the last build, and the pages showing it reload, in milliseconds;
//! 2. the whole site, built again in memory, whose files are compared with those served:
//!    only the pages whose bytes changed reload (none, when step 1 showed everything).
//!
//! Step 2 always runs, so that what is served is always what a build writes; step 1 only
//! shows the page being edited sooner.

mod http;
mod reload;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use crate::built::File;
use crate::error::render_message;
use crate::render::Mode;
use crate::{BuildOptions, Diagnostic, Error, LiveSite};

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site and the build options (`drafts`); the base URL and mode are the server's.
    pub build: BuildOptions,
    /// The address to listen on: `127.0.0.1` unless told otherwise.
    pub bind: IpAddr,
    /// The port; `0` lets the system choose a free one.
    pub port: u16,
    /// Host names besides the address itself and `localhost` that requests may name.
    pub allowed_hosts: Vec<String>,
    /// Opens the site in the default browser once it is served.
    pub open: bool,
    /// How messages name the site's files: from the folder the command runs in.
    pub shown_root: PathBuf,
    /// Colours in the terminal.
    pub styled: bool,
}

/// One file as served: its bytes (a page's with the reload script) and its entity tag.
#[derive(Debug, Clone)]
struct Served {
    bytes: Arc<[u8]>,
    etag: Arc<str>,
}

/// What the server answers from: the last good site, and the error of the last build if
/// it failed.
#[derive(Debug, Default)]
struct Snapshot {
    files: HashMap<String, Served>,
    /// The last build's errors, as the terminal shows them but without colour.
    error: Option<String>,
}

/// The state the HTTP threads and the watcher share.
struct Server {
    options: ServeOptions,
    /// The base URL the site is built with: `http://127.0.0.1:1111/`.
    base_url: String,
    snapshot: RwLock<Snapshot>,
    clients: reload::Clients,
    hosts: http::Hosts,
}

/// Serves the site until the process is stopped (Ctrl-C exits with status 0).
pub fn serve(options: ServeOptions) -> Result<(), Error> {
    let listener =
        tiny_http::Server::http(SocketAddr::new(options.bind, options.port)).map_err(|e| {
            Error::Usage(format!(
                "cannot listen on {}:{}: {e}",
                options.bind, options.port
            ))
        })?;
    let address = listener
        .server_addr()
        .to_ip()
        .ok_or_else(|| Error::Usage("the server has no IP address".to_string()))?;
    let base_url = format!("http://{}/", http::url_host(address));
    let hosts = http::Hosts::new(address, &options.allowed_hosts);
    let watcher = watch::Watcher::start(&options.build.root)
        .map_err(|e| Error::Usage(format!("cannot watch the site's files: {e}")))?;
    ctrlc::set_handler(|| {
        println!("\nStopped.");
        std::process::exit(0);
    })
    .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))?;

    let server = Arc::new(Server {
        options,
        base_url,
        snapshot: RwLock::new(Snapshot::default()),
        clients: reload::Clients::default(),
        hosts,
    });
    let mut live = None;
    let first = server.rebuild(&mut live);
    println!("{}", server.first_line(&first));
    http::spawn_workers(Arc::new(listener), &server);
    if server.options.open {
        open_browser(&server.base_url);
    }
    for changed in watcher.batches() {
        let shown = server.show_edited(&mut live, &changed);
        let report = server.rebuild(&mut live);
        println!("{}", server.rebuild_line(&changed, shown, &report));
        let failed = report.pages.is_none();
        if let Some(event) = reload::event_after(failed, &report.changes, &server.snapshot) {
            server.clients.send(&event);
        }
    }
    Ok(())
}

/// What one build did, for the terminal and the reload channel.
#[derive(Debug)]
pub(crate) struct Report {
    /// Pages rendered, when the build succeeded.
    pages: Option<usize>,
    /// Milliseconds the build took.
    ms: u128,
    /// How the files served changed.
    changes: reload::Changes,
}

impl Server {
    /// The build options of the preview: the server's address and serve mode.
    fn build_options(&self) -> BuildOptions {
        BuildOptions {
            base_url: Some(self.base_url.clone()),
            mode: Mode::Serve,
            deny_warnings: false,
            ..self.options.build.clone()
        }
    }

    /// Shows an edit of a page's text or of static files at once: those files alone are
    /// made from the site kept since the last build, swapped in, and the pages showing
    /// them told. Returns the milliseconds it took, or `None` when the edit was of
    /// another kind, left to the whole build that follows.
    fn show_edited(&self, live: &mut Option<LiveSite>, changed: &[String]) -> Option<u128> {
        let started = Instant::now();
        let files = live.as_mut()?.edited(changed)?;
        let changes = self.swap(served(files), false);
        if let Some(event) = reload::event_after(false, &changes, &self.snapshot) {
            self.clients.send(&event);
        }
        Some(started.elapsed().as_millis())
    }

    /// Builds the whole site in memory and swaps it in, or keeps the last good site and
    /// records the errors.
    fn rebuild(&self, live: &mut Option<LiveSite>) -> Report {
        let started = Instant::now();
        // The site kept is dropped first: two of them would double the memory at the peak.
        *live = None;
        let result = crate::build_live(&self.build_options());
        match result {
            Ok((files, summary, kept)) => {
                self.print_all(&summary.warnings);
                *live = Some(kept);
                let changes = self.swap(served(files), true);
                Report {
                    pages: Some(summary.pages),
                    ms: started.elapsed().as_millis(),
                    changes,
                }
            }
            Err(error) => {
                let text = self.describe(&error);
                let mut snapshot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
                snapshot.error = Some(text);
                Report {
                    pages: None,
                    ms: started.elapsed().as_millis(),
                    changes: reload::Changes::default(),
                }
            }
        }
    }

    /// Serves `files`: the whole site when `whole`, else some files of it. Returns how
    /// the files served changed.
    fn swap(&self, files: HashMap<String, Served>, whole: bool) -> reload::Changes {
        let mut snapshot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        let changes = reload::Changes::between(&snapshot, &files, whole);
        if whole {
            *snapshot = Snapshot { files, error: None };
        } else {
            snapshot.files.extend(files);
        }
        changes
    }

    /// Prints `error` in the terminal, and returns it as plain text for the browser.
    fn describe(&self, error: &Error) -> String {
        let (diagnostics, summary) = match error {
            Error::Site(diagnostics) => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                let s = if errors == 1 { "" } else { "s" };
                let summary =
                    format!("the site has {errors} error{s}; the last good build is still served");
                (diagnostics.as_slice(), summary)
            }
            Error::Usage(message) => (&[][..], message.clone()),
        };
        self.print_all(diagnostics);
        eprintln!("{}", render_message(&summary, self.options.styled));
        let mut plain: Vec<String> = diagnostics
            .iter()
            .map(|d| d.clone().under(&self.options.shown_root).render(false))
            .collect();
        plain.push(render_message(&summary, false));
        plain.join("\n\n")
    }

    fn print_all(&self, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            let shown = diagnostic.clone().under(&self.options.shown_root);
            eprintln!("{}\n", shown.render(self.options.styled));
        }
    }

    fn first_line(&self, report: &Report) -> String {
        let built = match report.pages {
            Some(pages) => format!("built {pages} pages in {} ms", report.ms),
            None => "the first build failed: fix the error and the pages reload".to_string(),
        };
        format!(
            "Serving the site at {} ({built}). Watching for changes; Ctrl-C to stop.",
            self.base_url
        )
    }

    fn rebuild_line(&self, changed: &[String], shown: Option<u128>, report: &Report) -> String {
        let what = match changed {
            [one] => format!("{one} changed"),
            [first, rest @ ..] => format!("{first} and {} other files changed", rest.len()),
            [] => "files changed".to_string(),
        };
        let shown = match shown {
            Some(ms) => format!("shown in {ms} ms, "),
            None => String::new(),
        };
        match report.pages {
            Some(pages) => format!(
                "{what}: {shown}rebuilt {pages} pages in {} ms ({})",
                report.ms, report.changes
            ),
            None => format!("{what}: {shown}the build failed after {} ms", report.ms),
        }
    }
}

/// The files of a build as served: each page with the reload script, each with a tag.
fn served(files: Vec<File>) -> HashMap<String, Served> {
    files
        .into_iter()
        .map(|file| {
            let bytes = match file.path.ends_with(".html") {
                true => reload::with_script(file.bytes),
                false => file.bytes,
            };
            let etag = format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(&bytes)).into();
            let bytes = bytes.into();
            (file.path, Served { bytes, etag })
        })
        .collect()
}

/// Opens `url` in the default browser, saying so when it cannot.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("could not open a browser with `{opener}`: {error}; open {url}");
    }
}
