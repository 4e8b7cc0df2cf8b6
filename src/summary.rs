//! Summaries: the first words of a rendered page, as plain text, for meta descriptions,
//! feeds and lists of pages.

/// The first words of a rendered body, as plain text, for a meta description.
///
/// Block ends become spaces; footnote references and definitions are left out.
pub fn summary(html: &str, fallback: &str) -> String {
    const MAX: usize = 160;
    let text = plain_text(html, MAX + 40);
    let text = text.trim();
    if text.is_empty() {
        return fallback.to_string();
    }
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    // End on a whole sentence when one fits, else on a whole word.
    let sentence_end = cut
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .filter(|&i| i >= MAX / 3 && !ends_with_abbreviation(&cut[..i]))
        .last();
    match sentence_end {
        Some(end) => cut[..end].to_string(),
        None => {
            let end = cut.rfind(' ').unwrap_or(cut.len());
            format!("{}…", cut[..end].trim_end_matches([',', ';', ':', '.']))
        }
    }
}

/// Whether `text`, ending with a period, ends with a short capitalised word such as
/// `Dr.` or `Inc.`, after which a sentence does not end.
fn ends_with_abbreviation(text: &str) -> bool {
    let word = text[..text.len() - 1]
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    word.chars().count() <= 3 && word.starts_with(|c: char| c.is_uppercase())
}

/// The words a reader sees in `html`, for the search index: its text, entities decoded and
/// white space collapsed, without footnotes.
pub fn words(html: &str) -> String {
    plain_text(html, html.len())
}

/// The text of `html`, its entities decoded and its white space collapsed, up to a
/// little over `limit` characters.
fn plain_text(html: &str, limit: usize) -> String {
    const BLOCKS: [&str; 16] = [
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "div",
        "br",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "blockquote",
    ];
    let mut text = Plain {
        text: String::with_capacity(limit + 8),
        chars: 0,
        limit,
    };
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if skipping.is_none() {
            text.push_html(&rest[..open]);
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        match skipping {
            Some(skipped) if tag.starts_with('/') && name == skipped => skipping = None,
            Some(_) => {}
            None if tag.contains("footnote-definition") => return text.text,
            None if name == "sup" && tag.contains("footnote-reference") => skipping = Some("sup"),
            None if BLOCKS.contains(&name) => text.push(' '),
            None => {}
        }
        if text.is_full() {
            return text.text;
        }
    }
    if skipping.is_none() {
        text.push_html(rest);
    }
    text.text
}

/// Plain text being collected, with a count of its characters.
struct Plain {
    text: String,
    chars: usize,
    limit: usize,
}

impl Plain {
    fn is_full(&self) -> bool {
        self.chars > self.limit
    }

    /// Adds HTML text, decoding the entities the Markdown renderer writes.
    fn push_html(&mut self, mut piece: &str) {
        const ENTITIES: [(&str, char); 5] = [
            ("&quot;", '"'),
            ("&#39;", '\''),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&amp;", '&'),
        ];
        while let Some(c) = piece.chars().next() {
            if self.is_full() {
                return;
            }
            // A run of plain ASCII, the most of any text, is copied whole.
            let run = piece
                .bytes()
                .position(|b| matches!(b, b'&' | b' ' | b'\t'..=b'\r' | 0x80..))
                .unwrap_or(piece.len())
                .min(self.limit + 1 - self.chars);
            if run > 0 {
                self.text.push_str(&piece[..run]);
                self.chars += run;
                piece = &piece[run..];
                continue;
            }
            let entity = (c == '&')
                .then(|| ENTITIES.iter().find(|(name, _)| piece.starts_with(name)))
                .flatten();
            match entity {
                Some((name, decoded)) => {
                    self.push(*decoded);
                    piece = &piece[name.len()..];
                }
                None => {
                    self.push(c);
                    piece = &piece[c.len_utf8()..];
                }
            }
        }
    }

    /// Adds one character; white space becomes one space between words.
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            if !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
                self.chars += 1;
            }
        } else {
            self.text.push(c);
            self.chars += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_is_plain_text_cut_at_a_sentence_or_a_word() {
        let cases = [
            ("<p>Dr. Dre &amp; <em>Jimmy</em>.</p>\n", "Dr. Dre & Jimmy."),
            ("<h2>A</h2><p>B<br>C</p>", "A B C"),
            ("", "fallback"),
            (
                "<p>Text.<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>\n\
                 <div class=\"footnote-definition\" id=\"1\"><p>Note.</p></div>",
                "Text.",
            ),
        ];
        for (html, expected) in cases {
            assert_eq!(summary(html, "fallback"), expected, "{html}");
        }
        let long = format!("<p>{}</p>", "word ".repeat(60));
        let cut = summary(&long, "");
        assert!(
            cut.ends_with("word…") && cut.chars().count() <= 161,
            "{cut}"
        );
        let sentences = format!(
            "<p>{}. {}</p>",
            "First sentence ".repeat(6).trim(),
            "more ".repeat(40)
        );
        let cut = summary(&sentences, "");
        assert!(
            cut.ends_with("sentence."),
            "a whole sentence when one fits: {cut}"
        );
        let abbreviation = format!(
            "<p>{} Dr. Dre {}</p>",
            "word ".repeat(25),
            "more ".repeat(30)
        );
        assert!(
            summary(&abbreviation, "").ends_with("more…"),
            "no sentence ends at `Dr.`"
        );
    }
}
