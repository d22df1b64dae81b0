//! [`Field`]: the motion's shape, written out once.
//!
//! Everything that needs to know which fields a motion has — the
//! validator's dispatch, `unknown_field`, the messages, the WASM glue's
//! keystroke fast path, the JS package, the form — gets it from here.

use std::fmt;

use crate::report::{Path, PathSegment};
use crate::rules::Loc;

/// A field of a motion that can be checked on its own.
///
/// ```
/// use motion_validator::Field;
/// let f = Field::from_path(&["signatories".into(), 1.into(), "party".into()]);
/// assert_eq!(f, Some(Field::Party(1)));
/// assert_eq!(Field::Party(1).to_string(), "signatories[1].party");
/// assert_eq!(Field::Party(1).path(), vec!["signatories".into(), 1.into(), "party".into()]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `title`: one line.
    Title,
    /// `body`: the background text (motiveringen).
    Body,
    /// `proposals`: the list of yrkanden.
    Proposals,
    /// `proposals[i]`: one yrkande.
    Proposal(usize),
    /// `signatories`: the list of who signs.
    Signatories,
    /// `signatories[i]`: one signatory, `{name, party}`.
    Signatory(usize),
    /// `signatories[i].name`.
    Name(usize),
    /// `signatories[i].party`.
    Party(usize),
    /// `submittedOn`: the day it was submitted (väckt).
    SubmittedOn,
    /// `diaryNumber`: the registrar's diarienummer.
    DiaryNumber,
}

/// A string field's place in [`Field::STRING_FIELDS`]: the path with `#`
/// where the index goes.
pub type FieldTemplate = &'static [&'static str];

impl Field {
    /// The keys of a motion, in form order (the order of a report's issues).
    ///
    /// ```
    /// assert_eq!(motion_validator::Field::KEYS[0], "title");
    /// ```
    pub const KEYS: [&'static str; 6] = [
        "title",
        "body",
        "proposals",
        "signatories",
        "submittedOn",
        "diaryNumber",
    ];

