//! Messages for people, Swedish first, English second. Written for a
//! councillor filling in a form, not for a programmer. Built from the
//! issue's code, path and params, so the rules never deal with language.
//!
//! Each message is a template with `{placeholders}`, filled in by one small
//! function: the wording reads as data, and the browser build carries one
//! formatter instead of a hundred `format!` calls.

use serde_json::Value;

use crate::options::Lang;
use crate::report::{Code, Issue, PathSegment};

/// Which field a path points at, for the words of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Motion,
    Title,
    Body,
    Proposals,
    Proposal,
    Signatories,
    Signatory,
    Name,
    Party,
    SubmittedOn,
    DiaryNumber,
    Other,
}

/// The field, the item number a person sees (1-based) and the key name.
fn field(path: &[PathSegment]) -> (Field, usize, &str) {
    use PathSegment::{Index as I, Key as K};
    match path {
        [] => (Field::Motion, 0, ""),
        [K(k)] => match k.as_str() {
            "title" => (Field::Title, 0, ""),
            "body" => (Field::Body, 0, ""),
            "proposals" => (Field::Proposals, 0, ""),
            "signatories" => (Field::Signatories, 0, ""),
            "submittedOn" => (Field::SubmittedOn, 0, ""),
            "diaryNumber" => (Field::DiaryNumber, 0, ""),
            other => (Field::Other, 0, other),
        },
        [K(k), I(i)] if k == "proposals" => (Field::Proposal, i + 1, ""),
        [K(k), I(i)] if k == "signatories" => (Field::Signatory, i + 1, ""),
        [K(k), I(i), K(f)] if k == "signatories" && f == "name" => (Field::Name, i + 1, ""),
        [K(k), I(i), K(f)] if k == "signatories" && f == "party" => (Field::Party, i + 1, ""),
        [K(k), I(i), K(f)] if k == "signatories" => (Field::Other, i + 1, f),
        [.., K(k)] => (Field::Other, 0, k),
        [.., I(_)] => (Field::Other, 0, ""),
    }
}

/// The field as the subject of a sentence ("Titeln", "The title"), and
/// whether its Swedish noun is neuter (for "lång"/"långt").
fn subject(f: Field, lang: Lang) -> (&'static str, bool) {
    let sv = lang == Lang::Sv;
    match f {
        Field::Motion => (if sv { "Motionen" } else { "The motion" }, false),
        Field::Title => (if sv { "Titeln" } else { "The title" }, false),
        Field::Body => (
            if sv {
                "Bakgrunden"
            } else {
                "The background text"
            },
            false,
        ),
        Field::Proposals => (
            if sv {
                "Listan med yrkanden"
            } else {
                "The list of proposals"
            },
            false,
        ),
        Field::Proposal => (if sv { "Yrkande {n}" } else { "Proposal {n}" }, true),
        Field::Signatories => (
            if sv {
                "Listan med undertecknare"
            } else {
                "The list of signatories"
            },
            false,
        ),
        Field::Signatory => (
            if sv {
                "Undertecknare {n}"
            } else {
                "Signatory {n}"
            },
            false,
        ),
        Field::Name => (
            if sv {
                "Namnet på undertecknare {n}"
            } else {
                "The name of signatory {n}"
            },
            true,
        ),
        Field::Party => (
            if sv {
                "Partiet för undertecknare {n}"
            } else {
                "The party of signatory {n}"
            },
            true,
        ),
        Field::SubmittedOn => (if sv { "Datumet" } else { "The date" }, true),
        Field::DiaryNumber => (
            if sv {
                "Diarienumret"
            } else {
                "The diary number"
            },
            true,
        ),
        Field::Other => (
            if sv {
                "Fältet ”{key}”"
            } else {
                "The field “{key}”"
            },
            true,
        ),
    }
}

