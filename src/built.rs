//! What a build makes: one file of the built site, its path and its bytes. Render and
//! search make them, the theme and the content give the files copied as they are, and
//! output writes them; none of those stages owns the type, so none depends on another.

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Its path under the output folder, with `/` separators: `episodes/part-1/index.html`.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// A file of the built site that is a file on disk already (a picture made by an earlier
/// build, in its cache), with the digest of its bytes: output reads it only when the
/// output folder does not hold those bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    /// Its path under the output folder.
    pub path: String,
    /// Where its bytes are.
    pub source: std::path::PathBuf,
    /// The xxh3-128 digest of its bytes.
    pub digest: u128,
}
