//! The two Unicode operations that need large tables: NFC normalization
//! and lowercasing (for comparing party names and finding duplicates).
//!
//! With the `unicode-tables` feature (the default) Rust does both, with
//! `unicode-normalization` and std's case tables. The WebAssembly build
//! leaves the tables out — about 70 KB gzipped, more than the whole rest of
//! the engine — and its glue installs the JS engine's own
//! `String.prototype.normalize("NFC")` and `toLowerCase()` with
//! [`set_unicode_hooks`]. The parity corpus (NFD input, Å/Ä/Ö, Greek,
//! Cyrillic) checks that both give the same reports, byte for byte.

use std::sync::OnceLock;

/// NFC and lowercase functions supplied by the host platform.
#[derive(Debug, Clone, Copy)]
pub struct UnicodeHooks {
    /// Unicode NFC normalization.
    pub nfc: fn(&str) -> String,
    /// Unicode full lowercase mapping (as `str::to_lowercase`).
    pub lowercase: fn(&str) -> String,
}

static HOOKS: OnceLock<UnicodeHooks> = OnceLock::new();

/// Installs the functions used when the crate is built without the
/// `unicode-tables` feature (the WebAssembly glue does this at start-up).
/// With the feature, or when never called, they are not used: without the
/// feature and without hooks, text is compared as it is, ASCII-lowercased.
///
/// ```
/// use motion_validator::{set_unicode_hooks, UnicodeHooks};
/// set_unicode_hooks(UnicodeHooks { nfc: |s| s.to_owned(), lowercase: |s| s.to_lowercase() });
/// ```
pub fn set_unicode_hooks(hooks: UnicodeHooks) {
    let _ = HOOKS.set(hooks);
}

/// NFC; the caller has already ruled out text below U+0300. Text that
/// is NFC by the quick check comes back as it is, not copied.
pub(crate) fn to_nfc(s: &str) -> std::borrow::Cow<'_, str> {
    if nfc_quick_yes(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(to_nfc_slow(s))
}

fn to_nfc_slow(s: &str) -> String {
    #[cfg(feature = "unicode-tables")]
    {
        use unicode_normalization::UnicodeNormalization;
        let _ = &HOOKS;
        s.nfc().collect()
    }
    #[cfg(not(feature = "unicode-tables"))]
    match HOOKS.get() {
        Some(h) => (h.nfc)(s),
        None => s.to_owned(),
    }
}

/// Blocks from U+0300 on whose every character is NFC on its own and
/// starts no combination (canonical combining class 0, NFC_Quick_Check
/// Yes), so a text made of them and of characters below U+0300 is NFC
/// as it is. Checked against `unicode-normalization` by a test.
const NFC_SAFE: &[(u32, u32)] = &[
    (0x0370, 0x0373),
    (0x0375, 0x037D),
    (0x037F, 0x0386),
    (0x0388, 0x0482),
    (0x048A, 0x052F),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20A0, 0x20C0),
];

/// Whether text is NFC by a quick check that needs no tables: nothing
/// from U+0300 on outside [`NFC_SAFE`]. `false` means "maybe not".
pub(crate) fn nfc_quick_yes(s: &str) -> bool {
    s.chars().all(|c| {
        let c = u32::from(c);
        c < 0x300 || NFC_SAFE.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
    })
}

/// Unicode lowercase; Latin, Greek and Cyrillic text never leaves Rust.
pub(crate) fn to_lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // Only the characters that are not ASCII are decoded (in Swedish
    // text: a few å, ä, ö, mostly lowercase already); runs in between are
    // copied whole, and ASCII is lowercased at the end, all at once.
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let (mut i, mut run) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if b < 0xC0 {
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        match lower_char(c) {
            Some(l) if l == c => {}
            Some(l) => {
                out.push_str(s.get(run..i).unwrap_or_default());
                out.push(l);
                run = i + c.len_utf8();
            }
            // Rare text (İ, Σ, other scripts): the full tables.
            None => return lowercase_with_tables(s),
        }
        i += c.len_utf8();
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.make_ascii_lowercase();
    out
}

#[cfg(feature = "unicode-tables")]
fn lowercase_with_tables(s: &str) -> String {
    s.to_lowercase()
}

#[cfg(not(feature = "unicode-tables"))]
fn lowercase_with_tables(s: &str) -> String {
    match HOOKS.get() {
        Some(h) => (h.lowercase)(s),
        None => s.to_ascii_lowercase(),
    }
}

/// The lowercase of a character of Latin-1, Latin Extended-A, Greek
/// and Cyrillic, where it is one character and needs no context; `None`
/// elsewhere (and for İ and Σ). Checked against std's tables by a test.
pub(crate) fn lower_char(c: char) -> Option<char> {
    let u = u32::from(c);
    let pair_even = |u: u32| if u % 2 == 0 { u + 1 } else { u };
    let pair_odd = |u: u32| if u % 2 == 1 { u + 1 } else { u };
    let l = match u {
        0x41..=0x5A => u + 0x20,
        0..=0xBF | 0xD7 | 0xDF..=0xFF => u,
        0xC0..=0xDE => u + 0x20,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 => pair_even(u),
        0x131 | 0x138 | 0x149 | 0x17F => u,
        0x139..=0x148 | 0x179..=0x17E => pair_odd(u),
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 63,
        0x391..=0x3A1 | 0x3A4..=0x3AB => u + 0x20,
        0x390 | 0x3AC..=0x3CE => u,
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F => u + 0x20,
        0x430..=0x45F => u,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x4FF => pair_even(u),
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE => pair_odd(u),
        0x4CF => u,
        0x2010..=0x205E => u,
        _ => return None,
    };
    char::from_u32(l)
}

