//! Checks the motions that Swedish councillors submit to their
//! kommunfullmäktige — the same rules natively on a server and compiled to
//! WebAssembly in the browser, so both give the same verdict.
//!
//! ```
//! use motion_validator::{Date, Options, Validator};
//!
//! let validator = Validator::new(Options { today: Date::parse_iso("2021-06-01"), ..Options::default() })?;
//! let report = validator.validate_json(r#"{
//!     "title": "Fler cykelbanor i centrum",
//!     "body": "Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.",
//!     "proposals": ["Uppdra åt gatunämnden att planera nya cykelbanor"],
//!     "signatories": [{"name": "Lovisa Johansson", "party": "F!"}],
//!     "submittedOn": "2020-05-25"
//! }"#);
//! assert!(!report.valid);
//! let issue = &report.issues[0];
//! assert_eq!(issue.code.as_str(), "proposal_missing_att");
//! assert_eq!(issue.message, "Yrkandet ska börja med ”att”.");
//! assert_eq!(issue.suggestion.as_deref(), Some("att uppdra åt gatunämnden att planera nya cykelbanor"));
//! # Ok::<(), motion_validator::ProfileError>(())
//! ```
//!
//! The input is untyped JSON so that anything a form or a portal sends —
//! wrong types, missing keys, not an object at all — becomes an [`Issue`]
//! with a [`Path`], never a panic. Each issue has a stable [`Code`]; the
//! message is in Swedish ([`Lang::Sv`], default) or English.
//!
//! Lengths are counted in Unicode code points after normalization (NFC,
//! trimmed), which is what a person counts as characters in Swedish text.
//!
//! Each municipality is a [`Profile`]: parties, diary-number formats
//! ([`DiaryFormat`] templates such as `KSN-{yyyy}-{n:5}`) and limits, as
//! JSON. Built in: `uppsala` (default), `lund`, `goteborg`, `riksdag`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod date;
mod diary;
mod field;
mod import;
mod json;
mod messages;
mod motion;
mod options;
mod profile;
mod report;
mod rules;
mod swar;
mod tape;
mod unicode;
mod validator;
#[cfg(feature = "validator")]
mod validator_crate;

use std::sync::OnceLock;

pub use date::Date;
pub use diary::{DiaryFormat, DiaryNumber, TemplateError};
pub use field::{Field, FieldTemplate};
pub use import::{parse_motion_text, parse_motion_text_in, ParsedMotion};
pub use json::read_json;
pub use motion::{Motion, Signatory};
pub use options::{Lang, Options, OptionsError, Stage};
pub use profile::{
    CompiledProfile, Example, Limits, Max, Party, Profile, ProfileError, Range, Source,
    MAX_ALIASES, MAX_FORMATS, MAX_PARTIES, MAX_PROFILE_BYTES,
};
pub use report::{
    issues_to_json, Code, Issue, Path, PathSegment, Report, Severity, UnknownCode, MAX_ISSUES,
};
#[doc(hidden)]
pub use tape::write_tape;
pub use unicode::{set_unicode_hooks, UnicodeHooks};
pub use validator::Validator;

// The README's Rust examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

fn default_validator() -> &'static Validator {
    static DEFAULT: OnceLock<Validator> = OnceLock::new();
    DEFAULT.get_or_init(|| {
        // The built-in default profile always compiles (tested).
        Validator::new(Options::default()).unwrap_or_else(|_| unreachable!("built-in profile"))
    })
}

/// Validates untyped JSON with the default options: profile `uppsala`,
/// Swedish, today's date in Sweden, stage submission.
///
/// ```
/// let report = motion_validator::validate(&serde_json::json!({}));
/// assert_eq!(report.issues.len(), 5); // five required fields missing
/// assert!(report.issues.iter().all(|i| i.code.as_str() == "required"));
/// ```
pub fn validate(motion: &serde_json::Value) -> Report {
    default_validator().validate(motion)
}

/// Validates raw JSON text or bytes with the default options.
///
/// ```
/// let report = motion_validator::validate_json("[1, 2]");
/// assert_eq!(report.issues[0].code.as_str(), "invalid_type");
/// ```
pub fn validate_json(input: impl AsRef<[u8]>) -> Report {
    default_validator().validate_json(input)
}

/// Validates one field with the default options (see
/// [`Validator::validate_field`]).
///
/// ```
/// let issues = motion_validator::validate_field(&["signatories".into(), 0.into(), "party".into()], &"XYZ".into());
/// assert_eq!(issues[0].code.as_str(), "party_unknown");
/// ```
pub fn validate_field(path: &[PathSegment], value: &serde_json::Value) -> Vec<Issue> {
    default_validator().validate_field(path, value)
}
