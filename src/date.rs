//! Dates: the calendar days of front matter and `site.toml`, as TOML writes them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day, written in TOML as a bare date: `date = 2017-07-09`.
///
/// The TOML parser already rejects impossible days such as `2017-02-30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2017.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// The date and midnight UTC, as feeds want it: `2017-07-09T00:00:00Z`.
    pub fn rfc3339(&self) -> String {
        format!("{self}T00:00:00Z")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let datetime = toml::value::Datetime::deserialize(deserializer)?;
        match (datetime.date, datetime.time) {
            (Some(date), None) => Ok(Date {
                year: date.year,
                month: date.month,
                day: date.day,
            }),
            _ => Err(serde::de::Error::custom(format!(
                "expected a date such as 2017-07-09, found `{datetime}`"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        date: Date,
    }

    #[test]
    fn reads_a_bare_toml_date() {
        let holder: Holder = toml::from_str("date = 2017-07-09").unwrap();
        assert_eq!(holder.date.to_string(), "2017-07-09");
        assert_eq!(holder.date.rfc3339(), "2017-07-09T00:00:00Z");
    }

    #[test]
    fn rejects_times_strings_and_impossible_days() {
        for text in [
            "date = 2017-07-09T10:00:00",
            "date = \"2017-07-09\"",
            "date = 2017-02-30",
        ] {
            assert!(toml::from_str::<Holder>(text).is_err(), "{text}");
        }
    }
}
