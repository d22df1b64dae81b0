//! Validates the seed motion many times, for profilers
//! (`valgrind --tool=callgrind target/release/examples/profile_seed`).
//! `profile_seed N field` checks its diary number as a keystroke instead
//! (`validate_field_str`, the form's path while typing); `profile_seed N
//! FILE` validates the motion in FILE instead of the seed (an invalid
//! motion's messages and report cost more than the seed's).

use motion_validator::{Date, Field, Options, Validator};

fn main() {
    let seed = include_str!("../tests/fixtures/seed.json");
    let v = Validator::new(Options {
        today: Date::parse_iso("2021-06-01"),
        ..Options::default()
    })
    .expect("built-in profile");
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let arg = args.next();
    let field = arg.as_deref() == Some("field");
    let text = match arg.as_deref() {
        Some(path) if !field => std::fs::read_to_string(path).expect("a readable motion file"),
        _ => seed.to_owned(),
    };
    let mut valid = 0;
    for _ in 0..n {
        valid += usize::from(if field {
            v.validate_field_str(Field::DiaryNumber, "KSN-2020-02111")
                .is_empty()
        } else {
            v.validate_json(&text).valid
        });
    }
    println!("{valid} of {n} valid");
}
