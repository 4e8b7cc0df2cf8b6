//! The reload channel of `serve`: server-sent events on the server's own port (no second
//! port to forward behind a tunnel or a container), the script every served page loads to
//! listen to them, and the overlay that shows a failed build on the page.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Mutex, RwLock};
use std::time::Duration;

use tiny_http::Request;

use super::{Served, Snapshot};
use crate::site::routes::SEARCH_INDEX_DIR;

/// Where pages listen for events. Reserved: a site's own file there is never served.
pub(super) const EVENTS_PATH: &str = "/__fansite/events";
/// Where pages load the script from (a file, so that a Content Security Policy of
/// `script-src 'self'` allows it).
pub(super) const SCRIPT_PATH: &str = "/__fansite/reload.js";

/// A comment line sent this often keeps idle connections open through proxies.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The script: reloads the page (keeping its scroll position; going home when the page is
/// gone), swaps stylesheets in place, and shows a failed build in an overlay.
pub(super) const SCRIPT: &str = r#"(() => {
  'use strict';
  const KEY = 'fansite-scroll';
  const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  if (saved && saved.path === location.pathname) {
    sessionStorage.removeItem(KEY);
    const restore = () => window.scrollTo({ left: saved.x, top: saved.y, behavior: 'instant' });
    if (document.readyState === 'complete') restore();
    else window.addEventListener('load', restore);
  }
  const reload = () => {
    sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, x: window.scrollX, y: window.scrollY }));
    fetch(location.href, { method: 'HEAD', cache: 'no-store' })
      .then((r) => (r.status === 404 ? location.assign('/') : location.reload()))
      .catch(() => location.reload());
  };
  const overlay = (text) => {
    let box = document.getElementById('fansite-overlay');
    if (!box) {
      box = document.createElement('div');
      box.id = 'fansite-overlay';
      box.setAttribute('role', 'alert');
      Object.assign(box.style, {
        position: 'fixed', inset: '1rem', zIndex: '2147483647', overflow: 'auto',
        background: '#fff', color: '#1a1a1a', border: '4px solid #b00020', borderRadius: '8px',
        padding: '1rem 1.25rem', font: '16px/1.5 system-ui, sans-serif', boxShadow: '0 4px 24px rgba(0,0,0,.35)',
      });
      const title = document.createElement('h2');
      title.textContent = 'The site did not build';
      Object.assign(title.style, { margin: '0 0 .5rem', color: '#b00020', fontSize: '1.25rem' });
      const pre = document.createElement('pre');
      pre.tabIndex = 0;
      Object.assign(pre.style, { whiteSpace: 'pre-wrap', font: '14px/1.45 ui-monospace, monospace', margin: '0 0 1rem' });
      const close = document.createElement('button');
      close.type = 'button';
      close.textContent = 'Dismiss';
      Object.assign(close.style, { font: 'inherit', padding: '.25rem .75rem', color: '#1a1a1a', background: '#f2f2f2', border: '1px solid #555', borderRadius: '4px' });
      close.addEventListener('click', () => box.remove());
      box.append(title, pre, close);
      document.body.append(box);
    }
    box.querySelector('pre').textContent = text;
  };
  const events = new EventSource('/__fansite/events');
  // The pages that changed, one per line; `OLD NEW` for a page that moved; `*` for all.
  events.addEventListener('reload', (e) => {
    for (const line of e.data.split('\n')) {
      const [path, moved] = line.split(' ');
      if (line === '*' || line === '') return reload();
      if (path === location.pathname) return moved ? location.assign(moved) : reload();
    }
  });
  events.addEventListener('failed', (e) => overlay(e.data));
  events.addEventListener('css', () => {
    if (document.getElementById('fansite-overlay')) return reload();
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set('fansite', Date.now());
      link.href = url.href;
    }
  });
})();
"#;

/// A page's bytes with the script before its last `</body>` (at the end when it has none).
pub(super) fn with_script(mut page: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let end = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"));
    let at = end.unwrap_or(page.len());
    page.splice(at..at, tag.bytes());
    page
}

/// What every path answers when the site has no page for it: a first build that failed
/// (the overlay says why), or a theme without a 404 page.
pub(super) fn fallback_page(failed: bool) -> String {
    let (title, text) = match failed {
        true => (
            "The site did not build",
            "Fix the error shown above and this page reloads by itself.",
        ),
        false => ("Not found", "The site has no page here."),
    };
    with_script_text(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>\n"
    ))
}

fn with_script_text(page: String) -> String {
    String::from_utf8(with_script(page.into_bytes())).expect("UTF-8 in, UTF-8 out")
}

/// How the files served changed in one swap, which decides which open pages reload.
#[derive(Debug, Default)]
pub(super) struct Changes {
    /// The URL paths (`/episodes/part-1/`) of the pages whose bytes changed or that went.
    pages: Vec<String>,
    /// One page gone and one new, as a renamed file or a new slug makes: its old URL
    /// path and its new one, where the pages showing the old one go.
    moved: Option<(String, String)>,
    /// A stylesheet changed: the pages swap them in place.
    styles: bool,
    /// Every page reloads: what any page may load changed (a script, an image, a font),
    /// or the pages show the error of a build that failed.
    everything: bool,
    /// Files changed, new or gone.
    files: usize,
}

