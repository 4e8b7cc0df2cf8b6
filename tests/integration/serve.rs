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

/// Every file `fansite build --base-url http://ADDRESS/` writes for the site, as `serve` at
/// that address must answer it: pages with the reload script. `None` when the build fails.
fn as_served(site: &Path, address: &str) -> Option<Vec<(String, String)>> {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let base_url = format!("http://{address}/");
    let args = [
        "build",
        "--output",
        public.to_str().unwrap(),
        "--base-url",
        &base_url,
    ];
    let built = fansite(site, &args);
    if !built.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&built.stderr));
        return None;
    }
    let files = read_tree(&public).into_iter().map(|(path, text)| {
        let text = match (path.ends_with(".html"), text.rfind("</body>")) {
            (true, Some(at)) => format!("{}{SCRIPT_TAG}{}", &text[..at], &text[at..]),
            (true, None) => format!("{text}{SCRIPT_TAG}"),
            (false, _) => text,
        };
        (path, text)
    });
    Some(files.collect())
}

/// Writes `path` with a later modification time, as an editor's save.
fn save(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn every_file_is_the_build_s_with_the_reload_script_on_pages() {
    let site = scratch_copy("golden");
    let served = Served::start(site.path());
    let files = as_served(site.path(), &served.address).expect("the site builds");
    assert!(files.len() > 10);
    for (path, expected) in &files {
        let (status, _, body) = served.get(&format!("/{path}"));
        assert_eq!(status, 200, "{path}");
        assert_eq!(String::from_utf8_lossy(&body), *expected, "{path}");
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
fn only_the_pages_that_changed_reload_and_those_of_a_moved_page_follow_it() {
    let site = scratch_copy("golden");
    let served = Served::start(site.path());
    let mut events = served.events();
    let about = site.path().join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    save(&about, &format!("{text}\nA line added.\n"));
    let reload = events.wait_for("event: reload");
    assert!(reload.contains("data: /about/\n"), "{reload}");
    assert!(!reload.contains("data: *"), "{reload}");
    assert!(served.page("/about/").contains("A line added."));

    let extra = site.path().join("content/extra.md");
    save(&extra, "+++\ntitle = \"Extra\"\n+++\nMore.\n");
    let reload = events.wait_for("event: reload");
    assert!(reload.contains("data: /extra/\n"), "{reload}");
    std::fs::rename(&extra, site.path().join("content/moved.md")).unwrap();
    let reload = events.wait_for("event: reload");
    assert!(reload.contains("data: /extra/ /moved/\n"), "{reload}");
    assert_eq!(served.get("/extra/").0, 404);
    assert_eq!(served.get("/moved/").0, 200);
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

/// A small deterministic generator, so that a failing sequence can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// One random edit of the kinds an editor makes, described for the failure message.
fn random_edit(site: &Path, rng: &mut Lcg, step: usize) -> String {
    let episodes = site.join("content/episodes");
    let mut files: Vec<_> = std::fs::read_dir(&episodes)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    files.sort();
    let file = files[rng.below(files.len())].clone();
    let text = std::fs::read_to_string(&file).unwrap();
    let front_end = text[3..].find("+++").unwrap() + 3;
    let (front, body) = text.split_at(front_end);
    // A key goes first, before any table such as `[extra]`.
    let with_front = |key: &str| format!("+++\n{key}\n{}", &text[4..]);
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    // Pages other pages link to stay; those the edits added come and go.
    let added = !["one.md", "two.md"].contains(&name.as_str());
    match rng.below(11) {
        0 => {
            std::fs::write(&file, format!("{text}\nA line added at step {step}.\n")).unwrap();
            format!("body of {name}")
        }
        1 => {
            let changed = front.replacen("title = \"", &format!("title = \"{step} "), 1);
            std::fs::write(&file, format!("{changed}{body}")).unwrap();
            format!("title of {name}")
        }
        2 if !front.contains("\nweight") => {
            std::fs::write(&file, with_front(&format!("weight = {}", rng.below(9)))).unwrap();
            format!("weight of {name}")
        }
        3 if !front.contains("\ndate") => {
            std::fs::write(
                &file,
                with_front(&format!(
                    "date = 2021-0{}-1{}",
                    1 + rng.below(9),
                    rng.below(9)
                )),
            )
            .unwrap();
            format!("date of {name}")
        }
        4 if !front.contains("\nfeaturing") => {
            std::fs::write(
                &file,
                with_front("featuring = [\"Ann Actor\", \"Someone New\"]"),
            )
            .unwrap();
            format!("featuring of {name}")
        }
        5 if !front.contains("\nslug") => {
            std::fs::write(&file, with_front(&format!("slug = \"moved-{step}\""))).unwrap();
            format!("slug of {name}")
        }
        6 => {
            let new = episodes.join(format!("new-{step}.md"));
            let front = format!(
                "title = \"New {step}\"\ndate = 2022-01-{:02}",
                1 + step % 28
            );
            std::fs::write(&new, format!("+++\n{front}\n+++\nNew text.\n")).unwrap();
            format!("added new-{step}.md")
        }
        7 if added => {
            std::fs::remove_file(&file).unwrap();
            format!("deleted {name}")
        }
        8 if added => {
            std::fs::rename(&file, episodes.join(format!("renamed-{step}.md"))).unwrap();
            format!("renamed {name}")
        }
        9 if added && !front.contains("\ndraft") => {
            std::fs::write(&file, with_front("draft = true")).unwrap();
            format!("draft {name}")
        }
        _ => {
            let (path, extra) = match rng.below(2) {
                0 => ("templates/page.html", format!("\n{{# step {step} #}}")),
                _ => ("static/style.css", format!("\n/* step {step} */")),
            };
            let path = site.join(path);
            let old = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, format!("{old}{extra}")).unwrap();
            format!("edited {}", path.file_name().unwrap().to_string_lossy())
        }
    }
}

#[test]
fn after_any_sequence_of_edits_serve_answers_what_a_fresh_build_writes() {
    let site = scratch_copy("golden");
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    // Episodes come and go: let fansite count them.
    std::fs::write(&config, text.replace("episodes = 2\n", "")).unwrap();
    let served = Served::start(site.path());
    let mut rng = Lcg(7);
    let mut previous: Vec<String> = Vec::new();
    let mut compared = 0;
    for step in 0..40 {
        let edit = random_edit(site.path(), &mut rng, step);
        let Some(expected) = as_served(site.path(), &served.address) else {
            continue;
        };
        // The server rebuilds on its own time: wait until it has caught up.
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let differing = expected.iter().find(|(path, text)| {
                let (status, _, body) = served.get(&format!("/{path}"));
                status != 200 || String::from_utf8_lossy(&body) != *text
            });
            match differing {
                None => break,
                Some((path, text)) => assert!(
                    Instant::now() < deadline,
                    "after step {step} ({edit}) /{path} differs from the build's:\n{}\n---\n{text}",
                    String::from_utf8_lossy(&served.get(&format!("/{path}")).2)
                ),
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // And what the build no longer has, the server no longer serves.
        for gone in previous
            .iter()
            .filter(|p| !expected.iter().any(|(e, _)| e == *p))
        {
            assert_eq!(
                served.get(&format!("/{gone}")).0,
                404,
                "after step {step} ({edit}) /{gone}"
            );
        }
        previous = expected.into_iter().map(|(path, _)| path).collect();
        compared += 1;
    }
    assert!(compared >= 25, "only {compared} of 40 edits built");
}

/// The files a build of the whole site makes, by path.
fn built_files(options: &fansite::BuildOptions) -> std::collections::HashMap<String, Vec<u8>> {
    let (files, _) = fansite::build_in_memory(options).expect("the site builds");
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

#[test]
fn a_page_shown_alone_after_an_edit_of_its_text_is_the_page_a_whole_build_makes() {
    let site = tempfile::tempdir().unwrap();
    for folder in ["site.toml", "content", "templates", "static"] {
        let from = crate::common::repo_root().join(folder);
        match from.is_dir() {
            true => crate::common::copy_tree(&from, &site.path().join(folder)),
            false => drop(std::fs::copy(&from, site.path().join(folder)).unwrap()),
        }
    }
    let options = fansite::BuildOptions::new(site.path());
    let (_, _, mut live) = fansite::build_live(&options).unwrap();
    let mut pages: Vec<String> = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .map(|e| e.unwrap().path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            p.strip_prefix(site.path())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| !p.starts_with("content/people/"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 8, "{pages:?}");
    let mut shown = 0;
    for (step, page) in pages.iter().enumerate() {
        let path = site.path().join(page);
        let text = std::fs::read_to_string(&path).unwrap();
        let end = text[3..].find("\n+++").unwrap() + 8;
        let (front, body) = text.split_at(end);
        // At the start (a new summary where the page has no description), in the middle
        // with a link to another page, at the end, and shortcodes at the end.
        let edited = match step % 4 {
            0 => format!("{front}A first paragraph, new at step {step}.\n\n{body}"),
            1 => format!("{front}{body}\nSee [the guide](@/episodes/_index.md), step {step}.\n"),
            2 => format!("{front}{body}\nA last line, step {step}.\n"),
            _ => format!(
                "{front}{body}\n{{% quote(source=\"step {step}\") %}}\nSaid *once*.\n{{% end %}}\n\n\
                 {{{{ video(provider=\"vimeo\", id=\"76979871\", title=\"A clip\") }}}}\n"
            ),
        };
        std::fs::write(&path, edited).unwrap();
        // An editor's temporary file, written and renamed over the page, is no change.
        let changed = [page.clone(), "content/episodes/4913".to_string()];
        let files = live
            .edited(&changed[..1 + step % 2])
            .unwrap_or_else(|| panic!("{page} is not shown alone"));
        let built = built_files(&options);
        assert_eq!(files.len(), 1, "{page}");
        for file in files {
            let expected = built
                .get(&file.path)
                .unwrap_or_else(|| panic!("{}", file.path));
            assert!(
                file.bytes == *expected,
                "{page}: {} differs from the build's:\n{}\n---\n{}",
                file.path,
                String::from_utf8_lossy(&file.bytes),
                String::from_utf8_lossy(expected)
            );
            assert!(String::from_utf8_lossy(&file.bytes).contains(&format!("step {step}")));
            shown += 1;
        }
    }
    assert_eq!(shown, pages.len());

    // A stylesheet is the file as saved.
    let style = site.path().join("static/style.css");
    let css = std::fs::read_to_string(&style).unwrap() + "\n/* saved again */\n";
    std::fs::write(&style, &css).unwrap();
    let files = live.edited(&["static/style.css".to_string()]).unwrap();
    assert_eq!(files[0].path, "style.css");
    assert_eq!(files[0].bytes, css.as_bytes());

    // What may change more than the page is left to a whole build.
    let about = site.path().join(&pages[1]);
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, text.replacen("title = \"", "title = \"New ", 1)).unwrap();
    assert!(
        live.edited(std::slice::from_ref(&pages[1])).is_none(),
        "front matter"
    );
    let mut live = fansite::build_live(&options).unwrap().2;
    std::fs::write(&about, format!("{text}\n[Nowhere](@/nowhere.md)\n")).unwrap();
    assert!(
        live.edited(std::slice::from_ref(&pages[1])).is_none(),
        "a broken link"
    );
    std::fs::write(&about, &text).unwrap();
    let mut live = fansite::build_live(&options).unwrap().2;
    std::fs::write(site.path().join("static/new.css"), "p {}").unwrap();
    for other in ["templates/page.html", "content/new.md", "static/new.css"] {
        assert!(live.edited(&[other.to_string()]).is_none(), "{other}");
    }
}
