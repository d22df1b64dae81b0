//! [`MotionDraft`]: what a pasted text gave, field by field.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::motion::Signatory;

/// A motion as far as a pasted text gave it: each field the text had, and
/// `None` for each it did not (a form keeps what the person typed there).
/// Its JSON ([`MotionDraft::to_value`], camelCase, absent fields left out)
/// is the `Partial<Motion>` the JS package promises.
///
/// ```
/// use motion_validator::{parse_motion_text, Profile};
/// let profile = Profile::builtin("uppsala").unwrap().compile().unwrap();
/// let parsed = parse_motion_text("Motion: Fler bänkar i parken\n\nText.\n\nVi yrkar att\n- Ställa ut bänkar\n\nAnna Ek (S)", &profile);
/// let draft = &parsed.draft;
/// assert_eq!(draft.title.as_deref(), Some("Fler bänkar i parken"));
/// assert_eq!(draft.signatories.as_ref().unwrap()[0].party, "S");
/// assert_eq!(draft.submitted_on, None);
/// assert_eq!(draft.to_value(), parsed.motion);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MotionDraft {
    /// The title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The background text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The yrkanden (att-satser where the lead-in or the profile says so).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposals: Option<Vec<String>>,
    /// Who signed it; a party may be empty where the text gave none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatories: Option<Vec<Signatory>>,
    /// The date it was submitted, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_on: Option<String>,
    /// The diary number, as written in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diary_number: Option<String>,
}

impl MotionDraft {
    /// The draft as the untyped JSON [`crate::Validator::validate`] takes.
    /// Built by hand, in the motion's key order: no serializer for it in
    /// the importer's WebAssembly module.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        let text = |s: &String| Value::String(s.clone());
        if let Some(t) = &self.title {
            m.insert("title".into(), text(t));
        }
        if let Some(b) = &self.body {
            m.insert("body".into(), text(b));
        }
        if let Some(p) = &self.proposals {
            m.insert("proposals".into(), p.iter().map(text).collect());
        }
        if let Some(s) = &self.signatories {
            let list = s.iter().map(|s| {
                let mut o = Map::new();
                o.insert("name".into(), text(&s.name));
                o.insert("party".into(), text(&s.party));
                Value::Object(o)
            });
            m.insert("signatories".into(), list.collect());
        }
        if let Some(d) = &self.submitted_on {
            m.insert("submittedOn".into(), text(d));
        }
        if let Some(d) = &self.diary_number {
            m.insert("diaryNumber".into(), text(d));
        }
        Value::Object(m)
    }
}
