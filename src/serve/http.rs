//! The HTTP side of `serve`: tiny_http parses the requests; this answers them from the
//! site in memory. No request reads the disk, so no path can reach a file outside the
//! site; paths that try (`..`, encoded slashes, backslashes, NUL) are refused before the
//! lookup all the same.

use std::collections::HashSet;
use std::io::Cursor;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::{Server, reload};

/// Threads answering requests. The reload channel's connections get threads of their own,
/// so that open pages never hold these.
const WORKERS: usize = 8;

/// The hosts a request may name: the DNS-rebinding guard of a server on localhost.
pub(super) struct Hosts {
    names: HashSet<String>,
    /// Listening on every address: any IP address is a fine `Host` too.
    any_ip: bool,
}

impl Hosts {
    pub(super) fn new(address: SocketAddr, allowed: &[String]) -> Hosts {
        let port = address.port();
        let mut names: HashSet<String> = [
            url_host(address),
            format!("localhost:{port}"),
            "localhost".to_string(),
        ]
        .into_iter()
        .collect();
        for name in allowed {
            let name = name.to_ascii_lowercase();
            names.insert(format!("{name}:{port}"));
            names.insert(name);
        }
        Hosts {
            names,
            any_ip: address.ip().is_unspecified(),
        }
    }

    fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        if self.names.contains(&host) {
            return true;
        }
        let bare = match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host.as_str(),
        };
        let bare = bare.trim_start_matches('[').trim_end_matches(']');
        self.any_ip && bare.parse::<IpAddr>().is_ok()
    }
}

/// `127.0.0.1:1111`, `[::1]:1111`; `localhost:1111` for a server on every address.
pub(super) fn url_host(address: SocketAddr) -> String {
    match address.ip().is_unspecified() {
        true => format!("localhost:{}", address.port()),
        false => address.to_string(),
    }
}

/// Starts the threads that answer requests.
pub(super) fn spawn_workers(listener: Arc<tiny_http::Server>, server: &Arc<Server>) {
    for _ in 0..WORKERS {
        let listener = Arc::clone(&listener);
        let server = Arc::clone(server);
        std::thread::spawn(move || {
            while let Ok(request) = listener.recv() {
                answer(request, &server);
            }
        });
    }
}

/// What a request's path names.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A file of the site, by its path in the output: `episodes/part-1/index.html`.
    File(String),
    /// A folder named without its final slash, and where it lives: `/episodes/part-1/`.
    Folder(String),
    /// The reload channel or its script.
    Events,
    Script,
    /// Nothing the site can have: a path that tries to leave it, or is not one.
    Nothing,
}

fn answer(request: Request, server: &Arc<Server>) {
    let host = header(&request, "Host");
    if !host.is_some_and(|h| server.hosts.allows(h)) {
        let text = "fansite serve answers requests for its own address only; name another \
                    host with --allowed-host";
        return respond(request, text_response(403, text));
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(request, text_response(405, "only GET and HEAD"));
    }
    let target = target(request.url(), |path| {
        let snapshot = server.snapshot.read().unwrap_or_else(|e| e.into_inner());
        snapshot.files.contains_key(path)
    });
    match target {
        Target::Events => server.clients.open(request, &server.snapshot),
        Target::Script => respond(
            request,
            content(reload::SCRIPT.as_bytes().into(), "reload.js", None),
        ),
        Target::Folder(location) => {
            let header = Header::from_bytes("Location", location).expect("an ASCII path");
            respond(request, text_response(301, "moved").with_header(header));
        }
        Target::File(path) => file(request, server, &path),
        Target::Nothing => file(request, server, ""),
    }
}

/// The file at `path`, the site's 404 page, or the page of a first build that failed.
fn file(request: Request, server: &Server, path: &str) {
    // The lock is held only to look up: a slow client never holds up a rebuild.
    let (status, found, failed) = {
        let snapshot = server.snapshot.read().unwrap_or_else(|e| e.into_inner());
        let (status, found) = match snapshot.files.get(path) {
            Some(found) => (200, Some(found)),
            None => (404, snapshot.files.get("404.html")),
        };
        (status, found.cloned(), snapshot.error.is_some())
    };
    let Some(found) = found else {
        // No 404 page: the first build failed (the overlay says why), or the theme has none.
        let page: Arc<[u8]> = reload::fallback_page(failed).into_bytes().into();
        let status = if failed { 500 } else { 404 };
        return respond(
            request,
            content(page, "page.html", None).with_status_code(status),
        );
    };
    if status == 200 && header(&request, "If-None-Match") == Some(&*found.etag) {
        return respond(request, Response::empty(304).with_header(etag(&found.etag)));
    }
    let name = if status == 200 { path } else { "404.html" };
    let response = content(found.bytes, name, Some(&found.etag)).with_status_code(status);
    respond(request, response);
}

