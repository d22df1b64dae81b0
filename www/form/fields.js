// The motion's fields and where they live on the page.
//
// The list of fields is the engine's own (the package's fields(): the
// motion's keys in form order, a signatory's keys, the string fields). The
// page has a control for each field a councillor fills in, marked with
// data-field; a field of the motion without one (the diary number, which
// the registrar gives) is not part of this form. Without WebAssembly the
// table is read from those data-field marks instead.
//
// A field key names a place in the form that stays the same when list items
// move: 'title', 'proposal:7', 'signatory:3:party'. Report paths (by index)
// become keys through the current order of the lists.

import { $ } from './dom.js';
import { ctx, state } from './state.js';

export const FIELDS = {
  /** The motion's keys in form order, as the engine has them. */
  keys: [],
  /** The keys with a control of their own on this page: title, body, submittedOn. */
  single: [],
  /** A signatory's keys: name, party. */
  signatoryKeys: [],
};

/** Reads the field table from the package (or, without it, from the page's data-field marks). */
export function initFields() {
  let table;
  try {
    table = ctx.wasm?.fields();
  } catch {
    table = null;
  }
  if (!table) {
    const marked = [...document.querySelectorAll('#motion-form [data-field]')].map((e) => e.dataset.field);
    table = {
      keys: marked,
      signatoryKeys: (document.querySelector('[data-field="signatories"]')?.dataset.itemFields ?? '').split(' '),
      stringFields: marked.filter((k) => !document.querySelector(`[data-field="${k}"][data-list]`)).map((k) => [k]),
    };
  }
  FIELDS.keys = table.keys;
  FIELDS.signatoryKeys = table.signatoryKeys;
  FIELDS.single = table.stringFields
    .filter((path) => path.length === 1 && controlOf(path[0]))
    .map((path) => path[0]);
}

/** The control of a single field: the element marked data-field="KEY" (not a list). */
export function controlOf(key) {
  const node = document.querySelector(`#motion-form [data-field="${key}"]`);
  return node && !node.dataset.list ? node : null;
}

export function keyOfPath(path) {
  const [head, index, field] = path;
  if (head === 'proposals' && typeof index === 'number') {
    const item = state.proposals[index];
    return item ? `proposal:${item.key}` : 'proposals';
  }
  if (head === 'signatories' && typeof index === 'number') {
    const item = state.signatories[index];
    if (!item) return 'signatories';
    if (FIELDS.signatoryKeys.includes(field)) return `signatory:${item.key}:${field}`;
    return `signatory:${item.key}`;
  }
  if (FIELDS.single.includes(head) || head === 'proposals' || head === 'signatories') return head;
  return null; // not a field of this form (the motion as a whole, the registrar's fields)
}

/**
 * Where a field key lives on the page: the element that holds its messages
 * (group), the control that gets aria-invalid, the element a summary link
 * focuses, the element its messages follow (anchor) and its name in the
 * summary (label).
 */
export function dom(key) {
  const t = ctx.t;
  if (FIELDS.single.includes(key)) {
    const control = controlOf(key);
    const id = control.id;
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
    // A party written in "Annat parti…": its text field carries the messages.
    const other = field === 'party' && list[i].other && $(`${id}-other`);
    const control = other || $(id);
    return {
      id,
      group: $(`${id}-group`),
      control,
      focus: control,
      anchor: (other && $(`${id}-other-hint`)) || $(`${id}-hint`) || $(`${id}-label`),
      index: i,
      label: `${t.signatoryLegend(i + 1)}, ${(field === 'name' ? t.nameLabel : t.partyLabel).toLowerCase()}`,
    };
  }
  const id = `signatory-${i}`;
  return { id, group: $(id), control: $(id), focus: $(`${id}-name`), anchor: $(`${id}-legend`), index: i, label: t.signatoryLegend(i + 1) };
}

export function allKeys() {
  const keys = [];
  for (const key of FIELDS.keys) {
    if (key === 'proposals') {
      keys.push('proposals');
      for (const p of state.proposals) keys.push(`proposal:${p.key}`);
    } else if (key === 'signatories') {
      keys.push('signatories');
      for (const s of state.signatories) {
        keys.push(`signatory:${s.key}`, ...FIELDS.signatoryKeys.map((f) => `signatory:${s.key}:${f}`));
      }
    } else if (FIELDS.single.includes(key)) {
      keys.push(key);
    }
  }
  return keys;
}

/** The motion as the form holds it now, in the engine's key order. */
export function currentMotion() {
  const motion = {};
  for (const key of FIELDS.keys) {
    if (key === 'proposals') motion.proposals = state.proposals.map((p) => p.text);
    else if (key === 'signatories') motion.signatories = state.signatories.map((s) => ({ name: s.name, party: s.party }));
    else if (FIELDS.single.includes(key)) motion[key] = controlOf(key).value;
  }
  return motion;
}

/** True when nothing has been written (the date filled in at start does not count). */
export function motionIsEmpty(motion, defaultDate) {
  return Object.entries(motion).every(([key, value]) => {
    if (key === 'submittedOn') return !value || value === defaultDate;
    if (Array.isArray(value)) return value.every((v) => (typeof v === 'string' ? !v.trim() : !v.name.trim() && !v.party.trim()));
    return !String(value ?? '').trim();
  });
}
