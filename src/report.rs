//! The verdict: [`Report`], its [`Issue`]s, their [`Code`]s and [`Path`]s.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

use crate::motion::Motion;

/// One step of a [`Path`]: an object key or an array index.
///
/// Serialized as a JSON string or number, so a path reads
/// `["signatories", 0, "party"]`.
///
/// ```
/// use motion_validator::PathSegment;
/// let seg: PathSegment = 0.into();
/// assert_eq!(serde_json::to_string(&seg).unwrap(), "0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PathSegment {
    /// A position in an array (0-based).
    Index(usize),
    /// A key of an object.
    Key(String),
}

impl From<&str> for PathSegment {
    fn from(key: &str) -> Self {
        PathSegment::Key(key.to_owned())
    }
}

impl From<String> for PathSegment {
    fn from(key: String) -> Self {
        PathSegment::Key(key)
    }
}

impl From<usize> for PathSegment {
    fn from(index: usize) -> Self {
        PathSegment::Index(index)
    }
}

/// Where in the motion an issue is: keys and indices from the top.
///
/// ```
/// use motion_validator::{Path, PathSegment};
/// let path: Path = vec!["proposals".into(), 1.into()];
/// assert_eq!(path[1], PathSegment::Index(1));
/// ```
pub type Path = Vec<PathSegment>;

/// How serious an issue is. Only errors make a motion invalid.
///
/// ```
/// use motion_validator::{Code, Severity};
/// assert_eq!(Code::AllCaps.severity(), Severity::Warning);
/// assert_eq!(Code::Required.severity(), Severity::Error);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The motion cannot be submitted as it is.
    Error,
    /// Worth a look, but the motion is still valid.
    Warning,
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal, $sev:ident;)*) => {
        /// What an issue is about. The string form (`"too_long"`) is a stable
        /// API: messages are localized and may change, codes never do.
        ///
        /// ```
        /// use motion_validator::Code;
        /// assert_eq!(Code::ProposalMissingAtt.as_str(), "proposal_missing_att");
        /// assert_eq!("too_long".parse::<Code>(), Ok(Code::TooLong));
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of the documentation table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable snake_case name of the code.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $text,)* }
            }

            /// Whether this code is an error or a warning. Fixed per code.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }
        }

        impl std::str::FromStr for Code {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($text => Ok(Code::$variant),)* _ => Err(UnknownCode) }
            }
        }
    };
}

codes! {
    /// A missing, null or blank field; an empty list of proposals or signatories.
    Required = "required", Error;
    /// A value of the wrong JSON type.
    InvalidType = "invalid_type", Error;
    /// Shorter than the profile allows (in Unicode code points).
    TooShort = "too_short", Error;
    /// Longer than the profile allows (in Unicode code points).
    TooLong = "too_long", Error;
    /// More proposals or signatories than the profile allows.
    TooMany = "too_many", Error;
    /// A proposal that is not an att-sats.
    ProposalMissingAtt = "proposal_missing_att", Error;
    /// The same proposal or signatory twice.
    Duplicate = "duplicate", Error;
    /// A name without both a first and a last name.
    NameIncomplete = "name_incomplete", Error;
    /// Digits or symbols in a name.
    NameInvalidChars = "name_invalid_chars", Error;
    /// A party that the profile's council does not seat.
    PartyUnknown = "party_unknown", Error;
    /// Not a real calendar date in `YYYY-MM-DD`.
    DateInvalid = "date_invalid", Error;
    /// A submission date after today.
    DateInFuture = "date_in_future", Error;
    /// A submission date before the profile's earliest (1971-01-01 unless
    /// the profile says otherwise).
    DateTooEarly = "date_too_early", Error;
    /// A diary number in none of the profile's formats.
    DiaryNumberFormat = "diary_number_format", Error;
    /// A diary number whose year has not come yet.
    DiaryNumberYear = "diary_number_year", Error;
    /// A diary number whose year differs from the submission year.
    DiaryNumberYearMismatch = "diary_number_year_mismatch", Warning;
    /// More than a year since submission (Kommunallagen 5 kap. 35 §).
    AnswerOverdue = "answer_overdue", Warning;
    /// Control, bidirectional-override or zero-width characters.
    ForbiddenCharacters = "forbidden_characters", Error;
    /// HTML tags in a text field.
    MarkupNotAllowed = "markup_not_allowed", Error;
    /// Title or body mostly in capital letters.
    AllCaps = "all_caps", Warning;
    /// A key the motion format does not know.
    UnknownField = "unknown_field", Warning;
    /// The same key twice in one JSON object (the later value would
    /// silently win in some readers and lose in others).
    DuplicateKey = "duplicate_key", Error;
    /// Raw input larger than the profile's limit, refused before parsing.
    InputTooLarge = "input_too_large", Error;
    /// Raw input that is not JSON at all.
    InvalidJson = "invalid_json", Error;
    /// More issues than a report carries ([`MAX_ISSUES`]); says how many
    /// were left out.
    IssuesTruncated = "issues_truncated", Warning;
    /// Importing a pasted text: lines that fit no field and were left out.
    ImportUnrecognized = "import_unrecognized", Error;
    /// Importing a pasted text: a line that can be read two ways; the
    /// importer took one and says which.
    ImportAmbiguous = "import_ambiguous", Warning;
    /// Importing a pasted text: "m.fl." stands for signatories not named.
    ImportNamesMissing = "import_names_missing", Warning;
}

