//! [`Validator`]: a profile and options compiled once, then used for every
//! motion and every keystroke.

use serde_json::Value;

use crate::json::{Json, Object};

use crate::date::Date;
use crate::field::Field;
use crate::messages;
use crate::motion::{Motion, MotionRef};
use crate::options::{Lang, Options, Stage};
use crate::profile::{CompiledProfile, ProfileError};
use crate::report::{Code, Issue, Issues, PathSegment, Report};
use crate::rules::structure::unknown_fields;
use crate::rules::{check_field, Ctx, Loc, Parts};

/// Validates motions under one profile, language, date and stage.
///
/// Make one per configuration and keep it: the profile is compiled once.
/// Validation never panics and never fails; everything wrong with the
/// input becomes an [`Issue`] in the [`Report`].
///
/// ```
/// use motion_validator::{Date, Lang, Options, Profile, Stage, Validator};
/// let v = Validator::new(Options {
///     profile: Profile::builtin("uppsala")?,
///     lang: Lang::Sv,
///     today: Date::parse_iso("2021-06-01"),
///     stage: Stage::Submission,
/// })?;
/// let report = v.validate_json(br#"{"title": "Kort"}"#);
/// assert!(!report.valid);
/// assert_eq!(report.issues[0].message, "Titeln är för kort: minst 10 tecken, nu 4.");
/// # Ok::<(), motion_validator::ProfileError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Validator {
    profile: CompiledProfile,
    lang: Lang,
    today: Option<Date>,
    stage: Stage,
}

impl Validator {
    /// Compiles the options' profile. Fails only on a profile that cannot
    /// be used (built-in profiles always can).
    ///
    /// ```
    /// use motion_validator::{Options, Validator};
    /// assert!(Validator::new(Options::default()).is_ok());
    /// ```
    pub fn new(options: Options) -> Result<Validator, ProfileError> {
        Ok(Validator {
            profile: options.profile.compile()?,
            lang: options.lang,
            today: options.today,
            stage: options.stage,
        })
    }

    /// The compiled profile.
    ///
    /// ```
    /// # use motion_validator::{Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// assert_eq!(v.profile().profile().name, "uppsala");
    /// ```
    pub fn profile(&self) -> &CompiledProfile {
        &self.profile
    }

    /// The language of the messages.
    ///
    /// ```
    /// # use motion_validator::{Lang, Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// assert_eq!(v.lang(), Lang::Sv);
    /// ```
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Fixes today's date (or, with `None`, goes back to the date in
    /// Sweden at each call). The browser glue sets the local date here.
    ///
    /// ```
    /// # use motion_validator::{Code, Date, Options, Validator};
    /// let mut v = Validator::new(Options::default()).unwrap();
    /// v.set_today(Date::parse_iso("2019-01-01"));
    /// let issues = v.validate_field(&["submittedOn".into()], &"2020-05-25".into());
    /// assert_eq!(issues[0].code, Code::DateInFuture);
    /// ```
    pub fn set_today(&mut self, today: Option<Date>) {
        self.today = today;
    }

