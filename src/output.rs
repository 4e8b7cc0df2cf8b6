//! Write stage: writes a build into a staging folder beside the output and swaps it in at
//! once, so that a failed or interrupted build leaves the previous output as it was.
//!
//! The staging folder is the build before last, kept from the previous swap
//! (`.public.previous/` beside `public/`). Its manifest says what each of its files holds,
//! so a rebuild writes only the files whose bytes changed, creates no folder that already
//! exists, and deletes no tree: the old output becomes the next staging folder.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::built::{Cached, File};
use crate::error::{Diagnostic, display_path};
use crate::files::{self, Hidden, Tree, io_reason};

/// The manifest's name inside an output folder, where builds before this one kept it: an
/// output that has one is fansite's, and the next build clears it away.
const OLD_MARKER: &str = ".fansite";
const MARKER_HEADER: &str = "fansite output; this folder is rewritten by `fansite build`";
const MANIFEST_VERSION: &str = "manifest 2: xxh3-128 length mtime-ns path";

/// What a build made, recorded in its manifest: the fingerprint of its sources, and its
/// counts for the summary of a next build that finds nothing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Record {
    /// [`crate::files::fingerprint`] of the sources the build read.
    pub sources: u128,
    /// HTML pages.
    pub pages: usize,
    /// People with a page.
    pub people: usize,
}

impl Record {
    fn line(&self) -> String {
        format!(
            "sources {:032x} pages {} people {}",
            self.sources, self.pages, self.people
        )
    }

    fn read(line: &str) -> Option<Record> {
        let mut fields = line.split(' ');
        let mut value = |name: &str| (fields.next()? == name).then(|| fields.next())?;
        Some(Record {
            sources: u128::from_str_radix(value("sources")?, 16).ok()?,
            pages: value("pages")?.parse().ok()?,
            people: value("people")?.parse().ok()?,
        })
    }
}

/// The record of the build in `output`, when its sources' fingerprint is `sources` and
/// every file of it is still as that build wrote it: then a build would write the same,
/// and need not run. Counts the files too.
pub fn unchanged(output: &Path, sources: u128) -> Option<(Record, usize)> {
    let manifest = files::read_if_present(&manifest_of(&absolute(output))).ok()??;
    let (record, files) = read_manifest(&manifest)?;
    if record.sources != sources {
        return None;
    }
    let intact = files.par_iter().all(|(path, stamp)| {
        fs::metadata(output.join(path)).is_ok_and(|m| Stamp::of(stamp.digest, &m) == *stamp)
    });
    intact.then_some((record, files.len()))
}

/// What the manifest knows of a file: a 128-bit hash of its bytes, and its length and
/// modification time when written, which tell whether anyone touched it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    digest: u128,
    len: u64,
    modified: u128,
}

impl Stamp {
    fn of(digest: u128, metadata: &fs::Metadata) -> Stamp {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Stamp {
            digest,
            len: metadata.len(),
            modified,
        }
    }
}

/// A written or kept file, as the manifest records it.
#[derive(Debug, Clone)]
pub struct Written {
    path: String,
    stamp: Stamp,
    /// Whether the bytes had to be written (they differed from the staging folder's).
    pub changed: bool,
}

/// A build in progress: the staging folder being brought up to date.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    /// The output folder as diagnostics name it.
    shown: PathBuf,
    /// What the staging folder holds: path → stamp, `None` when unknown.
    held: HashMap<String, Option<Stamp>>,
    /// What the output holds, the last successful build: path → digest of its bytes.
    last_build: HashMap<String, u128>,
}

/// How a build's files differ from those of the last successful build, which it replaces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files new or with other bytes.
    pub changed: usize,
    /// Files of the last build that this one does not have.
    pub removed: usize,
}

/// The output folder of a build, once it may be used: its staging folder is listed on a
/// thread of its own, beside the loading of the site, since that is file-system work and
/// loading is mostly computation.
#[derive(Debug)]
pub struct Opening {
    listing: std::thread::JoinHandle<io::Result<Staging>>,
    shown: PathBuf,
}

