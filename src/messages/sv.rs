//! Svenska: the messages for a councillor filling in the form.

use serde_json::Value;

use super::Subject;
use crate::report::{Code, Issue};

/// The field as the subject of a sentence, and whether its noun is neuter
/// (for "lång"/"långt").
pub(super) fn subject(s: Subject) -> (&'static str, bool) {
    match s {
        Subject::Motion => ("Motionen", false),
        Subject::Title => ("Titeln", false),
        Subject::Body => ("Bakgrunden", false),
        Subject::Proposals => ("Listan med yrkanden", false),
        Subject::Proposal => ("Yrkande {n}", true),
        Subject::Signatories => ("Listan med undertecknare", false),
        Subject::Signatory => ("Undertecknare {n}", false),
        Subject::Name => ("Namnet på undertecknare {n}", true),
        Subject::Party => ("Partiet för undertecknare {n}", true),
        Subject::SubmittedOn => ("Datumet", true),
        Subject::DiaryNumber => ("Diarienumret", true),
        Subject::Other => ("Fältet ”{key}”", true),
    }
}

/// The template for an issue; `{subj}` is [`subject`], other placeholders
/// are params or what [`super::fill`] knows.
pub(super) fn template(code: Code, (f, n): (Subject, usize), issue: &Issue) -> &'static str {
    let expected = issue.params.get("expected").and_then(Value::as_str);
    // An unknown key inside a signatory names the signatory.
    let has_signatory = f == Subject::Other && n > 0;
    match code {
        Code::Required => match f {
            Subject::Motion => "Motionen saknas.",
            Subject::Title => "Skriv en titel.",
            Subject::Body => "Skriv en bakgrund till motionen.",
            Subject::Proposals => "Lägg till minst ett yrkande.",
            Subject::Proposal => "Yrkande {n} är tomt. Skriv yrkandet eller ta bort det.",
            Subject::Signatories => "Lägg till minst en undertecknare.",
            Subject::Signatory => "Undertecknare {n} saknas.",
            Subject::Name => "Skriv namnet på undertecknare {n}.",
            Subject::Party => "Välj parti för undertecknare {n}.",
            Subject::SubmittedOn => "Ange datum då motionen väcktes.",
            Subject::DiaryNumber => "Ange diarienummer. Det krävs när motionen registreras.",
            Subject::Other => "{subj} saknas.",
        },
        Code::InvalidType => match (f, expected) {
            (Subject::Motion, _) => "Motionen har fel form: den ska vara ett JSON-objekt med titel, bakgrund, yrkanden, undertecknare och datum.",
            (Subject::Proposals, _) => "Yrkandena ska anges som en lista.",
            (Subject::Signatories, _) => "Undertecknarna ska anges som en lista.",
            (_, Some("array")) => "{subj} har fel form: det ska vara en lista.",
            (_, Some("object")) => "{subj} har fel form: det ska vara ett objekt med namn och parti.",
            _ => "{subj} har fel form: det ska vara en text.",
        },
        Code::TooShort => "{subj} är för kort: minst {min} tecken, nu {actual}.",
        Code::TooLong => "{subj} är för lång{t}: högst {max} tecken, nu {actual}.",
        Code::TooMany => match f {
            Subject::Signatories => "För många undertecknare: högst {max}, nu {actual}.",
            _ => "För många yrkanden: högst {max}, nu {actual}.",
        },
        Code::ProposalMissingAtt => "Yrkandet ska börja med ”att”.",
        Code::Duplicate => match f {
            Subject::Name => "Undertecknare {n} står redan med som undertecknare {first}.",
            _ => "{subj} är likadant som yrkande {first}.",
        },
        Code::NameIncomplete => "{subj} ska ha både förnamn och efternamn.",
        Code::NameInvalidChars => {
            "{subj} innehåller ”{char}”. Ett namn får bara ha bokstäver, mellanslag, bindestreck, apostrof och punkt."
        }
        Code::PartyUnknown => "”{value}” är inget parti i {council}. Välj ett av: {allowed} (- betyder partilös).",
        // A real date written another way ("25 maj 2020") is a date, just
        // not in the form the register needs.
        Code::DateInvalid if issue.suggestion.is_some() => {
            "”{value}” är inte skrivet som ÅÅÅÅ-MM-DD. Menar du {suggestion}?"
        }
        Code::DateInvalid => {
            "”{value}” är inget giltigt datum. Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2020-05-25."
        }
        Code::DateInFuture => "Datumet {value} har inte kommit än (i dag är det {today}).",
        Code::DateTooEarly => {
            "Datumet {value} är för tidigt: motioner till {council} kan inte vara väckta före {earliest}."
        }
        Code::DiaryNumberFormat => {
            "Diarienumret ”{value}” följer inte {council_genitive} format, till exempel {formats_or}."
        }
        Code::DiaryNumberYear => "Året i diarienumret ({year}) har inte kommit än.",
        Code::DiaryNumberYearMismatch => {
            "Året i diarienumret ({year}) är inte året då motionen väcktes ({submittedYear}). Stämmer numret?"
        }
        Code::AnswerOverdue => {
            "Motionen väcktes {submittedOn} och borde ha behandlats senast {dueOn} (kommunallagen 5 kap. 35 §)."
        }
        // U+FFFD stands where text was damaged on the way (a lone UTF-16
        // surrogate from the browser, bad bytes from a copy and paste).
        Code::ForbiddenCharacters if super::is_damaged(issue) => {
            "{subj} innehåller tecknet � (tecken nr {index}), som betyder att texten har skadats, till exempel när den kopierades. Skriv om den delen."
        }
        Code::ForbiddenCharacters => {
            "{subj} innehåller ett osynligt tecken eller styrtecken som inte är tillåtet ({char}, tecken nr {index}). Ta bort det."
        }
        Code::MarkupNotAllowed => "{subj} innehåller HTML-kod ({tag}). Skriv vanlig text utan taggar.",
        Code::AllCaps => {
            "{subj} är till största delen skriven med versaler. Använd stor bokstav bara där den behövs."
        }
        Code::UnknownField if has_signatory => {
            "Fältet ”{field}” hos undertecknare {n} känns inte igen och sparas inte."
        }
        Code::UnknownField => "Fältet ”{field}” känns inte igen och sparas inte.",
        Code::DuplicateKey => "Fältet ”{field}” finns två gånger. Ta bort det ena.",
        Code::InputTooLarge => "Motionen är för stor: högst {max} byte, nu {actual}.",
        Code::InvalidJson => {
            "Motionen kunde inte läsas: den är inte giltig JSON (rad {line}, kolumn {column})."
        }
        Code::IssuesTruncated => {
            "Ytterligare {omitted} problem visas inte (högst {max} visas). Rätta dem som visas och kontrollera igen."
        }
        // The importer's codes have their own templates (`import_template`).
        Code::ImportUnrecognized | Code::ImportAmbiguous | Code::ImportNamesMissing => "",
    }
}

