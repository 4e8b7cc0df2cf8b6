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

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;

use crate::built::File;
use crate::describe;
use crate::site::routes::{Generated, SEARCH_INDEX_DIR as INDEX_DIR};
use crate::site::{Page, Person, Site};
use crate::summary;
use crate::theme::Labels;
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

/// A page to index, borrowed from the site.
#[derive(Debug, Clone)]
pub struct SearchPage<'a> {
    /// Root-relative URL.
    pub url: Cow<'a, str>,
    /// Title; its words weigh more.
    pub title: &'a str,
    /// What the result shows under the title; its words weigh more too.
    pub summary: Cow<'a, str>,
    /// The text of the structured data: awards, reviews, the people featured.
    pub texts: Vec<&'a str>,
    /// The rendered body, whose words are read as the index is made rather than kept:
    /// a site of 100,000 pages has hundreds of megabytes of them.
    pub html: Option<&'a str>,
}

/// What the index keeps of every page worth finding: the pages of `content/`, the people
/// and the people index.
pub fn documents<'a>(site: &'a Site, labels: &'a Labels) -> Vec<SearchPage<'a>> {
    let mut documents: Vec<SearchPage> =
        Vec::with_capacity(site.pages.len() + site.people.len() + 1);
    documents.push(SearchPage {
        url: site.generated_url(Generated::PeopleIndex).into(),
        title: describe::people_index_title(site, labels),
        summary: Cow::Owned(describe::people_index_description(site, labels)),
        texts: Vec::new(),
        html: None,
    });
    documents.extend(site.pages.iter().map(|page| page_document(site, page)));
    documents.extend(
        site.people
            .iter()
            .map(|person| person_document(site, person, labels)),
    );
    documents
}

/// A page's words: its body, and the structured data of its front matter.
fn page_document<'a>(site: &'a Site, page: &'a Page) -> SearchPage<'a> {
    let front = &page.front;
    let mut texts: Vec<&str> = Vec::new();
    for award in &front.awards {
        texts.extend([award.association.as_str(), &award.category]);
        texts.extend(award.recipients.iter().map(String::as_str));
        texts.extend(award.note.as_deref());
    }
    for aggregator in &front.aggregators {
        texts.push(&aggregator.name);
        texts.extend(aggregator.consensus.as_deref());
    }
    for review in &front.reviews {
        texts.extend([review.critic.as_str(), &review.publication]);
        texts.extend(review.quote.iter().map(String::as_str));
        texts.extend(review.note.as_deref());
    }
    texts.extend(page.featuring.iter().map(|&p| site.people[p].name.as_str()));
    SearchPage {
        url: Cow::Borrowed(&page.url),
        title: &front.title,
        summary: Cow::Borrowed(&page.summary),
        texts,
        html: Some(&page.content),
    }
}

/// A person's words: their own text, their parts and the awards they were named for.
fn person_document<'a>(site: &'a Site, person: &'a Person, labels: &Labels) -> SearchPage<'a> {
    let mut texts: Vec<&str> = person
        .cast
        .iter()
        .filter_map(|p| p.role.as_deref())
        .collect();
    for &(page, index) in &person.awards {
        let award = &site.pages[page].front.awards[index];
        texts.extend([award.association.as_str(), &award.category]);
    }
    let summary = match person
        .text
        .as_ref()
        .and_then(|t| t.front.description.as_deref())
    {
        Some(own) => Cow::Borrowed(own),
        None => Cow::Owned(describe::person_description(site, person, labels)),
    };
    SearchPage {
        url: Cow::Borrowed(&person.url),
        title: &person.name,
        summary,
        texts,
        html: person.text.as_ref().map(|t| t.content.as_str()),
    }
}

/// One page found by a term: how often its text has the term, and where else it stands.
#[derive(Debug, Clone, Copy)]
struct Posting {
    page: u32,
    count: u16,
    in_title: bool,
    in_description: bool,
}

