//! Markdown stage: renders a page body to HTML with pulldown-cmark, giving headings ids
//! and resolving `@/` internal links.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{
    CowStr, DefaultBrokenLinkCallback, Event, OffsetIter, Options, Parser, Tag, TagEnd,
};

use crate::shortcodes::{self, Call};
use crate::slug::slugify;

/// The prefix of an internal link: `[Part 2](@/episodes/part-2.md)`.
pub const INTERNAL_LINK_PREFIX: &str = "@/";

/// An `@/` link whose target is not a page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The link target as written, without `@/`: `episodes/part-9.md`.
    pub target: String,
    /// Byte range of the link in the Markdown.
    pub range: Range<usize>,
}

/// What is wrong with a body: every problem is returned, not only the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An `@/` link whose target is not a page of the site.
    Broken(BrokenLink),
    /// An image without words for those who cannot see it, or whose file cannot be made
    /// a picture.
    Image {
        /// Byte range of the image in the Markdown.
        range: Range<usize>,
        /// What is wrong.
        message: String,
        /// How to put it right.
        help: &'static str,
    },
    /// A shortcode that cannot be read or rendered.
    Shortcode {
        /// Byte range in the Markdown: the call, or the part of it at fault.
        range: Range<usize>,
        /// What is wrong.
        message: String,
        /// What the mark under the range says, if anything.
        label: Option<String>,
        /// How to put it right.
        help: String,
    },
}

impl Problem {
    /// Where it is in the Markdown.
    fn range(&self) -> &Range<usize> {
        match self {
            Problem::Broken(link) => &link.range,
            Problem::Image { range, .. } | Problem::Shortcode { range, .. } => range,
        }
    }

    /// Where it is in the Markdown, to move it.
    fn range_mut(&mut self) -> &mut Range<usize> {
        match self {
            Problem::Broken(link) => &mut link.range,
            Problem::Image { range, .. } | Problem::Shortcode { range, .. } => range,
        }
    }
}

/// The help of an image without alt text.
pub const ALT_HELP: &str = "write what the picture shows between the brackets, \
    `![The studio at night](still.jpg)`: it is what a screen reader says, and what shows \
    when the picture cannot";

/// The markup of a Markdown image's picture, from its destination as written and its
/// alt text; `None` for an image left as it is (an SVG, a picture of another site), or
/// why it cannot be shown.
pub type Pictures<'r> =
    &'r (dyn Fn(&str, &str) -> Option<Result<String, (String, &'static str)>> + Sync);

/// The markup of a shortcode's call, from the call (its ranges in the Markdown it is
/// written in) and its body rendered; or what is wrong with it, located in that Markdown.
pub type Shortcodes<'r> =
    &'r (dyn Fn(&Call, Option<String>) -> Result<String, Vec<Problem>> + Sync);

/// The single place where the Markdown dialect is chosen.
fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// How links are written in a body: internal `@/` links resolved, and root-relative
/// ones (`/images/poster.png`) put under the site's base path.
pub struct Links<'r> {
    /// Maps an internal link target (`episodes/part-2.md`, without `@/` and without
    /// `#fragment`) to its URL, or `None` when no page has that file.
    pub resolve: &'r (dyn Fn(&str) -> Option<String> + Sync),
    /// The path of the site's base URL, `/the-defiant-ones/`: a link or image that starts
    /// with `/` is written under it, so that it works when the site is deployed under a
    /// sub-path. Absolute URLs and `@/` links are left as they are.
    pub base_path: &'r str,
    /// The site's pictures, for images of its own files; `None` leaves every image as
    /// written.
    pub pictures: Option<Pictures<'r>>,
    /// The site's shortcodes; `None` leaves every call as written.
    pub shortcodes: Option<Shortcodes<'r>>,
}

/// Renders `markdown` to HTML, with its shortcodes. Every problem is returned, not only
/// the first.
pub fn render(markdown: &str, links: &Links<'_>) -> Result<Rendered, Vec<Problem>> {
    match links.shortcodes {
        Some(shortcodes) if shortcodes::may_call(markdown) => {
            render_with_shortcodes(markdown, links, shortcodes)
        }
        _ => render_text(markdown, links),
    }
}

