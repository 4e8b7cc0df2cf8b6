//! The reload channel of `serve`: server-sent events on the server's own port (no second
//! port to forward behind a tunnel or a container), the script every served page loads to
//! listen to them, and the overlay that shows a failed build on the page.

use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Mutex, RwLock};
use std::time::Duration;

use tiny_http::Request;

use super::{Report, Snapshot};

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
  events.addEventListener('reload', reload);
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

/// The event that follows a rebuild: the error, a stylesheet to swap, or a reload.
pub(super) fn event_after(
    changed: &[String],
    report: &Report,
    snapshot: &RwLock<Snapshot>,
) -> String {
    if report.pages.is_none() {
        let snapshot = snapshot.read().unwrap_or_else(|e| e.into_inner());
        return event(
            "failed",
            snapshot.error.as_deref().unwrap_or("the build failed"),
        );
    }
    let only_styles = !changed.is_empty() && changed.iter().all(|path| path.ends_with(".css"));
    event(if only_styles { "css" } else { "reload" }, "")
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
