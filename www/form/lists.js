// The two lists: the yrkanden (add, move up and down, remove) and the
// signatories (name and party: a party of the municipality, partilös, or
// "Annat parti…" with a text field, checked like any party). Focus follows
// each change; each change is announced.

import { checkList, onInput, onLeave, recheckAll, touch } from './checks.js';
import { $, announce, autoGrow, el, hidden } from './dom.js';
import { FIELDS, allKeys, controlOf } from './fields.js';
import { renderListFields } from './render.js';
import { ctx, currentProfile, hooks, newProposal, newSignatory, state } from './state.js';

/** The select's value for "Annat parti…" (never a party code: codes have no underscores). */
const OTHER = '__other__';

function actionButton(text, label, action, key) {
  return el(
    'button',
    { type: 'button', class: 'button button--secondary button--small', 'data-action': action, 'data-key': key },
    text,
    hidden(` ${label.toLowerCase()}`),
  );
}

export function renderProposals() {
  const t = ctx.t;
  const n = state.proposals.length;
  $('proposals-list').replaceChildren(
    ...state.proposals.map((p, i) => {
      const id = `proposal-${i}`;
      const label = t.proposalLabel(i + 1);
      const area = el('textarea', { class: 'textarea', id, rows: 3, spellcheck: 'true', 'data-key': p.key });
      area.value = p.text;
      area.addEventListener('input', () => {
        p.text = area.value;
        onInput(`proposal:${p.key}`);
        hooks.changed();
      });
      area.addEventListener('blur', () => onLeave(`proposal:${p.key}`));
      const actions = el('div', { class: 'list-item__actions' });
      if (i > 0) actions.append(actionButton(t.moveUp, label, 'up', p.key));
      if (i < n - 1) actions.append(actionButton(t.moveDown, label, 'down', p.key));
      if (n > 1) actions.append(actionButton(t.remove, label, 'remove', p.key));
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

function isListed(code) {
  return code === '-' || Boolean(currentProfile()?.parties.some((p) => p.code === code));
}

function partyOptions() {
  const t = ctx.t;
  const options = [el('option', { value: '', text: t.choosePartyOption })];
  for (const p of currentProfile()?.parties ?? []) options.push(el('option', { value: p.code, text: `${p.name} (${p.code})` }));
  options.push(el('option', { value: '-', text: t.partyless }));
  options.push(el('option', { value: OTHER, text: t.otherParty }));
  return options;
}

function signatoryItem(s, i, n) {
  const t = ctx.t;
  const id = `signatory-${i}`;
  const legend = t.signatoryLegend(i + 1);
  // A party not in this municipality's list (typed, pasted, or from another
  // municipality) is shown as written in "Annat parti…", never swapped for another.
  if (s.party && !isListed(s.party)) s.other = true;
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
    onInput(`signatory:${s.key}:name`, { oneLine: true });
    hooks.changed();
  });
  name.addEventListener('blur', () => onLeave(`signatory:${s.key}:name`));

  const party = el('select', { class: 'select', id: `${id}-party`, 'aria-describedby': `${id}-party-hint` }, ...partyOptions());
  party.value = s.other ? OTHER : s.party;
  const other = el('input', {
    class: 'input',
    type: 'text',
    id: `${id}-party-other`,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': `${id}-party-other-hint`,
  });
  other.value = s.other ? s.party : '';
  const otherBox = el(
    'div',
    { class: 'signatory__other', id: `${id}-party-other-group`, hidden: !s.other },
    el('label', { class: 'label', for: other.id, id: `${id}-party-other-label`, text: t.otherPartyLabel }),
    el('p', { class: 'hint', id: `${id}-party-other-hint`, text: t.otherPartyHint }),
    other,
  );
  party.addEventListener('change', () => {
    const wasOther = s.other;
    s.other = party.value === OTHER;
    s.party = s.other ? other.value : party.value;
    hooks.changed();
    if (wasOther !== s.other) {
      // The field that carries the messages changes: draw the list again, focus stays on the select.
      renderAfterListChange('signatories');
      $(`${id}-party`)?.focus();
      if (s.other) return; // the text field is next; its messages wait for it
    }
    onLeave(`signatory:${s.key}:party`);
  });
  party.addEventListener('blur', () => {
    if (!s.other) onLeave(`signatory:${s.key}:party`);
  });
  other.addEventListener('input', () => {
    s.party = other.value;
    onInput(`signatory:${s.key}:party`, { oneLine: true });
    hooks.changed();
  });
  other.addEventListener('blur', () => onLeave(`signatory:${s.key}:party`));

  const actions = el('div', { class: 'list-item__actions' });
  if (n > 1) actions.append(actionButton(t.remove, legend, 'remove', s.key));
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
          el('p', { class: 'hint', id: `${id}-party-hint`, text: t.partyHint }),
          party,
          otherBox,
        ),
      ),
      actions,
    ),
  );
}

