// The form's state: the words of the page in the current language, the
// validator, the profiles and what the lists hold. One object each, shared
// by the modules; nothing here touches the page.

import { TEXT } from '../i18n.js';

/** What the modules share: `t` the page's words, the package, the validator, the profiles. */
export const ctx = {
  t: TEXT.sv,
  /** The validator package (pkg/web.js), once loaded; null without WebAssembly. */
  wasm: null,
  /** A Validator for the current options. */
  validator: null,
  /** Full profiles, as Profile serializes. */
  profiles: [],
};

let nextKey = 1;

export const state = {
  lang: 'sv',
  profile: 'uppsala',
  /** The councillor's form submits; registration is the registrar's (their inbox). */
  stage: 'submission',
  proposals: [],
  signatories: [],
  /** Field keys whose messages are shown (left once, or checked). */
  touched: new Set(),
  /** Field keys whose one-click fixes are shown (a pause in typing, or left). */
  suggesting: new Set(),
  /** Field key → issues from the latest check of that field. */
  issues: new Map(),
  /** Errors of the last check, for the error summary: [{ key, message }]. */
  summary: [],
  /** The last check: { browser, server, serverError, pending, stale }. */
  result: null,
  checkSeq: 0,
};

/** Called after any change to the motion (a field, a list, the municipality): set by app.js. */
export const hooks = { changed: () => {} };

export function setLangTexts(lang) {
  state.lang = lang;
  ctx.t = TEXT[lang];
}

export function newProposal(text = '') {
  return { key: nextKey++, text };
}

/** `other`: the party was written in the "Annat parti…" field, not chosen from the list. */
export function newSignatory(name = '', party = '', other = false) {
  return { key: nextKey++, name, party, other };
}

export function currentProfile() {
  return ctx.profiles.find((p) => p.name === state.profile) ?? ctx.profiles[0];
}
