//! Prose: the article's running text cut into sentences, its quotations, its words, and
//! its lines made safe to write as Markdown without changing a character of what they say.

/// The sentences of `text`, trimmed. A sentence ends at `.`, `!` or `?` (and any closing
/// quote after it) followed by a space and a capital, a digit or an opening quote; not
/// inside a quotation, and not after an abbreviation such as `Dr.` or an initial.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut in_quote = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => in_quote = !in_quote,
            '“' => in_quote = true,
            '”' => in_quote = false,
            '.' | '!' | '?' => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, next)) = chars.peek() {
                    match next {
                        '"' | '”' | ')' | '’' => {
                            if next == '"' || next == '”' {
                                in_quote = false;
                            }
                            end = j + next.len_utf8();
                            chars.next();
                        }
                        _ => break,
                    }
                }
                if !in_quote
                    && starts_a_sentence(&text[end..])
                    && !(c == '.' && is_abbreviation(&text[start..i]))
                {
                    sentences.push(text[start..end].trim());
                    start = end;
                }
            }
            _ => {}
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        sentences.push(rest);
    }
    sentences
}

fn starts_a_sentence(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next().is_some_and(char::is_whitespace)
        && chars
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“')
}

/// Whether `before`, the text before a period, ends with an abbreviation after which a
/// sentence goes on: `Dr`, `Inc`, an initial `A`, `U.S`.
fn is_abbreviation(before: &str) -> bool {
    const ABBREVIATIONS: [&str; 12] = [
        "Dr", "Mr", "Mrs", "Ms", "Jr", "Sr", "St", "Inc", "Ltd", "Co", "vs", "No",
    ];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    ABBREVIATIONS.contains(&word)
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || word.contains('.')
}

/// The quotations of `sentence`, between straight or curly double quotes, in order.
pub fn quotes(sentence: &str) -> Vec<&str> {
    let mut quotes = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in sentence.char_indices() {
        match (c, open) {
            ('"', None) | ('“', _) => open = Some(i + c.len_utf8()),
            ('"', Some(start)) | ('”', Some(start)) => {
                let quote = sentence[start..i].trim();
                if !quote.is_empty() {
                    quotes.push(quote);
                }
                open = None;
            }
            _ => {}
        }
    }
    quotes
}

/// `word` without the punctuation around it: `(Television`, `minutes).` and `"Thaw"`
/// give `Television`, `minutes` and `Thaw`.
pub fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '"' | '“' | '”'))
}

/// The words of `text`, each without the punctuation around it.
pub fn words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(bare)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `word` starts with a capital letter or a digit, as names and titles do.
pub fn is_capitalized(word: &str) -> bool {
    word.trim_start_matches(['(', '"', '“', '\''])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A line of text written so that Markdown shows it as it is: characters that would start
/// emphasis, links, HTML, tables or a list are escaped, and so are `--` and `...`, which
/// smart punctuation would turn into dashes and ellipses.
pub fn escape_markdown(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '&' | '|' | '~' => true,
            '-' => before == Some('-') || after == Some('-'),
            '.' => before == Some('.') || after == Some('.'),
            _ => false,
        } || (i == 0 && matches!(c, '#' | '>' | '+' | '=' | '-'))
            || is_list_number_end(&chars, i);
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `chars[i]` is the `.` or `)` of a line starting `12.` or `3)`, an ordered list.
fn is_list_number_end(chars: &[char], i: usize) -> bool {
    matches!(chars[i], '.' | ')')
        && i > 0
        && chars[..i].iter().all(char::is_ascii_digit)
        && chars.get(i + 1).is_none_or(|c| c.is_whitespace())
}

/// A heading's text as Markdown: escaped like a line, and its braces too, which would
/// otherwise set the heading's id.
pub fn escape_heading(text: &str) -> String {
    escape_markdown(text)
        .replace('{', "\\{")
        .replace('}', "\\}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_where_a_reader_would_end_them() {
        let cases: [(&str, &[&str]); 6] = [
            (
                "It aired on HBO. It focuses on Dr. Dre and Andrew A. Kosove.",
                &[
                    "It aired on HBO.",
                    "It focuses on Dr. Dre and Andrew A. Kosove.",
                ],
            ),
            (
                "The consensus reads: \"A portrait. Of two men.\" On Metacritic it has 76.",
                &[
                    "The consensus reads: \"A portrait. Of two men.\"",
                    "On Metacritic it has 76.",
                ],
            ),
            (
                "Sold to Apple Inc. for $3 billion. Then what?",
                &["Sold to Apple Inc. for $3 billion.", "Then what?"],
            ),
            ("Aired in the U.S. on HBO.", &["Aired in the U.S. on HBO."]),
            ("No final period", &["No final period"]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(sentences(text), expected, "{text:?}");
        }
    }

    #[test]
    fn quotes_are_read_in_order() {
        let cases: [(&str, &[&str]); 4] = [
            (
                "called it \"glossy\" as well as \"lush\" in his review",
                &["glossy", "lush"],
            ),
            ("wrote “curly quotes” too", &["curly quotes"]),
            ("an \"open quote", &[]),
            ("none", &[]),
        ];
        for (sentence, expected) in cases {
            assert_eq!(quotes(sentence), expected, "{sentence:?}");
        }
    }

    #[test]
    fn escaped_lines_render_as_written() {
        let lines = [
            "Plain words, an apostrophe's and \"quotes\".",
            "US $3 billion (the largest acquisition in Apple's history) — a dash",
            "*stars* and _underscores_ and [brackets](x) and <b>tags</b> & ampersands",
            "# not a heading",
            "- not a list",
            "12. not a list either",
            "> not a quote",
            "a -- b --- c ... d",
            "back\\slash, a | pipe, ~tilde~ and `code`",
            "MTV Movie & TV Awards",
        ];
        for line in lines {
            let markdown = escape_markdown(line);
            let links = crate::markdown::Links {
                resolve: &|_| None,
                base_path: "/",
                pictures: None,
                shortcodes: None,
            };
            let html = crate::markdown::render(&markdown, &links)
                .unwrap_or_else(|_| panic!("{markdown}"))
                .html;
            let text = html
                .trim()
                .trim_start_matches("<p>")
                .trim_end_matches("</p>")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace(['\u{2019}', '\u{2018}'], "'")
                .replace(['\u{201c}', '\u{201d}'], "\"");
            assert_eq!(text, line, "{markdown}");
        }
    }
}
