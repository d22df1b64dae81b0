// The receipt (kvittens) after a hand-in: the reference, the time it was
// received in Swedish time, and the whole motion as the server stored it,
// in the conventional layout. "Skriv ut" prints it (style.css has a print
// stylesheet: no buttons, one clean document); "Ladda ner" gives it as
// plain text in the same layout (which "Klistra in motion" reads back) or
// as the server's JSON.

import { $, el } from './form/dom.js';
import { ctx, state } from './form/state.js';

let current = null;

const STOCKHOLM = 'Europe/Stockholm';

/** "1 december 2026 kl. 05:15" in Swedish time (or English words for it). */
export function receivedText(iso, lang = 'sv') {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso ?? '');
  const locale = lang === 'sv' ? 'sv-SE' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { timeZone: STOCKHOLM, dateStyle: 'long', timeStyle: 'short' }).format(d);
}

function profileOf(name) {
  return ctx.profiles.find((p) => p.name === name) ?? null;
}

function partyLabel(code) {
  return code === '-' ? 'partilös' : code;
}

/** A yrkande as an item under "yrkar vi att:": without its own "att", first letter capital. */
function attItem(text) {
  const rest = text.replace(/^att\s+/i, '');
  return rest.charAt(0).toLocaleUpperCase('sv-SE') + rest.slice(1);
}

/** The motion as a plain text in the conventional layout. */
export function receiptText(r) {
  const m = r.motion;
  const profile = profileOf(r.profile);
  const att = profile?.requireAtt !== false;
  const we = m.signatories.length > 1 ? 'vi' : 'jag';
  const lines = [`Motion: ${m.title}`, '', m.body.trim(), ''];
  if (att) {
    lines.push(`Med anledning av detta yrkar ${we} att:`, '');
    for (const p of m.proposals) lines.push(`- ${attItem(p)}`);
  } else {
    lines.push('Förslag till beslut:', '');
    m.proposals.forEach((p, i) => lines.push(`${i + 1}. ${p}`));
  }
  lines.push('');
  for (const s of m.signatories) lines.push(`${s.name} (${partyLabel(s.party)})`, '');
  lines.push(`${profile?.displayName ?? r.profile}, ${m.submittedOn}`, '');
  lines.push('---', `Kvittens: referens ${r.reference}, mottagen ${receivedText(r.receivedAt, 'sv')} (svensk tid), status ${r.status}.`, '');
  return lines.join('\n');
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileName(ext) {
  return `motion-${current.reference.replace(/[^A-Za-z0-9-]/g, '_')}.${ext}`;
}

function render() {
  const t = ctx.t;
  const r = current;
  if (!r) return;
  const m = r.motion;
  const profile = profileOf(r.profile);
  $('receipt-reference').textContent = r.reference;
  $('receipt-received').textContent = t.receiptReceived(receivedText(r.receivedAt, state.lang), profile?.displayName ?? r.profile);
  const att = profile?.requireAtt !== false;
  const paragraphs = m.body.split(/\n\s*\n/).map((p) => el('p', { class: 'receipt__body', text: p.trim() }));
  $('receipt-motion').replaceChildren(
    el('h2', { class: 'heading-m', id: 'receipt-motion-title', text: `Motion: ${m.title}` }),
    ...paragraphs,
    el('p', { class: 'receipt__lead', text: att ? `Med anledning av detta yrkar ${m.signatories.length > 1 ? 'vi' : 'jag'} att:` : 'Förslag till beslut:' }),
    el(att ? 'ul' : 'ol', { class: 'receipt__proposals' }, ...m.proposals.map((p) => el('li', { text: att ? attItem(p) : p }))),
    el(
      'ul',
      { class: 'receipt__signatories', 'aria-label': t.fieldSignatories },
      ...m.signatories.map((s) => {
        const full = profile?.parties.find((p) => p.code === s.party)?.name;
        return el('li', { text: `${s.name} (${partyLabel(s.party)}${full ? `, ${full}` : ''})` });
      }),
    ),
    el('p', { class: 'receipt__date', text: `${profile?.displayName ?? r.profile}, ${m.submittedOn}` }),
  );
}

/** Shows the receipt in place of the form; focus goes to its heading. */
export function showReceipt(receipt) {
  current = receipt;
  render();
  $('form-area').hidden = true;
  $('error-summary').hidden = true;
  $('receipt').hidden = false;
  document.title = `${receipt.reference} – ${ctx.t.documentTitle}`;
  window.scrollTo(0, 0);
  $('receipt-title').focus();
}

export function hideReceipt() {
  current = null;
  $('receipt').hidden = true;
  $('form-area').hidden = false;
  document.title = ctx.t.documentTitle;
}

/** After a change of language. */
export function retranslateReceipt() {
  if (current) render();
}

export function wireReceipt({ onNew }) {
  $('receipt-print').addEventListener('click', () => window.print());
  $('receipt-download-text').addEventListener('click', () =>
    download(fileName('txt'), receiptText(current), 'text/plain;charset=utf-8'),
  );
  $('receipt-download-json').addEventListener('click', () =>
    download(fileName('json'), `${JSON.stringify(current, null, 2)}\n`, 'application/json'),
  );
  $('receipt-new').addEventListener('click', () => {
    hideReceipt();
    onNew();
  });
}