/// The template for an issue. `{subj}` is the field as a subject; other
/// placeholders are params or the values [`message`] knows.
fn template(code: Code, (f, n): (Field, usize), issue: &Issue, lang: Lang) -> &'static str {
    let sv = lang == Lang::Sv;
    let expected = issue.params.get("expected").and_then(Value::as_str);
    // An unknown key inside a signatory names the signatory.
    let has_signatory = f == Field::Other && n > 0;
    match code {
        Code::Required => match (f, sv) {
            (Field::Motion, true) => "Motionen saknas.",
            (Field::Motion, false) => "The motion is missing.",
            (Field::Title, true) => "Skriv en titel.",
            (Field::Title, false) => "Enter a title.",
            (Field::Body, true) => "Skriv en bakgrund till motionen.",
            (Field::Body, false) => "Enter the background text of the motion.",
            (Field::Proposals, true) => "Lägg till minst ett yrkande.",
            (Field::Proposals, false) => "Add at least one proposal.",
            (Field::Proposal, true) => "Yrkande {n} är tomt. Skriv yrkandet eller ta bort det.",
            (Field::Proposal, false) => "Proposal {n} is empty. Write the proposal or remove it.",
            (Field::Signatories, true) => "Lägg till minst en undertecknare.",
            (Field::Signatories, false) => "Add at least one signatory.",
            (Field::Signatory, true) => "Undertecknare {n} saknas.",
            (Field::Signatory, false) => "Signatory {n} is missing.",
            (Field::Name, true) => "Skriv namnet på undertecknare {n}.",
            (Field::Name, false) => "Enter the name of signatory {n}.",
            (Field::Party, true) => "Välj parti för undertecknare {n}.",
            (Field::Party, false) => "Choose the party of signatory {n}.",
            (Field::SubmittedOn, true) => "Ange datum då motionen väcktes.",
            (Field::SubmittedOn, false) => "Enter the date the motion was submitted.",
            (Field::DiaryNumber, true) => "Ange diarienummer. Det krävs när motionen registreras.",
            (Field::DiaryNumber, false) => "Enter the diary number. It is required when the motion is registered.",
            (Field::Other, true) => "{subj} saknas.",
            (Field::Other, false) => "{subj} is missing.",
        },
        Code::InvalidType => match (f, sv, expected) {
            (Field::Motion, true, _) => "Motionen har fel form: den ska vara ett JSON-objekt med titel, bakgrund, yrkanden, undertecknare och datum.",
            (Field::Motion, false, _) => "The motion has the wrong form: it should be a JSON object with a title, background text, proposals, signatories and a date.",
            (Field::Proposals, true, _) => "Yrkandena ska anges som en lista.",
            (Field::Proposals, false, _) => "The proposals must be given as a list.",
            (Field::Signatories, true, _) => "Undertecknarna ska anges som en lista.",
            (Field::Signatories, false, _) => "The signatories must be given as a list.",
            (_, true, Some("array")) => "{subj} har fel form: det ska vara en lista.",
            (_, false, Some("array")) => "{subj} has the wrong form: it should be a list.",
            (_, true, Some("object")) => "{subj} har fel form: det ska vara ett objekt med namn och parti.",
            (_, false, Some("object")) => "{subj} has the wrong form: it should be an object with name and party.",
            (_, true, _) => "{subj} har fel form: det ska vara en text.",
            (_, false, _) => "{subj} has the wrong form: it should be text.",
        },
        Code::TooShort if sv => "{subj} är för kort: minst {min} tecken, nu {actual}.",
        Code::TooShort => "{subj} is too short: at least {min} characters, now {actual}.",
        Code::TooLong if sv => "{subj} är för lång{t}: högst {max} tecken, nu {actual}.",
        Code::TooLong => "{subj} is too long: at most {max} characters, now {actual}.",
        Code::TooMany => match (f, sv) {
            (Field::Signatories, true) => "För många undertecknare: högst {max}, nu {actual}.",
            (Field::Signatories, false) => "Too many signatories: at most {max}, now {actual}.",
            (_, true) => "För många yrkanden: högst {max}, nu {actual}.",
            (_, false) => "Too many proposals: at most {max}, now {actual}.",
        },
        Code::ProposalMissingAtt if sv => "Yrkandet ska börja med ”att”.",
        Code::ProposalMissingAtt => "The proposal must begin with “att” (an att-sats).",
        Code::Duplicate => match (f, sv) {
            (Field::Name, true) => "Undertecknare {n} står redan med som undertecknare {first}.",
            (Field::Name, false) => "Signatory {n} is already listed as signatory {first}.",
            (_, true) => "{subj} är likadant som yrkande {first}.",
            (_, false) => "{subj} is the same as proposal {first}.",
        },
        Code::NameIncomplete if sv => "{subj} ska ha både förnamn och efternamn.",
        Code::NameIncomplete => "{subj} needs both a first and a last name.",
        Code::NameInvalidChars if sv => {
            "{subj} innehåller ”{char}”. Ett namn får bara ha bokstäver, mellanslag, bindestreck, apostrof och punkt."
        }
        Code::NameInvalidChars => {
            "{subj} contains “{char}”. A name may only have letters, spaces, hyphens, apostrophes and periods."
        }
        Code::PartyUnknown if sv => "”{value}” är inget parti i {council}. Välj ett av: {allowed} (- betyder partilös).",
        Code::PartyUnknown => "“{value}” is not a party in {council}. Choose one of: {allowed} (- means independent).",
        // A real date written another way ("25 maj 2020") is a date, just
        // not in the form the register needs.
        Code::DateInvalid => match (issue.suggestion.is_some(), sv) {
            (true, true) => "”{value}” är inte skrivet som ÅÅÅÅ-MM-DD. Menar du {suggestion}?",
            (true, false) => "“{value}” is not written as YYYY-MM-DD. Do you mean {suggestion}?",
            (false, true) => "”{value}” är inget giltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2020-05-25.",
            (false, false) => "“{value}” is not a valid date. Write the date as YYYY-MM-DD, for example 2020-05-25.",
        },
        Code::DateInFuture if sv => "Datumet {value} har inte kommit än (i dag är det {today}).",
        Code::DateInFuture => "The date {value} has not come yet (today is {today}).",
        Code::DiaryNumberFormat if sv => "Diarienumret ”{value}” följer inte {council_genitive} format, till exempel {formats_or}.",
        Code::DiaryNumberFormat => "The diary number “{value}” is not in the format of {council}, for example {formats_or}.",
        Code::DiaryNumberYear if sv => "Året i diarienumret ({year}) har inte kommit än.",
        Code::DiaryNumberYear => "The year in the diary number ({year}) has not come yet.",
        Code::DiaryNumberYearMismatch if sv => {
            "Året i diarienumret ({year}) är inte året då motionen väcktes ({submittedYear}). Stämmer numret?"
        }
        Code::DiaryNumberYearMismatch => {
            "The year in the diary number ({year}) is not the year the motion was submitted ({submittedYear}). Is the number right?"
        }
        Code::AnswerOverdue if sv => {
            "Motionen väcktes {submittedOn} och borde ha behandlats senast {dueOn} (kommunallagen 5 kap. 35 §)."
        }
        Code::AnswerOverdue => {
            "The motion was submitted on {submittedOn} and should have been dealt with by {dueOn} (Local Government Act, chapter 5, section 35)."
        }
        // U+FFFD stands where text was damaged on the way (a lone UTF-16
        // surrogate from the browser, bad bytes from a copy and paste).
        Code::ForbiddenCharacters if issue.params.get("char").and_then(Value::as_str) == Some("U+FFFD") => {
            if sv {
                "{subj} innehåller tecknet � (tecken nr {index}), som betyder att texten har skadats, till exempel när den kopierades. Skriv om den delen."
            } else {
                "{subj} contains the character � (character {index}), which means the text was damaged, for example when it was copied. Retype that part."
            }
        }
        Code::ForbiddenCharacters if sv => {
            "{subj} innehåller ett osynligt tecken eller styrtecken som inte är tillåtet ({char}, tecken nr {index}). Ta bort det."
        }
        Code::ForbiddenCharacters => {
            "{subj} contains an invisible or control character that is not allowed ({char}, character {index}). Remove it."
        }
        Code::MarkupNotAllowed if sv => "{subj} innehåller HTML-kod ({tag}). Skriv vanlig text utan taggar.",
        Code::MarkupNotAllowed => "{subj} contains HTML code ({tag}). Write plain text without tags.",
        Code::AllCaps if sv => {
            "{subj} är till största delen skriven med versaler. Använd stor bokstav bara där den behövs."
        }
        Code::AllCaps => "{subj} is written mostly in capital letters. Use capitals only where needed.",
        Code::UnknownField => match (has_signatory, sv) {
            (true, true) => "Fältet ”{field}” hos undertecknare {n} känns inte igen och sparas inte.",
            (true, false) => "The field “{field}” of signatory {n} is not recognized and will not be saved.",
            (false, true) => "Fältet ”{field}” känns inte igen och sparas inte.",
            (false, false) => "The field “{field}” is not recognized and will not be saved.",
        },
        Code::InputTooLarge if sv => "Motionen är för stor: högst {max} byte, nu {actual}.",
        Code::InputTooLarge => "The motion is too large: at most {max} bytes, now {actual}.",
        Code::InvalidJson if sv => "Motionen kunde inte läsas: den är inte giltig JSON (rad {line}, kolumn {column}).",
        Code::InvalidJson => "The motion could not be read: it is not valid JSON (line {line}, column {column}).",
        // The importer's codes have their own templates (`import_template`).
        Code::ImportUnrecognized | Code::ImportAmbiguous | Code::ImportNamesMissing => "",
    }
}