export function renderSignatories() {
  const n = state.signatories.length;
  $('signatories-list').replaceChildren(...state.signatories.map((s, i) => signatoryItem(s, i, n)));
}

export function renderLists() {
  renderProposals();
  renderSignatories();
  renderListFields('proposals');
  renderListFields('signatories');
}

export function renderAfterListChange(name) {
  if (name === 'proposals') renderProposals();
  else renderSignatories();
  checkList(name);
  renderListFields(name);
}

export function onListAction(name, event) {
  const t = ctx.t;
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const list = name === 'proposals' ? state.proposals : state.signatories;
  const i = list.findIndex((item) => String(item.key) === button.dataset.key);
  if (i < 0) return;
  const label = name === 'proposals' ? t.proposalLabel : t.signatoryLegend;
  const action = button.dataset.action;
  const item = list[i];
  if (action === 'remove') {
    list.splice(i, 1);
    const next = Math.min(i, list.length - 1);
    renderAfterListChange(name);
    $(name === 'proposals' ? `proposal-${next}` : `signatory-${next}-name`)?.focus();
    announce(t.removed(label(i + 1)));
    hooks.changed();
    return;
  }
  const j = action === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j], list[i]];
  announce(t.moved(label(i + 1), j + 1));
  renderAfterListChange(name);
  // Keep focus on the moved item: the same button if it is still there.
  const buttons = [...$(`${name}-list`).querySelectorAll(`button[data-key="${item.key}"]`)];
  const same = buttons.find((b) => b.dataset.action === action) ?? buttons.find((b) => b.dataset.action !== 'remove');
  (same ?? $(`proposal-${j}`))?.focus();
  hooks.changed();
}

export function addItem(name) {
  const t = ctx.t;
  const list = name === 'proposals' ? state.proposals : state.signatories;
  list.push(name === 'proposals' ? newProposal() : newSignatory());
  renderAfterListChange(name);
  const i = list.length - 1;
  $(name === 'proposals' ? `proposal-${i}` : `signatory-${i}-name`)?.focus();
  announce(t.added(name === 'proposals' ? t.proposalLabel(i + 1) : t.signatoryLegend(i + 1)));
  hooks.changed();
}

/**
 * Fills the form from a motion (a paste, a restored draft, anything else
 * that brings a motion in). `check`: show every field's messages at once.
 * `other[i]`: signatory i's party was written in "Annat parti…".
 */
export function setMotion(motion, { check = true, other = [] } = {}) {
  for (const key of FIELDS.single) {
    if (key === 'submittedOn' && !motion?.submittedOn) continue; // the date is kept unless given
    const control = controlOf(key);
    control.value = String(motion?.[key] ?? '');
    control.dispatchEvent(new Event('motion-set'));
  }
  const proposals = Array.isArray(motion?.proposals) ? motion.proposals : [];
  state.proposals = (proposals.length ? proposals : ['']).map((p) => newProposal(String(p ?? '')));
  const signatories = Array.isArray(motion?.signatories) ? motion.signatories : [];
  state.signatories = (signatories.length ? signatories : [{}]).map((s, i) =>
    newSignatory(String(s?.name ?? ''), String(s?.party ?? ''), Boolean(other[i])),
  );
  state.issues.clear();
  state.touched.clear();
  state.suggesting.clear();
  renderLists();
  if (check) for (const key of allKeys()) touch(key);
  recheckAll();
  hooks.changed();
}

export function wireLists() {
  $('proposals-add').addEventListener('click', () => addItem('proposals'));
  $('signatories-add').addEventListener('click', () => addItem('signatories'));
  $('proposals-list').addEventListener('click', (e) => onListAction('proposals', e));
  $('signatories-list').addEventListener('click', (e) => onListAction('signatories', e));
  for (const area of document.querySelectorAll('#motion-form textarea[data-field]')) autoGrow(area);
}