/// The error of parsing an unknown code name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownCode;

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: where, what, how serious, a message for a person, the
/// numbers behind it and, where one exists, a fixed text to offer.
///
/// ```
/// use motion_validator::{Code, Options, Validator};
/// let v = Validator::new(Options::default()).unwrap();
/// let issues = v.validate_field(&["title".into()], &serde_json::json!("Kort"));
/// assert_eq!(issues[0].code, Code::TooShort);
/// assert_eq!(issues[0].params["min"], 10);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// Where the issue is, from the top of the motion.
    pub path: Path,
    /// What the issue is; stable.
    pub code: Code,
    /// Error or warning; fixed by the code.
    pub severity: Severity,
    /// A sentence for a councillor, in the report's language.
    pub message: String,
    /// The numbers and values the message is built from (`min`, `max`, ...).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub params: Map<String, Value>,
    /// A corrected value to offer as a one-click fix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Issue {
    pub(crate) fn new(path: Path, code: Code) -> Self {
        Issue {
            path,
            code,
            severity: code.severity(),
            message: String::new(),
            params: Map::new(),
            suggestion: None,
        }
    }

    pub(crate) fn param(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.params.insert(key.to_owned(), value.into());
        self
    }

    pub(crate) fn suggest(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }

    /// Whether this issue is an error (and so makes the motion invalid).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The most issues a report carries; past it one `issues_truncated` says
/// how many more there were. It bounds a report (and the memory behind
/// it) whatever the input: a motion a person wrote has a handful.
///
/// ```
/// use motion_validator::{validate_json, MAX_ISSUES};
/// let keys: Vec<String> = (0..500).map(|i| format!("\"k{i}\":0")).collect();
/// let report = validate_json(format!("{{{}}}", keys.join(",")));
/// assert_eq!(report.issues.len(), MAX_ISSUES + 1);
/// let last = report.issues.last().unwrap();
/// assert_eq!(last.code.as_str(), "issues_truncated");
/// assert_eq!(last.params["omitted"], 500 + 5 - MAX_ISSUES);
/// ```
pub const MAX_ISSUES: usize = 100;

/// Where the rules put issues: keeps the first [`MAX_ISSUES`] and counts
/// the rest.
#[derive(Debug, Default)]
pub(crate) struct Issues {
    list: Vec<Issue>,
    omitted: usize,
    omitted_errors: usize,
}

impl Issues {
    pub(crate) fn new() -> Self {
        Issues::default()
    }

    pub(crate) fn push(&mut self, issue: Issue) {
        if self.list.len() < MAX_ISSUES {
            self.list.push(issue);
        } else {
            self.omitted += 1;
            self.omitted_errors += usize::from(issue.is_error());
        }
    }

    /// How many issues are kept so far.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// The issues kept since there were `len` of them.
    pub(crate) fn since(&self, len: usize) -> &[Issue] {
        self.list.get(len..).unwrap_or_default()
    }

    /// Whether any issue, kept or not, is an error.
    pub(crate) fn has_error(&self) -> bool {
        self.omitted_errors > 0 || self.list.iter().any(Issue::is_error)
    }

    /// The issues kept, and at the end `issues_truncated` if any were not.
    pub(crate) fn into_vec(mut self) -> Vec<Issue> {
        if self.omitted > 0 {
            self.list.push(
                Issue::new(Vec::new(), Code::IssuesTruncated)
                    .param("max", MAX_ISSUES)
                    .param("omitted", self.omitted)
                    .param("omittedErrors", self.omitted_errors),
            );
        }
        self.list
    }
}

impl From<Issue> for Issues {
    fn from(issue: Issue) -> Self {
        let mut issues = Issues::new();
        issues.push(issue);
        issues
    }
}

/// The verdict on one motion.
///
/// `valid` is true when no issue is an error. `normalized` is the motion as
/// it should be stored, present only when the motion is valid.
///
/// ```
/// use motion_validator::validate;
/// let report = validate(&serde_json::json!({"title": 42}));
/// assert!(!report.valid);
/// assert!(report.normalized.is_none());
/// let json = serde_json::to_string(&report).unwrap();
/// assert!(json.starts_with(r#"{"valid":false,"issues":[{"path":["title"],"code":"invalid_type""#));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// True when no issue is an error.
    pub valid: bool,
    /// Every finding, in form order (title, body, proposals, signatories,
    /// submittedOn, diaryNumber, then unknown fields).
    pub issues: Vec<Issue>,
    /// The motion as it should be stored, or `None` when it is invalid.
    pub normalized: Option<Motion>,
}

impl Report {
    /// The issues that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.is_error())
    }

    /// The report as one line of JSON (the format of `--format json`).
    pub fn to_json(&self) -> String {
        // Serializing plain data to a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}
