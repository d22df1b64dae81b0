// Small DOM helpers shared by the form's modules. Everything a person typed,
// and every message, goes on the page as text (textContent, Text nodes),
// never as HTML: el() turns strings into Text nodes.

export const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become Text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children.filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

export function hidden(text) {
  return el('span', { class: 'visually-hidden', text });
}

export function localIsoDate(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Says something through the polite live region (again, even if the words are the same). */
export function announce(text) {
  const a = $('announcer');
  a.textContent = '';
  setTimeout(() => {
    a.textContent = text;
  }, 50);
}

/** Focuses a field and brings its label (or legend) into view with it, as GOV.UK does. */
export function focusField(control) {
  if (!control) return;
  const label =
    (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`)) ||
    control.closest('fieldset')?.querySelector('legend');
  (label ?? control).scrollIntoView({ block: 'start' });
  control.focus({ preventScroll: true });
}

/** Lets a textarea grow with its text (where CSS field-sizing is missing). */
export function autoGrow(area) {
  if (CSS.supports?.('field-sizing', 'content')) return;
  const grow = () => {
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight + 4}px`;
  };
  area.addEventListener('input', grow);
  area.addEventListener('motion-set', grow);
  grow();
}
