//! Media: the pictures of a site. Each is decoded once (its EXIF orientation applied),
//! resized to the widths of the settings that are smaller than it, and encoded to WebP
//! and to its own format (JPEG or PNG) as a fallback, with no metadata: a photograph's GPS
//! position and camera stay out of the site. Output names carry a hash of the source and
//! the settings, so that hosts may cache them for ever.
//!
//! Work is cached in `.fansite-cache/images/` under the site, which is never published:
//! a build whose pictures are those of the last decodes nothing and reads no picture
//! (each source is known by its size and modification time), and the files it publishes
//! are read from the cache. The link stage asks for a picture's variants
//! ([`Library::picture`]); rendering only shows them.

mod encode;
pub mod html;
pub mod video;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::built::{Cached, File};
use crate::files;
use crate::site::routes::IMAGES_DIR;
use crate::slug::slugify;

/// The cache, under the site root. Hidden: no build reads it as a source.
pub const CACHE_DIR: &str = ".fansite-cache/images";

/// The list of the cache: what each source was when it was processed.
const CACHE_LIST: &str = "sources.tsv";

/// How pictures are made: `[images]` of `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The widths made of each picture, in pixels, those narrower than the picture
    /// itself; a picture narrower than all of them keeps its own width.
    pub widths: Vec<u32>,
    /// WebP and JPEG quality, 1 to 100.
    pub quality: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            widths: vec![480, 800, 1200, 1600],
            quality: 75,
        }
    }
}

impl Settings {
    /// What is wrong with the settings, if anything.
    pub fn problem(&self) -> Option<String> {
        if self.widths.is_empty() || self.widths.contains(&0) {
            return Some("`images.widths` needs at least one width, each above 0".to_string());
        }
        if !(1..=100).contains(&self.quality) {
            return Some(format!(
                "`images.quality` is {}; it goes from 1 to 100",
                self.quality
            ));
        }
        None
    }

    /// The widths made of a picture `width` pixels wide, narrowest first.
    fn widths_for(&self, width: u32) -> Vec<u32> {
        let widest = self.widths.iter().copied().max().unwrap_or(width);
        let mut widths: Vec<u32> = self.widths.iter().copied().filter(|&w| w < width).collect();
        widths.push(width.min(widest));
        widths.sort_unstable();
        widths.dedup();
        widths
    }

    /// What the settings change in the output, for the hash of the names.
    fn stamp(&self) -> String {
        format!(
            "{}|{:?}|{}|{}",
            encode::VERSION,
            self.widths,
            self.quality,
            env!("CARGO_PKG_VERSION")
        )
    }
}

/// The formats a picture may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Format {
    /// JPEG: photographs.
    Jpeg,
    /// PNG: drawings, screenshots, pictures with transparency.
    Png,
    /// WebP.
    Webp,
}

impl Format {
    /// The format of a file, by its extension.
    pub fn of(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            _ => None,
        }
    }

    /// Its media type, for `<source type>`.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    fn named(name: &str) -> Option<Format> {
        [Format::Jpeg, Format::Png, Format::Webp]
            .into_iter()
            .find(|f| f.name() == name)
    }
}

/// One file made of a picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// Its path under the output folder: `processed_images/still-800.3f9a2c1d07.webp`.
    pub path: String,
    /// Its width in pixels.
    pub width: u32,
}

/// A picture, processed: the files made of it and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The source, relative to the site root.
    pub source: PathBuf,
    /// The width of the widest variant.
    pub width: u32,
    /// The height of the widest variant.
    pub height: u32,
    /// The WebP variants, narrowest first.
    pub webp: Vec<Variant>,
    /// The variants in the source's format, narrowest first; none for a WebP source.
    pub fallback: Vec<Variant>,
    /// The format of `fallback`, or WebP.
    pub format: Format,
}

impl Picture {
    /// The variants an `<img>` falls back on: the source's format, else WebP.
    pub fn img_variants(&self) -> &[Variant] {
        match self.fallback.is_empty() {
            true => &self.webp,
            false => &self.fallback,
        }
    }
}

/// Why a picture could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No file there.
    Missing,
    /// Not a format fansite processes.
    Unsupported,
    /// The file is not a picture it can decode: truncated, corrupt, or another format.
    Unreadable(String),
    /// The cache could not be written.
    Cache(String),
}

