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

/// NFC; the caller has already ruled out text below U+0300.
pub(crate) fn to_nfc(s: &str) -> String {
    #[cfg(feature = "unicode-tables")]
    {
        use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
        let _ = &HOOKS;
        if is_nfc_quick(s.chars()) == IsNormalized::Yes {
            return s.to_owned();
        }
        s.nfc().collect()
    }
    #[cfg(not(feature = "unicode-tables"))]
    match HOOKS.get() {
        Some(h) => (h.nfc)(s),
        None => s.to_owned(),
    }
}

/// Unicode lowercase; ASCII text never leaves Rust.
pub(crate) fn to_lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    #[cfg(feature = "unicode-tables")]
    {
        s.to_lowercase()
    }
    #[cfg(not(feature = "unicode-tables"))]
    match HOOKS.get() {
        Some(h) => (h.lowercase)(s),
        None => s.to_ascii_lowercase(),
    }
}

/// Whether two characters are the same letter in any case.
pub(crate) fn same_letter(a: char, b: char) -> bool {
    if a == b || (a.is_ascii() && b.is_ascii()) {
        return a.eq_ignore_ascii_case(&b);
    }
    let (mut x, mut y) = ([0u8; 4], [0u8; 4]);
    to_lowercase(a.encode_utf8(&mut x)) == to_lowercase(b.encode_utf8(&mut y))
}