/// Templates of the codes only the text importer gives (kept apart so the
/// validator module does not carry them).
pub(super) fn import_template(issue: &Issue) -> &'static str {
    match issue.code {
        Code::ImportUnrecognized if issue.params.contains_key("endLine") => {
            "Raderna {line}–{endLine} passade inte in i något fält och kom inte med (de börjar ”{text}”)."
        }
        Code::ImportUnrecognized => "Rad {line} passade inte in i något fält och kom inte med: ”{text}”.",
        Code::ImportAmbiguous => match issue.params.get("kind").and_then(Value::as_str) {
            Some("title") => "Rad {line} kan också vara titeln: ”{text}”. Kontrollera titeln.",
            Some("party") => "”{value}” på rad {line} är inget parti i {council} men står där partiet brukar stå. Kontrollera partiet för undertecknare {n}.",
            Some("date") => "Texten har flera datum: {value} på rad {line} användes inte. Kontrollera datumet.",
            Some("proposal_split") => "Rad {line}: ”{joiner}” lästes som början på ett nytt yrkande (yrkande {n}). Hör det till yrkandet före, slå ihop dem.",
            Some("proposal") => "Rad {line} börjar med ”att” efter en hel rad utan skiljetecken och lästes som fortsättningen på yrkande {n}. Är det ett eget yrkande?",
            _ => "Ingen inledning till yrkandena (som ”yrkar vi att”) hittades, så listan från rad {line} lästes som yrkandena. Kontrollera dem.",
        },
        Code::ImportNamesMissing => "”m.fl.” på rad {line}: alla undertecknare är inte namngivna. Lägg till dem som saknas.",
        // A paste, not a motion's JSON: its own words (and the importer
        // module does not carry the validator's templates).
        Code::InputTooLarge => "Texten är för lång för att läsas in: högst {max} byte, nu {actual}.",
        _ => "",
    }
}