/// The first and last characters of the mark that holds a shortcode's place while the
/// text around it is rendered: characters of Unicode's private use, which no text means.
/// The call's number between them is written in private-use digits too
/// ([`MARK_DIGIT_ZERO`]), so that a heading holding a call gets the id of its words alone.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';
const MARK_DIGIT_ZERO: u32 = 0xE010;

/// The number `n` in the mark's digits.
fn mark_number(n: usize) -> String {
    n.to_string()
        .bytes()
        .filter_map(|digit| char::from_u32(MARK_DIGIT_ZERO + u32::from(digit - b'0')))
        .collect()
}

/// The number written in the mark's digits, if it is one.
fn read_mark_number(digits: &str) -> Option<usize> {
    let decimal: Option<String> = digits
        .chars()
        .map(|c| char::from_digit(u32::from(c).checked_sub(MARK_DIGIT_ZERO)?, 10))
        .collect();
    decimal?.parse().ok()
}

/// A part of the Markdown replaced by a shortcode's mark: where the mark is in the text
/// rendered, and where the call was.
struct Replaced {
    marked: Range<usize>,
    written: Range<usize>,
}

/// Renders `markdown` with each shortcode call replaced by a mark, then each mark by the
/// call's markup. A call alone on its lines is a block of its own: its mark is made a
/// paragraph, which its markup replaces whole.
fn render_with_shortcodes(
    markdown: &str,
    links: &Links<'_>,
    shortcodes: Shortcodes<'_>,
) -> Result<Rendered, Vec<Problem>> {
    let calls = shortcodes::find(markdown).map_err(|unreadable| {
        unreadable
            .into_iter()
            .map(|u| Problem::Shortcode {
                range: u.range,
                message: u.message,
                label: None,
                help: u.help.to_string(),
            })
            .collect::<Vec<_>>()
    })?;
    if calls.is_empty() {
        return render_text(markdown, links);
    }
    let mut marked = String::with_capacity(markdown.len());
    let mut replaced = Vec::with_capacity(calls.len());
    let mut copied = 0;
    for (n, call) in calls.iter().enumerate() {
        let mut written = call.range.clone();
        if call.alone {
            written.start = markdown[..written.start].rfind('\n').map_or(0, |i| i + 1);
        }
        marked.push_str(&markdown[copied..written.start]);
        let start = marked.len();
        if call.alone {
            // A line of its own, after a blank one, keeping its indent (inside a list).
            marked.push('\n');
            marked.push_str(&markdown[written.start..call.range.start]);
        }
        marked.push(MARK_OPEN);
        marked.push_str(&mark_number(n));
        marked.push(MARK_CLOSE);
        if call.alone {
            marked.push('\n');
        }
        replaced.push(Replaced {
            marked: start..marked.len(),
            written: written.clone(),
        });
        copied = written.end;
    }
    marked.push_str(&markdown[copied..]);

    let mut problems = Vec::new();
    let text = render_text(&marked, links).map_err(|found| {
        found.into_iter().map(|mut problem| {
            let range = problem.range_mut();
            *range = written_at(range.start, &replaced)..written_at(range.end, &replaced);
            problem
        })
    });
    let text = match text {
        Ok(text) => Some(text),
        Err(found) => {
            problems.extend(found);
            None
        }
    };
    let mut markup = Vec::with_capacity(calls.len());
    for call in &calls {
        let body = match &call.body {
            Some(range) => match render(&markdown[range.clone()], links) {
                Ok(body) => Some(body.html),
                Err(found) => {
                    problems.extend(found.into_iter().map(|mut problem| {
                        let at = problem.range_mut();
                        *at = at.start + range.start..at.end + range.start;
                        problem
                    }));
                    continue;
                }
            },
            None => None,
        };
        match shortcodes(call, body) {
            Ok(html) => markup.push(html),
            Err(found) => problems.extend(found),
        }
    }
    match text {
        Some(text) if problems.is_empty() => Ok(Rendered {
            html: put_in_place(&text.html, &markup),
        }),
        _ => {
            problems.sort_by_key(|p| p.range().start);
            Err(problems)
        }
    }
}

/// Where in the Markdown as written the byte `at` of the text with marks was.
fn written_at(at: usize, replaced: &[Replaced]) -> usize {
    let mut shift = 0isize;
    for part in replaced {
        if at < part.marked.start {
            break;
        }
        if at < part.marked.end {
            return part.written.start;
        }
        shift = part.written.end as isize - part.marked.end as isize;
    }
    at.saturating_add_signed(shift)
}

