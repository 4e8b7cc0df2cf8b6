//! Writing a new site (`fansite init`, `fansite import`): every file into a temporary
//! folder beside the target, then one rename, so that a failure leaves the target as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, display_path};
use crate::files::io_reason;

/// One file of a new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// Relative to the site root, e.g. `content/episodes/part-1.md`.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// Refuses a target that exists and is not an empty folder; `doing` says what for, as in
/// "refusing to {doing} `mysite`".
pub fn check_target(target: &Path, doing: &str) -> Result<(), Error> {
    let refuse = |why: &str| {
        Err(Error::Usage(format!(
            "refusing to {doing} `{}`: {why}",
            display_path(target)
        )))
    };
    if target.file_name().is_none() {
        return refuse("name a new folder for the site");
    }
    match fs::metadata(target) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => refuse(&io_reason(&error)),
        Ok(metadata) if !metadata.is_dir() => refuse("it is a file, not a folder"),
        Ok(_) => match fs::read_dir(target).map(|mut entries| entries.next().is_some()) {
            Ok(true) => refuse("it is not empty; name a new folder or an empty one"),
            Ok(false) => Ok(()),
            Err(error) => refuse(&io_reason(&error)),
        },
    }
}

/// Writes `files` into a folder beside `target`, then renames it to `target`. On failure
/// the temporary folder is removed and `target` is left as it was.
pub fn write_all(target: &Path, files: &[NewFile]) -> Result<(), Error> {
    let parent = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| failure(&parent, &e))?;
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| failure(&staging, &e))?;
    }
    let written = write_files(&staging, files).and_then(|()| move_into_place(&staging, target));
    if written.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    written
}

fn write_files(staging: &Path, files: &[NewFile]) -> Result<(), Error> {
    fs::create_dir(staging).map_err(|e| failure(staging, &e))?;
    for file in files {
        let path = staging.join(&file.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(|e| failure(folder, &e))?;
        }
        fs::write(&path, &file.text).map_err(|e| failure(&path, &e))?;
    }
    Ok(())
}

/// Renames `staging` to `target`, which may be an empty folder: a rename replaces an empty
/// folder on Unix; elsewhere it is removed first.
fn move_into_place(staging: &Path, target: &Path) -> Result<(), Error> {
    if cfg!(not(unix)) && target.is_dir() {
        fs::remove_dir(target).map_err(|e| failure(target, &e))?;
    }
    fs::rename(staging, target).map_err(|e| failure(target, &e))
}

fn failure(path: &Path, error: &io::Error) -> Error {
    Diagnostic::new(
        path,
        format!(
            "cannot write `{}`: {}",
            display_path(path),
            io_reason(error)
        ),
    )
    .into()
}
