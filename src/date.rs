//! Calendar dates: strict ISO parsing, Swedish spellings for suggestions,
//! the one-year deadline and today's date in Sweden.
//!
//! Written by hand rather than with `time`/`chrono`/`jiff`: the engine needs
//! only proleptic Gregorian dates (no times, no zones but Sweden's fixed EU
//! rule), and every kilobyte counts in the browser build.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date (proleptic Gregorian, years 1–9999).
///
/// ```
/// use motion_validator::Date;
/// let d = Date::parse_iso("2020-05-25").unwrap();
/// assert_eq!(d.to_string(), "2020-05-25");
/// assert_eq!(d.add_one_year().to_string(), "2021-05-25");
/// assert!(Date::parse_iso("2020-02-30").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// 1 January 1971: today's municipalities (the kommunreform) and the
    /// one-chamber Riksdag both begin here, so no motion to either is older.
    pub(crate) const REFORM_1971: Date = Date {
        year: 1971,
        month: 1,
        day: 1,
    };

    /// A date from its parts, or `None` when it is not in the calendar.
    ///
    /// ```
    /// use motion_validator::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2023, 2, 29).is_none());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` (ten ASCII characters, a real date).
    ///
    /// ```
    /// use motion_validator::Date;
    /// assert!(Date::parse_iso("2020-5-25").is_none());
    /// assert_eq!(Date::parse_iso("2024-02-29").unwrap().year(), 2024);
    /// ```
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            b[r].iter().try_fold(0u16, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u16::from(c - b'0'))
            })
        };
        let month = u8::try_from(num(5..7)?).ok()?;
        let day = u8::try_from(num(8..10)?).ok()?;
        Date::new(num(0..4)?, month, day)
    }

    /// Reads the ways Swedes write dates — "25 maj 2020", "den 25 maj
    /// 2020", "25/5 2020", "25.05.2020", "2020/05/25", "20200525" — for a
    /// suggestion. Returns `None` when it is not clearly one date.
    ///
    /// ```
    /// use motion_validator::Date;
    /// assert_eq!(Date::parse_swedish("25 maj 2020").unwrap().to_string(), "2020-05-25");
    /// assert_eq!(Date::parse_swedish("den 3 okt. 2021").unwrap().to_string(), "2021-10-03");
    /// assert_eq!(Date::parse_swedish("25/5 2020").unwrap().to_string(), "2020-05-25");
    /// assert!(Date::parse_swedish("i maj").is_none());
    /// ```
    pub fn parse_swedish(text: &str) -> Option<Date> {
        enum Tok<'a> {
            Num(&'a str),
            Word(String),
        }
        let mut toks = Vec::new();
        for part in text.split(|c: char| !c.is_alphanumeric()) {
            if part.is_empty() {
                continue;
            }
            if part.bytes().all(|b| b.is_ascii_digit()) {
                toks.push(Tok::Num(part));
            } else if part.chars().all(char::is_alphabetic) {
                let w = crate::unicode::to_lowercase(part);
                if w != "den" {
                    toks.push(Tok::Word(w));
                }
            } else {
                return None;
            }
            if toks.len() > 3 {
                return None;
            }
        }
        let n = |s: &str| s.parse::<u16>().ok();
        let (y, m, d) = match toks.as_slice() {
            [Tok::Num(s)] if s.len() == 8 => (n(s.get(..4)?)?, n(s.get(4..6)?)?, n(s.get(6..)?)?),
            [Tok::Num(d), Tok::Word(w), Tok::Num(y)] if y.len() == 4 => {
                (n(y)?, month_from_word(w)?, n(d)?)
            }
            [Tok::Num(y), Tok::Num(m), Tok::Num(d)] if y.len() == 4 => (n(y)?, n(m)?, n(d)?),
            [Tok::Num(d), Tok::Num(m), Tok::Num(y)] if y.len() == 4 => (n(y)?, n(m)?, n(d)?),
            _ => return None,
        };
        Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
    }

    /// The year.
    ///
    /// ```
    /// # use motion_validator::Date;
    /// assert_eq!(Date::new(2021, 6, 1).unwrap().year(), 2021);
    /// ```
    pub fn year(self) -> u16 {
        self.year
    }

    /// The Swedish name of month `month` (1–12), as Swedes write dates
    /// ("25 maj 2020"); the same names [`Date::parse_swedish`] reads.
    ///
    /// ```
    /// # use motion_validator::Date;
    /// assert_eq!(Date::month_name_sv(5), Some("maj"));
    /// assert_eq!(Date::month_name_sv(13), None);
    /// ```
    pub fn month_name_sv(month: u8) -> Option<&'static str> {
        MONTHS.get(usize::from(month).checked_sub(1)?).copied()
    }

    /// The day as Swedes write it in prose: `25 maj 2020`.
    ///
    /// ```
    /// # use motion_validator::Date;
    /// assert_eq!(Date::parse_iso("2020-05-25").unwrap().to_swedish(), "25 maj 2020");
    /// ```
    pub fn to_swedish(self) -> String {
        let month = Date::month_name_sv(self.month).unwrap_or_default();
        format!("{} {month} {}", self.day, self.year)
    }

    /// The same day a year later; 29 February becomes 28 February.
    /// This is the deadline of Kommunallagen 5 kap. 35 §.
    ///
    /// ```
    /// # use motion_validator::Date;
    /// assert_eq!(Date::new(2020, 2, 29).unwrap().add_one_year().to_string(), "2021-02-28");
    /// ```
    pub fn add_one_year(self) -> Date {
        let year = (self.year + 1).min(9999);
        let day = self.day.min(days_in_month(year, self.month));
        Date { year, day, ..self }
    }

    /// Today's date in Sweden (Europe/Stockholm: UTC+1, UTC+2 from the last
    /// Sunday of March to the last Sunday of October, 01:00 UTC), from the
    /// system clock. `None` where there is no clock (WebAssembly in a
    /// browser; the JS glue passes the date instead).
    ///
    /// ```
    /// # use motion_validator::Date;
    /// if let Some(today) = Date::today_in_sweden() {
    ///     assert!(today.year() >= 2024);
    /// }
    /// ```
    pub fn today_in_sweden() -> Option<Date> {
        #[cfg(all(target_arch = "wasm32", not(target_os = "wasi")))]
        {
            None
        }
        #[cfg(not(all(target_arch = "wasm32", not(target_os = "wasi"))))]
        {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_secs();
            Some(Date::from_unix_in_sweden(i64::try_from(secs).ok()?))
        }
    }

    /// The Swedish calendar date at a Unix time (seconds since 1970 UTC).
    ///
    /// ```
    /// # use motion_validator::Date;
    /// // 2021-06-30 22:30 UTC is already 1 July in Stockholm (UTC+2).
    /// assert_eq!(Date::from_unix_in_sweden(1_625_092_200).to_string(), "2021-07-01");
    /// // 2021-12-31 23:30 UTC is 00:30 on New Year's Day (UTC+1).
    /// assert_eq!(Date::from_unix_in_sweden(1_640_993_400).to_string(), "2022-01-01");
    /// ```
    pub fn from_unix_in_sweden(secs: i64) -> Date {
        let utc = Date::from_days(secs.div_euclid(86_400));
        let y = utc.year;
        // Summer time starts and ends at 01:00 UTC on the last Sundays.
        let start = Date::last_sunday(y, 3).days() * 86_400 + 3_600;
        let end = Date::last_sunday(y, 10).days() * 86_400 + 3_600;
        let offset = if (start..end).contains(&secs) {
            7_200
        } else {
            3_600
        };
        // Saturating: a clock at the end of i64 must not overflow.
        Date::from_days(secs.saturating_add(offset).div_euclid(86_400))
    }

    fn last_sunday(year: u16, month: u8) -> Date {
        let last = Date {
            year,
            month,
            day: days_in_month(year, month),
        };
        // 1970-01-01 was a Thursday: weekday 0 = Monday.
        let weekday = (last.days() + 3).rem_euclid(7);
        Date::from_days(last.days() - (weekday + 1) % 7)
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        // Outside years 1-9999 the nearest representable date, not an
        // impossible one such as year 1 with 29 February.
        match year {
            ..=0 => Date {
                year: 1,
                month: 1,
                day: 1,
            },
            10_000.. => Date {
                year: 9999,
                month: 12,
                day: 31,
            },
            _ => Date {
                year: year as u16,
                month,
                day,
            },
        }
    }
}

