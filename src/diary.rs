//! Diary numbers (diarienummer): the registrar's formats as templates.
//!
//! A registrar writes a format the way the numbers look, with placeholders:
//!
//! | placeholder | matches | example |
//! |---|---|---|
//! | `{yyyy}` | the four-digit year | `2020` |
//! | `{yy}` | the year's last two digits, read as the latest such year not after this one | `20`, `99` (1999) |
//! | `{yy+1}` | the next year's last two digits (riksmöte `2021/22`) | `22` |
//! | `{n:4}` | a sequence number of exactly 4 digits | `0604` |
//! | `{n:4-5}` | 4 or 5 digits | `02111` |
//! | `{n}` | 1 to 9 digits | `7` |
//! | `{a:0-3}` | 0 to 3 letters, kept as written (a Riksdag committee's `K`, `So`) | `K` |
//! | `{a:2}`, `{a}` | exactly 2 letters; 1 to 9 letters | `So` |
//!
//! Everything else is literal text, matched without regard to case. Each
//! placeholder takes the whole run of its class (digits, or letters) in
//! front of it, so two placeholders of the same class may not stand side by
//! side, nor a digit (a letter) right after a digit (letter) placeholder;
//! letters and digits are disjoint, so a letter placeholder may touch a
//! digit placeholder (`{a:0-3}{n:1-4}`). That keeps matching a single
//! linear pass with no backtracking.

use std::fmt;

use crate::date::Date;

/// A diary number that matched one of a profile's formats.
///
/// ```
/// use motion_validator::Profile;
/// let uppsala = Profile::builtin("uppsala").unwrap().compile().unwrap();
/// let n = uppsala.parse_diary_number("ksn-2020-02111").unwrap();
/// assert_eq!(n.canonical, "KSN-2020-02111");
/// assert_eq!((n.year, n.sequence), (2020, 2111));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryNumber {
    /// The number as the registrar writes it (the template's letters and case).
    pub canonical: String,
    /// The year part; for a riksmöte `2021/22`, the first year.
    pub year: u16,
    /// The last year the number covers: `year + 1` for a riksmöte, else `year`.
    pub last_year: u16,
    /// The sequence number.
    pub sequence: u32,
    /// The letters of an `{a}` placeholder as written (`K` in
    /// `1988/89:K633`); empty when the format has none.
    pub letters: String,
}

/// What a diary number reads as, before its canonical text is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading<'t> {
    pub year: u16,
    pub last_year: u16,
    pub sequence: u32,
    pub letters: &'t str,
    /// The (trimmed) text is already the canonical form, as `render`
    /// would write it.
    pub canonical: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Year4,
    Year2,
    NextYear2,
    Seq { min: u8, max: u8 },
    Letters { min: u8, max: u8 },
}

/// What a placeholder takes a run of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Digits,
    Letters,
}

impl Class {
    fn of(c: char) -> Option<Class> {
        if c.is_ascii_digit() {
            Some(Class::Digits)
        } else if c.is_alphabetic() {
            Some(Class::Letters)
        } else {
            None
        }
    }
}

impl Segment {
    fn digits(&self) -> Option<(u8, u8)> {
        match self {
            Segment::Literal(_) | Segment::Letters { .. } => None,
            Segment::Year4 => Some((4, 4)),
            Segment::Year2 | Segment::NextYear2 => Some((2, 2)),
            Segment::Seq { min, max } => Some((*min, *max)),
        }
    }

    fn class(&self) -> Option<Class> {
        match self {
            Segment::Literal(_) => None,
            Segment::Letters { .. } => Some(Class::Letters),
            _ => Some(Class::Digits),
        }
    }

    /// A letter placeholder that may match nothing.
    fn may_be_empty(&self) -> bool {
        matches!(self, Segment::Letters { min: 0, .. })
    }
}

/// The class of the placeholder a new segment would touch: the last one,
/// or, past a letter placeholder that may match nothing, the one before.
fn touching(segments: &[Segment], class: Class) -> bool {
    for s in segments.iter().rev() {
        if s.class() == Some(class) {
            return true;
        }
        if !s.may_be_empty() {
            return false;
        }
    }
    false
}

