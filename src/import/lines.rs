//! Step 1: what each line is, judged from the line alone (and page
//! headers, from how often a line comes back).

use std::collections::BTreeMap;

use crate::date::Date;
use crate::profile::CompiledProfile;
use crate::rules::proposals::starts_with_att;

use super::dates;
use super::proposals::{self, LeadIn, Marker};
use super::signatures::{self};
use super::text::{self, starts_uppercase};
use super::title::{self, MotionLine};

/// What a line is, judged from the line alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind<'a> {
    Blank,
    /// A page number, page footer or repeated page header.
    Noise,
    Motion(MotionLine<'a>),
    /// "av Anna Ek m.fl. (S)" under a Riksdag motion's heading.
    Author(&'a str),
    BodyHeading,
    LeadIn(LeadIn<'a>),
    Item(Marker, &'a str),
    /// A line that begins with the word "att".
    Att,
    Date(Date),
    /// A diary number in one of the profile's formats (the line as written).
    Diary(&'a str),
    Closing,
    Text,
}

pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    pub(super) kind: Kind<'a>,
}

/// Lines that may stand above the title.
pub(super) fn is_header(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Blank
            | Kind::Noise
            | Kind::Date(_)
            | Kind::Diary(_)
            | Kind::Author(_)
            | Kind::Motion(MotionLine::Heading { .. } | MotionLine::Designation { .. })
    )
}

/// What a line is, from the line alone.
pub(super) fn classify<'a>(t: &'a str, profile: &CompiledProfile) -> Kind<'a> {
    if t.is_empty() {
        return Kind::Blank;
    }
    if text::is_page_noise(t) {
        return Kind::Noise;
    }
    if let Some((m, rest)) = proposals::marker(t) {
        return Kind::Item(m, rest);
    }
    if let Some(m) = title::motion_line(t) {
        return Kind::Motion(m);
    }
    if let Some(li) = proposals::lead_in(t) {
        return Kind::LeadIn(li);
    }
    if text::is_body_heading(t) {
        return Kind::BodyHeading;
    }
    if text::is_closing(t) {
        return Kind::Closing;
    }
    if starts_with_att(t) {
        return Kind::Att;
    }
    if dates::diary_line(t, profile).is_some() {
        return Kind::Diary(t);
    }
    if let Some(d) = dates::date_line(t) {
        return Kind::Date(d);
    }
    if let Some(rest) = t.strip_prefix("av ").filter(|r| starts_uppercase(r)) {
        return Kind::Author(rest);
    }
    Kind::Text
}

/// Page headers: a short line that comes back on every page. Every copy of
/// a text line goes; of a title, date or heading the first copy stays.
/// Lines that read as signatures stay (a duplicate is the validator's to
/// report). Counted in a B-tree of lines of at most 100 bytes, so the cost
/// per line is bounded; the map is the same type as the validator's
/// duplicate check, so the browser build carries no second B-tree.
pub(super) fn mark_repeated_headers(lines: &mut [Line], profile: &CompiledProfile) {
    let candidate = |l: &Line| {
        l.text.len() <= 100
            && !l.text.ends_with('.')
            && matches!(
                l.kind,
                Kind::Text | Kind::Motion(_) | Kind::Date(_) | Kind::Diary(_)
            )
    };
    // For each distinct text: its first line and how often it comes.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut group_of: Vec<(usize, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !candidate(l) {
            continue;
        }
        let key = l.text.to_owned();
        let g = match seen.get(&key) {
            Some(&g) => g,
            None => {
                seen.insert(key, groups.len());
                groups.push((i, 0));
                groups.len() - 1
            }
        };
        if let Some(group) = groups.get_mut(g) {
            group.1 += 1;
        }
        group_of.push((i, g));
    }
    for (i, g) in group_of {
        let Some(&(first, count)) = groups.get(g) else {
            continue;
        };
        let Some(l) = lines.get_mut(i) else { continue };
        let drop = count >= 2
            && match l.kind {
                Kind::Text => {
                    signatures::sig_line(l.text, profile).map_or(true, |s| !s.has_party())
                }
                _ => i != first,
            };
        if drop {
            l.kind = Kind::Noise;
        }
    }
}