/// Templates of the codes only the text importer gives. Apart from
/// [`template`] so that the browser build carries them only once it
/// carries the importer (they are about 0.8 KB gzipped).
fn import_template(issue: &Issue, lang: Lang) -> &'static str {
    let sv = lang == Lang::Sv;
    match issue.code {
        Code::ImportUnrecognized => match (issue.params.contains_key("endLine"), sv) {
            (false, true) => "Rad {line} passade inte in i något fält och kom inte med: ”{text}”.",
            (false, false) => "Line {line} fits no field and was left out: “{text}”.",
            (true, true) => "Raderna {line}–{endLine} passade inte in i något fält och kom inte med (de börjar ”{text}”).",
            (true, false) => "Lines {line}–{endLine} fit no field and were left out (they begin “{text}”).",
        },
        Code::ImportAmbiguous => match (issue.params.get("kind").and_then(Value::as_str), sv) {
            (Some("title"), true) => "Rad {line} kan också vara titeln: ”{text}”. Kontrollera titeln.",
            (Some("title"), false) => "Line {line} could also be the title: “{text}”. Check the title.",
            (Some("party"), true) => "”{value}” på rad {line} är inget parti i {council} men står där partiet brukar stå. Kontrollera partiet för undertecknare {n}.",
            (Some("party"), false) => "“{value}” on line {line} is not a party in {council} but stands where the party usually does. Check the party of signatory {n}.",
            (Some("date"), true) => "Texten har flera datum: {value} på rad {line} användes inte. Kontrollera datumet.",
            (Some("date"), false) => "The text has more than one date: {value} on line {line} was not used. Check the date.",
            (Some("proposal"), true) => "Rad {line} börjar med ”att” efter en hel rad utan skiljetecken och lästes som fortsättningen på yrkande {n}. Är det ett eget yrkande?",
            (Some("proposal"), false) => "Line {line} begins with “att” after a full line without punctuation and was read as the rest of proposal {n}. Is it a proposal of its own?",
            (_, true) => "Ingen inledning till yrkandena (som ”yrkar vi att”) hittades, så listan från rad {line} lästes som yrkandena. Kontrollera dem.",
            (_, false) => "No lead-in to the proposals (such as “yrkar vi att”) was found, so the list from line {line} was read as the proposals. Check them.",
        },
        Code::ImportNamesMissing if sv => "”m.fl.” på rad {line}: alla undertecknare är inte namngivna. Lägg till dem som saknas.",
        Code::ImportNamesMissing => "“m.fl.” on line {line}: not all signatories are named. Add the missing ones.",
        _ => "",
    }
}

