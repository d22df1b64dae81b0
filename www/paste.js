// "Klistra in motion": a motion pasted from Word or a PDF is read with the
// importer (parseMotionText, its own WebAssembly module, fetched the first
// time the dialog opens), fills the fields it found through setMotion() and
// is checked at once. It asks before replacing anything typed.
//
// The dialog has two steps: the text (textarea, "Läs in", "Avbryt") and,
// when the text would replace something already typed, a question listing
// what. After reading, the dialog closes, the form is filled (only the
// fields the text gave) and checked as on submit, and a report above the
// form says what was filled in and what the importer could not place.

import { $, el, focusField, hidden } from './form/dom.js';
import { draft } from './form/draft.js';
import { FIELDS, controlOf, currentMotion, dom, keyOfPath } from './form/fields.js';
import { setMotion } from './form/lists.js';
import { applyReport } from './form/render.js';
import { ctx, state } from './form/state.js';
import { clearResult } from './form/verdict.js';

const paste = {
  /** Counts reads and openings: an answer for an older one is dropped. */
  seq: 0,
  busy: false,
  /** Focus goes back to the "Klistra in motion" button when the dialog closes (not after an import). */
  restoreFocus: true,
  /** A read text waiting for "Ersätt fälten": { text, parsed }. */
  pending: null,
  /** The last import, for the report: { text, profile, parsed, kept, keys }; kept: the fields the text did not give that held something; keys[i]: the field key of parsed.issues[i]. */
  last: null,
};

function importOptions() {
  return { profile: state.profile, lang: state.lang };
}

function openPaste() {
  const dialog = $('paste-dialog');
  paste.seq++;
  paste.pending = null;
  paste.restoreFocus = true;
  setPasteBusy(false);
  showPasteFailure(null);
  showPasteError(null);
  showPasteStep('text');
  dialog.showModal();
  $('paste-text').focus();
  // Fetch the importer now, while the text is being pasted: "Läs in" is
  // then instant. If it cannot be had, say so before anything is pasted.
  const seq = paste.seq;
  const failed = () => {
    if (seq === paste.seq && dialog.open) showPasteFailure(ctx.t.pasteLoadFailed);
  };
  if (typeof ctx.wasm?.parseMotionText === 'function') ctx.wasm.parseMotionText('', importOptions()).catch(failed);
  else failed();
}

function closePaste() {
  const dialog = $('paste-dialog');
  if (dialog.open) dialog.close();
}

function onPasteClosed() {
  paste.seq++;
  paste.pending = null;
  setPasteBusy(false);
  if (paste.restoreFocus) $('paste-open').focus();
}

function showPasteStep(step) {
  $('paste-step-text').hidden = step !== 'text';
  $('paste-step-confirm').hidden = step !== 'confirm';
}

function setPasteBusy(busy) {
  paste.busy = busy;
  const status = $('paste-status');
  status.textContent = busy ? ctx.t.pasteBusy : '';
  status.classList.toggle('paste-status--busy', busy);
  if (busy) $('paste-dialog').setAttribute('aria-busy', 'true');
  else $('paste-dialog').removeAttribute('aria-busy');
  // aria-disabled, not disabled: the button keeps focus while it waits.
  if (busy) $('paste-read').setAttribute('aria-disabled', 'true');
  else $('paste-read').removeAttribute('aria-disabled');
}

/** The importer could not be loaded (or the text could not be read at all): said in the dialog, which stays open. */
function showPasteFailure(text) {
  const box = $('paste-failed');
  box.textContent = text ?? '';
  box.hidden = !text;
}

/** A message on the textarea itself, as on the form's fields. */
function showPasteError(text) {
  const box = $('paste-text-error');
  const area = $('paste-text');
  box.replaceChildren();
  if (text) {
    box.append(hidden(`${ctx.t.errorPrefix} `), text);
    box.hidden = false;
    area.setAttribute('aria-invalid', 'true');
    area.setAttribute('aria-describedby', 'paste-text-hint paste-text-error');
  } else {
    box.hidden = true;
    area.removeAttribute('aria-invalid');
    area.setAttribute('aria-describedby', 'paste-text-hint');
  }
  $('paste-text-group').classList.toggle('form-group--error', Boolean(text));
}

