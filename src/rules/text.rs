//! Free-text fields: `required`, `invalid_type`, `forbidden_characters`,
//! `markup_not_allowed`, `too_short`/`too_long` and `all_caps`, plus the
//! normalization every text gets (NFC, trimmed, whitespace tidied).

use std::borrow::Cow;

use crate::json::Json;

use super::{string, Ctx, Loc};
use crate::profile::Range;
use crate::report::{Code, Issue, Issues};

/// Which field a text is; decides what whitespace and characters it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    /// One line; whitespace runs collapse; no zero-width characters.
    Title,
    /// Paragraphs; tabs and newlines kept.
    Body,
    /// Like a body.
    Proposal,
    /// Like a title.
    Name,
}

impl TextKind {
    fn single_line(self) -> bool {
        matches!(self, TextKind::Title | TextKind::Name)
    }
}

/// Checks `title`; returns its normalized form.
pub(crate) fn check_title<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx,
    at: Loc,
    issues: &mut Issues,
) -> Option<Cow<'v, str>> {
    let range = ctx.profile.profile().limits.title;
    check(value, TextKind::Title, range, at, issues)
}

/// Checks `body`; returns its normalized form.
pub(crate) fn check_body<'v>(
    value: Option<&'v Json>,
    ctx: &Ctx,
    at: Loc,
    issues: &mut Issues,
) -> Option<Cow<'v, str>> {
    let range = ctx.profile.profile().limits.body;
    check(value, TextKind::Body, range, at, issues)
}

/// Checks one text field and returns its normalized form when it is a
/// non-blank string (even if other rules failed, so later rules can look).
/// The normalized text borrows the input when normalizing changes nothing
/// (the common case): no copy of the motion's text is made.
pub(crate) fn check<'v>(
    value: Option<&'v Json>,
    kind: TextKind,
    range: Range,
    at: Loc,
    issues: &mut Issues,
) -> Option<Cow<'v, str>> {
    let raw = string(value, at, issues)?;
    let found = scan(raw);
    let text = normalize_scanned(raw, kind, found);
    if text.is_empty() {
        issues.push(Issue::new(at.path(), Code::Required));
        return None;
    }
    let may_be_forbidden =
        found & SPECIAL != 0 || (kind.single_line() && found & (BREAKS | CR) != 0);
    if let Some((index, c)) = may_be_forbidden
        .then(|| forbidden_char(raw, kind))
        .flatten()
    {
        issues.push(
            Issue::new(at.path(), Code::ForbiddenCharacters)
                .param("char", code_point(c))
                .param("index", index),
        );
    }
    if let Some(tag) = (found & LT != 0).then(|| find_tag(&text)).flatten() {
        issues.push(Issue::new(at.path(), Code::MarkupNotAllowed).param("tag", tag));
    }
    check_length(&text, range, at, issues);
    if matches!(kind, TextKind::Title | TextKind::Body) && mostly_capitals(&text) {
        issues.push(Issue::new(at.path(), Code::AllCaps));
    }
    Some(text)
}

/// `too_short`/`too_long`, counted in Unicode code points.
pub(crate) fn check_length(text: &str, range: Range, at: Loc, issues: &mut Issues) {
    // Byte length bounds the count from above and a quarter of it from
    // below: most texts are judged without counting.
    if text.len() <= range.max && text.len().div_ceil(4) >= range.min {
        return;
    }
    let n = text.chars().count();
    if n >= range.min && n <= range.max {
        return;
    }
    if n < range.min {
        issues.push(
            Issue::new(at.path(), Code::TooShort)
                .param("min", range.min)
                .param("actual", n),
        );
    } else if n > range.max {
        issues.push(
            Issue::new(at.path(), Code::TooLong)
                .param("max", range.max)
                .param("actual", n),
        );
    }
}

// What one pass over a text's bytes can rule out, so that plain text (most
// Swedish text: ASCII plus å, ä, ö, whose lead byte is 0xC3) skips the
// character-level checks.
/// C0 controls other than tab/LF/CR, DEL, 0xC2 (C1 controls, NBSP) and
/// lead bytes from 0xE2 (bidi controls, zero-width characters, U+FFFD).
const SPECIAL: u8 = 1;
/// Lead bytes from 0xCC: U+0300 and up, where NFC can change anything.
const MARKS: u8 = 2;
/// `<`, which any HTML tag needs.
const LT: u8 = 4;
/// Tab and line feed.
const BREAKS: u8 = 8;
/// Carriage return.
const CR: u8 = 16;
/// Where Unicode spaces other than ASCII ones live (0xC2, 0xE1, 0xE2+).
const WIDE_SPACE: u8 = 32;

const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let mut f = 0;
        if (b < 0x20 && b != 0x09 && b != 0x0a && b != 0x0d) || b == 0x7f || b == 0xc2 || b >= 0xe2
        {
            f |= SPECIAL;
        }
        if b >= 0xcc {
            f |= MARKS;
        }
        if b == 0xc2 || b == 0xe1 || b >= 0xe2 {
            f |= WIDE_SPACE;
        }
        if b == b'<' as usize {
            f |= LT;
        }
        if b == 0x09 || b == 0x0a {
            f |= BREAKS;
        }
        if b == 0x0d {
            f |= CR;
        }
        t[b] = f;
        b += 1;
    }
    t
}

