//! Front matter: splits a content file at its `+++` lines and reads the TOML between them.

use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize};
use toml::Spanned;

use crate::date::Date;

/// The parts of a content file: the TOML between the `+++` lines, and the Markdown after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the front matter, between the two `+++` lines.
    pub front: Range<usize>,
    /// Byte range of the Markdown body, after the closing `+++` line.
    pub body: Range<usize>,
}

/// Why a file could not be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitError {
    /// The file is empty or holds only white space.
    Empty,
    /// The first line is not `+++`.
    NoOpening,
    /// No `+++` line closes the front matter opened on the first line.
    NoClosing,
}

/// Splits `text` into front matter and body.
///
/// The front matter opens on the first line (after an optional byte-order mark) with
/// `+++` and closes at the next line that is `+++`; trailing white space and `\r\n` line
/// endings are allowed on both.
pub fn split(text: &str) -> Result<Split, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError::Empty);
    }
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..]
        .split_inclusive('\n')
        .scan(start, |offset, line| {
            let line_start = *offset;
            *offset += line.len();
            Some((line_start, line))
        });
    match lines.next() {
        Some((_, line)) if line.trim_end() == "+++" => {}
        _ => return Err(SplitError::NoOpening),
    }
    let front_start = start
        + text[start..]
            .find('\n')
            .map_or(text.len() - start, |i| i + 1);
    for (line_start, line) in lines {
        if line.trim_end() == "+++" {
            return Ok(Split {
                front: front_start..line_start,
                body: line_start + line.len()..text.len(),
            });
        }
    }
    Err(SplitError::NoClosing)
}

/// What an editor may write between the `+++` lines of a page.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page's title; required.
    pub title: String,
    /// Meta description and summary.
    pub description: Option<String>,
    /// Order inside its section; for episodes, the part number.
    pub weight: Option<i64>,
    /// For episodes, the air date.
    pub date: Option<Date>,
    /// Left out of a build unless drafts are asked for.
    #[serde(default)]
    pub draft: bool,
    /// Replaces the file name in the page's URL.
    pub slug: Option<Spanned<String>>,
    /// Replaces the template the page is rendered with.
    pub template: Option<Spanned<String>>,
    /// People who appear in this page, linked both ways.
    #[serde(default)]
    pub featuring: Vec<Spanned<String>>,
    /// Whether the page is in the site's menu: top-level pages and sections are unless
    /// `false`, other pages only when `true`.
    pub menu: Option<bool>,
    /// The page's place in the menu; its `weight` when left out.
    pub menu_weight: Option<i64>,
    /// A shorter title for the menu.
    pub menu_title: Option<String>,
    /// Old URLs of the page (`/old/url/`), each of which redirects to it.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// For a section: how many pages each page of its listing shows (`/page/2/`…); `0`
    /// lists them all on one. The episode guide and seasons show 100 when left out.
    pub paginate_by: Option<usize>,
    /// Awards and nominations, for an accolades page.
    #[serde(default)]
    pub awards: Vec<Award>,
    /// Review aggregator scores, for a reception page.
    #[serde(default)]
    pub aggregators: Vec<Aggregator>,
    /// Critics' reviews, for a reception page.
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// The page's picture (an episode's still, a person's portrait): a file beside the
    /// page (`part-1.jpg`) or of `static/` (`/stills/part-1.jpg`).
    pub image: Option<Spanned<String>>,
    /// What the picture shows, in words; required with `image` (`""` for a picture that
    /// only decorates).
    pub image_alt: Option<String>,
    /// Videos of the page (a trailer, a clip), each shown as a poster that loads the
    /// provider's player only when clicked.
    #[serde(default)]
    pub videos: Vec<FrontVideo>,
    /// Anything else, passed to the template untouched as `page.extra`.
    #[serde(default)]
    pub extra: toml::Table,
}

