//! `validator::Validate` for [`Motion`] (feature `validator`), so a Rust
//! portal whose extractors expect that trait (axum-valid,
//! actix-web-validator) gets the motion rules without glue of its own.
//!
//! The trait has no options, so it uses the default ones: profile
//! `uppsala`, Swedish, today's date in Sweden, stage submission. For other
//! options, [`Report::to_validation_errors`] turns any report into the same
//! errors. Each error sits under the motion's top-level field (`proposals`,
//! not `proposals[0]`, which is all `validator` can key on) and keeps the
//! full `path`, the stable code, the localized message and the params.

use std::borrow::Cow;

use validator::{Validate, ValidationError, ValidationErrors};

use crate::field::Field;
use crate::{Motion, PathSegment, Report};

impl Validate for Motion {
    /// ```
    /// use motion_validator::{Motion, Signatory};
    /// use validator::Validate;
    /// let m = Motion { title: "Kort".into(), body: "Cyklister i centrum saknar trygga och sammanhängande cykelbanor.".into(),
    ///     proposals: vec!["Uppdra åt gatunämnden att planera nya cykelbanor".into()],
    ///     signatories: vec![Signatory { name: "Anna Svensson".into(), party: "MP".into() }],
    ///     submitted_on: "2024-03-01".into(), diary_number: None };
    /// let errors = m.validate().unwrap_err();
    /// let fields = errors.field_errors();
    /// assert_eq!(fields["title"][0].code, "too_short");
    /// assert_eq!(fields["proposals"][0].code, "proposal_missing_att");
    /// ```
    fn validate(&self) -> Result<(), ValidationErrors> {
        crate::default_validator()
            .validate_motion(self)
            .to_validation_errors()
    }
}

impl Report {
    /// The report's errors (not its warnings) as `validator` errors: `Ok`
    /// when the motion is valid (feature `validator`).
    ///
    /// ```
    /// let report = motion_validator::validate(&serde_json::json!({"title": 1}));
    /// let errors = report.to_validation_errors().unwrap_err();
    /// assert_eq!(errors.field_errors()["title"][0].code, "invalid_type");
    /// ```
    pub fn to_validation_errors(&self) -> Result<(), ValidationErrors> {
        if self.valid {
            return Ok(());
        }
        let mut errors = ValidationErrors::new();
        for issue in self.errors() {
            let field = match issue.path.first() {
                Some(PathSegment::Key(k)) => Field::KEYS.iter().copied().find(|m| m == k),
                _ => None,
            };
            let mut error = ValidationError::new(issue.code.as_str())
                .with_message(Cow::Owned(issue.message.clone()));
            error.add_param(Cow::Borrowed("path"), &issue.path);
            for (key, value) in &issue.params {
                error.add_param(Cow::Owned(key.clone()), value);
            }
            errors.add(field.unwrap_or("__all__"), error);
        }
        Err(errors)
    }
}
