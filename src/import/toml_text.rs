//! TOML text: writes keys and values with their quoting right, so that what `fansite import`
//! writes reads back as the same strings, accents and quotes included.

use std::fmt::Write;

use crate::date::Date;

/// A TOML string: a basic string, with `"`, `\` and control characters escaped.
pub fn string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it may be, quoted otherwise.
pub fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare { name.to_string() } else { string(name) }
}

/// An array of strings: on one line when short, else one item a line, as people write them.
pub fn string_array(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|v| string(v)).collect();
    let one_line = format!("[{}]", items.join(", "));
    if one_line.len() <= 80 {
        return one_line;
    }
    let mut out = String::from("[\n");
    for item in items {
        let _ = writeln!(out, "  {item},");
    }
    out.push(']');
    out
}

/// A TOML document written line by line, in the order a person would read it.
#[derive(Debug, Default)]
pub struct TomlText(String);

impl TomlText {
    /// A `# …` comment line.
    pub fn comment(&mut self, text: &str) -> &mut Self {
        let _ = writeln!(self.0, "# {text}");
        self
    }

    /// A `[table]` header, after a blank line.
    pub fn table(&mut self, name: &str) -> &mut Self {
        let _ = write!(self.0, "\n[{name}]\n");
        self
    }

    /// A `[[table]]` header, after a blank line.
    pub fn array_table(&mut self, name: &str) -> &mut Self {
        let _ = write!(self.0, "\n[[{name}]]\n");
        self
    }

    /// `key = "value"`.
    pub fn string(&mut self, name: &str, value: &str) -> &mut Self {
        self.raw(name, &string(value))
    }

    /// `key = "value"` when there is a value.
    pub fn optional(&mut self, name: &str, value: Option<&str>) -> &mut Self {
        match value {
            Some(value) => self.string(name, value),
            None => self,
        }
    }

    /// `key = 3`.
    pub fn integer(&mut self, name: &str, value: impl Into<i64>) -> &mut Self {
        self.raw(name, &value.into().to_string())
    }

    /// `key = 2017-07-09`, a TOML date.
    pub fn date(&mut self, name: &str, value: Date) -> &mut Self {
        self.raw(name, &value.to_string())
    }

    /// `key = true`.
    pub fn boolean(&mut self, name: &str, value: bool) -> &mut Self {
        self.raw(name, if value { "true" } else { "false" })
    }

    /// `key = ["a", "b"]`, left out when there are none.
    pub fn strings(&mut self, name: &str, values: &[String]) -> &mut Self {
        if values.is_empty() {
            return self;
        }
        self.raw(name, &string_array(values))
    }

    /// `key = value`, the value already written as TOML.
    fn raw(&mut self, name: &str, value: &str) -> &mut Self {
        let _ = writeln!(self.0, "{} = {value}", key(name));
        self
    }

    /// The text written so far.
    pub fn finish(&mut self) -> String {
        std::mem::take(&mut self.0)
    }
}

/// A content file: front matter between `+++` lines, then the Markdown body.
pub fn page(front: &str, body: &str) -> String {
    let mut text = format!("+++\n{front}+++\n");
    if !body.trim().is_empty() {
        text.push_str(body.trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Holder {
        value: String,
    }

    #[test]
    fn strings_read_back_as_written() {
        let cases = [
            "plain",
            "Zoë Ångström",
            "José Núñez",
            "a \"quoted\" word",
            "back\\slash",
            "tab\there",
            "two\nlines",
            "bell\u{7}",
            "“curly” and ’apostrophes’",
            "",
        ];
        for value in cases {
            let text = format!("value = {}", string(value));
            let holder: Holder = toml::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(holder.value, value, "{text}");
        }
    }

    #[test]
    fn keys_are_bare_only_when_they_may_be() {
        let cases = [
            ("director", "director"),
            ("executive_producer", "executive_producer"),
            ("a-b", "a-b"),
            ("narrated by", "\"narrated by\""),
            ("rôle", "\"rôle\""),
            ("", "\"\""),
        ];
        for (name, expected) in cases {
            assert_eq!(key(name), expected, "{name}");
        }
    }

    #[test]
    fn long_arrays_take_one_line_per_item() {
        let short = string_array(&["A".into(), "B".into()]);
        assert_eq!(short, "[\"A\", \"B\"]");
        let names: Vec<String> = (0..12).map(|i| format!("Person Number {i}")).collect();
        let long = string_array(&names);
        assert!(long.starts_with("[\n  \"Person Number 0\",\n"), "{long}");
        let parsed: toml::Table = toml::from_str(&format!("x = {long}")).unwrap();
        assert_eq!(parsed["x"].as_array().unwrap().len(), 12);
    }
}
