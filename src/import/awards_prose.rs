//! Accolades prose: the awards the prose names, won or nominated and by whom, matched to
//! the table's rows to give them the results the table lacks, and kept as rows of their
//! own when the table does not have them.

use std::collections::BTreeSet;

use super::dates::year;
use super::names::KnownNames;
use super::prose::{bare, is_capitalized, sentences};
use crate::content::{Award, AwardResult};

/// An award as a sentence of the prose names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Who gives it, in the prose's words: `Grammy`, `IDA`, `ACE Eddie`.
    pub association: String,
    /// Whether the prose wrote `… Award` after it.
    pub award_word: bool,
    /// The year the prose gives with it.
    pub year: Option<u16>,
    /// The category, in the prose's words.
    pub category: String,
    /// Won or nominated, when the sentence says.
    pub result: Option<AwardResult>,
    /// The people the sentence gives it to (or the series, by its title).
    pub recipients: Vec<String>,
}

/// Words that may join the words of a category: `Outstanding Direction in a Documentary`.
const CONNECTORS: [&str; 14] = [
    "for", "a", "an", "in", "or", "of", "the", "and", "over", "with", "to", "by", "on", "&",
];

/// Every award the paragraphs name.
pub fn claims(paragraphs: &[String], known: &KnownNames, title: &str) -> Vec<Claim> {
    paragraphs
        .iter()
        .flat_map(|p| sentences(p))
        .flat_map(|s| claims_of(s, known, title))
        .collect()
}

/// The awards of one sentence: `won the 2017 Grammy Award for Best Music Film`,
/// `five Emmy Award nominations (A, B)`, `an ACE Eddie nomination for C`.
pub fn claims_of(sentence: &str, known: &KnownNames, title: &str) -> Vec<Claim> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    let mut claims = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = bare(words[i]);
        let award_word = matches!(word, "Award" | "Awards" | "Prize");
        let nomination = word.starts_with("nomination");
        let mut start = i;
        while start > 0
            && is_capitalized(bare(words[start - 1]))
            && year(bare(words[start - 1])).is_none()
            && !words[start - 1].ends_with([',', '.', ';', ':', ')'])
        {
            start -= 1;
        }
        if !(award_word || nomination) || start == i {
            i += 1;
            continue;
        }
        let year = start.checked_sub(1).and_then(|y| year(bare(words[y])));
        let name: Vec<&str> = words[start..i].iter().map(|w| bare(w)).collect();
        let name = name.strip_prefix(&["The"]).unwrap_or(&name).join(" ");
        let mut next = i + 1;
        let mut nominated = nomination;
        if award_word
            && words
                .get(next)
                .is_some_and(|w| bare(w).starts_with("nomination"))
        {
            nominated = true;
            next += 1;
        }
        let (categories, after) = categories_at(&words, next);
        let verb = result_verb(&words[..start]);
        let result = if nominated {
            Some(AwardResult::Nominated)
        } else {
            verb.map(|(_, result)| result)
        };
        let subject = words[..verb.map_or(start, |(at, _)| at)].join(" ");
        let mut recipients = known.found_in(&subject);
        if recipients.is_empty() && subject.contains(title) {
            recipients.push(title.to_string());
        }
        claims.extend(categories.into_iter().map(|category| Claim {
            association: name.clone(),
            award_word,
            year,
            category,
            result,
            recipients: recipients.clone(),
        }));
        i = after.max(i + 1);
    }
    claims
}

/// The nearest word before an award that says whether it was won or only nominated.
fn result_verb(before: &[&str]) -> Option<(usize, AwardResult)> {
    before
        .iter()
        .enumerate()
        .rev()
        .find_map(|(at, w)| match bare(w).to_lowercase().as_str() {
            "won" | "wins" | "win" | "winning" | "received" => Some((at, AwardResult::Won)),
            "nominated" => Some((at, AwardResult::Nominated)),
            _ => None,
        })
}

