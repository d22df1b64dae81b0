//! The yrkanden: the lead-in that introduces them ("Med anledning av detta
//! yrkar vi att:", "Förslag till beslut"), list markers, and the items
//! themselves (inline "att ..., att ..." sequences, joining words, att-satser).

use super::text::{
    bare, eq_ci, is_one_of, starts_lowercase, strip_prefix_ci, trim_end_set, trim_start_set, words,
};
use crate::rules::proposals::{att_sats, starts_with_att};

/// A line that introduces the yrkanden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LeadIn<'a> {
    /// Background text before the lead-in's sentence on the same line.
    pub before: &'a str,
    /// Whether the lead-in sentence began on an earlier line (the line
    /// starts in the middle of it), so its start is in the background text.
    pub mid_sentence: bool,
    /// The first item when it follows on the same line ("Vi yrkar att
    /// kommunfullmäktige beslutar att utreda ...").
    pub rest: &'a str,
    /// Whether the lead-in ends in "att", so its items are att-satser.
    pub att: bool,
}

/// Headings that are a lead-in on their own.
const HEADINGS: &[&str] = &[
    "förslag till beslut",
    "förslag till riksdagsbeslut",
    "förslag till kommunfullmäktiges beslut",
    "förslag till fullmäktiges beslut",
    "beslutsförslag",
    "hemställan",
    "yrkande",
    "yrkanden",
    "yrkandena",
];

/// The verbs of a lead-in.
const VERBS: &[&str] = &[
    "yrkar",
    "yrka",
    "yrkas",
    "föreslår",
    "föreslå",
    "föreslås",
    "hemställer",
    "hemställa",
    "hemställs",
];

/// Words that may follow the verb in a lead-in.
const TAIL: &[&str] = &[
    "jag",
    "vi",
    "därför",
    "härmed",
    "således",
    "alltså",
    "också",
    "även",
    "följande",
    "på",
    "att",
    "besluta",
    "beslutar",
    "kommunfullmäktige",
    "fullmäktige",
    "regionfullmäktige",
    "riksdagen",
];

/// The council words among [`TAIL`]: "att kommunfullmäktige ger ..." is an
/// item that begins with the council, not the end of a lead-in.
const COUNCILS: &[&str] = &[
    "kommunfullmäktige",
    "fullmäktige",
    "regionfullmäktige",
    "riksdagen",
];

/// Whether the line is a lead-in; what is before and after it.
pub(super) fn lead_in(line: &str) -> Option<LeadIn<'_>> {
    let heading = trim_end_set(line, &[':', ' ']);
    if is_one_of(heading, HEADINGS) {
        return Some(LeadIn {
            before: "",
            mid_sentence: false,
            rest: "",
            att: false,
        });
    }
    // "Förslag till beslut: att ..."
    if let Some((head, rest)) = line.split_once(':') {
        if is_one_of(head.trim(), HEADINGS) && starts_with_att(rest.trim()) {
            return Some(LeadIn {
                before: "",
                mid_sentence: false,
                rest: rest.trim(),
                att: false,
            });
        }
    }
    // Each verb in turn ("föreslår kommunstyrelsen föreslå kommunfullmäktige
    // besluta"): the scan after a verb stops at the first word that is not
    // a lead-in word, and verbs are not, so the line is read once overall.
    let mut prev: Option<&str> = None;
    for (at, w) in words(line) {
        if is_one_of(bare(w), VERBS) {
            if let Some(li) = after_verb(line, at, w.len(), prev) {
                return Some(li);
            }
        }
        prev = Some(w);
    }
    None
}