impl Opening {
    /// The staging folder, listed.
    pub fn ready(self) -> Result<Staging, Diagnostic> {
        let listed = self
            .listing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        listed.map_err(|error| Diagnostic::new(&self.shown, describe_io(Path::new(""), &error)))
    }
}

/// Checks that `output` may be replaced by a build of the site at `root` (see
/// [`check_output_dir`]) and starts listing its staging folder.
pub fn open(output: &Path, root: &Path, force: bool) -> Result<Opening, Refusal> {
    check_output_dir(output, root, force)?;
    let shown = files::relative_to(root, output);
    let (path, named) = (output.to_path_buf(), shown.clone());
    Ok(Opening {
        listing: std::thread::spawn(move || Staging::open(&path, named)),
        shown,
    })
}

/// What writing a batch of files did.
#[derive(Debug)]
pub struct Batch<E> {
    /// Every file written or kept, for the manifest.
    pub written: Vec<Written>,
    /// The files that could not be made, as their maker said.
    pub unmade: Vec<E>,
    /// The files that could not be written.
    pub failed: Vec<Diagnostic>,
}

impl<E> Batch<E> {
    /// The files written, the files that could not be made, and the writes that failed.
    fn of(results: Vec<Result<Written, Result<E, Diagnostic>>>) -> Batch<E> {
        let mut batch = Batch {
            written: Vec::with_capacity(results.len()),
            unmade: Vec::new(),
            failed: Vec::new(),
        };
        for result in results {
            match result {
                Ok(written) => batch.written.push(written),
                Err(Ok(unmade)) => batch.unmade.push(unmade),
                Err(Err(failed)) => batch.failed.push(failed),
            }
        }
        batch
    }
}

/// Why the output folder may not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

/// Checks that `output` may be replaced by a build of the site at `root`.
///
/// Refused: `/`, the home folder, the site root or any folder holding it, `content/`,
/// `templates/` and `static/` and anything inside them, and, unless `force`, a folder
/// that has files but no marker of an earlier build.
pub fn check_output_dir(output: &Path, root: &Path, force: bool) -> Result<(), Refusal> {
    let output_abs = absolute(output);
    let root_abs = absolute(root);
    let refuse = |why: &str| {
        Err(Refusal(format!(
            "refusing to write the site into `{}`: {why}",
            display_path(output)
        )))
    };
    if output_abs.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if std::env::var_os("HOME").is_some_and(|home| absolute(Path::new(&home)) == output_abs) {
        return refuse("it is the home folder");
    }
    if root_abs.starts_with(&output_abs) {
        return refuse("it holds the site itself, which a build would replace");
    }
    for source in ["content", "templates", "static"] {
        if output_abs.starts_with(root_abs.join(source)) {
            return refuse(&format!("it is inside the site's `{source}/` folder"));
        }
    }
    if output_abs.exists() && !output_abs.is_dir() {
        return refuse("it is a file, not a folder");
    }
    let marked = manifest_of(&output_abs).is_file() || output_abs.join(OLD_MARKER).is_file();
    if files::has_entries(&output_abs) && !marked && !force {
        let manifest = manifest_of(output);
        return refuse(&format!(
            "it already holds files that fansite did not write (no `{}` beside it); \
             pass --force to replace them",
            display_path(manifest.file_name().map_or(Path::new(""), Path::new))
        ));
    }
    Ok(())
}

/// The manifest of an output or staging folder: a file beside it, `.public.fansite` for
/// `public`, so that what fansite keeps for itself is never published with the site.
pub fn manifest_of(dir: &Path) -> PathBuf {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let dot = if name.starts_with('.') { "" } else { "." };
    dir.with_file_name(format!("{dot}{name}.fansite"))
}

