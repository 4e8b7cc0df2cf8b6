//! Reading the disk: the one module that opens a site's files. It reads text with a clear
//! error, names paths relative to the site, and walks folders with one rule for hidden
//! files and `/` separators, so that content, theme and output agree on what a folder holds.

use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Location, display_path};

/// Names that start with a dot but that web servers read, and so are copied like any file.
const SERVED_DOT_NAMES: [&str; 3] = [".well-known", ".htaccess", ".nojekyll"];

/// Whether a file or folder of that name is left out of a site: the system's and editors'
/// own files (`.DS_Store`, `.git`, `.part-1.md.swp`, `part-1.md~`), but not the few dot
/// names that web servers read (`.well-known/`, `.htaccess`, `.nojekyll`).
pub fn is_ignored(name: &str) -> bool {
    (name.starts_with('.') && !SERVED_DOT_NAMES.contains(&name)) || name.ends_with('~')
}

/// `path` relative to `root` when it is inside, else as given.
pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// An I/O error as a short reason: `permission denied`, not `Permission denied (os error 13)`.
pub fn io_reason(error: &io::Error) -> String {
    let text = match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => error.to_string(),
    };
    match text.find(" (os error") {
        Some(i) => text[..i].to_lowercase(),
        None => text,
    }
}

/// Reads a file of the site at `root` whole.
pub fn read_bytes(root: &Path, path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|error| {
        Diagnostic::new(
            relative_to(root, path),
            format!("cannot read: {}", io_reason(&error)),
        )
    })
}

/// Reads a text file of the site at `root`, reporting a file that is not UTF-8 at its
/// first bad byte.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(root, path)?;
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(error.as_bytes());
        let offset = String::from_utf8_lossy(&error.as_bytes()[..valid]).len();
        Diagnostic::new(relative_to(root, path), "file is not UTF-8 text")
            .at(Location::in_source(&lossy, offset..offset + 1))
            .label(format!("byte {valid} is not valid UTF-8"))
            .help("save the file with UTF-8 encoding")
    })
}

/// Reads a file that may not exist yet: `Ok(None)` when it does not.
pub fn read_if_present(path: &Path) -> io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Whether `dir` is a folder that holds anything.
pub fn has_entries(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

/// The memory this process holds now, in MiB, where the system says (Linux), for the
/// stage timings of `FANSITE_TIMINGS`.
pub fn resident_mib() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096 / (1024 * 1024))
}

/// This program's file as a stamp (its size and modification time), which changes when
/// it is rebuilt or replaced; empty when it cannot be read.
pub fn this_program() -> String {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default()
}

/// A fingerprint of the sources of the site at `root`: the name, size and time of every
/// file of `folders` (hidden ones left out, as the build leaves them out) and of the
/// single `files`, with `salt` (what else the output depends on: the options, the
/// binary). Two equal fingerprints are two builds of the same sources.
pub fn fingerprint(root: &Path, files: &[&str], folders: &[&str], salt: &str) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(salt.as_bytes());
    let mut stamp = |rel: &str, path: &Path| {
        let metadata = std::fs::metadata(path).ok();
        let modified = metadata
            .as_ref()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        hasher.update(rel.as_bytes());
        hasher.update(&[0]);
        hasher.update(&metadata.map_or(u64::MAX, |m| m.len()).to_le_bytes());
        hasher.update(&modified.to_le_bytes());
    };
    for file in files {
        stamp(file, &root.join(file));
    }
    for folder in folders {
        let dir = root.join(folder);
        let tree = Tree {
            root,
            dir: &dir,
            purpose: "",
        };
        stamp(folder, &dir);
        if dir.exists() {
            for found in walk(tree, Hidden::Skip).0 {
                stamp(&format!("{folder}/{}", found.rel), &found.path);
            }
        }
    }
    hasher.digest128()
}

/// A file found by [`walk`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where to read it.
    pub path: PathBuf,
    /// Its path relative to the walked folder, with `/` separators: `episodes/part-1.md`.
    pub rel: String,
}

/// What [`walk`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// A site's sources: names that [`is_ignored`] are left out, folders and all.
    Skip,
    /// Everything, as an output folder is listed to clear away what a build did not write.
    Keep,
}

/// A folder of the site to walk, and what to tell a user who cannot read it.
#[derive(Debug, Clone, Copy)]
pub struct Tree<'a> {
    /// The site's folder.
    pub root: &'a Path,
    /// The folder to walk, under `root`.
    pub dir: &'a Path,
    /// What the folder is for, said when it cannot be read: "a site keeps its pages in …".
    pub purpose: &'a str,
}

/// Every file under `tree.dir`, in path order, following symbolic links, and a diagnostic
/// for each entry that could not be read, the folder itself included.
pub fn walk(tree: Tree<'_>, hidden: Hidden) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let entries = walkdir::WalkDir::new(tree.dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            hidden == Hidden::Keep
                || entry.depth() == 0
                || !entry.file_name().to_str().is_some_and(is_ignored)
        });
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let rel = entry.path().strip_prefix(tree.dir).unwrap_or(entry.path());
                found.push(Found {
                    rel: rel.to_string_lossy().replace('\\', "/"),
                    path: entry.into_path(),
                });
            }
            Ok(_) => {}
            Err(error) => problems.push(walk_error(tree, &error)),
        }
    }
    (found, problems)
}

fn walk_error(tree: Tree<'_>, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(tree.dir);
    let file = relative_to(tree.root, path);
    if let Some(ancestor) = error.loop_ancestor() {
        return Diagnostic::new(
            file,
            format!(
                "symbolic link loops back to `{}`",
                display_path(&relative_to(tree.root, ancestor))
            ),
        )
        .help("remove the link, or point it outside its own folder");
    }
    if let Ok(target) = std::fs::read_link(path)
        && !path.exists()
    {
        return Diagnostic::new(
            file,
            format!(
                "cannot read: symbolic link to `{}`, which does not exist",
                display_path(&target)
            ),
        );
    }
    let reason = error
        .io_error()
        .map_or_else(|| error.to_string(), io_reason);
    if path == tree.dir {
        let name = display_path(&relative_to(tree.root, tree.dir));
        Diagnostic::new(file, format!("cannot read the {name} folder: {reason}")).help(tree.purpose)
    } else {
        Diagnostic::new(file, format!("cannot read: {reason}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_and_editor_files_are_ignored_but_files_servers_read_are_not() {
        for ignored in [
            ".DS_Store",
            ".git",
            ".part-1.md.swp",
            "part-1.md~",
            ".#part-1.md",
        ] {
            assert!(is_ignored(ignored), "{ignored}");
        }
        for kept in ["part-1.md", ".well-known", ".htaccess", ".nojekyll", "a.b"] {
            assert!(!is_ignored(kept), "{kept}");
        }
    }

    #[test]
    fn walk_lists_files_in_order_with_slashes_and_skips_ignored_names() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "b/c.md",
            "a.md",
            ".git/config",
            "b/.c.md.swp",
            ".well-known/x.txt",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let tree = Tree {
            root: dir.path(),
            dir: dir.path(),
            purpose: "",
        };
        let rels = |hidden| -> Vec<String> {
            let (found, problems) = walk(tree, hidden);
            assert!(problems.is_empty());
            found.into_iter().map(|f| f.rel).collect()
        };
        assert_eq!(rels(Hidden::Skip), [".well-known/x.txt", "a.md", "b/c.md"]);
        assert_eq!(
            rels(Hidden::Keep),
            [
                ".git/config",
                ".well-known/x.txt",
                "a.md",
                "b/.c.md.swp",
                "b/c.md"
            ]
        );
    }
}
