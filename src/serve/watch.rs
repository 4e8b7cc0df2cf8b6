//! Watching the site's sources: `site.toml`, and `content/`, `templates/`, `static/` and
//! `labels/` with everything under them, with notify. Events are gathered until none has
//! come for a short while, so that an editor's save (a temporary file, then a rename) or a
//! `git checkout` of hundreds of files is one batch; hidden files and backups
//! (`files::is_ignored`) are no change at all.
//!
//! The debouncing is these few lines rather than notify's debouncer crates: the full one
//! cancels a file's creation and removal when both fall in its window, and a page created
//! then deleted stayed served (the randomized test of `tests/integration/serve.rs` found
//! it); the mini one drops the kinds of events, and reads (the build's own) are no change.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::files::is_ignored;
use crate::theme::labels::LABELS_DIR;
use crate::theme::{STATIC_DIR, TEMPLATES_DIR};

/// The folders whose files are the site's sources.
const FOLDERS: [&str; 4] = [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR, LABELS_DIR];

/// How long a batch waits for a burst of events to end.
const QUIET: Duration = Duration::from_millis(30);

/// The watcher of one site.
pub(super) struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    root: PathBuf,
    /// The source folders watched so far (one made after the server started is added).
    watched: BTreeSet<&'static str>,
}

impl Watcher {
    /// Starts watching the site at `root`.
    pub(super) fn start(root: &Path) -> notify::Result<Watcher> {
        let root = root.canonicalize().map_err(notify::Error::io)?;
        let (sender, events) = mpsc::channel();
        let mut inner = notify::recommended_watcher(sender)?;
        inner.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            watcher: inner,
            events,
            root,
            watched: BTreeSet::new(),
        };
        let _ = watcher.watch_new_folders();
        Ok(watcher)
    }

    /// Each batch of changed sources, as paths relative to the site (`content/a.md`),
    /// for as long as the watcher runs. Batches that arrive while one is rebuilt are
    /// handed over together.
    pub(super) fn batches(mut self) -> impl Iterator<Item = Vec<String>> {
        std::iter::from_fn(move || {
            loop {
                let first = self.events.recv().ok()?;
                let mut changed = BTreeSet::new();
                self.collect(first, &mut changed);
                loop {
                    match self.events.recv_timeout(QUIET) {
                        Ok(more) => self.collect(more, &mut changed),
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return None,
                    }
                }
                changed.extend(self.watch_new_folders().map(String::from));
                if !changed.is_empty() {
                    return Some(changed.into_iter().collect());
                }
            }
        })
    }

    fn collect(&self, result: notify::Result<Event>, changed: &mut BTreeSet<String>) {
        let Ok(event) = result else {
            // The watcher lost events (an overflow): rebuild as if everything changed.
            changed.insert(CONFIG_FILE.to_string());
            return;
        };
        // Reads are no change: the build itself reads every source.
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        // A folder's own events say nothing its files' do not (a new folder is watched, and
        // counted, by `watch_new_folders`).
        let files = event.paths.iter().filter(|path| !path.is_dir());
        for path in files {
            if let Some(rel) = source(&self.root, path) {
                changed.insert(rel);
            }
        }
    }

    /// Watches the source folders made since the last call, and returns them: the files
    /// written into one before it was watched are changes too.
    fn watch_new_folders(&mut self) -> Option<&'static str> {
        let mut added = None;
        for folder in FOLDERS {
            let path = self.root.join(folder);
            if !self.watched.contains(folder) && path.is_dir() {
                let watching = self.watcher.watch(&path, RecursiveMode::Recursive);
                if watching.is_ok() {
                    self.watched.insert(folder);
                    added = Some(folder);
                }
            }
        }
        added
    }
}

/// `path` relative to the site, when it is one of its sources.
fn source(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = Vec::new();
    for component in rel.components() {
        let Component::Normal(name) = component else {
            return None;
        };
        let name = name.to_str()?;
        if is_ignored(name) {
            return None;
        }
        parts.push(name);
    }
    let first = *parts.first()?;
    let wanted = match parts.len() {
        1 => first == CONFIG_FILE || FOLDERS.contains(&first),
        _ => FOLDERS.contains(&first),
    };
    wanted.then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_the_config_and_the_four_folders_without_hidden_files() {
        let root = Path::new("/site");
        let of = |p: &str| source(root, &root.join(p));
        assert_eq!(of("site.toml").as_deref(), Some("site.toml"));
        assert_eq!(of("content/a.md").as_deref(), Some("content/a.md"));
        assert_eq!(of("static/css/x.css").as_deref(), Some("static/css/x.css"));
        assert_eq!(of("content/.a.md.swp"), None);
        assert_eq!(of("content/a.md~"), None);
        assert_eq!(of("public/index.html"), None);
        assert_eq!(of("README.md"), None);
        assert_eq!(source(root, Path::new("/elsewhere/site.toml")), None);
    }
}
