//! Municipal profiles: each council's parties, diary-number formats and
//! limits, as data (JSON), not code.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;

use crate::date::Date;
use crate::diary::{DiaryFormat, DiaryNumber};

/// A party seated in the council.
///
/// ```
/// use motion_validator::Party;
/// let p: Party = serde_json::from_str(r#"{"code":"FI","name":"Feministiskt initiativ","aliases":["F!","Fi"]}"#).unwrap();
/// assert_eq!(p.aliases.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The canonical code (`FI`), stored in normalized motions.
    pub code: String,
    /// The full name (`Feministiskt initiativ`); also accepted as input.
    pub name: String,
    /// Other spellings (`F!`, `Fi`). Matching ignores case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A minimum and maximum length in Unicode code points (characters as a
/// person counts them in Swedish text, not UTF-16 units, not bytes).
///
/// ```
/// use motion_validator::Range;
/// let r = Range { min: 10, max: 200 };
/// assert!(r.min < r.max);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// At least this many characters.
    #[serde(default)]
    pub min: usize,
    /// At most this many characters.
    pub max: usize,
}

/// A most-this-many limit.
///
/// ```
/// use motion_validator::Max;
/// assert_eq!(Max { max: 30 }.max, 30);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Max {
    /// The most allowed.
    pub max: usize,
}

/// Length, count and date limits. Every one has a default, so a profile
/// names only those it changes.
///
/// ```
/// use motion_validator::Limits;
/// let l = Limits::default();
/// assert_eq!((l.title.min, l.title.max, l.proposals.max), (10, 200, 30));
/// assert_eq!(l.earliest_submission.to_string(), "1971-01-01");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Limits {
    /// Title length; default 10–200.
    pub title: Range,
    /// Background text length; default 50–20 000.
    pub body: Range,
    /// Length of each proposal; default 10–2 000.
    pub proposal: Range,
    /// Length of a signatory's name; default at most 100.
    pub name: Max,
    /// Number of proposals; default at most 30.
    pub proposals: Max,
    /// Number of signatories; default at most 100.
    pub signatories: Max,
    /// Size of the raw JSON input in bytes; default 1 MiB.
    pub input_bytes: usize,
    /// The earliest day a motion can have been submitted (`date_too_early`
    /// before it); default 1971-01-01, when today's municipalities (the
    /// kommunreform) and the one-chamber Riksdag began.
    pub earliest_submission: Date,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            title: Range { min: 10, max: 200 },
            body: Range {
                min: 50,
                max: 20_000,
            },
            proposal: Range {
                min: 10,
                max: 2_000,
            },
            name: Max { max: 100 },
            proposals: Max { max: 30 },
            signatories: Max { max: 100 },
            input_bytes: 1 << 20,
            earliest_submission: Date::REFORM_1971,
        }
    }
}

/// One municipality's rules, as a JSON document.
///
/// ```
/// use motion_validator::Profile;
/// let p = Profile::from_json(r#"{
///   "name": "ort", "displayName": "Orts kommun",
///   "parties": [{"code": "S", "name": "Socialdemokraterna"}],
///   "diaryNumberFormats": ["KS {yyyy}/{n:1-4}"],
///   "limits": {"proposals": {"max": 10}}
/// }"#).unwrap();
/// assert_eq!(p.limits.proposals.max, 10);
/// assert_eq!(p.limits.title.max, 200); // the default
/// assert!(p.require_att); // the default
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// A short machine name (`uppsala`).
    pub name: String,
    /// The name shown to people (`Uppsala kommun`).
    pub display_name: String,
    /// The parties seated in the council. `-` (partilös) is always allowed.
    pub parties: Vec<Party>,
    /// The diary-number formats, as templates (see [`DiaryFormat`]); the
    /// first is the canonical one used for suggestions.
    pub diary_number_formats: Vec<String>,
    /// Whether each proposal must be an att-sats. Default true.
    pub require_att: bool,
    /// Length, count and date limits.
    pub limits: Limits,
    /// A real diary number of this council (and, where known, its motion's
    /// date and title): shown in the documentation and tested to parse
    /// under the formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Example>,
    /// Where each fact of the profile comes from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// A real diary number of the council, for documentation and tests.
