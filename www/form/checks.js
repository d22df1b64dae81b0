// Live checks: the engine's validateField on each change, and when the
// messages appear ("reward early, punish late"):
// - when a field is left (blur), its messages appear;
// - in a one-line field (title, name) they also appear after a pause in
//   typing, unless all they say is that the text is still too short (the
//   first word is still being typed): that waits for blur;
// - the background, the yrkanden and the date wait for blur;
// - a one-click fix appears as soon as there is one in a one-line field
//   (the date: "25 maj 2020" → "Ändra till: 2020-05-25"), after a pause in
//   a text area, so that Tab reaches it right after its field;
// - once a field shows messages, they follow every keystroke.

import { FIELDS, controlOf, dom, keyOfPath } from './fields.js';
import { renderAllFields, renderKeys } from './render.js';
import { ctx, state } from './state.js';

const REVEAL_AFTER_MS = 1000;
/** Codes that mean "not finished yet": shown on blur, not after a pause. */
const STILL_TYPING = new Set(['required', 'too_short', 'name_incomplete']);

const revealTimers = new Map();

export function makeValidator(onError) {
  if (!ctx.wasm) return;
  try {
    const next = new ctx.wasm.Validator({ profile: state.profile, lang: state.lang, stage: state.stage });
    ctx.validator?.free();
    ctx.validator = next;
  } catch (e) {
    onError(e);
  }
}

/** Runs validateField for a single field and stores its issues. */
export function checkSingle(key) {
  if (!ctx.validator) return;
  state.issues.set(key, ctx.validator.validateField([key], controlOf(key).value));
}

/** Checks a whole list (so duplicates are found too) and stores the issues by item. */
export function checkList(name) {
  if (!ctx.validator) return;
  const value =
    name === 'proposals'
      ? state.proposals.map((p) => p.text)
      : state.signatories.map((s) => ({ name: s.name, party: s.party }));
  const prefix = name === 'proposals' ? 'proposal:' : 'signatory:';
  for (const key of [...state.issues.keys()]) {
    if (key === name || key.startsWith(prefix)) state.issues.delete(key);
  }
  for (const issue of ctx.validator.validateField([name], value)) {
    const key = keyOfPath(issue.path) ?? name;
    state.issues.set(key, [...(state.issues.get(key) ?? []), issue]);
  }
}

export function checkKey(key) {
  if (FIELDS.single.includes(key)) checkSingle(key);
  else if (key.startsWith('proposal')) checkList('proposals');
  else checkList('signatories');
}

/** Re-checks every field (after a change of language, municipality or order) and shows what is due. */
export function recheckAll() {
  if (!ctx.validator) return;
  for (const key of FIELDS.single) checkSingle(key);
  checkList('proposals');
  checkList('signatories');
  renderAllFields();
}

export function touch(key) {
  state.touched.add(key);
  state.suggesting.add(key);
  const row = /^signatory:(\d+):/.exec(key);
  if (row) state.touched.add(`signatory:${row[1]}`);
}

/**
 * After typing. `oneLine`: a fix shows at once (else after a pause);
 * `revealOnPause`: messages may appear after a pause (else on blur).
 */
export function onInput(key, { oneLine = false, revealOnPause = oneLine } = {}) {
  checkKey(key);
  clearTimeout(revealTimers.get(key));
  if (!state.touched.has(key)) {
    const issues = state.issues.get(key) ?? [];
    if (oneLine && issues.some((i) => typeof i.suggestion === 'string')) state.suggesting.add(key);
    else state.suggesting.delete(key);
    revealTimers.set(
      key,
      setTimeout(() => {
        state.suggesting.add(key);
        const now = state.issues.get(key) ?? [];
        if (revealOnPause && now.some((i) => !STILL_TYPING.has(i.code))) touch(key);
        renderKeys(key);
      }, REVEAL_AFTER_MS),
    );
  }
  renderKeys(key);
}

export function onLeave(key) {
  clearTimeout(revealTimers.get(key));
  touch(key);
  checkKey(key);
  // Leaving a field by pressing a button (submit, "Lägg till", "Ändra till"):
  // a message appearing now would move the button away before the mouse is
  // released and the click would be lost. Show it once the click is done.
  if (pointerOnButton) heldRenders.add(key);
  else renderKeys(key);
}

let pointerOnButton = false;
const heldRenders = new Set();

export function watchPointer() {
  document.addEventListener(
    'pointerdown',
    (e) => {
      pointerOnButton = Boolean(e.target.closest?.('button'));
    },
    true,
  );
  const release = () => {
    if (!pointerOnButton) return;
    // After the click event that follows this pointerup.
    setTimeout(() => {
      pointerOnButton = false;
      const keys = [...heldRenders];
      heldRenders.clear();
      for (const key of keys) if (dom(key)) renderKeys(key);
    }, 0);
  };
  document.addEventListener('pointerup', release, true);
  document.addEventListener('pointercancel', release, true);
}
