//! Pictures: the files made of each (every width, WebP and a fallback, named by a hash),
//! the markup that shows them, no metadata in what is published, and a cache that spares
//! a rebuild every decoding.

use std::path::Path;

use crate::common::{fansite, read_tree, read_tree_bytes, scratch_copy};

/// A synthetic photograph: gradients with a little noise, as a JPEG.
pub fn photo_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = seed % 24;
        let r = (x * 255 / width.max(1) + noise).min(255) as u8;
        let g = (y * 255 / height.max(1) + noise).min(255) as u8;
        let b = ((x + y) * 128 / (width + height) + noise) as u8;
        image::Rgb([r, g, b])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90)
        .encode_image(&image)
        .unwrap();
    bytes
}

/// A drawing with transparency, as a PNG.
pub fn drawing_png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbaImage::from_fn(width, height, |x, y| {
        let inside = (x / 20 + y / 20) % 2 == 0;
        image::Rgba([30, 90, 160, if inside { 255 } else { 0 }])
    });
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .unwrap();
    bytes
}

/// `jpeg` with an EXIF segment: the orientation `orientation` and a description that
/// says where it was taken, as a phone's photograph carries.
fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let description = b"Taken at 51.5074N 0.1278W\0";
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    // Orientation: SHORT, 1, the value.
    tiff.extend([0x12, 0x01, 3, 0]);
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(orientation.to_le_bytes());
    tiff.extend([0, 0]);
    // ImageDescription: ASCII, its length, at the end of the directory.
    tiff.extend([0x0E, 0x01, 2, 0]);
    tiff.extend((description.len() as u32).to_le_bytes());
    tiff.extend(38u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(description);
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((payload.len() + 2) as u16).to_be_bytes());
    out.extend(payload);
    out.extend(&jpeg[2..]);
    out
}

/// Writes `bytes` at `path` under `site`, making its folder.
fn put(site: &Path, path: &str, bytes: &[u8]) {
    let path = site.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Adds `lines` to the front matter of `file` under `site`.
fn add_front(site: &Path, file: &str, lines: &str) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("+++\n", &format!("+++\n{lines}\n"), 1)).unwrap();
}

