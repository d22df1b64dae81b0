// Puts the checks on the page: the messages beside each field (errors and
// warnings apart, aria-invalid and aria-describedby wired), the one-click
// fixes right after their field, and the GOV.UK error summary.

import { checkKey, touch } from './checks.js';
import { $, el, focusField, hidden } from './dom.js';
import { FIELDS, allKeys, dom, keyOfPath } from './fields.js';
import { ctx, hooks, state } from './state.js';

/** Renders a field and, for list items, the whole list (duplicates move between items). */
export function renderKeys(key) {
  if (FIELDS.single.includes(key)) renderField(key);
  else if (key.startsWith('proposal')) renderListFields('proposals');
  else renderListFields('signatories');
}

export function renderListFields(name) {
  renderField(name);
  if (name === 'proposals') for (const p of state.proposals) renderField(`proposal:${p.key}`);
  else
    for (const s of state.signatories) {
      renderField(`signatory:${s.key}`);
      for (const f of FIELDS.signatoryKeys) renderField(`signatory:${s.key}:${f}`);
    }
}

export function renderAllFields() {
  for (const key of allKeys()) renderField(key);
}

/** Puts a field's messages, its error state and its one-click fixes on the page. */
export function renderField(key) {
  const t = ctx.t;
  const d = dom(key);
  if (!d || !d.group || !d.control) return;
  const all = state.issues.get(key) ?? [];
  const issues = state.touched.has(key) ? all : [];
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity !== 'error');
  const isControl = ['INPUT', 'TEXTAREA', 'SELECT'].includes(d.control.tagName);
  const suggestions =
    isControl && (state.touched.has(key) || state.suggesting.has(key))
      ? [...new Set(all.map((i) => i.suggestion).filter((s) => typeof s === 'string'))]
      : [];

  let box = $(`${d.id}-messages`);
  if (!box) {
    box = el('div', { class: 'field-messages', id: `${d.id}-messages` });
    if (d.anchor) d.anchor.after(box);
    else d.group.prepend(box);
  }
  // Unchanged: leave the DOM alone. Replacing a fix button between
  // mousedown (which blurs the field and re-renders it) and mouseup would
  // swallow the click; screen readers also notice needless churn.
  const signature = JSON.stringify([
    state.lang,
    d.label ?? '',
    d.control.id,
    issues.map((i) => [i.severity, i.message]),
    suggestions,
  ]);
  if (box.dataset.signature === signature && d.group.contains(box)) return;
  box.dataset.signature = signature;
  box.replaceChildren();
  const base = (d.control.dataset.describedby ?? d.control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  d.control.dataset.describedby = base.join(' ');
  const ids = [...base];
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
  if (isControl && errors.length) d.control.setAttribute('aria-invalid', 'true');
  else d.control.removeAttribute('aria-invalid');

  // One-click fixes, right after the field (next in Tab order) and part of its description.
  let fixes = $(`${d.id}-fixes`);
  if (!suggestions.length) {
    fixes?.remove();
  } else {
    if (!fixes || fixes.previousElementSibling !== d.control) {
      fixes?.remove();
      fixes = el('div', { class: 'suggestions', id: `${d.id}-fixes` });
      d.control.after(fixes);
    }
    // The same fixes: keep the buttons (Tab may be on its way to one as the field is left).
    const fixSignature = JSON.stringify([state.lang, d.label ?? '', suggestions]);
    if (fixes.dataset.signature !== fixSignature) {
      fixes.replaceChildren(
        ...suggestions.map((s) => {
          const b = el('button', { type: 'button', class: 'button button--secondary button--suggestion' }, t.use(s));
          if (d.label) b.append(hidden(t.useFor(d.label)));
          b.addEventListener('click', () => applySuggestion(key, s));
          return b;
        }),
      );
      fixes.dataset.signature = fixSignature;
    }
    ids.push(fixes.id);
  }
  if (ids.length) d.control.setAttribute('aria-describedby', ids.join(' '));
  else d.control.removeAttribute('aria-describedby');
}

export function applySuggestion(key, value) {
  const d = dom(key);
  if (!d) return;
  d.control.value = value;
  if (key.startsWith('proposal:')) state.proposals[d.index].text = value;
  else if (key.endsWith(':name')) state.signatories[d.index].name = value;
  else if (key.endsWith(':party')) state.signatories[d.index].party = value;
  d.control.dispatchEvent(new Event('motion-set'));
  touch(key);
  checkKey(key);
  renderKeys(key);
  dom(key)?.control.focus();
  hooks.changed();
}

// ---------------------------------------------------------------- error summary

export function summaryEntries(report) {
  return report.issues.filter((i) => i.severity === 'error').map((issue) => ({ key: keyOfPath(issue.path), message: issue.message }));
}

/** A field's name before a message that does not say which item it is about. */
export function labelled(entry) {
  const d = entry.key ? dom(entry.key) ?? dom(entry.key.startsWith('proposal') ? 'proposals' : 'signatories') : null;
  let text = entry.message;
  if (d?.label && !text.toLowerCase().includes(d.label.split(',')[0].toLowerCase())) text = `${d.label}: ${text}`;
  return { d, text };
}

/** A link that moves focus to a field (looked up again on click: the lists may have changed). */
export function fieldLink(entry, d, text) {
  const a = el('a', { href: `#${d.focus.id}` }, text);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    focusField((entry.key && dom(entry.key)?.focus) || d.focus);
  });
  return a;
}

export function renderSummary({ focus }) {
  const t = ctx.t;
  const box = $('error-summary');
  const list = $('error-summary-list');
  list.replaceChildren();
  if (!state.summary.length) {
    box.hidden = true;
    document.title = t.documentTitle;
    return;
  }
  for (const entry of state.summary) {
    const { d, text } = labelled(entry);
    list.append(el('li', {}, d?.focus ? fieldLink(entry, d, text) : text));
  }
  box.hidden = false;
  document.title = `${t.errorTitlePrefix}${t.documentTitle}`;
  if (focus) {
    box.focus();
    box.scrollIntoView({ block: 'start' });
  }
}

/** Shows a whole report (the browser's or the server's): every field's messages and the summary. */
export function applyReport(report, { focus }) {
  state.issues.clear();
  for (const issue of report.issues) {
    // Issues about the motion as a whole (none the form can cause) are in the summary only.
    const key = keyOfPath(issue.path);
    if (key) state.issues.set(key, [...(state.issues.get(key) ?? []), issue]);
  }
  for (const key of allKeys()) touch(key);
  renderAllFields();
  state.summary = summaryEntries(report);
  renderSummary({ focus: focus && !report.valid });
}
