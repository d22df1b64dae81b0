//! Diary numbers (diarienummer): the registrar's formats as templates.
//!
//! A registrar writes a format the way the numbers look, with placeholders:
//!
//! | placeholder | matches | example |
//! |---|---|---|
//! | `{yyyy}` | the four-digit year | `2020` |
//! | `{yy}` | the year's last two digits (20yy) | `20` |
//! | `{yy+1}` | the next year's last two digits (riksmöte `2021/22`) | `22` |
//! | `{n:4}` | a sequence number of exactly 4 digits | `0604` |
//! | `{n:4-5}` | 4 or 5 digits | `02111` |
//! | `{n}` | 1 to 9 digits | `7` |
//!
//! Everything else is literal text, matched without regard to case. Each
//! digit placeholder takes the whole run of digits in front of it, so a
//! template may not put two placeholders side by side or a digit right
//! after one; that keeps matching a single linear pass with no backtracking.

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
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Year4,
    Year2,
    NextYear2,
    Seq { min: u8, max: u8 },
}

impl Segment {
    fn digits(&self) -> Option<(u8, u8)> {
        match self {
            Segment::Literal(_) => None,
            Segment::Year4 => Some((4, 4)),
            Segment::Year2 | Segment::NextYear2 => Some((2, 2)),
            Segment::Seq { min, max } => Some((*min, *max)),
        }
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
}

/// A template that cannot be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError(pub String);

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
                    p if p.starts_with("n:") => {
                        let spec = p.get(2..).unwrap_or_default();
                        let (lo, hi) = spec.split_once('-').unwrap_or((spec, spec));
                        match (lo.parse::<u8>(), hi.parse::<u8>()) {
                            (Ok(min), Ok(max)) if 1 <= min && min <= max && max <= 9 => {
                                Segment::Seq { min, max }
                            }
                            _ => return err(format!("{{{p}}}: use {{n:4}} or {{n:4-5}}, 1 to 9 digits")),
                        }
                    }
                    p => {
                        return err(format!(
                            "unknown placeholder {{{p}}}; use {{yyyy}}, {{yy}}, {{yy+1}}, {{n}} or {{n:4-5}}"
                        ))
                    }
                };
                has_year |= matches!(seg, Segment::Year4 | Segment::Year2);
                if matches!(segments.last(), Some(s) if Segment::digits(s).is_some()) {
                    return err(
                        "two placeholders side by side cannot be told apart; put text between them"
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
                if lit.starts_with(|c: char| c.is_ascii_digit())
                    && matches!(segments.last(), Some(s) if Segment::digits(s).is_some())
                {
                    return err(
                        "a digit right after a placeholder cannot be told apart from it".into(),
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
    /// any case) in one pass.
    ///
    /// ```
    /// # use motion_validator::DiaryFormat;
    /// let f = DiaryFormat::parse("{yyyy}/{yy+1}:{n:1-4}").unwrap();
    /// let n = f.matches("2021/22:4102").unwrap();
    /// assert_eq!((n.year, n.last_year), (2021, 2022));
    /// assert!(f.matches("2021/23:4102").is_none());
    /// ```
    pub fn matches(&self, text: &str) -> Option<DiaryNumber> {
        let text = text.trim();
        let mut pos = 0;
        let bytes = text.as_bytes();
        let mut year4 = None;
        let mut year2 = None;
        let mut next2 = None;
        let mut seq = None;
        for seg in &self.segments {
            match seg.digits() {
                None => {
                    let Segment::Literal(lit) = seg else {
                        return None;
                    };
                    pos = match_literal(text, pos, lit)?;
                }
                Some((min, max)) => {
                    let len = bytes[pos..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    if len < usize::from(min) || len > usize::from(max) {
                        return None;
                    }
                    let value: u32 = text.get(pos..pos + len)?.parse().ok()?;
                    pos += len;
                    match seg {
                        Segment::Year4 => year4 = Some(value),
                        Segment::Year2 => year2 = Some(value),
                        Segment::NextYear2 => next2 = Some(value),
                        _ => seq = Some(value),
                    }
                }
            }
        }
        if pos != text.len() {
            return None;
        }
        let year = u16::try_from(year4.or(year2.map(|y| 2000 + y))?).ok()?;
        let last_year = match next2 {
            Some(n) if n == (u32::from(year) + 1) % 100 => year + 1,
            Some(_) => return None,
            None => year,
        };
        if year == 0 {
            return None;
        }
        Some(DiaryNumber {
            canonical: self.render(year, seq.unwrap_or(0)),
            year,
            last_year,
            sequence: seq.unwrap_or(0),
        })
    }

    /// The canonical text for a year and sequence number.
    fn render(&self, year: u16, seq: u32) -> String {
        let mut out = String::with_capacity(self.template.len() + 8);
        for seg in &self.segments {
            match seg {
                Segment::Literal(l) => out.push_str(l),
                Segment::Year4 => push_padded(&mut out, u32::from(year), 4),
                Segment::Year2 => push_padded(&mut out, u32::from(year % 100), 2),
                Segment::NextYear2 => push_padded(&mut out, u32::from((year + 1) % 100), 2),
                Segment::Seq { min, .. } => push_padded(&mut out, seq, usize::from(*min)),
            }
        }
        out
    }

    /// A sample number in this format, for messages.
    ///
    /// ```
    /// # use motion_validator::DiaryFormat;
    /// assert_eq!(DiaryFormat::parse("KSN-{yyyy}-{n:5}").unwrap().example(), "KSN-2024-00123");
    /// ```
    pub fn example(&self) -> String {
        self.render(2024, 123)
    }

    /// Reads a number written loosely — other separators, spaces, missing
    /// zeros, lower case, a missing prefix — as this format, if its letter
    /// and digit groups line up with the template's. `ksn 2020 2111` becomes
    /// `KSN-2020-02111` under `KSN-{yyyy}-{n:5}`.
    ///
    /// ```
    /// # use motion_validator::DiaryFormat;
    /// let f = DiaryFormat::parse("KSN-{yyyy}-{n:5}").unwrap();
    /// assert_eq!(f.repair("ksn 2020 2111").unwrap().canonical, "KSN-2020-02111");
    /// assert_eq!(f.repair("2020–2111").unwrap().canonical, "KSN-2020-02111");
    /// assert!(f.repair("KS 2020 2111").is_none());
    /// ```
    pub fn repair(&self, text: &str) -> Option<DiaryNumber> {
        let groups = alnum_groups(text);
        let letters_given = groups.iter().any(|g| !g.is_digits);
        let mut given = groups.iter();
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
                digit_seg => {
                    let g = given.next()?;
                    if !g.is_digits {
                        return None;
                    }
                    let (min, max) = digit_seg.digits()?;
                    // Leading zeros beyond the width are dropped, missing ones added.
                    let trimmed = g.text.trim_start_matches('0');
                    let value = if trimmed.is_empty() { "0" } else { trimmed };
                    let width = match digit_seg {
                        Segment::Year4 if value.len() == 2 => {
                            out.push_str("20");
                            2
                        }
                        _ => usize::from(min),
                    };
                    if value.len() > usize::from(max) {
                        return None;
                    }
                    out.push_str(&format!("{value:0>width$}"));
                }
            }
        }
        if given.next().is_some() {
            return None;
        }
        self.matches(&out)
    }
}

/// Appends `n` with leading zeros to at least `width` digits (what
/// `format!("{n:0width$}")` does, without the formatting machinery: this
/// runs on every keystroke in the diary-number field).
fn push_padded(out: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut i = digits.len();
    let mut rest = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for _ in (digits.len() - i)..width {
        out.push('0');
    }
    for &d in digits.iter().skip(i) {
        out.push(char::from(d));
    }
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

/// Whether a year is after today's year.
pub(crate) fn year_in_future(number: &DiaryNumber, today: Option<Date>) -> bool {
    today.is_some_and(|t| number.year > t.year())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            assert!(DiaryFormat::parse(t).is_err(), "{t}");
        }
    }
}
