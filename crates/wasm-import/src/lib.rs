//! The WebAssembly glue of the importer module ("Klistra in motion"): a
//! second module from the same engine, loaded by the page only when
//! someone pastes a motion, so the validator module stays in its budget.

use std::cell::RefCell;

use motion_validator::{parse_motion_text_in, CompiledProfile, Lang, ParsedMotion, Profile};
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
    motion_validator::set_unicode_hooks(motion_validator::UnicodeHooks { nfc, lowercase });
}

thread_local! {
    /// The last profile used, compiled: the form pastes with one profile,
    /// so each paste does not compile it again.
    static COMPILED: RefCell<Option<(String, CompiledProfile)>> = const { RefCell::new(None) };
}

/// Runs `f` with `profile` (a built-in name or a profile's JSON) compiled.
fn with_profile<T>(profile: &str, f: impl FnOnce(&CompiledProfile) -> T) -> Result<T, String> {
    COMPILED.with(|cell| {
        let mut cached = cell.borrow_mut();
        if cached.as_ref().map(|(source, _)| source.as_str()) != Some(profile) {
            let compiled = Profile::from_name_or_json(profile)
                .and_then(|p| p.compile())
                .map_err(|e| e.to_string())?;
            *cached = Some((profile.to_owned(), compiled));
        }
        match cached.as_ref() {
            Some((_, compiled)) => Ok(f(compiled)),
            None => Err("no profile".into()),
        }
    })
}

fn lang(lang: &str) -> Result<Lang, String> {
    if lang.is_empty() {
        Ok(Lang::Sv)
    } else {
        lang.parse()
    }
}

/// Reads a pasted motion text: returns `{"motion": {...}, "issues": [...]}`
/// as JSON, messages in `lang`. Errors are bad options, never bad text.
#[wasm_bindgen(js_name = parseMotionTextJson)]
pub fn parse_motion_text_json(text: &str, profile: &str, lang: &str) -> Result<String, String> {
    let lang = self::lang(lang)?;
    let parsed = with_profile(profile, |p| parse_motion_text_in(text, p, lang))?;
    Ok(to_json(&parsed))
}

fn to_json(parsed: &ParsedMotion) -> String {
    let mut out = String::from("{\"motion\":");
    out.push_str(&serde_json::to_string(&parsed.motion).unwrap_or_default());
    out.push_str(",\"issues\":");
    out.push_str(&serde_json::to_string(&parsed.issues).unwrap_or_default());
    out.push('}');
    out
}

/// The profile's limit on a text's size in bytes: JS checks a paste
/// against it before copying the text into WebAssembly memory.
#[wasm_bindgen(js_name = inputLimit)]
pub fn input_limit(profile: &str) -> Result<f64, String> {
    // As f64: a limit set in a profile may exceed u32.
    with_profile(profile, |p| p.profile().limits.input_bytes as f64)
}

/// What [`parse_motion_text_json`] gives for a text of `actual` bytes over
/// the limit, without the text itself crossing into WebAssembly.
#[wasm_bindgen(js_name = tooLargeJson)]
pub fn too_large_json(profile: &str, lang: &str, actual: f64) -> Result<String, String> {
    let lang = self::lang(lang)?;
    let parsed = with_profile(profile, |p| {
        ParsedMotion::too_large(actual as usize, p, lang)
    })?;
    Ok(to_json(&parsed))
}