///
/// ```
/// use motion_validator::Profile;
/// let lund = Profile::builtin("lund").unwrap();
/// let example = lund.example.unwrap();
/// assert_eq!(example.diary_number, "KS 2017/0996");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Example {
    /// The number as the registrar wrote it.
    pub diary_number: String,
    /// The day the motion was submitted, if the number is a motion's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submitted_on: Option<Date>,
    /// The motion's title, if the number is a motion's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Where a fact of a profile comes from: a public page.
///
/// ```
/// use motion_validator::Profile;
/// let riksdag = Profile::builtin("riksdag").unwrap();
/// assert!(riksdag.sources.iter().any(|s| s.fact == "example" && s.url.starts_with("https://")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The fact: `parties`, `diaryNumberFormats`, `example`, ….
    pub fact: String,
    /// The page it is on.
    pub url: String,
    /// The page's title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the page says that matters here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Reads a profile through [`Profile::from_value`], so a profile embedded
/// in a portal's own configuration gets the same checks and messages.
impl<'de> Deserialize<'de> for Profile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Profile::from_value(&v).map_err(serde::de::Error::custom)
    }
}

/// The built-in profiles, name and JSON, the default first: written by
/// build.rs from profiles/ (without `sources` when the feature
/// `profile-sources` is off, as in the browser modules).
const BUILTINS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtins.rs"));

/// Why a profile cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileError {
    /// No built-in profile has that name.
    UnknownBuiltin(String),
    /// The JSON does not describe a profile (with line and column).
    Json(String),
    /// A value in it is unusable, with the path of the field.
    Invalid {
        /// Where, such as `diaryNumberFormats[1]`.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProfileError::UnknownBuiltin(n) => write!(
                f,
                "no built-in profile \"{n}\"; built in are: {}",
                joined(Profile::builtin_names(), ", ")
            ),
            ProfileError::Json(e) => write!(f, "not a valid profile: {e}"),
            ProfileError::Invalid { path, reason } => write!(f, "profile field {path}: {reason}"),
        }
    }
}

impl std::error::Error for ProfileError {}

impl Default for Profile {
    /// The built-in `uppsala` profile.
    fn default() -> Self {
        // Built-in profiles are checked by the test suite.
        Profile::builtin("uppsala").unwrap_or_else(|_| unreachable!("built-in profile"))
    }
}

