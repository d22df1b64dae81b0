// The motion form. Plain ES module, no framework, no build step.
//
// The validator runs here in WebAssembly (pkg/web.js, the same Rust rules
// as the server): validateField on input and blur for live checks, validate
// on submit. Then the motion goes to POST /api/v1/validate and the server's
// verdict is shown beside the browser's.
//
// Errors follow the GOV.UK Design System pattern: an error summary at the
// top on submit (focused; each entry a link that moves focus to its field),
// the message next to the field, aria-invalid and aria-describedby wired.
// Messages appear when a field is left (blur), after a short pause in typing
// on one-line fields, and on submit; once shown they update on every
// keystroke, so a fix is confirmed at once ("reward early, punish late").
//
// "Klistra in motion" reads a motion pasted from Word or a PDF with the
// importer (parseMotionText, its own WebAssembly module, fetched the first
// time the dialog opens), fills the fields it found through setMotion() and
// checks the whole motion at once. It asks before replacing anything typed.
//
// Everything a person typed, and every message, goes on the page as text
// (textContent, Text nodes), never as HTML.

import { TEXT } from './i18n.js';

const REVEAL_AFTER_MS = 1000;
const LANG_KEY = 'motion-form-lang';

// ---------------------------------------------------------------- state

let t = TEXT.sv;
let wasm = null; // the validator package, once loaded
let validator = null; // a wasm Validator for the current options
let profilesList = []; // full profiles, as Profile serializes
let nextKey = 1;

const state = {
  lang: 'sv',
  profile: 'uppsala',
  stage: 'submission',
  proposals: [newProposal()],
  signatories: [newSignatory()],
  /** Field keys whose messages are shown (left once, or submitted). */
  touched: new Set(),
  /** Field key → issues from the latest check of that field. */
  issues: new Map(),
  /** Errors of the last submit, for the error summary: [{ key, message }]. */
  summary: [],
  /** The last submit's reports: { browser, server, serverError }. */
  result: null,
  checkSeq: 0,
};

const revealTimers = new Map();

function newProposal(text = '') {
  return { key: nextKey++, text };
}

function newSignatory(name = '', party = '') {
  return { key: nextKey++, name, party };
}

// ---------------------------------------------------------------- helpers

const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become Text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

function hidden(text) {
  return el('span', { class: 'visually-hidden', text });
}

function localIsoDate(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function announce(text) {
  const a = $('announcer');
  a.textContent = '';
  // A fresh text node after a tick, so the same words are announced again.
  setTimeout(() => {
    a.textContent = text;
  }, 50);
}

function currentProfile() {
  return profilesList.find((p) => p.name === state.profile) ?? profilesList[0];
}

/**
 * An example diary number for the hint: the validator's own (the one its
 * messages use), read from the params of a deliberately wrong number;
 * without the validator, made from the profile's first template.
 */
function diaryNumberExample(profile) {
  const issue = validator?.validateField(['diaryNumber'], '?').find((i) => i.code === 'diary_number_format');
  const example = issue?.params?.formats?.[0];
  if (typeof example === 'string') return example;
  const template = profile?.diaryNumberFormats?.[0];
  return template ? diaryExample(template) : '';
}

/** An example diary number from a template such as "KSN-{yyyy}-{n:5}". */
function diaryExample(template) {
  const year = new Date().getFullYear();
  const yy = (y) => String(y % 100).padStart(2, '0');
  return template.replace(/\{([^}]*)\}/g, (_, p) => {
    if (p === 'yyyy') return String(year);
    if (p === 'yy') return yy(year);
    if (p === 'yy+1') return yy(year + 1);
    const m = /^n(?::(\d+)(?:-(\d+))?)?$/.exec(p);
    if (m) return '123'.padStart(Number(m[1] ?? 1), '0');
    const a = /^a(?::(\d+)(?:-(\d+))?)?$/.exec(p);
    if (a) return 'ABCDEFGHI'.slice(0, Number(a[1] ?? 1));
    return p;
  });
}

// ---------------------------------------------------------------- field keys
//
// A field key names a place in the form that stays the same when list items
// move: 'title', 'proposal:7', 'signatory:3:party'. Report paths (by index)
// become keys through the current order of the lists.

function keyOfPath(path) {
  const [head, index, field] = path;
  if (head === 'proposals' && typeof index === 'number') {
    const item = state.proposals[index];
    return item ? `proposal:${item.key}` : 'proposals';
  }
  if (head === 'signatories' && typeof index === 'number') {
    const item = state.signatories[index];
    if (!item) return 'signatories';
    if (field === 'name' || field === 'party') return `signatory:${item.key}:${field}`;
    return `signatory:${item.key}`;
  }
  if (['title', 'body', 'proposals', 'signatories', 'submittedOn', 'diaryNumber'].includes(head)) {
    return head;
  }
  return null; // not a field of the form (the motion as a whole)
}

