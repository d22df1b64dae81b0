// The registrar's inbox (/registrator) in headless Chromium against the
// real server with a real database file: motions handed in through the
// API, the login (wrong password refused), the inbox with the answer
// deadline, a motion opened and registered by keyboard with a loosely
// written diary number, the error summary for a bad one, the CSV export,
// what happens without a session, and axe-core on every page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED, assertAccessible, env, shot, useServerAndBrowser } from './harness.mjs';

const PASSWORD = 'rätt-lösenord-för-test';
const TOKEN = 'e2e-token-0123456789abcdef0123456789abcdef';
const secrets = mkdtempSync(join(tmpdir(), 'motion-validator-registrar-'));
const passwordFile = join(secrets, 'password');
writeFileSync(passwordFile, `${PASSWORD}\n`);

useServerAndBrowser({
  args: ['--registrar-password-file', passwordFile],
  env: { MOTION_VALIDATOR_API_TOKEN: TOKEN },
});

async function handIn(motion = SEED, headers = {}) {
  const response = await fetch(`${env.baseUrl}/api/v1/motions?profile=uppsala`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(motion),
  });
  return { status: response.status, body: await response.json() };
}

async function api(path) {
  const response = await fetch(`${env.baseUrl}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: response.status, body: await response.json() };
}

/** A fresh page that fails the test on any script error or console error. */
async function newPage(t, { width = 1000, height = 900 } = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A page sent with 401, 409 or 422 (a form shown again with its errors)
    // is a "failed resource" to Chromium: those are expected.
    if (m.type() === 'error' && !/status of (401|409|422)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], 'the page logged errors');
  });
  return page;
}

async function logIn(page, next = '/registrator') {
  await page.goto(`${env.baseUrl}${next}`);
  assert.match(new URL(page.url()).pathname, /\/registrator\/logga-in$/);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

test('the seed motion handed in is registered as KSN-2020-02111 through the inbox', async (t) => {
  const { status, body: receipt } = await handIn();
  assert.equal(status, 201);
  const reference = receipt.reference;
  assert.match(reference, /^M-\d{4}-\d{4}$/);

  const page = await newPage(t);
  // Without a session: the login page, which says nothing about motions.
  await page.goto(`${env.baseUrl}/registrator`);
  assert.match(page.url(), /\/registrator\/logga-in\?next=(%2F|\/)registrator$/);
  assert.doesNotMatch(await page.content(), /Stärka/);
  await assertAccessible(page, 'login');

  // A wrong password is refused with the error summary and a message at the field.
  await page.getByLabel('Lösenord').fill('fel-lösenord');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForSelector('#error-summary');
  assert.match(await page.locator('#error-summary').innerText(), /Fel lösenord/);
  assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  await assertAccessible(page, 'wrong password');
  await shot(page, 'registrar-login-error');

  // The right one opens the inbox.
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => url.pathname === '/registrator');
  const row = page.locator('tr', { has: page.getByRole('link', { name: reference }) });
  assert.equal(await row.count(), 1);
  const cells = await row.locator('th, td').allInnerTexts();
  assert.equal(cells[0], reference);
  assert.match(cells[1], /^Stärka arbetet mot sexuell exploatering/);
  assert.equal(cells[2], 'Inkommen');
  assert.match(cells[3], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.equal(cells[4], '2020-05-25');
  // The answer deadline, a year after väckt, passed: said in words too.
  assert.match(cells[5], /^2021-05-25 passerad$/i);
  assert.equal(await row.locator('.deadline--passed').count(), 1);
  await assertAccessible(page, 'inbox');
  await shot(page, 'registrar-inbox');

  // Open it by keyboard.
  await row.getByRole('link', { name: reference }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === `/registrator/motioner/${reference}`);
  const text = await page.locator('main').innerText();
  assert.match(text, /Motion: Stärka arbetet/);
  assert.match(text, /att uppdra till Kommunstyrelsen/);
  assert.match(text, /Charlie Strängberg \(FI\)/);
  assert.match(text, /Väckt 25 maj 2020/);
  assert.match(text, /Inga fel och inga varningar/);
  await assertAccessible(page, 'motion');

  // Register with the number as a registrar might type it.
  await page.getByLabel('Diarienummer').fill('ksn 2020 2111');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#registered');
  assert.equal(await page.locator('#registered-number').innerText(), 'KSN-2020-02111');
  assert.equal((await page.locator('#status').innerText()).trim(), 'Registrerad');
  // The answer is overdue (the motion is from 2020): a warning, not an error.
  assert.match(await page.locator('#registered').innerText(), /Varning:/);
  assert.equal(await page.getByLabel('Diarienummer').count(), 0, 'no second registration');
  await assertAccessible(page, 'registered');
  await shot(page, 'registrar-registered');

  const { body: stored } = await api(`/api/v1/motions/${reference}`);
  assert.equal(stored.status, 'registrerad');
  assert.equal(stored.diaryNumber, 'KSN-2020-02111');
  assert.deepEqual(
    stored.registrationReport.issues.map((i) => i.code),
    ['answer_overdue'],
  );

  // The inbox now says registrerad, and the filter finds it.
  await page.goto(`${env.baseUrl}/registrator?status=registrerad`);
  const registered = page.locator('tr', { has: page.getByRole('link', { name: reference }) });
  assert.match(await registered.innerText(), /Registrerad/);
  assert.match(await registered.innerText(), /KSN-2020-02111/);
  assert.equal(await page.locator('a[aria-current="page"]').innerText(), 'Registrerade');
});

test('a bad diary number gets the error summary and keeps what was typed', async (t) => {
  const { body: receipt } = await handIn();
  const page = await newPage(t);
  await logIn(page, `/registrator/motioner/${receipt.reference}`);
  await page.getByLabel('Diarienummer').fill('dnr 12');
  await page.getByRole('button', { name: 'Registrera' }).click();
  await page.waitForSelector('#error-summary');
  assert.match(await page.title(), /^Fel: /);
  const summary = page.locator('#error-summary a');
  assert.match(await summary.first().innerText(), /^Diarienumret ”dnr 12” följer inte/);
  assert.equal(await page.getByLabel('Diarienummer').inputValue(), 'dnr 12');
  assert.equal(await page.locator('#diary-number').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#diary-number').getAttribute('aria-describedby'), /diary-number-error/);
  await assertAccessible(page, 'registration error');
  // The summary's link takes focus to the field.
  await summary.first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'diary-number');
  await shot(page, 'registrar-registration-error');
  const { body: stored } = await api(`/api/v1/motions/${receipt.reference}`);
  assert.equal(stored.status, 'inkommen', 'nothing registered');
});

test('the list downloads as CSV that Excel reads (BOM, semicolons)', async (t) => {
  const { body: receipt } = await handIn();
  const page = await newPage(t);
  await logIn(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Ladda ner listan som CSV-fil' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'motioner.csv');
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const csv = bytes.toString('utf8');
  assert.match(csv, /"Referens";"Status";"Inkommen";"Väckt";"Svar senast"/);
  assert.match(csv, new RegExp(`"${receipt.reference}";"inkommen"`));
  assert.match(csv, /Lovisa Johansson \(FI\)/);
});

test('without a session: redirects and 401s, never motion text', async () => {
  const { body: receipt } = await handIn();
  for (const path of ['/registrator', `/registrator/motioner/${receipt.reference}`, '/registrator/export.csv']) {
    const r = await fetch(`${env.baseUrl}${path}`, { redirect: 'manual' });
    assert.equal(r.status, 303, path);
    assert.match(r.headers.get('location'), /^\/registrator\/logga-in\?next=/);
    assert.doesNotMatch(await r.text(), /Stärka/);
  }
  for (const path of ['/api/v1/motions', `/api/v1/motions/${receipt.reference}`]) {
    const r = await fetch(`${env.baseUrl}${path}`);
    assert.equal(r.status, 401, path);
    const text = await r.text();
    assert.equal(JSON.parse(text).error, 'unauthorized');
    assert.doesNotMatch(text, /Stärka/);
  }
  const r = await fetch(`${env.baseUrl}/registrator/motioner/${receipt.reference}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'csrf=x&diaryNumber=KSN-2020-02111',
    redirect: 'manual',
  });
  assert.equal(r.status, 401);
});

test('an invalid motion posted straight to the API is 422 and not stored', async () => {
  const before = (await api('/api/v1/motions')).body.total;
  const { status, body } = await handIn({ ...SEED, signatories: [{ name: 'Anna', party: 'XX' }] });
  assert.equal(status, 422);
  assert.equal(body.valid, false);
  assert.ok(body.issues.some((i) => i.code === 'party_unknown'));
  assert.equal((await api('/api/v1/motions')).body.total, before);
});

test('the inbox works at 320 px: the table scrolls, not the page', async (t) => {
  await handIn();
  const page = await newPage(t, { width: 320, height: 700 });
  await logIn(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  // The scrolling region can be reached and scrolled by keyboard.
  assert.equal(await page.locator('.table-wrap').getAttribute('tabindex'), '0');
  await assertAccessible(page, 'inbox at 320 px');
  await shot(page, 'registrar-inbox-320');
});