/// `{n:4}`, `{n:4-5}`, `{a:0-3}`: the bounds after the colon.
fn bounds(spec: &str, lowest: u8) -> Option<(u8, u8)> {
    let (lo, hi) = spec.split_once('-').unwrap_or((spec, spec));
    match (lo.parse::<u8>(), hi.parse::<u8>()) {
        (Ok(min), Ok(max)) if lowest <= min && min <= max && (1..=9).contains(&max) => {
            Some((min, max))
        }
        _ => None,
    }
}

/// A two-digit year as a registrar reads it: the latest year ending in
/// those digits that is not after `this_year` (`99` in 2026 is 1999, `27`
/// is 1927). Without a year to go by (a WebAssembly build given no date),
/// 20yy. `None` when no such year is in the calendar.
pub(crate) fn two_digit_year(yy: u32, this_year: Option<u16>) -> Option<u32> {
    let Some(t) = this_year.map(u32::from) else {
        return Some(2000 + yy);
    };
    let year = t - t % 100 + yy;
    if year <= t {
        Some(year)
    } else {
        year.checked_sub(100)
    }
}

/// One compiled diary-number format.
///
/// ```
/// use motion_validator::DiaryFormat;
/// let f = DiaryFormat::parse("KS {yyyy}/{n:4}").unwrap();
/// assert_eq!(f.matches("KS 2017/0996").unwrap().sequence, 996);
/// assert!(f.matches("KS 2017/996").is_none());
/// assert_eq!(f.example(), "KS 2024/0123");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryFormat {
    template: String,
    segments: Vec<Segment>,
    /// For a format whose numbers all have one length (ASCII literals,
    /// years, and sequence numbers of one width): each byte of a number in
    /// canonical form, a literal or [`DIGIT`]. Empty for other formats.
    shape: Vec<u8>,
}

/// A digit's place in [`DiaryFormat::shape`] (0xFF is never in UTF-8).
const DIGIT: u8 = 0xFF;

/// Whether `text` has the bytes of `shape`. Without a branch per byte:
/// diary numbers are short, and most that are checked match.
fn has_shape(text: &[u8], shape: &[u8]) -> bool {
    text.len() == shape.len()
        && text.iter().zip(shape).fold(true, |ok, (&b, &s)| {
            ok & ((b == s) | ((s == DIGIT) & (b.wrapping_sub(b'0') < 10)))
        })
}

/// The byte shape of a format's canonical numbers, if they have one.
fn shape_of(segments: &[Segment]) -> Vec<u8> {
    let mut shape = Vec::new();
    for seg in segments {
        match seg {
            Segment::Literal(l) if l.is_ascii() => shape.extend_from_slice(l.as_bytes()),
            Segment::Literal(_) | Segment::Letters { .. } => return Vec::new(),
            _ => match seg.digits() {
                Some((min, max)) if min == max => {
                    shape.extend(std::iter::repeat(DIGIT).take(usize::from(min)))
                }
                _ => return Vec::new(),
            },
        }
    }
    shape
}

/// A template that cannot be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(pub String);

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The year placeholders' values as a number is read.
#[derive(Default)]
struct Years {
    year4: Option<u32>,
    year2: Option<u32>,
    next2: Option<u32>,
}

impl Years {
    /// Keeps a digit placeholder's value (a sequence number in `seq`).
    fn set(&mut self, seg: &Segment, value: u32, seq: &mut Option<u32>) {
        match seg {
            Segment::Year4 => self.year4 = Some(value),
            Segment::Year2 => self.year2 = Some(value),
            Segment::NextYear2 => self.next2 = Some(value),
            _ => *seq = Some(value),
        }
    }

    /// The reading, when the years make sense.
    fn reading<'t>(
        self,
        seq: Option<u32>,
        letters: &'t str,
        canonical: bool,
        today: Option<Date>,
    ) -> Option<Reading<'t>> {
        let year = match (self.year4, self.year2) {
            (Some(y), _) => y,
            (None, Some(yy)) => two_digit_year(yy, today.map(Date::year))?,
            (None, None) => return None,
        };
        let year = u16::try_from(year).ok()?;
        let last_year = match self.next2 {
            Some(n) if n == (u32::from(year) + 1) % 100 => year + 1,
            Some(_) => return None,
            None => year,
        };
        if year == 0 {
            return None;
        }
        Some(Reading {
            year,
            last_year,
            sequence: seq.unwrap_or(0),
            letters,
            canonical,
        })
    }
}

