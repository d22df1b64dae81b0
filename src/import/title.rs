//! Lines that begin with the word "Motion": a title ("Motion: ...",
//! "Motion om ...", "Motion angående ...", Göteborg's "Motion av Anna Ek
//! (S) om ...") or a heading above the title ("Motion till
//! kommunfullmäktige", "Motion till riksdagen 2021/22:4102", the Riksdag's
//! "Motion 1988/89:K633 av Anna Ek (S)").

use super::text::{bare, is_one_of, strip_prefix_ci, words};

/// What a "Motion ..." line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MotionLine<'a> {
    /// The title, and the authors when the line names them.
    Title {
        title: &'a str,
        authors: Option<&'a str>,
    },
    /// A heading above the title; its last word may be a diary number.
    Heading { last_word: &'a str },
    /// "Motion 1988/89:K633" or "Motion 1988/89:K633 av Anna Ek (S)": a
    /// heading that begins with the motion's designation, and who wrote it.
    Designation {
        number: &'a str,
        authors: Option<&'a str>,
    },
}

/// Reads a line that begins with the word "Motion".
pub(super) fn motion_line(line: &str) -> Option<MotionLine<'_>> {
    let rest = strip_prefix_ci(line, "motion")?;
    if rest.is_empty() {
        return Some(MotionLine::Heading { last_word: "" });
    }
    let last_word = words(line).last().map_or("", |(_, w)| w);
    let heading = MotionLine::Heading { last_word };
    // "Motion: Stärka ..." / "Motion – Stärka ...": the title follows.
    let after_colon = rest
        .strip_prefix(':')
        .or_else(|| rest.trim_start().strip_prefix(['–', '-']));
    if let Some(title) = after_colon {
        let title = title.trim();
        return Some(if title.is_empty() {
            heading
        } else {
            MotionLine::Title {
                title,
                authors: None,
            }
        });
    }
    if !rest.starts_with(char::is_whitespace) {
        return None; // "Motionen", "Motionsrätt"
    }
    // A title is not a sentence.
    let titled = !line.ends_with('.') && line.len() <= 400;
    let (at, second) = words(rest).next()?;
    if let Some(d) = designation(rest, at, second) {
        return Some(d);
    }
    let second = bare(second);
    if is_one_of(
        second,
        &["om", "angående", "gällande", "rörande", "kring", "avseende"],
    ) && titled
    {
        return Some(MotionLine::Title {
            title: line,
            authors: None,
        });
    }
    if is_one_of(second, &["av", "från"]) && titled {
        let names = strip_first(rest.trim_start());
        return Some(match find_word(names, "om") {
            Some((authors, _)) => MotionLine::Title {
                title: line,
                authors: Some(authors.trim()),
            },
            None => heading,
        });
    }
    if is_one_of(second, &["till"]) {
        // "Motion till kommunfullmäktige om ..." is a title too.
        return Some(if find_word(rest, "om").is_some() && titled {
            MotionLine::Title {
                title: line,
                authors: None,
            }
        } else {
            heading
        });
    }
    None
}

/// "Motion 1988/89:K633 [av Anna Ek (S)]": a number with a year and a
/// colon or slash right after the word "Motion", then nothing or authors.
/// With "om ..." after the authors the line is read as before (as text).
fn designation<'a>(rest: &'a str, at: usize, word: &'a str) -> Option<MotionLine<'a>> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) || !word.contains([':', '/']) {
        return None;
    }
    let after = rest.get(at + word.len()..)?.trim();
    if after.is_empty() {
        return Some(MotionLine::Designation {
            number: word,
            authors: None,
        });
    }
    let (_, by) = words(after).next()?;
    if !is_one_of(bare(by), &["av", "från"]) || find_word(after, "om").is_some() {
        return None;
    }
    let authors = strip_first(after);
    Some(MotionLine::Designation {
        number: word,
        authors: (!authors.is_empty()).then_some(authors),
    })
}

fn strip_first(s: &str) -> &str {
    s.find(char::is_whitespace)
        .and_then(|i| s.get(i..))
        .unwrap_or_default()
        .trim_start()
}

/// The text before and after the first whole word `lower` (any case).
fn find_word<'a>(text: &'a str, lower: &str) -> Option<(&'a str, &'a str)> {
    let (at, w) = words(text).find(|(_, w)| super::text::eq_ci(w, lower))?;
    Some((text.get(..at)?, text.get(at + w.len()..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(line: &str) -> Option<(&str, Option<&str>)> {
        match motion_line(line)? {
            MotionLine::Title { title, authors } => Some((title, authors)),
            MotionLine::Heading { .. } | MotionLine::Designation { .. } => None,
        }
    }

    #[test]
    fn titles() {
        assert_eq!(
            title("Motion: Fler cykelbanor"),
            Some(("Fler cykelbanor", None))
        );
        assert_eq!(
            title("MOTION: Fler cykelbanor"),
            Some(("Fler cykelbanor", None))
        );
        assert_eq!(
            title("Motion om fler cykelbanor"),
            Some(("Motion om fler cykelbanor", None))
        );
        assert_eq!(
            title("Motion av Anna Ek (S) om fler cykelbanor"),
            Some((
                "Motion av Anna Ek (S) om fler cykelbanor",
                Some("Anna Ek (S)")
            ))
        );
        assert_eq!(title("Motion till kommunfullmäktige"), None);
        assert!(matches!(
            motion_line("Motion till riksdagen 2021/22:4102"),
            Some(MotionLine::Heading {
                last_word: "2021/22:4102"
            })
        ));
        assert_eq!(motion_line("Motionen lämnades in i maj."), None);
        assert_eq!(motion_line("Motion om detta lämnades 2019."), None);
    }

    #[test]
    fn designations() {
        assert_eq!(
            motion_line("Motion 1988/89:K633 av Anna Ek (S)"),
            Some(MotionLine::Designation {
                number: "1988/89:K633",
                authors: Some("Anna Ek (S)")
            })
        );
        assert_eq!(
            motion_line("Motion 2005/06:So467"),
            Some(MotionLine::Designation {
                number: "2005/06:So467",
                authors: None
            })
        );
        assert_eq!(
            title("Motion 1988/89:K633 av Anna Ek (S) om kommunerna"),
            None
        );
    }
}