async function readPasted() {
  if (paste.busy) return;
  const text = $('paste-text').value;
  showPasteFailure(null);
  if (!text.trim()) {
    showPasteError(ctx.t.pasteEmpty);
    $('paste-text').focus();
    return;
  }
  showPasteError(null);
  const seq = ++paste.seq;
  setPasteBusy(true);
  let parsed;
  try {
    if (typeof ctx.wasm?.parseMotionText !== 'function') throw new Error('the WebAssembly package is not loaded');
    parsed = await ctx.wasm.parseMotionText(text, importOptions());
  } catch (e) {
    if (seq !== paste.seq) return;
    setPasteBusy(false);
    showPasteFailure(ctx.t.pasteLoadFailed);
    console.warn('motion-validator: the importer could not run:', e);
    return;
  }
  if (seq !== paste.seq) return; // closed (or read again) meanwhile
  setPasteBusy(false);
  const given = givenFields(parsed?.motion);
  if (!given.length) {
    showPasteFailure(ctx.t.pasteNothing);
    return;
  }
  const replaced = replacedFields(parsed.motion);
  if (replaced.length) {
    paste.pending = { text, parsed };
    showConfirm(replaced);
    return;
  }
  applyImport(text, parsed);
}

/** The motion's fields this form has, in order. */
function formFields() {
  return FIELDS.keys.filter((f) => FIELDS.single.includes(f) || f === 'proposals' || f === 'signatories');
}

function givenFields(motion) {
  if (!motion || typeof motion !== 'object') return [];
  return formFields().filter((f) => motion[f] !== undefined && motion[f] !== null);
}

