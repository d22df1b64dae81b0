//! How to validate: profile, language, today's date and stage.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::date::Date;
use crate::profile::Profile;

/// The language of the messages. Swedish first.
///
/// ```
/// use motion_validator::Lang;
/// assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
/// assert_eq!(Lang::default(), Lang::Sv);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Svenska.
    #[default]
    Sv,
    /// English.
    En,
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sv" => Ok(Lang::Sv),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language \"{s}\"; use \"sv\" or \"en\"")),
        }
    }
}

/// Where the motion is in its life. At registration the diary number is
/// required and the one-year deadline is checked.
///
/// ```
/// use motion_validator::Stage;
/// assert_eq!("registration".parse::<Stage>(), Ok(Stage::Registration));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// A councillor submits (väcker) the motion.
    #[default]
    Submission,
    /// The registrar registers it and gives it a diary number.
    Registration,
}

impl FromStr for Stage {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "submission" => Ok(Stage::Submission),
            "registration" => Ok(Stage::Registration),
            _ => Err(format!(
                "unknown stage \"{s}\"; use \"submission\" or \"registration\""
            )),
        }
    }
}

/// Everything a [`crate::Validator`] needs to know, set once.
///
/// ```
/// use motion_validator::{Date, Lang, Options, Profile, Stage};
/// let opts = Options {
///     profile: Profile::builtin("lund").unwrap(),
///     lang: Lang::En,
///     today: Some(Date::parse_iso("2021-06-01").unwrap()),
///     stage: Stage::Registration,
/// };
/// assert_eq!(opts.profile.name, "lund");
/// ```
#[derive(Debug, Clone)]
pub struct Options {
    /// The municipality's rules. Default: the built-in `uppsala`.
    pub profile: Profile,
    /// The language of messages. Default: Swedish.
    pub lang: Lang,
    /// Today's date. `None` means the date in Sweden (Europe/Stockholm) when
    /// each motion is checked; tests and the browser pass it explicitly.
    pub today: Option<Date>,
    /// Submission (default) or registration.
    pub stage: Stage,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            profile: Profile::default(),
            lang: Lang::Sv,
            today: None,
            stage: Stage::Submission,
        }
    }
}
