//! "Klistra in motion": a motion as councillors have it — typed in Word,
//! copied out of a PDF — turned into the motion object the validator
//! checks, with an [`Issue`] for every line it could not place
//! (`import_unrecognized`) and every place where two readings were possible
//! (`import_ambiguous`), so nothing is guessed silently.
//!
//! One pass over the lines, each line looked at a fixed number of times
//! with work proportional to its length: the importer is linear in the
//! length of the text (a 1 MB paste is no slower per byte than a page).
//! It never panics: no indexing that can fail, no slicing but `get`.

mod assemble;
mod body;
mod dates;
mod draft;
mod lines;
mod proposals;
mod signatures;
mod text;
mod title;
mod walk;

pub use draft::MotionDraft;
use walk::Importer;

use serde_json::{Map, Value};

use crate::messages;
use crate::options::Lang;
use crate::profile::CompiledProfile;
use crate::report::{Code, Issue};

/// The result of [`parse_motion_text`]: the motion and what the importer
/// could not be sure of.
///
/// ```
/// use motion_validator::{parse_motion_text, Profile};
/// let profile = Profile::builtin("uppsala").unwrap().compile().unwrap();
/// let parsed = parse_motion_text("Motion: Fler cykelbanor i centrum\n\n\
///     Cyklister i centrum saknar trygga cykelbanor.\n\n\
///     Jag yrkar att\n- Uppdra åt gatunämnden att planera nya cykelbanor\n\n\
///     Anna Ek (S)\nUppsala den 3 mars 2024", &profile);
/// assert_eq!(parsed.motion["title"], "Fler cykelbanor i centrum");
/// assert_eq!(parsed.motion["proposals"][0], "att uppdra åt gatunämnden att planera nya cykelbanor");
/// assert_eq!(parsed.motion["signatories"][0]["party"], "S");
/// assert_eq!(parsed.motion["submittedOn"], "2024-03-03");
/// assert!(parsed.issues.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedMotion {
    /// The motion object (camelCase keys, as
    /// [`Validator::validate`](crate::Validator::validate) takes it). A
    /// field the text did not give is left out, so a form can keep what
    /// the person had typed there.
    pub motion: Value,
    /// The same, typed: each field the text gave.
    pub draft: MotionDraft,
    /// What the importer could not place or was unsure of, each with the
    /// 1-based `line` of the text in its params.
    pub issues: Vec<Issue>,
}

/// Reads a pasted motion text: title, background, yrkanden, signatories,
/// date and diary number. Party spellings are folded with the profile
/// (`F!` → `FI`); proposals become att-satser when the lead-in ends in
/// "att" or the profile requires them. Messages are in Swedish; see
/// [`Validator::parse_motion_text`](crate::Validator::parse_motion_text)
/// for another language.
///
/// ```
/// use motion_validator::{parse_motion_text, Profile};
/// let profile = Profile::builtin("uppsala").unwrap().compile().unwrap();
/// let parsed = parse_motion_text("Motion om ett bättre torg\n\nText.\n\nVi yrkar att:\n- Utreda torget\n\nAnna Ek (XYZ)", &profile);
/// assert_eq!(parsed.issues[0].code.as_str(), "import_ambiguous");
/// assert_eq!(parsed.issues[0].params["line"], 8);
/// ```
pub fn parse_motion_text(text: &str, profile: &CompiledProfile) -> ParsedMotion {
    parse_motion_text_in(text, profile, Lang::Sv)
}

/// [`parse_motion_text`] with messages in `lang`.
///
/// A text longer than the profile's input limit (1 MiB by default: a
/// motion is a few pages) is refused with `input_too_large` and not read
/// at all, so a paste of 200 MB costs nothing.
///
/// ```
/// use motion_validator::{parse_motion_text_in, Lang, Profile};
/// let profile = Profile::builtin("uppsala").unwrap().compile().unwrap();
/// let parsed = parse_motion_text_in(&"x\n".repeat(600_000), &profile, Lang::En);
/// assert_eq!(parsed.issues[0].code.as_str(), "input_too_large");
/// assert_eq!(parsed.issues[0].message, "The text is too long to read in: at most 1048576 bytes, now 1200000.");
/// assert_eq!(parsed.motion, serde_json::json!({}));
/// ```
pub fn parse_motion_text_in(text: &str, profile: &CompiledProfile, lang: Lang) -> ParsedMotion {
    if text.len() > profile.profile().limits.input_bytes {
        return ParsedMotion::too_large(text.len(), profile, lang);
    }
    let mut parsed = Importer::new(text, profile).run();
    localize(&mut parsed.issues, lang, &profile.profile().display_name);
    parsed
}

impl ParsedMotion {
    /// What the importer gives for a text of `actual` bytes, over the
    /// profile's limit: no motion and one `input_too_large`. For callers
    /// that know the size without handing over the text (the package,
    /// before copying a paste into WebAssembly memory).
    ///
    /// ```
    /// use motion_validator::{Lang, ParsedMotion, Profile};
    /// let profile = Profile::builtin("lund").unwrap().compile().unwrap();
    /// let parsed = ParsedMotion::too_large(5_000_000, &profile, Lang::Sv);
    /// assert_eq!(parsed.issues[0].message, "Texten är för lång för att läsas in: högst 1048576 byte, nu 5000000.");
    /// ```
    pub fn too_large(actual: usize, profile: &CompiledProfile, lang: Lang) -> ParsedMotion {
        let mut issues = vec![Issue::new(Vec::new(), Code::InputTooLarge)
            .param("max", profile.profile().limits.input_bytes)
            .param("actual", actual)];
        localize(&mut issues, lang, &profile.profile().display_name);
        ParsedMotion {
            motion: Value::Object(Map::new()),
            draft: MotionDraft::default(),
            issues,
        }
    }
}

fn localize(issues: &mut [Issue], lang: Lang, council: &str) {
    for issue in issues {
        issue.message = messages::import_message(issue, lang, council);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    /// Linear time: each phase looks at a line at most once and phases only
    /// move forward (Body → Items → After), so no line is looked at more
    /// than three times, and the work per look is bounded by the line's
    /// length (the helpers scan a line once).
    #[test]
    fn each_line_is_looked_at_most_three_times() {
        let p = Profile::builtin("uppsala").unwrap().compile().unwrap();
        let seed = include_str!("../../tests/fixtures/seed/KSN-2020-02111.txt");
        let texts = [
            seed.to_owned(),
            seed.repeat(20),
            "Motion: X\n\nText.\n\nVi yrkar att\n- A\nAnna Ek (S)\n".repeat(500),
            "- A\n\nAnna Ek (S)\nText\n\natt B\n".repeat(500),
            "Lovisa\n\nJohansson (FI)\n".repeat(500),
        ];
        for text in &texts {
            let mut imp = Importer::new(text, &p);
            imp.walk();
            assert!(
                imp.visits <= 3 * imp.lines.len(),
                "{} visits, {} lines",
                imp.visits,
                imp.lines.len()
            );
        }
    }
}