/// A param as text: numbers, strings, and lists joined with ", ".
fn param(issue: &Issue, key: &str, out: &mut String) {
    match issue.params.get(key) {
        Some(Value::Number(n)) => out.push_str(&n.as_u64().unwrap_or(0).to_string()),
        Some(Value::String(s)) => out.push_str(s),
        Some(Value::Array(a)) => {
            for (i, s) in a.iter().filter_map(Value::as_str).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(s);
            }
        }
        _ => {}
    }
}

/// What [`fill`] needs besides the template.
struct Vars<'a> {
    issue: &'a Issue,
    lang: Lang,
    council: &'a str,
    n: usize,
    key: &'a str,
    neuter: bool,
    subject: &'static str,
}

/// Replaces each `{name}` in a template; unknown names are params.
fn fill(template: &str, v: &Vars, out: &mut String) {
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let Some((name, after)) = after.split_once('}') else {
            out.push('{');
            rest = after;
            continue;
        };
        match name {
            "subj" => fill(v.subject, v, out),
            "n" => out.push_str(&v.n.to_string()),
            "key" => out.push_str(v.key),
            "t" if v.neuter => out.push('t'),
            "t" => {}
            "council" => out.push_str(v.council),
            // Swedish genitive: "Uppsala kommuns"; a name that ends in s,
            // x or z takes no extra s ("Borås format").
            "council_genitive" => {
                out.push_str(v.council);
                if !v.council.ends_with(['s', 'x', 'z']) {
                    out.push('s');
                }
            }
            "formats_or" => {
                let or = if v.lang == Lang::Sv {
                    " eller "
                } else {
                    " or "
                };
                let formats = v.issue.params.get("formats").and_then(Value::as_array);
                for (i, f) in formats
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .enumerate()
                {
                    if i > 0 {
                        out.push_str(or);
                    }
                    out.push_str(f);
                }
            }
            "suggestion" => out.push_str(v.issue.suggestion.as_deref().unwrap_or_default()),
            // 0-based indices in params, counted from 1 for people.
            "first" | "index" => {
                let i = v
                    .issue
                    .params
                    .get(name)
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                out.push_str(&(i + 1).to_string());
            }
            _ => param(v.issue, name, out),
        }
        rest = after;
    }
    out.push_str(rest);
}

/// The sentence for an issue in the given language.
pub(crate) fn message(issue: &Issue, lang: Lang, council: &str) -> String {
    let at = field(&issue.path);
    let template = template(issue.code, (at.0, at.1), issue, lang);
    render(issue, lang, council, template, at)
}

/// The sentence for an issue of the text importer (`import_*` codes).
pub(crate) fn import_message(issue: &Issue, lang: Lang, council: &str) -> String {
    let at = field(&issue.path);
    render(issue, lang, council, import_template(issue, lang), at)
}

fn render(
    issue: &Issue,
    lang: Lang,
    council: &str,
    template: &str,
    (f, n, key): (Field, usize, &str),
) -> String {
    let (subject, neuter) = subject(f, lang);
    let vars = Vars {
        issue,
        lang,
        council,
        n,
        key,
        neuter,
        subject,
    };
    let mut out = String::with_capacity(96);
    fill(template, &vars, &mut out);
    out
}