const STATIC_IDS = {
  title: 'title',
  body: 'body',
  submittedOn: 'submitted-on',
  diaryNumber: 'diary-number',
};

/**
 * Where a field key lives on the page: the element that holds its messages
 * (group), the control that gets aria-invalid, the element a summary link
 * focuses, and the label used to prefix its entry in the summary.
 */
function dom(key) {
  if (STATIC_IDS[key]) {
    const id = STATIC_IDS[key];
    const control = $(id);
    return { id, group: $(`${id}-group`), control, focus: control, anchor: $(`${id}-hint`) };
  }
  if (key === 'proposals' || key === 'signatories') {
    const first = key === 'proposals' ? 'proposal-0' : 'signatory-0-name';
    return {
      id: key,
      group: $(`${key}-group`),
      control: $(`${key}-group`),
      focus: $(first) ?? $(`${key}-add`),
      anchor: $(`${key}-hint`),
    };
  }
  const [kind, k, field] = key.split(':');
  const list = kind === 'proposal' ? state.proposals : state.signatories;
  const i = list.findIndex((item) => String(item.key) === k);
  if (i < 0) return null;
  if (kind === 'proposal') {
    const id = `proposal-${i}`;
    return { id, group: $(`${id}-group`), control: $(id), focus: $(id), anchor: $(`${id}-label`), index: i, label: t.proposalLabel(i + 1) };
  }
  if (field) {
    const id = `signatory-${i}-${field}`;
    return {
      id,
      group: $(`${id}-group`),
      control: $(id),
      focus: $(id),
      anchor: $(`${id}-hint`) ?? $(`${id}-label`),
      index: i,
      label: `${t.signatoryLegend(i + 1)}, ${(field === 'name' ? t.nameLabel : t.partyLabel).toLowerCase()}`,
    };
  }
  const id = `signatory-${i}`;
  return { id, group: $(id), control: $(id), focus: $(`${id}-name`), anchor: $(`${id}-legend`), index: i, label: t.signatoryLegend(i + 1) };
}

function allKeys() {
  const keys = ['title', 'body', 'proposals'];
  for (const p of state.proposals) keys.push(`proposal:${p.key}`);
  keys.push('signatories');
  for (const s of state.signatories) keys.push(`signatory:${s.key}`, `signatory:${s.key}:name`, `signatory:${s.key}:party`);
  keys.push('submittedOn');
  if (state.stage === 'registration') keys.push('diaryNumber');
  return keys;
}

// ---------------------------------------------------------------- the motion

function currentMotion() {
  const motion = {
    title: $('title').value,
    body: $('body').value,
    proposals: state.proposals.map((p) => p.text),
    signatories: state.signatories.map((s) => ({ name: s.name, party: s.party })),
    submittedOn: $('submitted-on').value,
  };
  if (state.stage === 'registration') motion.diaryNumber = $('diary-number').value;
  return motion;
}

/**
 * Fills the form from a motion object (for "Klistra in motion" and
 * anything else that brings a motion in). Runs the checks at once.
 */
export function setMotion(motion) {
  $('title').value = String(motion?.title ?? '');
  $('body').value = String(motion?.body ?? '');
  const proposals = Array.isArray(motion?.proposals) ? motion.proposals : [];
  state.proposals = (proposals.length ? proposals : ['']).map((p) => newProposal(String(p ?? '')));
  const signatories = Array.isArray(motion?.signatories) ? motion.signatories : [];
  state.signatories = (signatories.length ? signatories : [{}]).map((s) =>
    newSignatory(String(s?.name ?? ''), String(s?.party ?? '')),
  );
  if (motion?.submittedOn) $('submitted-on').value = String(motion.submittedOn);
  if (motion?.diaryNumber) $('diary-number').value = String(motion.diaryNumber);
  renderLists();
  for (const key of allKeys()) state.touched.add(key);
  recheckTouched();
}

// ---------------------------------------------------------------- checks

function makeValidator() {
  if (!wasm) return;
  try {
    const next = new wasm.Validator({ profile: state.profile, lang: state.lang, stage: state.stage });
    validator?.free();
    validator = next;
  } catch (e) {
    showLoadError(e);
  }
}

/** Runs validateField for a static field and stores its issues. */
function checkStatic(key) {
  if (!validator) return;
  const control = $(STATIC_IDS[key]);
  state.issues.set(key, validator.validateField([key], control.value));
}

/** Checks a whole list (so duplicates are found too) and stores the issues by item. */
function checkList(name) {
  if (!validator) return;
  const value =
    name === 'proposals'
      ? state.proposals.map((p) => p.text)
      : state.signatories.map((s) => ({ name: s.name, party: s.party }));
  const prefix = name === 'proposals' ? 'proposal:' : 'signatory:';
  for (const key of [...state.issues.keys()]) {
    if (key === name || key.startsWith(prefix)) state.issues.delete(key);
  }
  for (const issue of validator.validateField([name], value)) {
    const key = keyOfPath(issue.path) ?? name;
    state.issues.set(key, [...(state.issues.get(key) ?? []), issue]);
  }
}

