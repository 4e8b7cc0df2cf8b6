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