/// The lead-in made by the verb at `verb_at`, if the words after it make one.
fn after_verb<'a>(
    line: &'a str,
    verb_at: usize,
    verb_len: usize,
    before_verb: Option<&str>,
) -> Option<LeadIn<'a>> {
    let mut first_person = before_verb.is_some_and(|w| is_one_of(bare(w), &["jag", "vi"]));
    let after_verb = line.get(verb_at + verb_len..)?;
    // Consume the lead-in words after the verb; remember where each began.
    let mut rest_at = 0;
    let mut last_att: Option<usize> = None;
    let mut last_council_run: Option<usize> = None;
    let mut last_word = "";
    let mut colon = after_verb.trim_start().starts_with(':');
    if !colon {
        for (at, w) in words(after_verb) {
            let b = bare(w);
            if !is_one_of(b, TAIL) {
                break;
            }
            first_person |= is_one_of(b, &["jag", "vi"]);
            if eq_ci(b, "att") {
                last_att = Some(at + w.len());
                last_council_run = None;
            } else if is_one_of(b, COUNCILS) {
                last_council_run.get_or_insert(at);
            } else {
                last_council_run = None;
            }
            rest_at = at + w.len();
            last_word = b;
            if w.ends_with(':') {
                colon = true;
                break;
            }
        }
    } else {
        rest_at = after_verb.find(':').map_or(0, |i| i + 1);
    }
    let rest = trim_start_set(after_verb.get(rest_at..)?, &[':']).trim();
    if rest.is_empty() {
        // "... som vi yrkar på." is a sentence, not a lead-in.
        if line.trim_end().ends_with(['.', '!', '?']) {
            return None;
        }
        let (before, mid_sentence) = sentence_before(line, verb_at);
        return Some(LeadIn {
            before,
            mid_sentence,
            rest: "",
            att: eq_ci(last_word, "att"),
        });
    }
    if colon && starts_with_att(rest) {
        let (before, mid_sentence) = sentence_before(line, verb_at);
        return Some(LeadIn {
            before,
            mid_sentence,
            rest,
            att: true,
        });
    }
    // Inline: "Vi yrkar att kommunfullmäktige beslutar att utreda ...",
    // "Jag yrkar att kommunfullmäktige ger ..." (the council begins the item).
    let att_end = last_att?;
    if !first_person || colon {
        return None;
    }
    let start = match last_council_run {
        Some(council) if council > att_end => council,
        _ if last_att == Some(rest_at) => rest_at,
        _ => return None,
    };
    let (before, mid_sentence) = sentence_before(line, verb_at);
    Some(LeadIn {
        before,
        mid_sentence,
        rest: after_verb.get(start..)?.trim(),
        att: true,
    })
}

/// A line that only continues a lead-in: "kommunfullmäktige beslutar att:"
/// after "Med anledning av ovanstående föreslår vi att". Returns whether it
/// ends in "att".
pub(super) fn lead_in_tail(line: &str) -> Option<bool> {
    let mut last = "";
    let mut any = false;
    for (_, w) in words(line) {
        let b = bare(w);
        if !is_one_of(b, TAIL) && !is_one_of(b, VERBS) {
            return None;
        }
        any = true;
        last = b;
    }
    let ends = line.trim_end().ends_with(':') || is_one_of(last, &["att", "besluta", "beslutar"]);
    (any && ends).then(|| eq_ci(last, "att"))
}

/// The text before the sentence that holds the verb, and whether that
/// sentence began before this line.
fn sentence_before(line: &str, verb_at: usize) -> (&str, bool) {
    let head = line.get(..verb_at).unwrap_or_default();
    let end = head.char_indices().rev().find(|&(i, c)| {
        matches!(c, '.' | '!' | '?')
            && head
                .get(i + 1..)
                .is_some_and(|r| r.starts_with(char::is_whitespace))
    });
    match end {
        Some((i, _)) => (head.get(..=i).unwrap_or_default().trim(), false),
        None => ("", starts_lowercase(line)),
    }
}

/// The kind of list marker that begins an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marker {
    /// "-", "•", "–", "*" and other bullets.
    Bullet,
    /// "1.", "1)", "(1)", "a)".
    Number,
}

/// The list marker at the start of a line and the text after it.
pub(super) fn marker(line: &str) -> Option<(Marker, &str)> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let after = chars.as_str();
    // Typographic bullets may touch the text; "-" and "*" must not ("-15").
    let spaced = after.is_empty() || after.starts_with(char::is_whitespace);
    match first {
        '-' | '*' | '–' | '—' if spaced => return Some((Marker::Bullet, after.trim())),
        '•' | '·' | '▪' | '‣' | '●' | '■' | '◦' | '○' | '►' | '➢' | '\u{f0b7}' | '\u{f0a7}' => {
            return Some((Marker::Bullet, after.trim()))
        }
        _ => {}
    }
    // "(1)"
    let unparen = line.strip_prefix('(');
    let body = unparen.unwrap_or(line);
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let letter = digits == 0 && body.starts_with(|c: char| c.is_ascii_lowercase());
    let len = if letter { 1 } else { digits };
    if len == 0 || len > 2 {
        return None;
    }
    let rest = body.get(len..)?;
    let rest = match (unparen.is_some(), letter) {
        (true, _) => rest.strip_prefix(')')?,
        (false, true) => rest.strip_prefix(')')?,
        (false, false) => rest.strip_prefix(['.', ')'])?,
    };
    (rest.is_empty() || rest.starts_with(char::is_whitespace))
        .then(|| (Marker::Number, rest.trim()))
}

/// An item's text without the words that join it to the next one: a
/// trailing ",", ";", " samt", " och" (in any order, as in ", samt").
pub(super) fn trim_joiners(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let before = t.len();
        t = trim_end_set(t, &[',', ';', ' ']);
        for joiner in [" samt", " och"] {
            if let Some(head) = strip_suffix_ci(t, joiner) {
                t = head.trim_end();
            }
        }
        if t.len() == before {
            return t;
        }
    }
}