impl Posting {
    /// What the page weighs for the term: BM25 of the text, plus the title's and the
    /// description's weight. `norm` is BM25's length normalisation of the page.
    fn weight(&self, norm: f32) -> u16 {
        let count = f32::from(self.count);
        let text = 10.0 * count * (BM25_K1 + 1.0) / (count + BM25_K1 * norm);
        let weight = text
            + if self.in_title { TITLE_WEIGHT } else { 0.0 }
            + if self.in_description {
                DESCRIPTION_WEIGHT
            } else {
                0.0
            };
        weight.round().max(1.0) as u16
    }
}

/// The index of some of the pages, as one thread builds it: merged with the others'.
#[derive(Default)]
struct Partial {
    /// term → the pages that have it.
    postings: FxHashMap<String, Vec<Posting>>,
    /// page → how many words its text has.
    lengths: Vec<(u32, u32)>,
    /// The non-ASCII letters met, each once, whose folding the browser must know.
    foreign: FxHashSet<char>,
}

impl Partial {
    /// Reads page `id`: the words of its text, and of its title and description.
    fn read(mut self, id: u32, page: &SearchPage<'_>) -> Self {
        let body = page.html.map(summary::words);
        let mut words = PageWords {
            page: id,
            counts: FxHashMap::with_capacity_and_hasher(256, Default::default()),
            length: 0,
        };
        let texts = body
            .iter()
            .map(String::as_str)
            .chain(page.texts.iter().copied());
        for text in texts {
            words.read(text, Part::Text, &mut self.foreign);
        }
        words.read(page.title, Part::Title, &mut self.foreign);
        words.read(&page.summary, Part::Description, &mut self.foreign);
        // Terms are kept as the thread meets them first; a page's own are borrowed.
        for (term, posting) in words.counts {
            match self.postings.get_mut(term.as_ref()) {
                Some(postings) => postings.push(posting),
                None => {
                    self.postings.insert(term.into_owned(), vec![posting]);
                }
            }
        }
        self.lengths.push((id, words.length));
        self
    }

    /// Merges two partial indexes, the smaller into the larger.
    fn merge(mut self, mut other: Self) -> Self {
        if self.postings.len() < other.postings.len() {
            std::mem::swap(&mut self, &mut other);
        }
        for (term, postings) in other.postings {
            self.postings.entry(term).or_default().extend(postings);
        }
        self.lengths.extend(other.lengths);
        self.foreign.extend(other.foreign);
        self
    }
}

/// The words of one page, counted: term → its posting for the page, borrowed from the
/// page's texts while they are read.
struct PageWords<'t> {
    page: u32,
    counts: FxHashMap<Cow<'t, str>, Posting>,
    /// How many words its text (not its title or description) has.
    length: u32,
}

impl<'t> PageWords<'t> {
    /// Counts the words of `text`, read from `part` of the page.
    fn read(&mut self, text: &'t str, part: Part, foreign: &mut FxHashSet<char>) {
        if !text.is_ascii() {
            foreign.extend(
                text.chars()
                    .filter(|c| !c.is_ascii())
                    .flat_map(char::to_lowercase),
            );
        }
        each_word(text, |word| {
            let posting = match self.counts.get_mut(word.as_str()) {
                Some(posting) => posting,
                None => self.counts.entry(word.into_cow()).or_insert(Posting {
                    page: self.page,
                    count: 0,
                    in_title: false,
                    in_description: false,
                }),
            };
            match part {
                Part::Text => {
                    self.length += 1;
                    posting.count = posting.count.saturating_add(1);
                }
                Part::Title => posting.in_title = true,
                Part::Description => posting.in_description = true,
            }
        });
    }
}

/// Where a run of words is read from.
#[derive(Clone, Copy)]
enum Part {
    Text,
    Title,
    Description,
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
    each_word(text, |word| words.push(word.as_str().to_string()));
    words
}

/// A word of a text, as the index keeps it.
enum Word<'t, 'b> {
    /// Already lowercase ASCII: a slice of the text.
    Slice(&'t str),
    /// Lowercased and folded into a buffer that the next word reuses.
    Folded(&'b str),
}

impl<'t> Word<'t, '_> {
    fn as_str(&self) -> &str {
        match self {
            Word::Slice(word) | Word::Folded(word) => word,
        }
    }

    /// The word as a term to keep: borrowed from the text when it can be.
    fn into_cow(self) -> Cow<'t, str> {
        match self {
            Word::Slice(word) => Cow::Borrowed(word),
            Word::Folded(word) => Cow::Owned(word.to_string()),
        }
    }
}