static BYTE_CLASSES: [u8; 256] = byte_classes();

/// The classes of bytes a text contains. 32 bytes at a time natively,
/// then eight: a block or word with no byte of any class (ASCII text and
/// å, ä, ö) is passed over whole, and only the others are looked up byte
/// by byte.
fn scan(raw: &str) -> u8 {
    let bytes = raw.as_bytes();
    let mut found = 0;
    // Natively, 32 bytes at a time first (see `swar::blocks`).
    #[cfg(not(target_arch = "wasm32"))]
    let bytes = {
        let mut whole = 0;
        for block in crate::swar::blocks(bytes) {
            if crate::swar::any_in_block(block, crate::swar::has_class) {
                found |= classes_of(block);
            }
            whole += 32;
        }
        bytes.get(whole..).unwrap_or_default()
    };
    let (words, rest) = crate::swar::words(bytes);
    for word in words {
        if crate::swar::may_have_class(word) {
            found |= classes_of(&word.to_le_bytes());
        }
    }
    found | classes_of(rest)
}

fn classes_of(bytes: &[u8]) -> u8 {
    bytes
        .iter()
        .fold(0, |acc, &b| acc | BYTE_CLASSES[usize::from(b)])
}

/// NFC, trimmed; single-line fields get inner whitespace collapsed, the
/// others get CRLF and CR turned into LF.
pub(crate) fn normalize(raw: &str, kind: TextKind) -> Cow<'_, str> {
    normalize_scanned(raw, kind, scan(raw))
}

fn normalize_scanned(raw: &str, kind: TextKind, found: u8) -> Cow<'_, str> {
    // Below U+0300 nothing decomposes or combines: such text is NFC.
    if found & MARKS == 0 {
        tidy(raw, kind, found)
    } else {
        match crate::unicode::to_nfc(raw) {
            Cow::Borrowed(nfc) => tidy(nfc, kind, found),
            Cow::Owned(nfc) => Cow::Owned(tidy(&nfc, kind, found).into_owned()),
        }
    }
}

/// Trimmed; single-line fields get inner whitespace collapsed, the others
/// get CRLF and CR turned into LF.
fn tidy(s: &str, kind: TextKind, found: u8) -> Cow<'_, str> {
    let s = crate::unicode::trim(s);
    if kind.single_line()
        && found & (BREAKS | CR | WIDE_SPACE) == 0
        && !crate::unicode::has_double_space(s)
    {
        // Nothing to collapse.
        Cow::Borrowed(s)
    } else if kind.single_line() {
        let mut out = String::with_capacity(s.len());
        for word in s.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        Cow::Owned(out)
    } else if found & CR != 0 {
        // CRLF and lone CR become LF (a loop: `str::replace` costs size).
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                chars.next_if_eq(&'\n');
                out.push('\n');
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    }
}

/// `U+202E` for a character.
pub(crate) fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The first character this kind of field may not hold, with its index in
/// code points.
fn forbidden_char(raw: &str, kind: TextKind) -> Option<(usize, char)> {
    // Everything we forbid is a C0/C1 control (bytes below 0x20, 0x7F, or
    // 0xC2 0x80..0x9F) or at U+200B and above (lead byte 0xE2 or more).
    if raw
        .bytes()
        .all(|b| b >= 0x20 && b != 0x7f && b != 0xc2 && b < 0xe2)
    {
        return None;
    }
    raw.chars().enumerate().find(|&(_, c)| {
        let allowed_space = !kind.single_line() && matches!(c, '\t' | '\n' | '\r');
        (c.is_control() && !allowed_space)
            || is_bidi_control(c)
            || c == char::REPLACEMENT_CHARACTER
            || (kind.single_line() && is_zero_width(c))
    })
}

/// The first thing that looks like an HTML tag: `<` then a letter, `/` or
/// `!`, up to the next `>` with no `<` in between. Linear: each scan stops
/// at the next `<`.
pub(crate) fn find_tag(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some((_, after)) = rest.split_once('<') {
        let mut next = after.chars();
        let opens = match next.next() {
            Some(c) if c.is_ascii_alphabetic() || c == '!' => true,
            Some('/') => next.next().is_some_and(|c| c.is_ascii_alphabetic()),
            _ => false,
        };
        if opens {
            if let Some(end) = after.find(['<', '>']) {
                let inner = after.get(..=end).unwrap_or_default();
                if inner.ends_with('>') {
                    return Some(std::iter::once('<').chain(inner.chars()).take(40).collect());
                }
            }
        }
        rest = after;
    }
    None
}