/// `path` made absolute and cleaned of `.` and `..`, without touching the disk beyond
/// resolving the current folder and symbolic links of the parts that exist.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = fs::canonicalize(path) {
        return canonical;
    }
    let joined = std::env::current_dir().unwrap_or_default().join(path);
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    match (clean.parent(), clean.file_name()) {
        (Some(parent), Some(name)) => match fs::canonicalize(parent) {
            Ok(parent) => parent.join(name),
            Err(_) => clean,
        },
        _ => clean,
    }
}

/// The staging folder kept beside `output`: `public` → `.public.previous`.
pub fn staging_dir(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.previous"))
}

impl Staging {
    /// Opens the staging folder for `output`; the first write creates it when there is none.
    ///
    /// Its manifest is trusted file by file: a file whose length or modification time
    /// differs from the manifest's (touched by hand, or by an interrupted build) is
    /// rewritten.
    fn open(output: &Path, shown: PathBuf) -> io::Result<Staging> {
        let output = absolute(output);
        let dir = staging_dir(&output);
        let mut held = HashMap::new();
        // A manifest whose folder was deleted by hand describes nothing.
        let marker = match dir.exists() {
            true => files::read_if_present(&manifest_of(&dir))?,
            false => None,
        };
        match marker {
            Some(marker) => {
                // Every file on disk counts, so that files added by hand are cleared away.
                held = list_files(&dir)?;
                let (_, recorded) = read_manifest(&marker).unwrap_or_default();
                for (path, stamp) in recorded {
                    if let Some(known) = held.get_mut(&path) {
                        *known = Some(stamp);
                    }
                }
            }
            None if dir.exists() => held = list_files(&dir)?,
            // No staging folder yet: the first write creates it.
            None => {}
        }
        let last_build = files::read_if_present(&manifest_of(&output))?
            .and_then(|marker| read_manifest(&marker))
            .map(|(_, files)| files)
            .unwrap_or_default()
            .into_iter()
            .map(|(path, stamp)| (path, stamp.digest))
            .collect();
        Ok(Staging {
            output,
            dir,
            shown,
            held,
            last_build,
        })
    }

    /// How `written`, this build's files, differ from the last successful build's.
    pub fn changes(&self, written: &[Written]) -> Changes {
        let changed = written
            .iter()
            .filter(|file| self.last_build.get(&file.path) != Some(&file.stamp.digest))
            .count();
        let kept = written
            .iter()
            .filter(|file| self.last_build.contains_key(&file.path))
            .count();
        Changes {
            changed,
            removed: self.last_build.len() - kept,
        }
    }

    /// Writes every file of `files`, in parallel, as they come; the errors of the files
    /// that could not be made are collected beside.
    pub fn write_all<E: Send>(
        &self,
        files: impl ParallelIterator<Item = Result<File, E>>,
    ) -> Batch<E> {
        let results: Vec<Result<Written, Result<E, Diagnostic>>> = files
            .map(|file| {
                let file = file.map_err(Ok)?;
                self.write(&file)
                    .map_err(|error| Err(self.diagnostic(&file.path, &error)))
            })
            .collect();
        Batch::of(results)
    }

    /// Brings the files of `copies` into the staging folder, in parallel: each is read
    /// from its source only when the folder does not hold those bytes already.
    pub fn copy_all(&self, copies: &[Cached]) -> Batch<std::convert::Infallible> {
        let results: Vec<Result<Written, Result<_, Diagnostic>>> = copies
            .par_iter()
            .map(|copy| {
                self.copy(copy)
                    .map_err(|error| Err(self.diagnostic(&copy.path, &error)))
            })
            .collect();
        Batch::of(results)
    }

    fn copy(&self, copy: &Cached) -> io::Result<Written> {
        if let Some(held) = self.holds(&copy.path, copy.digest) {
            return Ok(held);
        }
        let bytes = fs::read(&copy.source)?;
        self.replace(&copy.path, &bytes, copy.digest)
    }