/// `html` with each mark replaced by its shortcode's markup: the mark's whole paragraph
/// when it is all the paragraph holds (a call alone on its lines, or after `> `).
fn put_in_place(html: &str, markup: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + markup.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    while let Some(open) = rest.find(MARK_OPEN) {
        let after = &rest[open + MARK_OPEN.len_utf8()..];
        let Some(close) = after.find(MARK_CLOSE) else {
            break;
        };
        let Some(html) = read_mark_number(&after[..close]).and_then(|n| markup.get(n)) else {
            out.push_str(&rest[..open + MARK_OPEN.len_utf8()]);
            rest = after;
            continue;
        };
        let mut before = &rest[..open];
        let mut after = &after[close + MARK_CLOSE.len_utf8()..];
        if before.ends_with("<p>") && after.starts_with("</p>") {
            before = &before[..before.len() - "<p>".len()];
            after = &after["</p>".len()..];
        }
        out.push_str(before);
        out.push_str(html);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Renders `markdown`, whose shortcodes are text, to HTML.
fn render_text(markdown: &str, links: &Links<'_>) -> Result<Rendered, Vec<Problem>> {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let mut broken = Vec::new();
    // One writer for the whole body, so that footnote numbers and table state carry
    // from the first event to the last.
    pulldown_cmark::html::push_html(
        &mut html,
        Events {
            parser: Parser::new_ext(markdown, parser_options()).into_offset_iter(),
            links,
            broken: &mut broken,
            heading_ids: HeadingIds::default(),
            pending: Vec::new().into_iter(),
        },
    );
    if broken.is_empty() {
        // Kept until every page is written: without the room left for growth.
        html.shrink_to_fit();
        Ok(Rendered { html })
    } else {
        Err(broken)
    }
}

/// The events of a body as the HTML writer receives them: internal links resolved,
/// headings with their ids.
struct Events<'a, 'r> {
    parser: OffsetIter<'a, DefaultBrokenLinkCallback>,
    links: &'r Links<'r>,
    broken: &'r mut Vec<Problem>,
    heading_ids: HeadingIds,
    /// A heading read to its end, whose id depends on its text, not yet handed on.
    pending: std::vec::IntoIter<Event<'a>>,
}

impl<'a> Events<'a, '_> {
    /// The next event of the parser, its link resolved.
    ///
    /// This runs for every event of every page, inside the HTML writer's loop: it is kept
    /// small enough to be inlined there, so that an event is not copied from frame to
    /// frame; links and headings, which are rare, take [`Events::rare`].
    #[inline(always)]
    fn read(&mut self) -> Option<Event<'a>> {
        let (event, range) = self.parser.next()?;
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. }) => {
                Some(self.rare(event, range))
            }
            _ => Some(event),
        }
    }

    /// A link, whose `@/` target is resolved, or the start of a heading, which is read
    /// to its end to be given its id: its first event is returned and the others kept
    /// for [`Iterator::next`].
    #[cold]
    #[inline(never)]
    fn rare(&mut self, mut event: Event<'a>, range: Range<usize>) -> Event<'a> {
        if matches!(event, Event::Start(Tag::Image { .. })) {
            return self.image(event, range);
        }
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut event {
            if dest_url.starts_with(INTERNAL_LINK_PREFIX) {
                let written = std::mem::replace(dest_url, CowStr::Borrowed(""));
                *dest_url = internal_link(written, &range, self.links.resolve, self.broken);
            } else if is_root_relative(dest_url) && self.links.base_path != "/" {
                *dest_url = format!("{}{}", self.links.base_path, &dest_url[1..]).into();
            }
            return event;
        }
        let mut heading = vec![event];
        // `next`, not `read`: an image in the heading leaves the rest of its events there.
        for event in self.by_ref() {
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            heading.push(event);
            if end {
                break;
            }
        }
        self.heading_ids.assign(&mut heading);
        let mut heading = heading.into_iter();
        let first = heading.next().expect("a heading has its start");
        self.pending = heading;
        first
    }
}

