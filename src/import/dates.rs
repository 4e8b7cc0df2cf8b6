//! Dates in an article: `July 9, 2017`, `9 July 2017` and `2017-07-09`, ranges such as
//! `from July 9 to July 12, 2017`, and the air dates of parts only where the prose states
//! them.

use super::prose::words;
use crate::date::Date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A date written alone: `2017-07-09`, `July 9, 2017` or `9 July 2017`.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim().trim_end_matches('.');
    if let Some(date) = iso_date(text) {
        return Some(date);
    }
    let words = words(text);
    match date_at(&words, 0) {
        Some((date, Some(year), used)) if used == words.len() => valid(year, date.0, date.1),
        _ => None,
    }
}

fn iso_date(text: &str) -> Option<Date> {
    let mut parts = text.splitn(3, '-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    valid(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// The date, when it exists in the calendar.
fn valid(year: u16, month: u8, day: u8) -> Option<Date> {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => return None,
    };
    (day >= 1 && day <= days_in_month).then_some(Date { year, month, day })
}

fn month(word: &str) -> Option<u8> {
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS
        .iter()
        .position(|m| *m == word || (word.len() == 3 && m.starts_with(&word)))?;
    u8::try_from(index + 1).ok()
}

fn day(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year written in four digits.
pub fn year(word: &str) -> Option<u16> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// A month and day at `words[at]`, in either order, with the year when one follows; and
/// how many words it took.
fn date_at(words: &[&str], at: usize) -> Option<((u8, u8), Option<u16>, usize)> {
    let first = *words.get(at)?;
    let second = *words.get(at + 1)?;
    let (month_day, mut used) = match (month(first), day(second)) {
        (Some(m), Some(d)) => ((m, d), 2),
        _ => ((month(second)?, day(first)?), 2),
    };
    let year = words.get(at + used).and_then(|w| year(w));
    if year.is_some() {
        used += 1;
    }
    Some((month_day, year, used))
}

/// The first range of days `text` states: `from July 9 to July 12, 2017`,
/// `from 9 July 2017 to 12 July 2017`, `between … and …`.
pub fn find_range(text: &str) -> Option<(Date, Date)> {
    let words = words(text);
    (0..words.len()).find_map(|i| range_at(&words, i))
}

fn range_at(words: &[&str], at: usize) -> Option<(Date, Date)> {
    let opener = words[at].to_lowercase();
    if opener != "from" && opener != "between" {
        return None;
    }
    let ((m1, d1), y1, used) = date_at(words, at + 1)?;
    let joint = words.get(at + 1 + used)?.to_lowercase();
    if !matches!(joint.as_str(), "to" | "through" | "until" | "and") {
        return None;
    }
    let end_at = at + 2 + used;
    // The end may leave its month out: `from July 9 to 12, 2017`.
    let ((m2, d2), y2) = match date_at(words, end_at) {
        Some((month_day, y2, _)) => (month_day, y2),
        None => ((m1, day(words.get(end_at)?)?), year(words.get(end_at + 1)?)),
    };
    let y2 = y2.or(y1)?;
    // A range over the new year gives only its end's year: `December 30 to January 2, 2018`.
    let y1 = y1.unwrap_or(if m1 > m2 { y2 - 1 } else { y2 });
    let (start, end) = (valid(y1, m1, d1)?, valid(y2, m2, d2)?);
    (start <= end).then_some((start, end))
}

/// The days between two parts, when the prose says how they aired: `on four consecutive
/// nights` is one, `weekly` seven. The number of parts, when it says one, comes with it.
pub fn cadence(text: &str) -> Option<(i64, Option<usize>)> {
    let lower = text.to_lowercase();
    let daily = [
        "consecutive nights",
        "consecutive days",
        "consecutive evenings",
    ];
    let weekly = ["consecutive weeks"];
    for (phrases, step) in [(&daily[..], 1), (&weekly[..], 7)] {
        for phrase in phrases {
            if let Some(at) = lower.find(phrase) {
                let count = lower[..at].split_whitespace().last().and_then(number);
                return Some((step, count));
            }
        }
    }
    if lower.contains("nightly") || lower.contains("one a night") {
        return Some((1, None));
    }
    if lower.contains("weekly") || lower.contains("one a week") {
        return Some((7, None));
    }
    None
}

fn number(word: &str) -> Option<usize> {
    const WORDS: [&str; 12] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen",
    ];
    word.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|w| *w == word).map(|i| i + 2))
}

