//! Messages for people, Swedish first, English second. Written for a
//! councillor filling in a form, not for a programmer. Built from the
//! issue's code, path and params, so the rules never deal with language.

use serde_json::Value;

use crate::options::Lang;
use crate::report::{Code, Issue, PathSegment};

/// Which field a path points at, for the words of a message.
#[derive(Debug, Clone, Copy)]
enum Field<'a> {
    Motion,
    Title,
    Body,
    Proposals,
    Proposal(usize),
    Signatories,
    Signatory(usize),
    Name(usize),
    Party(usize),
    SubmittedOn,
    DiaryNumber,
    Other(&'a str),
}

fn field(path: &[PathSegment]) -> Field<'_> {
    use PathSegment::{Index as I, Key as K};
    match path {
        [] => Field::Motion,
        [K(k)] => match k.as_str() {
            "title" => Field::Title,
            "body" => Field::Body,
            "proposals" => Field::Proposals,
            "signatories" => Field::Signatories,
            "submittedOn" => Field::SubmittedOn,
            "diaryNumber" => Field::DiaryNumber,
            other => Field::Other(other),
        },
        [K(k), I(i)] if k == "proposals" => Field::Proposal(*i + 1),
        [K(k), I(i)] if k == "signatories" => Field::Signatory(*i + 1),
        [K(k), I(i), K(f)] if k == "signatories" && f == "name" => Field::Name(*i + 1),
        [K(k), I(i), K(f)] if k == "signatories" && f == "party" => Field::Party(*i + 1),
        [.., K(k)] => Field::Other(k),
        [.., I(_)] => Field::Other(""),
    }
}

/// The field as the subject of a sentence ("Titeln", "The title"), and
/// whether its Swedish noun is neuter (for "lång"/"långt").
fn subject(f: Field, lang: Lang) -> (String, bool) {
    let sv = lang == Lang::Sv;
    let (s, neuter) = match f {
        Field::Motion => (
            if sv {
                "Motionen".into()
            } else {
                "The motion".into()
            },
            false,
        ),
        Field::Title => (
            if sv {
                "Titeln".into()
            } else {
                "The title".into()
            },
            false,
        ),
        Field::Body => (
            if sv {
                "Bakgrunden".into()
            } else {
                "The background text".into()
            },
            false,
        ),
        Field::Proposals => (
            if sv {
                "Listan med yrkanden".into()
            } else {
                "The list of proposals".into()
            },
            false,
        ),
        Field::Proposal(n) => (
            if sv {
                format!("Yrkande {n}")
            } else {
                format!("Proposal {n}")
            },
            true,
        ),
        Field::Signatories => (
            if sv {
                "Listan med undertecknare".into()
            } else {
                "The list of signatories".into()
            },
            false,
        ),
        Field::Signatory(n) => (
            if sv {
                format!("Undertecknare {n}")
            } else {
                format!("Signatory {n}")
            },
            false,
        ),
        Field::Name(n) => (
            if sv {
                format!("Namnet på undertecknare {n}")
            } else {
                format!("The name of signatory {n}")
            },
            true,
        ),
        Field::Party(n) => (
            if sv {
                format!("Partiet för undertecknare {n}")
            } else {
                format!("The party of signatory {n}")
            },
            true,
        ),
        Field::SubmittedOn => (
            if sv {
                "Datumet".into()
            } else {
                "The date".into()
            },
            true,
        ),
        Field::DiaryNumber => (
            if sv {
                "Diarienumret".into()
            } else {
                "The diary number".into()
            },
            true,
        ),
        Field::Other(k) => (
            if sv {
                format!("Fältet ”{k}”")
            } else {
                format!("The field “{k}”")
            },
            true,
        ),
    };
    (s, neuter)
}