function excerpt(text, max = 60) {
  const s = text.trim().replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/**
 * What the import would replace that the person has typed: [{ label, value }].
 * A field the text does not give is kept, so it is not listed; nor is one
 * that already holds exactly what the text gives.
 */
function replacedFields(given) {
  const out = [];
  const has = new Set(givenFields(given));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  for (const [field, label] of [
    ['title', ctx.t.titleLabel],
    ['body', ctx.t.bodyLabel],
  ]) {
    const value = controlOf(field).value;
    if (has.has(field) && value.trim() && value !== given[field]) out.push({ label, value: `”${excerpt(value)}”` });
  }
  const proposals = state.proposals.map((p) => p.text);
  const typedProposals = proposals.filter((p) => p.trim());
  if (has.has('proposals') && typedProposals.length && !same(proposals, given.proposals)) {
    const more = typedProposals.length > 1 ? ' …' : '';
    out.push({
      label: ctx.t.proposalsLegend,
      value: `${ctx.t.proposalsCount(typedProposals.length)}: ”${excerpt(typedProposals[0], 40)}”${more}`,
    });
  }
  const signatories = state.signatories.map((s) => ({ name: s.name, party: s.party }));
  const typedSignatories = signatories.filter((s) => s.name.trim() || s.party);
  if (has.has('signatories') && typedSignatories.length && !same(signatories, given.signatories)) {
    out.push({
      label: ctx.t.signatoriesLegend,
      value: typedSignatories.map((s) => (s.party ? `${s.name.trim()} (${s.party})` : s.name.trim())).join(', '),
    });
  }
  const date = controlOf('submittedOn').value;
  if (has.has('submittedOn') && date && date !== draft.defaultDate && date !== given.submittedOn) {
    out.push({ label: ctx.t.submittedOnLabel, value: date });
  }
  return out;
}

function showConfirm(replaced) {
  $('paste-confirm-list').replaceChildren(
    ...replaced.map(({ label, value }) => el('li', {}, el('strong', { text: label }), `: ${value}`)),
  );
  showPasteStep('confirm');
  $('paste-confirm-title').focus();
}

function confirmReplace() {
  const pending = paste.pending;
  paste.pending = null;
  if (pending) applyImport(pending.text, pending.parsed);
}

function keepTyped() {
  paste.pending = null;
  showPasteStep('text');
  $('paste-text').focus();
}

/** Fills the form with what the text gave (the rest stays), checks the whole motion, reports. */
function applyImport(text, parsed) {
  const given = parsed.motion;
  const motion = currentMotion();
  for (const field of givenFields(given)) if (field in motion) motion[field] = given[field];
  setMotion(motion);

  // The form changed: an earlier verdict no longer applies, and a server answer still on its way is dropped.
  clearResult();
  const report = ctx.validator ? ctx.validator.validate(currentMotion()) : null;
  const issues = Array.isArray(parsed.issues) ? parsed.issues : [];
  // The fields the text did not give that hold something (the date, most often): kept as they were.
  const now = currentMotion();
  const isSet = (f) =>
    f === 'proposals'
      ? now.proposals.some((p) => p.trim())
      : f === 'signatories'
        ? now.signatories.some((x) => x.name.trim() || x.party)
        : Boolean(now[f]?.trim());
  const filled = givenFields(given);
  const kept = formFields().filter((f) => !filled.includes(f) && f in now && isSet(f));
  paste.last = { text, profile: state.profile, parsed, kept, keys: issues.map((i) => (Array.isArray(i.path) ? keyOfPath(i.path) : null)) };

  paste.restoreFocus = false;
  closePaste();
  $('paste-text').value = '';
  renderImportReport();
  // Focus: the report when the importer has something to say (it explains
  // what is missing), else the error summary as on submit, else the report.
  if (report) applyReport(report, { focus: !issues.length });
  if (issues.length || !report || report.valid) {
    const box = $('paste-report');
    // The error summary, when there is one, is just above the report: from
    // the top of the page both are in view, unless the screen is too short.
    window.scrollTo(0, 0);
    box.focus({ preventScroll: true });
    if (box.getBoundingClientRect().top > window.innerHeight - 150) box.scrollIntoView({ block: 'start' });
  }
}

/** The report above the form: what was filled in, what was kept, the importer's issues. */
function renderImportReport() {
  const box = $('paste-report');
  const last = paste.last;
  if (!last) {
    box.hidden = true;
    return;
  }
  const given = last.parsed.motion;
  const names = {
    title: () => ctx.t.titleLabel.toLowerCase(),
    body: () => ctx.t.bodyLabel.toLowerCase(),
    proposals: () => ctx.t.proposalsCount(given.proposals?.length ?? 0),
    signatories: () => ctx.t.signatoriesCount(given.signatories?.length ?? 0),
    submittedOn: () => ctx.t.fieldDate,
  };
  const filled = givenFields(given);
  $('paste-report-filled').textContent = ctx.t.reportFilled(filled.map((f) => names[f]()));
  const kept = last.kept;
  const keptBox = $('paste-report-kept');
  // Kept lists are named as lists ("yrkanden"), not counted: the count is of the text's.
  const keptName = (f) =>
    f === 'proposals' ? ctx.t.proposalsLegend.toLowerCase() : f === 'signatories' ? ctx.t.signatoriesLegend.toLowerCase() : names[f]();
  keptBox.textContent = kept.length ? ctx.t.reportKept(kept.map(keptName)) : '';
  keptBox.hidden = !kept.length;

  const issues = Array.isArray(last.parsed.issues) ? last.parsed.issues : [];
  $('paste-report-issues').hidden = !issues.length;
  $('paste-report-issues-intro').textContent = ctx.t.reportIssues(issues.length);
  $('paste-report-list').replaceChildren(
    ...issues.map((issue, n) => {
      const error = issue.severity === 'error';
      const prefix = el('strong', {
        class: error ? 'import-issue__prefix' : 'warning-message__prefix',
        text: error ? ctx.t.errorPrefix : ctx.t.warningPrefix,
      });
      const key = last.keys[n];
      const message = String(issue.message ?? issue.code);
      const target = key ? dom(key) : null;
      let content = message;
      if (target?.focus) {
        // A link to the field it is about (the signatories, a party): as in the error summary.
        content = el('a', { href: `#${target.focus.id}` }, message);
        content.addEventListener('click', (e) => {
          e.preventDefault();
          focusField(dom(key)?.focus ?? target.focus);
        });
      }
      const attrs = { class: `import-issue import-issue--${error ? 'error' : 'warning'}`, 'data-code': issue.code };
      if (issue.params?.line !== undefined) attrs['data-line'] = issue.params.line;
      if (issue.params?.endLine !== undefined) attrs['data-end-line'] = issue.params.endLine;
      return el('li', attrs, prefix, ' ', content);
    }),
  );
  box.classList.toggle('import-report--issues', issues.length > 0);
  box.hidden = false;
}

/** After a change of language: the importer's messages again, in the new language. */
export async function retranslateImportReport() {
  const last = paste.last;
  if (!last || $('paste-report').hidden) return;
  renderImportReport();
  if (!last.parsed.issues?.length || typeof ctx.wasm?.parseMotionText !== 'function') return;
  try {
    // The same reading (the profile it was read with) in the new language.
    const again = await ctx.wasm.parseMotionText(last.text, { profile: last.profile, lang: state.lang });
    if (paste.last !== last || again.issues?.length !== last.parsed.issues.length) return;
    last.parsed = { motion: last.parsed.motion, issues: again.issues };
    renderImportReport();
  } catch {
    // the messages stay in the language they were read in
  }
}

export function closeImportReport({ focus = true } = {}) {
  paste.last = null;
  renderImportReport();
  if (focus) $('paste-open').focus();
}

export function wirePaste() {
  const dialog = $('paste-dialog');
  $('paste-open').addEventListener('click', openPaste);
  $('paste-read').addEventListener('click', readPasted);
  $('paste-cancel').addEventListener('click', closePaste);
  $('paste-replace').addEventListener('click', confirmReplace);
  $('paste-keep').addEventListener('click', keepTyped);
  $('paste-report-close').addEventListener('click', () => closeImportReport());
  dialog.addEventListener('close', onPasteClosed);
  // Ctrl+Enter in the text area reads it in.
  $('paste-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      readPasted();
    }
  });
  $('paste-text').addEventListener('input', () => {
    if (!$('paste-text-error').hidden && $('paste-text').value.trim()) showPasteError(null);
  });
}

