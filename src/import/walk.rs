//! Step 2: one forward walk over the lines, phase by phase (title and
//! body, yrkanden, signatures), placing each line or reporting it.

use crate::date::Date;
use crate::profile::CompiledProfile;
use crate::report::{Code, Issue, Path, PathSegment};

use super::body::Body;
use super::dates;
use super::lines::{classify, is_header, mark_repeated_headers, Kind, Line};
use super::proposals::{self};
use super::signatures::{self, SigLine, Tok};
use super::text::{self, ends_sentence, is_one_of, join_line, starts_lowercase, starts_uppercase};
use super::title::MotionLine;
use super::ParsedMotion;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    List,
    Att,
    Plain,
    Inline,
}

pub(super) struct Item {
    pub(super) text: String,
    pub(super) style: Style,
    /// Characters in the last line added, to tell a wrapped line from a
    /// short one.
    pub(super) last_chars: usize,
    /// Where each of its lines begins in `text`, and the line's number.
    pub(super) lines: Vec<(usize, usize)>,
}

impl Item {
    /// The number of the line the byte at `at` of the text came from.
    pub(super) fn line_at(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|&(start, _)| start <= at);
        self.lines
            .get(i.saturating_sub(1))
            .map_or(0, |&(_, line)| line)
    }
}

/// What [`Importer::items_line`] needs to know of the open item.
pub(super) struct Current {
    pub(super) style: Style,
    pub(super) last_chars: usize,
    /// It ends in ".", ",", ";", "samt" or "och".
    pub(super) ended: bool,
    pub(super) sentence_end: bool,
}

pub(super) struct Sig {
    pub(super) name: String,
    pub(super) party: Option<String>,
    pub(super) line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    Body,
    Items,
    After,
}

/// What a phase did with a line.
pub(super) enum Step {
    Placed,
    Unplaced,
    /// Go to another phase and look at the line again there.
    Switch(Phase),
    /// The line is placed; the next ones belong to another phase.
    PlacedThen(Phase),
}

/// The walk over a text: the lines, where it is, and what it has found.
pub(super) struct Importer<'a> {
    pub(super) profile: &'a CompiledProfile,
    pub(super) lines: Vec<Line<'a>>,
    /// The next line with content after each line (`lines.len()` if none).
    pub(super) next: Vec<usize>,
    /// The longest line, in characters: the width a PDF wrapped at.
    pub(super) wrap: usize,
    pub(super) lead_in_at: Option<usize>,
    pub(super) implicit_items_at: Option<(usize, bool)>,
    pub(super) blank_before: bool,
    pub(super) body_after: bool,
    pub(super) items_open: bool,
    pub(super) lead_in_att: bool,
    /// The signature whose party is still open, and whether a name goes
    /// on on the next line.
    pub(super) open: usize,
    pub(super) carry: bool,
    pub(super) fragment: Option<&'a str>,
    /// What has been read so far, for [`Importer::finish`].
    pub(super) found: Found<'a>,
    pub(super) issues: Vec<Issue>,
    /// `import_ambiguous` issues about items, by item index (fixed up when
    /// inline sequences are split).
    pub(super) item_issues: Vec<(usize, Issue)>,
    /// A run of lines that could not be placed: first, last, the first's text.
    pub(super) run: Option<(usize, usize, &'a str)>,
    /// How many times a phase looked at a line (tests: at most 3 per line).
    pub(super) visits: usize,
    /// The number of the line being looked at (1-based).
    pub(super) at_line: usize,
}

