//! Cast: the lists of the cast section, read into `[[series.cast]]`; `X as Y` is a role,
//! and a reenactment under a `Reenactments:` label.

use super::article::{Kind, Line, kind};
use crate::config::CastMember;

/// What the cast section holds.
#[derive(Debug, Default)]
pub struct Cast<'a> {
    /// The people, in the article's order.
    pub members: Vec<CastMember>,
    /// Labels it does not know (`Narrator:`), kept to be shown untouched.
    pub unknown_labels: Vec<Line<'a>>,
    /// Running text and anything else, for the cast page's body.
    pub other: Vec<Line<'a>>,
}

/// Labels under which people appear as themselves.
const THEMSELVES: [&str; 6] = [
    "as themselves",
    "themselves",
    "cast",
    "featuring",
    "interviewees",
    "appearing",
];

/// Reads the cast section's lines.
pub fn read<'a>(lines: &[Line<'a>]) -> Cast<'a> {
    let mut cast = Cast::default();
    let mut in_reenactments = false;
    for line in lines {
        match kind(line.text) {
            Kind::Label(label) => {
                let label = label.to_lowercase();
                in_reenactments = is_reenactment_label(&label);
                if !in_reenactments && !THEMSELVES.contains(&label.as_str()) {
                    cast.unknown_labels.push(*line);
                }
            }
            Kind::Item(item) => cast.members.push(member(item, in_reenactments)),
            Kind::Blank => {}
            _ => cast.other.push(*line),
        }
    }
    cast
}

fn is_reenactment_label(label: &str) -> bool {
    ["reenact", "re-enact", "dramatization", "dramatisation"]
        .iter()
        .any(|word| label.contains(word))
}

/// `Gregory Schwabe as FBI Agent` → the person and their part.
fn member(item: &str, reenactment: bool) -> CastMember {
    match item.split_once(" as ") {
        Some((name, role)) if !name.trim().is_empty() && !role.trim().is_empty() => CastMember {
            name: name.trim().to_string(),
            role: Some(role.trim().to_string()),
            reenactment,
        },
        _ => CastMember {
            name: item.to_string(),
            role: None,
            reenactment: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, text)| Line {
                number: i + 1,
                offset: 0,
                text,
            })
            .collect()
    }

    #[test]
    fn cast_lines_become_people_roles_and_reenactments() {
        let text = "As themselves:\n- Jimmy Iovine\n- Zoë Ångström as narrator\nReenactments:\n- Gregory Schwabe as FBI Agent\n- Someone Alone\nNarrator:\n- José Núñez\nAlso some words.";
        let cast = read(&lines(text));
        let got: Vec<(&str, Option<&str>, bool)> = cast
            .members
            .iter()
            .map(|m| (m.name.as_str(), m.role.as_deref(), m.reenactment))
            .collect();
        assert_eq!(
            got,
            [
                ("Jimmy Iovine", None, false),
                ("Zoë Ångström", Some("narrator"), false),
                ("Gregory Schwabe", Some("FBI Agent"), true),
                ("Someone Alone", None, false),
                ("José Núñez", None, false),
            ]
        );
        let unknown: Vec<&str> = cast.unknown_labels.iter().map(|l| l.text).collect();
        assert_eq!(unknown, ["Narrator:"]);
        assert_eq!(cast.other[0].text, "Also some words.");
    }
}
