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

/// Options given as text, as the adapters receive them (the WASM glue's
/// arguments, the server's query string): an empty string is the default.
///
/// ```
/// use motion_validator::{Lang, Options, Stage};
/// let o = Options::from_text("lund", "en", "2021-06-01", "registration").unwrap();
/// assert_eq!((o.profile.name.as_str(), o.lang, o.stage), ("lund", Lang::En, Stage::Registration));
/// let d = Options::from_text("", "", "", "").unwrap();
/// assert_eq!((d.profile.name.as_str(), d.today), ("uppsala", None));
/// assert_eq!(Options::from_text("", "de", "", "").unwrap_err().to_string(),
///            "unknown language \"de\"; use \"sv\" or \"en\"");
/// ```
impl Options {
    /// Parses each option; the first that cannot be used is the error.
    pub fn from_text(
        profile: &str,
        lang: &str,
        today: &str,
        stage: &str,
    ) -> Result<Options, OptionsError> {
        fn or_default<T: Default + FromStr<Err = String>>(s: &str) -> Result<T, OptionsError> {
            if s.is_empty() {
                Ok(T::default())
            } else {
                s.parse().map_err(OptionsError)
            }
        }
        Ok(Options {
            profile: Profile::from_name_or_json(profile)
                .map_err(|e| OptionsError(e.to_string()))?,
            lang: or_default(lang)?,
            today: if today.is_empty() {
                None
            } else {
                Some(today.parse().map_err(OptionsError)?)
            },
            stage: or_default(stage)?,
        })
    }
}

/// Why options given as text cannot be used; the text says which and how
/// to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsError(pub String);

impl std::fmt::Display for OptionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OptionsError {}

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