impl Profile {
    /// A built-in profile by name: `uppsala`, `lund`, `goteborg`, `riksdag`.
    ///
    /// ```
    /// use motion_validator::Profile;
    /// assert_eq!(Profile::builtin("goteborg").unwrap().display_name, "Göteborgs stad");
    /// assert!(Profile::builtin("narnia").is_err());
    /// ```
    pub fn builtin(name: &str) -> Result<Profile, ProfileError> {
        let json = BUILTINS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, j)| *j)
            .ok_or_else(|| ProfileError::UnknownBuiltin(name.to_owned()))?;
        Profile::from_json(json)
    }

    /// A built-in profile's name or a profile's JSON text (anything that
    /// begins with `{`), as every adapter takes it: the CLI's `--profile`
    /// (after reading a file), the server's `?profile=`, the JS options.
    /// An empty string is the default profile.
    ///
    /// ```
    /// use motion_validator::Profile;
    /// assert_eq!(Profile::from_name_or_json("lund").unwrap().name, "lund");
    /// assert_eq!(Profile::from_name_or_json("").unwrap().name, "uppsala");
    /// let own = Profile::builtin("lund").unwrap().to_json_pretty().replace("\"lund\"", "\"ort\"");
    /// assert_eq!(Profile::from_name_or_json(&own).unwrap().name, "ort");
    /// ```
    pub fn from_name_or_json(text: &str) -> Result<Profile, ProfileError> {
        match text.trim_start() {
            "" => Ok(Profile::default()),
            json if json.starts_with('{') => Profile::from_json(json),
            name => Profile::builtin(name.trim_end()),
        }
    }

    /// The JSON text of a built-in profile, as shipped.
    ///
    /// ```
    /// use motion_validator::Profile;
    /// assert!(Profile::builtin_json("riksdag").unwrap().contains("{yyyy}/{yy+1}:{a:0-3}{n:1-4}"));
    /// ```
    pub fn builtin_json(name: &str) -> Option<&'static str> {
        BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, j)| *j)
    }

    /// The names of the built-in profiles.
    ///
    /// ```
    /// use motion_validator::Profile;
    /// assert!(Profile::builtin_names().any(|n| n == "riksdag"));
    /// ```
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTINS.iter().map(|(n, _)| *n)
    }

    /// Reads a profile from JSON and checks that it can be compiled.
    ///
    /// ```
    /// use motion_validator::Profile;
    /// let err = Profile::from_json(r#"{"name":"x","displayName":"X","parties":[],"diaryNumberFormats":["{n}"]}"#).unwrap_err();
    /// assert!(err.to_string().contains("diaryNumberFormats[0]"));
    /// ```
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        if json.len() > MAX_PROFILE_BYTES {
            return Err(ProfileError::Json(format!(
                "too large: at most {MAX_PROFILE_BYTES} bytes, found {}",
                json.len()
            )));
        }
        let (v, _) = crate::json::parse(json).map_err(|e| {
            ProfileError::Json(format!("not JSON at line {} column {}", e.line, e.column))
        })?;
        Profile::from_value(&v)
    }

    /// Reads a profile from parsed JSON and checks that it can be compiled.
    /// Every mistake is reported with the path of the field, such as
    /// `parties[2].code`. Read by hand rather than by `serde` derive: the
    /// messages are clearer, and the browser build is smaller without it.
    ///
    /// ```
    /// use motion_validator::Profile;
    /// let v = serde_json::json!({"name": "x", "displayName": "X", "parties": [{"code": 1}], "diaryNumberFormats": ["{n}/{yy}"]});
    /// let err = Profile::from_value(&v).unwrap_err();
    /// assert_eq!(err.to_string(), "profile field parties[0].code: expected text");
    /// ```
    pub fn from_value(v: &Value) -> Result<Profile, ProfileError> {
        let o = object(
            v,
            "",
            &[
                "name",
                "displayName",
                "parties",
                "diaryNumberFormats",
                "requireAtt",
                "limits",
                "example",
                "sources",
            ],
        )?;
        let parties = array(o.get("parties"), "parties")?
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = format!("parties[{i}]");
                let o = object(p, &path, &["code", "name", "aliases"])?;
                Ok(Party {
                    code: text(o.get("code"), &format!("{path}.code"))?,
                    name: text(o.get("name"), &format!("{path}.name"))?,
                    aliases: match o.get("aliases") {
                        None => Vec::new(),
                        some => texts(some, &format!("{path}.aliases"))?,
                    },
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let require_att = match o.get("requireAtt") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(invalid("requireAtt", "expected true or false")),
        };
        let p = Profile {
            name: text(o.get("name"), "name")?,
            display_name: text(o.get("displayName"), "displayName")?,
            parties,
            diary_number_formats: texts(o.get("diaryNumberFormats"), "diaryNumberFormats")?,
            require_att,
            limits: limits(o.get("limits"))?,
            example: example(o.get("example"))?,
            sources: sources(o.get("sources"))?,
        };
        p.compile()?;
        Ok(p)
    }

    /// The profile as pretty JSON: a starting point for a municipality's own.
    ///
    /// ```
    /// use motion_validator::Profile;
    /// let json = Profile::builtin("lund").unwrap().to_json_pretty();
    /// assert!(json.contains("\"KS {yyyy}/{n:4}\""));
    /// ```
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks the profile and prepares it for fast validation.
    ///
    /// ```
    /// use motion_validator::Profile;
    /// let c = Profile::builtin("uppsala").unwrap().compile().unwrap();
    /// assert_eq!(c.party_code("f!"), Some("FI"));
    /// ```
    pub fn compile(&self) -> Result<CompiledProfile, ProfileError> {
        let invalid = |path: String, reason: String| ProfileError::Invalid { path, reason };
        if self.diary_number_formats.is_empty() {
            return Err(invalid(
                "diaryNumberFormats".into(),
                "name at least one format".into(),
            ));
        }
        let formats = self
            .diary_number_formats
            .iter()
            .enumerate()
            .map(|(i, t)| {
                DiaryFormat::parse(t).map_err(|e| invalid(format!("diaryNumberFormats[{i}]"), e.0))
            })
            .collect::<Result<Vec<_>, _>>()?;
        for (what, count, max) in [
            ("parties", self.parties.len(), MAX_PARTIES),
            (
                "diaryNumberFormats",
                self.diary_number_formats.len(),
                MAX_FORMATS,
            ),
        ] {
            if count > max {
                return Err(invalid(
                    what.into(),
                    format!("at most {max}, found {count}"),
                ));
            }
        }
        if let Some(i) = self
            .parties
            .iter()
            .position(|p| p.aliases.len() > MAX_ALIASES)
        {
            return Err(invalid(
                format!("parties[{i}].aliases"),
                format!(
                    "at most {MAX_ALIASES}, found {}",
                    self.parties[i].aliases.len()
                ),
            ));
        }
        // A map, not a list: a linear search per spelling made a profile of
        // 32 000 parties take 8 s to compile (and 100 000 six minutes in JS).
        // serde_json's map (a B-tree) with the party's index as a number:
        // the browser module already carries its code, a map of another
        // type would add 1 KB.
        let mut folded = Map::new();
        let mut short = Vec::new();
        for (i, p) in self.parties.iter().enumerate() {
            if p.code.trim().is_empty() || p.code.trim() == "-" {
                return Err(invalid(
                    format!("parties[{i}].code"),
                    "a party needs a code other than \"-\"".into(),
                ));
            }
            for spelling in std::iter::once(&p.code)
                .chain(&p.aliases)
                .chain(std::iter::once(&p.name))
            {
                // Tidied as a signatory's party is before it is looked up
                // (NFC, spaces collapsed), so "Orts  partiet" is found.
                let f = fold(spelling);
                match folded.get(&f).and_then(Value::as_u64).map(|j| j as usize) {
                    Some(j) if j != i => {
                        return Err(invalid(
                            format!("parties[{i}]"),
                            format!(
                                "\"{spelling}\" is also a spelling of {}",
                                self.parties[j].code
                            ),
                        ))
                    }
                    Some(_) => {}
                    None => {
                        short.extend(short_key(&f).map(|k| (k, i)));
                        folded.insert(f, Value::from(i));
                    }
                }
            }
        }
        let l = &self.limits;
        for (path, r) in [
            ("title", l.title),
            ("body", l.body),
            ("proposal", l.proposal),
        ] {
            if r.min > r.max {
                return Err(invalid(
                    format!("limits.{path}"),
                    "min is larger than max".into(),
                ));
            }
        }
        if let Some(e) = &self.example {
            // Matching does not depend on the day, only the year it reads.
            if !formats
                .iter()
                .any(|f| f.matches_as_of(&e.diary_number, None).is_some())
            {
                return Err(invalid(
                    "example.diaryNumber".into(),
                    format!("\"{}\" is in none of diaryNumberFormats", e.diary_number),
                ));
            }
        }
        let mut allowed: Vec<String> = self.parties.iter().map(|p| p.code.clone()).collect();
        allowed.push("-".into());
        Ok(CompiledProfile {
            profile: self.clone(),
            formats,
            folded,
            short,
            allowed,
        })
    }
}

