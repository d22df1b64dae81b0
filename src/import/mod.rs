//! "Klistra in motion": a motion as councillors have it — typed in Word,
//! copied out of a PDF — turned into the motion object the validator
//! checks, with an [`Issue`] for every line it could not place
//! (`import_unrecognized`) and every place where two readings were possible
//! (`import_ambiguous`), so nothing is guessed silently.
//!
//! One pass over the lines, each line looked at a fixed number of times
//! with work proportional to its length: the importer is linear in the
//! length of the text (a 1 MB paste is no slower per byte than a page).
//! It never panics: no indexing that can fail, no slicing but `get`.

mod dates;
mod proposals;
mod signatures;
mod text;
mod title;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::date::Date;
use crate::messages;
use crate::options::Lang;
use crate::profile::CompiledProfile;
use crate::report::{Code, Issue, Path, PathSegment};
use crate::rules::proposals::starts_with_att;

use proposals::{LeadIn, Marker};
use signatures::{SigLine, Tok};
use text::{ends_sentence, is_one_of, join_line, starts_lowercase, starts_uppercase};
use title::MotionLine;

/// The result of [`parse_motion_text`]: the motion and what the importer
/// could not be sure of.
///
/// ```
/// use motion_validator::{parse_motion_text, Profile};
/// let profile = Profile::builtin("uppsala").unwrap().compile().unwrap();
/// let parsed = parse_motion_text("Motion: Fler cykelbanor i centrum\n\n\
///     Cyklister i centrum saknar trygga cykelbanor.\n\n\
///     Jag yrkar att\n- Uppdra åt gatunämnden att planera nya cykelbanor\n\n\
///     Anna Ek (S)\nUppsala den 3 mars 2024", &profile);
/// assert_eq!(parsed.motion["title"], "Fler cykelbanor i centrum");
/// assert_eq!(parsed.motion["proposals"][0], "att uppdra åt gatunämnden att planera nya cykelbanor");
/// assert_eq!(parsed.motion["signatories"][0]["party"], "S");
/// assert_eq!(parsed.motion["submittedOn"], "2024-03-03");
/// assert!(parsed.issues.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedMotion {
    /// The motion object (camelCase keys, as [`Validator::validate`] takes
    /// it). A field the text did not give is left out, so a form can keep
    /// what the person had typed there.
    pub motion: Value,
    /// What the importer could not place or was unsure of, each with the
    /// 1-based `line` of the text in its params.
    pub issues: Vec<Issue>,
}

/// Reads a pasted motion text: title, background, yrkanden, signatories,
/// date and diary number. Party spellings are folded with the profile
/// (`F!` → `FI`); proposals become att-satser when the lead-in ends in
/// "att" or the profile requires them. Messages are in Swedish; see
/// [`Validator::parse_motion_text`] for another language.
///
/// ```
/// use motion_validator::{parse_motion_text, Profile};
/// let profile = Profile::builtin("uppsala").unwrap().compile().unwrap();
/// let parsed = parse_motion_text("Motion om ett bättre torg\n\nText.\n\nVi yrkar att:\n- Utreda torget\n\nAnna Ek (XYZ)", &profile);
/// assert_eq!(parsed.issues[0].code.as_str(), "import_ambiguous");
/// assert_eq!(parsed.issues[0].params["line"], 8);
/// ```
pub fn parse_motion_text(text: &str, profile: &CompiledProfile) -> ParsedMotion {
    parse_motion_text_in(text, profile, Lang::Sv)
}

