//! Validates the seed motion many times, for profilers
//! (`valgrind --tool=callgrind target/release/examples/profile_seed`).

use motion_validator::{Date, Options, Validator};

fn main() {
    let seed = include_str!("../tests/fixtures/seed.json");
    let v = Validator::new(Options {
        today: Date::parse_iso("2021-06-01"),
        ..Options::default()
    })
    .expect("built-in profile");
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let mut valid = 0;
    for _ in 0..n {
        valid += usize::from(v.validate_json(seed).valid);
    }
    println!("{valid} of {n} valid");
}