fn strip_suffix_ci<'a>(text: &'a str, lower: &str) -> Option<&'a str> {
    let at = text.len().checked_sub(lower.len())?;
    let tail = text.get(at..)?;
    eq_ci(tail, lower).then(|| text.get(..at)).flatten()
}

/// Splits "att A, att B; samt att C" into its att-satser: at a comma or
/// semicolon followed by an optional "samt"/"och" and the word "att", and
/// where [`split_inline_marked`] chose to read "samt att"/"och att" alone
/// as the start of one.
#[cfg(test)]
pub(super) fn split_inline(text: &str) -> Vec<&str> {
    split_inline_marked(text)
        .into_iter()
        .map(|p| p.text)
        .collect()
}

/// One att-sats of an inline list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece<'a> {
    pub text: &'a str,
    /// Where it begins in the item's text.
    pub at: usize,
    /// "samt att" or "och att" when it begins there without a comma: a
    /// reading the importer chose (it could be the same att-sats going on).
    pub joiner: Option<&'static str>,
}

/// Splits "att A, att B; samt att C" into its att-satser, each with where
/// it begins and why (the tests' `split_inline` keeps the text only: a
/// link to it would not resolve outside them). Without a comma,
/// "samt att" at the top level (not in parentheses) begins a new att-sats
/// in Swedish usage: "att utreda X samt att återrapportera". "och att"
/// often goes on within one ("att utreda hur X kan byggas och att
/// finansiera det"), so it splits only as the last conjunction of a list
/// that has commas: "att A, att B och att C". One pass over the text.
pub(super) fn split_inline_marked(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut joiner = None;
    let mut commas = 0;
    let mut depth = 0usize;
    // "och att" seen since the last comma split (where the piece before it
    // ends, where "att" begins): splits if no comma follows.
    let mut och: Vec<(usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if i < start {
            continue;
        }
        if matches!(c, ',' | ';') {
            let after = text.get(i + 1..).unwrap_or_default().trim_start();
            let after = strip_prefix_ci(after, "samt ")
                .or_else(|| strip_prefix_ci(after, "och "))
                .map_or(after, str::trim_start);
            if starts_with_att(after) && after.len() > 3 {
                push(&mut out, text, start, i, joiner);
                start = text.len() - after.len();
                joiner = None;
                commas += 1;
                och.clear();
            }
            continue;
        }
        if depth > 0 || !c.is_whitespace() {
            continue;
        }
        let rest = text.get(i + 1..).unwrap_or_default();
        let samt = strip_prefix_ci(rest, "samt ").map(str::trim_start);
        let och_ = strip_prefix_ci(rest, "och ").map(str::trim_start);
        match (samt, och_) {
            (Some(after), _) if starts_with_att(after) && after.len() > 3 => {
                push(&mut out, text, start, i, joiner);
                start = text.len() - after.len();
                joiner = Some("samt att");
                och.clear();
            }
            (_, Some(after)) if starts_with_att(after) && after.len() > 3 => {
                och.push((i, text.len() - after.len()));
            }
            _ => {}
        }
    }
    // The last piece: split at its "och att" if the list has commas.
    if commas > 0 {
        for (end, next) in och {
            push(&mut out, text, start, end, joiner);
            start = next;
            joiner = Some("och att");
        }
    }
    push(&mut out, text, start, text.len(), joiner);
    out
}

fn push<'a>(
    out: &mut Vec<Piece<'a>>,
    text: &'a str,
    from: usize,
    to: usize,
    joiner: Option<&'static str>,
) {
    if let Some(piece) = text.get(from..to) {
        out.push(Piece {
            text: piece,
            at: from,
            joiner,
        });
    }
}

