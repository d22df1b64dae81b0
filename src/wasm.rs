//! The WebAssembly glue: the only file that knows about JavaScript.
//!
//! Values cross as JSON text: the JS side already has `JSON.stringify` and
//! `JSON.parse`, both fast, and the engine already parses JSON, so nothing
//! else is linked in. Strings for single fields cross as strings. The
//! hand-written `js/api.js` turns this into the typed API.
//!
//! Two modules come from this file. The validator (the default) is what a
//! page loads. The importer ("Klistra in motion", feature `wasm-importer`)
//! is a second module that the page loads only when someone pastes a
//! motion: it is about 16 KB gzipped, and the validator has a 64 KB budget.

use wasm_bindgen::prelude::*;

#[cfg(not(feature = "wasm-importer"))]
use crate::validator::FieldAt;
#[cfg(not(feature = "wasm-importer"))]
use crate::{Date, PathSegment};
use crate::{Lang, Options, Profile, Stage, Validator};

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The JS engine's NFC and lowercase: no Unicode tables in the .wasm.
fn nfc(s: &str) -> String {
    js_sys::JsString::from(s).normalize("NFC").into()
}

fn lowercase(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}

/// Runs when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    install_js_unicode_hooks();
}

/// Installs the JS engine's NFC and lowercase (what the package does at
/// start-up; public for the wasm tests, whose harness skips `start`).
#[doc(hidden)]
pub fn install_js_unicode_hooks() {
    crate::set_unicode_hooks(crate::UnicodeHooks { nfc, lowercase });
}

/// A compiled validator for JavaScript.
#[cfg(not(feature = "wasm-importer"))]
#[wasm_bindgen]
pub struct RawValidator {
    inner: Validator,
    /// Whether the caller fixed today's date; if not, JS sets it per call.
    today_fixed: bool,
    /// Whether the profile is a built-in one (else `source` is its JSON).
    builtin: bool,
    source: String,
}

fn options_from(
    profile_json: &str,
    lang: &str,
    today: &str,
    stage: &str,
) -> Result<Options, String> {
    let profile = if profile_json.trim_start().starts_with('{') {
        Profile::from_json(profile_json).map_err(|e| e.to_string())?
    } else if profile_json.is_empty() {
        Profile::default()
    } else {
        Profile::builtin(profile_json).map_err(|e| e.to_string())?
    };
    Ok(Options {
        profile,
        lang: if lang.is_empty() {
            Lang::Sv
        } else {
            lang.parse()?
        },
        today: if today.is_empty() {
            None
        } else {
            Some(today.parse()?)
        },
        stage: if stage.is_empty() {
            Stage::Submission
        } else {
            stage.parse()?
        },
    })
}

#[cfg(not(feature = "wasm-importer"))]
#[wasm_bindgen]
impl RawValidator {
    /// `profile` is a built-in name or a profile's JSON; empty strings
    /// mean defaults. Errors are bad options, never bad motions.
    #[wasm_bindgen(constructor)]
    pub fn new(
        profile: &str,
        lang: &str,
        today: &str,
        stage: &str,
    ) -> Result<RawValidator, String> {
        let options = options_from(profile, lang, today, stage)?;
        let today_fixed = options.today.is_some();
        let inner = Validator::new(options).map_err(|e| e.to_string())?;
        let builtin = !profile.trim_start().starts_with('{');
        Ok(RawValidator {
            inner,
            today_fixed,
            builtin,
            source: if builtin {
                String::new()
            } else {
                profile.to_owned()
            },
        })
    }

    /// Whether `today` was given at construction.
    #[wasm_bindgen(getter, js_name = todayFixed)]
    pub fn today_fixed(&self) -> bool {
        self.today_fixed
    }

    /// Sets today's date (the browser's local date) unless it was fixed.
    #[wasm_bindgen(js_name = setToday)]
    pub fn set_today(&mut self, today: &str) {
        if !self.today_fixed {
            self.inner.set_today(Date::parse_iso(today));
        }
    }

    /// Validates a motion given as JSON text; returns the report as JSON.
    #[wasm_bindgen(js_name = validateJson)]
    pub fn validate_json(&self, json: &str) -> String {
        self.inner.validate_json(json).to_json()
    }