/// Whether two characters are the same letter in any case.
pub(crate) fn same_letter(a: char, b: char) -> bool {
    if a == b || (a.is_ascii() && b.is_ascii()) {
        return a.eq_ignore_ascii_case(&b);
    }
    let (mut x, mut y) = ([0u8; 4], [0u8; 4]);
    to_lowercase(a.encode_utf8(&mut x)) == to_lowercase(b.encode_utf8(&mut y))
}

/// `str::trim` without its character-by-character search when the text
/// starts and ends with a printable ASCII character (nearly always).
pub(crate) fn trim(s: &str) -> &str {
    let edge = |b: Option<&u8>| matches!(b, Some(&c) if c > b' ' && c < 0x80);
    if edge(s.as_bytes().first()) && edge(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// Whether a text has two spaces in a row, eight bytes at a time.
pub(crate) fn has_double_space(s: &str) -> bool {
    let (words, rest) = crate::swar::words(s.as_bytes());
    // Whether the byte before the current word was a space.
    let mut after_space = false;
    for word in words {
        let spaces = crate::swar::spaces(word);
        // Bit 7 of byte i: a space; the pair test shifts byte i+1 onto i.
        if spaces & (spaces >> 8) != 0 || (after_space && spaces & 0x80 != 0) {
            return true;
        }
        after_space = spaces >> 63 != 0;
    }
    rest.iter().any(|&c| {
        let pair = after_space && c == b' ';
        after_space = c == b' ';
        pair
    })
}

/// `(is_alphabetic, is_uppercase)` of a character, Latin-1 from a range
/// check (Swedish text is ASCII plus Å, Ä, Ö, É), the rest from std.
pub(crate) fn letter_case(c: char) -> (bool, bool) {
    match c {
        'a'..='z' | 'ª' | 'µ' | 'º' | 'ß'..='ö' | 'ø'..='ÿ' => (true, false),
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => (true, true),
        '\0'..='\u{FF}' => (false, false),
        _ => (c.is_alphabetic(), c.is_uppercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_is_str_trim() {
        for t in [
            "",
            " ",
            "a",
            " a ",
            "\u{b}x\u{b}",
            "x\u{a0}",
            "\u{3000}x",
            "ab",
            "a b",
            "\u{1f}a\u{7f}",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
        assert!(has_double_space("a  b") && !has_double_space("a b c") && !has_double_space(""));
        // Across and within the eight-byte words.
        for n in 0..20 {
            let single = format!("{}a b c d e f g h", "x".repeat(n));
            assert!(!has_double_space(&single), "{single:?}");
            for at in 0..single.len() {
                let mut double = single.clone();
                double.insert_str(at, "  ");
                assert!(has_double_space(&double), "{double:?}");
            }
        }
    }

    #[test]
    fn letter_case_is_std() {
        for c in (0..0x400).filter_map(char::from_u32) {
            assert_eq!(
                letter_case(c),
                (c.is_alphabetic(), c.is_uppercase()),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn lower_char_is_std_lowercase() {
        let mut covered = 0;
        for c in (0..0x3000).filter_map(char::from_u32) {
            if let Some(l) = lower_char(c) {
                let std: Vec<char> = c.to_lowercase().collect();
                assert_eq!(std, vec![l], "U+{:04X}", u32::from(c));
                covered += 1;
            }
        }
        assert!(covered > 700, "{covered}");
        assert_eq!(lower_char('\u{3A3}'), None); // Σ: final sigma needs context
        assert_eq!(lower_char('\u{130}'), None); // İ: two characters
        for t in [
            "ÅSA ÄNGSLÖV – “Ωμέγα” ΣΟΦΙΑ Ŷ Ÿ Ǆ İstanbul Ѐ Ӂ ǅ ẞ 𝐀 ß",
            "Charlie Strängberg",
            "АБВ ГДЕ Ё",
            "x\u{2028}y",
            "\u{2010}\u{205E}\u{205F}\u{2060}",
        ] {
            assert_eq!(to_lowercase(t), t.to_lowercase(), "{t}");
        }
        for c in (0..0x3000).filter_map(char::from_u32) {
            let t = format!("Ä{c}Z");
            assert_eq!(to_lowercase(&t), t.to_lowercase(), "U+{:04X}", u32::from(c));
        }
    }

    #[cfg(feature = "unicode-tables")]
    #[test]
    fn nfc_safe_blocks_are_nfc_and_start_nothing() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for &(lo, hi) in NFC_SAFE {
            for c in (lo..=hi).filter_map(char::from_u32) {
                assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", u32::from(c));
                assert_eq!(
                    is_nfc_quick(std::iter::once(c)),
                    IsNormalized::Yes,
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
        for c in (0..0x300).filter_map(char::from_u32) {
            assert_eq!(canonical_combining_class(c), 0);
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes);
        }
        assert!(nfc_quick_yes("Stärka – ”Ελλάδα” Россия €"));
        assert!(!nfc_quick_yes("a\u{301}"));
    }
}
