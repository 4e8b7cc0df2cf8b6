//! `fansite serve` over real HTTP on a free port: the bytes of a build plus the reload
//! script, the answers a browser expects, no path out of the site, and edits that reach
//! the open pages, errors included.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{fansite, read_tree, scratch_copy};

const SCRIPT_TAG: &str = "<script src=\"/__fansite/reload.js\"></script>";

/// A running `fansite serve`, stopped when dropped.
struct Served {
    child: Child,
    /// `127.0.0.1:PORT`.
    address: String,
}

impl Served {
    fn start(site: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fansite"))
            .args(["serve", "--port", "0"])
            .current_dir(site)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("fansite serve starts");
        let mut first = String::new();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout);
        lines.read_line(&mut first).unwrap();
        // Keep reading, so that the server never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
        let address = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        Served { child, address }
    }

    /// A GET (or other method) of `path`, with extra header lines; (status, head, body).
    fn request(&self, method: &str, path: &str, headers: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        let host = if headers.contains("Host:") {
            String::new()
        } else {
            format!("Host: {}\r\n", self.address)
        };
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\n{host}{headers}Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(response[..split].to_vec()).unwrap();
        let status = head[9..12].parse().unwrap();
        (status, head, response[split + 4..].to_vec())
    }

    fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        self.request("GET", path, "")
    }

    fn page(&self, path: &str) -> String {
        String::from_utf8(self.get(path).2).unwrap()
    }

    /// The reload channel, read with a deadline.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET /__fansite/events HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.address
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        events.wait_for("retry:");
        events
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Everything received up to and including the first event containing `text`.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(at) = self.seen.find(text) {
                let end = self.seen[at..]
                    .find("\n\n")
                    .map_or(self.seen.len(), |e| at + e + 2);
                let taken: String = self.seen.drain(..end).collect();
                return taken;
            }
            assert!(Instant::now() < deadline, "no {text:?} in {:?}", self.seen);
            let mut buffer = [0; 4096];
            if let Ok(n) = self.stream.read(&mut buffer) {
                self.seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        }
    }
}

/// Writes `path` with a later modification time, as an editor's save.
fn save(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn every_file_is_the_build_s_with_the_reload_script_on_pages() {
    let site = scratch_copy("golden");
    let served = Served::start(site.path());
    let built = tempfile::tempdir().unwrap();
    let base_url = format!("http://{}/", served.address);
    let out = built.path().join("public");
    let output = fansite(
        site.path(),
        &[
            "build",
            "--output",
            out.to_str().unwrap(),
            "--base-url",
            &base_url,
        ],
    );
    assert!(output.status.success());
    let files = read_tree(&out);
    assert!(files.len() > 10);
    for (path, text) in &files {
        let (status, _, body) = served.get(&format!("/{path}"));
        assert_eq!(status, 200, "{path}");
        let expected = match (path.ends_with(".html"), text.rfind("</body>")) {
            (true, Some(at)) => format!("{}{SCRIPT_TAG}{}", &text[..at], &text[at..]),
            (true, None) => format!("{text}{SCRIPT_TAG}"),
            (false, _) => text.clone(),
        };
        assert_eq!(String::from_utf8_lossy(&body), expected, "{path}");
    }
    assert!(
        !site.path().join("public").exists(),
        "serve never writes the output folder"
    );
}

#[test]
fn answers_are_those_a_browser_expects() {
    let site = scratch_copy("golden");
    let served = Served::start(site.path());
    let (status, head, _) = served.get("/episodes/one");
    assert_eq!(status, 301, "{head}");
    assert!(head.contains("Location: /episodes/one/"), "{head}");
    let (status, head, _) = served.get("/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/css"), "{head}");
    assert!(head.contains("Cache-Control: no-cache"), "{head}");
    let etag = head
        .lines()
        .find_map(|l| l.strip_prefix("ETag: "))
        .unwrap()
        .to_string();
    let (status, _, _) = served.request("GET", "/style.css", &format!("If-None-Match: {etag}\r\n"));
    assert_eq!(status, 304);
    let (status, head, body_of_head) = served.request("HEAD", "/", "");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body_of_head.is_empty());
    let (status, _, missing) = served.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&missing).contains(SCRIPT_TAG));
    let (status, head, _) = served.get("/sitemap.xml");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: application/xml"), "{head}");
}

#[test]
fn no_path_leaves_the_site_and_other_hosts_are_refused() {
    let site = scratch_copy("golden");
    std::fs::write(site.path().join("secret.txt"), "secret").unwrap();
    let served = Served::start(site.path());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/secret.txt",
        "/site.toml",
        "/content/about.md",
        "/a%00.html",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
    ] {
        let (status, _, body) = served.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!String::from_utf8_lossy(&body).contains("secret"), "{path}");
    }
    let (status, _, _) = served.request("GET", "/", "Host: attacker.example\r\n");
    assert_eq!(status, 403);
    let (status, _, _) = served.request("GET", "/", "Host: localhost\r\n");
    assert_eq!(status, 200);
}

#[test]
fn an_edit_reloads_the_pages_and_an_error_shows_until_it_is_fixed() {
    let site = scratch_copy("golden");
    let served = Served::start(site.path());
    let mut events = served.events();
    let about = site.path().join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();

    save(
        &about,
        &text.replace("title = \"About\"", "title = \"About us\""),
    );
    events.wait_for("event: reload");
    assert!(served.page("/about/").contains("About us"));

    save(&about, &text.replace("title = \"About\"", "title = About"));
    let failed = events.wait_for("event: failed");
    assert!(failed.contains("content/about.md:2:9"), "{failed}");
    assert!(failed.contains("data: 2 | title = About"), "{failed}");
    assert!(
        served.page("/about/").contains("About us"),
        "the last good site"
    );
    // A page opened now learns of the error at once.
    let mut late = served.events();
    late.wait_for("content/about.md:2:9");

    save(&about, &text);
    events.wait_for("event: reload");
    assert!(!served.page("/about/").contains("About us"));

    save(
        &site.path().join("static/style.css"),
        "body { color: red; }",
    );
    events.wait_for("event: css");
}

#[test]
fn a_site_whose_first_build_fails_is_served_with_the_error() {
    let site = scratch_copy("golden");
    let about = site.path().join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    save(&about, &text.replace("title = \"About\"", "title = 7"));
    let served = Served::start(site.path());
    let (status, _, body) = served.get("/");
    assert_eq!(status, 500);
    assert!(String::from_utf8_lossy(&body).contains(SCRIPT_TAG));
    let mut events = served.events();
    events.wait_for("content/about.md:2:9");
    save(&about, &text);
    events.wait_for("event: reload");
    assert_eq!(served.get("/").0, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_with_success() {
    let site = scratch_copy("golden");
    let mut served = Served::start(site.path());
    let pid = served.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = served.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(!site.path().join("public").exists());
}
