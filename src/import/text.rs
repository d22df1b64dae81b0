//! Small text tools for the importer: case folding for the Swedish words it
//! looks for, words with their byte offsets, page noise and closing lines.
//!
//! Everything here looks at one line once, so the importer stays linear in
//! the length of its input. No slicing that could panic: `get`, `split_once`
//! and char iterators only.

/// The lowercase of the letters the importer's keywords use (ASCII and the
/// Swedish ones), without Unicode case tables: the browser build has none.
pub(super) fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'Å' => 'å',
        'Ä' => 'ä',
        'Ö' => 'ö',
        'É' => 'é',
        'Ü' => 'ü',
        _ => c,
    }
}

/// `str::trim_matches` and kin with one pattern type only: each pattern
/// type is another copy of the trimming code in the browser build.
pub(super) fn trim_set<'a>(s: &'a str, set: &[char]) -> &'a str {
    s.trim_matches(set)
}

pub(super) fn trim_end_set<'a>(s: &'a str, set: &[char]) -> &'a str {
    s.trim_end_matches(set)
}

pub(super) fn trim_start_set<'a>(s: &'a str, set: &[char]) -> &'a str {
    s.trim_start_matches(set)
}

/// Whether `word` is `lower` in any case (`lower` is already lowercase).
pub(super) fn eq_ci(word: &str, lower: &str) -> bool {
    let mut a = word.chars().map(fold);
    let mut b = lower.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// The rest of `text` after `lower` (already lowercase) in any case.
pub(super) fn strip_prefix_ci<'a>(text: &'a str, lower: &str) -> Option<&'a str> {
    let mut chars = text.char_indices();
    for want in lower.chars() {
        let (_, c) = chars.next()?;
        if fold(c) != want {
            return None;
        }
    }
    match chars.next() {
        Some((i, _)) => text.get(i..),
        None => Some(""),
    }
}

/// Whether `word` is one of `words` (lowercase) in any case.
pub(super) fn is_one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| eq_ci(word, w))
}

/// The words of a line with their byte offsets.
pub(super) fn words(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = line;
    let mut offset = 0;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| !c.is_whitespace())?;
        let tail = rest.get(start..)?;
        let len = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let word = tail.get(..len)?;
        let at = offset + start;
        rest = tail.get(len..).unwrap_or_default();
        offset = at + len;
        Some((at, word))
    })
}

/// A word without the punctuation that may follow it in a sentence.
pub(super) fn bare(word: &str) -> &str {
    trim_end_set(word, &[',', ':', ';', '.', '!', '?'])
}

/// Whether the text ends a sentence or a clause (so the next line does not
/// continue it).
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '…', '"', '”', '»'])
}

/// Whether a character is a small letter. A letter that is not a capital
/// counts: `char::is_lowercase` would link another Unicode table into the
/// browser build, and caseless scripts do not matter here.
pub(super) fn is_small(c: char) -> bool {
    c.is_alphabetic() && !c.is_uppercase()
}

/// Whether the first letter is a small one.
pub(super) fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(is_small)
}

/// Whether the first letter is a capital.
pub(super) fn starts_uppercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// Appends a line to text that continues over a line break: with a space,
/// or without one where a word was hyphenated at the break ("kommun-" +
/// "fullmäktige"), but not in "Barn- och ungdomsnämnden".
pub(super) fn join_line(out: &mut String, line: &str) {
    if out.is_empty() {
        out.push_str(line);
        return;
    }
    let hyphenated = out.ends_with('-')
        && out
            .trim_end_matches(&['-'][..])
            .chars()
            .next_back()
            .is_some_and(is_small)
        && starts_lowercase(line)
        && !words(line)
            .next()
            .is_some_and(|(_, w)| is_one_of(bare(w), &["och", "eller", "samt", "respektive"]));
    if hyphenated {
        out.pop();
    } else {
        out.push(' ');
    }
    out.push_str(line);
}

/// The first characters of a line, for a message that quotes it.
pub(super) fn excerpt(line: &str) -> String {
    match line.char_indices().nth(60).and_then(|(i, _)| line.get(..i)) {
        Some(head) => {
            let mut out = head.to_owned();
            out.push('…');
            out
        }
        None => line.to_owned(),
    }
}

/// A page number or page footer from a PDF: "3", "Sida 2 av 3", "2 (3)",
/// "Page 2 of 3", "- 2 -", "2/3".
pub(super) fn is_page_noise(line: &str) -> bool {
    if line.len() > 30 {
        return false;
    }
    let t = trim_set(line, &['-', '–', ' ', '\t']);
    let t = strip_prefix_ci(t, "sida")
        .or_else(|| strip_prefix_ci(t, "page"))
        .or_else(|| strip_prefix_ci(t, "s."))
        .map_or(t, str::trim_start);
    let number = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let mut parts = t
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '/'))
        .filter(|p| !p.is_empty());
    let (Some(first), second, third, fourth) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    if !number(first) || fourth.is_some() {
        return false;
    }
    match (second, third) {
        (None, None) => first.len() <= 3 || t.len() < line.trim().len(),
        (Some(of), Some(total)) => is_one_of(of, &["av", "of"]) && number(total),
        (Some(total), None) => number(total) && t.contains(['(', '/']),
        (None, Some(_)) => false,
    }
}

/// A closing formula before the names: "Med vänlig hälsning".
pub(super) fn is_closing(line: &str) -> bool {
    let t = trim_end_set(line, &['.', ',', '!']);
    is_one_of(
        t,
        &[
            "med vänlig hälsning",
            "med vänliga hälsningar",
            "vänlig hälsning",
            "vänliga hälsningar",
            "hälsningar",
            "mvh",
        ],
    )
}

/// A heading of the background text ("Bakgrund", "Motivering").
pub(super) fn is_body_heading(line: &str) -> bool {
    let t = trim_end_set(line, &[':', ' ']);
    is_one_of(
        t,
        &[
            "bakgrund",
            "motivering",
            "bakgrund och motivering",
            "motiv",
            "inledning",
            "beskrivning",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert!(eq_ci("FÖRSLAG", "förslag"));
        assert!(!eq_ci("förslag", "förslagen"));
        assert_eq!(strip_prefix_ci("Motion: X", "motion:"), Some(" X"));
        assert_eq!(strip_prefix_ci("Mo", "motion"), None);
    }

    #[test]
    fn word_offsets() {
        let w: Vec<_> = words("  Vi  yrkar att:").collect();
        assert_eq!(w, [(2, "Vi"), (6, "yrkar"), (12, "att:")]);
    }

    #[test]
    fn page_noise() {
        for s in [
            "3",
            "Sida 2 av 3",
            "sida 2",
            "2 (3)",
            "Page 2 of 3",
            "- 2 -",
            "2/3",
            "2(3)",
        ] {
            assert!(is_page_noise(s), "{s}");
        }
        for s in [
            "2020",
            "2 3",
            "Sida",
            "1. Uppdra",
            "25 maj 2020",
            "2021/22:4102",
        ] {
            assert!(!is_page_noise(s), "{s}");
        }
    }

    #[test]
    fn hyphenation() {
        let mut s = "beslutar kommun-".to_owned();
        join_line(&mut s, "fullmäktige att");
        assert_eq!(s, "beslutar kommunfullmäktige att");
        let mut s = "Barn-".to_owned();
        join_line(&mut s, "och ungdomsnämnden");
        assert_eq!(s, "Barn- och ungdomsnämnden");
    }
}
