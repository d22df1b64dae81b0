//! The WebAssembly glue of the validator module: the only code (with
//! `crates/wasm-import`) that knows about JavaScript.
//!
//! Values cross as JSON text: the JS side already has `JSON.stringify` and
//! `JSON.parse`, both fast, and the engine already parses JSON, so nothing
//! else is linked in. Strings for single fields cross as strings. With the
//! feature `tape` (the Node build), JS writes a motion of the usual shape
//! straight into this module's memory instead (`validateTapeShort`). The
//! hand-written `js/api.js` turns this into the typed API.
//!
//! The importer ("Klistra in motion") is a second module,
//! `crates/wasm-import`, that the page loads only when someone pastes a
//! motion: it is about 16 KB gzipped, and this module has a 64 KB budget.

use motion_validator::{Date, Field, Issue, Options, PathSegment, Profile, Validator};
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
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
pub fn install_js_unicode_hooks() {
    motion_validator::set_unicode_hooks(motion_validator::UnicodeHooks { nfc, lowercase });
}

/// A compiled validator for JavaScript.
#[wasm_bindgen]
pub struct RawValidator {
    inner: Validator,
    /// Whether the caller fixed today's date; if not, JS sets it per call.
    today_fixed: bool,
    /// Whether the profile is a built-in one (else `source` is its JSON).
    builtin: bool,
    source: String,
    /// Where JS writes a typed value itself (`fieldScratch`).
    scratch: Vec<u8>,
    /// The issues of the last `validateFieldScratch`, as JSON.
    field_issues: String,
    /// Where JS writes a motion's strings and its tape (`motionScratch`).
    #[cfg(feature = "tape")]
    motion_text: Vec<u8>,
    #[cfg(feature = "tape")]
    motion_tape: Vec<u32>,
}

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
        let options = Options::from_text(profile, lang, today, stage).map_err(|e| e.to_string())?;
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
            scratch: Vec::new(),
            field_issues: String::new(),
            #[cfg(feature = "tape")]
            motion_text: Vec::new(),
            #[cfg(feature = "tape")]
            motion_tape: Vec::new(),
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

    /// The profile's limit on raw input in bytes: JS refuses a larger
    /// motion before copying it into WebAssembly memory.
    #[wasm_bindgen(getter, js_name = inputLimit)]
    pub fn input_limit(&self) -> f64 {
        self.inner.profile().profile().limits.input_bytes as f64
    }

    /// The report for input of `actual` bytes over the limit.
    #[wasm_bindgen(js_name = tooLargeJson)]
    pub fn too_large_json(&self, actual: f64) -> String {
        self.inner.input_too_large(actual as usize).to_json()
    }

    /// Validates a motion given as JSON text; returns the report as JSON.
    #[wasm_bindgen(js_name = validateJson)]
    pub fn validate_json(&self, json: &str) -> String {
        self.inner.validate_json_str(json).to_json()
    }

    /// [`RawValidator::validate_json`] for the package's `validate`: each
    /// string of `normalized` that is the input's own is written as `0`,
    /// and JS puts it back from the motion it sent, only when read.
    #[wasm_bindgen(js_name = validateJsonShort)]
    pub fn validate_json_short(&self, json: &str) -> String {
        self.inner.validate_json_str_short(json)
    }

    /// Buffers of at least `bytes` bytes and `words` numbers in this
    /// module's memory, where JS writes a motion itself for
    /// `validateTapeShort`: returns the address of the first (the text);
    /// `motionTape` gives the second's. Valid until the next call that
    /// asks for more.
    #[cfg(feature = "tape")]
    #[wasm_bindgen(js_name = motionScratch)]
    pub fn motion_scratch(&mut self, bytes: u32, words: u32) -> u32 {
        if self.motion_text.len() < bytes as usize {
            self.motion_text.resize(bytes as usize, 0);
        }
        if self.motion_tape.len() < words as usize {
            self.motion_tape.resize(words as usize, 0);
        }
        self.motion_text.as_ptr() as usize as u32
    }

    /// The address of the tape buffer (see `motionScratch`).
    #[cfg(feature = "tape")]
    #[wasm_bindgen(js_name = motionTape)]
    pub fn motion_tape(&self) -> u32 {
        self.motion_tape.as_ptr() as usize as u32
    }

    /// The package's `validate` in Node for a motion JS wrote at
    /// `motionScratch`: `bytes` of UTF-8 text and `words` of tape (see the
    /// engine's `src/tape.rs`). No JSON is made or read. The report's
    /// JSON, where each string of `normalized` that is the input's own
    /// string at the same place is written as `0`: JS, which holds the
    /// input, puts it back only if someone reads `normalized`. An empty
    /// string when the tape is not a motion's: JS then sends the motion
    /// as JSON (`validateJsonShort`).
    #[cfg(feature = "tape")]
    #[wasm_bindgen(js_name = validateTapeShort)]
    pub fn validate_tape_short(&self, bytes: u32, words: u32) -> String {
        let text = self.motion_text.get(..bytes as usize).unwrap_or_default();
        let tape = self.motion_tape.get(..words as usize).unwrap_or_default();
        self.inner
            .validate_tape_short(text, tape)
            .unwrap_or_default()
    }

    /// Validates one field. `path` is JSON (`["proposals",0]`); `value` is
    /// JSON unless `is_string`, when it is the string itself (the common
    /// case while typing, with no JSON on either side). Returns the issues
    /// as a JSON array, or `undefined` when there are none.
    #[wasm_bindgen(js_name = validateField)]
    pub fn validate_field(&self, path: &str, value: &str, is_string: bool) -> Option<String> {
        // A path that is not a list of keys and indices is no field we know.
        let path = parse_path(path);
        let value = if is_string {
            serde_json::Value::String(value.to_owned())
        } else {
            motion_validator::read_json(value).unwrap_or(serde_json::Value::Null)
        };
        issues_json(&self.inner.validate_field(&path, &value))
    }

    /// The address of a buffer of at least `len` bytes in this module's
    /// memory, valid until the next call: JS writes a typed value there
    /// itself for `validateFieldScratch`, so a keystroke allocates nothing.
    #[wasm_bindgen(js_name = fieldScratch)]
    pub fn field_scratch(&mut self, len: u32) -> u32 {
        let len = len as usize;
        if self.scratch.len() < len {
            self.scratch.resize(len, 0);
        }
        self.scratch.as_mut_ptr() as usize as u32
    }

    /// The keystroke fast path: the string value JS wrote as UTF-8 in the
    /// first `len` bytes at `fieldScratch`, for a field given by its number
    /// in `Field::STRING_FIELDS` (see `fieldTableJson`) and an item index,
    /// so nothing is allocated, no path crosses and nothing is parsed.
    /// Returns the number of issues, whose JSON `takeFieldIssues` then
    /// gives (none while typing, the common case: one call, a number back).
    #[wasm_bindgen(js_name = validateFieldScratch)]
    pub fn validate_field_scratch(&mut self, field: u8, index: u32, len: u32) -> u32 {
        let bytes = self.scratch.get(..len as usize).unwrap_or_default();
        // `TextEncoder.encodeInto` writes UTF-8 (a lone surrogate as
        // U+FFFD, as any string crossing does).
        let value = std::str::from_utf8(bytes).unwrap_or("\u{FFFD}");
        let issues = match Field::from_string_code(field, index as usize) {
            Some(field) => self.inner.validate_field_str(field, value),
            // Not a number from the table: the same as an unknown path.
            None => self
                .inner
                .validate_field(&[PathSegment::Index(0)], &value.into()),
        };
        if issues.is_empty() {
            return 0;
        }
        self.field_issues = motion_validator::issues_to_json(&issues);
        issues.len() as u32
    }

    /// The issues of the last `validateFieldScratch` as a JSON array.
    #[wasm_bindgen(js_name = takeFieldIssues)]
    pub fn take_field_issues(&mut self) -> String {
        std::mem::take(&mut self.field_issues)
    }

    /// The canonical form of a diary number, or an empty string.
    #[wasm_bindgen(js_name = normalizeDiaryNumber)]
    pub fn normalize_diary_number(&self, text: &str) -> String {
        self.inner.normalize_diary_number(text).unwrap_or_default()
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

/// The module's memory (a `WebAssembly.Memory`), for writing into
/// `fieldScratch`.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The built-in profiles as a JSON array of whole profiles.
#[wasm_bindgen(js_name = builtinProfilesJson)]
pub fn builtin_profiles_json() -> String {
    // The shipped text as is: no serializer for profiles in the .wasm.
    // Pushed one by one: `[&str]::join` links a 1 KB copy routine.
    let mut out = String::from("[");
    for json in Profile::builtin_names().filter_map(Profile::builtin_json) {
        if out.len() > 1 {
            out.push(',');
        }
        out.push_str(json);
    }
    out.push(']');
    out
}

/// The motion's shape for JS, from `Field`: the top-level keys in form
/// order, a signatory's keys, and the string fields numbered for
/// `validateFieldScratch` (`#` where an index goes). Read once at load.
#[wasm_bindgen(js_name = fieldTableJson)]
pub fn field_table_json() -> String {
    // Written out by hand: serde_json's `json!` would link its value
    // serializer into the module for this one call (about 2 KB gzipped).
    fn list(out: &mut String, items: &[&str]) {
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Keys are plain ASCII words: no escaping needed.
            out.push('"');
            out.push_str(item);
            out.push('"');
        }
        out.push(']');
    }
    let mut out = String::from("{\"keys\":");
    list(&mut out, &Field::KEYS);
    out.push_str(",\"signatoryKeys\":");
    list(&mut out, &Field::SIGNATORY_KEYS);
    out.push_str(",\"stringFields\":[");
    for (i, template) in Field::STRING_FIELDS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        list(&mut out, template);
    }
    out.push_str("]}");
    out
}

/// Field issues as a JSON array, or `None` (`undefined` in JS) when there
/// are none: the common case while typing, when JS then decodes no string
/// and skips `JSON.parse`.
fn issues_json(issues: &[Issue]) -> Option<String> {
    if issues.is_empty() {
        None
    } else {
        Some(motion_validator::issues_to_json(issues))
    }
}

/// `["proposals", 0]` as a path; anything else as a one-key path that
/// `validate_field` reports as unknown.
fn parse_path(text: &str) -> Vec<PathSegment> {
    let segments = match motion_validator::read_json(text) {
        Some(serde_json::Value::Array(items)) => items
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
