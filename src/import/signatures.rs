//! Signature lines: "Lovisa Johansson (F!)", "Anna Ek, Per Ek (S)", "Anna
//! Ek och Per Ek (båda M)", "Anna Ek, Socialdemokraterna", "( C )", "(-)",
//! "Anna Ek m.fl. (S)", two columns on one line, "För Vänsterpartiet".

use super::text::{bare, is_one_of, strip_prefix_ci, trim_end_set, trim_set, words};
use crate::profile::CompiledProfile;

/// One piece of a signature line, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    /// A name ("Lovisa Johansson").
    Name(&'a str),
    /// A party as written; `collective` for "(båda M)", "(alla M)".
    Party { raw: &'a str, collective: bool },
    /// "m.fl.": more signatories whose names are not given.
    MoreNames,
}

/// A line read as signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SigLine<'a> {
    pub toks: Vec<Tok<'a>>,
    /// The line ends in "," or "och": the list goes on on the next line.
    pub connector: bool,
}

impl<'a> SigLine<'a> {
    /// Whether some token is a party.
    pub fn has_party(&self) -> bool {
        self.toks.iter().any(|t| matches!(t, Tok::Party { .. }))
    }

    /// The one word of a line that is just a first name ("Lovisa"), as
    /// PDF extraction leaves it when it breaks a name across lines.
    pub fn lone_word(&self) -> Option<&'a str> {
        match self.toks.as_slice() {
            [Tok::Name(n)] if !n.contains(char::is_whitespace) => Some(n),
            _ => None,
        }
    }

    /// Whether the line can finish a first name left on the line above:
    /// it begins with a one-word name ("Johansson (FI)") or a name that
    /// begins with a particle ("von Ek (KD)").
    pub fn continues_name(&self) -> bool {
        matches!(self.toks.first(), Some(Tok::Name(n))
            if !n.contains(char::is_whitespace) || super::text::starts_lowercase(n))
    }
}

/// Words of "m.fl." and "(båda M)".
const MORE: &[&str] = &[
    "m.fl.",
    "m.fl",
    "m. fl.",
    "m fl",
    "m fl.",
    "mfl",
    "mfl.",
    "med flera",
];
const COLLECTIVE: &[&str] = &["båda", "bägge", "alla", "samtliga"];
/// Lowercase words that belong in names.
const PARTICLES: &[&str] = &[
    "von", "af", "av", "van", "de", "der", "den", "la", "le", "du", "di", "da", "del", "bin", "al",
    "el", "zu", "ter", "ten",
];

/// Reads a line as signatures, or `None` when some part of it is neither
/// a name nor a party.
pub(super) fn sig_line<'a>(line: &'a str, profile: &CompiledProfile) -> Option<SigLine<'a>> {
    let mut toks = Vec::new();
    let mut connector;
    let mut rest = line;
    loop {
        let (outside, group, after) = match rest.split_once('(') {
            Some((outside, tail)) => match tail.split_once(')') {
                Some((group, after)) => (outside, Some(group), after),
                None => (outside, Some(tail), ""),
            },
            None => (rest, None, ""),
        };
        connector = outside_pieces(outside, profile, &mut toks)?;
        if let Some(g) = group {
            group_tok(g, &mut toks);
            connector = false;
        }
        if group.is_none() {
            break;
        }
        rest = after;
    }
    (!toks.is_empty()).then_some(SigLine { toks, connector })
}

