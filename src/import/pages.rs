//! Page bodies: a section's lines and subsections written as Markdown that shows every
//! word as the article wrote it, with the lines the import could not read kept as text.

use super::article::{Kind, Line, Section, kind};
use super::prose::{escape_heading, escape_markdown};

/// A page's Markdown body, being written.
#[derive(Debug, Default)]
pub struct Body {
    blocks: Vec<String>,
    /// Whether the last block is a list that the next item continues.
    in_list: bool,
    /// Whether the last block is a paragraph that the next line of text continues.
    in_paragraph: bool,
    /// Lines kept only as text: their number and text.
    pub unplaced: Vec<(usize, String)>,
}

impl Body {
    /// Writes `lines` as paragraphs and lists. A table row has no place in running text: it
    /// is kept as a paragraph of its own and counted as unplaced.
    pub fn lines(&mut self, lines: &[Line<'_>]) -> &mut Self {
        for line in lines {
            match kind(line.text) {
                Kind::Blank | Kind::Heading(..) => self.end_block(),
                Kind::Item(item) => {
                    if !self.in_list {
                        self.end_block();
                        self.blocks.push(String::new());
                        self.in_list = true;
                    }
                    self.append(&format!("- {}", escape_markdown(item)));
                }
                Kind::Row => self.unplaced(line),
                Kind::Label(_) | Kind::Text => {
                    if !self.in_paragraph {
                        self.end_block();
                        self.blocks.push(String::new());
                        self.in_paragraph = true;
                    }
                    self.append(&escape_markdown(line.text));
                }
            }
        }
        self.end_block();
        self
    }

    /// Keeps `line` as a paragraph of its own, as written, and counts it as unplaced.
    pub fn unplaced(&mut self, line: &Line<'_>) {
        self.end_block();
        self.blocks.push(escape_markdown(line.text));
        self.unplaced
            .push((line.number, line.trimmed().to_string()));
    }

    /// Writes a heading of `level` (`##` is 2).
    pub fn heading(&mut self, level: usize, title: &str) -> &mut Self {
        self.end_block();
        let level = level.clamp(2, 6);
        self.blocks
            .push(format!("{} {}", "#".repeat(level), escape_heading(title)));
        self
    }

    /// Writes each section under a heading of `level`, its subsections one level below.
    pub fn sections(&mut self, sections: &[&Section<'_>], level: usize) -> &mut Self {
        for section in sections {
            self.heading(level, section.title).lines(&section.lines);
            let children: Vec<&Section<'_>> = section.children.iter().collect();
            self.sections(&children, level + 1);
        }
        self
    }

    fn append(&mut self, line: &str) {
        if let Some(block) = self.blocks.last_mut() {
            if !block.is_empty() {
                block.push('\n');
            }
            block.push_str(line);
        }
    }

    fn end_block(&mut self) {
        self.in_list = false;
        self.in_paragraph = false;
    }

    /// The Markdown, and the lines kept only as text.
    pub fn finish(self) -> (String, Vec<(usize, String)>) {
        let blocks: Vec<String> = self.blocks.into_iter().filter(|b| !b.is_empty()).collect();
        (blocks.join("\n\n"), self.unplaced)
    }
}

/// The paragraphs of `lines`: consecutive lines of text joined by a space. Lists, labels
/// and tables are left out.
pub fn paragraphs(lines: &[Line<'_>]) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines {
        if kind(line.text) == Kind::Text {
            match paragraphs.last_mut() {
                Some(last) if open => {
                    last.push(' ');
                    last.push_str(line.trimmed());
                }
                _ => paragraphs.push(line.trimmed().to_string()),
            }
            open = true;
        } else {
            open = false;
        }
    }
    paragraphs
}

/// The paragraphs of a section and of its subsections, in order.
pub fn all_paragraphs(section: &Section<'_>) -> Vec<String> {
    let mut all = paragraphs(&section.lines);
    for child in &section.children {
        all.extend(all_paragraphs(child));
    }
    all
}

/// Every line of a section and of its subsections, headings included, as one text.
pub fn all_text(section: &Section<'_>) -> String {
    let mut text: Vec<&str> = section.lines.iter().map(|l| l.text).collect();
    let mut children = String::new();
    for child in &section.children {
        children.push_str(child.title);
        children.push('\n');
        children.push_str(&all_text(child));
    }
    text.push(&children);
    text.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        let mut offset = 0;
        text.split('\n')
            .enumerate()
            .map(|(i, t)| {
                let line = Line {
                    number: i + 1,
                    offset,
                    text: t,
                };
                offset += t.len() + 1;
                line
            })
            .collect()
    }

    #[test]
    fn lines_become_paragraphs_lists_and_kept_rows() {
        let text =
            "First line\nsame paragraph.\n\nAs themselves:\n- A *star*\n- B\n| a | b |\nAfter.";
        let mut body = Body::default();
        body.lines(&lines(text));
        let (markdown, unplaced) = body.finish();
        assert_eq!(
            markdown,
            "First line\nsame paragraph.\n\nAs themselves:\n\n- A \\*star\\*\n- B\n\n\\| a \\| b \\|\n\nAfter."
        );
        assert_eq!(unplaced, [(7, "| a | b |".to_string())]);
        assert_eq!(
            paragraphs(&lines(text)),
            ["First line same paragraph.", "After."]
        );
    }
}
