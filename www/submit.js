// "Lämna in motionen": once the check finds no errors, the motion is handed
// in: POST /api/v1/motions?profile=…&lang=… with the draft's Idempotency-Key
// (one per draft: a double click or a retry stores one motion). The
// server's check is the one that counts:
//   201  the receipt (kvittens); the draft is cleared;
//   422  (and 400, 413) the server's report, shown like the browser's;
//   409  the key came with another motion before: a new key, said plainly;
//   429  wait as long as Retry-After says;
//   no answer, or another status: not handed in, the draft is kept.

import { $ } from './form/dom.js';
import { draft, draftHandedIn, newIdempotencyKey } from './form/draft.js';
import { currentMotion } from './form/fields.js';
import { applyReport } from './form/render.js';
import { ctx, state } from './form/state.js';
import { mainReport, renderResult } from './form/verdict.js';
import { showReceipt } from './receipt.js';

let busy = false;

function setBusy(on) {
  busy = on;
  const button = $('handin-button');
  if (on) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
  $('handin-status').textContent = on ? ctx.t.handinBusy : '';
  $('handin-status').classList.toggle('paste-status--busy', on);
}

function showError(text) {
  const box = $('handin-error');
  box.textContent = text ?? '';
  box.hidden = !text;
}

function isReport(body) {
  return body && typeof body === 'object' && typeof body.valid === 'boolean' && Array.isArray(body.issues);
}

/** "30 sekunder", "2 minuter": how long Retry-After asks to wait. */
function waitFor(header) {
  const t = ctx.t;
  let seconds = Number(header);
  if (!Number.isFinite(seconds)) {
    const at = Date.parse(header ?? '');
    seconds = Number.isFinite(at) ? Math.max(1, Math.round((at - Date.now()) / 1000)) : 60;
  }
  seconds = Math.max(1, Math.ceil(seconds));
  return seconds < 90 ? t.seconds(seconds) : t.minutes(Math.ceil(seconds / 60));
}

/** Hands the motion in. `afterReceipt`: empties the form for the next motion. */
export async function handIn({ afterReceipt }) {
  const t = ctx.t;
  if (busy || !mainReport()?.valid) return;
  showError(null);
  setBusy(true);
  const motion = currentMotion();
  const query = new URLSearchParams({ profile: state.profile, lang: state.lang });
  let response;
  let body = null;
  try {
    response = await fetch(`/api/v1/motions?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': draft.key },
      body: JSON.stringify(motion),
    });
    body = await response.json().catch(() => null);
  } catch (e) {
    setBusy(false);
    showError(t.handinOffline);
    console.warn('motion-validator: the hand-in did not reach the server:', e);
    return;
  }
  setBusy(false);
  const status = response.status;
  if ((status === 201 || status === 200) && typeof body?.reference === 'string') {
    showReceipt(body);
    draftHandedIn(body.reference);
    afterReceipt();
    return;
  }
  if (isReport(body) && !body.valid) {
    // The server's verdict counts: its report is shown like the browser's.
    state.result = { browser: null, server: body, serverError: null, pending: false, stale: false, rejected: true };
    applyReport(body, { focus: true });
    renderResult();
    return;
  }
  if (status === 409 && body?.error === 'idempotency_key_reused') {
    newIdempotencyKey();
    showError(t.handinKeyReused);
  } else if (status === 429) {
    showError(t.handinRateLimited(waitFor(response.headers.get('retry-after'))));
  } else {
    showError(t.handinFailed(status));
  }
  $('handin-error').focus();
}
