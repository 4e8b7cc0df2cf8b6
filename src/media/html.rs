//! The markup of a picture: `<picture>` with a WebP `<source>` and an `<img>` in the
//! source's format, every width in `srcset`, and the size that keeps the page from moving
//! while it loads. The theme's `picture` component writes the same for templates.

use std::fmt::Write as _;

use super::{Picture, Variant};

/// How a picture loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// When it comes near the screen: every picture but the first large one of a page.
    Lazy,
    /// At once, before other pictures: the first large picture of a page.
    First,
}

/// `srcset`: each variant's URL (under `base_path`) and width.
pub fn srcset(variants: &[Variant], base_path: &str) -> String {
    let mut out = String::new();
    for (i, variant) in variants.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{base_path}{} {}w", variant.path, variant.width);
    }
    out
}

/// The `<picture>` of `picture`, described by `alt`, shown at `sizes` (the `sizes`
/// attribute: `(min-width: 48rem) 44rem, 100vw`).
pub fn picture(
    picture: &Picture,
    alt: &str,
    base_path: &str,
    sizes: &str,
    loading: Loading,
) -> String {
    let img = picture.img_variants();
    let src = img.last().map(|v| v.path.as_str()).unwrap_or_default();
    let mut out = String::from("<picture>");
    if !picture.fallback.is_empty() {
        let _ = write!(
            out,
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
            escape(&srcset(&picture.webp, base_path)),
            escape(sizes)
        );
    }
    let _ = write!(
        out,
        "<img src=\"{}{}\" srcset=\"{}\" sizes=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
        escape(base_path),
        escape(src),
        escape(&srcset(img, base_path)),
        escape(sizes),
        picture.width,
        picture.height,
        escape(alt)
    );
    out.push_str(match loading {
        Loading::Lazy => " loading=\"lazy\" decoding=\"async\"></picture>",
        Loading::First => " fetchpriority=\"high\"></picture>",
    });
    out
}

/// Text made safe inside a double-quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}
