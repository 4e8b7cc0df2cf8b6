//! Search index stage: turns the pages' text into a static, sharded index that the search
//! page queries in the browser, fetching only the shards of the words typed.
//!
//! Layout, under `search/index/`:
//! - `meta.json`: the number of pages, the shard keys, the page-chunk size and the
//!   folding of every non-ASCII letter the index holds, so that the browser folds a query
//!   exactly as the index was folded;
//! - `t-<key>.json`: the terms starting with `<key>`, each with its page count and its
//!   best pages (delta-coded ids and weights);
//! - `d-<n>.json`: the URL, title and summary of pages `n * CHUNK ..`.
//!
//! A query costs `meta.json`, one small shard per word and the chunks of the pages shown,
//! whatever the size of the site.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::output::Output;

/// Where the index files go, under the output folder.
pub const INDEX_DIR: &str = "search/index/";
/// Pages per page-chunk file.
pub const CHUNK: usize = 32;
/// A term keeps at most this many pages, its best; the page count still counts them all.
const MAX_POSTINGS: usize = 400;
/// About how many bytes of terms a shard file holds.
const MAX_SHARD_BYTES: usize = 24 * 1024;
/// What a word of the title adds to a page's weight for it; the text adds at most 22.
const TITLE_WEIGHT: f32 = 30.0;
/// What a word of the description (the summary shown) adds.
const DESCRIPTION_WEIGHT: f32 = 12.0;
/// BM25's saturation of repeated words and its normalisation of long pages.
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;
/// The longest summary kept for a result.
const SUMMARY_CHARS: usize = 140;

/// One page as the index sees it, borrowing from the site what it can.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    /// Root-relative URL.
    pub url: &'a str,
    /// Title.
    pub title: &'a str,
    /// What the result shows under the title.
    pub summary: Cow<'a, str>,
    /// Each term of the page: how often its text has it, and where else it stands.
    pub terms: Vec<(Cow<'a, str>, u32, Mentions)>,
    /// How many words its text has.
    pub length: u32,
    /// The non-ASCII characters of its words, whose folding the browser must know.
    pub foreign: Vec<char>,
}

/// Where, besides the text, a page has a term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mentions {
    /// In the title.
    pub title: bool,
    /// In the description.
    pub description: bool,
}

/// Where a run of words is read from.
#[derive(Clone, Copy)]
enum Part {
    Text,
    Title,
    Description,
}

/// Reads a page: the words of its text (the Markdown's and its structured data's) and of
/// its title and description, which weigh more.
pub fn document<'a>(
    url: &'a str,
    title: &'a str,
    summary: Cow<'a, str>,
    texts: &[&'a str],
) -> SearchDoc<'a> {
    let mut counter = Counter::default();
    for text in texts {
        counter.read(text, Part::Text);
    }
    counter.read(title, Part::Title);
    match &summary {
        Cow::Borrowed(summary) => counter.read(summary, Part::Description),
        Cow::Owned(summary) => counter.read_owned(summary, Part::Description),
    }
    let Counter {
        counts,
        length,
        mut foreign,
    } = counter;
    foreign.sort_unstable();
    foreign.dedup();
    let summary = match summary.char_indices().nth(SUMMARY_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", summary[..cut].trim_end())),
        None => summary,
    };
    SearchDoc {
        url,
        title,
        summary,
        terms: counts
            .into_iter()
            .map(|(term, (count, mentions))| (term, count, mentions))
            .collect(),
        length,
        foreign,
    }
}

/// The terms of one page as they are read.
struct Counter<'a> {
    /// term → (occurrences in the text, where else)
    counts: FxHashMap<Cow<'a, str>, (u32, Mentions)>,
    /// Words in the text.
    length: u32,
    /// The non-ASCII letters met: the browser's query folding must know them.
    foreign: Vec<char>,
}

impl Default for Counter<'_> {
    fn default() -> Self {
        Counter {
            // About the distinct words of a page of a few kilobytes: no regrowth.
            counts: FxHashMap::with_capacity_and_hasher(256, Default::default()),
            length: 0,
            foreign: Vec::new(),
        }
    }
}

impl<'a> Counter<'a> {
    /// Reads `text`, borrowing its words where they are already plain.
    fn read(&mut self, text: &'a str, part: Part) {
        self.note_foreign(text);
        each_word(text, |word| {
            let term = match word {
                Word::Slice(slice) => Cow::Borrowed(slice),
                Word::Folded(folded) => Cow::Owned(folded.to_string()),
            };
            self.add(term, part);
        });
    }

