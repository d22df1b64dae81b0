//! Step 3: what the walk found, put together as a typed
//! [`MotionDraft`] with the issues in line order.

use serde_json::Value;

use crate::report::{Code, Issue};
use crate::rules::proposals::starts_with_att;

use super::proposals::{self};
use super::signatures::{self};
use super::walk::{issue, key, Importer, Step, Style};
use super::{MotionDraft, ParsedMotion};
use crate::motion::Signatory;

impl Importer<'_> {
    pub(super) fn finish(mut self) -> ParsedMotion {
        self.flush_run(self.issues.len());
        let walked = std::mem::take(&mut self.issues);
        // Signatories: from the end of the text, else from the author line.
        if self.found.sigs.is_empty() {
            if let Some((authors, line)) = self.found.authors.take() {
                if let Some(sig) = signatures::sig_line(authors, self.profile) {
                    self.carry = false;
                    if let Step::Unplaced = self.signature_line(line.saturating_sub(1), &sig) {
                        self.unplaced(line.saturating_sub(1));
                    }
                }
                // "(båda c)" on the line under the authors.
                if let Some((party, line)) = self.found.authors_party.take() {
                    if let Some(sig) = signatures::sig_line(party, self.profile) {
                        self.signature_line(line.saturating_sub(1), &sig);
                    }
                }
            }
        }
        self.flush_run(self.issues.len());
        let authors = std::mem::take(&mut self.issues);
        let mut draft = MotionDraft {
            title: self.found.title.take().filter(|t| !t.is_empty()),
            body: Some(self.found.body.out.trim())
                .filter(|b| !b.is_empty())
                .map(str::to_owned),
            ..MotionDraft::default()
        };
        // Yrkanden: inline sequences split, att-satser made.
        let att = self.lead_in_att || self.profile.profile().require_att;
        let mut proposals = Vec::new();
        let mut first_of = Vec::with_capacity(self.found.items.len());
        // Where "samt att" / "och att" was read as a new att-sats: say so.
        let mut split_issues = Vec::new();
        for item in &self.found.items {
            first_of.push(proposals.len());
            let split = item.style != Style::List
                && (starts_with_att(&item.text)
                    || (self.lead_in_att && matches!(item.style, Style::Inline | Style::Plain)));
            let pieces = if split {
                proposals::split_inline_marked(&item.text)
            } else {
                vec![proposals::Piece {
                    text: item.text.as_str(),
                    at: 0,
                    joiner: None,
                }]
            };
            for piece in pieces {
                if proposals::trim_joiners(piece.text).is_empty() {
                    continue;
                }
                if let Some(joiner) = piece.joiner {
                    split_issues.push(
                        issue(
                            vec![key("proposals"), proposals.len().into()],
                            Code::ImportAmbiguous,
                            item.line_at(piece.at),
                        )
                        .param("kind", "proposal_split")
                        .param("joiner", joiner),
                    );
                }
                proposals.push(proposals::finish_item(piece.text, att));
            }
        }
        let mut item_issues = Vec::with_capacity(self.item_issues.len());
        for (at, mut iss) in std::mem::take(&mut self.item_issues) {
            let index = first_of.get(at).copied().unwrap_or(0);
            iss.path = vec![key("proposals"), index.into()];
            item_issues.push(iss);
        }
        // Both in line order (items are): merged, no sort.
        let item_issues = merge(item_issues, split_issues);
        draft.proposals = Some(proposals).filter(|p| !p.is_empty());
        let header = self.found.header.take();
        let signatories: Vec<Signatory> = self
            .found
            .sigs
            .iter()
            .map(|s| {
                let party = s.party.clone().or_else(|| {
                    header
                        .as_ref()
                        .filter(|(_, at)| *at < s.line)
                        .map(|(code, _)| code.clone())
                });
                Signatory {
                    name: s.name.clone(),
                    party: party.unwrap_or_default(),
                }
            })
            .collect();
        draft.signatories = Some(signatories).filter(|s| !s.is_empty());
        // The date near the signatures; any other date is worth a look.
        let chosen = self
            .found
            .dates
            .iter()
            .rev()
            .find(|d| d.2)
            .or_else(|| self.found.dates.first())
            .copied();
        if let Some((date, _, _)) = chosen {
            draft.submitted_on = Some(date.to_string());
            for &(other, line, _) in &self.found.dates {
                if other != date {
                    self.issues.push(
                        issue(vec![key("submittedOn")], Code::ImportAmbiguous, line)
                            .param("kind", "date")
                            .param("value", other.to_string()),
                    );
                }
            }
        }
        draft.diary_number = self.found.diary.take();
        // Each group is in line order already: merge them, no sort.
        let issues = merge(merge(walked, authors), merge(item_issues, self.issues));
        ParsedMotion {
            motion: draft.to_value(),
            draft,
            issues,
        }
    }
}

pub(super) fn line_of(issue: &Issue) -> u64 {
    issue
        .params
        .get("line")
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

/// Two lists of issues in line order, merged into one (the first list's
/// issues first among equal lines).
pub(super) fn merge(a: Vec<Issue>, b: Vec<Issue>) -> Vec<Issue> {
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for x in a {
        while let Some(y) = b.next_if(|y| line_of(y) < line_of(&x)) {
            out.push(y);
        }
        out.push(x);
    }
    out.extend(b);
    out
}