/// Calls `found` with each word of `text`, as [`tokens`] gives them, without allocating
/// a string per word.
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
                .all(|l| l.is_alphanumeric() || fold_char(l).is_some())
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

/// Builds the index files of `pages`, reading them in parallel.
pub fn index(mut pages: Vec<SearchPage<'_>>) -> Vec<File> {
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let Partial {
        postings,
        lengths,
        foreign,
    } = pages
        .par_iter()
        .enumerate()
        .fold(Partial::default, |partial, (id, page)| {
            partial.read(id as u32, page)
        })
        .reduce(Partial::default, Partial::merge);
    let norms = length_norms(&lengths, pages.len());
    let encoded = encode_terms(postings, &norms);
    let shards = shard_ranges(&encoded);
    let mut files: Vec<File> = shards
        .iter()
        .enumerate()
        .map(|(n, range)| shard_file(n, &encoded[range.clone()]))
        .collect();
    files.extend(pages.chunks(CHUNK).enumerate().map(|(n, chunk)| {
        let rows: Vec<(&str, &str, Cow<str>)> = chunk
            .iter()
            .map(|page| (page.url.as_ref(), page.title, shown_summary(&page.summary)))
            .collect();
        File {
            path: format!("{INDEX_DIR}d-{n}.json"),
            bytes: serde_json::to_vec(&rows).unwrap_or_default(),
        }
    }));
    let meta = Meta {
        version: 1,
        pages: pages.len(),
        chunk: CHUNK,
        shards: shards
            .iter()
            .map(|range| encoded[range.start].0.as_ref())
            .collect(),
        fold: fold_table(foreign),
    };
    files.push(File {
        path: format!("{INDEX_DIR}meta.json"),
        bytes: serde_json::to_vec(&meta).unwrap_or_default(),
    });
    files
}

/// BM25's length normalisation of each of `pages` pages, from the (page, words) counts.
fn length_norms(lengths: &[(u32, u32)], pages: usize) -> Vec<f32> {
    let mut length = vec![0; pages];
    for &(id, words) in lengths {
        length[id as usize] = words;
    }
    let average_length = length.iter().map(|&l| l as f32).sum::<f32>() / pages.max(1) as f32;
    length
        .iter()
        .map(|&l| 1.0 - BM25_B + BM25_B * l as f32 / average_length.max(1.0))
        .collect()
}

/// How the browser must fold the non-ASCII letters the index holds.
fn fold_table(foreign: FxHashSet<char>) -> BTreeMap<String, String> {
    foreign
        .into_iter()
        .filter_map(|c| Some((c.to_string(), fold_char(c)?)))
        .collect()
}

/// Every term, in order, with its postings weighted and encoded.
fn encode_terms(postings: FxHashMap<String, Vec<Posting>>, norms: &[f32]) -> Vec<(String, String)> {
    let mut terms: Vec<(String, Vec<Posting>)> = postings.into_iter().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms
        .into_par_iter()
        .map(|(term, mut postings)| {
            postings.sort_unstable_by_key(|p| p.page);
            let weighted: Vec<(u32, u16)> = postings
                .iter()
                .map(|p| (p.page, p.weight(norms[p.page as usize])))
                .collect();
            (term, encode(&weighted))
        })
        .collect()
}