/// `items` with `sep` between them. By hand: `[&str]::join` links a
/// generic copy routine of 1 KB into the browser module.
pub(crate) fn joined<'a>(items: impl IntoIterator<Item = &'a str>, sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
    out
}

fn invalid(path: &str, reason: &str) -> ProfileError {
    ProfileError::Invalid {
        path: if path.is_empty() {
            "(top)".into()
        } else {
            path.into()
        },
        reason: reason.into(),
    }
}

fn object<'v>(
    v: &'v Value,
    path: &str,
    known: &[&str],
) -> Result<&'v Map<String, Value>, ProfileError> {
    let Value::Object(o) = v else {
        return Err(invalid(path, "expected an object"));
    };
    if let Some(k) = o.keys().find(|k| !known.contains(&k.as_str())) {
        let at = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        return Err(invalid(
            &at,
            &format!(
                "unknown field; known are: {}",
                joined(known.iter().copied(), ", ")
            ),
        ));
    }
    Ok(o)
}

fn array<'v>(v: Option<&'v Value>, path: &str) -> Result<&'v Vec<Value>, ProfileError> {
    match v {
        Some(Value::Array(a)) => Ok(a),
        None => Err(invalid(path, "missing")),
        Some(_) => Err(invalid(path, "expected a list")),
    }
}