impl Problem {
    /// How to put it right.
    pub fn help(&self) -> &'static str {
        match self {
            Problem::Missing => {
                "put the picture there, or correct the path: a path is read from the page's \
                 folder, or from `static/` when it starts with `/`"
            }
            Problem::Unsupported => "save it as JPEG, PNG or WebP",
            Problem::Unreadable(_) => {
                "open it and save it again as JPEG, PNG or WebP: it may be cut short, or \
                 another format under this name"
            }
            Problem::Cache(_) => "check that the site's folder can be written to",
        }
    }

    /// The problem in words, for a diagnostic that names the picture.
    pub fn describe(&self, source: &Path) -> String {
        let shown = crate::error::display_path(source);
        match self {
            Problem::Missing => format!("there is no picture `{shown}`"),
            Problem::Unsupported => {
                format!("`{shown}` is not a picture fansite processes: it takes JPEG, PNG and WebP")
            }
            Problem::Unreadable(why) => {
                let mut why = why.clone();
                if let Some(first) = why.get(..1) {
                    why.replace_range(..1, &first.to_lowercase());
                }
                format!("cannot read the picture `{shown}`: {why}")
            }
            Problem::Cache(why) => format!("cannot cache the picture `{shown}`: {why}"),
        }
    }
}

/// What the cache's list knows of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Known {
    size: u64,
    modified: u128,
    /// The hash of its bytes and the settings: the name of its folder in the cache.
    key: String,
    width: u32,
    height: u32,
    format: Format,
    /// The digest of each file of its folder, by name: what a build that copies them
    /// into an output holding them already needs, without reading them.
    digests: Vec<(String, u128)>,
}

type Slot = Arc<OnceLock<Result<Arc<Picture>, Problem>>>;

/// The pictures of one build: each made once, whoever asks for it first, in parallel.
#[derive(Debug)]
pub struct Library {
    root: PathBuf,
    cache: PathBuf,
    settings: Settings,
    stamp: String,
    /// The cache's list as the last build left it, by source.
    known: HashMap<PathBuf, Known>,
    /// What this build found, by source.
    found: Mutex<HashMap<PathBuf, Known>>,
    slots: Mutex<HashMap<PathBuf, Slot>>,
}

impl Library {
    /// The pictures of the site at `root`, made with `settings`.
    pub fn new(root: &Path, settings: Settings) -> Library {
        let cache = root.join(CACHE_DIR);
        let known = std::fs::read_to_string(cache.join(CACHE_LIST))
            .map(|text| parse_list(&text))
            .unwrap_or_default();
        Library {
            root: root.to_path_buf(),
            cache,
            stamp: settings.stamp(),
            settings,
            known,
            found: Mutex::default(),
            slots: Mutex::default(),
        }
    }