    /// The keys of a signatory.
    ///
    /// ```
    /// assert_eq!(motion_validator::Field::SIGNATORY_KEYS, ["name", "party"]);
    /// ```
    pub const SIGNATORY_KEYS: [&'static str; 2] = ["name", "party"];

    /// The fields whose value is a string, numbered for the keystroke fast
    /// path (the WASM glue's `validateFieldScratch`): the number is the
    /// position in this list, and `#` stands for an item's index. The JS
    /// package reads this table from the module; it keeps no copy.
    ///
    /// ```
    /// use motion_validator::Field;
    /// assert_eq!(Field::STRING_FIELDS[2], &["proposals", "#"][..]);
    /// assert_eq!(Field::from_string_code(2, 7), Some(Field::Proposal(7)));
    /// assert_eq!(Field::Proposal(7).string_code(), Some((2, 7)));
    /// ```
    pub const STRING_FIELDS: [FieldTemplate; 7] = [
        &["title"],
        &["body"],
        &["proposals", "#"],
        &["signatories", "#", "name"],
        &["signatories", "#", "party"],
        &["submittedOn"],
        &["diaryNumber"],
    ];

    /// The field a path points at, if the motion has one there.
    ///
    /// ```
    /// use motion_validator::Field;
    /// assert_eq!(Field::from_path(&["title".into()]), Some(Field::Title));
    /// assert_eq!(Field::from_path(&["proposals".into(), 0.into()]), Some(Field::Proposal(0)));
    /// assert_eq!(Field::from_path(&["colour".into()]), None);
    /// ```
    pub fn from_path(path: &[PathSegment]) -> Option<Field> {
        use PathSegment::{Index as I, Key as K};
        Some(match path {
            [K(k)] => return Field::from_key(k),
            [K(k), I(n)] if k == "proposals" => Field::Proposal(*n),
            [K(k), I(n)] if k == "signatories" => Field::Signatory(*n),
            [K(k), I(n), K(f)] if k == "signatories" && f == "name" => Field::Name(*n),
            [K(k), I(n), K(f)] if k == "signatories" && f == "party" => Field::Party(*n),
            _ => return None,
        })
    }

    /// The top-level field with this key.
    ///
    /// ```
    /// use motion_validator::Field;
    /// assert_eq!(Field::from_key("submittedOn"), Some(Field::SubmittedOn));
    /// assert_eq!(Field::from_key("colour"), None);
    /// ```
    pub fn from_key(key: &str) -> Option<Field> {
        Some(match key {
            "title" => Field::Title,
            "body" => Field::Body,
            "proposals" => Field::Proposals,
            "signatories" => Field::Signatories,
            "submittedOn" => Field::SubmittedOn,
            "diaryNumber" => Field::DiaryNumber,
            _ => return None,
        })
    }

    /// The path of the field, as issues carry it.
    ///
    /// ```
    /// use motion_validator::Field;
    /// assert_eq!(Field::Proposal(2).path(), vec!["proposals".into(), 2.into()]);
    /// ```
    pub fn path(self) -> Path {
        self.loc().path()
    }

    /// The field's place in [`Field::STRING_FIELDS`] and its item index,
    /// for a field whose value is a string.
    ///
    /// ```
    /// use motion_validator::Field;
    /// assert_eq!(Field::Title.string_code(), Some((0, 0)));
    /// assert_eq!(Field::Signatories.string_code(), None);
    /// ```
    pub fn string_code(self) -> Option<(u8, usize)> {
        Some(match self {
            Field::Title => (0, 0),
            Field::Body => (1, 0),
            Field::Proposal(i) => (2, i),
            Field::Name(i) => (3, i),
            Field::Party(i) => (4, i),
            Field::SubmittedOn => (5, 0),
            Field::DiaryNumber => (6, 0),
            Field::Proposals | Field::Signatories | Field::Signatory(_) => return None,
        })
    }

    /// The string field numbered `code` (see [`Field::STRING_FIELDS`]).
    ///
    /// ```
    /// use motion_validator::Field;
    /// assert_eq!(Field::from_string_code(4, 1), Some(Field::Party(1)));
    /// assert_eq!(Field::from_string_code(9, 0), None);
    /// ```
    pub fn from_string_code(code: u8, index: usize) -> Option<Field> {
        Some(match code {
            0 => Field::Title,
            1 => Field::Body,
            2 => Field::Proposal(index),
            3 => Field::Name(index),
            4 => Field::Party(index),
            5 => Field::SubmittedOn,
            6 => Field::DiaryNumber,
            _ => return None,
        })
    }

    /// Where the rules look for this field.
    pub(crate) fn loc(self) -> Loc {
        let top = |k| Loc::ROOT.key(k);
        match self {
            Field::Title => top("title"),
            Field::Body => top("body"),
            Field::Proposals => top("proposals"),
            Field::Proposal(i) => top("proposals").index(i),
            Field::Signatories => top("signatories"),
            Field::Signatory(i) => top("signatories").index(i),
            Field::Name(i) => top("signatories").index(i).key("name"),
            Field::Party(i) => top("signatories").index(i).key("party"),
            Field::SubmittedOn => top("submittedOn"),
            Field::DiaryNumber => top("diaryNumber"),
        }
    }
}

/// `title`, `proposals[0]`, `signatories[1].party`: as the CLI prints paths.
impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Field::Title => f.write_str("title"),
            Field::Body => f.write_str("body"),
            Field::Proposals => f.write_str("proposals"),
            Field::Proposal(i) => write!(f, "proposals[{i}]"),
            Field::Signatories => f.write_str("signatories"),
            Field::Signatory(i) => write!(f, "signatories[{i}]"),
            Field::Name(i) => write!(f, "signatories[{i}].name"),
            Field::Party(i) => write!(f, "signatories[{i}].party"),
            Field::SubmittedOn => f.write_str("submittedOn"),
            Field::DiaryNumber => f.write_str("diaryNumber"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [Field; 10] = [
        Field::Title,
        Field::Body,
        Field::Proposals,
        Field::Proposal(3),
        Field::Signatories,
        Field::Signatory(4),
        Field::Name(5),
        Field::Party(6),
        Field::SubmittedOn,
        Field::DiaryNumber,
    ];

    #[test]
    fn a_path_reads_back_as_its_field() {
        for f in SAMPLES {
            assert_eq!(Field::from_path(&f.path()), Some(f), "{f}");
        }
    }

    #[test]
    fn string_codes_match_the_table() {
        for f in SAMPLES {
            let Some((code, index)) = f.string_code() else {
                continue;
            };
            assert_eq!(Field::from_string_code(code, index), Some(f));
            let template = Field::STRING_FIELDS[usize::from(code)];
            let path: Vec<String> = f
                .path()
                .iter()
                .map(|s| match s {
                    PathSegment::Key(k) => k.clone(),
                    PathSegment::Index(_) => "#".into(),
                })
                .collect();
            assert_eq!(path, template, "{f}");
        }
    }

    #[test]
    fn every_top_level_key_is_a_field() {
        for key in Field::KEYS {
            assert!(Field::from_path(&[key.into()]).is_some(), "{key}");
        }
    }
}