/// The categories after an award's name: `for Best Music Film` or `(A, B, C)`; and the
/// index of the word after them.
fn categories_at(words: &[&str], at: usize) -> (Vec<String>, usize) {
    match words.get(at) {
        Some(w) if w.starts_with('(') => {
            let end = (at..words.len())
                .find(|&j| words[j].contains(')'))
                .unwrap_or(words.len() - 1);
            let list = words[at..=end].join(" ");
            let list = list.trim_start_matches('(');
            let list = &list[..list.rfind(')').unwrap_or(list.len())];
            let categories = list.split(", ").map(|c| c.trim().to_string());
            (categories.filter(|c| !c.is_empty()).collect(), end + 1)
        }
        Some(w) if bare(w) == "for" => {
            let (category, after) = category_at(words, at + 1);
            (
                Vec::from_iter((!category.is_empty()).then_some(category)),
                after,
            )
        }
        _ => (Vec::new(), at),
    }
}

/// A category's words from `at`: capitalised words, the small words between them and
/// anything in parentheses, up to a comma, a full stop or `and the`.
fn category_at(words: &[&str], mut at: usize) -> (String, usize) {
    let mut taken: Vec<&str> = Vec::new();
    let mut depth = 0i32;
    while let Some(&word) = words.get(at) {
        if depth == 0 {
            let plain = word.trim_end_matches([',', '.', ';', ':']);
            let next = words.get(at + 1).map(|w| bare(w));
            let ends_list = plain == "and"
                && next.is_none_or(|n| matches!(n, "the" | "a" | "an") || !is_capitalized(n));
            let fits =
                is_capitalized(plain) || word.starts_with('(') || CONNECTORS.contains(&plain);
            if ends_list || !fits {
                break;
            }
        }
        depth += word.matches('(').count() as i32 - word.matches(')').count() as i32;
        taken.push(word);
        at += 1;
        if depth <= 0 && word.ends_with([',', '.', ';', ':']) {
            break;
        }
    }
    while taken.last().is_some_and(|w| CONNECTORS.contains(w)) {
        taken.pop();
    }
    let category = taken.join(" ");
    (
        category.trim_end_matches([',', '.', ';', ':']).to_string(),
        at,
    )
}