    /// Reads `text`, which does not live as long as the document.
    fn read_owned(&mut self, text: &str, part: Part) {
        self.note_foreign(text);
        each_word(text, |word| {
            self.add(Cow::Owned(word.as_str().to_string()), part)
        });
    }

    fn note_foreign(&mut self, text: &str) {
        if !text.is_ascii() {
            self.foreign.extend(
                text.chars()
                    .filter(|c| !c.is_ascii())
                    .flat_map(char::to_lowercase),
            );
        }
    }

    fn add(&mut self, term: Cow<'a, str>, part: Part) {
        let entry = match self.counts.get_mut(term.as_ref()) {
            Some(entry) => entry,
            None => self.counts.entry(term).or_default(),
        };
        match part {
            Part::Text => {
                self.length += 1;
                entry.0 += 1;
            }
            Part::Title => entry.1.title = true,
            Part::Description => entry.1.description = true,
        }
    }
}

/// How the index folds a non-ASCII character, lowercased: `ä` → `a`, `ß` → `ss`; `None`
/// when it stays as it is (a letter of a script without a Latin spelling) or splits words.
fn fold_char(c: char) -> Option<String> {
    let folded: String = deunicode::deunicode_char(c)?
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (!folded.is_empty()).then_some(folded)
}

/// The words of `text`, folded to lowercase ASCII where a Latin spelling exists. A period
/// or an apostrophe between two letters joins them (`D.O.C.` → `doc`, `Apple's` →
/// `apples`). Words of one letter are left out; numbers of one digit are kept.
pub fn tokens(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_token(text, |word| words.push(word.to_string()));
    words
}

/// Calls `found` with each word of `text`, as [`tokens`] gives them, without allocating
/// a string per word.
pub fn for_each_token(text: &str, mut found: impl FnMut(&str)) {
    each_word(text, |word| found(word.as_str()));
}

/// A word of a text, as the index keeps it.
enum Word<'t, 'b> {
    /// Already lowercase ASCII: a slice of the text.
    Slice(&'t str),
    /// Lowercased and folded into a buffer that the next word reuses.
    Folded(&'b str),
}

impl Word<'_, '_> {
    fn as_str(&self) -> &str {
        match self {
            Word::Slice(word) | Word::Folded(word) => word,
        }
    }
}

fn each_word<'t>(text: &'t str, mut found: impl FnMut(Word<'t, '_>)) {
    let bytes = text.as_bytes();
    let mut buffer = String::with_capacity(32);
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii() && !byte.is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        let (end, plain) = word_end(text, start);
        if end == start {
            // A character that is neither a letter nor a digit, such as `—`.
            at += text[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        at = end;
        let word = if plain {
            Word::Slice(&text[start..end])
        } else {
            normalise(&text[start..end], &mut buffer);
            Word::Folded(buffer.as_str())
        };
        let kept = word.as_str();
        let keep = kept.len() > 1 && (kept.is_ascii() || kept.chars().count() > 1)
            || kept.len() == 1 && kept.as_bytes()[0].is_ascii_digit();
        if keep {
            found(word);
        }
    }
}

/// Where the word starting at byte `start` of `text` ends, and whether it is plain:
/// lowercase ASCII letters and digits only, usable as it is.
fn word_end(text: &str, start: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut at = start;
    let mut plain = true;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
            at += 1;
        } else if byte.is_ascii_uppercase() {
            plain = false;
            at += 1;
        } else if byte == b'.' || byte == b'\'' {
            if at > start && starts_word(text, at + 1) {
                plain = false;
                at += 1;
            } else {
                break;
            }
        } else if byte.is_ascii() {
            break;
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            if c == '\u{2019}' {
                if at > start && starts_word(text, at + c.len_utf8()) {
                    plain = false;
                    at += c.len_utf8();
                    continue;
                }
                break;
            }
            if !c
                .to_lowercase()
                .all(|l| fold_char(l).is_some() || l.is_alphanumeric())
            {
                break;
            }
            plain = false;
            at += c.len_utf8();
        }
    }
    (at, plain)
}

