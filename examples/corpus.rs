//! Writes a synthetic documentary site for benchmarks: `N` episodes and `N/5` people in
//! the content contract, the same for the same seed, with the project's own templates and
//! static files.
//!
//! ```sh
//! cargo run --release --example corpus -- --episodes 10000 --seed 7 --out /tmp/corpus-10k
//! ```
//!
//! `--pictures N` gives the first `N` episodes a still (a synthetic photograph, 4000 by
//! 3000 pixels unless `--picture-width` says otherwise: gradients, shapes and grain, no
//! one's picture) and the series a poster. `--videos N` gives the series a trailer and
//! the first `N` episodes a clip (its poster the still, when there is one) and, in their
//! text, the theme's shortcodes: a figure of the still, a pull quote and a video.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64*), so that a seed always gives one corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: [&str; 48] = [
    "studio",
    "record",
    "label",
    "producer",
    "beat",
    "session",
    "tour",
    "album",
    "single",
    "coast",
    "street",
    "radio",
    "deal",
    "contract",
    "headphones",
    "speaker",
    "sound",
    "mix",
    "master",
    "tape",
    "night",
    "city",
    "friend",
    "rival",
    "career",
    "hit",
    "chart",
    "stage",
    "crowd",
    "interview",
    "archive",
    "footage",
    "story",
    "legacy",
    "company",
    "founder",
    "business",
    "music",
    "culture",
    "lyrics",
    "engineer",
    "guitar",
    "drum",
    "sample",
    "vinyl",
    "camera",
    "scene",
    "decade",
];
const FIRST: [&str; 16] = [
    "Ana", "Ben", "Chloé", "Dmitri", "Eve", "Farid", "Grace", "Hiro", "Inès", "Jon", "Kai",
    "Lasse", "Mia", "Noor", "Omar", "Priya",
];
const LAST: [&str; 16] = [
    "Järvi", "Okafor", "Nguyen", "Smith", "García", "Kowalski", "Rossi", "Dubois", "Tanaka",
    "Silva", "Müller", "Cohen", "Haddad", "Larsen", "Ivanov", "O'Brien",
];

struct Options {
    episodes: usize,
    /// Seasons, each a folder of `content/episodes/`; 1 writes the episodes straight in it.
    seasons: usize,
    seed: u64,
    out: PathBuf,
    project: PathBuf,
    /// Episodes with a still, and then a poster.
    pictures: usize,
    /// The width of each picture; the height is three quarters of it.
    picture_width: u32,
    /// Episodes with a clip and shortcodes, and then a trailer.
    videos: usize,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        episodes: 1000,
        seasons: 1,
        seed: 1,
        out: PathBuf::from("corpus"),
        project: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        pictures: 0,
        picture_width: 4000,
        videos: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--episodes" => {
                options.episodes = value.parse().map_err(|e| format!("--episodes: {e}"))?
            }
            "--seasons" => {
                options.seasons = value.parse().map_err(|e| format!("--seasons: {e}"))?
            }
            "--seed" => options.seed = value.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => options.out = value.into(),
            "--project" => options.project = value.into(),
            "--pictures" => {
                options.pictures = value.parse().map_err(|e| format!("--pictures: {e}"))?
            }
            "--picture-width" => {
                options.picture_width =
                    value.parse().map_err(|e| format!("--picture-width: {e}"))?
            }
            "--videos" => options.videos = value.parse().map_err(|e| format!("--videos: {e}"))?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(options)
}

fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "error: {message}\nusage: corpus --episodes N [--seasons N] [--seed S] [--out DIR] [--project DIR] [--pictures N] [--picture-width W] [--videos N]"
            );
            std::process::exit(2);
        }
    };
    if let Err(error) = write_corpus(&options) {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

/// A person's name, unique by index.
fn person_name(i: usize) -> String {
    format!("{} {} {}", FIRST[i % 16], LAST[(i / 16) % 16], i / 256 + 1)
}

fn slug(name: &str) -> String {
    fansite::slug::slugify(name)
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        let word = rng.pick(&WORDS);
        match (i, rng.below(9)) {
            (0, _) => {
                let mut chars = word.chars();
                text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                text.push_str(chars.as_str());
            }
            (_, 0) => write!(text, " *{word}*").unwrap(),
            (_, 1) => write!(text, " **{word}**").unwrap(),
            _ => write!(text, " {word}").unwrap(),
        }
    }
    text.push('.');
    text
}

