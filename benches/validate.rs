//! Native speed: `cargo bench --bench validate`.
//!
//! - `seed/validate`: the seed motion, already parsed (validate only).
//! - `seed/validate_json`: the same from raw JSON bytes (parse included).
//! - `field/diary_number`: one keystroke's check of a diary number.
//! - `body_scaling/N`: a body of 1 KB to 1 MB (limits raised so every rule
//!   runs over all of it); throughput in bytes shows time per KB, which
//!   must stay flat (linear time).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use motion_validator::{Date, Options, PathSegment, Profile, Validator};
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
    g.bench_function("validate_json", |b| {
        b.iter(|| v.validate_json(black_box(SEED.as_bytes())))
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

fn body_scaling(c: &mut Criterion) {
    let mut profile = Profile::default();
    profile.limits.body.max = 2_000_000;
    profile.limits.input_bytes = 4 << 20;
    let v = validator(profile);
    let mut motion: Value = serde_json::from_str(SEED).expect("seed is JSON");
    let sentence =
        "Kommunen behöver stärka arbetet mot sexuell exploatering för att möta ökande behov. ";
    let mut g = c.benchmark_group("body_scaling");
    for kb in [1usize, 10, 100, 1000] {
        let body: String = sentence.chars().cycle().take(kb * 1000).collect();
        motion["body"] = Value::from(body.clone());
        let json = motion.to_string();
        assert!(v.validate_json(&json).valid);
        g.throughput(Throughput::Bytes(body.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{kb}KB")),
            &json,
            |b, json| b.iter(|| v.validate_json(black_box(json.as_bytes()))),
        );
    }
    g.finish();
}

criterion_group!(benches, seed, field, body_scaling);
criterion_main!(benches);
