//! The motion as data: what a councillor writes and what gets stored.

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
