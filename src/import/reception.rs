//! Reception: review aggregators' scores and critics' quotes read out of the prose of the
//! reception section, for `[[aggregators]]` and `[[reviews]]`.

use super::prose::{is_capitalized, quotes, sentences, words};
use crate::content::{Aggregator, Review, Verdict};

/// What the reception prose yields.
#[derive(Debug, Default)]
pub struct Reception {
    /// Scores with the number of reviews they rest on.
    pub aggregators: Vec<Aggregator>,
    /// Critics' quotes.
    pub reviews: Vec<Review>,
    /// What was read by a guess, for the summary.
    pub guesses: Vec<String>,
}

/// Verbs that introduce what a critic wrote.
const VERBS: [&str; 17] = [
    "called",
    "wrote",
    "said",
    "praised",
    "described",
    "noted",
    "gave",
    "stated",
    "found",
    "felt",
    "argued",
    "commented",
    "observed",
    "declared",
    "concluded",
    "remarked",
    "criticized",
];

/// Reads the paragraphs of the reception section.
pub fn read(paragraphs: &[String]) -> Reception {
    let mut reception = Reception::default();
    for sentence in paragraphs.iter().flat_map(|p| sentences(p)) {
        if let Some(aggregator) = aggregator(sentence) {
            reception.aggregators.push(aggregator);
        } else if let Some(consensus) = consensus(sentence) {
            if let Some(last) = reception.aggregators.last_mut()
                && last.consensus.is_none()
            {
                last.consensus = Some(consensus.to_string());
            }
        } else if let Some((review, guess)) = review(sentence) {
            reception.guesses.extend(guess);
            reception.reviews.push(review);
        } else if let Some(review) = reception.reviews.iter_mut().find(|r| {
            r.critic
                .split_whitespace()
                .last()
                .is_some_and(|surname| words(sentence).first() == Some(&surname))
        }) {
            // `Aswad noted …`: more on a critic already quoted.
            let note = review.note.take().map_or(String::new(), |n| n + " ");
            review.note = Some(note + sentence);
        }
    }
    reception
}

/// `… Rotten Tomatoes, 100% of 25 critics' reviews are positive.`
fn aggregator(sentence: &str) -> Option<Aggregator> {
    let (score, score_at) = score(sentence)?;
    let count = count(sentence)?;
    let name = name_before(&sentence[..score_at])?;
    Some(Aggregator {
        name,
        score,
        count: Some(count),
        consensus: quotes(sentence).first().map(|q| q.to_string()),
    })
}

/// The score a sentence states, as the aggregator writes it (`100%`, `76/100`), and where
/// it starts.
pub fn score(sentence: &str) -> Option<(String, usize)> {
    let words: Vec<(usize, &str)> = sentence
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w))
        .collect();
    words.iter().enumerate().find_map(|(i, &(at, word))| {
        let word = word.trim_end_matches([',', '.', ';']);
        let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '.');
        if let Some(percent) = word.strip_suffix('%')
            && number(percent)
        {
            return Some((word.to_string(), at));
        }
        if let Some((value, scale)) = word.split_once('/')
            && number(value)
            && number(scale)
        {
            return Some((word.to_string(), at));
        }
        let out_of = words.get(i + 1..i + 4)?;
        let scale = out_of[2].1.trim_end_matches([',', '.', ';']);
        (number(word) && out_of[0].1 == "out" && out_of[1].1 == "of" && number(scale))
            .then(|| (format!("{word}/{scale}"), at))
    })
}

/// How many reviews a sentence says a score rests on: `25 critics' reviews`, `12 critics`.
pub fn count(sentence: &str) -> Option<u32> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    words.windows(2).find_map(|pair| {
        let next = pair[1].to_lowercase();
        (next.starts_with("critic") || next.starts_with("review"))
            .then(|| pair[0].replace(',', "").parse().ok())
            .flatten()
    })
}

/// The last run of capitalised words of `text`, leaving out the words that open a
/// sentence: `On the review aggregator website Rotten Tomatoes,` → `Rotten Tomatoes`.
fn name_before(text: &str) -> Option<String> {
    let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
    for word in text.split_whitespace() {
        let bare = word.trim_end_matches([',', ';', ':']);
        let opener = ["On", "In", "At", "The", "According"].contains(&bare);
        if is_capitalized(bare) && !opener && !bare.chars().all(|c| c.is_ascii_digit()) {
            runs.last_mut()?.push(bare);
        } else if runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
        }
        if word.ends_with([',', ';', ':']) && runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
        }
    }
    runs.into_iter()
        .rfind(|r| !r.is_empty())
        .map(|r| r.join(" "))
}

/// `The website's consensus reads: "…"` → the quote.
fn consensus(sentence: &str) -> Option<&str> {
    if !sentence.to_lowercase().contains("consensus") {
        return None;
    }
    quotes(sentence).into_iter().next()
}

/// A critic's quoted words: `Jon Caramanica of The New York Times called it "…"` or
/// `Variety's Jem Aswad wrote that "…"`; with a note of what was guessed.
fn review(sentence: &str) -> Option<(Review, Option<String>)> {
    let quoted = quotes(sentence);
    let first_quote = sentence.find(['"', '“'])?;
    let subject: Vec<&str> = sentence[..first_quote].split_whitespace().collect();
    let verb = subject
        .iter()
        .position(|w| VERBS.contains(&w.trim_end_matches(',')))?;
    let (critic, publication, guess) = critic_and_publication(&subject[..verb])?;
    let lower = sentence.to_lowercase();
    let verdict = [
        ("positive review", Verdict::Positive),
        ("mixed review", Verdict::Mixed),
        ("negative review", Verdict::Negative),
    ]
    .into_iter()
    .find(|(phrase, _)| lower.contains(phrase))
    .map(|(_, verdict)| verdict);
    let review = Review {
        critic,
        publication,
        quote: quoted.iter().map(|q| q.to_string()).collect(),
        verdict,
        note: None,
    };
    Some((review, guess))
}

