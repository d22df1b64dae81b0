// Helpers the draft, field and hand-in tests share (on top of harness.mjs).

import { SEED } from './harness.mjs';

/** Reloading or leaving a page with typed text asks first (beforeunload): say yes, and count. */
export function acceptLeaving(page) {
  const asked = [];
  page.on('dialog', (d) => {
    if (d.type() !== 'beforeunload') return;
    asked.push(d.type());
    d.accept();
  });
  return asked;
}

/** Waits until the server's second opinion is in (or known to be missing); the verdict's heading. */
export async function waitForVerdict(page) {
  await page.waitForFunction(() => {
    const r = document.querySelector('#result');
    return r && !r.hidden && r.dataset.server && r.dataset.server !== 'pending';
  });
  return (await page.locator('#result-title').textContent()).trim();
}

/** The form as it is: every field, the lists, the municipality. */
export function formState(page) {
  return page.evaluate(() => ({
    profile: document.querySelector('#profile').value,
    title: document.querySelector('#title').value,
    body: document.querySelector('#body').value,
    proposals: [...document.querySelectorAll('#proposals-list textarea')].map((a) => a.value),
    signatories: [...document.querySelectorAll('#signatories-list fieldset')].map((f) => ({
      name: f.querySelector('input').value,
      party: f.querySelector('select').value,
      other: f.querySelector('.signatory__other input').value,
    })),
    submittedOn: document.querySelector('#submitted-on').value,
  }));
}

/** The seed motion typed in (its parties as the canonical FI). */
export async function fillSeed(page, motion = SEED) {
  await page.locator('#title').fill(motion.title);
  await page.locator('#body').fill(motion.body);
  for (const [i, p] of motion.proposals.entries()) {
    if (i > 0) await page.locator('#proposals-add').click();
    await page.locator(`#proposal-${i}`).fill(p);
  }
  for (const [i, s] of motion.signatories.entries()) {
    if (i > 0) await page.locator('#signatories-add').click();
    await page.locator(`#signatory-${i}-name`).fill(s.name);
    await page.locator(`#signatory-${i}-party`).selectOption(s.party === 'F!' ? 'FI' : s.party);
  }
  await page.locator('#submitted-on').fill(motion.submittedOn);
}

/** A short valid motion. */
export const SHORT = {
  title: 'Fler cykelbanor i centrum',
  body: 'Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.',
  proposals: ['att uppdra åt gatunämnden att planera nya cykelbanor'],
  signatories: [{ name: 'Anna Svensson', party: 'MP' }],
  submittedOn: '2024-03-04',
};
