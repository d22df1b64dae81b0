//! Native speed: `cargo bench --bench validate`.
//!
//! - `seed/validate`: the seed motion, already parsed (validate only).
//! - `seed/validate_json`: the same from raw JSON bytes (parse included).
//! - `seed/json_to_json`: from raw JSON bytes to the report as JSON text,
//!   the work of the WASM package's `validateJson` without the crossing.
//! - `field/diary_number`: one keystroke's check of a diary number.
//! - `body_scaling/N`: a body of exactly 1 KB, 10 KB, 100 KB and 1 MB of
//!   UTF-8 (1 KB = 1,000 bytes; limits raised so every rule runs over all
//!   of it), parse included; throughput in bytes shows time per KB, which
//!   must stay flat (linear time). `node bench/native.mjs` reports it.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use motion_validator::{Date, Motion, Options, PathSegment, Profile, Validator};
use serde_json::Value;
use std::hint::black_box;

const SEED: &str = include_str!("../tests/fixtures/seed.json");

fn validator(profile: Profile) -> Validator {
    Validator::new(Options {
        profile,
        today: Date::parse_iso("2021-06-01"),
        ..Options::default()
    })
    .expect("built-in profile")
}

fn seed(c: &mut Criterion) {
    let v = validator(Profile::default());
    let parsed: Value = serde_json::from_str(SEED).expect("seed is JSON");
    assert!(v.validate(&parsed).valid);
    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Elements(1));
    g.bench_function("validate", |b| b.iter(|| v.validate(black_box(&parsed))));
    // A Rust caller's typed motion (the server re-checks stored ones so).
    let typed: Motion = serde_json::from_str(SEED).expect("seed is a motion");
    g.bench_function("validate_motion", |b| {
        b.iter(|| v.validate_motion(black_box(&typed)))
    });
    g.bench_function("validate_json", |b| {
        b.iter(|| v.validate_json(black_box(SEED.as_bytes())))
    });
    // What the WASM package's `validateJson` does, minus the crossing:
    // JSON text in, the report as JSON text out.
    g.bench_function("json_to_json", |b| {
        b.iter(|| v.validate_json(black_box(SEED.as_bytes())).to_json())
    });
    g.finish();
}

fn field(c: &mut Criterion) {
    let v = validator(Profile::default());
    let path: Vec<PathSegment> = vec!["diaryNumber".into()];
    let value = Value::from("KSN-2020-02111");
    assert!(v.validate_field(&path, &value).is_empty());
    c.bench_function("field/diary_number", |b| {
        b.iter(|| v.validate_field(black_box(&path), black_box(&value)))
    });
}

/// `sentence` repeated to exactly `bytes` bytes of UTF-8 (the sentence has
/// two-byte letters, so this counts bytes, not characters).
fn body_of(sentence: &str, bytes: usize) -> String {
    let mut body = String::with_capacity(bytes);
    for c in sentence.chars().cycle() {
        if body.len() + c.len_utf8() > bytes {
            break;
        }
        body.push(c);
    }
    while body.len() < bytes {
        body.push(' '); // when a two-byte letter did not fit
    }
    body
}

fn body_scaling(c: &mut Criterion) {
    let mut profile = Profile::default();
    profile.limits.body.max = 2_000_000;
    profile.limits.input_bytes = 4 << 20;
    let v = validator(profile);
    let mut motion: Value = serde_json::from_str(SEED).expect("seed is JSON");
    let sentence =
        "Kommunen behöver stärka arbetet mot sexuell exploatering för att möta ökande behov. ";
    let mut g = c.benchmark_group("body_scaling");
    for (label, bytes) in [
        ("1KB", 1_000),
        ("10KB", 10_000),
        ("100KB", 100_000),
        ("1MB", 1_000_000),
    ] {
        let body = body_of(sentence, bytes);
        motion["body"] = Value::from(body.clone());
        let json = motion.to_string();
        assert!(v.validate_json(&json).valid);
        g.throughput(Throughput::Bytes(body.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(label), &json, |b, json| {
            b.iter(|| v.validate_json(black_box(json.as_bytes())))
        });
    }
    g.finish();
}

criterion_group!(benches, seed, field, body_scaling);
criterion_main!(benches);
