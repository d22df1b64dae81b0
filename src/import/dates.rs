//! Lines that are a date ("Uppsala den 25 maj 2020", "2020-05-25") or a
//! diary number ("Dnr KSN-2020-02111", the Riksdag's "2021/22:4102").

use super::text::{bare, is_one_of, strip_prefix_ci, trim_end_set, trim_start_set, words};
use crate::date::Date;
use crate::profile::CompiledProfile;

/// Longer lines are sentences, not dates: this also bounds the work.
const MAX_LEN: usize = 60;

/// The date a whole line gives: a date in one of the ways Swedes write
/// them, after at most a place and "den" ("Lund den 15 mars 2021",
/// "Göteborg, 12 april 2022", "Datum: 2020-05-25").
pub(super) fn date_line(line: &str) -> Option<Date> {
    if line.len() > MAX_LEN {
        return None;
    }
    let start = line.find(|c: char| c.is_ascii_digit())?;
    let prefix = line.get(..start)?;
    let mut n = 0;
    for (_, w) in words(prefix) {
        n += 1;
        let w = bare(w);
        let ok = is_one_of(w, &["den", "datum", "daterad", "inlämnad", "väckt"])
            || (w.chars().all(char::is_alphabetic)
                && w.chars().next().is_some_and(char::is_uppercase));
        if !ok || n > 3 {
            return None;
        }
    }
    Date::parse_swedish(trim_end_set(line.get(start..)?, &['.', ',']))
}

/// The canonical diary number a whole line gives, in one of the profile's
/// formats, after an optional "Dnr" or "Diarienummer:".
pub(super) fn diary_line(line: &str, profile: &CompiledProfile) -> Option<String> {
    if line.len() > MAX_LEN {
        return None;
    }
    let rest = ["dnr", "diarienummer", "diarienr", "beteckning"]
        .iter()
        .find_map(|p| strip_prefix_ci(line, p))
        .map(|r| trim_start_set(r, &['.', ':']).trim())
        .unwrap_or(line);
    profile.parse_diary_number(rest).map(|d| d.canonical)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn iso(line: &str) -> Option<String> {
        date_line(line).map(|d| d.to_string())
    }

    #[test]
    fn dates() {
        let want = Some("2020-05-25".to_owned());
        for s in [
            "25 maj 2020",
            "2020-05-25",
            "Uppsala den 25 maj 2020",
            "Uppsala 2020-05-25",
            "den 25 maj 2020",
            "Datum: 2020-05-25",
            "Upplands Väsby, 25 maj 2020.",
        ] {
            assert_eq!(iso(s), want, "{s}");
        }
        for s in [
            "Vi möttes 25 maj 2020",
            "2020",
            "Sida 2 av 3",
            "att 25 maj 2020",
        ] {
            assert_eq!(iso(s), None, "{s}");
        }
    }

    #[test]
    fn diary_numbers() {
        let p = Profile::builtin("uppsala").unwrap().compile().unwrap();
        assert_eq!(
            diary_line("Dnr KSN-2020-02111", &p).as_deref(),
            Some("KSN-2020-02111")
        );
        assert_eq!(
            diary_line("Diarienummer: KSN-2020-02111", &p).as_deref(),
            Some("KSN-2020-02111")
        );
        assert_eq!(diary_line("KSN-2020", &p), None);
        let r = Profile::builtin("riksdag").unwrap().compile().unwrap();
        assert_eq!(
            diary_line("2021/22:4102", &r).as_deref(),
            Some("2021/22:4102")
        );
    }
}
