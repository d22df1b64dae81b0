//! Times: stored in UTC (`2026-12-01T04:15:00Z`), shown to people in
//! Swedish time (Europe/Stockholm, from the time-zone database compiled in).

use jiff::Timestamp;
use motion_validator::Date;

const ZONE: &str = "Europe/Stockholm";

/// Now, to the second, in UTC, and the year it is in Sweden (the year of a
/// motion's reference: a motion handed in at 00:30 on New Year's Day in
/// Stockholm belongs to the new year).
pub(crate) fn now() -> (String, i32) {
    let now = Timestamp::now();
    let second = Timestamp::from_second(now.as_second()).unwrap_or(now);
    let year = second
        .in_tz(ZONE)
        .map(|z| i32::from(z.year()))
        .unwrap_or_else(|_| Date::today_in_sweden().map_or(1970, |d| i32::from(d.year())));
    (second.to_string(), year)
}

fn parts(utc: &str) -> Option<(i16, i8, i8, i8, i8)> {
    let z = utc.parse::<Timestamp>().ok()?.in_tz(ZONE).ok()?;
    Some((z.year(), z.month(), z.day(), z.hour(), z.minute()))
}

/// `2026-12-01 05:15` (Swedish time), for tables and the CSV file.
pub(crate) fn short(utc: &str) -> String {
    match parts(utc) {
        Some((y, mo, d, h, mi)) => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}"),
        None => utc.to_owned(),
    }
}

/// `1 december 2026 kl. 05.15` (Swedish time).
pub(crate) fn long(utc: &str) -> String {
    match parts(utc) {
        Some((y, mo, d, h, mi)) => {
            let month = u8::try_from(mo)
                .ok()
                .and_then(Date::month_name_sv)
                .unwrap_or("");
            format!("{d} {month} {y} kl. {h:02}.{mi:02}")
        }
        None => utc.to_owned(),
    }
}

/// `2020-05-25` as `25 maj 2020`.
pub(crate) fn long_date(date: &Date) -> String {
    date.to_swedish()
}

/// The answer deadline of a motion väckt on `submitted_on` (Kommunallagen
/// 5 kap. 35 §: within a year), and whether it has passed (today in Sweden).
pub(crate) fn deadline(submitted_on: &str) -> Option<(Date, bool)> {
    let due = Date::parse_iso(submitted_on)?.add_one_year();
    let passed = Date::today_in_sweden().is_some_and(|today| today > due);
    Some((due, passed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_time_follows_summer_time() {
        // Winter: UTC+1.
        assert_eq!(short("2026-12-01T04:15:00Z"), "2026-12-01 05:15");
        assert_eq!(long("2026-12-01T04:15:00Z"), "1 december 2026 kl. 05.15");
        // Summer: UTC+2; and late on 30 June in UTC is 1 July in Sweden.
        assert_eq!(short("2021-06-30T22:30:00Z"), "2021-07-01 00:30");
        assert_eq!(
            long_date(&Date::parse_iso("2020-05-25").expect("date")),
            "25 maj 2020"
        );
        let (due, passed) = deadline("2020-05-25").expect("deadline");
        assert_eq!((due.to_string().as_str(), passed), ("2021-05-25", true));
        let (utc, year) = now();
        assert!(utc.ends_with('Z') && utc.len() == 20, "{utc}");
        assert!(year >= 2024);
    }
}
