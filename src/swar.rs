//! Byte tests on eight bytes at once ("SIMD within a register"), for the
//! loops that pass over a motion's text: the JSON reader's strings and the
//! text rules' scan. Portable (no target features), so the WebAssembly
//! build gets them too, where most of the time is spent in such loops.
//! Natively those loops first take blocks of 32 bytes ([`blocks`]).
//!
//! Each test answers "is there such a byte in the word?" exactly; which
//! byte it is may be over-reported above a true one (borrows), so callers
//! look at the word's bytes one by one once a test says yes, or take the
//! lowest flag, which is always a true one ([`first_string_end`],
//! [`find_byte`]).

const ONES: u64 = u64::MAX / 255;
const HIGH: u64 = ONES << 7;

/// A text's bytes as little-endian words of eight, and the bytes left
/// over (`slice::as_chunks` is newer than the crate's minimum Rust).
#[inline(always)]
pub(crate) fn words(bytes: &[u8]) -> (impl Iterator<Item = u64> + '_, &[u8]) {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    let words = chunks.map(|c| <&[u8; 8]>::try_from(c).map_or(0, |w| u64::from_le_bytes(*w)));
    (words, rest)
}

/// Natively, a text's bytes as blocks of 32 (the bytes left over are
/// not given). A test written as a plain fold over a block's bytes is
/// compiled to SIMD compares (SSE2 on x86-64, NEON on aarch64): with them
/// a valid motion took 30 386 instructions instead of 33 333 (callgrind).
/// Without SIMD, as in the WebAssembly build, such a fold is byte by byte,
/// so there the words of eight stay.
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
pub(crate) fn blocks(bytes: &[u8]) -> impl Iterator<Item = &[u8; 32]> + '_ {
    bytes
        .chunks_exact(32)
        .filter_map(|c| <&[u8; 32]>::try_from(c).ok())
}

/// Whether a byte ends the JSON reader's run of plain bytes.
#[inline(always)]
pub(crate) fn ends_string(b: u8) -> bool {
    // `|`, not `||`: no branch, so that a block's test is vectorized.
    (b == b'"') | (b == b'\\') | (b < 0x20)
}

/// Whether a byte has a class in the text rules' table (see
/// [`may_have_class`]).
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
pub(crate) fn has_class(b: u8) -> bool {
    (b < 0x20) | (b == b'<') | (b == 0x7f) | (b == 0xc2) | (b >= 0xcc)
}

/// Whether any byte of a block passes `test` (every byte is tested, so
/// that the loop has no branch and is vectorized).
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
pub(crate) fn any_in_block(block: &[u8; 32], test: impl Fn(u8) -> bool) -> bool {
    block.iter().fold(false, |found, &b| found | test(b))
}

/// The eight bytes from `i` as a little-endian word, if there are eight.
#[inline(always)]
pub(crate) fn word_at(bytes: &[u8], i: usize) -> Option<u64> {
    let eight = bytes.get(i..i.checked_add(8)?)?;
    <&[u8; 8]>::try_from(eight)
        .ok()
        .map(|w| u64::from_le_bytes(*w))
}

/// Nonzero when a byte is below `n` (`n` at most 128).
#[inline(always)]
fn less(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH
}

/// Nonzero when a byte equals `b`.
#[inline(always)]
fn byte(x: u64, b: u8) -> u64 {
    let v = x ^ (ONES * u64::from(b));
    v.wrapping_sub(ONES) & !v & HIGH
}

/// Bit 7 of each byte that is a space, exactly (no borrows between bytes:
/// each byte's low seven bits plus 0x7F stay within the byte).
#[inline(always)]
pub(crate) fn spaces(x: u64) -> u64 {
    let v = x ^ (ONES * u64::from(b' '));
    let low = !HIGH;
    !(((v & low) + low) | v) & HIGH
}

/// Whether the JSON reader must stop in this word: a `"`, a `\\` or a
/// control character.
#[inline(always)]
pub(crate) fn may_end_string(x: u64) -> bool {
    // One branch for all three tests.
    string_ends(x) != 0
}

/// Where in this word the JSON reader must stop (a `"`, a `\\` or a
/// control character), as a byte offset, if it must.
#[inline(always)]
pub(crate) fn first_string_end(x: u64) -> Option<usize> {
    lowest_flag(string_ends(x))
}

/// The byte offset of the lowest flagged byte. A borrow only flags bytes
/// above a true one, so the lowest flag of any test here is exact.
#[inline(always)]
fn lowest_flag(flags: u64) -> Option<usize> {
    (flags != 0).then(|| flags.trailing_zeros() as usize / 8)
}

/// Where the first `b` is in `bytes`, eight bytes at a time.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn find_byte(bytes: &[u8], b: u8) -> Option<usize> {
    let (words, rest) = words(bytes);
    let mut at = 0;
    for x in words {
        if let Some(i) = lowest_flag(byte(x, b)) {
            return Some(at + i);
        }
        at += 8;
    }
    rest.iter().position(|&c| c == b).map(|i| at + i)
}