fn text(v: Option<&Value>, path: &str) -> Result<String, ProfileError> {
    match v {
        Some(Value::String(s)) => Ok(s.clone()),
        None => Err(invalid(path, "missing")),
        Some(_) => Err(invalid(path, "expected text")),
    }
}

fn texts(v: Option<&Value>, path: &str) -> Result<Vec<String>, ProfileError> {
    array(v, path)?
        .iter()
        .enumerate()
        .map(|(i, s)| text(Some(s), &format!("{path}[{i}]")))
        .collect()
}

fn count(v: Option<&Value>, path: &str, default: usize) -> Result<usize, ProfileError> {
    match v {
        None => Ok(default),
        Some(n) => n
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| invalid(path, "expected a whole number, 0 or more")),
    }
}

fn limits(v: Option<&Value>) -> Result<Limits, ProfileError> {
    let d = Limits::default();
    let Some(v) = v else { return Ok(d) };
    let known = [
        "title",
        "body",
        "proposal",
        "name",
        "proposals",
        "signatories",
        "inputBytes",
        "earliestSubmission",
    ];
    let o = object(v, "limits", &known)?;
    let range = |key: &str, d: Range| -> Result<Range, ProfileError> {
        let path = format!("limits.{key}");
        match o.get(key) {
            None => Ok(d),
            Some(v) => {
                let r = object(v, &path, &["min", "max"])?;
                Ok(Range {
                    min: count(r.get("min"), &format!("{path}.min"), d.min)?,
                    max: count(r.get("max"), &format!("{path}.max"), d.max)?,
                })
            }
        }
    };
    let max = |key: &str, d: Max| -> Result<Max, ProfileError> {
        let path = format!("limits.{key}");
        match o.get(key) {
            None => Ok(d),
            Some(v) => Ok(Max {
                max: count(
                    object(v, &path, &["max"])?.get("max"),
                    &format!("{path}.max"),
                    d.max,
                )?,
            }),
        }
    };
    Ok(Limits {
        title: range("title", d.title)?,
        body: range("body", d.body)?,
        proposal: range("proposal", d.proposal)?,
        name: max("name", d.name)?,
        proposals: max("proposals", d.proposals)?,
        signatories: max("signatories", d.signatories)?,
        input_bytes: count(o.get("inputBytes"), "limits.inputBytes", d.input_bytes)?,
        earliest_submission: match o.get("earliestSubmission") {
            None => d.earliest_submission,
            v => date(v, "limits.earliestSubmission")?,
        },
    })
}

/// The largest profile JSON read (256 KiB): a council's profile is a few KB.
pub const MAX_PROFILE_BYTES: usize = 256 * 1024;
/// The most parties a profile may list (the Riksdag seats 8; a council
/// rarely more than 12).
pub const MAX_PARTIES: usize = 200;
/// The most spellings (aliases) of one party.
pub const MAX_ALIASES: usize = 20;
/// The most diary-number formats of one profile.
pub const MAX_FORMATS: usize = 20;

fn date(v: Option<&Value>, path: &str) -> Result<Date, ProfileError> {
    let t = text(v, path)?;
    Date::parse_iso(&t).ok_or_else(|| invalid(path, "expected a date YYYY-MM-DD"))
}

