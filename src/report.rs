//! The verdict: [`Report`], its [`Issue`]s, their [`Code`]s and [`Path`]s.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

use crate::json::{Json, Object};
use crate::motion::{Motion, MotionRef};

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

    /// The report as one line of JSON (the format of `--format json`):
    /// the same bytes as `serde_json::to_string(&report)`.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256);
        out.push_str(if self.valid {
            "{\"valid\":true,\"issues\":"
        } else {
            "{\"valid\":false,\"issues\":"
        });
        write_issues(&mut out, &self.issues);
        out.push_str(",\"normalized\":");
        match &self.normalized {
            Some(m) => write_motion(&mut out, &MotionRef::from(m), None),
            None => out.push_str("null"),
        }
        out.push('}');
        out
    }
}

/// [`Report::to_json`] for a report in parts, where each string of
/// `normalized` that is the input's own string at the same place is written
/// as `0` (see `Validator::validate_json_str_short`).
pub(crate) fn json_short(
    valid: bool,
    issues: &[Issue],
    normalized: Option<&MotionRef>,
    input: &Json,
) -> String {
    // A valid motion's short report is about 150 bytes.
    let mut out = String::with_capacity(256);
    out.push_str(if valid {
        "{\"valid\":true,\"issues\":"
    } else {
        "{\"valid\":false,\"issues\":"
    });
    write_issues(&mut out, issues);
    out.push_str(",\"normalized\":");
    match (normalized, input) {
        (Some(m), Json::Object(obj)) => write_motion(&mut out, m, Some(obj)),
        (Some(m), _) => write_motion(&mut out, m, None),
        (None, _) => out.push_str("null"),
    }
    out.push('}');
    out
}

/// Issues as a JSON array: the same bytes as `serde_json::to_string`.
///
/// Written by hand rather than through serde: the browser module then
/// carries no serializer (derives, `Value`'s and float printing), about
/// 2 KB gzipped, and it is faster.
///
/// ```
/// use motion_validator::{issues_to_json, validate_field};
/// let issues = validate_field(&["title".into()], &"Kort".into());
/// assert_eq!(issues_to_json(&issues), serde_json::to_string(&issues).unwrap());
/// ```
pub fn issues_to_json(issues: &[Issue]) -> String {
    let mut out = String::with_capacity(64 + 160 * issues.len());
    write_issues(&mut out, issues);
    out
}

fn write_issues(out: &mut String, issues: &[Issue]) {
    out.push('[');
    for (i, issue) in issues.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"path\":[");
        for (j, seg) in issue.path.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            match seg {
                PathSegment::Index(n) => write_u64(out, *n as u64),
                PathSegment::Key(k) => write_str(out, k),
            }
        }
        out.push_str("],\"code\":\"");
        out.push_str(issue.code.as_str());
        out.push_str(match issue.severity {
            Severity::Error => "\",\"severity\":\"error\",\"message\":",
            Severity::Warning => "\",\"severity\":\"warning\",\"message\":",
        });
        write_str(out, &issue.message);
        if !issue.params.is_empty() {
            out.push_str(",\"params\":");
            write_map(out, &issue.params);
        }
        if let Some(s) = &issue.suggestion {
            out.push_str(",\"suggestion\":");
            write_str(out, s);
        }
        out.push('}');
    }
    out.push(']');
}

/// The normalized motion; with `input`, each string that is the input's
/// own at the same place is written as `0`.
fn write_motion(out: &mut String, m: &MotionRef, input: Option<&Object>) {
    let field = |out: &mut String, v: Option<&Json>, s: &str| match v {
        // The normalized text usually is the input's own (borrowed): the
        // same place in memory needs no byte-by-byte comparison.
        Some(Json::String(x)) if std::ptr::eq(&**x, s) || x == s => out.push('0'),
        _ => write_str(out, s),
    };
    let get = |k: &str| input.and_then(|o| o.get(k));
    let list = |k: &str, n: usize| match get(k) {
        Some(Json::Array(items)) if items.len() == n => Some(items),
        _ => None,
    };
    out.push_str("{\"title\":");
    field(out, get("title"), &m.title);
    out.push_str(",\"body\":");
    field(out, get("body"), &m.body);
    out.push_str(",\"proposals\":[");
    let items = list("proposals", m.proposals.len());
    for (i, p) in m.proposals.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, items.and_then(|a| a.get(i)), p);
    }
    out.push_str("],\"signatories\":[");
    let items = list("signatories", m.signatories.len());
    for (i, s) in m.signatories.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let o = match items.and_then(|a| a.get(i)) {
            Some(Json::Object(o)) => Some(o),
            _ => None,
        };
        out.push_str("{\"name\":");
        field(out, o.and_then(|o| o.get("name")), &s.name);
        out.push_str(",\"party\":");
        field(out, o.and_then(|o| o.get("party")), &s.party);
        out.push('}');
    }
    out.push_str("],\"submittedOn\":");
    field(out, get("submittedOn"), &m.submitted_on);
    if let Some(d) = &m.diary_number {
        out.push_str(",\"diaryNumber\":");
        field(out, get("diaryNumber"), d);
    }
    out.push('}');
}

