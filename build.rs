//! Embeds the built-in profiles (profiles/*.json). With the default
//! feature `profile-sources` they are embedded as written; without it (the
//! WebAssembly modules) their `sources` list is left out and the JSON is
//! written without indentation: the browser has no use for the citations
//! or the layout, and they cost 1 KB gzipped.

use std::{env, fs, path::Path};

/// The built-in profiles, the default first: adding one is a file in
/// profiles/ and its name here.
const PROFILES: [&str; 6] = [
    "uppsala",
    "lund",
    "goteborg",
    "riksdag",
    "eskilstuna",
    "halmstad",
];

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let keep_sources = env::var_os("CARGO_FEATURE_PROFILE_SOURCES").is_some();
    let mut list = String::from("&[\n");
    for name in PROFILES {
        list.push_str(&format!(
            "    (\"{name}\", include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}.json\"))),\n"
        ));
        let path = format!("profiles/{name}.json");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let text = if keep_sources {
            text
        } else {
            minified(&without_sources(&path, &text))
        };
        fs::write(Path::new(&out).join(format!("{name}.json")), text)
            .unwrap_or_else(|e| panic!("{out}: {e}"));
    }
    list.push(']');
    fs::write(Path::new(&out).join("builtins.rs"), list).unwrap_or_else(|e| panic!("{out}: {e}"));
}

/// The profile without its top-level `"sources": [...]`, which must be
/// its last key, written as in the repository (two-space indent).
fn without_sources(path: &str, text: &str) -> String {
    let Some(start) = text.find(",\n  \"sources\": [") else {
        return text.to_owned();
    };
    let end = text[start..]
        .find("\n  ]")
        .map(|i| start + i + "\n  ]".len())
        .unwrap_or_else(|| panic!("{path}: \"sources\" must end with a line \"  ]\""));
    let rest = &text[end..];
    assert!(
        rest.trim() == "}",
        "{path}: \"sources\" must be the profile's last key"
    );
    format!("{}{rest}", &text[..start])
}

/// The JSON without whitespace between tokens (strings kept as they are).
fn minified(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !c.is_ascii_whitespace() {
            out.push(c);
            in_string = c == '"';
        }
    }
    out
}