/// [`parse_motion_text`] with messages in `lang`.
///
/// A text longer than the profile's input limit (1 MiB by default: a
/// motion is a few pages) is refused with `input_too_large` and not read
/// at all, so a paste of 200 MB costs nothing.
///
/// ```
/// use motion_validator::{parse_motion_text_in, Lang, Profile};
/// let profile = Profile::builtin("uppsala").unwrap().compile().unwrap();
/// let parsed = parse_motion_text_in(&"x\n".repeat(600_000), &profile, Lang::En);
/// assert_eq!(parsed.issues[0].code.as_str(), "input_too_large");
/// assert_eq!(parsed.issues[0].message, "The text is too long to read in: at most 1048576 bytes, now 1200000.");
/// assert_eq!(parsed.motion, serde_json::json!({}));
/// ```
pub fn parse_motion_text_in(text: &str, profile: &CompiledProfile, lang: Lang) -> ParsedMotion {
    if text.len() > profile.profile().limits.input_bytes {
        return ParsedMotion::too_large(text.len(), profile, lang);
    }
    let mut parsed = Importer::new(text, profile).run();
    localize(&mut parsed.issues, lang, &profile.profile().display_name);
    parsed
}

impl ParsedMotion {
    /// What the importer gives for a text of `actual` bytes, over the
    /// profile's limit: no motion and one `input_too_large`. For callers
    /// that know the size without handing over the text (the package,
    /// before copying a paste into WebAssembly memory).
    ///
    /// ```
    /// use motion_validator::{Lang, ParsedMotion, Profile};
    /// let profile = Profile::builtin("lund").unwrap().compile().unwrap();
    /// let parsed = ParsedMotion::too_large(5_000_000, &profile, Lang::Sv);
    /// assert_eq!(parsed.issues[0].message, "Texten är för lång för att läsas in: högst 1048576 byte, nu 5000000.");
    /// ```
    pub fn too_large(actual: usize, profile: &CompiledProfile, lang: Lang) -> ParsedMotion {
        let mut issues = vec![Issue::new(Vec::new(), Code::InputTooLarge)
            .param("max", profile.profile().limits.input_bytes)
            .param("actual", actual)];
        localize(&mut issues, lang, &profile.profile().display_name);
        ParsedMotion {
            motion: Value::Object(Map::new()),
            issues,
        }
    }
}

fn localize(issues: &mut [Issue], lang: Lang, council: &str) {
    for issue in issues {
        issue.message = messages::import_message(issue, lang, council);
    }
}