fn num(issue: &Issue, key: &str) -> String {
    match issue.params.get(key) {
        Some(Value::Number(n)) => n.as_u64().map(|u| u.to_string()).unwrap_or_default(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

/// Numbers a 0-based index param as a person counts (1-based).
fn ordinal(issue: &Issue, key: &str) -> String {
    issue
        .params
        .get(key)
        .and_then(Value::as_u64)
        .map(|i| (i + 1).to_string())
        .unwrap_or_default()
}

/// The signatory (counted from 1) an issue inside one is about, such as an
/// unknown key at `["signatories", 0, "email"]`.
fn signatory_of(issue: &Issue) -> Option<usize> {
    match issue.path.as_slice() {
        [PathSegment::Key(k), PathSegment::Index(i), _] if k == "signatories" => Some(i + 1),
        _ => None,
    }
}

/// The sentence for an issue in the given language.
pub(crate) fn message(issue: &Issue, lang: Lang, council: &str) -> String {
    let f = field(&issue.path);
    let (subj, neuter) = subject(f, lang);
    let p = |k: &str| num(issue, k);
    match lang {
        Lang::Sv => sv(issue.code, f, &subj, neuter, &p, issue, council),
        Lang::En => en(issue.code, f, &subj, &p, issue, council),
    }
}

fn sv(
    code: Code,
    f: Field,
    subj: &str,
    neuter: bool,
    p: &dyn Fn(&str) -> String,
    issue: &Issue,
    council: &str,
) -> String {
    let t = if neuter { "t" } else { "" };
    match code {
        Code::Required => match f {
            Field::Motion => "Motionen saknas.".into(),
            Field::Title => "Skriv en titel.".into(),
            Field::Body => "Skriv en bakgrund till motionen.".into(),
            Field::Proposals => "Lägg till minst ett yrkande.".into(),
            Field::Proposal(n) => format!("Yrkande {n} är tomt. Skriv yrkandet eller ta bort det."),
            Field::Signatories => "Lägg till minst en undertecknare.".into(),
            Field::Signatory(n) => format!("Undertecknare {n} saknas."),
            Field::Name(n) => format!("Skriv namnet på undertecknare {n}."),
            Field::Party(n) => format!("Välj parti för undertecknare {n}."),
            Field::SubmittedOn => "Ange datum då motionen väcktes.".into(),
            Field::DiaryNumber => "Ange diarienummer. Det krävs när motionen registreras.".into(),
            Field::Other(_) => format!("{subj} saknas."),
        },
        Code::InvalidType => match f {
            Field::Motion => "Motionen har fel form: den ska vara ett JSON-objekt med titel, bakgrund, yrkanden, undertecknare och datum.".into(),
            Field::Proposals => "Yrkandena ska anges som en lista.".into(),
            Field::Signatories => "Undertecknarna ska anges som en lista.".into(),
            _ => {
                let what = match p("expected").as_str() {
                    "array" => "en lista",
                    "object" => "ett objekt med namn och parti",
                    _ => "en text",
                };
                format!("{subj} har fel form: det ska vara {what}.")
            }
        },
        Code::TooShort => format!("{subj} är för kort: minst {} tecken, nu {}.", p("min"), p("actual")),
        Code::TooLong => format!("{subj} är för lång{t}: högst {} tecken, nu {}.", p("max"), p("actual")),
        Code::TooMany => match f {
            Field::Signatories => format!("För många undertecknare: högst {}, nu {}.", p("max"), p("actual")),
            _ => format!("För många yrkanden: högst {}, nu {}.", p("max"), p("actual")),
        },
        Code::ProposalMissingAtt => "Yrkandet ska börja med ”att”.".into(),
        Code::Duplicate => match f {
            Field::Name(n) => format!("Undertecknare {n} står redan med som undertecknare {}.", ordinal(issue, "first")),
            _ => format!("{subj} är likadant som yrkande {}.", ordinal(issue, "first")),
        },
        Code::NameIncomplete => format!("{subj} ska ha både förnamn och efternamn."),
        Code::NameInvalidChars => format!(
            "{subj} innehåller ”{}”. Ett namn får bara ha bokstäver, mellanslag, bindestreck, apostrof och punkt.",
            p("char")
        ),
        Code::PartyUnknown => format!(
            "”{}” är inget parti i {council}. Välj ett av: {} (- betyder partilös).",
            p("value"),
            p("allowed")
        ),
        Code::DateInvalid => match &issue.suggestion {
            // A real date written another way ("25 maj 2020"): it is a date,
            // just not in the form the register needs.
            Some(iso) => format!(
                "”{}” är inte skrivet som ÅÅÅÅ-MM-DD. Menar du {iso}?",
                p("value")
            ),
            None => format!(
                "”{}” är inget giltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2020-05-25.",
                p("value")
            ),
        },
        Code::DateInFuture => format!("Datumet {} har inte kommit än (i dag är det {}).", p("value"), p("today")),
        Code::DiaryNumberFormat => {
            format!(
                "Diarienumret ”{}” följer inte {} format, till exempel {}.",
                p("value"),
                genitive(council),
                p("formats").replace(", ", " eller ")
            )
        }
        Code::DiaryNumberYear => format!("Året i diarienumret ({}) har inte kommit än.", p("year")),
        Code::DiaryNumberYearMismatch => format!(
            "Året i diarienumret ({}) är inte året då motionen väcktes ({}). Stämmer numret?",
            p("year"),
            p("submittedYear")
        ),
        Code::AnswerOverdue => format!(
            "Motionen väcktes {} och borde ha behandlats senast {} (kommunallagen 5 kap. 35 §).",
            p("submittedOn"),
            p("dueOn")
        ),
        Code::ForbiddenCharacters => format!(
            "{subj} innehåller ett osynligt tecken eller styrtecken som inte är tillåtet ({}, tecken nr {}). Ta bort det.",
            p("char"),
            ordinal(issue, "index")
        ),
        Code::MarkupNotAllowed => format!("{subj} innehåller HTML-kod ({}). Skriv vanlig text utan taggar.", p("tag")),
        Code::AllCaps => format!("{subj} är till största delen skriven med versaler. Använd stor bokstav bara där den behövs."),
        Code::UnknownField => match signatory_of(issue) {
            Some(n) => format!("Fältet ”{}” hos undertecknare {n} känns inte igen och sparas inte.", p("field")),
            None => format!("Fältet ”{}” känns inte igen och sparas inte.", p("field")),
        },
        Code::InputTooLarge => format!("Motionen är för stor: högst {} byte, nu {}.", p("max"), p("actual")),
        Code::InvalidJson => format!(
            "Motionen kunde inte läsas: den är inte giltig JSON (rad {}, kolumn {}).",
            p("line"),
            p("column")
        ),
    }
}

fn en(
    code: Code,
    f: Field,
    subj: &str,
    p: &dyn Fn(&str) -> String,
    issue: &Issue,
    council: &str,
) -> String {
    match code {
        Code::Required => match f {
            Field::Motion => "The motion is missing.".into(),
            Field::Title => "Enter a title.".into(),
            Field::Body => "Enter the background text of the motion.".into(),
            Field::Proposals => "Add at least one proposal.".into(),
            Field::Proposal(n) => format!("Proposal {n} is empty. Write the proposal or remove it."),
            Field::Signatories => "Add at least one signatory.".into(),
            Field::Signatory(n) => format!("Signatory {n} is missing."),
            Field::Name(n) => format!("Enter the name of signatory {n}."),
            Field::Party(n) => format!("Choose the party of signatory {n}."),
            Field::SubmittedOn => "Enter the date the motion was submitted.".into(),
            Field::DiaryNumber => "Enter the diary number. It is required when the motion is registered.".into(),
            Field::Other(_) => format!("{subj} is missing."),
        },
        Code::InvalidType => match f {
            Field::Motion => "The motion has the wrong form: it should be a JSON object with a title, background text, proposals, signatories and a date.".into(),
            Field::Proposals => "The proposals must be given as a list.".into(),
            Field::Signatories => "The signatories must be given as a list.".into(),
            _ => {
                let what = match p("expected").as_str() {
                    "array" => "a list",
                    "object" => "an object with name and party",
                    _ => "text",
                };
                format!("{subj} has the wrong form: it should be {what}.")
            }
        },
        Code::TooShort => format!("{subj} is too short: at least {} characters, now {}.", p("min"), p("actual")),
        Code::TooLong => format!("{subj} is too long: at most {} characters, now {}.", p("max"), p("actual")),
        Code::TooMany => match f {
            Field::Signatories => format!("Too many signatories: at most {}, now {}.", p("max"), p("actual")),
            _ => format!("Too many proposals: at most {}, now {}.", p("max"), p("actual")),
        },
        Code::ProposalMissingAtt => "The proposal must begin with “att” (an att-sats).".into(),
        Code::Duplicate => match f {
            Field::Name(n) => format!("Signatory {n} is already listed as signatory {}.", ordinal(issue, "first")),
            _ => format!("{subj} is the same as proposal {}.", ordinal(issue, "first")),
        },
        Code::NameIncomplete => format!("{subj} needs both a first and a last name."),
        Code::NameInvalidChars => format!(
            "{subj} contains “{}”. A name may only have letters, spaces, hyphens, apostrophes and periods.",
            p("char")
        ),
        Code::PartyUnknown => format!(
            "“{}” is not a party in {council}. Choose one of: {} (- means independent).",
            p("value"),
            p("allowed")
        ),
        Code::DateInvalid => match &issue.suggestion {
            Some(iso) => format!(
                "“{}” is not written as YYYY-MM-DD. Do you mean {iso}?",
                p("value")
            ),
            None => format!(
                "“{}” is not a valid date. Write the date as YYYY-MM-DD, for example 2020-05-25.",
                p("value")
            ),
        },
        Code::DateInFuture => format!("The date {} has not come yet (today is {}).", p("value"), p("today")),
        Code::DiaryNumberFormat => format!(
            "The diary number “{}” is not in the format of {council}, for example {}.",
            p("value"),
            p("formats").replace(", ", " or ")
        ),
        Code::DiaryNumberYear => format!("The year in the diary number ({}) has not come yet.", p("year")),
        Code::DiaryNumberYearMismatch => format!(
            "The year in the diary number ({}) is not the year the motion was submitted ({}). Is the number right?",
            p("year"),
            p("submittedYear")
        ),
        Code::AnswerOverdue => format!(
            "The motion was submitted on {} and should have been dealt with by {} (Local Government Act, chapter 5, section 35).",
            p("submittedOn"),
            p("dueOn")
        ),
        Code::ForbiddenCharacters => format!(
            "{subj} contains an invisible or control character that is not allowed ({}, character {}). Remove it.",
            p("char"),
            ordinal(issue, "index")
        ),
        Code::MarkupNotAllowed => format!("{subj} contains HTML code ({}). Write plain text without tags.", p("tag")),
        Code::AllCaps => format!("{subj} is written mostly in capital letters. Use capitals only where needed."),
        Code::UnknownField => match signatory_of(issue) {
            Some(n) => format!("The field “{}” of signatory {n} is not recognized and will not be saved.", p("field")),
            None => format!("The field “{}” is not recognized and will not be saved.", p("field")),
        },
        Code::InputTooLarge => format!("The motion is too large: at most {} bytes, now {}.", p("max"), p("actual")),
        Code::InvalidJson => format!(
            "The motion could not be read: it is not valid JSON (line {}, column {}).",
            p("line"),
            p("column")
        ),
    }
}

/// Swedish genitive: "Uppsala kommun" → "Uppsala kommuns"; a name that
/// ends in s, x or z takes no extra s ("Borås format").
fn genitive(council: &str) -> String {
    if council.ends_with(['s', 'x', 'z']) {
        council.to_owned()
    } else {
        format!("{council}s")
    }
}
