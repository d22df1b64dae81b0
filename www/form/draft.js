// The draft: everything typed is kept in this browser (localStorage) on each
// change and restored on load, with a quiet note. It never leaves the
// browser. Each draft has its own id and its own Idempotency-Key (so a
// double click or a retry of the hand-in stores one motion); the tab's
// draft id is in sessionStorage, so a reload or Back finds it again, and a
// new tab takes the latest draft.
//
// Two tabs on the same draft: when another tab changes it (or hands it in,
// or empties it), this tab says so and from then on keeps its own text as a
// draft of its own, so neither overwrites the other; a button takes the
// other tab's version instead.

import { $, localIsoDate } from './dom.js';
import { currentMotion, motionIsEmpty } from './fields.js';
import { ctx, state } from './state.js';

const PREFIX = 'motion-draft:';
const SESSION_KEY = 'motion-draft-id';
/** Drafts kept at most (the latest); older ones are dropped on load. */
const KEEP = 5;

function randomId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** This page's id, to tell its own writes from another tab's. */
const TAB = randomId();

export const draft = {
  id: randomId(),
  /** The Idempotency-Key of this draft's hand-in. */
  key: randomId(),
  /** When the restored draft was saved (ms), for the note; null when nothing was restored. */
  restoredFrom: null,
  /** The date filled in at start: not typed, so it does not make a draft. */
  defaultDate: localIsoDate(),
  /** Another tab's draft this one split from: { id, reason }. */
  conflict: null,
};

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: the form works, nothing is kept
  }
}

function read(id) {
  try {
    const record = JSON.parse(storage()?.getItem(PREFIX + id) ?? 'null');
    return record && typeof record === 'object' && record.motion ? record : null;
  } catch {
    return null;
  }
}

function allDrafts() {
  const store = storage();
  if (!store) return [];
  const out = [];
  for (let i = 0; i < store.length; i++) {
    const name = store.key(i);
    if (name?.startsWith(PREFIX)) {
      const record = read(name.slice(PREFIX.length));
      if (record) out.push(record);
      else store.removeItem(name);
    }
  }
  return out.sort((a, b) => b.savedAt - a.savedAt);
}

function remember() {
  try {
    sessionStorage.setItem(SESSION_KEY, draft.id);
  } catch {
    // no session storage: a reload takes the latest draft
  }
}

/** Saves the form now (on each change). An empty form is no draft. */
export function saveDraft() {
  const store = storage();
  if (!store) return;
  const motion = currentMotion();
  if (motionIsEmpty(motion, draft.defaultDate)) {
    store.removeItem(PREFIX + draft.id);
    return;
  }
  const content = { profile: state.profile, motion, other: state.signatories.map((s) => Boolean(s.other)) };
  const stored = read(draft.id);
  // Nothing new (a restore, a re-render): no write, so other tabs are not told of a change that is none.
  if (stored && stored.key === draft.key && sameContent(stored, content)) return;
  const record = { version: 1, id: draft.id, key: draft.key, tab: TAB, savedAt: Date.now(), ...content };
  try {
    store.setItem(PREFIX + draft.id, JSON.stringify(record));
    remember();
  } catch {
    // storage full: the form goes on without a draft
  }
}

function sameContent(a, b) {
  return JSON.stringify([a.profile, a.motion, a.other]) === JSON.stringify([b.profile, b.motion, b.other]);
}

/** The draft to restore on load: this tab's (reload, Back), else the latest. Null for a fresh start. */
export function loadDraft() {
  const drafts = allDrafts().filter((d) => !d.handedIn);
  for (const old of allDrafts().filter((d) => d.handedIn)) storage()?.removeItem(PREFIX + old.id);
  for (const old of drafts.slice(KEEP)) storage()?.removeItem(PREFIX + old.id);
  let mine = null;
  try {
    mine = sessionStorage.getItem(SESSION_KEY);
  } catch {
    // none
  }
  const record = drafts.find((d) => d.id === mine) ?? drafts[0] ?? null;
  if (!record) {
    remember();
    return null;
  }
  adopt(record);
  draft.restoredFrom = record.savedAt;
  return record;
}