/// What a line is, judged from the line alone.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind<'a> {
    Blank,
    /// A page number, page footer or repeated page header.
    Noise,
    Motion(MotionLine<'a>),
    /// "av Anna Ek m.fl. (S)" under a Riksdag motion's heading.
    Author(&'a str),
    BodyHeading,
    LeadIn(LeadIn<'a>),
    Item(Marker, &'a str),
    /// A line that begins with the word "att".
    Att,
    Date(Date),
    /// A diary number in one of the profile's formats (the line as written).
    Diary(&'a str),
    Closing,
    Text,
}

struct Line<'a> {
    text: &'a str,
    kind: Kind<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    List,
    Att,
    Plain,
    Inline,
}

struct Item {
    text: String,
    style: Style,
    /// Characters in the last line added, to tell a wrapped line from a
    /// short one.
    last_chars: usize,
    /// Where each of its lines begins in `text`, and the line's number.
    lines: Vec<(usize, usize)>,
}

impl Item {
    /// The number of the line the byte at `at` of the text came from.
    fn line_at(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|&(start, _)| start <= at);
        self.lines
            .get(i.saturating_sub(1))
            .map_or(0, |&(_, line)| line)
    }
}

/// What [`Importer::items_line`] needs to know of the open item.
struct Current {
    style: Style,
    last_chars: usize,
    /// It ends in ".", ",", ";", "samt" or "och".
    ended: bool,
    sentence_end: bool,
}

struct Sig {
    name: String,
    party: Option<String>,
    line: usize,
}

/// The background text, paragraph by paragraph.
#[derive(Default)]
struct Body {
    out: String,
    para_start: usize,
    blank: bool,
}

impl Body {
    fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// A line of running text: joined to the paragraph with a space,
    /// after a blank line a new paragraph — unless the paragraph stopped
    /// mid-sentence and the line goes on in small letters (PDF extraction
    /// puts blank lines in odd places).
    fn add_line(&mut self, line: &str) {
        if self.out.is_empty() {
            self.out.push_str(line);
            self.para_start = 0;
        } else if self.blank && (ends_sentence(&self.out) || !starts_lowercase(line)) {
            self.out.push_str("\n\n");
            self.para_start = self.out.len();
            self.out.push_str(line);
        } else {
            join_line(&mut self.out, line);
        }
        self.blank = false;
    }

    /// A line of a list in the background: kept on its own line.
    fn add_list_line(&mut self, line: &str) {
        if !self.out.is_empty() {
            self.out.push_str(if self.blank { "\n\n" } else { "\n" });
        }
        if self.blank || self.out.is_empty() {
            self.para_start = self.out.len();
        }
        self.out.push_str(line);
        self.blank = false;
    }

    fn paragraph_break(&mut self) {
        self.blank = !self.out.is_empty();
    }

    /// Drops the unfinished sentence at the end of the last paragraph: the
    /// start of a lead-in that went on on the next line.
    fn cut_sentence(&mut self) {
        let para = self.out.get(self.para_start..).unwrap_or_default();
        let end = para
            .char_indices()
            .rev()
            .find(|&(i, c)| {
                matches!(c, '.' | '!' | '?')
                    && para
                        .get(i + 1..)
                        .is_some_and(|r| r.is_empty() || r.starts_with(char::is_whitespace))
            })
            .map(|(i, _)| self.para_start + i + 1);
        match end {
            Some(e) => self.out.truncate(e),
            None => {
                self.out.truncate(self.para_start);
                let kept = self.out.trim_end().len();
                self.out.truncate(kept);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Body,
    Items,
    After,
}

/// What a phase did with a line.
enum Step {
    Placed,
    Unplaced,
    /// Go to another phase and look at the line again there.
    Switch(Phase),
    /// The line is placed; the next ones belong to another phase.
    PlacedThen(Phase),
}

struct Importer<'a> {
    profile: &'a CompiledProfile,
    lines: Vec<Line<'a>>,
    /// The next line with content after each line (`lines.len()` if none).
    next: Vec<usize>,
    /// The longest line, in characters: the width a PDF wrapped at.
    wrap: usize,
    lead_in_at: Option<usize>,
    implicit_items_at: Option<(usize, bool)>,
    blank_before: bool,
    title: Option<String>,
    body: Body,
    body_after: bool,
    items: Vec<Item>,
    items_open: bool,
    lead_in_att: bool,
    /// `import_ambiguous` issues about items, by item index (fixed up when
    /// inline sequences are split).
    item_issues: Vec<(usize, Issue)>,
    sigs: Vec<Sig>,
    open: usize,
    carry: bool,
    header: Option<(String, usize)>,
    fragment: Option<&'a str>,
    authors: Option<(&'a str, usize)>,
    /// A line with only the authors' party under the author line, as in
    /// the Riksdag's "av Anna Ek och Per Ek" / "(båda c)".
    authors_party: Option<(&'a str, usize)>,
    dates: Vec<(Date, usize, bool)>,
    diary: Option<String>,
    issues: Vec<Issue>,
    /// A run of lines that could not be placed: first, last, the first's text.
    run: Option<(usize, usize, &'a str)>,
    /// How many times a phase looked at a line (tests: at most 3 per line).
    visits: usize,
    /// The number of the line being looked at (1-based).
    at_line: usize,
}

fn issue(path: Path, code: Code, line: usize) -> Issue {
    Issue::new(path, code).param("line", line)
}

fn key(k: &str) -> PathSegment {
    PathSegment::Key(k.to_owned())
}

impl<'a> Importer<'a> {
    fn new(text: &'a str, profile: &'a CompiledProfile) -> Self {
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
            title: None,
            body: Body::default(),
            body_after: false,
            items: Vec::new(),
            items_open: false,
            lead_in_att: false,
            item_issues: Vec::new(),
            sigs: Vec::new(),
            open: 0,
            carry: false,
            header: None,
            fragment: None,
            authors: None,
            authors_party: None,
            dates: Vec::new(),
            diary: None,
            issues: Vec::new(),
            run: None,
            visits: 0,
            at_line: 0,
        }
    }

    fn kind(&self, i: usize) -> &Kind<'a> {
        self.lines.get(i).map_or(&Kind::Blank, |l| &l.kind)
    }

    fn text(&self, i: usize) -> &'a str {
        self.lines.get(i).map_or("", |l| l.text)
    }

    fn run(mut self) -> ParsedMotion {
        self.walk();
        self.finish()
    }

    /// Every line once, through the phases.
    fn walk(&mut self) {
        let start = self.title_stage();
        self.find_items(start);
        let mut phase = Phase::Body;
        let mut i = start;
        while i < self.lines.len() {
            match self.kind(i) {
                Kind::Blank => {
                    self.blank_before = true;
                    if phase != Phase::Items {
                        self.body.paragraph_break();
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
    fn title_stage(&mut self) -> usize {
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
                    self.authors = Some((a, i + 1));
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
        self.title = Some(title);
        i
    }

    /// A line above the title: a heading, a date, a diary number, authors.
    fn header_line(&mut self, k: usize) {
        match *self.kind(k) {
            Kind::Date(d) => self.dates.push((d, k + 1, false)),
            Kind::Diary(d) => self.diary = dates::diary_line(d, self.profile),
            Kind::Motion(MotionLine::Heading { last_word }) => {
                if let Some(d) = dates::diary_line(last_word, self.profile) {
                    self.diary = Some(d);
                }
            }
            Kind::Motion(MotionLine::Designation { number, authors }) => {
                if let Some(d) = dates::diary_line(number, self.profile) {
                    self.diary = Some(d);
                }
                if let Some(a) = authors {
                    self.authors = Some((a, k + 1));
                }
            }
            Kind::Author(a) => self.authors = Some((a, k + 1)),
            Kind::Text if self.authors_party_line(k) => {
                self.authors_party = Some((self.text(k), k + 1));
            }
            _ => {}
        }
    }

    /// Whether the line gives only the party of the author line right
    /// above it: "(båda c)" under "av Anna Ek och Per Ek".
    fn authors_party_line(&self, k: usize) -> bool {
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
    fn find_items(&mut self, start: usize) {
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

    fn body_line(&mut self, i: usize) -> Step {
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
                    self.body.add_line(li.before);
                }
                if li.mid_sentence && !self.blank_before {
                    self.body.cut_sentence();
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
                self.body.add_line(t);
            }
            Kind::Date(d) if self.body.is_empty() => self.dates.push((d, i + 1, false)),
            Kind::Diary(d) if self.body.is_empty() => {
                self.diary = dates::diary_line(d, self.profile)
            }
            Kind::BodyHeading
            | Kind::Motion(MotionLine::Heading { .. } | MotionLine::Designation { .. })
                if self.body.is_empty() => {}
            Kind::Item(..) => self.body.add_list_line(t),
            Kind::Closing | Kind::Date(_) if no_items_ahead => return Step::Switch(Phase::After),
            Kind::Text
                if no_items_ahead
                    && self.blank_before
                    && self.sig(i).is_some_and(|s| s.has_party()) =>
            {
                return Step::Switch(Phase::After)
            }
            _ => self.body.add_line(t),
        }
        Step::Placed
    }

    // --- yrkanden ---------------------------------------------------------

    fn new_item(&mut self, text: &str, style: Style) {
        self.items.push(Item {
            text: text.to_owned(),
            style,
            last_chars: text.chars().count(),
            lines: vec![(0, self.at_line)],
        });
        self.items_open = true;
    }

    fn continue_item(&mut self, text: &str) {
        if let Some(item) = self.items.last_mut() {
            item.lines.push((item.text.len(), self.at_line));
            join_line(&mut item.text, text);
            item.last_chars = text.chars().count();
        }
    }

    fn items_line(&mut self, i: usize) -> Step {
        let t = self.text(i);
        let blank = self.blank_before;
        let current = self
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
            Kind::LeadIn(li) if self.items.is_empty() => {
                self.lead_in_att |= li.att;
                if !li.rest.is_empty() {
                    self.new_item(li.rest, Style::Inline);
                }
                Step::Placed
            }
            _ if self.items.is_empty() && proposals::lead_in_tail(t).is_some() => {
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
                    let at = self.items.len().saturating_sub(1);
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
    fn starts_signatures(&self, i: usize, blank: bool) -> bool {
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
    fn joins_next(&self, i: usize) -> bool {
        let j = self.next.get(i).copied().unwrap_or(usize::MAX);
        self.sig(j).is_some_and(|s| s.continues_name())
    }

    fn sig(&self, i: usize) -> Option<SigLine<'a>> {
        let line = self.lines.get(i)?;
        match line.kind {
            Kind::Text => signatures::sig_line(line.text, self.profile),
            _ => None,
        }
    }

    // --- signatures, date, and what comes after ---------------------------

    fn after_line(&mut self, i: usize) -> Step {
        let t = self.text(i);
        match *self.kind(i) {
            Kind::Date(d) => self.dates.push((d, i + 1, true)),
            Kind::Diary(d) => self.diary = dates::diary_line(d, self.profile),
            Kind::Closing => {}
            // "Gruppledare", "Ledamot i kommunfullmäktige", "070-123 45 67"
            // under a name.
            Kind::Text
                if !self.sigs.is_empty()
                    && (signatures::is_role(t) || signatures::is_contact(t)) => {}
            Kind::BodyHeading if self.sigs.is_empty() => {
                self.body_after = true;
                if !self.body.is_empty() {
                    self.body.paragraph_break();
                    self.body.add_line(t);
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
                if self.sigs.is_empty() && (self.body_after || self.body.is_empty()) {
                    // The Riksdag's order: the background after the yrkanden.
                    self.body_after = true;
                    if matches!(self.kind(i), Kind::Item(..)) {
                        self.body.add_list_line(t);
                    } else {
                        self.body.add_line(t);
                    }
                } else {
                    return Step::Unplaced;
                }
            }
        }
        Step::Placed
    }

    fn signature_line(&mut self, i: usize, sig: &SigLine<'a>) -> Step {
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
            self.sigs.len()
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
                    self.sigs.push(Sig {
                        name,
                        party: None,
                        line,
                    });
                }
                Tok::Party { raw, collective } => {
                    let from = if collective || seg_start >= self.sigs.len() {
                        self.open
                    } else {
                        seg_start
                    };
                    self.assign(from, raw, i);
                    seg_start = self.sigs.len();
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
    fn assign(&mut self, from: usize, raw: &str, i: usize) {
        let code = self.profile.party_code(raw).map(str::to_owned);
        let len = self.sigs.len();
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
        for s in self.sigs.iter_mut().skip(from) {
            if s.party.is_none() {
                s.party = Some(party.clone());
            }
        }
        self.open = len;
    }

    /// A party on a line of its own ("För Vänsterpartiet", "(båda S)"):
    /// for the names above it that have none, else for the names below.
    fn apply_party(&mut self, raw: &str, header: bool, i: usize) {
        if self.open < self.sigs.len() {
            self.assign(self.open, raw, i);
            return;
        }
        match self.profile.party_code(raw) {
            Some(code) => self.header = Some((code.to_owned(), i + 1)),
            None if header => {}
            None => self.unplaced(i),
        }
    }

    // --- issues -----------------------------------------------------------

    fn unplaced(&mut self, i: usize) {
        match &mut self.run {
            Some((_, end, _)) => *end = i + 1,
            None => self.run = Some((i + 1, i + 1, self.text(i))),
        }
    }

    /// Reports the open run of unplaced lines, at `at` in the issues: before
    /// those of the line that ended the run, so issues stay in line order.
    fn flush_run(&mut self, at: usize) {
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

    fn finish(mut self) -> ParsedMotion {
        self.flush_run(self.issues.len());
        let walked = std::mem::take(&mut self.issues);
        // Signatories: from the end of the text, else from the author line.
        if self.sigs.is_empty() {
            if let Some((authors, line)) = self.authors.take() {
                if let Some(sig) = signatures::sig_line(authors, self.profile) {
                    self.carry = false;
                    if let Step::Unplaced = self.signature_line(line.saturating_sub(1), &sig) {
                        self.unplaced(line.saturating_sub(1));
                    }
                }
                // "(båda c)" on the line under the authors.
                if let Some((party, line)) = self.authors_party.take() {
                    if let Some(sig) = signatures::sig_line(party, self.profile) {
                        self.signature_line(line.saturating_sub(1), &sig);
                    }
                }
            }
        }
        self.flush_run(self.issues.len());
        let authors = std::mem::take(&mut self.issues);
        let mut motion = Map::new();
        if let Some(t) = self.title.take().filter(|t| !t.is_empty()) {
            motion.insert("title".into(), Value::String(t));
        }
        let body = self.body.out.trim();
        if !body.is_empty() {
            motion.insert("body".into(), Value::String(body.to_owned()));
        }
        // Yrkanden: inline sequences split, att-satser made.
        let att = self.lead_in_att || self.profile.profile().require_att;
        let mut proposals = Vec::new();
        let mut first_of = Vec::with_capacity(self.items.len());
        // Where "samt att" / "och att" was read as a new att-sats: say so.
        let mut split_issues = Vec::new();
        for item in &self.items {
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
                proposals.push(Value::String(proposals::finish_item(piece.text, att)));
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
        if !proposals.is_empty() {
            motion.insert("proposals".into(), Value::Array(proposals));
        }
        let header = self.header.take();
        let signatories: Vec<Value> = self
            .sigs
            .iter()
            .map(|s| {
                let party = s.party.clone().or_else(|| {
                    header
                        .as_ref()
                        .filter(|(_, at)| *at < s.line)
                        .map(|(code, _)| code.clone())
                });
                let mut o = Map::new();
                o.insert("name".into(), Value::String(s.name.clone()));
                o.insert("party".into(), Value::String(party.unwrap_or_default()));
                Value::Object(o)
            })
            .collect();
        if !signatories.is_empty() {
            motion.insert("signatories".into(), Value::Array(signatories));
        }
        // The date near the signatures; any other date is worth a look.
        let chosen = self
            .dates
            .iter()
            .rev()
            .find(|d| d.2)
            .or_else(|| self.dates.first())
            .copied();
        if let Some((date, _, _)) = chosen {
            motion.insert("submittedOn".into(), Value::String(date.to_string()));
            for &(other, line, _) in &self.dates {
                if other != date {
                    self.issues.push(
                        issue(vec![key("submittedOn")], Code::ImportAmbiguous, line)
                            .param("kind", "date")
                            .param("value", other.to_string()),
                    );
                }
            }
        }
        if let Some(d) = self.diary.take() {
            motion.insert("diaryNumber".into(), Value::String(d));
        }
        // Each group is in line order already: merge them, no sort.
        let issues = merge(merge(walked, authors), merge(item_issues, self.issues));
        ParsedMotion {
            motion: Value::Object(motion),
            issues,
        }
    }
}

fn line_of(issue: &Issue) -> u64 {
    issue
        .params
        .get("line")
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

/// Two lists of issues in line order, merged into one (the first list's
/// issues first among equal lines).
fn merge(a: Vec<Issue>, b: Vec<Issue>) -> Vec<Issue> {
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

/// Lines that may stand above the title.
fn is_header(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Blank
            | Kind::Noise
            | Kind::Date(_)
            | Kind::Diary(_)
            | Kind::Author(_)
            | Kind::Motion(MotionLine::Heading { .. } | MotionLine::Designation { .. })
    )
}

/// What a line is, from the line alone.
fn classify<'a>(t: &'a str, profile: &CompiledProfile) -> Kind<'a> {
    if t.is_empty() {
        return Kind::Blank;
    }
    if text::is_page_noise(t) {
        return Kind::Noise;
    }
    if let Some((m, rest)) = proposals::marker(t) {
        return Kind::Item(m, rest);
    }
    if let Some(m) = title::motion_line(t) {
        return Kind::Motion(m);
    }
    if let Some(li) = proposals::lead_in(t) {
        return Kind::LeadIn(li);
    }
    if text::is_body_heading(t) {
        return Kind::BodyHeading;
    }
    if text::is_closing(t) {
        return Kind::Closing;
    }
    if starts_with_att(t) {
        return Kind::Att;
    }
    if dates::diary_line(t, profile).is_some() {
        return Kind::Diary(t);
    }
    if let Some(d) = dates::date_line(t) {
        return Kind::Date(d);
    }
    if let Some(rest) = t.strip_prefix("av ").filter(|r| starts_uppercase(r)) {
        return Kind::Author(rest);
    }
    Kind::Text
}

/// Page headers: a short line that comes back on every page. Every copy of
/// a text line goes; of a title, date or heading the first copy stays.
/// Lines that read as signatures stay (a duplicate is the validator's to
/// report). Counted in a B-tree of lines of at most 100 bytes, so the cost
/// per line is bounded; the map is the same type as the validator's
/// duplicate check, so the browser build carries no second B-tree.
fn mark_repeated_headers(lines: &mut [Line], profile: &CompiledProfile) {
    let candidate = |l: &Line| {
        l.text.len() <= 100
            && !l.text.ends_with('.')
            && matches!(
                l.kind,
                Kind::Text | Kind::Motion(_) | Kind::Date(_) | Kind::Diary(_)
            )
    };
    // For each distinct text: its first line and how often it comes.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut group_of: Vec<(usize, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !candidate(l) {
            continue;
        }
        let key = l.text.to_owned();
        let g = match seen.get(&key) {
            Some(&g) => g,
            None => {
                seen.insert(key, groups.len());
                groups.push((i, 0));
                groups.len() - 1
            }
        };
        if let Some(group) = groups.get_mut(g) {
            group.1 += 1;
        }
        group_of.push((i, g));
    }
    for (i, g) in group_of {
        let Some(&(first, count)) = groups.get(g) else {
            continue;
        };
        let Some(l) = lines.get_mut(i) else { continue };
        let drop = count >= 2
            && match l.kind {
                Kind::Text => {
                    signatures::sig_line(l.text, profile).map_or(true, |s| !s.has_party())
                }
                _ => i != first,
            };
        if drop {
            l.kind = Kind::Noise;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Profile;

    /// Linear time: each phase looks at a line at most once and phases only
    /// move forward (Body → Items → After), so no line is looked at more
    /// than three times, and the work per look is bounded by the line's
    /// length (the helpers scan a line once).
    #[test]
    fn each_line_is_looked_at_most_three_times() {
        let p = Profile::builtin("uppsala").unwrap().compile().unwrap();
        let seed = include_str!("../../tests/fixtures/seed/KSN-2020-02111.txt");
        let texts = [
            seed.to_owned(),
            seed.repeat(20),
            "Motion: X\n\nText.\n\nVi yrkar att\n- A\nAnna Ek (S)\n".repeat(500),
            "- A\n\nAnna Ek (S)\nText\n\natt B\n".repeat(500),
            "Lovisa\n\nJohansson (FI)\n".repeat(500),
        ];
        for text in &texts {
            let mut imp = Importer::new(text, &p);
            imp.walk();
            assert!(
                imp.visits <= 3 * imp.lines.len(),
                "{} visits, {} lines",
                imp.visits,
                imp.lines.len()
            );
        }
    }
}