fn write_map(out: &mut String, map: &Map<String, Value>) {
    out.push('{');
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(out, k);
        out.push(':');
        write_value(out, v);
    }
    out.push('}');
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                write_u64(out, u);
            } else if let Some(i) = n.as_i64() {
                out.push('-');
                write_u64(out, i.unsigned_abs());
            } else {
                write_float(out, n);
            }
        }
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => write_map(out, map),
    }
}

/// The engine's own params are integers and text; a float only comes
/// from a caller's own `Issue`, natively. The browser module writes none
/// (it would need serde_json's float printer).
#[cfg(not(target_arch = "wasm32"))]
fn write_float(out: &mut String, n: &serde_json::Number) {
    out.push_str(&serde_json::to_string(n).unwrap_or_default());
}

#[cfg(target_arch = "wasm32")]
fn write_float(out: &mut String, _: &serde_json::Number) {
    out.push_str("null");
}

fn write_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the five short
/// control escapes and `\u00XX` for the other control characters.
fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // What JSON escapes is what ends a string for the reader: plain
        // words of eight bytes are passed over whole.
        if crate::swar::word_at(bytes, i).is_some_and(|w| !crate::swar::may_end_string(w)) {
            i += 8;
            continue;
        }
        i += 1;
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(start..i - 1).unwrap_or_default());
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(esc);
        }
        start = i;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Strings are escaped as serde_json escapes them, wherever the
        /// characters to escape fall in the eight-byte words.
        #[test]
        fn strings_are_escaped_as_serde_json_does(s in "[a-zå\"\\\\\n\t\u{1}\u{1f}\u{7f}\u{2028}]{0,40}") {
            let mut out = String::new();
            write_str(&mut out, &s);
            proptest::prop_assert_eq!(out, serde_json::to_string(&s).unwrap());
        }
    }

    /// The hand-written JSON is serde_json's, byte for byte: on every
    /// stored report of the corpus and on the reports of its inputs.
    #[test]
    fn to_json_is_serde_json() {
        let corpus = include_str!("../tests/fixtures/corpus.jsonl");
        let mut seen = 0;
        for line in corpus.lines() {
            let case: Value = serde_json::from_str(line).unwrap();
            let text = case["report"].as_str().unwrap_or_default();
            let stored: Report = serde_json::from_str(text).unwrap();
            assert_eq!(stored.to_json(), text);
            let fresh = crate::validate_json(case["input"].as_str().unwrap_or_default());
            for r in [stored, fresh] {
                assert_eq!(r.to_json(), serde_json::to_string(&r).unwrap());
                assert_eq!(
                    issues_to_json(&r.issues),
                    serde_json::to_string(&r.issues).unwrap()
                );
                seen += 1;
            }
        }
        assert!(seen > 200);
        let mut odd = Issue::new(
            vec![3.into(), "k\"\\\u{1}\u{1f}\u{7f}å\n\r\t\u{8}\u{c}".into()],
            Code::Required,
        )
        .param("n", -5)
        .param("f", 1.5)
        .param("b", true)
        .param("z", Value::Null)
        .param("o", serde_json::json!({"a": [1, "x"]}))
        .suggest(Some("\u{2028}".into()));
        odd.message = "\"x\"".into();
        let r = Report {
            valid: true,
            issues: vec![odd],
            normalized: None,
        };
        assert_eq!(r.to_json(), serde_json::to_string(&r).unwrap());
    }
}