/// A video of `[[videos]]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontVideo {
    /// Who hosts it: `youtube` or `vimeo`.
    pub provider: Spanned<String>,
    /// Its id there: `dQw4w9WgXcQ` of `youtube.com/watch?v=dQw4w9WgXcQ`.
    pub id: Spanned<String>,
    /// What it is, shown on its poster and read by screen readers.
    pub title: Spanned<String>,
    /// A picture shown until it plays, beside the page or in `static/`; without one the
    /// poster is plain. The title says what it is, so it needs no alt text.
    pub poster: Option<Spanned<String>>,
    /// A trailer of the series or of the episode, as structured data tells search engines.
    #[serde(default)]
    pub trailer: bool,
}

/// One nomination or award.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Award {
    /// The year of the ceremony, when the source gives one.
    pub year: Option<u16>,
    /// Who gives the award: `Primetime Emmy Awards`.
    pub association: String,
    /// The award's category.
    pub category: String,
    /// The people (or the series itself) nominated.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// `won` or `nominated`; left out when the source does not say.
    pub result: Option<AwardResult>,
    /// A remark shown with the row, e.g. where sources disagree.
    pub note: Option<String>,
}

/// The outcome of a nomination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AwardResult {
    /// The award was won.
    Won,
    /// Nominated, not won.
    Nominated,
}

/// A review aggregator's score.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregator {
    /// `Rotten Tomatoes`.
    pub name: String,
    /// The score as the aggregator states it: `100%` or `76/100`.
    pub score: String,
    /// How many critics' reviews the score rests on.
    pub count: Option<u32>,
    /// The aggregator's own words on the reviews.
    pub consensus: Option<String>,
}

/// One critic's review, quoted.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The critic's name.
    pub critic: String,
    /// Where the review appeared.
    pub publication: String,
    /// The critic's words: one quote, or a list of them.
    #[serde(deserialize_with = "one_or_many")]
    pub quote: Vec<String>,
    /// `positive`, `mixed` or `negative`, when the source says.
    pub verdict: Option<Verdict>,
    /// A remark shown with the quote: what else the critic wrote or noted.
    pub note: Option<String>,
}

/// A review's overall judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// A positive review.
    Positive,
    /// A mixed review.
    Mixed,
    /// A negative review.
    Negative,
}

fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> serde::de::Visitor<'de> for OneOrMany {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string or an array of strings")
        }
        fn visit_str<E: serde::de::Error>(self, quote: &str) -> Result<Vec<String>, E> {
            Ok(vec![quote.to_string()])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<String>, A::Error> {
            let mut quotes = Vec::new();
            while let Some(quote) = seq.next_element()? {
                quotes.push(quote);
            }
            Ok(quotes)
        }
    }
    deserializer.deserialize_any(OneOrMany)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_front_matter_and_body() {
        type Expected<'a> = Result<(&'a str, &'a str), SplitError>;
        let cases: [(&str, Expected); 9] = [
            (
                "+++\ntitle = \"a\"\n+++\nbody\n",
                Ok(("title = \"a\"\n", "body\n")),
            ),
            (
                "+++\r\ntitle = 1\r\n+++\r\nbody",
                Ok(("title = 1\r\n", "body")),
            ),
            ("\u{feff}+++\nx = 1\n+++\n", Ok(("x = 1\n", ""))),
            ("+++  \nx = 1\n+++ \n# H", Ok(("x = 1\n", "# H"))),
            ("+++\n+++", Ok(("", ""))),
            ("", Err(SplitError::Empty)),
            (" \n\n", Err(SplitError::Empty)),
            ("title = 1\n+++\n", Err(SplitError::NoOpening)),
            ("+++\ntitle = 1\n++++\n", Err(SplitError::NoClosing)),
        ];
        for (text, expected) in cases {
            let got = split(text).map(|s| (&text[s.front], &text[s.body]));
            assert_eq!(got, expected, "split({text:?})");
        }
    }

    #[test]
    fn a_quote_is_one_string_or_several() {
        let one: Review =
            toml::from_str("critic = \"A\"\npublication = \"P\"\nquote = \"q\"").unwrap();
        assert_eq!(one.quote, ["q"]);
        let many: Review =
            toml::from_str("critic = \"A\"\npublication = \"P\"\nquote = [\"q\", \"r\"]").unwrap();
        assert_eq!(many.quote, ["q", "r"]);
    }
}
