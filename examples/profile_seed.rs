//! Validates the seed motion many times, for profilers
//! (`valgrind --tool=callgrind target/release/examples/profile_seed N`).
//! `profile_seed N field` checks its diary number as a keystroke instead
//! (`validate_field_str`, the form's path while typing); `profile_seed N
//! typed` validates the seed as a typed `Motion` (`validate_motion`);
//! `profile_seed N short` validates the seed's JSON text into the report
//! the tape gets (`validate_json_str_short`); `profile_seed N tape` validates the seed as the JS glue writes it into
//! WebAssembly memory (`validate_tape_short`, what the package's
//! `validate` calls); `profile_seed N FILE` validates the motion in FILE (an invalid motion's
//! messages and report cost more than the seed's). `bench/instructions.mjs`
//! runs them all under callgrind.

use motion_validator::{Date, Field, Motion, Options, Validator};

enum Work {
    Json(String),
    Typed(Box<Motion>),
    Short(String),
    Tape(String, Vec<u32>),
    Keystroke,
}

fn main() {
    let seed = include_str!("../tests/fixtures/seed.json");
    let v = Validator::new(Options {
        today: Date::parse_iso("2021-06-01"),
        ..Options::default()
    })
    .expect("built-in profile");
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let work = match args.next().as_deref() {
        Some("field") => Work::Keystroke,
        Some("short") => Work::Short(seed.to_owned()),
        Some("tape") => {
            let value = serde_json::from_str(seed).expect("the seed is JSON");
            let (text, tape) = motion_validator::write_tape(&value).expect("the seed has a tape");
            Work::Tape(text, tape)
        }
        Some("typed") => Work::Typed(serde_json::from_str(seed).expect("the seed is a motion")),
        Some(path) => Work::Json(std::fs::read_to_string(path).expect("a readable motion file")),
        None => Work::Json(seed.to_owned()),
    };
    let mut valid = 0;
    for _ in 0..n {
        valid += usize::from(match &work {
            Work::Keystroke => v
                .validate_field_str(Field::DiaryNumber, "KSN-2020-02111")
                .is_empty(),
            Work::Typed(m) => v.validate_motion(m).valid,
            Work::Short(text) => v
                .validate_json_str_short(text)
                .starts_with("{\"valid\":true"),
            Work::Tape(text, tape) => v
                .validate_tape_short(text.as_bytes(), tape)
                .is_some_and(|r| r.starts_with("{\"valid\":true")),
            Work::Json(text) => v.validate_json(text).valid,
        });
    }
    println!("{valid} of {n} valid");
}
