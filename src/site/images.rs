//! The pictures a site names: where each file is, from the file that names it, and the
//! picture made of it (`media`), for front matter, `site.toml` and Markdown images.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::content::{CONTENT_DIR, Document};
use crate::error::{Diagnostic, Location};
use crate::media::html::{self, Loading};
use crate::media::{Format, Library, Picture};
use crate::theme::STATIC_DIR;

/// How wide a picture in a page's text is shown: the text's column, 44rem, or the
/// screen less its margins. The default theme's `--measure`.
const PROSE_SIZES: &str = "(min-width: 48rem) 44rem, calc(100vw - 2rem)";

/// A picture shown on a page, with the words that say what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The files made of it.
    pub picture: Arc<Picture>,
    /// What it shows, in words; empty for a picture that only decorates.
    pub alt: String,
}

/// The file a picture written in `referrer` (a file relative to the site root) names: from
/// `static/` when it starts with `/`, else from the referrer's folder. `None` for another
/// site's picture (`https://…`), or a path that leaves the site.
pub fn source_of(referrer: &Path, written: &str) -> Option<PathBuf> {
    if written.contains("://") || written.starts_with("//") || written.starts_with("data:") {
        return None;
    }
    let written = written.split(['?', '#']).next().unwrap_or_default();
    let joined = match written.strip_prefix('/') {
        Some(rest) => Path::new(STATIC_DIR).join(rest),
        None => referrer.parent().unwrap_or(Path::new("")).join(written),
    };
    let mut source = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::Normal(name) => source.push(name),
            Component::ParentDir if source.pop() => {}
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(source)
}

/// The picture of a Markdown image, written `written` in `referrer`: `None` for an image
/// left as written (an SVG, another site's picture).
pub(super) fn markdown_picture(
    referrer: &Path,
    written: &str,
    alt: &str,
    media: &Library,
    base_path: &str,
) -> Option<Result<String, (String, &'static str)>> {
    let source = source_of(referrer, written)?;
    Format::of(&source)?;
    Some(match media.picture(&source) {
        Ok(picture) => Ok(html::picture(
            &picture,
            alt,
            base_path,
            PROSE_SIZES,
            Loading::Lazy,
        )),
        Err(problem) => Err((problem.describe(&source), problem.help())),
    })
}

/// The picture of a page's front matter (`image`, `image_alt`), if it has one.
pub(super) fn front_image(
    document: &Document,
    media: &Library,
) -> Result<Option<Image>, Diagnostic> {
    let Some(image) = &document.front.image else {
        return Ok(None);
    };
    let location = document.front_location(image.span());
    named_image(
        &document.file,
        &document.file,
        "image",
        image.get_ref(),
        document.front.image_alt.as_deref(),
        Some(location),
        media,
    )
    .map(Some)
}

/// The poster of `site.toml` (`image`, `image_alt`), read from `content/` or `static/`.
pub(super) fn poster(
    config: &crate::config::Config,
    media: &Library,
) -> Result<Option<Image>, Diagnostic> {
    let Some(image) = &config.image else {
        return Ok(None);
    };
    let file = Path::new(crate::config::CONFIG_FILE);
    let referrer = Path::new(CONTENT_DIR).join("site.toml");
    let location = config.locate(&["image"]);
    named_image(
        file,
        &referrer,
        "image",
        image,
        config.image_alt.as_deref(),
        location,
        media,
    )
    .map(Some)
}

/// The picture `written` as `key` in `file` (read as if it were `referrer`), with its alt
/// text.
pub(super) fn named_image(
    file: &Path,
    referrer: &Path,
    key: &str,
    written: &str,
    alt: Option<&str>,
    location: Option<Location>,
    media: &Library,
) -> Result<Image, Diagnostic> {
    let located = |diagnostic: Diagnostic| match &location {
        Some(location) => diagnostic.at(location.clone()),
        None => diagnostic,
    };
    let Some(alt) = alt else {
        return Err(located(
            Diagnostic::new(file, format!("`{key}` has no `{key}_alt`"))
                .label("what does this picture show?")
                .help(
                    "add `image_alt = \"…\"` saying what the picture shows: it is what a screen \
                     reader says and what shows when the picture cannot; `image_alt = \"\"` marks \
                     a picture that only decorates",
                ),
        ));
    };
    let Some(source) = source_of(referrer, written) else {
        return Err(located(
            Diagnostic::new(
                file,
                format!("`{key}` must be a file of the site, not `{written}`"),
            )
            .help("put the picture beside the page, or in `static/` and write it from `/`"),
        ));
    };
    let picture = media.picture(&source).map_err(|problem| {
        located(Diagnostic::new(file, problem.describe(&source)).help(problem.help()))
    })?;
    Ok(Image {
        picture,
        alt: alt.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_read_from_the_page_s_folder_or_from_static() {
        let page = Path::new("content/episodes/part-1.md");
        assert_eq!(
            source_of(page, "still.jpg").unwrap(),
            Path::new("content/episodes/still.jpg")
        );
        assert_eq!(
            source_of(page, "../poster.png").unwrap(),
            Path::new("content/poster.png")
        );
        assert_eq!(
            source_of(page, "/img/a.webp?v=2").unwrap(),
            Path::new("static/img/a.webp")
        );
        assert_eq!(source_of(page, "../../../etc/x.jpg"), None);
        assert_eq!(source_of(page, "https://example.org/a.jpg"), None);
    }
}