impl<'a> Events<'a, '_> {
    /// An image, read to its end: a picture of the site's own, or the image as written
    /// (its destination resolved as a link's). Either way it needs alt text.
    fn image(&mut self, start: Event<'a>, range: Range<usize>) -> Event<'a> {
        let mut image = vec![start];
        let mut depth = 1;
        while depth > 0 {
            let Some((event, _)) = self.parser.next() else {
                break;
            };
            match &event {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => depth -= 1,
                _ => {}
            }
            image.push(event);
        }
        let alt = text_of(&image);
        let Some(Event::Start(Tag::Image { dest_url, .. })) = image.first_mut() else {
            unreachable!("an image starts with its start");
        };
        if alt.trim().is_empty() {
            self.broken.push(Problem::Image {
                range: range.clone(),
                message: "an image without alt text".to_string(),
                help: ALT_HELP,
            });
        }
        let written = dest_url.to_string();
        let picture = match self.links.pictures {
            Some(pictures) if !written.starts_with(INTERNAL_LINK_PREFIX) => {
                pictures(&written, alt.trim())
            }
            _ => None,
        };
        match picture {
            Some(Ok(html)) => return Event::InlineHtml(html.into()),
            Some(Err((message, help))) => self.broken.push(Problem::Image {
                range: range.clone(),
                message,
                help,
            }),
            None => {}
        }
        if written.starts_with(INTERNAL_LINK_PREFIX) {
            let taken = std::mem::replace(dest_url, CowStr::Borrowed(""));
            *dest_url = internal_link(taken, &range, self.links.resolve, self.broken);
        } else if is_root_relative(&written) && self.links.base_path != "/" {
            *dest_url = format!("{}{}", self.links.base_path, &written[1..]).into();
        }
        let mut image = image.into_iter();
        let first = image.next().expect("an image has its start");
        self.pending = image;
        first
    }
}

impl<'a> Iterator for Events<'a, '_> {
    type Item = Event<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Event<'a>> {
        if self.pending.len() > 0 {
            return self.pending.next();
        }
        self.read()
    }
}

/// The words of `events`, their markup left out: an image's alt text, a heading's text.
fn text_of(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect()
}

/// A body rendered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
}

/// Whether a link's target is a path from the site's root: `/cast/`, not `//host/` or
/// `https://…`.
fn is_root_relative(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

fn internal_link<'a>(
    dest_url: CowStr<'a>,
    range: &Range<usize>,
    resolve: &(dyn Fn(&str) -> Option<String> + Sync),
    broken: &mut Vec<Problem>,
) -> CowStr<'a> {
    let Some(target) = dest_url.strip_prefix(INTERNAL_LINK_PREFIX) else {
        return dest_url;
    };
    let (path, fragment) = match target.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (target, None),
    };
    match resolve(path) {
        Some(url) => match fragment {
            Some(fragment) => format!("{url}#{fragment}").into(),
            None => url.into(),
        },
        None => {
            broken.push(Problem::Broken(BrokenLink {
                target: target.to_string(),
                range: range.clone(),
            }));
            dest_url
        }
    }
}

/// Gives every heading a unique id: its own `{#id}`, or the slug of its text; an id
/// already handed out, written or made, gets the first free `-1`, `-2`… after it.
#[derive(Default)]
struct HeadingIds {
    seen: HashSet<String>,
}