fn optional_text(
    o: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<String>, ProfileError> {
    match o.get(key) {
        None => Ok(None),
        v => text(v, &format!("{path}.{key}")).map(Some),
    }
}

fn example(v: Option<&Value>) -> Result<Option<Example>, ProfileError> {
    let Some(v) = v else { return Ok(None) };
    let path = "example";
    let o = object(v, path, &["diaryNumber", "submittedOn", "title"])?;
    Ok(Some(Example {
        diary_number: text(o.get("diaryNumber"), "example.diaryNumber")?,
        submitted_on: match o.get("submittedOn") {
            None => None,
            v => Some(date(v, "example.submittedOn")?),
        },
        title: optional_text(o, "title", path)?,
    }))
}

fn sources(v: Option<&Value>) -> Result<Vec<Source>, ProfileError> {
    let Some(v) = v else { return Ok(Vec::new()) };
    array(Some(v), "sources")?
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let path = format!("sources[{i}]");
            let o = object(s, &path, &["fact", "url", "title", "note"])?;
            Ok(Source {
                fact: text(o.get("fact"), &format!("{path}.fact"))?,
                url: text(o.get("url"), &format!("{path}.url"))?,
                title: optional_text(o, "title", &path)?,
                note: optional_text(o, "note", &path)?,
            })
        })
        .collect()
}

/// A party's spelling as it is compared: tidied like a name (NFC, spaces
/// collapsed, trimmed) and in lowercase.
fn fold(spelling: &str) -> String {
    let tidy = crate::rules::text::normalize(spelling, crate::rules::text::TextKind::Name);
    crate::unicode::to_lowercase(&tidy)
}

/// A tidied spelling of at most seven ASCII bytes (every code, and most
/// of what signatories write: "F!", "Fi", "s") lowercased into one word,
/// its length in the top byte: looked up as a number, not a string.
fn short_key(tidy: &str) -> Option<u64> {
    let bytes = tidy.as_bytes();
    if bytes.len() > 7 || !tidy.is_ascii() {
        return None;
    }
    let mut word = [0u8; 8];
    for (w, b) in word.iter_mut().zip(bytes) {
        *w = b.to_ascii_lowercase();
    }
    word[7] = bytes.len() as u8;
    Some(u64::from_le_bytes(word))
}

/// A profile made ready: formats compiled, party spellings folded.
#[derive(Debug, Clone)]
pub struct CompiledProfile {
    profile: Profile,
    formats: Vec<DiaryFormat>,
    folded: Map<String, Value>,
    /// The short ASCII spellings of `folded` again, by [`short_key`], with
    /// the party's index: a signatory's party is found by comparing
    /// numbers. A council has a few dozen (at most 4 400, 22 spellings of
    /// each of `MAX_PARTIES`, in a profile written that way): searched in
    /// order, as a sorted table saved 75 instructions a motion and cost
    /// the browser module its sort code.
    short: Vec<(u64, usize)>,
    allowed: Vec<String>,
}

impl CompiledProfile {
    /// The profile it was made from.
    ///
    /// ```
    /// # use motion_validator::Profile;
    /// let c = Profile::builtin("lund").unwrap().compile().unwrap();
    /// assert_eq!(c.profile().name, "lund");
    /// ```
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The canonical party code for any spelling (case ignored), `-` for
    /// partilös (also written `partilös`), or `None` if not seated.
    ///
    /// ```
    /// # use motion_validator::Profile;
    /// let c = Profile::builtin("uppsala").unwrap().compile().unwrap();
    /// assert_eq!(c.party_code(" Fi "), Some("FI"));
    /// assert_eq!(c.party_code("miljöpartiet de gröna"), Some("MP"));
    /// assert_eq!(c.party_code("Partilös"), Some("-"));
    /// assert_eq!(c.party_code("XYZ"), None);
    /// ```
    pub fn party_code(&self, spelling: &str) -> Option<&str> {
        let tidy = crate::rules::text::normalize(spelling, crate::rules::text::TextKind::Name);
        self.party_code_tidy(&tidy)
    }

