//! The codecs: decoding with the `image` crate, resizing, and encoding to WebP (libwebp,
//! lossy) and to JPEG or PNG. Encoding from decoded pixels writes no metadata at all.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader};

use super::{Format, Problem, scaled_height};

/// Changes whenever what this module makes of a picture changes: it is part of the
/// names, so that no host keeps an old file under a new name.
pub(super) const VERSION: u32 = 1;

/// One file made of a picture.
pub(super) struct Encoded {
    pub(super) width: u32,
    pub(super) format: Format,
    pub(super) bytes: Vec<u8>,
}

/// The picture in `bytes`, turned as its EXIF orientation says.
pub(super) fn decode(bytes: &[u8]) -> Result<DynamicImage, Problem> {
    // The JPEG decoder fills what a cut file lacks with grey, without a word: a JPEG must
    // end with its end marker (some writers pad it with zeros).
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |at| at + 1);
    if bytes.starts_with(&[0xFF, 0xD8]) && !bytes[..end].ends_with(&[0xFF, 0xD9]) {
        return Err(Problem::Unreadable(
            "the file ends before the picture does".to_string(),
        ));
    }
    let unreadable = |e: image::ImageError| Problem::Unreadable(e.to_string());
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Problem::Unreadable(e.to_string()))?;
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Every file of a picture: each of `widths` (narrowest first) in WebP and, but for a
/// WebP source, in the source's format. A file of the source's own size and format,
/// with no metadata, is the source's bytes, not encoded again.
pub(super) fn variants(
    image: &DynamicImage,
    source: &[u8],
    format: Format,
    widths: &[u32],
    quality: u8,
) -> Result<Vec<Encoded>, Problem> {
    let alpha = image.color().has_alpha();
    let mut made = Vec::new();
    // Widest first, each made from the one before: resizing the full picture once.
    let mut current: Option<DynamicImage> = None;
    for &width in widths.iter().rev() {
        let from = current.as_ref().unwrap_or(image);
        let height = scaled_height(image.width(), image.height(), width);
        let resized = resize(from, width, height);
        let as_is = width == image.width() && !has_metadata(source, format);
        let targets: &[Format] = match format {
            Format::Webp => &[Format::Webp],
            _ => &[Format::Webp, format],
        };
        for &target in targets {
            let bytes = match (as_is && target == format, target) {
                (true, _) => source.to_vec(),
                (false, Format::Webp) => webp(&resized, alpha, quality)?,
                (false, Format::Jpeg) => jpeg(&resized, quality)?,
                (false, Format::Png) => png(&resized, alpha)?,
            };
            made.push(Encoded {
                width,
                format: target,
                bytes,
            });
        }
        current = Some(resized);
    }
    Ok(made)
}

/// `image` at `width`×`height`: the same picture when it is that size already.
fn resize(image: &DynamicImage, width: u32, height: u32) -> DynamicImage {
    if image.width() == width && image.height() == height {
        return image.clone();
    }
    // A picture three times as wide or more is first averaged down to twice the width,
    // which is fast, then filtered: a 4000-pixel photograph took 5 times as long through
    // the Lanczos filter alone, for a result the eye cannot tell apart.
    if image.width() >= 3 * width {
        let halfway = image.thumbnail_exact(2 * width, 2 * height);
        return halfway.resize_exact(width, height, FilterType::Lanczos3);
    }
    image.resize_exact(width, height, FilterType::Lanczos3)
}

fn encoding_failed(format: &str, why: impl std::fmt::Display) -> Problem {
    Problem::Unreadable(format!("cannot encode it as {format}: {why}"))
}

fn webp(image: &DynamicImage, alpha: bool, quality: u8) -> Result<Vec<u8>, Problem> {
    let (width, height) = (image.width(), image.height());
    let encoded = match alpha {
        true => {
            let pixels = image.to_rgba8();
            webp::Encoder::from_rgba(&pixels, width, height)
                .encode_simple(false, f32::from(quality))
                .map(|memory| memory.to_vec())
        }
        false => {
            let pixels = image.to_rgb8();
            webp::Encoder::from_rgb(&pixels, width, height)
                .encode_simple(false, f32::from(quality))
                .map(|memory| memory.to_vec())
        }
    };
    encoded.map_err(|e| encoding_failed("WebP", format!("{e:?}")))
}