/// Whether the character at byte `at` of `text` is a letter or a digit.
fn starts_word(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Writes `word` into `buffer` lowercased and folded, without joiners.
fn normalise(word: &str, buffer: &mut String) {
    buffer.clear();
    for c in word.chars() {
        if c.is_ascii_alphanumeric() {
            buffer.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c != '\u{2019}' {
            for lower in c.to_lowercase() {
                match fold_char(lower) {
                    Some(folded) => buffer.push_str(&folded),
                    None => buffer.push(lower),
                }
            }
        }
    }
}

/// `meta.json`.
#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    pages: usize,
    chunk: usize,
    /// The first term of each shard, in order: shard `n` holds the terms from its first
    /// up to the next shard's first.
    shards: Vec<&'a str>,
    fold: BTreeMap<String, String>,
}

/// Builds the index files of `docs`.
pub fn index(mut docs: Vec<SearchDoc>) -> Vec<Output> {
    docs.sort_by(|a, b| a.url.cmp(b.url));
    let average_length =
        docs.iter().map(|d| d.length as f32).sum::<f32>() / docs.len().max(1) as f32;
    // term → [(page, weight)], filled page by page, so ids come out sorted.
    let mut postings: FxHashMap<&str, Vec<(u32, u16)>> = FxHashMap::default();
    for (id, doc) in docs.iter().enumerate() {
        let norm = 1.0 - BM25_B + BM25_B * doc.length as f32 / average_length.max(1.0);
        for (term, count, mentions) in &doc.terms {
            let count = *count as f32;
            let text = 10.0 * count * (BM25_K1 + 1.0) / (count + BM25_K1 * norm);
            let weight = text
                + if mentions.title { TITLE_WEIGHT } else { 0.0 }
                + if mentions.description {
                    DESCRIPTION_WEIGHT
                } else {
                    0.0
                };
            postings
                .entry(term.as_ref())
                .or_default()
                .push((id as u32, weight.round().max(1.0) as u16));
        }
    }
    let mut fold = BTreeMap::new();
    for &c in docs.iter().flat_map(|doc| &doc.foreign) {
        if let Some(folded) = fold_char(c) {
            fold.insert(c.to_string(), folded);
        }
    }

    let mut terms: Vec<(&str, Vec<(u32, u16)>)> = postings.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let encoded: Vec<(&str, String)> = terms.par_iter().map(|(t, p)| (*t, encode(p))).collect();
    let shards = shard_ranges(&encoded);

    let mut outputs: Vec<Output> = shards
        .iter()
        .enumerate()
        .map(|(n, range)| {
            let mut json = String::from("{");
            for (i, (term, postings)) in encoded[range.clone()].iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                let _ = write!(
                    json,
                    "{}:{postings}",
                    serde_json::to_string(term).unwrap_or_default()
                );
            }
            json.push('}');
            Output {
                path: format!("{INDEX_DIR}t-{n}.json"),
                bytes: json.into_bytes(),
            }
        })
        .collect();
    outputs.extend(docs.chunks(CHUNK).enumerate().map(|(n, chunk)| {
        let rows: Vec<[&str; 3]> = chunk
            .iter()
            .map(|d| [d.url, d.title, d.summary.as_ref()])
            .collect();
        Output {
            path: format!("{INDEX_DIR}d-{n}.json"),
            bytes: serde_json::to_vec(&rows).unwrap_or_default(),
        }
    }));
    let meta = Meta {
        version: 1,
        pages: docs.len(),
        chunk: CHUNK,
        shards: shards.iter().map(|range| encoded[range.start].0).collect(),
        fold,
    };
    outputs.push(Output {
        path: format!("{INDEX_DIR}meta.json"),
        bytes: serde_json::to_vec(&meta).unwrap_or_default(),
    });
    outputs
}

/// `[page count, first id, weight, id gap, weight, …]`: the best pages of a term, in id
/// order, ids as gaps from the one before.
fn encode(postings: &[(u32, u16)]) -> String {
    let mut best: Vec<(u32, u16)> = postings.to_vec();
    if best.len() > MAX_POSTINGS {
        best.select_nth_unstable_by(MAX_POSTINGS, |a, b| b.1.cmp(&a.1));
        best.truncate(MAX_POSTINGS);
        best.sort_unstable_by_key(|p| p.0);
    }
    let mut json = format!("[{}", postings.len());
    let mut previous = 0;
    for (id, weight) in best {
        let _ = write!(json, ",{},{weight}", id - previous);
        previous = id;
    }
    json.push(']');
    json
}