function checkKey(key) {
  if (STATIC_IDS[key]) checkStatic(key);
  else if (key.startsWith('proposal')) checkList('proposals');
  else checkList('signatories');
}

/** Re-checks everything that shows messages (after a change of language, profile, stage or order). */
function recheckTouched() {
  if (!validator) return;
  for (const key of Object.keys(STATIC_IDS)) if (key !== 'diaryNumber' || state.stage === 'registration') checkStatic(key);
  checkList('proposals');
  checkList('signatories');
  if (state.stage !== 'registration') state.issues.delete('diaryNumber');
  renderAllFields();
}

function touch(key) {
  state.touched.add(key);
  const row = /^signatory:(\d+):/.exec(key);
  if (row) state.touched.add(`signatory:${row[1]}`);
}

/** After typing: check now; show now if the field already shows messages, else after a pause (one-line fields) or on blur. */
function onInput(key, { reveal = false } = {}) {
  checkKey(key);
  clearTimeout(revealTimers.get(key));
  if (!state.touched.has(key) && reveal) {
    revealTimers.set(
      key,
      setTimeout(() => {
        touch(key);
        renderKeys(key);
      }, REVEAL_AFTER_MS),
    );
  }
  renderKeys(key);
}

function onLeave(key) {
  clearTimeout(revealTimers.get(key));
  touch(key);
  checkKey(key);
  // Leaving a field by pressing a button (submit, "Lägg till", "Använd"):
  // a message appearing now would move the button away before the mouse is
  // released and the click would be lost. Show it once the click is done.
  if (pointerOnButton) heldRenders.add(key);
  else renderKeys(key);
}

let pointerOnButton = false;
const heldRenders = new Set();

function watchPointer() {
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

/** Renders a field and, for list items, the whole list (duplicates move between items). */
function renderKeys(key) {
  if (STATIC_IDS[key]) renderField(key);
  else if (key.startsWith('proposal')) renderListFields('proposals');
  else renderListFields('signatories');
}

function renderListFields(name) {
  renderField(name);
  if (name === 'proposals') for (const p of state.proposals) renderField(`proposal:${p.key}`);
  else
    for (const s of state.signatories) {
      renderField(`signatory:${s.key}`);
      renderField(`signatory:${s.key}:name`);
      renderField(`signatory:${s.key}:party`);
    }
}

function renderAllFields() {
  for (const key of allKeys()) renderField(key);
  if (state.stage !== 'registration') renderField('diaryNumber');
}

// ---------------------------------------------------------------- messages

function visibleIssues(key) {
  if (key === 'diaryNumber' && state.stage !== 'registration') return [];
  return state.touched.has(key) ? state.issues.get(key) ?? [] : [];
}

/** Puts a field's messages, its error state and its suggestions on the page. */
function renderField(key) {
  const d = dom(key);
  if (!d || !d.group) return;
  const issues = visibleIssues(key);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity !== 'error');

  let box = $(`${d.id}-messages`);
  if (!box) {
    box = el('div', { class: 'field-messages', id: `${d.id}-messages` });
    if (d.anchor) d.anchor.after(box);
    else d.group.prepend(box);
  }
  // Unchanged: leave the DOM alone. Replacing a suggestion button between
  // mousedown (which blurs the field and re-renders it) and mouseup would
  // swallow the click; screen readers also notice needless churn.
  const signature = JSON.stringify([state.lang, d.label ?? '', issues.map((i) => [i.severity, i.message, i.suggestion])]);
  if (box.dataset.signature === signature && d.group.contains(box)) return;
  box.dataset.signature = signature;
  box.replaceChildren();
  const describedBy = (d.control.dataset.describedby ?? d.control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean);
  d.control.dataset.describedby = describedBy.join(' ');
  const ids = [...describedBy];
  if (errors.length) {
    const p = el('p', { class: 'error-message', id: `${d.id}-error` });
    errors.forEach((issue, n) => {
      if (n) p.append(el('br'));
      p.append(hidden(`${t.errorPrefix} `), issue.message);
    });
    box.append(p);
    ids.push(p.id);
  }
  if (warnings.length) {
    const p = el('p', { class: 'warning-message', id: `${d.id}-warning` });
    warnings.forEach((issue, n) => {
      if (n) p.append(el('br'));
      p.append(el('strong', { class: 'warning-message__prefix', text: t.warningPrefix }), ' ', issue.message);
    });
    box.append(p);
    ids.push(p.id);
  }
  d.group.classList.toggle('form-group--error', errors.length > 0);
  d.group.classList.toggle('form-group--warning', errors.length === 0 && warnings.length > 0);
  const isControl = ['INPUT', 'TEXTAREA', 'SELECT'].includes(d.control.tagName);
  if (isControl && errors.length) d.control.setAttribute('aria-invalid', 'true');
  else d.control.removeAttribute('aria-invalid');
  if (ids.length) d.control.setAttribute('aria-describedby', ids.join(' '));
  else d.control.removeAttribute('aria-describedby');

  // One-click fixes: "Använd: KSN-2020-02111".
  let fixes = $(`${d.id}-fixes`);
  const suggestions = isControl ? [...new Set(issues.map((i) => i.suggestion).filter((s) => typeof s === 'string'))] : [];
  if (!suggestions.length) {
    fixes?.remove();
    return;
  }
  if (!fixes) {
    fixes = el('div', { class: 'suggestions', id: `${d.id}-fixes` });
    d.control.after(fixes);
  }
  fixes.replaceChildren(
    ...suggestions.map((s) => {
      const b = el('button', { type: 'button', class: 'button button--secondary button--suggestion' }, t.use(s));
      if (d.label) b.append(hidden(t.useFor(d.label)));
      b.addEventListener('click', () => applySuggestion(key, s));
      return b;
    }),
  );
}