/// The `n`th shard file: its terms and their encoded postings, as one JSON object.
fn shard_file(n: usize, terms: &[(String, String)]) -> File {
    let mut json = String::from("{");
    for (i, (term, postings)) in terms.iter().enumerate() {
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
    File {
        path: format!("{INDEX_DIR}t-{n}.json"),
        bytes: json.into_bytes(),
    }
}

/// The summary a result shows: at most `SUMMARY_CHARS` characters.
fn shown_summary(summary: &str) -> Cow<'_, str> {
    match summary.char_indices().nth(SUMMARY_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", summary[..cut].trim_end())),
        None => Cow::Borrowed(summary),
    }
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
fn shard_ranges(encoded: &[(String, String)]) -> Vec<std::ops::Range<usize>> {
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

    fn page<'a>(
        url: &'a str,
        title: &'a str,
        summary: &'a str,
        texts: &[&'a str],
    ) -> SearchPage<'a> {
        SearchPage {
            url: url.into(),
            title,
            summary: summary.into(),
            texts: texts.to_vec(),
            html: None,
        }
    }

    fn shard_of(outputs: &[File], n: usize) -> serde_json::Value {
        let shard = outputs
            .iter()
            .find(|o| o.path.ends_with(&format!("t-{n}.json")))
            .unwrap();
        serde_json::from_slice(&shard.bytes).unwrap()
    }

    #[test]
    fn the_title_outweighs_the_text_and_long_lists_weigh_less() {
        let long = "lasse ".repeat(3) + &"filler ".repeat(5000);
        let outputs = index(vec![
            page("/list/", "Everything", "", &[&long]),
            page("/a/", "Lasse Järvi", "Summary", &["Lasse Lasse"]),
            page("/b/", "Other", "", &["Lasse Lasse"]),
        ]);
        let shard = shard_of(&outputs, 0);
        // `[pages, id 0 (/a/), weight, gap to id 1 (/b/), weight, gap to id 2 (/list/), weight]`.
        let lasse = shard["lasse"].as_array().unwrap();
        assert_eq!(lasse[0], 3, "{lasse:?}");
        let (titled, plain, listed) = (&lasse[2], &lasse[4], &lasse[6]);
        assert!(titled.as_u64() > plain.as_u64(), "{lasse:?}");
        assert!(plain.as_u64() > listed.as_u64(), "{lasse:?}");
        // A word of the title alone, and one of the description, are found too.
        assert_eq!(shard["jarvi"][0], 1);
        assert_eq!(shard["summary"][0], 1);
        let meta = outputs
            .iter()
            .find(|o| o.path.ends_with("meta.json"))
            .unwrap();
        let meta: serde_json::Value = serde_json::from_slice(&meta.bytes).unwrap();
        assert_eq!(meta["fold"]["ä"], "a");
    }

    /// `tests/fixtures/search-tokens.json` holds tricky texts with their tokens and the
    /// folding table the index writes for them; the browser suite runs the query tokenizer
    /// of `static/search.js` on the same file, so the two cannot drift apart unseen.
    #[test]
    fn tokens_and_folding_match_the_fixture_search_js_is_checked_against() {
        #[derive(serde::Deserialize)]
        struct Case {
            text: String,
            tokens: Vec<String>,
        }
        #[derive(serde::Deserialize)]
        struct Fixture {
            cases: Vec<Case>,
            fold: serde_json::Value,
        }
        let fixture: Fixture =
            serde_json::from_str(include_str!("../tests/fixtures/search-tokens.json")).unwrap();
        for case in &fixture.cases {
            assert_eq!(tokens(&case.text), case.tokens, "{:?}", case.text);
        }
        let texts: Vec<&str> = fixture.cases.iter().map(|c| c.text.as_str()).collect();
        let outputs = index(vec![page("/", "", "", &texts)]);
        let meta = outputs
            .iter()
            .find(|o| o.path.ends_with("meta.json"))
            .unwrap();
        let meta: serde_json::Value = serde_json::from_slice(&meta.bytes).unwrap();
        assert_eq!(meta["fold"], fixture.fold);
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
        let texts: Vec<String> = (0..3000)
            .map(|i| format!("common word{i} word{i}"))
            .collect();
        let docs: Vec<SearchPage> = (0..3000)
            .map(|i| page(&urls[i], "Page", "", &[&texts[i]]))
            .collect();
        let outputs = index(docs);
        let shards: Vec<&File> = outputs.iter().filter(|o| o.path.contains("/t-")).collect();
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
        let small = index(vec![page("/", "Home", "", &[])]);
        assert_eq!(small.len(), 3, "one shard, one chunk, meta");
    }
}