    /// A write failure at `path`, named in the output folder.
    fn diagnostic(&self, path: &str, error: &io::Error) -> Diagnostic {
        Diagnostic::new(&self.shown, describe_io(Path::new(path), error))
    }

    /// Brings one file of the staging folder up to date, writing it only if its bytes
    /// differ from what the folder holds. Safe to call from many threads at once.
    fn write(&self, output: &File) -> io::Result<Written> {
        let digest = xxhash_rust::xxh3::xxh3_128(&output.bytes);
        if let Some(held) = self.holds(&output.path, digest) {
            return Ok(held);
        }
        self.replace(&output.path, &output.bytes, digest)
    }

    /// The file at `path` as the staging folder holds it, when it holds those bytes.
    fn holds(&self, path: &str, digest: u128) -> Option<Written> {
        let held = self.held.get(path)?.as_ref()?;
        let on_disk = fs::metadata(self.dir.join(path)).ok()?;
        (held.digest == digest && Stamp::of(digest, &on_disk) == *held).then(|| Written {
            path: path.to_string(),
            stamp: *held,
            changed: false,
        })
    }

    /// Writes `bytes`, whose digest is `digest`, at `path` in the staging folder.
    fn replace(&self, path: &str, bytes: &[u8], digest: u128) -> io::Result<Written> {
        let known = self.held.contains_key(path);
        let metadata = write_file(&self.dir.join(path), bytes, known)?;
        Ok(Written {
            path: path.to_string(),
            stamp: Stamp::of(digest, &metadata),
            changed: true,
        })
    }

    /// Finishes the build: deletes what the staging folder holds that this build did not
    /// write, records the manifest, and swaps the folder with the output in one step.
    ///
    /// The previous output becomes the staging folder of the next build.
    pub fn commit(self, written: &[Written], record: Record) -> Result<(), Diagnostic> {
        let shown = self.shown.clone();
        self.try_commit(written, record)
            .map_err(|error| Diagnostic::new(shown, describe_io(Path::new(""), &error)))
    }

    fn try_commit(self, written: &[Written], record: Record) -> io::Result<()> {
        let keep: HashSet<&str> = written.iter().map(|w| w.path.as_str()).collect();
        let mut emptied = HashSet::new();
        for stale in self.held.keys().filter(|p| !keep.contains(p.as_str())) {
            match fs::remove_file(self.dir.join(stale)) {
                Ok(()) => {}
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(error),
            }
            let mut parent = Path::new(stale).parent();
            while let Some(dir) = parent.filter(|d| !d.as_os_str().is_empty()) {
                emptied.insert(dir.to_path_buf());
                parent = dir.parent();
            }
        }
        let mut emptied: Vec<_> = emptied.into_iter().collect();
        emptied.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
        for dir in emptied {
            // Fails, as it should, when the folder still holds something.
            let _ = fs::remove_dir(self.dir.join(dir));
        }
        fs::create_dir_all(&self.dir)?;
        let mut manifest = format!("{MARKER_HEADER}\n{MANIFEST_VERSION}\n{}\n", record.line());
        for file in written {
            let Stamp {
                digest,
                len,
                modified,
            } = file.stamp;
            manifest.push_str(&format!("{digest:032x} {len} {modified} {}\n", file.path));
        }
        fs::write(manifest_of(&self.dir), manifest)?;
        swap(&self.dir, &self.output)?;
        // The manifests follow their folders. Were this interrupted, each folder's files
        // are checked against the manifest by length and time before it is trusted.
        swap(&manifest_of(&self.dir), &manifest_of(&self.output))
    }
}