impl DiaryFormat {
    /// Compiles a template such as `KSN-{yyyy}-{n:4-5}`.
    ///
    /// ```
    /// use motion_validator::DiaryFormat;
    /// assert!(DiaryFormat::parse("{n:4}/{yy}").is_ok());
    /// assert!(DiaryFormat::parse("{n}{yyyy}").is_err()); // ambiguous
    /// assert!(DiaryFormat::parse("KS-{n").is_err());
    /// ```
    pub fn parse(template: &str) -> Result<DiaryFormat, TemplateError> {
        let err = |m: String| Err(TemplateError(format!("\"{template}\": {m}")));
        let mut segments = Vec::new();
        let mut rest = template;
        let mut has_year = false;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let Some((placeholder, after)) = after.split_once('}') else {
                    return err("a '{' has no closing '}'".into());
                };
                let seg = match placeholder {
                    "yyyy" => Segment::Year4,
                    "yy" => Segment::Year2,
                    "yy+1" => Segment::NextYear2,
                    "n" => Segment::Seq { min: 1, max: 9 },
                    "a" => Segment::Letters { min: 1, max: 9 },
                    p if p.starts_with("n:") => match bounds(p.get(2..).unwrap_or_default(), 1) {
                        Some((min, max)) => Segment::Seq { min, max },
                        None => return err(format!("{{{p}}}: use {{n:4}} or {{n:4-5}}, 1 to 9 digits")),
                    },
                    p if p.starts_with("a:") => match bounds(p.get(2..).unwrap_or_default(), 0) {
                        Some((min, max)) => Segment::Letters { min, max },
                        None => return err(format!("{{{p}}}: use {{a:2}} or {{a:0-3}}, at most 9 letters")),
                    },
                    p => {
                        return err(format!(
                            "unknown placeholder {{{p}}}; use {{yyyy}}, {{yy}}, {{yy+1}}, {{n}}, {{n:4-5}} or {{a:0-3}}"
                        ))
                    }
                };
                has_year |= matches!(seg, Segment::Year4 | Segment::Year2);
                if seg.class().is_some_and(|c| touching(&segments, c)) {
                    return err(
                        "two placeholders of digits (or of letters) side by side cannot be told apart; put text between them"
                            .into(),
                    );
                }
                segments.push(seg);
                rest = after;
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                let (lit, after) = (
                    rest.get(..end).unwrap_or(rest),
                    rest.get(end..).unwrap_or_default(),
                );
                if lit.contains('}') {
                    return err("a '}' has no opening '{'".into());
                }
                if lit
                    .chars()
                    .next()
                    .and_then(Class::of)
                    .is_some_and(|c| touching(&segments, c))
                {
                    return err(
                        "a digit (a letter) right after a placeholder of digits (of letters) cannot be told apart from it".into(),
                    );
                }
                segments.push(Segment::Literal(lit.to_owned()));
                rest = after;
            }
        }
        if !has_year {
            return err("a format needs a year: {yyyy} or {yy}".into());
        }
        if segments.contains(&Segment::NextYear2) && !segments.contains(&Segment::Year4) {
            return err("{yy+1} needs a {yyyy} before it".into());
        }
        Ok(DiaryFormat {
            template: template.to_owned(),
            shape: shape_of(&segments),
            segments,
        })
    }

    /// The template as written.
    ///
    /// ```
    /// # use motion_validator::DiaryFormat;
    /// assert_eq!(DiaryFormat::parse("{n:4}/{yy}").unwrap().template(), "{n:4}/{yy}");
    /// ```
    pub fn template(&self) -> &str {
        &self.template
    }

    /// Matches the whole text (trimmed, runs of spaces as one, letters in
    /// any case) in one pass. A `{yy}` year is read against today's year in
    /// Sweden (see [`DiaryFormat::matches_as_of`]).
    ///
    /// ```
    /// # use motion_validator::DiaryFormat;
    /// let f = DiaryFormat::parse("{yyyy}/{yy+1}:{n:1-4}").unwrap();
    /// let n = f.matches("2021/22:4102").unwrap();
    /// assert_eq!((n.year, n.last_year), (2021, 2022));
    /// assert!(f.matches("2021/23:4102").is_none());
    /// ```
    pub fn matches(&self, text: &str) -> Option<DiaryNumber> {
        self.matches_as_of(text, Date::today_in_sweden())
    }

    /// [`DiaryFormat::matches`] on a given day: a two-digit `{yy}` year is
    /// the latest year ending in those digits that is not after `today`'s
    /// year, as a registrar reads it (20yy when `today` is `None`).
    ///
    /// ```
    /// # use motion_validator::{Date, DiaryFormat};
    /// let g = DiaryFormat::parse("{n:4}/{yy}").unwrap();
    /// let today = Date::parse_iso("2026-03-01");
    /// assert_eq!(g.matches_as_of("0263/99", today).unwrap().year, 1999);
    /// assert_eq!(g.matches_as_of("0263/26", today).unwrap().year, 2026);
    /// assert_eq!(g.matches_as_of("0263/27", today).unwrap().year, 1927);
    /// let r = DiaryFormat::parse("{yyyy}/{yy+1}:{a:0-3}{n:1-4}").unwrap();
    /// assert_eq!(r.matches_as_of("1988/89:K633", today).unwrap().letters, "K");
    /// assert_eq!(r.matches_as_of("2005/06:so467", today).unwrap().canonical, "2005/06:so467");
    /// ```
    pub fn matches_as_of(&self, text: &str, today: Option<Date>) -> Option<DiaryNumber> {
        let r = self.read_as_of(text, today)?;
        Some(DiaryNumber {
            canonical: self.render(r.year, r.sequence, r.letters),
            year: r.year,
            last_year: r.last_year,
            sequence: r.sequence,
            letters: r.letters.to_owned(),
        })
    }

    /// [`DiaryFormat::matches_as_of`] without building the canonical text.
    pub(crate) fn read_as_of<'t>(&self, text: &'t str, today: Option<Date>) -> Option<Reading<'t>> {
        let text = crate::unicode::trim(text);
        // A number typed as the registrar writes it (most of them, on every
        // keystroke that completes one) is known by its bytes alone.
        if !self.shape.is_empty() && has_shape(text.as_bytes(), &self.shape) {
            return self.read_shaped(text, today);
        }
        self.read_general(text, today)
    }

    /// [`DiaryFormat::read_as_of`] of a text that has the format's shape:
    /// every placeholder's digits are in place, every literal as written.
    fn read_shaped<'t>(&self, text: &'t str, today: Option<Date>) -> Option<Reading<'t>> {
        let bytes = text.as_bytes();
        let (mut pos, mut years, mut seq) = (0, Years::default(), None);
        for seg in &self.segments {
            if let Segment::Literal(l) = seg {
                pos += l.len();
                continue;
            }
            let width = usize::from(seg.digits()?.0);
            let digits = bytes.get(pos..pos + width)?;
            // At most nine digits: no overflow.
            let value = digits
                .iter()
                .fold(0u32, |v, &b| v * 10 + u32::from(b - b'0'));
            pos += width;
            years.set(seg, value, &mut seq);
        }
        years.reading(seq, "", true, today)
    }

    /// [`DiaryFormat::read_as_of`] of any text, trimmed.
    fn read_general<'t>(&self, text: &'t str, today: Option<Date>) -> Option<Reading<'t>> {
        let mut pos = 0;
        let mut years = Years::default();
        let mut seq = None;
        let mut letters = "";
        // Whether the text is written as `render` would write it.
        let mut canonical = true;
        for seg in &self.segments {
            let rest = text.get(pos..)?;
            match seg {
                Segment::Literal(lit) => {
                    let start = pos;
                    pos = match_literal(text, pos, lit)?;
                    canonical &= text.get(start..pos) == Some(lit.as_str());
                }
                Segment::Letters { min, max } => {
                    // Letters and digits are disjoint: the run ends where
                    // the next placeholder's class or a literal begins.
                    let (count, len) = rest
                        .chars()
                        .take_while(|c| c.is_alphabetic())
                        .fold((0, 0), |(n, l), c| (n + 1, l + c.len_utf8()));
                    if count < usize::from(*min) || count > usize::from(*max) {
                        return None;
                    }
                    letters = rest.get(..len)?;
                    pos += len;
                }
                _ => {
                    let (min, max) = seg.digits()?;
                    // The digits and their value in one loop (`None` on
                    // overflow, as `str::parse::<u32>` would).
                    let (mut len, mut value) = (0, Some(0u32));
                    for b in rest.bytes() {
                        if !b.is_ascii_digit() {
                            break;
                        }
                        len += 1;
                        value = value
                            .and_then(|v| v.checked_mul(10))
                            .and_then(|v| v.checked_add(u32::from(b - b'0')));
                    }
                    if len < usize::from(min) || len > usize::from(max) {
                        return None;
                    }
                    let value = value?;
                    pos += len;
                    // Years have a fixed width; a sequence number is padded
                    // to its minimum, so more digits than that must not
                    // start with a zero.
                    if let Segment::Seq { min, .. } = seg {
                        canonical &= len == usize::from(*min) || !rest.starts_with('0');
                    }
                    years.set(seg, value, &mut seq);
                }
            }
        }
        if pos != text.len() {
            return None;
        }
        years.reading(seq, letters, canonical, today)
    }

    /// The canonical text for a year, sequence number and letters.
    pub(crate) fn render(&self, year: u16, seq: u32, letters: &str) -> String {
        let mut out = String::with_capacity(self.template.len() + 8);
        for seg in &self.segments {
            match seg {
                Segment::Literal(l) => out.push_str(l),
                Segment::Year4 => push_padded(&mut out, u32::from(year), 4),
                Segment::Year2 => push_padded(&mut out, u32::from(year % 100), 2),
                Segment::NextYear2 => push_padded(&mut out, u32::from((year + 1) % 100), 2),
                Segment::Seq { min, .. } => push_padded(&mut out, seq, usize::from(*min)),
                Segment::Letters { .. } => out.push_str(letters),
            }
        }
        out
    }

    /// A sample number in this format, for messages.
    ///
    /// ```
    /// # use motion_validator::DiaryFormat;
    /// assert_eq!(DiaryFormat::parse("KSN-{yyyy}-{n:5}").unwrap().example(), "KSN-2024-00123");
    /// // Always one the format accepts:
    /// let short = DiaryFormat::parse("KS {yyyy}/{n:1-2}").unwrap();
    /// assert_eq!(short.example(), "KS 2024/23");
    /// assert!(short.matches(&short.example()).is_some());
    /// ```
    pub fn example(&self) -> String {
        // As few letters as the format takes: none for `{a:0-3}`.
        let min = self.segments.iter().find_map(|s| match s {
            Segment::Letters { min, .. } => Some(usize::from(*min)),
            _ => None,
        });
        // A sequence number that fits: 123 unless the format allows fewer
        // digits (`{n:1}` → 3, `{n:1-2}` → 23), so the example is one the
        // format itself accepts.
        let max_digits = self.segments.iter().find_map(|s| match s {
            Segment::Seq { max, .. } => Some(u32::from(*max)),
            _ => None,
        });
        let seq = 123 % 10u32.pow(max_digits.unwrap_or(3).min(3));
        self.render(
            2024,
            seq,
            "ABCDEFGHI".get(..min.unwrap_or(0)).unwrap_or_default(),
        )
    }

    /// Reads a number written loosely — other separators, spaces, missing
    /// zeros, lower case, a missing prefix — as this format, if its letter
    /// and digit groups line up with the template's. `ksn 2020 2111` becomes
    /// `KSN-2020-02111` under `KSN-{yyyy}-{n:5}`. A two-digit year for
    /// `{yyyy}` is read as `{yy}` is, against today's year in Sweden.
    ///
    /// ```
    /// # use motion_validator::DiaryFormat;
    /// let f = DiaryFormat::parse("KSN-{yyyy}-{n:5}").unwrap();
    /// assert_eq!(f.repair("ksn 2020 2111").unwrap().canonical, "KSN-2020-02111");
    /// assert_eq!(f.repair("2020–2111").unwrap().canonical, "KSN-2020-02111");
    /// assert!(f.repair("KS 2020 2111").is_none());
    /// ```
    pub fn repair(&self, text: &str) -> Option<DiaryNumber> {
        self.repair_as_of(text, Date::today_in_sweden())
    }

    /// [`DiaryFormat::repair`] on a given day (see
    /// [`DiaryFormat::matches_as_of`]).
    ///
    /// ```
    /// # use motion_validator::{Date, DiaryFormat};
    /// let r = DiaryFormat::parse("{yyyy}/{yy+1}:{a:0-3}{n:1-4}").unwrap();
    /// let today = Date::parse_iso("2026-03-01");
    /// assert_eq!(r.repair_as_of("1988 89 K 633", today).unwrap().canonical, "1988/89:K633");
    /// assert_eq!(r.repair_as_of("2021-22-4102", today).unwrap().canonical, "2021/22:4102");
    /// ```
    pub fn repair_as_of(&self, text: &str, today: Option<Date>) -> Option<DiaryNumber> {
        let groups = alnum_groups(text);
        let letters_given = groups.iter().any(|g| !g.is_digits);
        let mut given = groups.iter().peekable();
        let mut out = String::new();
        for seg in &self.segments {
            match seg {
                Segment::Literal(lit) => {
                    for word in alnum_groups(lit) {
                        if letters_given {
                            let g = given.next()?;
                            if g.is_digits != word.is_digits
                                || !g.text.eq_ignore_ascii_case(word.text)
                            {
                                return None;
                            }
                        }
                    }
                    out.push_str(lit);
                }
                Segment::Letters { min, max } => {
                    let fits = |g: &&Group| {
                        let n = g.text.chars().count();
                        !g.is_digits && usize::from(*min) <= n && n <= usize::from(*max)
                    };
                    match given.next_if(fits) {
                        Some(g) => out.push_str(g.text),
                        None if *min == 0 => {}
                        None => return None,
                    }
                }
                digit_seg => {
                    let g = given.next()?;
                    if !g.is_digits {
                        return None;
                    }
                    let (min, max) = digit_seg.digits()?;
                    // Leading zeros beyond the width are dropped, missing ones added.
                    let trimmed = g.text.trim_start_matches('0');
                    let value = if trimmed.is_empty() { "0" } else { trimmed };
                    if matches!(digit_seg, Segment::Year4) && g.text.len() == 2 {
                        let yy = value.parse().ok()?;
                        push_padded(&mut out, two_digit_year(yy, today.map(Date::year))?, 4);
                        continue;
                    }
                    if value.len() > usize::from(max) {
                        return None;
                    }
                    let width = usize::from(min);
                    out.push_str(&format!("{value:0>width$}"));
                }
            }
        }
        if given.next().is_some() {
            return None;
        }
        self.matches_as_of(&out, today)
    }
}