/// Where a request's URL leads. `exists` says whether the site has a file at a path.
fn target(url: &str, exists: impl Fn(&str) -> bool) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    match path {
        reload::EVENTS_PATH => return Target::Events,
        reload::SCRIPT_PATH => return Target::Script,
        _ => {}
    }
    let Some(decoded) = decode(path) else {
        return Target::Nothing;
    };
    let Some(rel) = decoded.strip_prefix('/') else {
        return Target::Nothing;
    };
    let unsafe_segment = rel
        .split('/')
        .any(|segment| segment == ".." || segment == "." || segment.contains(['\\', '\0', ':']));
    if unsafe_segment || rel.starts_with('/') || rel.contains("//") {
        return Target::Nothing;
    }
    if rel.is_empty() || rel.ends_with('/') {
        return Target::File(format!("{rel}index.html"));
    }
    if !exists(rel) && exists(&format!("{rel}/index.html")) {
        return Target::Folder(format!("{path}/"));
    }
    Target::File(rel.to_string())
}

/// A URL path with its `%XX` escapes decoded; `None` when it hides a separator (`%2f`,
/// `%5c`) or is not UTF-8.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            let byte = u8::from_str_radix(hex, 16).ok()?;
            if matches!(byte, b'/' | b'\\' | 0) {
                return None;
            }
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A response with `bytes`, typed after `name`'s extension, never cached without asking.
fn content(bytes: Arc<[u8]>, name: &str, tag: Option<&str>) -> Response<Cursor<Arc<[u8]>>> {
    let kind = content_type(name);
    let length = bytes.len();
    let mut response = Response::new(
        StatusCode(200),
        Vec::new(),
        Cursor::new(bytes),
        Some(length),
        None,
    )
    .with_header(Header::from_bytes("Content-Type", kind).expect("ASCII"))
    .with_header(Header::from_bytes("Cache-Control", "no-cache").expect("ASCII"));
    if let Some(tag) = tag {
        response = response.with_header(etag(tag));
    }
    response
}

fn etag(tag: &str) -> Header {
    Header::from_bytes("ETag", tag).expect("an ASCII tag")
}

fn text_response(status: u16, text: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(text)
        .with_status_code(status)
        .with_header(
            Header::from_bytes("Content-Type", "text/plain; charset=utf-8").expect("ASCII"),
        )
}

fn respond<R: std::io::Read>(request: Request, response: Response<R>) {
    // A client that went away is no concern of the server's.
    let _ = request.respond(response);
}

fn header<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// The media type of a file, by its extension.
fn content_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        ["index.html", "episodes/part-1/index.html", "style.css"].contains(&path)
    }

    #[test]
    fn paths_lead_to_files_folders_or_nothing() {
        let file = |p: &str| Target::File(p.to_string());
        assert_eq!(target("/", site), file("index.html"));
        assert_eq!(target("/style.css?v=2", site), file("style.css"));
        assert_eq!(
            target("/episodes/part-1/", site),
            file("episodes/part-1/index.html")
        );
        assert_eq!(
            target("/episodes/part-1", site),
            Target::Folder("/episodes/part-1/".to_string())
        );
        assert_eq!(
            target("/episodes/part-%31/", site),
            file("episodes/part-1/index.html")
        );
        assert_eq!(target("/__fansite/events", site), Target::Events);
    }

    #[test]
    fn paths_that_try_to_leave_the_site_lead_nowhere() {
        for url in [
            "/../site.toml",
            "/episodes/../../etc/passwd",
            "/%2e%2e/site.toml",
            "/%2E%2E%2Fsite.toml",
            "/episodes%2fpart-1/index.html",
            "/episodes%5cpart-1",
            "/..\\site.toml",
            "/a%00.html",
            "//etc/passwd",
            "/C:/Windows",
            "etc/passwd",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(target(url, site), Target::Nothing, "{url}");
        }
    }

    #[test]
    fn hosts_are_the_address_localhost_and_those_allowed() {
        let address: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let hosts = Hosts::new(address, &["preview.example".to_string()]);
        assert!(hosts.allows("127.0.0.1:1111"));
        assert!(hosts.allows("LOCALHOST:1111"));
        assert!(hosts.allows("preview.example:1111"));
        assert!(!hosts.allows("evil.example:1111"));
        assert!(!hosts.allows("192.168.1.2:1111"));
        let everywhere = Hosts::new("0.0.0.0:1111".parse().unwrap(), &[]);
        assert!(everywhere.allows("192.168.1.2:1111"));
        assert!(everywhere.allows("[fe80::1]:1111"));
        assert!(!everywhere.allows("evil.example:1111"));
    }
}