/// At least 8 letters and at least 70 % of them capitals (any script: Å,
/// Ä and Ö count).
fn mostly_capitals(text: &str) -> bool {
    // Letters are at most the byte count: once small letters pass 30 % of
    // it, capitals cannot reach 70 %. Ordinary text passes that on ASCII
    // small letters alone, counted eight bytes at a time, early on.
    let enough_lower = text.len() * 3 / 10;
    let (words, _) = crate::swar::words(text.as_bytes());
    let mut small = 0;
    for word in words {
        small += crate::swar::ascii_lowercase(word) as usize;
        if small > enough_lower {
            return false;
        }
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    for (i, &b) in text.as_bytes().iter().enumerate() {
        // ASCII straight from the byte; other characters from their
        // first byte (continuation bytes are skipped).
        let (alpha, up) = if b < 0x80 {
            (b.is_ascii_alphabetic(), b.is_ascii_uppercase())
        } else if b >= 0xC0 {
            match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) => crate::unicode::letter_case(c),
                None => continue,
            }
        } else {
            continue;
        };
        if alpha {
            letters += 1;
            upper += usize::from(up);
            if letters - upper > enough_lower {
                return false;
            }
        }
    }
    letters >= 8 && upper * 10 >= letters * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The native blocks' test (compares, so that it is vectorized) is
    /// the table's set of bytes with a class, written out: they must agree.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_block_test_is_the_table() {
        for b in 0..=255u8 {
            assert_eq!(
                crate::swar::has_class(b),
                BYTE_CLASSES[usize::from(b)] != 0,
                "{b:#04x}"
            );
        }
    }

    #[test]
    fn scan_by_words_is_scan_by_bytes() {
        let pieces = [
            "a", "å", "<", "\t", "\n", "\r", "\u{1}", "\u{7f}", "\u{a0}", "\u{300}", "\u{2028}",
            "—", "😀", " ",
        ];
        for (i, p) in pieces.iter().enumerate() {
            for at in 0..70 {
                let text = format!(
                    "{}{p}{}",
                    "x".repeat(at),
                    pieces[(i + at) % pieces.len()].repeat(3)
                );
                assert_eq!(scan(&text), classes_of(text.as_bytes()), "{text:?}");
            }
        }
    }

    #[test]
    fn tags() {
        assert_eq!(find_tag("a <b>fet</b>").as_deref(), Some("<b>"));
        assert_eq!(find_tag("x </p> y").as_deref(), Some("</p>"));
        assert_eq!(find_tag("<!-- x -->").as_deref(), Some("<!-- x -->"));
        assert_eq!(find_tag("a < b och c > d"), None);
        assert_eq!(find_tag("<3 <a <a"), None);
        assert_eq!(
            find_tag("<img src=x onerror=alert(1)>").as_deref(),
            Some("<img src=x onerror=alert(1)>")
        );
    }

    #[test]
    fn capitals_count_swedish_letters() {
        assert!(mostly_capitals("ÅTGÄRDA ÖVERGÅNGSSTÄLLEN NU"));
        assert!(!mostly_capitals("Åtgärda övergångsställen nu"));
        assert!(!mostly_capitals("KS OCH SD")); // too few letters to judge
    }

    /// The early exits change nothing: the same verdict as counting
    /// every letter, on mixes of small and capital letters of every ratio.
    #[test]
    fn capitals_early_exit_is_the_full_count() {
        let full = |t: &str| {
            let letters = t.chars().filter(|c| c.is_alphabetic()).count();
            let upper = t.chars().filter(|c| c.is_uppercase()).count();
            letters >= 8 && upper * 10 >= letters * 7
        };
        let pieces = ["a", "B", "å", "Ä", " ", "1", "Ω", "ω", "x", "Y", "-"];
        for seed in 0..4000usize {
            let len = seed % 60;
            let text: String = (0..len)
                .map(|i| pieces[(seed / 7 + i * i * 31 + i * (seed % 13)) % pieces.len()])
                .collect();
            assert_eq!(mostly_capitals(&text), full(&text), "{text:?}");
            let upper = text.to_uppercase();
            assert_eq!(mostly_capitals(&upper), full(&upper), "{upper:?}");
        }
    }

    #[test]
    fn normalization() {
        assert_eq!(
            normalize("  Fler\t cykel\u{0300}  banor ", TextKind::Title),
            "Fler cykel\u{0300} banor"
        );
        assert_eq!(normalize("A\u{030A}sa", TextKind::Name), "Åsa");
        assert_eq!(
            normalize("rad 1\r\nrad 2\r", TextKind::Body),
            "rad 1\nrad 2"
        );
    }

    #[test]
    fn forbidden() {
        assert_eq!(forbidden_char("ok\ttext\n", TextKind::Body), None);
        assert_eq!(forbidden_char("ok\ttext", TextKind::Title), Some((2, '\t')));
        assert_eq!(
            forbidden_char("a\u{202E}b", TextKind::Body),
            Some((1, '\u{202E}'))
        );
        assert_eq!(
            forbidden_char("An\u{200B}na", TextKind::Name),
            Some((2, '\u{200B}'))
        );
        assert_eq!(forbidden_char("An\u{200D}na", TextKind::Body), None);
    }
}
