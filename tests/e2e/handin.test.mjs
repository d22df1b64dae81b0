// Issue 9, the councillor's side: "Lämna in motionen" once the check finds
// no errors; POST /api/v1/motions with the draft's Idempotency-Key; the
// receipt (reference, time in Swedish time, the whole motion), print and
// downloads; the draft cleared. The server's other answers (422, 409, 429,
// no answer) are said plainly and keep the draft. Real server; the
// unusual answers are made with page.route.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SEED, activeId, assertAccessible, errorOf, openForm, shot, useServerAndBrowser } from './harness.mjs';
import { SHORT, acceptLeaving, fillSeed, formState, waitForVerdict } from './form-helpers.mjs';

useServerAndBrowser();

const { parseMotionText } = await import(join(ROOT, 'pkg/node.js'));

/** Types the motion in and checks it: "Inga fel hittades". */
async function readyToHandIn(page, motion = SEED) {
  await fillSeed(page, motion);
  await page.getByRole('button', { name: 'Kontrollera motionen' }).click();
  assert.equal(await waitForVerdict(page), 'Inga fel hittades');
}

/** Records the hand-in requests: [{ key, body }]. */
function handIns(page) {
  const seen = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/v1/motions')) seen.push({ key: r.headers()['idempotency-key'], body: r.postData(), url: r.url() });
  });
  return seen;
}