/// The names, parties and "m.fl." outside parentheses. Returns whether
/// the text ends with a connector ("," or "och").
fn outside_pieces<'a>(
    seg: &'a str,
    profile: &CompiledProfile,
    toks: &mut Vec<Tok<'a>>,
) -> Option<bool> {
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut prev_end = 0;
    let mut connector = false;
    let mut pieces: Vec<&'a str> = Vec::new();
    let close = |start: &mut Option<usize>, end: usize, pieces: &mut Vec<&'a str>| {
        if let Some(s) = start.take() {
            pieces.extend(seg.get(s..end));
        }
    };
    for (at, w) in words(seg) {
        let gap = seg.get(prev_end..at).unwrap_or_default();
        // Columns: a tab or a run of spaces between two names.
        if gap.contains('\t') || gap.chars().count() >= 3 {
            close(&mut start, end, &mut pieces);
        }
        prev_end = at + w.len();
        let w_bare = trim_set(w, &['(', ')']);
        if w_bare.is_empty() {
            continue;
        }
        if is_one_of(w_bare, &["och", "samt", "&", "+", "/"]) {
            close(&mut start, end, &mut pieces);
            connector = true;
            continue;
        }
        connector = false;
        start.get_or_insert(at);
        let trimmed = trim_end_set(w, &[',', ';', ')']);
        end = at + trimmed.len();
        if trim_end_set(w, &[')']).ends_with([',', ';']) {
            close(&mut start, end, &mut pieces);
            connector = true;
        }
    }
    close(&mut start, end, &mut pieces);
    for piece in pieces {
        let piece = trim_set(piece, &['(', ')', ' ', '\t']);
        if piece.is_empty() {
            continue;
        }
        let (names, more) = split_more(piece);
        if !names.is_empty() {
            if profile.party_code(names).is_some() {
                toks.push(Tok::Party {
                    raw: names,
                    collective: false,
                });
            } else if name_like(names) {
                toks.push(Tok::Name(names));
            } else if !toks.is_empty() && is_role(names) {
                // "Anna Ek (S), gruppledare"
            } else {
                return None;
            }
        }
        if more {
            toks.push(Tok::MoreNames);
        }
    }
    Some(connector)
}

/// "Anna Ek m.fl." → ("Anna Ek", true).
fn split_more(piece: &str) -> (&str, bool) {
    for m in MORE {
        if super::text::eq_ci(piece, m) {
            return ("", true);
        }
        let Some(at) = piece.len().checked_sub(m.len()) else {
            continue;
        };
        if let (Some(head), Some(tail)) = (piece.get(..at), piece.get(at..)) {
            if head.ends_with(char::is_whitespace) && super::text::eq_ci(tail, m) {
                return (head.trim_end(), true);
            }
        }
    }
    (piece, false)
}

/// What is in parentheses: a party, maybe "båda"/"alla", or "m.fl.".
fn group_tok<'a>(group: &'a str, toks: &mut Vec<Tok<'a>>) {
    let g = group.trim();
    if g.is_empty() {
        return;
    }
    if split_more(g) == ("", true) {
        toks.push(Tok::MoreNames);
        return;
    }
    let mut ws = words(g);
    let first = ws.next().map(|(_, w)| bare(w));
    let last = words(g).last().map(|(at, w)| (at, bare(w)));
    let (raw, collective) = match (first, last) {
        (Some(f), Some((_, l))) if is_one_of(f, COLLECTIVE) && !is_one_of(l, COLLECTIVE) => {
            (strip_first_word(g), true)
        }
        (Some(f), Some((at, l))) if is_one_of(l, COLLECTIVE) && !is_one_of(f, COLLECTIVE) => {
            (g.get(..at).unwrap_or_default(), true)
        }
        _ => (g, false),
    };
    let raw = trim_set(raw, &[',', ':', ' ', '\t']);
    if !raw.is_empty() {
        toks.push(Tok::Party { raw, collective });
    }
}

fn strip_first_word(s: &str) -> &str {
    let s = s.trim_start();
    s.find(char::is_whitespace)
        .and_then(|i| s.get(i..))
        .unwrap_or_default()
}

/// Whether text reads as a person's name: one to six words, each with a
/// capital first letter (or a particle such as "von"), made of letters,
/// hyphens, apostrophes and periods.
pub(super) fn name_like(text: &str) -> bool {
    let mut n = 0;
    let mut capital = false;
    for (_, w) in words(text) {
        n += 1;
        if n > 6 {
            return false;
        }
        if is_one_of(w, PARTICLES) {
            continue;
        }
        let ok = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
        if !ok {
            return false;
        }
        capital = true;
    }
    capital && text.len() <= 200
}

/// A line under a name that gives the signatory's role: "Gruppledare",
/// "Ledamot i kommunfullmäktige", "Ersättare".
pub(super) fn is_role(line: &str) -> bool {
    words(line).next().is_some_and(|(_, w)| {
        is_one_of(
            bare(w),
            &[
                "gruppledare",
                "kommunalråd",
                "oppositionsråd",
                "ledamot",
                "ersättare",
                "ordförande",
                "vice",
                "fullmäktigeledamot",
                "kommunfullmäktigeledamot",
                "riksdagsledamot",
                "partiordförande",
            ],
        )
    })
}

