// "Kontrollera motionen": the whole motion checked with the engine in the
// browser (validate), the error summary when there are errors, and the
// verdict below the form: "Inga fel hittades" with the warnings to look at
// and the motion as it will be handed in, or what to correct. The server
// checks the same motion (POST /api/v1/validate) as a second opinion that is
// shown only when it differs. Any change after a check makes the verdict
// out of date at once, and that is announced.

import { announce, el, $ } from './dom.js';
import { currentMotion, keyOfPath } from './fields.js';
import { applyReport, fieldLink, labelled } from './render.js';
import { ctx, currentProfile, state } from './state.js';

export async function check({ focus = true } = {}) {
  const seq = ++state.checkSeq;
  const motion = currentMotion();
  const browser = ctx.validator ? ctx.validator.validate(motion) : null;
  state.result = { browser, server: null, serverError: null, pending: true, stale: false };
  if (browser) applyReport(browser, { focus });
  renderResult({ focus: focus && browser?.valid });

  let server = null;
  let serverError = null;
  try {
    const query = new URLSearchParams({ profile: state.profile, lang: state.lang, stage: state.stage });
    const response = await fetch(`/api/v1/validate?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(motion),
    });
    const body = await response.json();
    if (body && typeof body.valid === 'boolean' && Array.isArray(body.issues)) server = body;
    else serverError = body?.message ?? `HTTP ${response.status}`;
  } catch (e) {
    serverError = String(e?.message ?? e);
  }
  if (seq !== state.checkSeq) return; // a newer check has started, or the motion changed
  state.result = { browser, server, serverError, pending: false, stale: false };
  if (!browser && server) applyReport(server, { focus });
  renderResult({ focus: focus && !browser && server?.valid });
}

/** The motion changed after a check: the verdict no longer applies. Said once, politely. */
export function markStale() {
  const r = state.result;
  if (!r || r.stale) return;
  state.checkSeq++; // a server answer still on its way is dropped
  r.stale = true;
  renderResult();
  announce(ctx.t.staleAnnounce);
}

/** Forgets the verdict (after a paste or a hand-in: a new motion). */
export function clearResult() {
  state.checkSeq++;
  state.result = null;
  renderResult();
}

/** The report that counts: the browser's, or the server's when the browser could not check. */
export function mainReport() {
  const r = state.result;
  return r && !r.stale ? r.browser ?? r.server : null;
}

function describeIssue(issue) {
  return `${issue.code} (${issue.path.join('.') || '–'})`;
}

export function renderResult({ focus = false } = {}) {
  const t = ctx.t;
  const r = state.result;
  const section = $('result');
  const handin = $('handin');
  if (!r) {
    section.hidden = true;
    handin.hidden = true;
    return;
  }
  const title = $('result-title');
  const note = $('result-note');
  const warnings = $('result-warnings');
  const details = $('result-details');
  const mismatch = $('verdict-mismatch');
  warnings.replaceChildren();
  warnings.hidden = true;
  details.replaceChildren();
  mismatch.replaceChildren();
  mismatch.hidden = true;
  mismatch.removeAttribute('role');
  section.classList.remove('result--valid', 'result--stale');
  section.hidden = false;
  // For tests and styles: where the server's second opinion is.
  section.dataset.server = r.stale ? 'stale' : r.pending ? 'pending' : !r.server ? 'unreachable' : r.rejected ? 'rejected' : 'answered';

  const main = r.stale ? null : r.browser ?? r.server;
  handin.hidden = !main?.valid;
  if (r.stale) {
    title.textContent = t.resultStale;
    note.textContent = t.resultNoteStale;
    section.classList.add('result--stale');
    return;
  }
  if (!main) {
    title.textContent = r.pending ? t.checkingTitle : t.resultNotChecked;
    note.textContent = r.pending ? '' : t.resultNoteServerDown;
  } else if (main.valid) {
    title.textContent = t.resultValid;
    const found = main.issues.filter((i) => i.severity !== 'error');
    note.textContent = found.length ? t.resultNoteWarnings(found.length) : t.resultNoteValid;
    if (found.length) {
      warnings.append(
        ...found.map((issue) => {
          const entry = { key: keyOfPath(issue.path), message: issue.message };
          const { d, text } = labelled(entry);
          return el('li', {}, el('strong', { class: 'warning-message__prefix', text: t.warningPrefix }), ' ', d?.focus ? fieldLink(entry, d, text) : text);
        }),
      );
      warnings.hidden = false;
    }
    if (main.normalized) details.append(motionSummary(main.normalized));
    section.classList.add('result--valid');
  } else {
    title.textContent = t.resultInvalid;
    const errors = main.issues.filter((i) => i.severity === 'error').length;
    note.textContent = r.rejected ? t.resultNoteRejected(errors) : t.resultNoteInvalid(errors);
  }

  // The server's second opinion, only when it differs: the same code on both sides must give the same report.
  if (r.browser && r.server && JSON.stringify(r.browser) !== JSON.stringify(r.server)) {
    const seen = (report) => new Set(report.issues.map(describeIssue));
    const b = seen(r.browser);
    const s = seen(r.server);
    const diffs = [
      ...[...b].filter((x) => !s.has(x)).map((x) => t.onlyIn(t.browser, x)),
      ...[...s].filter((x) => !b.has(x)).map((x) => t.onlyIn(t.server, x)),
    ];
    mismatch.append(el('strong', { text: r.server.valid ? t.mismatchServerValid : t.mismatchServerInvalid }), ' ', t.mismatch);
    if (diffs.length) mismatch.append(el('br'), `${t.mismatchDetails} ${diffs.join('; ')}`);
    mismatch.setAttribute('role', 'alert');
    mismatch.hidden = false;
  }
  if (focus) {
    title.focus();
    section.scrollIntoView({ block: 'start' });
  }
}

/** The motion as it will be handed in (trimmed, NFC, party codes canonical), as a summary list. */
export function motionSummary(m) {
  const t = ctx.t;
  const row = (label, value) => el('div', { class: 'summary-list__row' }, el('dt', { text: label }), el('dd', {}, value));
  const partyName = (code) => currentProfile()?.parties.find((p) => p.code === code)?.name;
  return el(
    'div',
    {},
    el('h3', { class: 'heading-s', text: t.storedAs }),
    el(
      'dl',
      { class: 'summary-list' },
      row(t.fieldTitle, m.title),
      row(t.fieldProposals, el('ol', {}, ...m.proposals.map((p) => el('li', { text: p })))),
      row(
        t.fieldSignatories,
        el(
          'ul',
          {},
          ...m.signatories.map((s) => {
            const full = partyName(s.party);
            return el('li', { text: `${s.name} (${s.party}${full ? `, ${full}` : ''})` });
          }),
        ),
      ),
      row(t.fieldSubmittedOn, m.submittedOn),
    ),
  );
}
