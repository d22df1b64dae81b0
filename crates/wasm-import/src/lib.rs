//! The WebAssembly glue of the importer module ("Klistra in motion"): a
//! second module from the same engine, loaded by the page only when
//! someone pastes a motion, so the validator module stays in its budget.

use motion_validator::{Options, Validator};
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

/// Reads a pasted motion text: returns `{"motion": {...}, "issues": [...]}`
/// as JSON, messages in `lang`. Errors are bad options, never bad text.
#[wasm_bindgen(js_name = parseMotionTextJson)]
pub fn parse_motion_text_json(text: &str, profile: &str, lang: &str) -> Result<String, String> {
    let options = Options::from_text(profile, lang, "", "").map_err(|e| e.to_string())?;
    let validator = Validator::new(options).map_err(|e| e.to_string())?;
    let parsed = validator.parse_motion_text(text);
    let mut out = String::from("{\"motion\":");
    out.push_str(&serde_json::to_string(&parsed.motion).unwrap_or_default());
    out.push_str(",\"issues\":");
    out.push_str(&serde_json::to_string(&parsed.issues).unwrap_or_default());
    out.push('}');
    Ok(out)
}