/// A line with a signatory's e-mail address or telephone number.
pub(super) fn is_contact(line: &str) -> bool {
    let label = [
        "e-post",
        "epost",
        "mejl",
        "tel",
        "telefon",
        "mobil",
        "mobiltelefon",
    ]
    .iter()
    .any(|l| strip_prefix_ci(line, l).is_some_and(|r| r.starts_with([':', ' ', '.'])));
    let email = !line.contains(char::is_whitespace) && line.contains('@');
    let digits = line.bytes().filter(u8::is_ascii_digit).count();
    let phone = digits >= 6
        && line
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')' | '/'));
    label || email || phone
}

/// A line that names the party of the names under it: "För
/// Vänsterpartiet", "För Miljöpartiet i Lund", "För Vänsterpartiets
/// fullmäktigegrupp". Returns the party as written.
pub(super) fn party_header<'a>(line: &'a str, profile: &CompiledProfile) -> Option<&'a str> {
    let rest = trim_end_set(strip_prefix_ci(line, "för ")?.trim(), &[':']);
    let mut ends = Vec::new();
    for (at, w) in words(rest).take(4) {
        ends.push(at + w.len());
    }
    ends.iter().rev().find_map(|&end| {
        let cand = rest.get(..end)?;
        if profile.party_code(cand).is_some() {
            return Some(cand);
        }
        cand.strip_suffix('s')
            .filter(|c| profile.party_code(c).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    fn p() -> CompiledProfile {
        Profile::builtin("uppsala").unwrap().compile().unwrap()
    }

    fn toks(line: &str) -> Option<Vec<Tok<'_>>> {
        sig_line(line, &p()).map(|s| s.toks)
    }

    fn party(raw: &str, collective: bool) -> Tok<'_> {
        Tok::Party { raw, collective }
    }

    #[test]
    fn forms() {
        use Tok::Name;
        assert_eq!(
            toks("Lovisa Johansson (F!)"),
            Some(vec![Name("Lovisa Johansson"), party("F!", false)])
        );
        assert_eq!(
            toks("Lovisa Johansson (F!))"),
            Some(vec![Name("Lovisa Johansson"), party("F!", false)])
        );
        assert_eq!(
            toks("Anna Ek, Per Ek (S)"),
            Some(vec![Name("Anna Ek"), Name("Per Ek"), party("S", false)])
        );
        assert_eq!(
            toks("Anna Ek och Per Ek (båda M)"),
            Some(vec![Name("Anna Ek"), Name("Per Ek"), party("M", true)])
        );
        assert_eq!(
            toks("Anna Ek, Socialdemokraterna"),
            Some(vec![Name("Anna Ek"), party("Socialdemokraterna", false)])
        );
        assert_eq!(
            toks("Anna Ek ( C )"),
            Some(vec![Name("Anna Ek"), party("C", false)])
        );
        assert_eq!(
            toks("Anna Ek m.fl. (S)"),
            Some(vec![Name("Anna Ek"), Tok::MoreNames, party("S", false)])
        );
        assert_eq!(
            toks("Anna Ek (S)\tPer Ek (M)"),
            Some(vec![
                Name("Anna Ek"),
                party("S", false),
                Name("Per Ek"),
                party("M", false)
            ])
        );
        assert_eq!(
            toks("Anna Ek        Per Ek"),
            Some(vec![Name("Anna Ek"), Name("Per Ek")])
        );
        assert_eq!(
            toks("Ulf von Sydow (-)"),
            Some(vec![Name("Ulf von Sydow"), party("-", false)])
        );
        assert_eq!(toks("Uppdra till kommunstyrelsen (KS)"), None);
        assert_eq!(toks("Med anledning av detta"), None);
        assert!(sig_line("Anna Ek,", &p()).unwrap().connector);
        assert!(sig_line("Anna Ek och", &p()).unwrap().connector);
    }

    #[test]
    fn headers() {
        assert_eq!(
            party_header("För Vänsterpartiet", &p()),
            Some("Vänsterpartiet")
        );
        assert_eq!(
            party_header("För Miljöpartiet de gröna i Uppsala", &p()),
            Some("Miljöpartiet de gröna")
        );
        assert_eq!(
            party_header("För Vänsterpartiets fullmäktigegrupp", &p()),
            Some("Vänsterpartiet")
        );
        assert_eq!(party_header("För barnens skull", &p()), None);
    }
}