function applySuggestion(key, value) {
  const d = dom(key);
  if (!d) return;
  d.control.value = value;
  if (key.startsWith('proposal:')) state.proposals[d.index].text = value;
  else if (key.endsWith(':name')) state.signatories[d.index].name = value;
  else if (key.endsWith(':party')) state.signatories[d.index].party = value;
  touch(key);
  checkKey(key);
  renderKeys(key);
  dom(key)?.control.focus();
}

// ---------------------------------------------------------------- error summary

function summaryEntries(report) {
  const entries = [];
  for (const issue of report.issues) {
    if (issue.severity !== 'error') continue;
    entries.push({ key: keyOfPath(issue.path), message: issue.message });
  }
  return entries;
}

function renderSummary({ focus }) {
  const box = $('error-summary');
  const list = $('error-summary-list');
  list.replaceChildren();
  if (!state.summary.length) {
    box.hidden = true;
    document.title = t.documentTitle;
    return;
  }
  for (const entry of state.summary) {
    const d = entry.key ? dom(entry.key) ?? dom(entry.key.startsWith('proposal') ? 'proposals' : 'signatories') : null;
    let text = entry.message;
    // List messages such as "Yrkandet ska börja med ”att”." say which item only here.
    if (d?.label && !text.toLowerCase().includes(d.label.split(',')[0].toLowerCase())) text = `${d.label}: ${text}`;
    if (d?.focus) {
      const a = el('a', { href: `#${d.focus.id}` }, text);
      a.addEventListener('click', (e) => {
        e.preventDefault();
        // Look the field up again: the lists may have changed since.
        const target = (entry.key && dom(entry.key)?.focus) || d.focus;
        focusField(target);
      });
      list.append(el('li', {}, a));
    } else {
      list.append(el('li', {}, text));
    }
  }
  box.hidden = false;
  document.title = `${t.errorTitlePrefix}${t.documentTitle}`;
  if (focus) {
    box.focus();
    box.scrollIntoView({ block: 'start' });
  }
}

