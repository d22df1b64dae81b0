//! The background text (motiveringen), paragraph by paragraph, as the
//! walk hands it lines.

use super::text::{ends_sentence, join_line, starts_lowercase};

/// The background text, paragraph by paragraph.
#[derive(Default)]
pub(super) struct Body {
    pub(super) out: String,
    pub(super) para_start: usize,
    pub(super) blank: bool,
}

impl Body {
    pub(super) fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// A line of running text: joined to the paragraph with a space,
    /// after a blank line a new paragraph — unless the paragraph stopped
    /// mid-sentence and the line goes on in small letters (PDF extraction
    /// puts blank lines in odd places).
    pub(super) fn add_line(&mut self, line: &str) {
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
    pub(super) fn add_list_line(&mut self, line: &str) {
        if !self.out.is_empty() {
            self.out.push_str(if self.blank { "\n\n" } else { "\n" });
        }
        if self.blank || self.out.is_empty() {
            self.para_start = self.out.len();
        }
        self.out.push_str(line);
        self.blank = false;
    }

    pub(super) fn paragraph_break(&mut self) {
        self.blank = !self.out.is_empty();
    }

    /// Drops the unfinished sentence at the end of the last paragraph: the
    /// start of a lead-in that went on on the next line.
    pub(super) fn cut_sentence(&mut self) {
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