    /// The picture of `source` (relative to the site root), made on first asking.
    pub fn picture(&self, source: &Path) -> Result<Arc<Picture>, Problem> {
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(slots.entry(source.to_path_buf()).or_default())
        };
        slot.get_or_init(|| self.make(source).map(Arc::new)).clone()
    }

    /// Every picture made, by source.
    pub fn pictures(&self) -> Vec<Arc<Picture>> {
        let slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let mut pictures: Vec<Arc<Picture>> = slots
            .values()
            .filter_map(|slot| slot.get()?.as_ref().ok().cloned())
            .collect();
        pictures.sort_by(|a, b| a.source.cmp(&b.source));
        pictures
    }

    /// Whether `source` (relative to the site root) is a picture made.
    pub fn is_source(&self, source: &Path) -> bool {
        let found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        !found.is_empty() && found.contains_key(source)
    }

    /// The files to publish: every variant of every picture made, read from the cache;
    /// or the picture whose files are gone from it, and why.
    pub fn files(&self) -> Result<Vec<File>, (PathBuf, Problem)> {
        let found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        let mut files = Vec::new();
        for picture in self.pictures() {
            let key = &found[&picture.source].key;
            for variant in picture.webp.iter().chain(&picture.fallback) {
                let name = variant_file(variant);
                let bytes = std::fs::read(self.cache.join(key).join(name))
                    .map_err(|e| (picture.source.clone(), Problem::Cache(files::io_reason(&e))))?;
                files.push(File {
                    path: variant.path.clone(),
                    bytes,
                });
            }
        }
        Ok(files)
    }

    /// The files to publish as [`Library::files`] gives them, but unread: where each is
    /// in the cache and the digest of its bytes, so that a build whose output holds them
    /// already reads none of them.
    pub fn copies(&self) -> Result<Vec<Cached>, (PathBuf, Problem)> {
        let found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        let mut copies = Vec::new();
        for picture in self.pictures() {
            let known = &found[&picture.source];
            let folder = self.cache.join(&known.key);
            let gone = || {
                (
                    picture.source.clone(),
                    Problem::Cache("its files are gone".into()),
                )
            };
            for variant in picture.webp.iter().chain(&picture.fallback) {
                let name = variant_file(variant);
                let digest = (known.digests.iter())
                    .find(|(file, _)| *file == name)
                    .map(|(_, digest)| *digest)
                    .ok_or_else(gone)?;
                copies.push(Cached {
                    path: variant.path.clone(),
                    source: folder.join(name),
                    digest,
                });
            }
        }
        Ok(copies)
    }

    /// Writes the cache's list, when this build found sources it did not know; the
    /// pictures of earlier builds stay listed, for a site that brings them back.
    pub fn save(&self) {
        let found = self.found.lock().unwrap_or_else(|e| e.into_inner());
        if found
            .iter()
            .all(|(source, known)| self.known.get(source) == Some(known))
        {
            return;
        }
        let mut all = self.known.clone();
        all.extend(found.iter().map(|(s, k)| (s.clone(), k.clone())));
        let mut sources: Vec<_> = all.into_iter().collect();
        sources.sort_by(|a, b| a.0.cmp(&b.0));
        let mut text = String::new();
        for (source, k) in sources {
            let digests: Vec<String> = (k.digests.iter())
                .map(|(name, digest)| format!("{name}={digest:032x}"))
                .collect();
            let _ = writeln!(
                text,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                source.to_string_lossy(),
                k.size,
                k.modified,
                k.key,
                k.width,
                k.height,
                k.format.name(),
                digests.join(";")
            );
        }
        // Best effort: without its list, the next build hashes the sources again.
        let _ = write_atomically(&self.cache.join(CACHE_LIST), text.as_bytes());
    }

    fn make(&self, source: &Path) -> Result<Picture, Problem> {
        let format = Format::of(source).ok_or(Problem::Unsupported)?;
        let path = self.root.join(source);
        let metadata = std::fs::metadata(&path).map_err(|_| Problem::Missing)?;
        if !metadata.is_file() {
            return Err(Problem::Missing);
        }
        let size = metadata.len();
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let known = self.known.get(source).filter(|k| {
            k.size == size
                && k.modified == modified
                && k.format == format
                && !k.digests.is_empty()
                && self.cache.join(&k.key).is_dir()
        });
        let known = match known {
            Some(known) => known.clone(),
            None => {
                let bytes =
                    std::fs::read(&path).map_err(|e| Problem::Unreadable(files::io_reason(&e)))?;
                let key = format!(
                    "{:032x}",
                    xxhash_rust::xxh3::xxh3_128_with_seed(&bytes, 0)
                        ^ xxhash_rust::xxh3::xxh3_128(self.stamp.as_bytes())
                );
                let folder = self.cache.join(&key);
                let done = read_done(&folder).zip(read_digests(&folder));
                let ((width, height), digests) = match done {
                    Some(done) if !done.1.is_empty() => done,
                    _ => {
                        let size = self.process(&bytes, format, &folder)?;
                        (size, read_digests(&folder).unwrap_or_default())
                    }
                };
                Known {
                    size,
                    modified,
                    key,
                    width,
                    height,
                    format,
                    digests,
                }
            }
        };
        let picture = self.describe(source, &known);
        self.found
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(source.to_path_buf(), known);
        Ok(picture)
    }

    /// Decodes, resizes and encodes a picture into its folder of the cache, marking it
    /// done last; returns the size of the picture as shown (its orientation applied).
    fn process(&self, bytes: &[u8], format: Format, folder: &Path) -> Result<(u32, u32), Problem> {
        let image = encode::decode(bytes)?;
        let (width, height) = (image.width(), image.height());
        let cache = |e: std::io::Error| Problem::Cache(files::io_reason(&e));
        std::fs::create_dir_all(folder).map_err(cache)?;
        let mut done = format!("{width} {height}\n");
        for variant in encode::variants(
            &image,
            bytes,
            format,
            &self.settings.widths_for(width),
            self.settings.quality,
        )? {
            let name = format!("{}.{}", variant.width, variant.format.extension());
            let digest = xxhash_rust::xxh3::xxh3_128(&variant.bytes);
            let _ = writeln!(done, "{name} {digest:032x}");
            write_atomically(&folder.join(name), &variant.bytes).map_err(cache)?;
        }
        write_atomically(&folder.join(DONE), done.as_bytes()).map_err(cache)?;
        Ok((width, height))
    }

    /// The picture of a source known to the cache: its variants' names and sizes.
    fn describe(&self, source: &Path, known: &Known) -> Picture {
        let stem = source
            .file_stem()
            .map(|s| slugify(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "image".to_string());
        let hash = &known.key[..10];
        let variants = |format: Format| -> Vec<Variant> {
            self.settings
                .widths_for(known.width)
                .into_iter()
                .map(|width| Variant {
                    path: format!("{IMAGES_DIR}/{stem}-{width}.{hash}.{}", format.extension()),
                    width,
                })
                .collect()
        };
        let webp = variants(Format::Webp);
        let fallback = match known.format {
            Format::Webp => Vec::new(),
            other => variants(other),
        };
        let widest = webp.last().map_or(known.width, |v| v.width);
        Picture {
            source: source.to_path_buf(),
            width: widest,
            height: scaled_height(known.width, known.height, widest),
            webp,
            fallback,
            format: known.format,
        }
    }
}

