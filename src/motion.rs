//! The motion as data: what a councillor writes and what gets stored.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A motion to a municipal council (kommunfullmäktige).
///
/// This is the typed form; validation itself takes untyped JSON so that a
/// wrong type is reported rather than refused. [`crate::Report::normalized`]
/// is a `Motion`.
///
/// ```
/// use motion_validator::{Motion, Signatory};
/// let m = Motion {
///     title: "Fler cykelbanor i centrum".into(),
///     body: "Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.".into(),
///     proposals: vec!["att uppdra åt gatunämnden att planera nya cykelbanor".into()],
///     signatories: vec![Signatory { name: "Anna Svensson".into(), party: "MP".into() }],
///     submitted_on: "2024-03-01".into(),
///     diary_number: None,
/// };
/// let json = serde_json::to_value(&m).unwrap();
/// assert_eq!(json["submittedOn"], "2024-03-01");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Motion {
    /// The title, one line.
    pub title: String,
    /// The background text (motiveringen).
    pub body: String,
    /// The yrkanden; in most councils each an att-sats.
    pub proposals: Vec<String>,
    /// Who signs it.
    pub signatories: Vec<Signatory>,
    /// The date it was submitted (väckt), `YYYY-MM-DD`.
    pub submitted_on: String,
    /// The registrar's diarienummer, once registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diary_number: Option<String>,
}

/// A council member who signs a motion.
///
/// ```
/// use motion_validator::Signatory;
/// let s: Signatory = serde_json::from_str(r#"{"name":"Lovisa Johansson","party":"FI"}"#).unwrap();
/// assert_eq!(s.party, "FI");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signatory {
    /// First and last name.
    pub name: String,
    /// Party code as the profile knows it (`-` for partilös).
    pub party: String,
}

/// A normalized motion as the rules make it: each text borrows the input
/// where normalizing changed nothing, so a valid motion is checked without
/// copying its text. [`MotionRef::into_owned`] gives the [`Motion`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MotionRef<'a> {
    pub title: Cow<'a, str>,
    pub body: Cow<'a, str>,
    pub proposals: Vec<Cow<'a, str>>,
    pub signatories: Vec<SignatoryRef<'a>>,
    pub submitted_on: Cow<'a, str>,
    pub diary_number: Option<Cow<'a, str>>,
}

/// A [`Signatory`] in a [`MotionRef`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SignatoryRef<'a> {
    pub name: Cow<'a, str>,
    pub party: Cow<'a, str>,
}

impl MotionRef<'_> {
    /// The motion with its own copies of the texts.
    pub(crate) fn into_owned(self) -> Motion {
        Motion {
            title: self.title.into_owned(),
            body: self.body.into_owned(),
            proposals: self.proposals.into_iter().map(Cow::into_owned).collect(),
            signatories: self
                .signatories
                .into_iter()
                .map(|s| Signatory {
                    name: s.name.into_owned(),
                    party: s.party.into_owned(),
                })
                .collect(),
            submitted_on: self.submitted_on.into_owned(),
            diary_number: self.diary_number.map(Cow::into_owned),
        }
    }
}

impl<'a> From<&'a Motion> for MotionRef<'a> {
    fn from(m: &'a Motion) -> Self {
        MotionRef {
            title: Cow::Borrowed(&m.title),
            body: Cow::Borrowed(&m.body),
            proposals: m
                .proposals
                .iter()
                .map(|p| Cow::Borrowed(p.as_str()))
                .collect(),
            signatories: m
                .signatories
                .iter()
                .map(|s| SignatoryRef {
                    name: Cow::Borrowed(&s.name),
                    party: Cow::Borrowed(&s.party),
                })
                .collect(),
            submitted_on: Cow::Borrowed(&m.submitted_on),
            diary_number: m.diary_number.as_deref().map(Cow::Borrowed),
        }
    }
}