impl HeadingIds {
    fn assign(&mut self, events: &mut [Event]) {
        let text = text_of(events);
        let Some(Event::Start(Tag::Heading { id, .. })) = events.first_mut() else {
            return;
        };
        let base = match id.take() {
            Some(given) => given.to_string(),
            None => match slugify(&text) {
                slug if slug.is_empty() => "section".to_string(),
                slug => slug,
            },
        };
        let unique = if self.seen.contains(&base) {
            (1..)
                .map(|n| format!("{base}-{n}"))
                .find(|candidate| !self.seen.contains(candidate))
                .unwrap_or_default()
        } else {
            base
        };
        self.seen.insert(unique.clone());
        *id = Some(unique.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(target: &str) -> Option<String> {
        (target == "episodes/part-2.md").then(|| "/site/episodes/part-2/".to_string())
    }

    const LINKS: Links = Links {
        resolve: &resolve,
        base_path: "/site/",
        pictures: None,
        shortcodes: None,
    };

    fn html(markdown: &str) -> String {
        render(markdown, &LINKS).unwrap().html
    }

    #[test]
    fn headings_get_unique_ids() {
        assert_eq!(
            html("## Part 1\n## Part 1\n### Jimmy & Dre {#duo}\n#"),
            "<h2 id=\"part-1\">Part 1</h2>\n<h2 id=\"part-1-1\">Part 1</h2>\n\
             <h3 id=\"duo\">Jimmy &amp; Dre</h3>\n<h1 id=\"section\"></h1>\n"
        );
    }

    #[test]
    fn heading_ids_stay_unique_whatever_the_order() {
        let ids = |markdown: &str| -> Vec<String> {
            html(markdown)
                .split("id=\"")
                .skip(1)
                .map(|rest| rest.split('"').next().unwrap().to_string())
                .collect()
        };
        let cases: [(&str, &[&str]); 4] = [
            ("# x\n# x\n# x-1", &["x", "x-1", "x-1-1"]),
            ("# x-1\n# x\n# x", &["x-1", "x", "x-2"]),
            ("# a {#x}\n# x\n# b {#x}", &["x", "x-1", "x-2"]),
            ("# x\n# x {#x-1}\n# x", &["x", "x-1", "x-2"]),
        ];
        for (markdown, expected) in cases {
            assert_eq!(ids(markdown), expected, "{markdown:?}");
        }
    }

    #[test]
    fn root_relative_links_and_images_go_under_the_base_path() {
        assert_eq!(
            html(
                "![Poster](/images/poster.png) [cast](/cast/) [web](https://e.org/x) [n](//cdn.e.org/y) [rel](still.jpg)"
            ),
            "<p><img src=\"/site/images/poster.png\" alt=\"Poster\" /> <a href=\"/site/cast/\">cast</a> \
             <a href=\"https://e.org/x\">web</a> <a href=\"//cdn.e.org/y\">n</a> <a href=\"still.jpg\">rel</a></p>\n"
        );
        let at_root = Links {
            resolve: &resolve,
            base_path: "/",
            pictures: None,
            shortcodes: None,
        };
        assert_eq!(
            render("[cast](/cast/)", &at_root).unwrap().html,
            "<p><a href=\"/cast/\">cast</a></p>\n"
        );
    }

    #[test]
    fn internal_links_resolve_with_fragments() {
        assert_eq!(
            html("[Part 2](@/episodes/part-2.md#cast) and [web](https://example.org)"),
            "<p><a href=\"/site/episodes/part-2/#cast\">Part 2</a> and \
             <a href=\"https://example.org\">web</a></p>\n"
        );
    }

    #[test]
    fn every_broken_link_is_reported_with_its_range() {
        let markdown = "[a](@/nope.md)\n\n[b](@/episodes/part-2.md) [c](@/gone.md#x)";
        let broken: Vec<BrokenLink> = render(markdown, &LINKS)
            .unwrap_err()
            .into_iter()
            .filter_map(|problem| match problem {
                Problem::Broken(link) => Some(link),
                _ => None,
            })
            .collect();
        let targets: Vec<_> = broken.iter().map(|b| b.target.as_str()).collect();
        assert_eq!(targets, ["nope.md", "gone.md#x"]);
        assert_eq!(&markdown[broken[0].range.clone()], "[a](@/nope.md)");
    }

    #[test]
    fn shortcodes_take_their_place_and_the_problems_around_them_keep_theirs() {
        let run = |call: &Call, body: Option<String>| match call.name.as_str() {
            "wide" => Ok(format!("<div>{}</div>", body.unwrap_or_default())),
            "bad" => Err(vec![Problem::Shortcode {
                range: call.name_range.clone(),
                message: "bad".to_string(),
                label: None,
                help: String::new(),
            }]),
            _ => Ok(format!("<b>{}</b>", call.args.len())),
        };
        let links = Links {
            shortcodes: Some(&run),
            ..LINKS
        };
        let out = render(
            "Text {{ n(a=1) }} on.\n{% wide() %}\n*In*\n{% end %}\nAfter.",
            &links,
        );
        assert_eq!(
            out.unwrap().html,
            "<p>Text <b>1</b> on.</p>\n<div><p><em>In</em></p>\n</div>\n<p>After.</p>\n"
        );
        // The places of the problems are in the text as written, shortcodes and all.
        let markdown = "{{ n() }} [a](@/nope.md)\n{% wide() %}\n[b](@/gone.md) {{ bad() }}\n{% end %}\n[c](@/x.md)";
        let problems = render(markdown, &links).unwrap_err();
        let at: Vec<&str> = problems
            .iter()
            .map(|p| match p {
                Problem::Broken(link) => &markdown[link.range.clone()],
                Problem::Shortcode { range, .. } => &markdown[range.clone()],
                Problem::Image { .. } => unreachable!(),
            })
            .collect();
        assert_eq!(
            at,
            ["[a](@/nope.md)", "[b](@/gone.md)", "bad", "[c](@/x.md)"]
        );
    }

    #[test]
    fn text_that_calls_no_shortcode_renders_as_it_did_without_them() {
        let run = |call: &Call, _: Option<String>| -> Result<String, Vec<Problem>> {
            panic!(
                "nothing here calls a shortcode, yet `{}` was called",
                call.name
            )
        };
        let with = Links {
            shortcodes: Some(&run),
            ..LINKS
        };
        for text in [
            "Plain *text*, a [link](@/episodes/part-2.md) and a footnote.[^1]\n\n[^1]: Note.",
            "Braces {{ that call nothing }} and {% raw %} and {{ 3 }} and {{name}}",
            "`{{ video(id=\"x\") }}` in code, and {%-end-%}",
            "```\n{{ video() }}\n{% quote() %}\n```\n\n    {{ indented() }}\n",
            "| a | {{ b |\n|---|---|\n| 1 | 2 |",
        ] {
            assert_eq!(render(text, &with), render(text, &LINKS), "{text}");
        }
    }

    #[test]
    fn an_image_of_the_site_becomes_its_picture_and_every_image_needs_alt_text() {
        let pictures = |dest: &str, alt: &str| match dest {
            "still.jpg" => Some(Ok(format!("<picture alt={alt}>"))),
            "gone.jpg" => Some(Err(("there is no picture".to_string(), "put it there"))),
            _ => None,
        };
        let links = Links {
            pictures: Some(&pictures),
            ..LINKS
        };
        let out = render("A ![Dre *at* work](still.jpg) b", &links)
            .unwrap()
            .html;
        assert_eq!(out, "<p>A <picture alt=Dre at work> b</p>\n");
        let out = render("# ![Map](/map.svg) x", &links).unwrap().html;
        assert_eq!(
            out,
            "<h1 id=\"map-x\"><img src=\"/site/map.svg\" alt=\"Map\" /> x</h1>\n"
        );
        let problems = render("![](a.svg)\n\n![Gone](gone.jpg)", &links).unwrap_err();
        let messages: Vec<_> = problems
            .iter()
            .map(|p| match p {
                Problem::Image { range, message, .. } => (range.clone(), message.as_str()),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            messages,
            [
                (0..10, "an image without alt text"),
                (12..29, "there is no picture")
            ]
        );
    }

    #[test]
    fn tables_footnotes_and_smart_punctuation() {
        let out =
            html("| a | b |\n|---|---|\n| 1 | 2 |\n\n\"Empathy Cut\" -- it's[^1]\n\n[^1]: note");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("“Empathy Cut” – it’s"), "{out}");
        assert!(out.contains("class=\"footnote-reference\""), "{out}");
    }

    #[test]
    fn long_pages_keep_footnote_numbers_and_tables_whole() {
        let paragraphs = "A paragraph of *emphasis* and `code`.\n\n".repeat(200);
        let rows = "| x | y |\n".repeat(100);
        let out = html(&format!(
            "First[^a].\n\n{paragraphs}Last[^b].\n\n| a | b |\n|---|---|\n{rows}\n\
             [^a]: One.\n[^b]: Two."
        ));
        for tag in ["td", "th"] {
            assert_eq!(
                out.matches(&format!("<{tag}>")).count(),
                out.matches(&format!("</{tag}>")).count(),
                "every <{tag}> closes as a {tag}"
            );
        }
        assert_eq!(out.matches("<td>").count(), 200);
        assert!(out.contains(">1</a></sup>"), "first reference numbered 1");
        assert!(
            out.contains(">2</a></sup>"),
            "the second reference, hundreds of events later, numbered 2"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let quotes = ">".repeat(50_000) + " deep";
        assert!(html(&quotes).contains("deep"));
        let lists = "- ".repeat(20_000) + "x";
        assert!(html(&lists).contains('x'));
    }
}
