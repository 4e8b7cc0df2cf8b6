//! Slugs: the one place that turns a name or a heading into a URL-safe word.

/// Folds `text` to a slug of lowercase ASCII letters, digits and single hyphens.
///
/// Accents are transliterated (`Järvi` → `jarvi`) and every run of other characters,
/// punctuation included, becomes one hyphen (`Will.i.am` → `will-i-am`).
pub fn slugify(text: &str) -> String {
    let folded = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(deunicode::deunicode(text))
    };
    let mut slug = String::with_capacity(folded.len());
    let mut pending_hyphen = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // An apostrophe joins the word it sits in: `Don't` → `dont`.
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// Whether `slug` is acceptable as an editor-written `slug`: `[a-z0-9-]`, not empty,
/// and neither starting nor ending with a hyphen.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_folds_accents_and_punctuation() {
        let cases = [
            ("Lasse Järvi", "lasse-jarvi"),
            ("Will.i.am", "will-i-am"),
            ("The D.O.C.", "the-d-o-c"),
            ("Dr. Dre", "dr-dre"),
            ("Andrew A. Kosove", "andrew-a-kosove"),
            ("MTV Movie & TV Awards", "mtv-movie-tv-awards"),
            ("  Part 1  ", "part-1"),
            (
                "Outstanding Editing (Television over 30 minutes)",
                "outstanding-editing-television-over-30-minutes",
            ),
            ("Don't Stop", "dont-stop"),
            ("Beyoncé", "beyonce"),
            ("...", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    #[test]
    fn valid_slugs_are_lowercase_ascii_words_joined_by_hyphens() {
        for good in ["part-1", "a", "2017", "the-d-o-c"] {
            assert!(is_valid_slug(good), "{good} should be valid");
        }
        for bad in ["", "Part-1", "part_1", "../etc", "-a", "a-", "a/b", "é"] {
            assert!(!is_valid_slug(bad), "{bad} should be invalid");
        }
    }
}