#[inline(always)]
fn string_ends(x: u64) -> u64 {
    less(x, 0x20) | byte(x, b'"') | byte(x, b'\\')
}

/// Whether a byte of this word has a class in the text rules' table:
/// below 0x20, `<`, DEL, 0xC2, or 0xCC and up. Plain ASCII and the lead
/// bytes of å, ä, ö, é (0xC3) and their continuation bytes have none.
#[inline(always)]
pub(crate) fn may_have_class(x: u64) -> bool {
    // b >= 0xCC: the high bit set and the low seven bits at least 0x4C,
    // which is when adding 0x34 sets bit 7 (no carry leaves the byte).
    let at_least_cc = x & ((x & !HIGH) + ONES * 0x34) & HIGH;
    less(x, 0x20) | byte(x, b'<') | byte(x, 0x7f) | byte(x, 0xc2) | at_least_cc != 0
}

/// How many bytes of this word are ASCII small letters (`a` to `z`).
#[inline(always)]
pub(crate) fn ascii_lowercase(x: u64) -> u32 {
    // On the low seven bits no sum leaves its byte: adding 0x1F sets bit 7
    // from `a` (0x61) on, adding 0x05 from `{` (0x7B) on.
    let low = x & !HIGH;
    let from_a = low + ONES * 0x1f;
    let past_z = low + ONES * 0x05;
    let flags = from_a & !past_z & !x & HIGH;
    // Natively, each flag moved to its byte's lowest bit and the bytes
    // summed by one multiply: x86-64's baseline has no `popcnt`, and
    // `count_ones` is a dozen instructions there. WebAssembly has one.
    #[cfg(not(target_arch = "wasm32"))]
    return ((flags >> 7).wrapping_mul(ONES) >> 56) as u32;
    #[cfg(target_arch = "wasm32")]
    flags.count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(bytes: [u8; 8]) -> u64 {
        u64::from_le_bytes(bytes)
    }

    #[test]
    fn spaces_are_exact() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut w = [b' '; 8];
                w[at] = b;
                let expected = w
                    .iter()
                    .enumerate()
                    .fold(0u64, |m, (i, &c)| m | (u64::from(c == b' ') << (8 * i + 7)));
                assert_eq!(spaces(word(w)), expected, "{w:?}");
            }
        }
    }

    /// The first stop byte of a word is found exactly, whatever follows it
    /// (borrows flag only bytes above a true one).
    #[test]
    fn first_string_end_is_exact() {
        for b in 0..=255u8 {
            for after in [b'"', b'\\', 0x00, 0x1f, 0x20, 0x21, b'a', 0xff] {
                for at in 0..8 {
                    let mut w = [b'a'; 8];
                    w[at] = b;
                    if let Some(next) = w.get_mut(at + 1) {
                        *next = after;
                    }
                    let expected = w.iter().position(|&c| ends_string(c));
                    assert_eq!(first_string_end(word(w)), expected, "{w:?}");
                }
            }
        }
    }

    #[test]
    fn find_byte_is_exact() {
        for len in 0..20 {
            for at in 0..=len {
                for other in [0u8, b'{' - 1, b'{' + 1, 0x80, 0xfb, 0xff] {
                    let mut bytes = vec![other; len];
                    if let Some(slot) = bytes.get_mut(at) {
                        *slot = b'{';
                    }
                    let expected = bytes.iter().position(|&c| c == b'{');
                    assert_eq!(find_byte(&bytes, b'{'), expected, "{bytes:?}");
                }
            }
        }
    }

    /// Every byte value, at every place in a word of otherwise plain
    /// bytes: the word tests agree with the byte tests.
    #[test]
    fn agree_with_byte_tests() {
        for filler in [b'a', 0xc3, 0x80, b' ', b'z', b'Z', 0xfa] {
            for b in 0..=255u8 {
                for at in 0..8 {
                    let mut w = [filler; 8];
                    w[at] = b;
                    let x = word(w);
                    let string_end = |c: u8| c == b'"' || c == b'\\' || c < 0x20;
                    assert_eq!(may_end_string(x), w.iter().any(|&c| string_end(c)), "{w:?}");
                    assert_eq!(ends_string(b), string_end(b));
                    let class =
                        |c: u8| c < 0x20 || c == b'<' || c == 0x7f || c == 0xc2 || c >= 0xcc;
                    assert_eq!(may_have_class(x), w.iter().any(|&c| class(c)), "{w:?}");
                    assert_eq!(has_class(b), class(b));
                    let small = w.iter().filter(|c| c.is_ascii_lowercase()).count();
                    assert_eq!(ascii_lowercase(x) as usize, small, "{w:?}");
                }
            }
        }
    }
}