/// Appends `n` with leading zeros to at least `width` digits (what
/// `format!("{n:0width$}")` does, without the formatting machinery: this
/// runs on every keystroke in the diary-number field).
fn push_padded(out: &mut String, n: u32, width: usize) {
    let mut digits = [0u8; 16];
    if let Ok(text) = std::str::from_utf8(padded(&mut digits, n, width)) {
        out.push_str(text);
    }
}

/// `n` in decimal with zeros in front up to `width` (at most 16), written
/// into `buf` right to left: a `push` per digit costs more than the digits
/// in the size-optimized build.
fn padded(buf: &mut [u8; 16], n: u32, width: usize) -> &[u8] {
    let mut i = buf.len();
    let mut rest = n;
    loop {
        i -= 1;
        if let Some(d) = buf.get_mut(i) {
            *d = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || i == 0 {
            break;
        }
    }
    // Zeros in front, up to the width (a u32 has at most 10 digits).
    let start = i.min(buf.len().saturating_sub(width));
    for d in buf.iter_mut().take(i).skip(start) {
        *d = b'0';
    }
    buf.get(start..).unwrap_or_default()
}

struct Group<'a> {
    text: &'a str,
    is_digits: bool,
}

/// Runs of ASCII digits and runs of letters; everything else separates.
fn alnum_groups(text: &str) -> Vec<Group<'_>> {
    let mut groups = Vec::new();
    let mut start = None;
    let mut kind = false;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let k = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        if let Some(s) = start {
            if k != Some(kind) {
                groups.push(Group {
                    text: text.get(s..i).unwrap_or_default(),
                    is_digits: kind,
                });
                start = None;
            }
        }
        if let (None, Some(k)) = (start, k) {
            start = Some(i);
            kind = k;
        }
    }
    groups
}