function adopt(record) {
  draft.id = record.id;
  draft.key = typeof record.key === 'string' && record.key ? record.key : randomId();
  remember();
}

/** A new, empty draft (after "Töm formuläret" or a hand-in): a new id and a new key. */
export function startNewDraft() {
  storage()?.removeItem(PREFIX + draft.id);
  draft.id = randomId();
  draft.key = randomId();
  draft.restoredFrom = null;
  draft.conflict = null;
  remember();
  renderDraftNote();
}

/** After a hand-in: other tabs on this draft learn it went in, then it is gone. */
export function draftHandedIn(reference) {
  const store = storage();
  const record = read(draft.id);
  if (store && record) {
    try {
      store.setItem(PREFIX + draft.id, JSON.stringify({ ...record, tab: TAB, handedIn: reference }));
    } catch {
      // it is removed below all the same
    }
  }
  startNewDraft();
}

/** The server has seen this key with another motion (409): the next hand-in gets a new one. */
export function newIdempotencyKey() {
  draft.key = randomId();
  saveDraft();
}

/** Another tab wrote our draft: keep ours as a draft of its own, and say so. */
function onStorage(e) {
  if (e.key !== PREFIX + draft.id || e.storageArea !== storage()) return;
  const theirs = e.newValue ? (() => { try { return JSON.parse(e.newValue); } catch { return null; } })() : null;
  if (theirs?.tab === TAB) return;
  // The other tab wrote what this one shows: nothing to tell apart.
  const mine = { profile: state.profile, motion: currentMotion(), other: state.signatories.map((s) => Boolean(s.other)) };
  if (theirs && !theirs.handedIn && sameContent(theirs, mine)) return;
  const reason = !theirs ? 'cleared' : theirs.handedIn ? 'handedIn' : 'changed';
  draft.conflict = { id: draft.id, reason, reference: theirs?.handedIn ?? null };
  draft.id = randomId();
  draft.key = randomId();
  draft.restoredFrom = null;
  saveDraft();
  remember();
  renderDraftNote();
}

/** "Hämta den andra flikens version": this tab takes the other tab's draft instead of its own. */
export function takeOtherVersion(apply) {
  const conflict = draft.conflict;
  const record = conflict ? read(conflict.id) : null;
  if (!record || record.handedIn) {
    draft.conflict = { ...conflict, reason: 'gone' };
    renderDraftNote();
    return false;
  }
  storage()?.removeItem(PREFIX + draft.id);
  adopt(record);
  draft.conflict = null;
  apply(record);
  draft.restoredFrom = null;
  renderDraftNote();
  return true;
}

function when(ms) {
  const d = new Date(ms);
  const locale = state.lang === 'sv' ? 'sv-SE' : 'en-GB';
  const year = d.getFullYear() === new Date().getFullYear() ? undefined : 'numeric';
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year }).format(d).replace('.', '');
  const time = new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit' }).format(d);
  return `${day} ${time}`;
}

/** The notes above the form: a restored draft, or another tab's change. */
export function renderDraftNote() {
  const t = ctx.t;
  const note = $('draft-note');
  const conflict = $('draft-conflict');
  note.textContent = draft.restoredFrom ? t.draftRestored(when(draft.restoredFrom)) : '';
  note.hidden = !draft.restoredFrom;
  const c = draft.conflict;
  conflict.hidden = !c;
  if (!c) return;
  $('draft-conflict-text').textContent =
    c.reason === 'handedIn'
      ? t.draftHandedInElsewhere(c.reference)
      : c.reason === 'cleared'
        ? t.draftClearedElsewhere
        : c.reason === 'gone'
          ? t.draftOtherGone
          : t.draftChangedElsewhere;
  $('draft-take-other').hidden = c.reason !== 'changed';
}

export function wireDraft({ onLeaveCheck }) {
  window.addEventListener('storage', onStorage);
  // A warning before leaving while there is a motion that has not been handed in.
  window.addEventListener('beforeunload', (e) => {
    if (!onLeaveCheck()) return;
    e.preventDefault();
    e.returnValue = '';
  });
}

export function hasUnsentMotion() {
  return !motionIsEmpty(currentMotion(), draft.defaultDate);
}