/// More pages than this changed: every page reloads, rather than each get their list.
const MAX_LISTED: usize = 200;

impl Changes {
    /// How serving `files` changes what `served` serves: the whole site when `whole`
    /// (files it lacks are gone), else some files of it.
    pub(super) fn between(
        served: &Snapshot,
        files: &HashMap<String, Served>,
        whole: bool,
    ) -> Changes {
        let mut changes = Changes {
            everything: served.error.is_some(),
            ..Changes::default()
        };
        let mut new_pages = Vec::new();
        for (path, file) in files {
            match served.files.get(path) {
                Some(old) if old.etag == file.etag => {}
                old => {
                    if old.is_none() && path.ends_with(".html") {
                        new_pages.push(url_path(path));
                    }
                    changes.add(path);
                }
            }
        }
        let mut gone = Vec::new();
        if whole {
            for path in served.files.keys().filter(|p| !files.contains_key(*p)) {
                if path.ends_with(".html") {
                    gone.push(url_path(path));
                }
                changes.add(path);
            }
        }
        if let ([from], [to]) = (gone.as_slice(), new_pages.as_slice()) {
            changes.moved = Some((from.clone(), to.clone()));
        }
        changes
    }

    fn add(&mut self, path: &str) {
        self.files += 1;
        if path.ends_with(".html") {
            self.pages.push(url_path(path));
        } else if path.ends_with(".css") {
            self.styles = true;
        } else if !(path.starts_with(SEARCH_INDEX_DIR) || is_not_loaded_by_pages(path)) {
            self.everything = true;
        }
    }
}

/// Files no page loads as it shows: feeds, the sitemap, `robots.txt`, JSON data.
fn is_not_loaded_by_pages(path: &str) -> bool {
    [".xml", ".txt", ".json"]
        .iter()
        .any(|end| path.ends_with(end))
}

/// The URL path of an output file: `/episodes/part-1/` for `episodes/part-1/index.html`.
fn url_path(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

impl fmt::Display for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.files {
            0 => f.write_str("no file changed"),
            1 => f.write_str("1 file changed"),
            n => write!(f, "{n} files changed"),
        }
    }
}

/// The events that follow a swap: the error of a build that failed, or the stylesheets
/// to swap and the pages to reload. `None` when no open page needs telling.
pub(super) fn event_after(
    failed: bool,
    changes: &Changes,
    snapshot: &RwLock<Snapshot>,
) -> Option<String> {
    if failed {
        let snapshot = snapshot.read().unwrap_or_else(|e| e.into_inner());
        let error = snapshot.error.as_deref().unwrap_or("the build failed");
        return Some(event("failed", error));
    }
    let mut events = String::new();
    if changes.styles && !changes.everything {
        events.push_str(&event("css", ""));
    }
    let mut lines: Vec<String> = Vec::new();
    if changes.everything || changes.pages.len() > MAX_LISTED {
        lines.push("*".to_string());
    } else {
        lines.extend(
            changes
                .moved
                .iter()
                .map(|(from, to)| format!("{from} {to}")),
        );
        lines.extend(changes.pages.iter().cloned());
    }
    if !lines.is_empty() {
        events.push_str(&event("reload", &lines.join("\n")));
    }
    (!events.is_empty()).then_some(events)
}

/// A server-sent event: its name, and its text one `data:` line per line.
fn event(name: &str, text: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in text.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The open pages' connections to the channel.
#[derive(Default)]
pub(super) struct Clients {
    senders: Mutex<Vec<Sender<String>>>,
}

impl Clients {
    /// Sends `event` to every open page, forgetting those that went away.
    pub(super) fn send(&self, event: &str) {
        let mut senders = self.senders.lock().unwrap_or_else(|e| e.into_inner());
        senders.retain(|sender| sender.send(event.to_string()).is_ok());
    }

    /// Keeps `request`'s connection open on a thread of its own and streams the events to
    /// it, starting with the error of the last build when it failed.
    pub(super) fn open(&self, request: Request, snapshot: &RwLock<Snapshot>) {
        let (sender, receiver) = mpsc::channel();
        let current = snapshot
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .error
            .as_deref()
            .map(|text| event("failed", text));
        if let Some(current) = current {
            let _ = sender.send(current);
        }
        self.senders
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(sender);
        std::thread::spawn(move || {
            let mut writer = request.into_writer();
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                        Cache-Control: no-cache\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
            let mut result = writer
                .write_all(head.as_bytes())
                .and_then(|()| writer.flush());
            while result.is_ok() {
                let message = match receiver.recv_timeout(KEEP_ALIVE) {
                    Ok(message) => message,
                    Err(RecvTimeoutError::Timeout) => ":\n\n".to_string(),
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                result = writer
                    .write_all(message.as_bytes())
                    .and_then(|()| writer.flush());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_closing_body_tag() {
        let page = with_script(b"<body><p>&lt;/body&gt;</p></BODY>\n".to_vec());
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<body><p>&lt;/body&gt;</p><script src=\"/__fansite/reload.js\"></script></BODY>\n"
        );
    }

    #[test]
    fn an_event_carries_each_line_of_its_text() {
        assert_eq!(
            event("failed", "error: x\n --> a.md:1:2"),
            "event: failed\ndata: error: x\ndata:  --> a.md:1:2\n\n"
        );
    }
}