    /// [`CompiledProfile::party_code`] of a spelling already tidied like a
    /// name (as the party rule has it): not tidied a second time.
    pub(crate) fn party_code_tidy(&self, s: &str) -> Option<&str> {
        if s == "-" || s.eq_ignore_ascii_case("partilös") || s == "PARTILÖS" {
            return Some("-");
        }
        // Every short ASCII spelling is in `short`, so an input that has a
        // short key is found there or nowhere.
        let i = match short_key(s) {
            Some(key) => self.short.iter().find(|&&(k, _)| k == key)?.1,
            None => {
                // A longer ASCII spelling ("Socialdemokraterna") is
                // lowercased on the stack: no allocation.
                let mut buf = [0u8; 32];
                let lower = match buf.get_mut(..s.len()) {
                    Some(b) if s.is_ascii() => {
                        b.copy_from_slice(s.as_bytes());
                        b.make_ascii_lowercase();
                        Cow::Borrowed(std::str::from_utf8(b).unwrap_or_default())
                    }
                    _ => Cow::Owned(crate::unicode::to_lowercase(s)),
                };
                let i = self.folded.get(&*lower).and_then(Value::as_u64)?;
                usize::try_from(i).ok()?
            }
        };
        self.profile.parties.get(i).map(|p| p.code.as_str())
    }

    /// The party codes a signatory may have, `-` last.
    ///
    /// ```
    /// # use motion_validator::Profile;
    /// let c = Profile::builtin("riksdag").unwrap().compile().unwrap();
    /// assert_eq!(c.allowed_parties().last().map(String::as_str), Some("-"));
    /// ```
    pub fn allowed_parties(&self) -> &[String] {
        &self.allowed
    }

    /// The compiled diary-number formats.
    ///
    /// ```
    /// # use motion_validator::Profile;
    /// let c = Profile::builtin("uppsala").unwrap().compile().unwrap();
    /// assert_eq!(c.formats().len(), 2);
    /// ```
    pub fn formats(&self) -> &[DiaryFormat] {
        &self.formats
    }

    /// The number if it is in one of the formats.
    ///
    /// ```
    /// # use motion_validator::Profile;
    /// let c = Profile::builtin("goteborg").unwrap().compile().unwrap();
    /// assert_eq!(c.parse_diary_number("0263/20").unwrap().year, 2020);
    /// ```
    pub fn parse_diary_number(&self, text: &str) -> Option<DiaryNumber> {
        self.parse_diary_number_as_of(text, Date::today_in_sweden())
    }

    /// [`CompiledProfile::parse_diary_number`] on a given day: a `{yy}` year
    /// is the latest year ending in those digits not after `today`'s.
    ///
    /// ```
    /// # use motion_validator::{Date, Profile};
    /// let c = Profile::builtin("goteborg").unwrap().compile().unwrap();
    /// let n = c.parse_diary_number_as_of("0263/99", Date::parse_iso("2026-01-10")).unwrap();
    /// assert_eq!(n.year, 1999);
    /// ```
    pub fn parse_diary_number_as_of(&self, text: &str, today: Option<Date>) -> Option<DiaryNumber> {
        self.formats
            .iter()
            .find_map(|f| f.matches_as_of(text, today))
    }

