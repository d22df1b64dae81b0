// The motion form. Plain ES modules, no framework, no build step:
//
//   app.js            start, language, municipality, "Töm formuläret"
//   form/state.js     the shared state and the page's words
//   form/fields.js    the fields (the engine's own table) and where they are
//   form/checks.js    live checks with the engine's validateField
//   form/render.js    messages beside the fields, one-click fixes, error summary
//   form/lists.js     the yrkanden and the signatories ("Annat parti…")
//   form/verdict.js   "Kontrollera motionen" and its verdict
//   form/draft.js     the draft kept in this browser, two tabs
//   paste.js          "Klistra in motion"
//   submit.js         "Lämna in motionen"
//   receipt.js        the receipt: print, download
//
// Everything a person typed, and every message, goes on the page as text
// (textContent, Text nodes), never as HTML.

import { $, announce, el, localIsoDate } from './form/dom.js';
import {
  draft,
  hasUnsentMotion,
  loadDraft,
  renderDraftNote,
  saveDraft,
  startNewDraft,
  takeOtherVersion,
  wireDraft,
} from './form/draft.js';
import { checkSingle, makeValidator, onInput, onLeave, recheckAll, watchPointer } from './form/checks.js';
import { FIELDS, controlOf, currentMotion, initFields } from './form/fields.js';
import { renderLists, setMotion, wireLists } from './form/lists.js';
import { renderSummary, summaryEntries } from './form/render.js';
import { ctx, currentProfile, hooks, newProposal, newSignatory, setLangTexts, state } from './form/state.js';
import { check, clearResult, markStale, renderResult } from './form/verdict.js';
import { closeImportReport, retranslateImportReport, wirePaste } from './paste.js';
import { hideReceipt, retranslateReceipt, wireReceipt } from './receipt.js';
import { handIn } from './submit.js';

export { setMotion };

const LANG_KEY = 'motion-form-lang';

/** While true, filling the form (a restored draft, an emptied form) is not a change to save. */
let quiet = false;

hooks.changed = () => {
  if (quiet) return;
  saveDraft();
  markStale();
  updateDateHint();
};

function withoutChanges(fn) {
  quiet = true;
  try {
    fn();
  } finally {
    quiet = false;
  }
}

// ---------------------------------------------------------------- language and municipality

function updateDateHint() {
  const t = ctx.t;
  const today = controlOf('submittedOn')?.value === localIsoDate();
  $('submitted-on-hint').textContent = today ? `${t.submittedOnHint} ${t.submittedOnToday}` : t.submittedOnHint;
}

function applyTexts() {
  const t = ctx.t;
  document.documentElement.lang = state.lang;
  if ($('receipt').hidden) {
    document.title = state.summary.length && !$('error-summary').hidden ? `${t.errorTitlePrefix}${t.documentTitle}` : t.documentTitle;
  }
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t[node.dataset.text];
  const toggle = $('lang-toggle');
  toggle.textContent = t.otherLang;
  toggle.lang = t.otherLangCode;
  $('proposals-hint').textContent = currentProfile()?.requireAtt === false ? t.proposalsHintFree(t.riksdagExample) : t.proposalsHintAtt;
  updateDateHint();
  renderDraftNote();
}

function setLang(lang) {
  setLangTexts(lang);
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  makeValidator(showLoadError);
  applyTexts();
  renderLists();
  recheckAll();
  if (state.result && !state.result.stale) {
    check({ focus: false });
  } else {
    // The summary in the new language: the errors as they are now.
    if (state.summary.length && ctx.validator) state.summary = summaryEntries(ctx.validator.validate(currentMotion()));
    renderSummary({ focus: false });
    renderResult();
  }
  retranslateImportReport();
  retranslateReceipt();
}

function setProfile(name) {
  state.profile = name;
  makeValidator(showLoadError);
  applyTexts();
  renderLists();
  recheckAll();
  hooks.changed();
}

// ---------------------------------------------------------------- "Töm formuläret"

/** Empties the form for a new motion: a new draft, today's date, no verdict. */
function resetForm() {
  withoutChanges(() => {
    setMotion({}, { check: false });
    controlOf('submittedOn').value = localIsoDate();
  });
  startNewDraft();
  state.summary = [];
  renderSummary({ focus: false });
  clearResult();
  closeImportReport({ focus: false });
  checkSingle('submittedOn');
  updateDateHint();
}