/// The air date of each of `parts` parts, when the prose states a range of days and how
/// the parts aired, and the two agree: `from July 9 to July 12, 2017` and `on four
/// consecutive nights` give four dates. `None` whenever that is not certain.
pub fn air_dates(paragraphs: &[String], parts: usize) -> Option<Vec<Date>> {
    if parts == 0 {
        return None;
    }
    let (step, count) = paragraphs.iter().find_map(|p| cadence(p))?;
    if count.is_some_and(|count| count != parts) {
        return None;
    }
    let span = step * i64::try_from(parts - 1).ok()?;
    let (start, _) = paragraphs
        .iter()
        .filter_map(|p| find_range(p))
        .find(|&(start, end)| add_days(start, span) == end)?;
    Some(
        (0..parts)
            .map(|i| add_days(start, step * i as i64))
            .collect(),
    )
}

/// `date` moved by `days`.
pub fn add_days(date: Date, days: i64) -> Date {
    civil_from_days(days_from_civil(date) + days)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(date: Date) -> i64 {
    let (month, day) = (i64::from(date.month), i64::from(date.day));
    let year = i64::from(date.year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> Date {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        iso_date(text).unwrap()
    }

    #[test]
    fn parse_date_reads_the_usual_forms() {
        let cases = [
            ("2017-07-09", Some("2017-07-09")),
            ("July 9, 2017", Some("2017-07-09")),
            ("9 July 2017", Some("2017-07-09")),
            ("Jul 9, 2017", Some("2017-07-09")),
            ("February 29, 2020", Some("2020-02-29")),
            ("February 29, 2019", None),
            ("2017-13-01", None),
            ("July 9", None),
            ("July 9, 2017 (HBO)", None),
            ("sometime in 2017", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let got = parse_date(text).map(|d| d.to_string());
            assert_eq!(got.as_deref(), expected, "{text:?}");
        }
    }

    #[test]
    fn find_range_reads_ranges_in_prose() {
        let cases = [
            (
                "that aired on HBO from July 9 to July 12, 2017.",
                Some(("2017-07-09", "2017-07-12")),
            ),
            (
                "ran from 30 December 2017 to 2 January 2018",
                Some(("2017-12-30", "2018-01-02")),
            ),
            (
                "aired from December 30 to January 2, 2018",
                Some(("2017-12-30", "2018-01-02")),
            ),
            (
                "between March 1 and March 5, 2021",
                Some(("2021-03-01", "2021-03-05")),
            ),
            (
                "from July 9 to 12, 2017",
                Some(("2017-07-09", "2017-07-12")),
            ),
            ("from July 12 to July 9, 2017", None),
            ("from July 9 to July 12", None),
            ("from 2015 to 2017", None),
            ("premiered in 2021 on Arte", None),
        ];
        for (text, expected) in cases {
            let got = find_range(text).map(|(a, b)| (a.to_string(), b.to_string()));
            let expected = expected.map(|(a, b)| (a.to_string(), b.to_string()));
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn air_dates_only_where_the_prose_states_them() {
        let seed = [
            "aired on HBO from July 9 to July 12, 2017.".to_string(),
            "The documentary aired on HBO on four consecutive nights from July 9 to July 12, 2017."
                .to_string(),
        ];
        let dated = |paragraphs: &[String], parts| {
            air_dates(paragraphs, parts).map(|d| d.iter().map(Date::to_string).collect::<Vec<_>>())
        };
        assert_eq!(
            dated(&seed, 4),
            Some(vec![
                "2017-07-09".into(),
                "2017-07-10".into(),
                "2017-07-11".into(),
                "2017-07-12".into()
            ])
        );
        let cases: [(&[&str], usize, bool); 7] = [
            (&["aired weekly from March 1 to March 15, 2021"], 3, true),
            (&["aired weekly from March 1 to March 15, 2021"], 4, false),
            (
                &["on four consecutive nights from July 9 to July 12, 2017"],
                3,
                false,
            ),
            (&["aired from July 9 to July 12, 2017"], 4, false),
            (&["on consecutive nights"], 4, false),
            (&["premiered in 2021"], 6, false),
            (
                &["on three consecutive nights from July 9 to July 12, 2017"],
                4,
                false,
            ),
        ];
        for (paragraphs, parts, has_dates) in cases {
            let paragraphs: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
            assert_eq!(
                dated(&paragraphs, parts).is_some(),
                has_dates,
                "{paragraphs:?} with {parts} parts"
            );
        }
    }

    #[test]
    fn add_days_crosses_months_years_and_leap_days() {
        let cases = [
            ("2017-07-09", 3, "2017-07-12"),
            ("2017-12-30", 3, "2018-01-02"),
            ("2020-02-28", 1, "2020-02-29"),
            ("2019-02-28", 1, "2019-03-01"),
            ("2000-03-01", -1, "2000-02-29"),
            ("1970-01-01", 0, "1970-01-01"),
        ];
        for (start, days, expected) in cases {
            assert_eq!(
                add_days(date(start), days).to_string(),
                expected,
                "{start} + {days}"
            );
        }
    }
}