/// Cuts the sorted terms into consecutive shards of about `MAX_SHARD_BYTES` each.
fn shard_ranges(encoded: &[(&str, String)]) -> Vec<std::ops::Range<usize>> {
    let mut shards = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, (term, postings)) in encoded.iter().enumerate() {
        let size = term.len() + postings.len() + 4;
        if bytes + size > MAX_SHARD_BYTES && i > start {
            shards.push(start..i);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < encoded.len() {
        shards.push(start..encoded.len());
    }
    shards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_accents_and_drop_single_letters() {
        let words =
            tokens("Lasse Järvi, Will.i.am & The D.O.C.: 1992 — “Part 2” Straße, Apple’s Dr. Dre");
        assert_eq!(
            words,
            [
                "lasse", "jarvi", "william", "the", "doc", "1992", "part", "2", "strasse",
                "apples", "dr", "dre"
            ]
        );
        let kept = tokens("東京 Ωmega");
        assert_eq!(kept.len(), 2, "{kept:?}");
    }

    #[test]
    fn the_title_outweighs_the_text_and_long_lists_weigh_less() {
        let doc = document("/a/", "Lasse Järvi", "Summary".into(), &["Lasse Lasse"]);
        let term = |word: &str| {
            doc.terms
                .iter()
                .find(|(t, ..)| t == word)
                .map(|(_, c, m)| (*c, m.title))
        };
        assert_eq!(term("lasse"), Some((2, true)));
        assert_eq!(term("jarvi"), Some((0, true)));
        assert_eq!(doc.length, 2);
        assert!(
            doc.terms
                .iter()
                .any(|(t, _, m)| t == "summary" && m.description)
        );
        let list = SearchDoc {
            url: "/list/",
            title: "Everything",
            summary: "".into(),
            terms: vec![("lasse".into(), 3, Mentions::default())],
            length: 5000,
            foreign: Vec::new(),
        };
        let outputs = index(vec![doc, list]);
        let shard = outputs
            .iter()
            .find(|o| o.path.ends_with("t-0.json"))
            .unwrap();
        let shard: serde_json::Value = serde_json::from_slice(&shard.bytes).unwrap();
        // `[pages, id 0 (/a/), weight, gap to id 1 (/list/), weight]`.
        let postings = shard["lasse"].as_array().unwrap();
        assert!(postings[2].as_u64() > postings[4].as_u64(), "{postings:?}");
    }

    #[test]
    fn postings_are_delta_coded_and_capped_with_the_true_count() {
        assert_eq!(encode(&[(3, 1), (7, 24), (8, 2)]), "[3,3,1,4,24,1,2]");
        let many: Vec<(u32, u16)> = (0..1000).map(|i| (i, (i % 7) as u16)).collect();
        let encoded = encode(&many);
        assert!(encoded.starts_with("[1000,"));
        assert_eq!(encoded.matches(',').count(), 2 * MAX_POSTINGS);
    }

    #[test]
    fn shards_are_consecutive_ranges_of_bounded_size() {
        let urls: Vec<String> = (0..3000).map(|i| format!("/p{i}/")).collect();
        let docs: Vec<SearchDoc> = (0..3000)
            .map(|i| SearchDoc {
                url: &urls[i],
                title: "Page",
                summary: "".into(),
                foreign: Vec::new(),
                terms: vec![
                    ("common".into(), 1, Mentions::default()),
                    (format!("word{i}").into(), 2, Mentions::default()),
                ],
                length: 3,
            })
            .collect();
        let outputs = index(docs);
        let shards: Vec<&Output> = outputs.iter().filter(|o| o.path.contains("/t-")).collect();
        assert!(shards.len() > 2, "{} shards", shards.len());
        for shard in &shards {
            assert!(
                shard.bytes.len() <= MAX_SHARD_BYTES + 64,
                "{} has {} bytes",
                shard.path,
                shard.bytes.len()
            );
        }
        let meta = outputs
            .iter()
            .find(|o| o.path.ends_with("meta.json"))
            .unwrap();
        let meta: serde_json::Value = serde_json::from_slice(&meta.bytes).unwrap();
        let firsts: Vec<&str> = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(firsts[0], "common");
        assert!(
            firsts.windows(2).all(|w| w[0] < w[1]),
            "shards in term order"
        );
        let small = index(vec![SearchDoc {
            url: "/",
            title: "Home",
            summary: "".into(),
            foreign: Vec::new(),
            terms: vec![(
                "home".into(),
                0,
                Mentions {
                    title: true,
                    description: false,
                },
            )],
            length: 0,
        }]);
        assert_eq!(small.len(), 3, "one shard, one chunk, meta");
    }
}