fn month_from_word(word: &str) -> Option<u16> {
    // Full names and the usual abbreviations ("jan", "sept", "okt").
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && m.starts_with(word)))
        .map(|i| i as u16 + 1)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse_iso(s).ok_or_else(|| format!("\"{s}\" is not a date in the form YYYY-MM-DD"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for z in [-1, 0, 1, 18_000, 19_000, 2_932_896] {
            assert_eq!(Date::from_days(z).days(), z);
        }
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
    }

    #[test]
    fn last_sundays() {
        assert_eq!(Date::last_sunday(2021, 3).to_string(), "2021-03-28");
        assert_eq!(Date::last_sunday(2021, 10).to_string(), "2021-10-31");
        assert_eq!(Date::last_sunday(2026, 3).to_string(), "2026-03-29");
    }

    #[test]
    fn swedish_forms() {
        for s in [
            "25 maj 2020",
            "25 Maj, 2020",
            "2020/05/25",
            "25.05.2020",
            "20200525",
            "2020-5-25",
        ] {
            assert_eq!(
                Date::parse_swedish(s).map(|d| d.to_string()).as_deref(),
                Some("2020-05-25"),
                "{s}"
            );
        }
        assert!(Date::parse_swedish("31 februari 2020").is_none());
        assert!(Date::parse_swedish("25 mj 2020").is_none());
    }
}