function wireClear() {
  const dialog = $('clear-dialog');
  $('clear-open').addEventListener('click', () => {
    dialog.showModal();
    $('clear-title').focus();
  });
  $('clear-cancel').addEventListener('click', () => dialog.close());
  let cleared = false;
  $('clear-confirm').addEventListener('click', () => {
    cleared = true;
    dialog.close();
    resetForm();
    controlOf('title').focus();
    announce(ctx.t.cleared);
  });
  dialog.addEventListener('close', () => {
    if (!cleared) $('clear-open').focus();
    cleared = false;
  });
}

// ---------------------------------------------------------------- start

function showLoadError(e) {
  const box = $('load-error');
  box.textContent = ctx.t.loadFailed;
  box.hidden = false;
  console.error('motion-validator:', e);
}

async function loadProfiles() {
  if (ctx.wasm) {
    return ctx.wasm
      .profiles()
      .map((p) => ctx.wasm.profile(p.name))
      .filter(Boolean);
  }
  const response = await fetch('/api/v1/profiles');
  return response.json();
}

function applyDraft(record) {
  withoutChanges(() => {
    if (ctx.profiles.some((p) => p.name === record.profile) && record.profile !== state.profile) {
      state.profile = record.profile;
      $('profile').value = record.profile;
      makeValidator(showLoadError);
      applyTexts();
    }
    setMotion(record.motion, { check: false, other: record.other ?? [] });
    controlOf('submittedOn').value = String(record.motion.submittedOn ?? '');
    checkSingle('submittedOn');
  });
  updateDateHint();
}

function wire() {
  watchPointer();
  for (const key of FIELDS.single) {
    const control = controlOf(key);
    const kind = control.dataset.check; // line: title; date; text: the background
    if (kind === 'line') {
      // One line, in a text area that grows: Enter does not break it, a pasted break becomes a space.
      control.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') e.preventDefault();
      });
    }
    control.addEventListener('input', () => {
      if (kind === 'line' && /[\r\n]/.test(control.value)) control.value = control.value.replace(/\s*[\r\n]+\s*/g, ' ');
      onInput(key, { oneLine: kind === 'line' || kind === 'date', revealOnPause: kind === 'line' });
      hooks.changed();
    });
    control.addEventListener('blur', () => onLeave(key));
  }
  wireLists();
  $('profile').addEventListener('change', (e) => setProfile(e.target.value));
  $('lang-toggle').addEventListener('click', () => setLang(state.lang === 'sv' ? 'en' : 'sv'));
  wirePaste();
  wireClear();
  $('motion-form').addEventListener('submit', (e) => {
    e.preventDefault();
    check({ focus: true });
  });
  $('handin-button').addEventListener('click', () => handIn({ afterReceipt: resetForm }));
  wireReceipt({ onNew: () => controlOf('title').focus() });
  $('draft-take-other').addEventListener('click', () => {
    if (takeOtherVersion(applyDraft)) {
      clearResult();
      announce(ctx.t.draftTookOther);
    }
  });
  wireDraft({ onLeaveCheck: hasUnsentMotion });
}

async function start() {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'sv') setLangTexts(saved);
  } catch {
    // no storage: Swedish
  }
  try {
    ctx.wasm = await import('/pkg/web.js');
    await ctx.wasm.default();
  } catch (e) {
    ctx.wasm = null;
    showLoadError(e);
  }
  try {
    ctx.profiles = await loadProfiles();
  } catch (e) {
    showLoadError(e);
  }
  initFields();
  const select = $('profile');
  select.replaceChildren(...ctx.profiles.map((p) => el('option', { value: p.name, text: p.displayName })));
  select.value = state.profile;
  controlOf('submittedOn').value = draft.defaultDate;
  state.proposals = [newProposal()];
  state.signatories = [newSignatory()];
  makeValidator(showLoadError);
  applyTexts();
  renderLists();
  wire();
  const record = loadDraft();
  if (record) applyDraft(record);
  else checkSingle('submittedOn');
  hideReceipt();
  applyTexts();
  $('motion-form').removeAttribute('aria-busy');
  document.body.dataset.ready = 'true';
}

start();