/// Matches a literal at `pos`: letters in any case, a space in the literal
/// matches one or more spaces in the text. Returns the position after it.
fn match_literal(text: &str, mut pos: usize, lit: &str) -> Option<usize> {
    // The usual case, byte for byte: ASCII text against an ASCII literal,
    // its spaces single (anything else, the Kelvin sign for a K included,
    // takes the general path below).
    let end = pos + lit.len();
    if let Some(t) = text.as_bytes().get(pos..end) {
        // A literal that ends in a space would take more spaces after it.
        let more_spaces = lit.ends_with(' ') && text.as_bytes().get(end) == Some(&b' ');
        if t.is_ascii() && !more_spaces && t.eq_ignore_ascii_case(lit.as_bytes()) {
            return Some(end);
        }
    }
    let mut chars = text.get(pos..)?.chars().peekable();
    for l in lit.chars() {
        let c = chars.next()?;
        if l == ' ' {
            if c != ' ' {
                return None;
            }
            pos += 1;
            while chars.peek() == Some(&' ') {
                chars.next();
                pos += 1;
            }
            continue;
        }
        if !crate::unicode::same_letter(c, l) {
            return None;
        }
        pos += c.len_utf8();
    }
    Some(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-shape shortcut reads exactly what the general reader does,
    /// on every built-in format and on texts one edit away from its shape.
    #[test]
    fn shaped_reading_is_general_reading() {
        let today = Date::parse_iso("2026-03-01");
        let mut shaped = 0;
        let mut templates: Vec<String> = crate::Profile::builtin_names()
            .filter_map(|n| crate::Profile::builtin(n).ok())
            .flat_map(|p| p.diary_number_formats)
            .collect();
        templates.extend(["{yy}-{n:3}", "A {yyyy} {yy+1} {n:2}", "{n:4}/{yy}"].map(String::from));
        for template in &templates {
            let f = DiaryFormat::parse(template).unwrap();
            shaped += usize::from(!f.shape.is_empty());
            let example = f.example();
            let mut texts = vec![
                example.clone(),
                format!(" {example} "),
                example.to_lowercase(),
            ];
            for (i, _) in example.char_indices() {
                for with in ["0", "9", "x", " ", "-", "ö", ""] {
                    let mut t = example.clone();
                    t.replace_range(i..i + 1, with);
                    texts.push(t);
                }
            }
            for yy in ["00", "26", "27", "99"] {
                texts.push(example.replacen("24", yy, 1));
            }
            for text in &texts {
                assert_eq!(
                    f.read_as_of(text, today),
                    f.read_general(crate::unicode::trim(text), today),
                    "{template} {text:?}"
                );
            }
        }
        assert!(shaped >= 5, "{shaped} formats with a shape");
    }

    #[test]
    fn canonical_is_render_then_compare() {
        let today = Date::parse_iso("2026-03-01");
        for (template, texts) in [
            (
                "KSN-{yyyy}-{n:5}",
                &[
                    "KSN-2020-02111",
                    "ksn-2020-02111",
                    "KSN-2020-2111",
                    "KSN-2020-002111",
                ][..],
            ),
            (
                "KS {yyyy}/{n:4}",
                &["KS 2017/0996", "KS  2017/0996", "ks 2017/0996"][..],
            ),
            ("{n:4}/{yy}", &["0263/20", "263/20", "0263/99"][..]),
            (
                "{yyyy}/{yy+1}:{a:0-3}{n:1-4}",
                &[
                    "2021/22:4102",
                    "1988/89:K633",
                    "2005/06:so467",
                    "2021/22:04102",
                ][..],
            ),
            (
                "KSKF/{yyyy}:{n:1-4}",
                &["KSKF/2017:517", "KSKF/2017:0517", "kskf/2017:517"][..],
            ),
        ] {
            let f = DiaryFormat::parse(template).unwrap();
            for &text in texts {
                let (Some(r), Some(n)) = (f.read_as_of(text, today), f.matches_as_of(text, today))
                else {
                    continue;
                };
                assert_eq!(r.canonical, n.canonical == text, "{template} {text}");
                assert_eq!(f.render(r.year, r.sequence, r.letters), n.canonical);
            }
        }
    }

    #[test]
    fn formats_of_the_built_in_councils() {
        let g = DiaryFormat::parse("{n:4}/{yy}").unwrap();
        let n = g.matches("0263/20").unwrap();
        assert_eq!(
            (n.year, n.sequence, n.canonical.as_str()),
            (2020, 263, "0263/20")
        );
        let u = DiaryFormat::parse("KSN-{yyyy}-{n:4}").unwrap();
        assert_eq!(u.matches("KSN-2014-0604").unwrap().year, 2014);
        assert!(u.matches("KSN-2014-0604x").is_none());
        assert!(u.matches("KSN-2014-06041").is_none());
        let l = DiaryFormat::parse("KS {yyyy}/{n:4}").unwrap();
        assert_eq!(
            l.matches("ks  2017/0996").unwrap().canonical,
            "KS 2017/0996"
        );
    }

    #[test]
    fn repair_pads_and_drops_zeros() {
        let u = DiaryFormat::parse("KSN-{yyyy}-{n:5}").unwrap();
        assert_eq!(
            u.repair("KSN 2020 0002111").unwrap().canonical,
            "KSN-2020-02111"
        );
        assert_eq!(u.repair("KSN-20-2111").unwrap().canonical, "KSN-2020-02111");
        assert!(u.repair("KSN-2020-2111-3").is_none());
        let r = DiaryFormat::parse("{yyyy}/{yy+1}:{n:1-4}").unwrap();
        assert_eq!(r.repair("2021 22 4102").unwrap().canonical, "2021/22:4102");
        assert!(r.repair("2021 23 4102").is_none());
    }

    #[test]
    fn rejects_bad_templates() {
        for t in [
            "{yyyy}{n}",
            "{n:0}",
            "{n:5-4}",
            "{n:10}",
            "{x}",
            "KS-{n:4}",
            "{n:4}1/{yy}",
            "a}b{yyyy}",
            // Letters: the same class side by side, a letter after letters,
            // digits that touch when an optional run of letters is empty.
            "{yyyy}/{a}{a:1}",
            "{yyyy}/{a:1-2}K",
            "{yyyy}{a:0-2}{n}",
            "{n}{a:0-3}1/{yyyy}",
            "{yyyy}/{a:0}",
            "{yyyy}/{a:10}",
            "{yyyy}/{a:3-2}{n}",
        ] {
            assert!(DiaryFormat::parse(t).is_err(), "{t}");
        }
    }

    #[test]
    fn letters_touch_digits_but_not_letters() {
        let today = Date::parse_iso("2026-01-10");
        for (t, text, letters) in [
            ("{yyyy}/{yy+1}:{a:0-3}{n:1-4}", "1988/89:K633", "K"),
            ("{yyyy}/{yy+1}:{a:0-3}{n:1-4}", "2021/22:4102", ""),
            ("{a:1-2}{n}/{yyyy}", "Ks1241/2014", "Ks"),
            ("{n}{a:1}/{yyyy}", "12b/2014", "b"),
            ("{yyyy}{a:2}", "2014Fö", "Fö"),
            ("{yyyy}-{a:0-2}-{n}", "2014--7", ""),
        ] {
            let f = DiaryFormat::parse(t).unwrap();
            let n = f
                .matches_as_of(text, today)
                .unwrap_or_else(|| panic!("{t} {text}"));
            assert_eq!((n.letters.as_str(), n.canonical.as_str()), (letters, text));
        }
        let f = DiaryFormat::parse("{a:1-2}{n}/{yyyy}").unwrap();
        assert_eq!(f.example(), "A123/2024");
        for text in ["1241/2014", "Kst1241/2014", "K-1241/2014"] {
            assert!(f.matches_as_of(text, today).is_none(), "{text}");
        }
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(two_digit_year(99, Some(2026)), Some(1999));
        assert_eq!(two_digit_year(26, Some(2026)), Some(2026));
        assert_eq!(two_digit_year(27, Some(2026)), Some(1927));
        assert_eq!(two_digit_year(0, Some(2000)), Some(2000));
        assert_eq!(two_digit_year(1, Some(2000)), Some(1901));
        assert_eq!(two_digit_year(50, Some(20)), None);
        assert_eq!(two_digit_year(99, None), Some(2099));
    }
}
