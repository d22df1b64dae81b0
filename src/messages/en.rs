//! English: the same messages, for portals and councillors who want them.

use serde_json::Value;

use super::Subject;
use crate::report::{Code, Issue};

/// The field as the subject of a sentence.
pub(super) fn subject(s: Subject) -> (&'static str, bool) {
    let text = match s {
        Subject::Motion => "The motion",
        Subject::Title => "The title",
        Subject::Body => "The background text",
        Subject::Proposals => "The list of proposals",
        Subject::Proposal => "Proposal {n}",
        Subject::Signatories => "The list of signatories",
        Subject::Signatory => "Signatory {n}",
        Subject::Name => "The name of signatory {n}",
        Subject::Party => "The party of signatory {n}",
        Subject::SubmittedOn => "The date",
        Subject::DiaryNumber => "The diary number",
        Subject::Other => "The field “{key}”",
    };
    // The flag picks Swedish "lång"/"långt"; English needs none.
    (text, false)
}

/// The template for an issue (see `sv::template`).
pub(super) fn template(code: Code, (f, n): (Subject, usize), issue: &Issue) -> &'static str {
    let expected = issue.params.get("expected").and_then(Value::as_str);
    let has_signatory = f == Subject::Other && n > 0;
    match code {
        Code::Required => match f {
            Subject::Motion => "The motion is missing.",
            Subject::Title => "Enter a title.",
            Subject::Body => "Enter the background text of the motion.",
            Subject::Proposals => "Add at least one proposal.",
            Subject::Proposal => "Proposal {n} is empty. Write the proposal or remove it.",
            Subject::Signatories => "Add at least one signatory.",
            Subject::Signatory => "Signatory {n} is missing.",
            Subject::Name => "Enter the name of signatory {n}.",
            Subject::Party => "Choose the party of signatory {n}.",
            Subject::SubmittedOn => "Enter the date the motion was submitted.",
            Subject::DiaryNumber => {
                "Enter the diary number. It is required when the motion is registered."
            }
            Subject::Other => "{subj} is missing.",
        },
        Code::InvalidType => match (f, expected) {
            (Subject::Motion, _) => "The motion has the wrong form: it should be a JSON object with a title, background text, proposals, signatories and a date.",
            (Subject::Proposals, _) => "The proposals must be given as a list.",
            (Subject::Signatories, _) => "The signatories must be given as a list.",
            (_, Some("array")) => "{subj} has the wrong form: it should be a list.",
            (_, Some("object")) => "{subj} has the wrong form: it should be an object with name and party.",
            _ => "{subj} has the wrong form: it should be text.",
        },
        Code::TooShort => "{subj} is too short: at least {min} characters, now {actual}.",
        Code::TooLong => "{subj} is too long: at most {max} characters, now {actual}.",
        Code::TooMany => match f {
            Subject::Signatories => "Too many signatories: at most {max}, now {actual}.",
            _ => "Too many proposals: at most {max}, now {actual}.",
        },
        Code::ProposalMissingAtt => "The proposal must begin with “att” (an att-sats).",
        Code::Duplicate => match f {
            Subject::Name => "Signatory {n} is already listed as signatory {first}.",
            _ => "{subj} is the same as proposal {first}.",
        },
        Code::NameIncomplete => "{subj} needs both a first and a last name.",
        Code::NameInvalidChars => {
            "{subj} contains “{char}”. A name may only have letters, spaces, hyphens, apostrophes and periods."
        }
        Code::PartyUnknown => "“{value}” is not a party in {council}. Choose one of: {allowed} (- means independent).",
        Code::DateInvalid if issue.suggestion.is_some() => {
            "“{value}” is not written as YYYY-MM-DD. Do you mean {suggestion}?"
        }
        Code::DateInvalid => {
            "“{value}” is not a valid date. Write the date as YYYY-MM-DD, for example 2020-05-25."
        }
        Code::DateInFuture => "The date {value} has not come yet (today is {today}).",
        Code::DateTooEarly => {
            "The date {value} is too early: motions to {council} cannot have been submitted before {earliest}."
        }
        Code::DiaryNumberFormat => {
            "The diary number “{value}” is not in the format of {council}, for example {formats_or}."
        }
        Code::DiaryNumberYear => "The year in the diary number ({year}) has not come yet.",
        Code::DiaryNumberYearMismatch => {
            "The year in the diary number ({year}) is not the year the motion was submitted ({submittedYear}). Is the number right?"
        }
        Code::AnswerOverdue => {
            "The motion was submitted on {submittedOn} and should have been dealt with by {dueOn} (Local Government Act, chapter 5, section 35)."
        }
        Code::ForbiddenCharacters if super::is_damaged(issue) => {
            "{subj} contains the character � (character {index}), which means the text was damaged, for example when it was copied. Retype that part."
        }
        Code::ForbiddenCharacters => {
            "{subj} contains an invisible or control character that is not allowed ({char}, character {index}). Remove it."
        }
        Code::MarkupNotAllowed => "{subj} contains HTML code ({tag}). Write plain text without tags.",
        Code::AllCaps => {
            "{subj} is written mostly in capital letters. Use capitals only where needed."
        }
        Code::UnknownField if has_signatory => {
            "The field “{field}” of signatory {n} is not recognized and will not be saved."
        }
        Code::UnknownField => "The field “{field}” is not recognized and will not be saved.",
        Code::DuplicateKey => "The field “{field}” appears twice. Remove one of them.",
        Code::InputTooLarge => "The motion is too large: at most {max} bytes, now {actual}.",
        Code::InvalidJson => {
            "The motion could not be read: it is not valid JSON (line {line}, column {column})."
        }
        Code::IssuesTruncated => {
            "{omitted} more problems are not shown (at most {max} are shown). Fix those shown and check again."
        }
        Code::ImportUnrecognized | Code::ImportAmbiguous | Code::ImportNamesMissing => "",
    }
}

/// Templates of the importer's codes (see `sv::import_template`).
pub(super) fn import_template(issue: &Issue) -> &'static str {
    match issue.code {
        Code::ImportUnrecognized if issue.params.contains_key("endLine") => {
            "Lines {line}–{endLine} fit no field and were left out (they begin “{text}”)."
        }
        Code::ImportUnrecognized => "Line {line} fits no field and was left out: “{text}”.",
        Code::ImportAmbiguous => match issue.params.get("kind").and_then(Value::as_str) {
            Some("title") => "Line {line} could also be the title: “{text}”. Check the title.",
            Some("party") => "“{value}” on line {line} is not a party in {council} but stands where the party usually does. Check the party of signatory {n}.",
            Some("date") => "The text has more than one date: {value} on line {line} was not used. Check the date.",
            Some("proposal_split") => "Line {line}: “{joiner}” was read as the start of a new proposal (proposal {n}). If it belongs to the proposal before, join them.",
            Some("proposal") => "Line {line} begins with “att” after a full line without punctuation and was read as the rest of proposal {n}. Is it a proposal of its own?",
            _ => "No lead-in to the proposals (such as “yrkar vi att”) was found, so the list from line {line} was read as the proposals. Check them.",
        },
        Code::ImportNamesMissing => "“m.fl.” on line {line}: not all signatories are named. Add the missing ones.",
        Code::InputTooLarge => "The text is too long to read in: at most {max} bytes, now {actual}.",
        _ => "",
    }
}