/// What the walk has read, field by field, before it is assembled.
#[derive(Default)]
pub(super) struct Found<'a> {
    pub(super) title: Option<String>,
    pub(super) body: Body,
    pub(super) items: Vec<Item>,
    pub(super) sigs: Vec<Sig>,
    /// A party given once above the signatures ("Socialdemokraterna"), and its line.
    pub(super) header: Option<(String, usize)>,
    /// "av Anna Ek m.fl. (S)" under a Riksdag heading, and its line.
    pub(super) authors: Option<(&'a str, usize)>,
    /// A line with only the authors' party under the author line, as in
    /// the Riksdag's "av Anna Ek och Per Ek" / "(båda c)".
    pub(super) authors_party: Option<(&'a str, usize)>,
    /// Each date, its line, and whether it stood near the signatures.
    pub(super) dates: Vec<(Date, usize, bool)>,
    pub(super) diary: Option<String>,
}

pub(super) fn issue(path: Path, code: Code, line: usize) -> Issue {
    Issue::new(path, code).param("line", line)
}

pub(super) fn key(k: &str) -> PathSegment {
    PathSegment::Key(k.to_owned())
}

impl<'a> Importer<'a> {
    pub(super) fn new(text: &'a str, profile: &'a CompiledProfile) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines: Vec<Line<'a>> = text
            .split('\n')
            .map(|l| {
                let t = l.trim();
                Line {
                    text: t,
                    kind: classify(t, profile),
                }
            })
            .collect();
        mark_repeated_headers(&mut lines, profile);
        let mut next = vec![lines.len(); lines.len()];
        let mut after = lines.len();
        for (i, l) in lines.iter().enumerate().rev() {
            if let Some(n) = next.get_mut(i) {
                *n = after;
            }
            if !matches!(l.kind, Kind::Blank | Kind::Noise) {
                after = i;
            }
        }
        let wrap = lines
            .iter()
            .map(|l| l.text.chars().count())
            .max()
            .unwrap_or(0);
        Importer {
            profile,
            lines,
            next,
            wrap,
            lead_in_at: None,
            implicit_items_at: None,
            blank_before: false,
            body_after: false,
            items_open: false,
            lead_in_att: false,
            item_issues: Vec::new(),
            open: 0,
            carry: false,
            fragment: None,
            found: Found::default(),
            issues: Vec::new(),
            run: None,
            visits: 0,
            at_line: 0,
        }
    }

    pub(super) fn kind(&self, i: usize) -> &Kind<'a> {
        self.lines.get(i).map_or(&Kind::Blank, |l| &l.kind)
    }

    pub(super) fn text(&self, i: usize) -> &'a str {
        self.lines.get(i).map_or("", |l| l.text)
    }

    pub(super) fn run(mut self) -> ParsedMotion {
        self.walk();
        self.finish()
    }

    /// Every line once, through the phases.
    pub(super) fn walk(&mut self) {
        let start = self.title_stage();
        self.find_items(start);
        let mut phase = Phase::Body;
        let mut i = start;
        while i < self.lines.len() {
            match self.kind(i) {
                Kind::Blank => {
                    self.blank_before = true;
                    if phase != Phase::Items {
                        self.found.body.paragraph_break();
                    }
                    i += 1;
                    continue;
                }
                Kind::Noise => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            self.visits += 1;
            self.at_line = i + 1;
            let mark = self.issues.len();
            let step = match phase {
                Phase::Body => self.body_line(i),
                Phase::Items => self.items_line(i),
                Phase::After => self.after_line(i),
            };
            match step {
                Step::PlacedThen(p) => {
                    phase = p;
                    self.flush_run(mark);
                }
                Step::Switch(p) => {
                    if p != Phase::Items {
                        self.items_open = false;
                    }
                    phase = p;
                    // Each switch moves forward (Body → Items → After), so
                    // a line is looked at most three times.
                    continue;
                }
                Step::Placed => self.flush_run(mark),
                Step::Unplaced => self.unplaced(i),
            }
            self.blank_before = false;
            i += 1;
        }
    }

    // --- title ------------------------------------------------------------

    /// Finds the title; returns the line where the background starts.
    pub(super) fn title_stage(&mut self) -> usize {
        let n = self.lines.len();
        let marked =
            (0..n).find(|&i| matches!(self.kind(i), Kind::Motion(MotionLine::Title { .. })));
        let mut i = 0;
        if let Some(m) = marked {
            // The lines right above the title may be its heading, date and
            // diary number; anything before those is not part of the motion.
            let mut h = m;
            while h > 0 && is_header(self.kind(h - 1)) {
                h -= 1;
            }
            for k in 0..h {
                if !matches!(self.kind(k), Kind::Blank | Kind::Noise) {
                    self.unplaced(k);
                }
            }
            self.flush_run(self.issues.len());
            for k in h..m {
                self.header_line(k);
            }
            i = m;
        } else {
            while i < n && (is_header(self.kind(i)) || self.authors_party_line(i)) {
                self.header_line(i);
                i += 1;
            }
        }
        let (title, marked) = match *self.kind(i) {
            Kind::Motion(MotionLine::Title { title, authors }) => {
                if let Some(a) = authors {
                    self.found.authors = Some((a, i + 1));
                }
                (title, true)
            }
            // A long sentence is the background, not a title.
            Kind::Text if !(self.text(i).ends_with('.') && self.text(i).chars().count() > 120) => {
                (self.text(i), false)
            }
            _ => return i,
        };
        let mut title = title.to_owned();
        i += 1;
        // A title broken over lines (two or three at most) goes on in small
        // letters.
        let last = i + 2;
        while i < last
            && i < n
            && *self.kind(i) == Kind::Text
            && starts_lowercase(self.text(i))
            && !ends_sentence(&title)
        {
            join_line(&mut title, self.text(i));
            i += 1;
        }
        // A second short line right under an unmarked title could be the
        // title as well (or a subtitle): say so.
        if !marked
            && *self.kind(i) == Kind::Text
            && starts_uppercase(self.text(i))
            && self.text(i).chars().count() <= 120
            && !ends_sentence(self.text(i))
            && matches!(self.kind(i + 1), Kind::Blank)
        {
            self.issues.push(
                issue(vec![key("title")], Code::ImportAmbiguous, i + 1)
                    .param("kind", "title")
                    .param("text", text::excerpt(self.text(i))),
            );
        }
        self.found.title = Some(title);
        i
    }

    /// A line above the title: a heading, a date, a diary number, authors.
    pub(super) fn header_line(&mut self, k: usize) {
        match *self.kind(k) {
            Kind::Date(d) => self.found.dates.push((d, k + 1, false)),
            Kind::Diary(d) => self.found.diary = dates::diary_line(d, self.profile),
            Kind::Motion(MotionLine::Heading { last_word }) => {
                if let Some(d) = dates::diary_line(last_word, self.profile) {
                    self.found.diary = Some(d);
                }
            }
            Kind::Motion(MotionLine::Designation { number, authors }) => {
                if let Some(d) = dates::diary_line(number, self.profile) {
                    self.found.diary = Some(d);
                }
                if let Some(a) = authors {
                    self.found.authors = Some((a, k + 1));
                }
            }
            Kind::Author(a) => self.found.authors = Some((a, k + 1)),
            Kind::Text if self.authors_party_line(k) => {
                self.found.authors_party = Some((self.text(k), k + 1));
            }
            _ => {}
        }
    }

    /// Whether the line gives only the party of the author line right
    /// above it: "(båda c)" under "av Anna Ek och Per Ek".
    pub(super) fn authors_party_line(&self, k: usize) -> bool {
        k > 0
            && matches!(self.kind(k - 1), Kind::Author(_))
            && *self.kind(k) == Kind::Text
            && self.sig(k).is_some_and(|s| {
                !s.toks.is_empty() && s.toks.iter().all(|t| matches!(t, Tok::Party { .. }))
            })
    }

    /// Where the yrkanden start: at the first lead-in, or without one at
    /// the first paragraph of att-satser, or at the last list before the
    /// signatures (that one with a warning: a list in the background text
    /// reads the same).
    pub(super) fn find_items(&mut self, start: usize) {
        let n = self.lines.len();
        self.lead_in_at = (start..n).find(|&i| matches!(self.kind(i), Kind::LeadIn(_)));
        if self.lead_in_at.is_some() {
            return;
        }
        let mut prev_blank = true;
        for i in start..n {
            match self.kind(i) {
                Kind::Blank => prev_blank = true,
                Kind::Noise => {}
                Kind::Att if prev_blank && self.text(i).starts_with("att") => {
                    self.implicit_items_at = Some((i, false));
                    return;
                }
                _ => prev_blank = false,
            }
        }
        // The last list, after which come only signatures, dates and the like.
        let mut cand = None;
        let mut in_list = false;
        let mut tail_seen = false;
        prev_blank = true;
        for i in start..n {
            match self.kind(i) {
                Kind::Blank => {
                    prev_blank = true;
                    continue;
                }
                Kind::Noise => continue,
                Kind::Item(..) => {
                    if cand.is_none() || tail_seen {
                        cand = Some(i);
                    }
                    in_list = true;
                    tail_seen = false;
                }
                Kind::Text | Kind::Att if in_list && !prev_blank => {}
                Kind::Date(_) | Kind::Closing | Kind::Diary(_) => {
                    in_list = false;
                    tail_seen = true;
                }
                Kind::Text
                    if self.sig(i).is_some()
                        || signatures::is_role(self.text(i))
                        || signatures::is_contact(self.text(i)) =>
                {
                    in_list = false;
                    tail_seen = true;
                }
                _ => {
                    cand = None;
                    in_list = false;
                    tail_seen = false;
                }
            }
            prev_blank = false;
        }
        self.implicit_items_at = cand.map(|f| (f, true));
    }

    // --- background -------------------------------------------------------

    pub(super) fn body_line(&mut self, i: usize) -> Step {
        let t = self.text(i);
        if Some(i) == self.implicit_items_at.map(|(at, _)| at) {
            if let Some((_, true)) = self.implicit_items_at {
                self.issues.push(
                    issue(vec![key("proposals")], Code::ImportAmbiguous, i + 1)
                        .param("kind", "list")
                        .param("text", text::excerpt(t)),
                );
            }
            return Step::Switch(Phase::Items);
        }
        let no_items_ahead = self.lead_in_at.is_none() && self.implicit_items_at.is_none();
        match *self.kind(i) {
            Kind::LeadIn(li) if Some(i) == self.lead_in_at => {
                if !li.before.is_empty() {
                    self.found.body.add_line(li.before);
                }
                if li.mid_sentence && !self.blank_before {
                    self.found.body.cut_sentence();
                }
                self.lead_in_att = li.att;
                if !li.rest.is_empty() {
                    self.new_item(li.rest, Style::Inline);
                }
                self.items_open = true;
                return Step::PlacedThen(Phase::Items);
            }
            Kind::Motion(MotionLine::Title { .. }) => {
                self.issues.push(
                    issue(vec![key("title")], Code::ImportAmbiguous, i + 1)
                        .param("kind", "title")
                        .param("text", text::excerpt(t)),
                );
                self.found.body.add_line(t);
            }
            Kind::Date(d) if self.found.body.is_empty() => self.found.dates.push((d, i + 1, false)),
            Kind::Diary(d) if self.found.body.is_empty() => {
                self.found.diary = dates::diary_line(d, self.profile)
            }
            Kind::BodyHeading
            | Kind::Motion(MotionLine::Heading { .. } | MotionLine::Designation { .. })
                if self.found.body.is_empty() => {}
            Kind::Item(..) => self.found.body.add_list_line(t),
            Kind::Closing | Kind::Date(_) if no_items_ahead => return Step::Switch(Phase::After),
            Kind::Text
                if no_items_ahead
                    && self.blank_before
                    && self.sig(i).is_some_and(|s| s.has_party()) =>
            {
                return Step::Switch(Phase::After)
            }
            _ => self.found.body.add_line(t),
        }
        Step::Placed
    }

    // --- yrkanden ---------------------------------------------------------

    pub(super) fn new_item(&mut self, text: &str, style: Style) {
        self.found.items.push(Item {
            text: text.to_owned(),
            style,
            last_chars: text.chars().count(),
            lines: vec![(0, self.at_line)],
        });
        self.items_open = true;
    }

    pub(super) fn continue_item(&mut self, text: &str) {
        if let Some(item) = self.found.items.last_mut() {
            item.lines.push((item.text.len(), self.at_line));
            join_line(&mut item.text, text);
            item.last_chars = text.chars().count();
        }
    }

    pub(super) fn items_line(&mut self, i: usize) -> Step {
        let t = self.text(i);
        let blank = self.blank_before;
        let current = self
            .found
            .items
            .last()
            .filter(|_| self.items_open)
            .map(|c| Current {
                style: c.style,
                last_chars: c.last_chars,
                // Only the end of the item: it can be long.
                ended: c.text.ends_with(['.', ',', ';'])
                    || c.text
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| is_one_of(w, &["samt", "och"])),
                sentence_end: ends_sentence(&c.text),
            });
        match *self.kind(i) {
            Kind::Item(_, rest) => {
                self.new_item(rest, Style::List);
                Step::Placed
            }
            Kind::LeadIn(li) if self.found.items.is_empty() => {
                self.lead_in_att |= li.att;
                if !li.rest.is_empty() {
                    self.new_item(li.rest, Style::Inline);
                }
                Step::Placed
            }
            _ if self.found.items.is_empty() && proposals::lead_in_tail(t).is_some() => {
                self.lead_in_att |= proposals::lead_in_tail(t) == Some(true);
                Step::Placed
            }
            Kind::Att => {
                let Some(cur) = current else {
                    self.new_item(t, Style::Att);
                    return Step::Placed;
                };
                if blank || cur.ended {
                    self.new_item(t, Style::Att);
                } else if cur.style == Style::List {
                    self.continue_item(t);
                } else if cur.last_chars < 40 || cur.last_chars * 4 < self.wrap * 3 {
                    self.new_item(t, Style::Att);
                } else {
                    // A full line with no punctuation, then "att ...": the
                    // same att-sats wrapped, or the next one?
                    let at = self.found.items.len().saturating_sub(1);
                    self.item_issues.push((
                        at,
                        issue(Vec::new(), Code::ImportAmbiguous, i + 1)
                            .param("kind", "proposal")
                            .param("text", text::excerpt(t)),
                    ));
                    self.continue_item(t);
                }
                Step::Placed
            }
            Kind::Date(_) | Kind::Closing | Kind::Diary(_) | Kind::BodyHeading => {
                Step::Switch(Phase::After)
            }
            _ => {
                if self.starts_signatures(i, blank) {
                    return Step::Switch(Phase::After);
                }
                match current {
                    None => self.new_item(t, Style::Plain),
                    Some(_) if !blank => self.continue_item(t),
                    Some(cur) if starts_lowercase(t) && !cur.sentence_end => self.continue_item(t),
                    Some(cur) if cur.style == Style::Plain => self.new_item(t, Style::Plain),
                    Some(_) => return Step::Switch(Phase::After),
                }
                Step::Placed
            }
        }
    }

    /// Whether the signatures begin at this line (in the list of yrkanden).
    pub(super) fn starts_signatures(&self, i: usize, blank: bool) -> bool {
        if signatures::party_header(self.text(i), self.profile).is_some() {
            return true;
        }
        let Some(sig) = self.sig(i) else {
            return false;
        };
        if sig.has_party() {
            return true;
        }
        if sig.lone_word().is_some() {
            return self.joins_next(i);
        }
        blank
    }

    /// Whether the lone first name on line `i` goes with the surname that
    /// begins the next line ("Lovisa" / "Johansson (FI)").
    pub(super) fn joins_next(&self, i: usize) -> bool {
        let j = self.next.get(i).copied().unwrap_or(usize::MAX);
        self.sig(j).is_some_and(|s| s.continues_name())
    }

    pub(super) fn sig(&self, i: usize) -> Option<SigLine<'a>> {
        let line = self.lines.get(i)?;
        match line.kind {
            Kind::Text => signatures::sig_line(line.text, self.profile),
            _ => None,
        }
    }

    // --- signatures, date, and what comes after ---------------------------

    pub(super) fn after_line(&mut self, i: usize) -> Step {
        let t = self.text(i);
        match *self.kind(i) {
            Kind::Date(d) => self.found.dates.push((d, i + 1, true)),
            Kind::Diary(d) => self.found.diary = dates::diary_line(d, self.profile),
            Kind::Closing => {}
            // "Gruppledare", "Ledamot i kommunfullmäktige", "070-123 45 67"
            // under a name.
            Kind::Text
                if !self.found.sigs.is_empty()
                    && (signatures::is_role(t) || signatures::is_contact(t)) => {}
            Kind::BodyHeading if self.found.sigs.is_empty() => {
                self.body_after = true;
                if !self.found.body.is_empty() {
                    self.found.body.paragraph_break();
                    self.found.body.add_line(t);
                }
            }
            _ => {
                if let Some(party) = signatures::party_header(t, self.profile) {
                    self.apply_party(party, true, i);
                    return Step::Placed;
                }
                if let Some(sig) = self.sig(i) {
                    if !self.body_after || sig.has_party() {
                        return self.signature_line(i, &sig);
                    }
                }
                if self.found.sigs.is_empty() && (self.body_after || self.found.body.is_empty()) {
                    // The Riksdag's order: the background after the yrkanden.
                    self.body_after = true;
                    if matches!(self.kind(i), Kind::Item(..)) {
                        self.found.body.add_list_line(t);
                    } else {
                        self.found.body.add_line(t);
                    }
                } else {
                    return Step::Unplaced;
                }
            }
        }
        Step::Placed
    }

    pub(super) fn signature_line(&mut self, i: usize, sig: &SigLine<'a>) -> Step {
        if let Some(word) = sig.lone_word().filter(|_| self.fragment.is_none()) {
            if self.joins_next(i) {
                self.fragment = Some(word);
                return Step::Placed;
            }
            return Step::Unplaced;
        }
        let line = i + 1;
        let mut seg_start = if self.carry {
            self.open
        } else {
            self.found.sigs.len()
        };
        for tok in &sig.toks {
            match *tok {
                Tok::Name(n) => {
                    let name = match self.fragment.take() {
                        Some(f) => {
                            let mut s = f.to_owned();
                            s.push(' ');
                            s.push_str(n);
                            s
                        }
                        None => n.to_owned(),
                    };
                    self.found.sigs.push(Sig {
                        name,
                        party: None,
                        line,
                    });
                }
                Tok::Party { raw, collective } => {
                    let from = if collective || seg_start >= self.found.sigs.len() {
                        self.open
                    } else {
                        seg_start
                    };
                    self.assign(from, raw, i);
                    seg_start = self.found.sigs.len();
                }
                Tok::MoreNames => self.issues.push(issue(
                    vec![key("signatories")],
                    Code::ImportNamesMissing,
                    line,
                )),
            }
        }
        self.fragment = None;
        self.carry = sig.connector;
        Step::Placed
    }

    /// Gives the names from `from` on that have no party yet this party.
    /// With no such names it is the party of the names that follow.
    pub(super) fn assign(&mut self, from: usize, raw: &str, i: usize) {
        let code = self.profile.party_code(raw).map(str::to_owned);
        let len = self.found.sigs.len();
        if from >= len {
            self.apply_party(raw, false, i);
            return;
        }
        if code.is_none() {
            self.issues.push(
                issue(
                    vec![key("signatories"), from.into(), key("party")],
                    Code::ImportAmbiguous,
                    i + 1,
                )
                .param("kind", "party")
                .param("value", raw),
            );
        }
        let party = code.unwrap_or_else(|| raw.to_owned());
        for s in self.found.sigs.iter_mut().skip(from) {
            if s.party.is_none() {
                s.party = Some(party.clone());
            }
        }
        self.open = len;
    }

    /// A party on a line of its own ("För Vänsterpartiet", "(båda S)"):
    /// for the names above it that have none, else for the names below.
    pub(super) fn apply_party(&mut self, raw: &str, header: bool, i: usize) {
        if self.open < self.found.sigs.len() {
            self.assign(self.open, raw, i);
            return;
        }
        match self.profile.party_code(raw) {
            Some(code) => self.found.header = Some((code.to_owned(), i + 1)),
            None if header => {}
            None => self.unplaced(i),
        }
    }

    // --- issues -----------------------------------------------------------

    pub(super) fn unplaced(&mut self, i: usize) {
        match &mut self.run {
            Some((_, end, _)) => *end = i + 1,
            None => self.run = Some((i + 1, i + 1, self.text(i))),
        }
    }

    /// Reports the open run of unplaced lines, at `at` in the issues: before
    /// those of the line that ended the run, so issues stay in line order.
    pub(super) fn flush_run(&mut self, at: usize) {
        if let Some((start, end, first)) = self.run.take() {
            let mut iss = issue(Vec::new(), Code::ImportUnrecognized, start)
                .param("text", text::excerpt(first));
            if end > start {
                iss = iss.param("endLine", end);
            }
            self.issues.insert(at.min(self.issues.len()), iss);
        }
    }

    // --- the motion -------------------------------------------------------
}