/// The item as it goes into the motion: joiners trimmed and, when the
/// lead-in or the profile asks for att-satser, made one ("Uppdra till ..."
/// → "att uppdra till ..."). Riksdag items ("Riksdagen ställer sig bakom
/// ...") stay as written.
pub(super) fn finish_item(text: &str, att: bool) -> String {
    let t = trim_joiners(text);
    if att && strip_prefix_ci(t, "riksdagen ").is_none() {
        att_sats(t)
    } else {
        t.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn li(s: &str) -> Option<(String, bool, String, bool)> {
        lead_in(s).map(|l| {
            (
                l.before.to_owned(),
                l.mid_sentence,
                l.rest.to_owned(),
                l.att,
            )
        })
    }

    #[test]
    fn lead_ins() {
        let end = |att| Some((String::new(), false, String::new(), att));
        assert_eq!(li("Med anledning av detta yrkar vi att:"), end(true));
        assert_eq!(li("Jag yrkar"), end(false));
        assert_eq!(li("Vi yrkar att"), end(true));
        assert_eq!(li("Förslag till beslut"), end(false));
        assert_eq!(li("FÖRSLAG TILL RIKSDAGSBESLUT:"), end(false));
        assert_eq!(
            li("Därför föreslår jag att kommunfullmäktige beslutar"),
            end(false)
        );
        assert_eq!(li("Vi föreslår fullmäktige besluta att"), end(true));
        assert_eq!(
            li("föreslår vi kommunfullmäktige besluta"),
            Some((String::new(), true, String::new(), false))
        );
        assert_eq!(
            li("Det är dags. Därför yrkar vi att:"),
            Some(("Det är dags.".into(), false, String::new(), true))
        );
        assert_eq!(
            li("Vi yrkar att kommunfullmäktige beslutar att utreda frågan"),
            Some((String::new(), false, "utreda frågan".into(), true))
        );
        assert_eq!(
            li("Jag yrkar att kommunfullmäktige ger nämnden i uppdrag att utreda"),
            Some((
                String::new(),
                false,
                "kommunfullmäktige ger nämnden i uppdrag att utreda".into(),
                true
            ))
        );
        assert_eq!(li("Moderaterna föreslår att skatten sänks."), None);
        assert_eq!(li("Vi föreslår följande åtgärder:"), None);
        assert_eq!(li("Socialdemokraterna yrkar på sänkt skatt"), None);
    }

    #[test]
    fn tails() {
        assert_eq!(lead_in_tail("kommunfullmäktige beslutar att:"), Some(true));
        assert_eq!(lead_in_tail("Kommunfullmäktige beslutar:"), Some(false));
        assert_eq!(lead_in_tail("kommunfullmäktige ger"), None);
    }

    #[test]
    fn markers() {
        assert_eq!(marker("- Uppdra"), Some((Marker::Bullet, "Uppdra")));
        assert_eq!(marker("•Uppdra"), Some((Marker::Bullet, "Uppdra")));
        assert_eq!(marker("1. Uppdra"), Some((Marker::Number, "Uppdra")));
        assert_eq!(marker("12) Uppdra"), Some((Marker::Number, "Uppdra")));
        assert_eq!(marker("(3) Uppdra"), Some((Marker::Number, "Uppdra")));
        assert_eq!(marker("b) Uppdra"), Some((Marker::Number, "Uppdra")));
        assert_eq!(marker("-15 grader"), None);
        assert_eq!(marker("2020. Det"), None);
        assert_eq!(marker("1.5 miljoner"), None);
        assert_eq!(marker("att"), None);
        assert_eq!(marker("-"), Some((Marker::Bullet, "")));
    }

    #[test]
    fn joiners_and_inline() {
        assert_eq!(trim_joiners("att A, samt"), "att A");
        assert_eq!(trim_joiners("att A;"), "att A");
        assert_eq!(trim_joiners("att A och"), "att A");
        assert_eq!(
            split_inline("att A, att B; samt att C"),
            ["att A", "att B", "att C"]
        );
        assert_eq!(split_inline("att A, attityder"), ["att A, attityder"]);
        assert_eq!(
            finish_item("Uppdra till KS, samt", true),
            "att uppdra till KS"
        );
        assert_eq!(
            finish_item("Riksdagen ställer sig bakom det.", true),
            "Riksdagen ställer sig bakom det."
        );
        assert_eq!(finish_item("Uppdra till KS", false), "Uppdra till KS");
    }

    #[test]
    fn samt_att_and_och_att() {
        // "samt att" alone begins an att-sats; "och att" only as the last
        // conjunction of a list with commas; nothing in parentheses.
        let marked = |t| {
            split_inline_marked(t)
                .into_iter()
                .map(|p| (p.text.trim(), p.joiner))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            marked("att A, att B samt att C."),
            [
                ("att A", None),
                ("att B", None),
                ("att C.", Some("samt att"))
            ]
        );
        assert_eq!(
            marked("att A samt att B"),
            [("att A", None), ("att B", Some("samt att"))]
        );
        assert_eq!(
            marked("att A, att B och att C"),
            [("att A", None), ("att B", None), ("att C", Some("och att"))]
        );
        assert_eq!(
            marked("att utreda X och att återkomma"),
            [("att utreda X och att återkomma", None)]
        );
        assert_eq!(
            marked("att A och att A2, att B"),
            [("att A och att A2", None), ("att B", None)]
        );
        assert_eq!(
            marked("att A (samt att B), att C"),
            [("att A (samt att B)", None), ("att C", None)]
        );
        assert_eq!(
            marked("att A samt attityder"),
            [("att A samt attityder", None)]
        );
    }
}