    /// The canonical form of a diary number under this validator's profile
    /// and date (a `{yy}` year is read against it), or `None`.
    ///
    /// ```
    /// # use motion_validator::{Date, Options, Profile, Validator};
    /// let v = Validator::new(Options { profile: Profile::builtin("goteborg").unwrap(),
    ///     today: Date::parse_iso("2026-01-10"), ..Options::default() }).unwrap();
    /// assert_eq!(v.normalize_diary_number("263-99").as_deref(), Some("0263/99"));
    /// ```
    pub fn normalize_diary_number(&self, text: &str) -> Option<String> {
        self.profile
            .normalize_diary_number_as_of(text, self.today.or_else(Date::today_in_sweden))
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            profile: &self.profile,
            today: self.today.or_else(Date::today_in_sweden),
            stage: self.stage,
            submitted_on: None,
        }
    }

    /// Validates raw JSON: refuses input over the profile's size limit
    /// before parsing (`input_too_large`), reports JSON that cannot be
    /// parsed (`invalid_json`, with line and column), then validates.
    ///
    /// ```
    /// # use motion_validator::{Code, Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// let r = v.validate_json(b"{\"title\": ");
    /// assert_eq!(r.issues[0].code, Code::InvalidJson);
    /// assert_eq!(r.issues[0].params["line"], 1);
    /// ```
    pub fn validate_json(&self, input: impl AsRef<[u8]>) -> Report {
        let input = input.as_ref();
        if input.len() > self.profile.profile().limits.input_bytes {
            return self.input_too_large(input.len());
        }
        // A byte order mark is how some Windows tools start UTF-8 files:
        // not part of the motion, and no reason to refuse it.
        let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
        // Checking UTF-8 once up front is faster than serde_json checking
        // each string, and keeps one JSON reader in the browser build.
        match utf8(input) {
            Ok(text) => match crate::json::parse_borrowed(text) {
                Ok((value, duplicates)) => self.validate_value(&value, duplicates),
                Err(e) => self.invalid_json(e),
            },
            Err(e) => self.invalid_json(crate::json::invalid_utf8(input, e.valid_up_to())),
        }
    }

    /// [`Validator::validate_json`] for text already known to be UTF-8
    /// (a JS string, a Rust `&str`): the same report, without checking
    /// the bytes again.
    ///
    /// ```
    /// # use motion_validator::{Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// assert_eq!(v.validate_json_str("[1]"), v.validate_json("[1]"));
    /// ```
    pub fn validate_json_str(&self, input: &str) -> Report {
        if input.len() > self.profile.profile().limits.input_bytes {
            return self.input_too_large(input.len());
        }
        let text = input.strip_prefix('\u{FEFF}').unwrap_or(input);
        match crate::json::parse_borrowed(text) {
            Ok((value, duplicates)) => self.validate_value(&value, duplicates),
            Err(e) => self.invalid_json(e),
        }
    }

    /// [`Validator::validate_json_str`] as JSON text in the form the
    /// WebAssembly glue gets from [`Validator::validate_tape_short`]: each
    /// string of `normalized` that is the input's own string at the same
    /// place is written as `0` (JS, which holds the input, puts it back
    /// only if someone reads `normalized`, so the common case crosses back
    /// without the motion's text). Tests and benchmarks hold the tape to
    /// it.
    ///
    /// ```
    /// # use motion_validator::{Date, Options, Validator};
    /// let v = Validator::new(Options { today: Date::parse_iso("2021-06-01"), ..Options::default() }).unwrap();
    /// let m = r#"{"title":"Fler cykelbanor i centrum","body":"Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.","proposals":["att uppdra åt gatunämnden att planera nya cykelbanor"],"signatories":[{"name":"Lovisa Johansson","party":"F!"}],"submittedOn":"2020-05-25"}"#;
    /// assert!(v.validate_json_str_short(m).ends_with(r#""normalized":{"title":0,"body":0,"proposals":[0],"signatories":[{"name":0,"party":"FI"}],"submittedOn":0}}"#));
    /// ```
    #[doc(hidden)]
    pub fn validate_json_str_short(&self, input: &str) -> String {
        if input.len() > self.profile.profile().limits.input_bytes {
            return self.input_too_large(input.len()).to_json();
        }
        let text = input.strip_prefix('\u{FEFF}').unwrap_or(input);
        match crate::json::parse_borrowed(text) {
            Ok((value, duplicates)) => self.short(&value, duplicates),
            Err(e) => self.invalid_json(e).to_json(),
        }
    }

    /// The short report (see [`Validator::validate_json_str_short`]).
    /// Not inlined: one copy for its two callers (JSON and, in the Node
    /// module, the tape).
    #[inline(never)]
    fn short(&self, value: &Json, duplicates: Vec<crate::report::Path>) -> String {
        let (valid, issues, normalized) = self.check_all(value, duplicates);
        crate::report::json_short(valid, &issues, normalized.as_ref(), value)
    }

    /// [`Validator::validate_json_str_short`] for a motion the JS glue
    /// wrote straight into WebAssembly memory: its strings one after
    /// another as UTF-8 (`text`) and its shape as numbers (`tape`, see
    /// `src/tape.rs`), with no JSON on either side. `None` when the tape
    /// is not a motion's or the text is over the input limit: the glue
    /// then sends the motion as JSON, which reports it exactly.
    ///
    /// ```
    /// # use motion_validator::{Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// // {"title": "Kort"}: one entry, key 0, a string of 4 bytes at 0.
    /// let short = v.validate_tape_short(b"Kort", &[1, 0, 1, 0, 4]).unwrap();
    /// assert_eq!(short, v.validate_json_str_short(r#"{"title":"Kort"}"#));
    /// assert_eq!(v.validate_tape_short(b"Kort", &[1, 0, 1, 0, 5]), None);
    /// ```
    #[doc(hidden)]
    pub fn validate_tape_short(&self, text: &[u8], tape: &[u32]) -> Option<String> {
        if text.len() > self.profile.profile().limits.input_bytes {
            return None;
        }
        let value = crate::tape::read(utf8(text).ok()?, tape)?;
        Some(self.short(&value, Vec::new()))
    }

    fn validate_value(&self, value: &Json, duplicates: Vec<crate::report::Path>) -> Report {
        let (valid, issues, normalized) = self.check_all(value, duplicates);
        Report {
            valid,
            issues,
            normalized: normalized.map(MotionRef::into_owned),
        }
    }

    /// The verdict, the localized issues and, when valid, the normalized
    /// motion (borrowing the input where it is unchanged).
    fn check_all<'v>(
        &'v self,
        value: &'v Json,
        duplicates: Vec<crate::report::Path>,
    ) -> (bool, Vec<Issue>, Option<MotionRef<'v>>) {
        let mut issues = Issues::new();
        let normalized = self.check_value(value, &mut issues);
        for path in duplicates {
            let key = match path.last() {
                Some(PathSegment::Key(k)) => k.clone(),
                _ => String::new(),
            };
            issues.push(Issue::new(path, Code::DuplicateKey).param("field", key));
        }
        let valid = !issues.has_error();
        let mut issues = issues.into_vec();
        self.localize(&mut issues);
        (valid, issues, normalized.filter(|_| valid))
    }

    fn invalid_json(&self, e: crate::json::ParseError) -> Report {
        let issue = Issue::new(Vec::new(), Code::InvalidJson)
            .param("line", e.line)
            .param("column", e.column)
            .param("problem", e.problem);
        self.finish(Issues::from(issue))
    }

    /// The report for raw input of `actual` bytes over the profile's limit,
    /// for callers that refuse a body before reading all of it (a server
    /// that sees `Content-Length`, or stops reading at the limit).
    ///
    /// ```
    /// # use motion_validator::{Code, Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// let r = v.input_too_large(5_000_000);
    /// assert_eq!(r.issues[0].code, Code::InputTooLarge);
    /// assert_eq!(r.issues[0].params["actual"], 5_000_000);
    /// ```
    pub fn input_too_large(&self, actual: usize) -> Report {
        let issue = Issue::new(Vec::new(), Code::InputTooLarge)
            .param("max", self.profile.profile().limits.input_bytes)
            .param("actual", actual);
        self.finish(Issues::from(issue))
    }

    /// Validates a motion given as untyped JSON.
    ///
    /// ```
    /// # use motion_validator::{Code, Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// let r = v.validate(&serde_json::json!(42));
    /// assert_eq!(r.issues[0].code, Code::InvalidType);
    /// assert!(r.issues[0].path.is_empty());
    /// ```
    pub fn validate(&self, motion: &Value) -> Report {
        self.validate_value(&Json::from_value(motion), Vec::new())
    }

    fn check_value<'v>(&'v self, motion: &'v Json, issues: &mut Issues) -> Option<MotionRef<'v>> {
        match motion {
            Json::Object(obj) => self.check_motion(obj, issues),
            Json::Null => {
                issues.push(Issue::new(Vec::new(), Code::Required));
                None
            }
            other => {
                issues.push(crate::rules::invalid_type(Vec::new(), "object", other));
                None
            }
        }
    }

    /// Validates a typed motion (for Rust callers that already have one).
    ///
    /// ```
    /// # use motion_validator::{Motion, Signatory, Options, Validator, Code};
    /// let v = Validator::new(Options::default()).unwrap();
    /// let m = Motion { title: "Hej".into(), body: String::new(), proposals: vec![],
    ///     signatories: vec![], submitted_on: "2020-05-25".into(), diary_number: None };
    /// let r = v.validate_motion(&m);
    /// assert_eq!(r.issues[0].code, Code::TooShort);
    /// ```
    pub fn validate_motion(&self, motion: &Motion) -> Report {
        self.validate_value(&Json::from_motion(motion), Vec::new())
    }

    fn check_motion<'v>(&'v self, obj: &'v Object, issues: &mut Issues) -> Option<MotionRef<'v>> {
        let mut ctx = self.ctx();
        let mut parts = Parts::default();
        for key in Field::KEYS {
            if let Some(field) = Field::from_key(key) {
                check_field(field, obj.get(key), &mut ctx, &mut parts, issues);
            }
        }
        unknown_fields(obj, &Field::KEYS, Loc::ROOT, issues);
        parts.motion()
    }

    /// Validates one field as a person types, with the same codes as
    /// [`Validator::validate`]. Rules that compare fields (`duplicate`,
    /// `diary_number_year_mismatch`) need the whole motion and are left to
    /// it. A path the motion does not have gives `unknown_field`.
    ///
    /// Paths: `["title"]`, `["body"]`, `["proposals"]`, `["proposals", i]`,
    /// `["signatories"]`, `["signatories", i]`, `["signatories", i, "name"]`,
    /// `["signatories", i, "party"]`, `["submittedOn"]`, `["diaryNumber"]`.
    ///
    /// ```
    /// # use motion_validator::{Code, Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// let issues = v.validate_field(&["diaryNumber".into()], &serde_json::json!("ksn 2020 2111"));
    /// assert_eq!(issues[0].code, Code::DiaryNumberFormat);
    /// assert_eq!(issues[0].suggestion.as_deref(), Some("KSN-2020-02111"));
    /// ```
    pub fn validate_field(&self, path: &[PathSegment], value: &Value) -> Vec<Issue> {
        match Field::from_path(path) {
            Some(field) => self.validate_field_at(field, value),
            None if path.is_empty() => self.validate(value).issues,
            None => {
                let mut issues = vec![unknown(path)];
                self.localize(&mut issues);
                issues
            }
        }
    }

    /// [`Validator::validate_field`] for a field already looked up (the
    /// WASM glue's fast path for keystrokes).
    ///
    /// ```
    /// # use motion_validator::{Code, Field, Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// let issues = v.validate_field_at(Field::Party(0), &"XYZ".into());
    /// assert_eq!(issues[0].code, Code::PartyUnknown);
    /// ```
    pub fn validate_field_at(&self, field: Field, value: &Value) -> Vec<Issue> {
        self.validate_field_json(field, &Json::from_value(value))
    }

    /// [`Validator::validate_field_at`] for a string value, as typed: the
    /// keystroke path, with no JSON value built.
    ///
    /// ```
    /// # use motion_validator::{Code, Field, Options, Validator};
    /// let v = Validator::new(Options::default()).unwrap();
    /// let issues = v.validate_field_str(Field::DiaryNumber, "KSN-2020-2111x");
    /// assert_eq!(issues[0].code, Code::DiaryNumberFormat);
    /// ```
    pub fn validate_field_str(&self, field: Field, value: &str) -> Vec<Issue> {
        self.validate_field_json(field, &Json::String(value.into()))
    }

    fn validate_field_json(&self, field: Field, value: &Json) -> Vec<Issue> {
        let mut issues = Issues::new();
        let mut parts = Parts::default();
        check_field(field, Some(value), &mut self.ctx(), &mut parts, &mut issues);
        let mut issues = issues.into_vec();
        self.localize(&mut issues);
        issues
    }

    /// Reads a pasted motion text ([`crate::parse_motion_text`]) with this
    /// validator's profile, its messages in the validator's language.
    ///
    /// ```
    /// use motion_validator::{Lang, Options, Validator};
    /// let v = Validator::new(Options { lang: Lang::En, ..Options::default() }).unwrap();
    /// let parsed = v.parse_motion_text("Motion: Fler bänkar\n\nText.\n\nVi yrkar att\n- Ställa ut bänkar\n\nAnna Ek m.fl. (S)");
    /// assert_eq!(parsed.issues[0].code.as_str(), "import_names_missing");
    /// assert_eq!(parsed.issues[0].message, "“m.fl.” on line 8: not all signatories are named. Add the missing ones.");
    /// let report = v.validate(&parsed.motion);
    /// assert!(report.issues.iter().any(|i| i.code.as_str() == "required")); // no date
    /// ```
    pub fn parse_motion_text(&self, text: &str) -> crate::ParsedMotion {
        crate::import::parse_motion_text_in(text, &self.profile, self.lang)
    }

    fn localize(&self, issues: &mut [Issue]) {
        let council = &self.profile.profile().display_name;
        for issue in issues {
            issue.message = messages::message(issue, self.lang, council);
        }
    }

    /// The report for input that was refused before any rule ran.
    fn finish(&self, issues: Issues) -> Report {
        let valid = !issues.has_error();
        let mut issues = issues.into_vec();
        self.localize(&mut issues);
        Report {
            valid,
            normalized: None,
            issues,
        }
    }
}

fn unknown(path: &[PathSegment]) -> Issue {
    let name = match path.last() {
        Some(PathSegment::Key(k)) => k.clone(),
        Some(PathSegment::Index(i)) => i.to_string(),
        None => String::new(),
    };
    Issue::new(path.to_vec(), Code::UnknownField).param("field", name)
}

/// `std::str::from_utf8`, with SIMD where the machine has it; on an
/// error std says where, for the `invalid_json` position.
fn utf8(input: &[u8]) -> Result<&str, std::str::Utf8Error> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(text) = simdutf8::basic::from_utf8(input) {
        return Ok(text);
    }
    std::str::from_utf8(input)
}