describe('handing the motion in', () => {
  test('the seed motion: the receipt with reference and the whole motion, text and JSON downloads, print, the draft cleared', async (t) => {
    const page = await openForm(t, { width: 800 });
    const asked = acceptLeaving(page);
    const sent = handIns(page);
    // Not offered before a check finds no errors.
    assert.equal(await page.getByRole('button', { name: 'Lämna in motionen' }).isVisible(), false);
    assert.equal(await page.getByText('Registrera (registrator)').count(), 0, 'registering is the registrar\'s, not here');
    await readyToHandIn(page);
    await page.getByRole('button', { name: 'Lämna in motionen' }).click();

    const receipt = page.locator('#receipt');
    await receipt.waitFor({ state: 'visible' });
    assert.equal(await activeId(page), 'receipt-title');
    assert.equal(await page.locator('#receipt-title').textContent(), 'Motionen är inlämnad');
    assert.equal(await page.locator('#form-area').isHidden(), true);
    const reference = (await page.locator('#receipt-reference').textContent()).trim();
    assert.match(reference, /^M-\d{4}-\d{4,}$/);
    assert.match(await page.locator('#receipt-received').textContent(), /^Mottagen \d{1,2} [a-zåäö]+ \d{4} kl\. \d\d:\d\d \(svensk tid\) av Uppsala kommun\.$/);
    assert.equal(sent.length, 1);
    assert.match(sent[0].key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUID per draft');
    assert.match(sent[0].url, /\/api\/v1\/motions\?profile=uppsala&lang=sv$/);

    // The whole motion as stored: title, background, yrkanden, signatories with parties, date.
    const motion = await page.locator('#receipt-motion').innerText();
    assert.ok(motion.startsWith(`Motion: ${SEED.title}`), motion);
    assert.ok(motion.includes(SEED.body));
    assert.ok(motion.includes('Med anledning av detta yrkar vi att:'));
    assert.ok(motion.includes('Uppdra till Kommunstyrelsen att avsätta resurser'));
    assert.ok(motion.includes('Kostnaderna särredovisas så att kommuncentral ersättning'));
    for (const s of SEED.signatories) assert.ok(motion.includes(`${s.name} (FI, Feministiskt initiativ)`), s.name);
    assert.ok(motion.includes('Uppsala kommun, 2020-05-25'));
    await assertAccessible(page, 'receipt');
    await shot(page, 'handin-receipt');

    // Ladda ner: the text in the conventional layout, which "Klistra in motion" reads back.
    const [textDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner som text' }).click()]);
    assert.equal(textDownload.suggestedFilename(), `motion-${reference}.txt`);
    const text = readFileSync(await textDownload.path(), 'utf8');
    assert.ok(text.startsWith(`Motion: ${SEED.title}\n\n`));
    assert.ok(text.includes('\nMed anledning av detta yrkar vi att:\n\n- Uppdra till Kommunstyrelsen'));
    assert.ok(text.includes('\nLovisa Johansson (FI)\n'));
    assert.ok(text.includes('Uppsala kommun, 2020-05-25'));
    assert.ok(text.includes(`referens ${reference}`));
    const back = await parseMotionText(text, { profile: 'uppsala' });
    assert.equal(back.motion.title, SEED.title);
    assert.deepEqual(back.motion.proposals, SEED.proposals);
    assert.deepEqual(back.motion.signatories.map((s) => s.name), SEED.signatories.map((s) => s.name));

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner som JSON' }).click()]);
    const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
    assert.equal(json.reference, reference);
    assert.equal(json.motion.title, SEED.title);

    // Skriv ut: the receipt alone, no buttons, nothing cut off.
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => ({
      visibleButtons: [...document.querySelectorAll('button')].filter((b) => getComputedStyle(b).display !== 'none').map((b) => b.id),
      header: getComputedStyle(document.querySelector('.header')).display,
      footer: getComputedStyle(document.querySelector('.footer')).display,
      form: getComputedStyle(document.querySelector('#form-area')).display,
      overflow: document.documentElement.scrollWidth <= window.innerWidth,
      clipped: [...document.querySelectorAll('#receipt *')].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible').length,
    }));
    assert.deepEqual(print, { visibleButtons: [], header: 'none', footer: 'none', form: 'none', overflow: true, clipped: 0 });
    await shot(page, 'handin-receipt-print');
    await page.emulateMedia({ media: 'screen' });

    // The draft is cleared: no question on leaving, an empty form after a reload.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.deepEqual(asked, [], 'nothing left to lose: no leave-page question');
    const after = await formState(page);
    assert.equal(after.title, '');
    assert.deepEqual(after.proposals, ['']);
    assert.equal(await page.locator('#draft-note').isHidden(), true);
  });

  test('a double click and a retry after a lost answer store one motion: one key per draft', async (t) => {
    const page = await openForm(t, { allowConsoleError: /Failed to load resource: net::ERR_CONNECTION_RESET/ });
    acceptLeaving(page);
    const sent = handIns(page);
    // The first answer is lost on the way back (the server has stored the motion).
    let lose = true;
    await page.route('**/api/v1/motions*', async (route) => {
      if (!lose) return route.continue();
      lose = false;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await readyToHandIn(page, SHORT);
    await page.getByRole('button', { name: 'Lämna in motionen' }).dblclick();
    const error = page.locator('#handin-error');
    await error.waitFor({ state: 'visible' });
    assert.equal(sent.length, 1, 'a double click sends once');
    assert.equal(
      await error.textContent(),
      'Motionen har inte lämnats in: servern kunde inte nås. Ditt utkast finns kvar i den här webbläsaren. Försök igen om en stund.',
    );
    assert.equal(await error.getAttribute('role'), 'alert');
    await assertAccessible(page, 'hand-in: no answer');
    // The draft is kept: a reload has it, with its key.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('#title').inputValue(), SHORT.title);

    // The retry: the same key, so the server answers with the motion it stored, not a second one.
    const replayed = page.waitForResponse((r) => r.url().includes('/api/v1/motions'));
    await page.getByRole('button', { name: 'Kontrollera motionen' }).click();
    assert.equal(await waitForVerdict(page), 'Inga fel hittades');
    await page.getByRole('button', { name: 'Lämna in motionen' }).click();
    const response = await replayed;
    assert.equal(response.status(), 201);
    assert.equal(response.headers()['idempotent-replayed'], 'true');
    await page.locator('#receipt').waitFor({ state: 'visible' });
    assert.equal(sent.length, 2);
    assert.equal(sent[1].key, sent[0].key);
    assert.equal(sent[1].body, sent[0].body);
  });

  test('the server\'s other answers: 422 its report like the browser\'s, 409 a new key, 429 wait; the draft is kept', async (t) => {
    const answers = [];
    const page = await openForm(t, {
      allowConsoleError: /Failed to load resource: the server responded with a status of (409|422|429)/,
      beforeGoto: (p) =>
        p.route('**/api/v1/motions*', (route) => {
          const a = answers.shift();
          return route.fulfill({ status: a.status, headers: a.headers ?? {}, contentType: 'application/json', body: JSON.stringify(a.body) });
        }),
    });
    acceptLeaving(page);
    const sent = handIns(page);
    await readyToHandIn(page, SHORT);

    // 429: say plainly how long to wait.
    answers.push({ status: 429, headers: { 'retry-after': '30' }, body: { error: 'rate_limited', message: 'Too many' } });
    await page.getByRole('button', { name: 'Lämna in motionen' }).click();
    const error = page.locator('#handin-error');
    await page.waitForFunction(() => document.querySelector('#handin-error').textContent.includes('Vänta'));
    assert.equal(
      await error.textContent(),
      'Motionen har inte lämnats in: tjänsten tar emot för många motioner just nu. Vänta 30 sekunder och försök sedan igen. Ditt utkast finns kvar.',
    );
    assert.equal(await activeId(page), 'handin-error');
    await assertAccessible(page, 'hand-in: rate limited');

    // 409: the key came with another motion before; the next try has a new key.
    answers.push({ status: 409, body: { error: 'idempotency_key_reused', message: 'reused' } });
    await page.getByRole('button', { name: 'Lämna in motionen' }).click();
    await page.waitForFunction(() => document.querySelector('#handin-error').textContent.includes('tidigare version'));
    assert.match(await error.textContent(), /^Motionen har inte lämnats in\. En tidigare version av den togs redan emot från det här utkastet/);

    // 422: the server's report is the verdict, shown like the browser's.
    answers.push({
      status: 422,
      body: {
        valid: false,
        issues: [{ path: ['title'], code: 'too_short', severity: 'error', message: 'Titeln är för kort: minst 30 tecken, nu 25.', params: { min: 30, actual: 25 } }],
        normalized: null,
      },
    });
    await page.getByRole('button', { name: 'Lämna in motionen' }).click();
    await page.locator('#error-summary').waitFor({ state: 'visible' });
    assert.equal(await activeId(page), 'error-summary');
    assert.deepEqual(await page.locator('#error-summary a').allTextContents(), ['Titeln är för kort: minst 30 tecken, nu 25.']);
    assert.equal(await errorOf(page, 'title'), 'Fel: Titeln är för kort: minst 30 tecken, nu 25.');
    assert.equal(await page.locator('#result-title').textContent(), 'Motionen behöver rättas');
    assert.equal(await page.locator('#result-note').textContent(), 'Motionen har inte lämnats in: servern hittade ett fel. Rätta det och försök igen.');
    assert.equal(await page.locator('#handin').isHidden(), true);
    await assertAccessible(page, 'hand-in: the server\'s report');
    await shot(page, 'handin-422', false);

    assert.equal(sent.length, 3);
    assert.equal(sent[0].key, sent[1].key, 'the same key until the server says it was used for another motion');
    assert.notEqual(sent[2].key, sent[1].key, 'a new key after 409');
    assert.equal((await formState(page)).title, SHORT.title, 'nothing typed is lost');
  });
});