/// The words of a category that tell it apart, stemmed: `Picture Editing for a Nonfiction
/// Program` → `edit`, `nonfict`, `picture`, `program`.
fn significant(text: &str) -> BTreeSet<String> {
    const SMALL: [&str; 15] = [
        "for",
        "a",
        "an",
        "the",
        "in",
        "of",
        "or",
        "and",
        "on",
        "to",
        "with",
        "by",
        "at",
        "best",
        "outstanding",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

/// A word without its common endings, so `Directing` and `Direction` meet.
pub fn stem(word: &str) -> String {
    for suffix in ["ions", "ing", "ion", "ed", "s"] {
        if let Some(root) = word.strip_suffix(suffix)
            && root.chars().count() >= 3
        {
            let mut root: Vec<char> = root.chars().collect();
            let n = root.len();
            if n >= 2 && root[n - 1] == root[n - 2] && !"aeiou".contains(root[n - 1]) {
                root.pop();
            }
            return root.into_iter().collect();
        }
    }
    word.to_string()
}

/// Whether the prose's name of an association (`IDA`, `Emmy`, `ACE Eddie`) names the
/// table's (`International Documentary Association`, `Primetime Emmy Awards`, `American
/// Cinema Editors`): by its words, or by its initials.
pub fn same_association(prose: &str, table: &str) -> bool {
    let table_words = significant(table);
    let initials: String = table
        .split_whitespace()
        .filter(|w| is_capitalized(w) && !matches!(*w, "Of" | "And" | "The" | "&"))
        .filter_map(|w| w.chars().next())
        .collect();
    let hint: Vec<&str> = prose
        .split_whitespace()
        .filter(|w| !matches!(*w, "Award" | "Awards" | "Prize"))
        .collect();
    let matched = hint
        .iter()
        .filter(|w| table_words.contains(&stem(&w.to_lowercase())) || **w == initials)
        .count();
    matched >= 1 && matched * 2 >= hint.len()
}

/// Gives the rows of `awards` the results the claims state, adds the claims no row has as
/// rows of their own, and says what it did.
pub fn apply(claims: &[Claim], awards: &mut Vec<Award>) -> Vec<String> {
    let table_rows = awards.len();
    let mut report = Vec::new();
    let (matches, unmatched) = match_rows(claims, &awards[..table_rows]);
    for &(claim, row) in &matches {
        let claim = &claims[claim];
        let award = &mut awards[row];
        if award.result.is_none() {
            award.result = claim.result;
        }
        if let Some(note) = disagreement(claim, award) {
            report.push(format!("the row `{}`: {note}", award.category));
            award.note = Some(match award.note.take() {
                Some(before) => format!("{before} {note}"),
                None => note,
            });
        }
    }
    for claim in unmatched.into_iter().map(|c| &claims[c]) {
        let association = if claim.award_word && !claim.association.ends_with("Awards") {
            format!("{} Awards", claim.association.trim_end_matches(" Award"))
        } else {
            claim.association.clone()
        };
        report.push(format!(
            "a row from the prose alone: {association}, {}",
            claim.category
        ));
        awards.push(Award {
            year: claim.year,
            association,
            category: claim.category.clone(),
            recipients: claim.recipients.clone(),
            result: claim.result,
            note: Some("Not in the article's awards table: from its prose.".to_string()),
        });
    }
    report
}

/// Pairs each claim with the table row that shares most of its words and has the same
/// association, best pairs first; returns the pairs and the claims no row has.
fn match_rows(claims: &[Claim], rows: &[Award]) -> (Vec<(usize, usize)>, Vec<usize>) {
    let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (c, claim) in claims.iter().enumerate() {
        let words = significant(&claim.category);
        for (r, row) in rows.iter().enumerate() {
            if !same_association(&claim.association, &row.association) {
                continue;
            }
            let row_words = significant(&row.category);
            let shared = words.intersection(&row_words).count();
            if shared >= 1 && shared * 2 >= words.len() {
                let extra = row_words.len() - shared;
                candidates.push((c, r, shared, extra));
            }
        }
    }
    // Most words shared first; of equals, the row with fewest words of its own.
    candidates.sort_by_key(|&(c, r, shared, extra)| (std::cmp::Reverse(shared), extra, c, r));
    let mut claim_row: Vec<Option<usize>> = vec![None; claims.len()];
    let mut row_taken = vec![false; rows.len()];
    for &(c, r, _, _) in &candidates {
        if claim_row[c].is_none() && !row_taken[r] {
            claim_row[c] = Some(r);
            row_taken[r] = true;
        }
    }
    // A claim naming a row already matched, word for word, is the same award told twice.
    for &(c, r, shared, _) in &candidates {
        if claim_row[c].is_none() && shared == significant(&claims[c].category).len() {
            claim_row[c] = Some(r);
        }
    }
    let matched = (0..claims.len())
        .filter_map(|c| claim_row[c].map(|r| (c, r)))
        .collect();
    let unmatched = (0..claims.len())
        .filter(|&c| claim_row[c].is_none())
        .collect();
    (matched, unmatched)
}

/// A note for a row whose prose differs from the table: another year, or words of the
/// category the row does not have.
fn disagreement(claim: &Claim, award: &Award) -> Option<String> {
    let mut notes = Vec::new();
    if let (Some(prose), Some(table)) = (claim.year, award.year)
        && prose != table
    {
        let award_word = if claim.award_word { " Award" } else { "" };
        notes.push(format!(
            "The article's prose calls this the {prose} {}{award_word}; its table lists it under {table}.",
            claim.association
        ));
    }
    if !significant(&claim.category).is_subset(&significant(&award.category)) {
        notes.push(format!(
            "The article's prose names this {}.",
            claim.category
        ));
    }
    (!notes.is_empty()).then(|| notes.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: &str = "The Defiant Ones";

    fn known() -> KnownNames {
        KnownNames::new(["Allen Hughes", "Doug Pray", "Lasse Järvi"])
    }

    fn short(claim: &Claim) -> String {
        format!(
            "{}|{}|{}|{:?}|{}",
            claim.year.map_or(String::new(), |y| y.to_string()),
            claim.association,
            claim.category,
            claim.result,
            claim.recipients.join("+")
        )
    }

    #[test]
    fn claims_are_read_out_of_sentences() {
        let cases: [(&str, &[&str]); 5] = [
            (
                "The Defiant Ones won the 2017 Grammy Award for Best Music Film and the IDA Award for Best Limited Series.",
                &[
                    "2017|Grammy|Best Music Film|Some(Won)|The Defiant Ones",
                    "|IDA|Best Limited Series|Some(Won)|The Defiant Ones",
                ],
            ),
            (
                "The series also garnered five Emmy Award nominations (Outstanding Documentary or Nonfiction Series, Writing for a Nonfiction Program) and an ACE Eddie nomination for Best Edited Documentary.",
                &[
                    "|Emmy|Outstanding Documentary or Nonfiction Series|Some(Nominated)|",
                    "|Emmy|Writing for a Nonfiction Program|Some(Nominated)|",
                    "|ACE Eddie|Best Edited Documentary|Some(Nominated)|",
                ],
            ),
            (
                "Director Allen Hughes won the NAACP Award for Outstanding Direction in a Documentary.",
                &["|NAACP|Outstanding Direction in a Documentary|Some(Won)|Allen Hughes"],
            ),
            (
                "Editors Doug Pray and Lasse Järvi won an HPA Award for Outstanding Editing (Television over 30 minutes).",
                &[
                    "|HPA|Outstanding Editing (Television over 30 minutes)|Some(Won)|Doug Pray+Lasse Järvi",
                ],
            ),
            ("It won an award for its editing. Awards came later.", &[]),
        ];
        for (sentence, expected) in cases {
            let got: Vec<String> = claims_of(sentence, &known(), TITLE)
                .iter()
                .map(short)
                .collect();
            assert_eq!(got, expected, "{sentence}");
        }
    }

    #[test]
    fn associations_meet_by_words_or_initials() {
        let cases = [
            ("IDA", "International Documentary Association", true),
            ("ACE Eddie", "American Cinema Editors", true),
            ("Emmy", "Primetime Emmy Awards", true),
            ("Grammy", "Grammy Awards", true),
            ("NAACP", "NAACP Image Awards", true),
            ("HPA", "Motion Picture Sound Editors", false),
            ("Grammy", "Primetime Emmy Awards", false),
        ];
        for (prose, table, expected) in cases {
            assert_eq!(
                same_association(prose, table),
                expected,
                "{prose} / {table}"
            );
        }
    }

    fn row(association: &str, category: &str) -> Award {
        Award {
            year: Some(2018),
            association: association.into(),
            category: category.into(),
            recipients: Vec::new(),
            result: None,
            note: None,
        }
    }

    #[test]
    fn claims_give_rows_their_results_and_add_the_rows_the_table_lacks() {
        let mut awards = vec![
            row("NAACP Image Awards", "Outstanding Documentary"),
            row(
                "NAACP Image Awards",
                "Outstanding Directing in a Television Movie, Documentary or Special",
            ),
            row(
                "Primetime Emmy Awards",
                "Outstanding Picture Editing for Nonfiction Programming",
            ),
            row(
                "Primetime Emmy Awards",
                "Outstanding Directing for a Nonfiction Program",
            ),
            row("Grammy Awards", "Best Music Film"),
        ];
        let text = "The Defiant Ones won the 2017 Grammy Award for Best Music Film. It garnered two Emmy Award nominations (Writing for a Nonfiction Program, Picture Editing for a Nonfiction Program). Director Allen Hughes won the NAACP Award for Outstanding Direction in a Documentary. Editors Doug Pray and Lasse Järvi won an HPA Award for Outstanding Editing.";
        let claims = claims(&[text.to_string()], &known(), TITLE);
        let report = apply(&claims, &mut awards);
        let results: Vec<Option<AwardResult>> = awards.iter().map(|a| a.result).collect();
        use AwardResult::*;
        assert_eq!(
            results,
            [
                None,
                Some(Won),
                Some(Nominated),
                Some(Nominated),
                Some(Won),
                Some(Won)
            ]
        );
        assert_eq!(
            awards[3].note.as_deref(),
            Some("The article's prose names this Writing for a Nonfiction Program.")
        );
        assert_eq!(
            awards[4].note.as_deref(),
            Some(
                "The article's prose calls this the 2017 Grammy Award; its table lists it under 2018."
            )
        );
        assert_eq!(awards[5].association, "HPA Awards");
        assert_eq!(awards[5].recipients, ["Doug Pray", "Lasse Järvi"]);
        assert_eq!(awards[5].year, None);
        assert_eq!(report.len(), 3, "{report:?}");
    }

    #[test]
    fn stems_meet_across_word_forms() {
        let cases = [
            ("directing", "direct"),
            ("direction", "direct"),
            ("programming", "program"),
            ("program", "program"),
            ("edited", "edit"),
            ("series", "serie"),
            ("film", "film"),
        ];
        for (word, expected) in cases {
            assert_eq!(stem(word), expected, "{word}");
        }
    }
}