/// Writes `bytes` over the file at `path`, creating it and its folders when missing.
///
/// An existing file is overwritten in place and only then cut to length, rather than
/// truncated first: truncating frees its blocks, and on a file system that discards
/// freed blocks, rewriting thousands of pages that way costs seconds. A file not `known`
/// to exist gets its folder made first, which on a clean build saves a failed open per
/// page.
fn write_file(path: &Path, bytes: &[u8], known: bool) -> io::Result<fs::Metadata> {
    if !known && let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
    };
    let mut file = match open() {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            open()?
        }
        Err(error) if path.is_dir() => {
            // A page became a file where a folder was: clear the way.
            fs::remove_dir_all(path).map_err(|_| error)?;
            open()?
        }
        Err(error) => return Err(error),
    };
    file.write_all(bytes)?;
    let metadata = file.metadata()?;
    if metadata.len() > bytes.len() as u64 {
        file.set_len(bytes.len() as u64)?;
        return file.metadata();
    }
    Ok(metadata)
}

/// The record and the files of a manifest; `None` for one of another version.
fn read_manifest(marker: &str) -> Option<(Record, Vec<(String, Stamp)>)> {
    let mut lines = marker.lines();
    if lines.next()? != MARKER_HEADER || lines.next()? != MANIFEST_VERSION {
        return None;
    }
    let record = Record::read(lines.next()?)?;
    let files = lines
        .map(|line| {
            let mut fields = line.splitn(4, ' ');
            let stamp = Stamp {
                digest: u128::from_str_radix(fields.next()?, 16).ok()?,
                len: fields.next()?.parse().ok()?,
                modified: fields.next()?.parse().ok()?,
            };
            Some((fields.next()?.to_string(), stamp))
        })
        .collect::<Option<_>>()?;
    Some((record, files))
}

/// Every file under `dir`, hidden ones included, with unknown content.
fn list_files(dir: &Path) -> io::Result<HashMap<String, Option<Stamp>>> {
    let tree = Tree {
        root: dir,
        dir,
        purpose: "",
    };
    let (found, problems) = files::walk(tree, Hidden::Keep);
    if let Some(problem) = problems.into_iter().next() {
        return Err(io::Error::other(problem.message));
    }
    let listed: HashMap<String, Option<Stamp>> =
        found.into_iter().map(|file| (file.rel, None)).collect();
    Ok(listed)
}

/// Puts `staging` where `output` is, in one step where the system allows it; the old
/// output takes the staging folder's place.
fn swap(staging: &Path, output: &Path) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    if exchange(staging, output)? {
        return Ok(());
    }
    let aside = output.with_file_name(format!(
        ".{}.swap",
        output.file_name().unwrap_or_default().to_string_lossy()
    ));
    fs::rename(output, &aside)?;
    fs::rename(staging, output)?;
    fs::rename(&aside, staging)
}

/// Exchanges two paths atomically; `Ok(false)` when the system cannot.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated strings for the length of the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        return Ok(true);
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// A short description of a write failure, naming the path.
pub fn describe_io(path: &Path, error: &io::Error) -> String {
    match path.as_os_str().is_empty() {
        true => format!("cannot write the output folder: {}", io_reason(error)),
        false => format!(
            "cannot write `{}`: {}",
            display_path(path),
            io_reason(error)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_sits_beside_the_output() {
        assert_eq!(
            staging_dir(Path::new("/srv/site/public")),
            Path::new("/srv/site/.public.previous")
        );
    }

    #[test]
    fn manifest_round_trips_and_rejects_another_version() {
        let record = Record {
            sources: 9,
            pages: 3,
            people: 1,
        };
        let text = format!(
            "{MARKER_HEADER}\n{MANIFEST_VERSION}\n{}\n{:032x} 12 345 a/b c.html\n",
            record.line(),
            7u128
        );
        let stamp = Stamp {
            digest: 7,
            len: 12,
            modified: 345,
        };
        assert_eq!(
            read_manifest(&text),
            Some((record, vec![("a/b c.html".into(), stamp)]))
        );
        let other = format!("{MARKER_HEADER}\nmanifest 0\n{:032x} a\n", 7u128);
        assert_eq!(read_manifest(&other), None);
    }
}