/// The golden fixture, in the default theme, with a poster, an episode's still, a
/// portrait and a picture in a page's text.
fn site_with_pictures() -> tempfile::TempDir {
    let site = scratch_copy("golden");
    let root = site.path();
    // All but the one template a page names, which builds on the theme's `base.html`.
    for entry in walkdir::WalkDir::new(root.join("templates")).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.file_name() != "special.html" {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    put(root, "static/img/poster.jpg", &photo_jpeg(2000, 3000));
    put(root, "content/episodes/one.jpg", &photo_jpeg(1000, 600));
    put(root, "content/people/portrait.jpg", &photo_jpeg(300, 400));
    put(root, "static/img/quay.png", &drawing_png(600, 400));
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let config = config.replacen(
        "\n[series]",
        "\nimage = \"/img/poster.jpg\"\nimage_alt = \"The poster: two men in a studio\"\n\n[series]",
        1,
    );
    std::fs::write(root.join("site.toml"), config).unwrap();
    add_front(
        root,
        "content/episodes/one.md",
        "image = \"one.jpg\"\nimage_alt = \"A mixing desk at night\"",
    );
    add_front(
        root,
        "content/people/the-d-o-c.md",
        "image = \"portrait.jpg\"\nimage_alt = \"The D.O.C. in a red cap\"",
    );
    let about = root.join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(
        &about,
        format!("{text}\n![A quay at dusk](/img/quay.png)\n"),
    )
    .unwrap();
    site
}

/// Every `<picture>…</picture>` and picture meta tag of a page.
fn pictures_of(page: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("<picture") {
        let end = rest[at..].find("</picture>").unwrap() + at + "</picture>".len();
        found.push(&rest[at..end]);
        rest = &rest[end..];
    }
    found.extend(
        page.lines()
            .map(str::trim)
            .filter(|l| l.contains("og:image") || l.contains("twitter:card")),
    );
    found
}

#[test]
fn pictures_are_made_at_each_width_and_shown_with_their_size() {
    let site = site_with_pictures();
    let output = fansite(site.path(), &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let public = site.path().join("public");
    let mut shown = String::new();
    for page in [
        "index.html",
        "episodes/index.html",
        "episodes/one/index.html",
        "about/index.html",
        "people/the-d-o-c/index.html",
    ] {
        let text = std::fs::read_to_string(public.join(page)).unwrap();
        shown.push_str(&format!("## {page}\n"));
        for picture in pictures_of(&text) {
            shown.push_str(picture);
            shown.push('\n');
        }
    }
    let mut files: Vec<String> = read_tree(&public.join("processed_images"))
        .into_keys()
        .collect();
    files.sort();
    shown.push_str("## processed_images/\n");
    shown.push_str(&files.join("\n"));
    insta::assert_snapshot!("pictures", shown);

    // The sources are not published, only the files made of them.
    assert!(!public.join("img/poster.jpg").exists());
    assert!(!public.join("episodes/one.jpg").exists());
    // Each made file is the size its name says.
    for file in &files {
        let width: u32 = file
            .rsplit('-')
            .next()
            .unwrap()
            .split('.')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let image = image::open(public.join("processed_images").join(file)).unwrap();
        assert_eq!(image.width(), width, "{file}");
    }
    let episode = std::fs::read_to_string(public.join("episodes/one/index.html")).unwrap();
    let json_ld = episode.split("application/ld+json\">").nth(1).unwrap();
    assert!(
        json_ld.contains("\"image\":\"https://example.org/sub/processed_images/one-1000."),
        "{json_ld}"
    );
}

#[test]
fn no_metadata_is_published_and_the_orientation_is_applied() {
    let site = scratch_copy("golden");
    let root = site.path();
    // A photograph 300 wide and 200 high, taken with the phone turned: shown 200 by 300.
    put(
        root,
        "content/episodes/one.jpg",
        &with_exif(&photo_jpeg(300, 200), 6),
    );
    add_front(
        root,
        "content/episodes/one.md",
        "image = \"one.jpg\"\nimage_alt = \"A desk\"",
    );
    let output = fansite(root, &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let made = read_tree_bytes(&root.join("public/processed_images"));
    assert_eq!(made.len(), 2, "a WebP and a JPEG at 200 pixels wide");
    for (path, bytes) in made {
        assert!(!contains(&bytes, b"Exif"), "{path} carries EXIF");
        assert!(
            !contains(&bytes, b"51.5074N"),
            "{path} says where it was taken"
        );
        let image = image::load_from_memory(&bytes).unwrap();
        assert_eq!((image.width(), image.height()), (200, 300), "{path}");
    }
}

#[test]
fn a_rebuild_with_the_same_pictures_decodes_none_of_them() {
    let site = site_with_pictures();
    let root = site.path();
    assert!(fansite(root, &["build"]).status.success());
    let before = read_tree_bytes(&root.join("public/processed_images"));
    // The still, spoiled but with its size and time as they were: a build that read it
    // would fail.
    let still = root.join("content/episodes/one.jpg");
    let modified = std::fs::metadata(&still).unwrap().modified().unwrap();
    let size = std::fs::metadata(&still).unwrap().len() as usize;
    std::fs::write(&still, vec![0u8; size]).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&still)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    add_front(root, "content/about.md", "weight = 5");
    let output = fansite(root, &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        read_tree_bytes(&root.join("public/processed_images")),
        before
    );

    // Saved again, it is read, and found spoiled.
    std::fs::write(&still, vec![0u8; size]).unwrap();
    let output = fansite(root, &["build"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read the picture `content/episodes/one.jpg`"),
        "{stderr}"
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_page_bundle_is_a_page_of_its_section_with_its_pictures_and_files_beside_it() {
    let site = site_with_pictures();
    let root = site.path();
    let bundle = root.join("content/episodes/two");
    std::fs::create_dir_all(&bundle).unwrap();
    let text = std::fs::read_to_string(root.join("content/episodes/two.md")).unwrap();
    std::fs::remove_file(root.join("content/episodes/two.md")).unwrap();
    let text = text.replacen(
        "+++\n",
        "+++\nimage = \"still.jpg\"\nimage_alt = \"The second desk\"\n",
        1,
    );
    std::fs::write(
        bundle.join("index.md"),
        format!("{text}\n![A note on the desk](note.png)\n\n[The script](script.txt)\n"),
    )
    .unwrap();
    put(
        root,
        "content/episodes/two/still.jpg",
        &photo_jpeg(700, 400),
    );
    put(
        root,
        "content/episodes/two/note.png",
        &drawing_png(200, 100),
    );
    put(
        root,
        "content/episodes/two/script.txt",
        b"INT. STUDIO - NIGHT",
    );
    let home = std::fs::read_to_string(root.join("content/_index.md")).unwrap();
    let home = home.replace("@/episodes/two.md", "@/episodes/two/index.md");
    std::fs::write(root.join("content/_index.md"), home).unwrap();
    let output = fansite(root, &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let public = root.join("public");
    // Its `slug` names it `second`.
    let page = std::fs::read_to_string(public.join("episodes/second/index.html")).unwrap();
    // Its pictures, from its own folder; its other files, beside it, where its links lead.
    assert!(page.contains("/sub/processed_images/still-700."), "{page}");
    assert!(page.contains("alt=\"A note on the desk\""), "{page}");
    assert!(
        page.contains("<a href=\"script.txt\">The script</a>"),
        "{page}"
    );
    assert_eq!(
        std::fs::read_to_string(public.join("episodes/second/script.txt")).unwrap(),
        "INT. STUDIO - NIGHT"
    );
    assert!(!public.join("episodes/second/still.jpg").exists());
    assert!(!public.join("episodes/two").exists());
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(home.contains("href=\"/sub/episodes/second/#opening\""));
    // A page of the episode guide, after part one, like the file it replaces.
    let one = std::fs::read_to_string(public.join("episodes/one/index.html")).unwrap();
    assert!(
        one.contains("rel=\"next\" href=\"/sub/episodes/second/\""),
        "{one}"
    );
    let guide = std::fs::read_to_string(public.join("episodes/index.html")).unwrap();
    assert!(guide.contains("href=\"/sub/episodes/second/\""));
}