/// Who wrote and where, from the words before the verb: `Jon Caramanica of The New York
/// Times`, `Variety's Jem Aswad`, or `Varietys Jem Aswad` (the possessive guessed).
pub fn critic_and_publication(subject: &[&str]) -> Option<(String, String, Option<String>)> {
    let is_name =
        |words: &[&str]| (2..=3).contains(&words.len()) && words.iter().all(|w| is_capitalized(w));
    if let Some(of) = subject.iter().position(|w| *w == "of") {
        let critic = &subject[..of];
        let mut publication = &subject[of + 1..];
        if publication.first() == Some(&"the") {
            publication = &publication[1..];
        }
        return (is_name(critic) && !publication.is_empty() && is_capitalized(publication[0]))
            .then(|| (critic.join(" "), publication.join(" "), None));
    }
    let possessive = subject
        .iter()
        .position(|w| w.ends_with("'s") || w.ends_with("’s"));
    let (owner_end, critic_start, guessed) = match possessive {
        Some(at) => (at, at + 1, false),
        // Without an apostrophe, only the one-word form: `Varietys Jem Aswad`.
        None if subject.len() >= 3 && subject[0].ends_with('s') => (0, 1, true),
        None => return None,
    };
    let critic = &subject[critic_start..];
    let owner = subject[owner_end];
    let owner = owner
        .strip_suffix("'s")
        .or_else(|| owner.strip_suffix("’s"))
        .or_else(|| owner.strip_suffix('s'))?;
    let publication: Vec<&str> = subject[..owner_end]
        .iter()
        .copied()
        .chain([owner])
        .collect();
    if !is_name(critic) || !publication.iter().all(|w| is_capitalized(w)) {
        return None;
    }
    let publication = publication.join(" ");
    let guess = guessed.then(|| {
        format!(
            "publication `{publication}` read from `{}`, a possessive without its apostrophe",
            subject[0]
        )
    });
    Some((critic.join(" "), publication, guess))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_reads_percentages_and_scales() {
        let cases = [
            ("100% of 25 critics' reviews are positive.", Some("100%")),
            (
                "a weighted average score of 76 out of 100 based on 12 critics",
                Some("76/100"),
            ),
            ("an average rating of 8.2/10.", Some("8.2/10")),
            ("holds 95%, with 7.9 out of 10", Some("95%")),
            ("no score at all", None),
            ("out of 100", None),
        ];
        for (sentence, expected) in cases {
            let got = score(sentence).map(|(s, _)| s);
            assert_eq!(got.as_deref(), expected, "{sentence:?}");
        }
    }

    #[test]
    fn count_reads_the_number_of_reviews() {
        let cases = [
            ("100% of 25 critics' reviews are positive.", Some(25)),
            ("76 out of 100 based on 12 critics, indicating", Some(12)),
            ("based on 1,204 reviews", Some(1204)),
            ("many critics", None),
        ];
        for (sentence, expected) in cases {
            assert_eq!(count(sentence), expected, "{sentence:?}");
        }
    }

    #[test]
    fn aggregators_and_reviews_of_the_seed() {
        let paragraphs = [
            "On the review aggregator website Rotten Tomatoes, 100% of 25 critics' reviews are positive. The website's consensus reads: \"A compelling portrait.\" On Metacritic the film has a weighted average score of 76 out of 100 based on 12 critics, indicating \"generally favorable\" reviews.".to_string(),
            "Jon Caramanica of The New York Times called it \"glossy\" as well as \"lush\" in his positive review. Lorraine Ali of the Los Angeles Times wrote that \"the decades\" the deal \"make this\" in her positive review. Varietys Jem Aswad wrote that the documentary \"tells a story\". Aswad noted the \"Empathy Cut\". Le Monde's Ana Núñez said \"très bien\".".to_string(),
        ];
        let reception = read(&paragraphs);
        let aggregators: Vec<_> = reception
            .aggregators
            .iter()
            .map(|a| {
                (
                    a.name.as_str(),
                    a.score.as_str(),
                    a.count,
                    a.consensus.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            aggregators,
            [
                (
                    "Rotten Tomatoes",
                    "100%",
                    Some(25),
                    Some("A compelling portrait.")
                ),
                (
                    "Metacritic",
                    "76/100",
                    Some(12),
                    Some("generally favorable")
                ),
            ]
        );
        let reviews: Vec<_> = reception
            .reviews
            .iter()
            .map(|r| {
                (
                    r.critic.as_str(),
                    r.publication.as_str(),
                    r.quote.len(),
                    r.verdict,
                )
            })
            .collect();
        assert_eq!(
            reviews,
            [
                (
                    "Jon Caramanica",
                    "The New York Times",
                    2,
                    Some(Verdict::Positive)
                ),
                (
                    "Lorraine Ali",
                    "Los Angeles Times",
                    2,
                    Some(Verdict::Positive)
                ),
                ("Jem Aswad", "Variety", 1, None),
                ("Ana Núñez", "Le Monde", 1, None),
            ]
        );
        assert_eq!(
            reception.reviews[2].note.as_deref(),
            Some("Aswad noted the \"Empathy Cut\".")
        );
        assert_eq!(reception.guesses.len(), 1, "{:?}", reception.guesses);
    }
}