    /// Validates one field. `path` is JSON (`["proposals",0]`); `value` is
    /// JSON unless `is_string`, when it is the string itself (the common
    /// case while typing, with no JSON on either side). Returns the issues
    /// as a JSON array, or an empty string when there are none.
    #[wasm_bindgen(js_name = validateField)]
    pub fn validate_field(&self, path: &str, value: &str, is_string: bool) -> String {
        // A path that is not a list of keys and indices is no field we know.
        let path = parse_path(path);
        let value = if is_string {
            serde_json::Value::String(value.to_owned())
        } else {
            serde_json::from_str(value).unwrap_or(serde_json::Value::Null)
        };
        issues_json(&self.inner.validate_field(&path, &value))
    }

    /// The keystroke fast path: a string value for a field given as a
    /// small code (0 title, 1 body, 2 proposal `index`, 3 name of signatory
    /// `index`, 4 party of signatory `index`, 5 submittedOn, 6 diaryNumber),
    /// so no path crosses and nothing is parsed. Same result as
    /// `validate_field`.
    #[wasm_bindgen(js_name = validateFieldString)]
    pub fn validate_field_string(&self, field: u8, index: u32, value: &str) -> String {
        let n = index as usize;
        let field = match field {
            0 => FieldAt::Title,
            1 => FieldAt::Body,
            2 => FieldAt::Proposal(n),
            3 => FieldAt::Name(n),
            4 => FieldAt::Party(n),
            5 => FieldAt::SubmittedOn,
            _ => FieldAt::DiaryNumber,
        };
        let issues = self
            .inner
            .validate_field_at(field, &serde_json::Value::String(value.to_owned()));
        issues_json(&issues)
    }

    /// The canonical form of a diary number, or an empty string.
    #[wasm_bindgen(js_name = normalizeDiaryNumber)]
    pub fn normalize_diary_number(&self, text: &str) -> String {
        self.inner
            .profile()
            .normalize_diary_number(text)
            .unwrap_or_default()
    }

    /// The profile's JSON, as given (or as shipped, for a built-in one).
    #[wasm_bindgen(js_name = profileJson)]
    pub fn profile_json(&self) -> String {
        match Profile::builtin_json(&self.inner.profile().profile().name) {
            Some(json) if self.builtin => json.to_owned(),
            _ => self.source.clone(),
        }
    }
}

/// The built-in profiles as a JSON array of whole profiles.
#[cfg(not(feature = "wasm-importer"))]
#[wasm_bindgen(js_name = builtinProfilesJson)]
pub fn builtin_profiles_json() -> String {
    // The shipped text as is: no serializer for profiles in the .wasm.
    let all: Vec<&str> = Profile::builtin_names()
        .filter_map(Profile::builtin_json)
        .collect();
    format!("[{}]", all.join(","))
}

/// `["proposals", 0]` as a path; anything else as a one-key path that
/// `validate_field` reports as unknown.
/// Field issues as a JSON array, or an empty string when there are none
/// (the common case while typing: JS then skips `JSON.parse`).
#[cfg(not(feature = "wasm-importer"))]
fn issues_json(issues: &[crate::Issue]) -> String {
    if issues.is_empty() {
        String::new()
    } else {
        serde_json::to_string(issues).unwrap_or_default()
    }
}

#[cfg(not(feature = "wasm-importer"))]
fn parse_path(text: &str) -> Vec<PathSegment> {
    let segments = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Array(items)) => items
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(k) => Some(PathSegment::Key(k)),
                serde_json::Value::Number(n) => n
                    .as_u64()
                    .and_then(|i| usize::try_from(i).ok())
                    .map(PathSegment::Index),
                _ => None,
            })
            .collect::<Option<Vec<_>>>(),
        _ => None,
    };
    segments.unwrap_or_else(|| vec![text.into()])
}

/// Reads a pasted motion text (the importer module): returns
/// `{"motion": {...}, "issues": [...]}` as JSON, messages in `lang`.
/// Errors are bad options, never bad text.
#[cfg(feature = "wasm-importer")]
#[wasm_bindgen(js_name = parseMotionTextJson)]
pub fn parse_motion_text_json(text: &str, profile: &str, lang: &str) -> Result<String, String> {
    let validator =
        Validator::new(options_from(profile, lang, "", "")?).map_err(|e| e.to_string())?;
    let parsed = validator.parse_motion_text(text);
    let mut out = String::from("{\"motion\":");
    out.push_str(&serde_json::to_string(&parsed.motion).unwrap_or_default());
    out.push_str(",\"issues\":");
    out.push_str(&serde_json::to_string(&parsed.issues).unwrap_or_default());
    out.push('}');
    Ok(out)
}