/// The file that marks a picture's folder of the cache complete, with its size.
const DONE: &str = "done";

fn read_done(folder: &Path) -> Option<(u32, u32)> {
    let text = std::fs::read_to_string(folder.join(DONE)).ok()?;
    let (width, height) = text.lines().next()?.split_once(' ')?;
    Some((width.parse().ok()?, height.parse().ok()?))
}

/// The digests of the files of a picture's folder, by name, as it was made.
fn read_digests(folder: &Path) -> Option<Vec<(String, u128)>> {
    let text = std::fs::read_to_string(folder.join(DONE)).ok()?;
    text.lines()
        .skip(1)
        .map(|line| {
            let (name, digest) = line.split_once(' ')?;
            Some((name.to_string(), u128::from_str_radix(digest, 16).ok()?))
        })
        .collect()
}

/// The name of a variant's file in its picture's folder of the cache: `800.webp`.
fn variant_file(variant: &Variant) -> String {
    let extension = variant.path.rsplit('.').next().unwrap_or_default();
    format!("{}.{extension}", variant.width)
}

/// The height of a picture `width`×`height` shown `shown` pixels wide, rounded.
pub fn scaled_height(width: u32, height: u32, shown: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(shown) + u64::from(width) / 2) / u64::from(width.max(1));
    (scaled as u32).max(1)
}

fn parse_list(text: &str) -> HashMap<PathBuf, Known> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let source = PathBuf::from(fields.next()?);
            let known = Known {
                size: fields.next()?.parse().ok()?,
                modified: fields.next()?.parse().ok()?,
                key: fields.next().filter(|k| k.len() >= 10)?.to_string(),
                width: fields.next()?.parse().ok()?,
                height: fields.next()?.parse().ok()?,
                format: Format::named(fields.next()?)?,
                digests: (fields.next()?.split(';'))
                    .map(|pair| {
                        let (name, digest) = pair.split_once('=')?;
                        Some((name.to_string(), u128::from_str_radix(digest, 16).ok()?))
                    })
                    .collect::<Option<Vec<_>>>()?,
            };
            Some((source, known))
        })
        .collect()
}

/// Writes `bytes` to `path` through a temporary file beside it, so that a build stopped
/// half-way leaves no half-written picture in the cache.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let temporary = path.with_extension(format!("part{}", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_made_at_the_widths_narrower_than_itself_and_at_most_the_widest() {
        let settings = Settings::default();
        assert_eq!(settings.widths_for(4000), [480, 800, 1200, 1600]);
        assert_eq!(settings.widths_for(1000), [480, 800, 1000]);
        assert_eq!(settings.widths_for(300), [300]);
        assert_eq!(settings.widths_for(800), [480, 800]);
    }

    #[test]
    fn heights_keep_the_proportions() {
        assert_eq!(scaled_height(4000, 3000, 800), 600);
        assert_eq!(scaled_height(1001, 500, 480), 240);
    }
}
