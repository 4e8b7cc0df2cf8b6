//! Shortcodes: templates called from a page's Markdown, inline or with a body, with their
//! arguments checked where they are written; code shows them as text.

use std::path::Path;

use crate::common::{fansite, golden_in_default_theme};
use crate::images::photo_jpeg;

/// The golden fixture in the default theme, with `text` at the end of the about page.
fn site_with_text(text: &str) -> tempfile::TempDir {
    let site = golden_in_default_theme();
    let root = site.path();
    std::fs::write(root.join("content/still.jpg"), photo_jpeg(900, 600)).unwrap();
    let about = std::fs::read_to_string(root.join("content/about.md")).unwrap();
    std::fs::write(root.join("content/about.md"), format!("{about}\n{text}")).unwrap();
    site
}

/// The about page's text, between its title and what follows it.
fn about_text(root: &Path) -> String {
    let page = std::fs::read_to_string(root.join("public/about/index.html")).unwrap();
    let start = page.find("<div class=\"prose").unwrap();
    let end = page[start..].find("\n  </div>").unwrap() + start;
    page[start..end].to_string()
}

fn build(root: &Path) -> String {
    let output = fansite(root, &["build"]);
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(output.status.success(), "{stderr}");
    stderr
}

#[test]
fn the_theme_s_shortcodes_place_a_video_a_figure_and_a_quote_in_the_text() {
    let site = site_with_text(
        "Before the video.\n\
         {{ video(provider=\"youtube\", id=\"dQw4w9WgXcQ\", title=\"The trailer\") }}\n\
         {{ vimeo(id=\"76979871\", title=\"A clip\") }}\n\
         After it, a figure:\n\n\
         {{ figure(image=\"still.jpg\", alt=\"A desk at night\", caption=\"The desk, late.\") }}\n\n\
         {% quote(source=\"A critic\") %}\n\
         It is **good**.\n\n\
         - In a list:\n\n  {{ figure(image=\"still.jpg\", alt=\"\") }}\n\
         {% end %}\n\n\
         Inline, the site's own: {{ aired(year=2017) }}. `{{ video() }}` is code, and so is:\n\n\
         ```\n{{ video(id=1) }}\n```\n",
    );
    let root = site.path();
    std::fs::create_dir_all(root.join("templates/shortcodes")).unwrap();
    std::fs::write(
        root.join("templates/shortcodes/aired.html"),
        "{% component aired(year: integer) %}<time datetime=\"{{ year }}\">{{ year }}</time>{% endcomponent aired %}",
    )
    .unwrap();
    build(root);
    insta::assert_snapshot!("shortcodes", about_text(root));
    let page = std::fs::read_to_string(root.join("public/about/index.html")).unwrap();
    assert!(page.contains("video.js\" type=\"module\""));
}