fn jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    let pixels = image.to_rgb8();
    JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode_image(&pixels)
        .map_err(|e| encoding_failed("JPEG", e))?;
    Ok(bytes)
}

fn png(image: &DynamicImage, alpha: bool) -> Result<Vec<u8>, Problem> {
    let mut bytes = Vec::new();
    let encoder = PngEncoder::new(&mut bytes);
    let written = match alpha {
        true => image.to_rgba8().write_with_encoder(encoder),
        false => image.to_rgb8().write_with_encoder(encoder),
    };
    written.map_err(|e| encoding_failed("PNG", e))?;
    Ok(bytes)
}

/// Whether a file carries metadata besides its pixels: EXIF, XMP, comments or text.
fn has_metadata(bytes: &[u8], format: Format) -> bool {
    match format {
        Format::Jpeg => jpeg_has_metadata(bytes),
        Format::Png => png_has_metadata(bytes),
        Format::Webp => webp_has_metadata(bytes),
    }
}

/// A JPEG's segments before its picture: APP1 to APP15 (EXIF, XMP, ICC, IPTC) and
/// comments count; APP0 (JFIF) does not.
fn jpeg_has_metadata(bytes: &[u8]) -> bool {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return true;
        }
        let marker = bytes[at + 1];
        if marker == 0xDA {
            return false;
        }
        if (0xE1..=0xEF).contains(&marker) || marker == 0xFE {
            return true;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        at += 2 + length;
    }
    true
}

/// A PNG's chunks: text, EXIF, time and colour profiles count.
fn png_has_metadata(bytes: &[u8]) -> bool {
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let length = u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let kind = &bytes[at + 4..at + 8];
        if [b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME", b"iCCP"]
            .contains(&kind.try_into().unwrap_or(b"    "))
        {
            return true;
        }
        if kind == b"IEND" {
            return false;
        }
        at += 12 + length as usize;
    }
    true
}

/// A WebP's chunks: EXIF and XMP count.
fn webp_has_metadata(bytes: &[u8]) -> bool {
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let kind = &bytes[at..at + 4];
        if kind == b"EXIF" || kind == b"XMP " || kind == b"ICCP" {
            return true;
        }
        let length =
            u32::from_le_bytes([bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]]);
        at += 8 + length as usize + (length as usize & 1);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(width: u32, height: u32) -> DynamicImage {
        DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([
                (x * 7 % 256) as u8,
                (y * 3 % 256) as u8,
                ((x + y) % 256) as u8,
            ])
        }))
    }

    #[test]
    fn each_width_is_made_in_webp_and_in_the_source_s_format() {
        let image = photo(1000, 500);
        let made = variants(&image, b"", Format::Jpeg, &[480, 1000], 75).unwrap();
        let sizes: Vec<(u32, Format)> = made.iter().map(|e| (e.width, e.format)).collect();
        assert_eq!(
            sizes,
            [
                (1000, Format::Webp),
                (1000, Format::Jpeg),
                (480, Format::Webp),
                (480, Format::Jpeg)
            ]
        );
        let small = decode(&made[3].bytes).unwrap();
        assert_eq!((small.width(), small.height()), (480, 240));
        assert!(made[0].bytes.starts_with(b"RIFF"));
    }

    #[test]
    fn metadata_is_found_in_jpeg_segments() {
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 80)
            .encode_image(&photo(8, 8).to_rgb8())
            .unwrap();
        assert!(!jpeg_has_metadata(&plain));
        let mut with_exif = plain[..2].to_vec();
        with_exif.extend([0xFF, 0xE1, 0x00, 0x08]);
        with_exif.extend(b"Exif\0\0");
        with_exif.extend(&plain[2..]);
        assert!(jpeg_has_metadata(&with_exif));
    }
}