    /// [`CompiledProfile::parse_diary_number_as_of`] without building the
    /// canonical text: the format that read it, and what it read.
    pub(crate) fn read_diary_number_as_of<'t>(
        &self,
        text: &'t str,
        today: Option<Date>,
    ) -> Option<(&DiaryFormat, crate::diary::Reading<'t>)> {
        self.formats
            .iter()
            .find_map(|f| f.read_as_of(text, today).map(|r| (f, r)))
    }

    /// The canonical form of a number, repairing loose spelling where the
    /// formats make it unambiguous; `None` when it cannot be read.
    ///
    /// ```
    /// # use motion_validator::Profile;
    /// let c = Profile::builtin("uppsala").unwrap().compile().unwrap();
    /// assert_eq!(c.normalize_diary_number("ksn 2020 2111").as_deref(), Some("KSN-2020-02111"));
    /// assert_eq!(c.normalize_diary_number("KSN-2014-0604").as_deref(), Some("KSN-2014-0604"));
    /// assert_eq!(c.normalize_diary_number("hej"), None);
    /// ```
    pub fn normalize_diary_number(&self, text: &str) -> Option<String> {
        self.normalize_diary_number_as_of(text, Date::today_in_sweden())
    }

    /// [`CompiledProfile::normalize_diary_number`] on a given day.
    pub fn normalize_diary_number_as_of(&self, text: &str, today: Option<Date>) -> Option<String> {
        self.parse_diary_number_as_of(text, today)
            .or_else(|| {
                self.formats
                    .iter()
                    .find_map(|f| f.repair_as_of(text, today))
            })
            .map(|n| n.canonical)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_compile() {
        for n in Profile::builtin_names() {
            let p = Profile::builtin(n).unwrap();
            assert_eq!(p.name, n);
            p.compile().unwrap();
        }
    }

    #[test]
    fn every_spelling_is_found_as_the_allocating_fold_finds_it() {
        // Short ASCII spellings are found by number, longer ASCII ones
        // lowercased on the stack, the rest by allocation: each must agree
        // with folding by allocation (tidied, then lowercased), for every
        // spelling of every built-in party, in other cases and spacings.
        for n in Profile::builtin_names() {
            let c = Profile::builtin(n).unwrap().compile().unwrap();
            for p in &c.profile().parties {
                for s in std::iter::once(&p.code)
                    .chain(&p.aliases)
                    .chain(std::iter::once(&p.name))
                {
                    let spaced = format!(" {}  ", s.replace(' ', "  "));
                    for v in [s.clone(), s.to_uppercase(), s.to_lowercase(), spaced] {
                        let by_fold = c.folded.get(&fold(&v)).and_then(Value::as_u64);
                        let code = c.party_code(&v);
                        assert_eq!(code, Some(p.code.as_str()), "{n}: {v:?}");
                        assert_eq!(
                            by_fold.map(|i| &c.profile.parties[i as usize].code),
                            Some(&p.code)
                        );
                    }
                }
            }
        }
        let c = Profile::builtin("uppsala").unwrap().compile().unwrap();
        // Either side of the short key and of the stack buffer, not parties.
        for n in [7, 8, 32, 33] {
            assert_eq!(c.party_code(&"x".repeat(n)), None);
        }
        // The length is part of the key: a NUL does not pad "S" into "S\0".
        assert_eq!(c.party_code("S"), Some("S"));
        assert_eq!(c.party_code("S\0"), None);
        assert_eq!(c.party_code("MP\0\0"), None);
    }

    #[test]
    fn long_and_short_spellings_of_a_custom_profile() {
        // A code past seven bytes is looked up in the map, an alias of
        // seven by number; a decomposed "Partilös" is partilös.
        let c = Profile::from_json(
            r#"{"name":"x","displayName":"X","diaryNumberFormats":["{n:4}/{yy}"],
            "parties":[{"code":"LOKALPART","name":"Lokalpartiet i X","aliases":["LP-X 07"]}]}"#,
        )
        .unwrap()
        .compile()
        .unwrap();
        for s in [
            "LOKALPART",
            "lokalpart",
            " Lokalpartiet  i x ",
            "lp-x 07",
            "LP-X  07",
        ] {
            assert_eq!(c.party_code(s), Some("LOKALPART"), "{s:?}");
        }
        for s in ["LOKALPAR", "lp-x 0", "lp-x 077"] {
            assert_eq!(c.party_code(s), None, "{s:?}");
        }
        assert_eq!(c.party_code("Partilo\u{308}s"), Some("-"));
    }

    #[test]
    fn rejects_clashing_spellings() {
        let err = Profile::from_json(
            r#"{"name":"x","displayName":"X","diaryNumberFormats":["{n:4}/{yy}"],
            "parties":[{"code":"FI","name":"Fi"},{"code":"F","name":"F","aliases":["fi"]}]}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("parties[1]"), "{err}");
    }
}