/** Focuses a field and brings its label (or legend) into view with it, as GOV.UK does. */
function focusField(control) {
  if (!control) return;
  const label =
    (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`)) ||
    control.closest('fieldset')?.querySelector('legend');
  (label ?? control).scrollIntoView({ block: 'start' });
  control.focus({ preventScroll: true });
}

// ---------------------------------------------------------------- submit

async function submit({ focus = true } = {}) {
  const seq = ++state.checkSeq;
  const motion = currentMotion();
  const browser = validator ? validator.validate(motion) : null;
  state.result = { browser, server: null, serverError: null, pending: true };
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
  if (seq !== state.checkSeq) return; // a newer check has started
  state.result = { browser, server, serverError, pending: false };
  if (!browser && server) applyReport(server, { focus });
  renderResult({ focus: focus && !browser && server?.valid });
}

function applyReport(report, { focus }) {
  state.issues.clear();
  for (const issue of report.issues) {
    // Issues about the motion as a whole (none the form can cause) are in the summary only.
    const key = keyOfPath(issue.path);
    if (key) state.issues.set(key, [...(state.issues.get(key) ?? []), issue]);
  }
  for (const key of allKeys()) state.touched.add(key);
  renderAllFields();
  state.summary = summaryEntries(report);
  renderSummary({ focus: focus && !report.valid });
}

function describeIssue(issue) {
  return `${issue.code} (${issue.path.join('.') || '–'})`;
}

function renderResult({ focus = false } = {}) {
  const r = state.result;
  const section = $('result');
  if (!r) {
    section.hidden = true;
    return;
  }
  const verdict = (report) => (report.valid ? t.approved : t.notApproved);
  const main = r.browser ?? r.server;
  $('verdict-browser').textContent = `${t.browser}: ${r.browser ? verdict(r.browser) : t.notRun}`;
  $('verdict-server').textContent = `${t.server}: ${
    r.pending ? t.checking : r.server ? verdict(r.server) : t.unreachable
  }`;
  $('verdict').classList.toggle('verdict--valid', Boolean(main?.valid));

  // The same code on both sides must give the same report, byte for byte.
  const mismatch = $('verdict-mismatch');
  mismatch.replaceChildren();
  mismatch.hidden = true;
  mismatch.removeAttribute('role');
  if (r.browser && r.server && JSON.stringify(r.browser) !== JSON.stringify(r.server)) {
    const seen = (report) => new Set(report.issues.map(describeIssue));
    const b = seen(r.browser);
    const s = seen(r.server);
    const diffs = [
      ...[...b].filter((x) => !s.has(x)).map((x) => t.onlyIn(t.browser, x)),
      ...[...s].filter((x) => !b.has(x)).map((x) => t.onlyIn(t.server, x)),
    ];
    mismatch.append(el('strong', { text: t.mismatch }));
    if (diffs.length) mismatch.append(el('br'), `${t.mismatchDetails} ${diffs.join('; ')}`);
    mismatch.setAttribute('role', 'alert');
    mismatch.hidden = false;
  }

  const title = $('result-title');
  const note = $('result-note');
  const details = $('result-details');
  details.replaceChildren();
  if (!main) {
    title.textContent = t.resultInvalid;
    note.textContent = r.pending ? '' : t.resultNoteServerDown;
  } else if (main.valid) {
    title.textContent = r.server || r.pending ? t.resultValid : t.resultValidBrowserOnly;
    const warnings = main.issues.length;
    note.textContent = [
      r.pending || r.server ? (r.pending ? '' : t.resultNoteValid) : t.resultNoteServerDown,
      warnings ? t.resultNoteWarnings(warnings) : '',
    ]
      .filter(Boolean)
      .join(' ');
    if (main.normalized) details.append(normalizedList(main.normalized));
  } else {
    title.textContent = t.resultInvalid;
    const errors = main.issues.filter((i) => i.severity === 'error').length;
    note.textContent = [t.resultNoteInvalid(errors), !r.pending && !r.server ? t.resultNoteServerDown : '']
      .filter(Boolean)
      .join(' ');
  }
  section.classList.toggle('result--valid', Boolean(main?.valid));
  section.hidden = false;
  if (focus) {
    title.focus();
    section.scrollIntoView({ block: 'start' });
  }
}

/** The normalized motion (as it will be stored) as a summary list. */
function normalizedList(m) {
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
      m.diaryNumber ? row(t.fieldDiaryNumber, m.diaryNumber) : null,
    ),
  );
}

// ---------------------------------------------------------------- lists

function moveButton(text, label, action, key) {
  return el(
    'button',
    { type: 'button', class: 'button button--secondary button--small', 'data-action': action, 'data-key': key },
    text,
    hidden(` ${label.toLowerCase()}`),
  );
}

function renderProposals() {
  const list = $('proposals-list');
  const n = state.proposals.length;
  list.replaceChildren(
    ...state.proposals.map((p, i) => {
      const id = `proposal-${i}`;
      const label = t.proposalLabel(i + 1);
      const area = el('textarea', { class: 'textarea', id, rows: 3, spellcheck: 'true', 'data-key': p.key });
      area.value = p.text;
      area.addEventListener('input', () => {
        p.text = area.value;
        onInput(`proposal:${p.key}`);
      });
      area.addEventListener('blur', () => onLeave(`proposal:${p.key}`));
      const actions = el('div', { class: 'list-item__actions' });
      if (i > 0) actions.append(moveButton(t.moveUp, label, 'up', p.key));
      if (i < n - 1) actions.append(moveButton(t.moveDown, label, 'down', p.key));
      if (n > 1) actions.append(moveButton(t.remove, label, 'remove', p.key));
      return el(
        'li',
        { class: 'list-item form-group', id: `${id}-group` },
        el('label', { class: 'label label--s', for: id, id: `${id}-label`, text: label }),
        area,
        actions,
      );
    }),
  );
}

function partyOptions(selected) {
  const profile = currentProfile();
  const options = [el('option', { value: '', text: t.choosePartyOption })];
  for (const p of profile?.parties ?? []) options.push(el('option', { value: p.code, text: `${p.name} (${p.code})` }));
  options.push(el('option', { value: '-', text: t.partyless }));
  // A party from another municipality stays visible, so the check can say why it is wrong.
  if (selected && selected !== '-' && !profile?.parties.some((p) => p.code === selected)) {
    options.push(el('option', { value: selected, text: selected }));
  }
  return options;
}

function renderSignatories() {
  const list = $('signatories-list');
  const n = state.signatories.length;
  list.replaceChildren(
    ...state.signatories.map((s, i) => {
      const id = `signatory-${i}`;
      const legend = t.signatoryLegend(i + 1);
      const name = el('input', {
        class: 'input',
        type: 'text',
        id: `${id}-name`,
        autocomplete: i === 0 ? 'name' : 'off',
        spellcheck: 'false',
        'aria-describedby': `${id}-name-hint`,
      });
      name.value = s.name;
      name.addEventListener('input', () => {
        s.name = name.value;
        onInput(`signatory:${s.key}:name`, { reveal: true });
      });
      name.addEventListener('blur', () => onLeave(`signatory:${s.key}:name`));
      const party = el('select', { class: 'select', id: `${id}-party` }, ...partyOptions(s.party));
      party.value = s.party;
      party.addEventListener('change', () => {
        s.party = party.value;
        onLeave(`signatory:${s.key}:party`);
      });
      party.addEventListener('blur', () => onLeave(`signatory:${s.key}:party`));
      const actions = el('div', { class: 'list-item__actions' });
      if (n > 1) actions.append(moveButton(t.remove, legend, 'remove', s.key));
      return el(
        'li',
        { class: 'list-item' },
        el(
          'fieldset',
          { class: 'fieldset signatory', id },
          el('legend', { class: 'fieldset__legend fieldset__legend--s', id: `${id}-legend`, text: legend }),
          el(
            'div',
            { class: 'signatory__fields' },
            el(
              'div',
              { class: 'form-group signatory__name', id: `${id}-name-group` },
              el('label', { class: 'label', for: `${id}-name`, id: `${id}-name-label`, text: t.nameLabel }),
              el('p', { class: 'hint', id: `${id}-name-hint`, text: t.nameHint }),
              name,
            ),
            el(
              'div',
              { class: 'form-group signatory__party', id: `${id}-party-group` },
              el('label', { class: 'label', for: `${id}-party`, id: `${id}-party-label`, text: t.partyLabel }),
              party,
            ),
          ),
          actions,
        ),
      );
    }),
  );
}

function renderLists() {
  renderProposals();
  renderSignatories();
  renderListFields('proposals');
  renderListFields('signatories');
}

function onListAction(name, event) {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const list = name === 'proposals' ? state.proposals : state.signatories;
  const i = list.findIndex((item) => String(item.key) === button.dataset.key);
  if (i < 0) return;
  const label = name === 'proposals' ? t.proposalLabel : t.signatoryLegend;
  const action = button.dataset.action;
  const item = list[i];
  let focusId;
  if (action === 'remove') {
    list.splice(i, 1);
    const next = Math.min(i, list.length - 1);
    focusId = name === 'proposals' ? `proposal-${next}` : `signatory-${next}-name`;
    announce(t.removed(label(i + 1)));
  } else {
    const j = action === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    announce(t.moved(label(i + 1), j + 1));
    focusId = null;
    renderAfterListChange(name);
    // Keep focus on the moved item: the same button if it is still there.
    const buttons = [...$(`${name}-list`).querySelectorAll(`button[data-key="${item.key}"]`)];
    const same = buttons.find((b) => b.dataset.action === action) ?? buttons.find((b) => b.dataset.action !== 'remove');
    (same ?? $(`proposal-${j}`))?.focus();
    return;
  }
  renderAfterListChange(name);
  if (focusId) $(focusId)?.focus();
}

function renderAfterListChange(name) {
  if (name === 'proposals') renderProposals();
  else renderSignatories();
  checkList(name);
  renderListFields(name);
}

function addItem(name) {
  const list = name === 'proposals' ? state.proposals : state.signatories;
  list.push(name === 'proposals' ? newProposal() : newSignatory());
  renderAfterListChange(name);
  const i = list.length - 1;
  $(name === 'proposals' ? `proposal-${i}` : `signatory-${i}-name`)?.focus();
  announce(t.added(name === 'proposals' ? t.proposalLabel(i + 1) : t.signatoryLegend(i + 1)));
}

// ---------------------------------------------------------------- "Klistra in motion"
//
// The dialog has two steps: the text (textarea, "Läs in", "Avbryt") and,
// when the text would replace something already typed, a question listing
// what. After reading, the dialog closes, the form is filled (only the
// fields the text gave) and checked as on submit, and a report above the
// form says what was filled in and what the importer could not place.

const MOTION_FIELDS = ['title', 'body', 'proposals', 'signatories', 'submittedOn', 'diaryNumber'];

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
  /** The date filled in at start: it was not typed, so a date from the text may replace it without asking. */
  defaultDate: '',
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
    if (seq === paste.seq && dialog.open) showPasteFailure(t.pasteLoadFailed);
  };
  if (typeof wasm?.parseMotionText === 'function') wasm.parseMotionText('', importOptions()).catch(failed);
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
  status.textContent = busy ? t.pasteBusy : '';
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
    box.append(hidden(`${t.errorPrefix} `), text);
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
    showPasteError(t.pasteEmpty);
    $('paste-text').focus();
    return;
  }
  showPasteError(null);
  const seq = ++paste.seq;
  setPasteBusy(true);
  let parsed;
  try {
    if (typeof wasm?.parseMotionText !== 'function') throw new Error('the WebAssembly package is not loaded');
    parsed = await wasm.parseMotionText(text, importOptions());
  } catch (e) {
    if (seq !== paste.seq) return;
    setPasteBusy(false);
    showPasteFailure(t.pasteLoadFailed);
    console.warn('motion-validator: the importer could not run:', e);
    return;
  }
  if (seq !== paste.seq) return; // closed (or read again) meanwhile
  setPasteBusy(false);
  const given = givenFields(parsed?.motion);
  if (!given.length) {
    showPasteFailure(t.pasteNothing);
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

function givenFields(motion) {
  if (!motion || typeof motion !== 'object') return [];
  return MOTION_FIELDS.filter((f) => motion[f] !== undefined && motion[f] !== null);
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
    ['title', t.titleLabel],
    ['body', t.bodyLabel],
  ]) {
    const value = $(field).value;
    if (has.has(field) && value.trim() && value !== given[field]) out.push({ label, value: `”${excerpt(value)}”` });
  }
  const proposals = state.proposals.map((p) => p.text);
  const typedProposals = proposals.filter((p) => p.trim());
  if (has.has('proposals') && typedProposals.length && !same(proposals, given.proposals)) {
    const more = typedProposals.length > 1 ? ' …' : '';
    out.push({
      label: t.proposalsLegend,
      value: `${t.proposalsCount(typedProposals.length)}: ”${excerpt(typedProposals[0], 40)}”${more}`,
    });
  }
  const signatories = state.signatories.map((s) => ({ name: s.name, party: s.party }));
  const typedSignatories = signatories.filter((s) => s.name.trim() || s.party);
  if (has.has('signatories') && typedSignatories.length && !same(signatories, given.signatories)) {
    out.push({
      label: t.signatoriesLegend,
      value: typedSignatories.map((s) => (s.party ? `${s.name.trim()} (${s.party})` : s.name.trim())).join(', '),
    });
  }
  const date = $('submitted-on').value;
  if (has.has('submittedOn') && date && date !== paste.defaultDate && date !== given.submittedOn) {
    out.push({ label: t.submittedOnLabel, value: date });
  }
  const diary = $('diary-number').value;
  if (has.has('diaryNumber') && diary.trim() && diary !== given.diaryNumber) out.push({ label: t.diaryLabel, value: diary });
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
  const motion = { ...currentMotion(), diaryNumber: $('diary-number').value };
  for (const field of givenFields(given)) motion[field] = given[field];
  setMotion(motion);

  // The form changed: an earlier verdict no longer applies, and a server answer still on its way is dropped.
  state.checkSeq++;
  state.result = null;
  renderResult();
  const report = validator ? validator.validate(currentMotion()) : null;
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
  const kept = MOTION_FIELDS.filter((f) => !filled.includes(f) && f in now && isSet(f));
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
    title: () => t.titleLabel.toLowerCase(),
    body: () => t.bodyLabel.toLowerCase(),
    proposals: () => t.proposalsCount(given.proposals?.length ?? 0),
    signatories: () => t.signatoriesCount(given.signatories?.length ?? 0),
    submittedOn: () => t.fieldDate,
    diaryNumber: () => t.diaryLabel.toLowerCase(),
  };
  const filled = givenFields(given);
  $('paste-report-filled').textContent = t.reportFilled(filled.map((f) => names[f]()));
  const kept = last.kept;
  const keptBox = $('paste-report-kept');
  // Kept lists are named as lists ("yrkanden"), not counted: the count is of the text's.
  const keptName = (f) =>
    f === 'proposals' ? t.proposalsLegend.toLowerCase() : f === 'signatories' ? t.signatoriesLegend.toLowerCase() : names[f]();
  keptBox.textContent = kept.length ? t.reportKept(kept.map(keptName)) : '';
  keptBox.hidden = !kept.length;

  const issues = Array.isArray(last.parsed.issues) ? last.parsed.issues : [];
  $('paste-report-issues').hidden = !issues.length;
  $('paste-report-issues-intro').textContent = t.reportIssues(issues.length);
  $('paste-report-list').replaceChildren(
    ...issues.map((issue, n) => {
      const error = issue.severity === 'error';
      const prefix = el('strong', {
        class: error ? 'import-issue__prefix' : 'warning-message__prefix',
        text: error ? t.errorPrefix : t.warningPrefix,
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
async function retranslateImportReport() {
  const last = paste.last;
  if (!last || $('paste-report').hidden) return;
  renderImportReport();
  if (!last.parsed.issues?.length || typeof wasm?.parseMotionText !== 'function') return;
  try {
    // The same reading (the profile it was read with) in the new language.
    const again = await wasm.parseMotionText(last.text, { profile: last.profile, lang: state.lang });
    if (paste.last !== last || again.issues?.length !== last.parsed.issues.length) return;
    last.parsed = { motion: last.parsed.motion, issues: again.issues };
    renderImportReport();
  } catch {
    // the messages stay in the language they were read in
  }
}

function closeImportReport() {
  paste.last = null;
  renderImportReport();
  $('paste-open').focus();
}

function wirePaste() {
  const dialog = $('paste-dialog');
  $('paste-open').addEventListener('click', openPaste);
  $('paste-read').addEventListener('click', readPasted);
  $('paste-cancel').addEventListener('click', closePaste);
  $('paste-replace').addEventListener('click', confirmReplace);
  $('paste-keep').addEventListener('click', keepTyped);
  $('paste-report-close').addEventListener('click', closeImportReport);
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

// ---------------------------------------------------------------- language, profile, stage

function applyTexts() {
  document.documentElement.lang = state.lang;
  document.title = state.summary.length && !$('error-summary').hidden ? `${t.errorTitlePrefix}${t.documentTitle}` : t.documentTitle;
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t[node.dataset.text];
  const toggle = $('lang-toggle');
  toggle.textContent = t.otherLang;
  toggle.lang = t.otherLangCode;
  const profile = currentProfile();
  $('proposals-hint').textContent = profile?.requireAtt === false ? t.proposalsHintFree(t.riksdagExample) : t.proposalsHintAtt;
  $('diary-number-hint').textContent = t.diaryHint(diaryNumberExample(profile));
}

function refreshAll({ rerunSubmit }) {
  applyTexts();
  renderLists();
  recheckTouched();
  if (rerunSubmit && state.result) submit({ focus: false });
  else renderSummary({ focus: false });
}

function setLang(lang) {
  state.lang = lang;
  t = TEXT[lang];
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  makeValidator();
  refreshAll({ rerunSubmit: true });
  retranslateImportReport();
}

function setProfile(name) {
  state.profile = name;
  makeValidator();
  refreshAll({ rerunSubmit: false });
  if (state.result) submit({ focus: false });
}

function setStage(stage) {
  state.stage = stage;
  $('diary-number-group').hidden = stage !== 'registration';
  makeValidator();
  recheckTouched();
  if (state.result) submit({ focus: false });
}

// ---------------------------------------------------------------- start

function showLoadError(e) {
  const box = $('load-error');
  box.textContent = t.loadFailed;
  box.hidden = false;
  console.error('motion-validator:', e);
}

async function loadProfiles() {
  if (wasm) {
    return wasm
      .profiles()
      .map((p) => wasm.profile(p.name))
      .filter(Boolean);
  }
  const response = await fetch('/api/v1/profiles');
  return response.json();
}

function wire() {
  watchPointer();
  for (const key of Object.keys(STATIC_IDS)) {
    const control = $(STATIC_IDS[key]);
    const oneLine = control.tagName === 'INPUT' && control.type === 'text';
    control.addEventListener('input', () => onInput(key, { reveal: oneLine }));
    control.addEventListener('blur', () => onLeave(key));
    if (control.type === 'date') control.addEventListener('change', () => onLeave(key));
  }
  $('proposals-add').addEventListener('click', () => addItem('proposals'));
  $('signatories-add').addEventListener('click', () => addItem('signatories'));
  $('proposals-list').addEventListener('click', (e) => onListAction('proposals', e));
  $('signatories-list').addEventListener('click', (e) => onListAction('signatories', e));
  $('profile').addEventListener('change', (e) => setProfile(e.target.value));
  for (const radio of document.querySelectorAll('input[name="stage"]')) {
    radio.addEventListener('change', () => radio.checked && setStage(radio.value));
  }
  $('lang-toggle').addEventListener('click', () => setLang(state.lang === 'sv' ? 'en' : 'sv'));
  wirePaste();
  $('motion-form').addEventListener('submit', (e) => {
    e.preventDefault();
    submit({ focus: true });
  });
}

async function start() {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'sv') {
      state.lang = saved;
      t = TEXT[saved];
    }
  } catch {
    // no storage: Swedish
  }
  try {
    wasm = await import('/pkg/web.js');
    await wasm.default();
  } catch (e) {
    wasm = null;
    showLoadError(e);
  }
  try {
    profilesList = await loadProfiles();
  } catch (e) {
    showLoadError(e);
  }
  const select = $('profile');
  select.replaceChildren(...profilesList.map((p) => el('option', { value: p.name, text: p.displayName })));
  select.value = state.profile;
  paste.defaultDate = localIsoDate();
  $('submitted-on').value = paste.defaultDate;
  makeValidator();
  applyTexts();
  renderLists();
  wire();
  checkStatic('submittedOn');
  $('motion-form').removeAttribute('aria-busy');
  document.body.dataset.ready = 'true';
}

start();