fn paragraph(rng: &mut Rng) -> String {
    (0..4)
        .map(|_| {
            let words = 8 + rng.below(8);
            sentence(rng, words)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One episode's Markdown: about 2.5 KB with headings, emphasis, a list, a quote, a table
/// and an internal link.
fn episode_body(rng: &mut Rng, n: usize, people: &[String], options: &Options) -> String {
    let mut body = String::with_capacity(3000);
    writeln!(body, "{}\n", paragraph(rng)).unwrap();
    writeln!(
        body,
        "## Story\n\n{}\n\n{}\n\n{}\n",
        paragraph(rng),
        paragraph(rng),
        paragraph(rng)
    )
    .unwrap();
    writeln!(body, "### Highlights\n").unwrap();
    for _ in 0..4 {
        writeln!(body, "- {}", sentence(rng, 6)).unwrap();
    }
    writeln!(body, "\n> {}\n", sentence(rng, 14)).unwrap();
    writeln!(body, "| Scene | Place | Minutes |\n|---|---|---|").unwrap();
    for i in 0..3 {
        writeln!(
            body,
            "| {} | {} | {} |",
            rng.pick(&WORDS),
            rng.pick(&WORDS),
            5 + i * 7
        )
        .unwrap();
    }
    let link = if n > 1 {
        format!("[the part before](@/{}.md)", episode_file(options, n - 1))
    } else {
        let person = &people[rng.below(people.len())];
        format!("[{person}](@/people/{}.md)", slug(person))
    };
    writeln!(body, "\n## Notes\n\nSee {link}. {}\n", paragraph(rng)).unwrap();
    body
}

/// The season of episode `n` (from 1): the episodes shared out in order.
fn season_of(options: &Options, n: usize) -> usize {
    (n - 1) * options.seasons / options.episodes.max(1) + 1
}

/// The file of episode `n` under `content/`, without `.md`.
fn episode_file(options: &Options, n: usize) -> String {
    match options.seasons {
        0 | 1 => format!("episodes/part-{n}"),
        _ => format!("episodes/season-{}/part-{n}", season_of(options, n)),
    }
}

fn write_corpus(options: &Options) -> std::io::Result<()> {
    let mut rng = Rng(options.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let out = &options.out;
    let people: Vec<String> = (0..(options.episodes / 5).max(1))
        .map(person_name)
        .collect();
    std::fs::create_dir_all(out.join("content/episodes"))?;
    std::fs::create_dir_all(out.join("content/people"))?;

    let mut config = format!(
        "title = \"Synthetic Documentary\"\nbase_url = \"https://example.org/synthetic/\"\n\
         description = \"A generated documentary of {} episodes.\"\n\n[series]\ngenre = \"Documentary\"\n\
         country = \"Nowhere\"\nlanguage = \"English\"\nseasons = {}\nepisodes = {}\nruntime = \"60 minutes\"\n\
         channel = \"Test TV\"\nfirst_aired = 2001-01-01\ncompanies = [\"Corpus Films\"]\n\n[series.credits]\n",
        options.episodes,
        options.seasons.max(1),
        options.episodes
    );
    for (role, from) in [
        ("director", 0),
        ("writer", 1),
        ("producer", 3),
        ("editor", 6),
    ] {
        let names: Vec<String> = people
            .iter()
            .skip(from)
            .take(3)
            .map(|p| format!("{p:?}"))
            .collect();
        writeln!(config, "{role} = [{}]", names.join(", ")).unwrap();
    }
    for person in people.iter().take(40) {
        writeln!(config, "\n[[series.cast]]\nname = {person:?}").unwrap();
    }
    if options.pictures > 0 {
        config = config.replacen(
            "\n[series]",
            "\nimage = \"/poster.jpg\"\nimage_alt = \"The series' poster: light over a studio\"\n\n[series]",
            1,
        );
        write_pictures(options)?;
    }
    std::fs::write(out.join("site.toml"), config)?;

    let trailer = match options.videos > 0 {
        true => video("trailer", "The trailer", None, true),
        false => String::new(),
    };
    std::fs::write(
        out.join("content/_index.md"),
        format!(
            "+++\ntitle = \"Synthetic Documentary\"\n{trailer}+++\n{}\n",
            paragraph(&mut rng)
        ),
    )?;
    std::fs::write(
        out.join("content/episodes/_index.md"),
        "+++\ntitle = \"Episodes\"\nweight = 1\n+++\nEvery part, in order.\n",
    )?;
    if options.seasons > 1 {
        for season in 1..=options.seasons {
            let dir = out.join(format!("content/episodes/season-{season}"));
            std::fs::create_dir_all(&dir)?;
            std::fs::write(
                dir.join("_index.md"),
                format!(
                    "+++\ntitle = \"Season {season}\"\nweight = {season}\n+++\nThe parts of season {season}.\n"
                ),
            )?;
        }
    }
    for n in 1..=options.episodes {
        let featuring: Vec<String> = (0..3 + rng.below(3))
            .map(|_| format!("{:?}", people[rng.below(people.len())]))
            .collect();
        let day = (n - 1) % 28 + 1;
        let month = (n - 1) / 28 % 12 + 1;
        let year = 2001 + (n - 1) / 336;
        let still = match n <= options.pictures {
            true => format!("image = \"part-{n}.jpg\"\nimage_alt = \"A still of part {n}\"\n"),
            false => String::new(),
        };
        let mut body = episode_body(&mut rng, n, &people, options);
        let clip = match n <= options.videos {
            true => {
                let poster = (n <= options.pictures).then(|| format!("part-{n}.jpg"));
                body.push_str(&shortcodes(n, poster.as_deref()));
                video(
                    &format!("{n:07}"),
                    &format!("A clip of part {n}"),
                    poster.as_deref(),
                    false,
                )
            }
            false => String::new(),
        };
        let page = format!(
            "+++\ntitle = \"Part {n}\"\nweight = {n}\ndate = {year:04}-{month:02}-{day:02}\n{still}featuring = [{}]\n{clip}+++\n{body}",
            featuring.join(", "),
        );
        std::fs::write(
            out.join(format!("content/{}.md", episode_file(options, n))),
            page,
        )?;
    }
    for person in &people {
        let text = format!(
            "+++\ntitle = {person:?}\n+++\n{} {}\n",
            sentence(&mut rng, 10),
            sentence(&mut rng, 12)
        );
        std::fs::write(
            out.join(format!("content/people/{}.md", slug(person))),
            text,
        )?;
    }
    copy_dir(&options.project.join("templates"), &out.join("templates"))?;
    copy_dir(&options.project.join("static"), &out.join("static"))?;
    println!(
        "wrote {} episodes and {} people into {}",
        options.episodes,
        people.len(),
        out.display()
    );
    Ok(())
}

/// A `[[videos]]` of front matter: a YouTube id made of `name`, which plays nothing real.
fn video(name: &str, title: &str, poster: Option<&str>, trailer: bool) -> String {
    let id = format!("{name:_>11}");
    let poster = poster.map_or(String::new(), |p| format!("poster = \"{p}\"\n"));
    format!(
        "\n[[videos]]\nprovider = \"youtube\"\nid = \"{id}\"\ntitle = \"{title}\"\n{poster}trailer = {trailer}\n"
    )
}

/// The theme's shortcodes in the text of part `n`: a figure of its still, if it has one,
/// a pull quote and a video.
fn shortcodes(n: usize, still: Option<&str>) -> String {
    let mut text = String::from("\n## Scenes\n\n");
    if let Some(still) = still {
        writeln!(
            text,
            "{{{{ figure(image=\"{still}\", alt=\"A still of part {n}\", caption=\"Part {n}, in one picture.\") }}}}\n"
        )
        .unwrap();
    }
    writeln!(
        text,
        "{{% quote(source=\"A viewer of part {n}\") %}}\nA part worth *seeing* twice.\n{{% end %}}\n"
    )
    .unwrap();
    writeln!(
        text,
        "{{{{ video(provider=\"youtube\", id=\"{:_>11}\", title=\"Behind part {n}\") }}}}",
        format!("b{n}")
    )
    .unwrap();
    text
}

/// The stills of the first `options.pictures` episodes, beside them, and the poster.
fn write_pictures(options: &Options) -> std::io::Result<()> {
    use rayon::prelude::*;
    let width = options.picture_width;
    let height = width * 3 / 4;
    (0..=options.pictures).into_par_iter().try_for_each(|n| {
        let path = match n {
            0 => options.out.join("static/poster.jpg"),
            n => options
                .out
                .join(format!("content/{}.jpg", episode_file(options, n))),
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(
            path,
            synthetic_photo(options.seed ^ n as u64, width, height),
        )
    })
}

/// A picture like a photograph to a codec: a lit gradient, soft shapes and grain.
fn synthetic_photo(seed: u64, width: u32, height: u32) -> Vec<u8> {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let hue = [
        rng.below(200) as f32,
        rng.below(200) as f32,
        rng.below(200) as f32,
    ];
    let shapes: Vec<(f32, f32, f32, f32)> = (0..6)
        .map(|_| {
            let x = rng.below(width as usize) as f32;
            let y = rng.below(height as usize) as f32;
            let r = (width as f32 / 12.0) * (1.0 + rng.below(4) as f32);
            (x, y, r, rng.below(90) as f32)
        })
        .collect();
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let light: f32 = shapes
            .iter()
            .map(|&(sx, sy, r, v)| {
                let d = ((x as f32 - sx).powi(2) + (y as f32 - sy).powi(2)).sqrt() / r;
                v * (-d * d).exp()
            })
            .sum();
        let grain = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 7 & 15) as f32;
        let channel = |i: usize, tilt: f32| {
            (hue[i] * (0.4 + 0.6 * tilt) + light + grain).clamp(0.0, 255.0) as u8
        };
        image::Rgb([channel(0, fx), channel(1, fy), channel(2, 1.0 - fx * fy)])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 88)
        .encode_image(&image)
        .expect("a picture in memory encodes");
    bytes
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.map_err(std::io::Error::other)?;
        let target = to.join(entry.path().strip_prefix(from).unwrap_or(entry.path()));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
