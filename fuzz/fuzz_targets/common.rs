//! Shared by the targets: one validator per built-in profile and stage,
//! compiled once.

use std::sync::OnceLock;

use motion_validator::{Date, Lang, Options, Profile, Stage, Validator};

pub fn validators() -> &'static [Validator] {
    static ALL: OnceLock<Vec<Validator>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = Vec::new();
        for (i, name) in Profile::builtin_names().enumerate() {
            all.push(
                Validator::new(Options {
                    profile: Profile::builtin(name).unwrap(),
                    lang: if i % 2 == 0 { Lang::Sv } else { Lang::En },
                    today: Date::parse_iso("2021-06-01"),
                    stage: if i % 2 == 0 {
                        Stage::Submission
                    } else {
                        Stage::Registration
                    },
                })
                .unwrap(),
            );
        }
        all
    })
}
