//! Names: the people the article already knows (its cast and credits), found in a text,
//! and the recipients a flattened table ran together, split back into people.

/// The names of the article's cast and credits, in the order it gives them.
#[derive(Debug, Clone, Default)]
pub struct KnownNames {
    names: Vec<String>,
}

impl KnownNames {
    /// The names, each kept once, in first-seen order.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> KnownNames {
        let mut known = KnownNames::default();
        for name in names {
            let name = name.trim();
            if !name.is_empty() && !known.names.iter().any(|n| n == name) {
                known.names.push(name.to_string());
            }
        }
        known
    }

    /// The known names that `text` spells out whole, in the order they first appear. A name
    /// inside a longer known name (`Ross` in `Atticus Ross`) is not counted apart.
    pub fn found_in(&self, text: &str) -> Vec<String> {
        let mut matches: Vec<(usize, usize, &str)> = Vec::new();
        for name in &self.names {
            for (start, _) in text.match_indices(name.as_str()) {
                let end = start + name.len();
                if is_word_boundary(text, start, end) {
                    matches.push((start, end, name));
                }
            }
        }
        matches.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
        let mut found: Vec<String> = Vec::new();
        let mut covered_to = 0;
        for (start, end, name) in matches {
            if start < covered_to {
                continue;
            }
            covered_to = end;
            if !found.iter().any(|f| f == name) {
                found.push(name.to_string());
            }
        }
        found
    }

    /// Every known name.
    pub fn all(&self) -> &[String] {
        &self.names
    }
}

/// Whether `text[start..end]` stands alone: no letter or digit touches it on either side.
fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// People read out of a cell that ran their names together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SplitNames {
    /// Every name, in the cell's order.
    pub names: Vec<String>,
    /// The names that are not known ones: their split is a guess.
    pub guessed: Vec<String>,
}

/// Splits `cell` (`Jay Nierenberg Del Spiva Allen Hughes`) into names: the known ones
/// first, wherever they stand; the words between them two to a name, an initial or a
/// particle joined to the word after it, a suffix to the word before, and an odd word left
/// over joined to the last name.
pub fn split_names(cell: &str, known: &KnownNames) -> SplitNames {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let known_words: Vec<Vec<&str>> = known
        .all()
        .iter()
        .map(|n| n.split_whitespace().collect())
        .collect();
    let mut split = SplitNames::default();
    let mut pending: Vec<&str> = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let longest = known_words
            .iter()
            .filter(|k| !k.is_empty() && words[at..].starts_with(k))
            .max_by_key(|k| k.len());
        match longest {
            Some(name) => {
                guess_names(&pending, &mut split);
                pending.clear();
                split.names.push(name.join(" "));
                at += name.len();
            }
            None => {
                pending.push(words[at]);
                at += 1;
            }
        }
    }
    guess_names(&pending, &mut split);
    split
}

/// Groups words no known name covers into names of two words each (the guess). A suffix
/// (`Jr.`) ends a name, so it closes the group of names before it.
fn guess_names(words: &[&str], split: &mut SplitNames) {
    let mut units: Vec<Vec<&str>> = Vec::new();
    let mut joins_next = false;
    for &word in words {
        match units.last_mut() {
            Some(unit) if joins_next || is_suffix(word) => unit.push(word),
            _ => units.push(vec![word]),
        }
        joins_next = is_initial(word) || is_particle(word);
    }
    let ends_a_name = |unit: &Vec<&str>| unit.last().is_some_and(|w| is_suffix(w));
    for group in units.split_inclusive(ends_a_name) {
        let mut names: Vec<Vec<&str>> = group.chunks(2).map(<[Vec<&str>]>::concat).collect();
        if group.len() > 1
            && group.len() % 2 == 1
            && let Some(odd) = names.pop()
            && let Some(last) = names.last_mut()
        {
            last.extend(odd);
        }
        for name in names {
            let name = name.join(" ");
            split.guessed.push(name.clone());
            split.names.push(name);
        }
    }
}

/// `A.` or `A`: a middle initial.
fn is_initial(word: &str) -> bool {
    let letters = word.trim_end_matches('.');
    letters.chars().count() == 1 && letters.chars().all(char::is_uppercase)
}

fn is_particle(word: &str) -> bool {
    [
        "van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "la", "le", "bin",
    ]
    .contains(&word)
}

fn is_suffix(word: &str) -> bool {
    ["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"].contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownNames {
        KnownNames::new([
            "Allen Hughes",
            "Andrew A. Kosove",
            "Doug Pray",
            "Lasse Järvi",
            "Dr. Dre",
            "Atticus Ross",
            "Ross",
            "Nas",
            "The Defiant Ones",
        ])
    }

    #[test]
    fn split_names_uses_known_names_first_then_pairs_of_words() {
        let cases: [(&str, &[&str], &[&str]); 9] = [
            (
                "Allen Hughes Lasse Järvi Doug Pray",
                &["Allen Hughes", "Lasse Järvi", "Doug Pray"],
                &[],
            ),
            (
                "Jay Nierenberg Del Spiva Katrina Frederick David Mann Todd Niesen",
                &[
                    "Jay Nierenberg",
                    "Del Spiva",
                    "Katrina Frederick",
                    "David Mann",
                    "Todd Niesen",
                ],
                &[
                    "Jay Nierenberg",
                    "Del Spiva",
                    "Katrina Frederick",
                    "David Mann",
                    "Todd Niesen",
                ],
            ),
            (
                "Chris Jenkins Gabriel Andy Giner",
                &["Chris Jenkins", "Gabriel Andy Giner"],
                &["Chris Jenkins", "Gabriel Andy Giner"],
            ),
            (
                "Allen Hughes Andrew A. Kosove Steven D. Williams Doug Pray",
                &[
                    "Allen Hughes",
                    "Andrew A. Kosove",
                    "Steven D. Williams",
                    "Doug Pray",
                ],
                &["Steven D. Williams"],
            ),
            ("The Defiant Ones", &["The Defiant Ones"], &[]),
            ("Bono", &["Bono"], &["Bono"]),
            (
                "Ludwig van Beethoven Martin Luther King Jr. José Núñez",
                &[
                    "Ludwig van Beethoven",
                    "Martin Luther King Jr.",
                    "José Núñez",
                ],
                &[
                    "Ludwig van Beethoven",
                    "Martin Luther King Jr.",
                    "José Núñez",
                ],
            ),
            ("Atticus Ross Ross", &["Atticus Ross", "Ross"], &[]),
            ("", &[], &[]),
        ];
        for (cell, names, guessed) in cases {
            let split = split_names(cell, &known());
            assert_eq!(split.names, names, "names of {cell:?}");
            assert_eq!(split.guessed, guessed, "guesses in {cell:?}");
        }
    }

    #[test]
    fn found_in_finds_whole_names_in_order_of_appearance() {
        let cases: [(&str, &[&str]); 5] = [
            (
                "Dr. Dre and Jimmy Iovine's careers; Allen Hughes, then Dr. Dre again",
                &["Dr. Dre", "Allen Hughes"],
            ),
            ("Napster and Nashville, but Nas", &["Nas"]),
            ("music by Atticus Ross", &["Atticus Ross"]),
            ("Ross alone", &["Ross"]),
            ("nobody here", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(known().found_in(text), expected, "{text:?}");
        }
    }
}
