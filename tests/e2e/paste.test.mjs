// "Klistra in motion" in a real browser against the real server: the
// dialog, the importer (its own WebAssembly module, pkg/import-web/, loaded
// on first use), the form filled through setMotion() and checked at once.
// Same harness as form.test.mjs (tests/e2e/harness.mjs).
//
//   node --test tests/e2e/paste.test.mjs
//
// UPDATE_DOCS_SCREENSHOT=1 also rewrites docs/paste-dialog.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SEED, activeId, assertAccessible, openForm, shot, useServerAndBrowser } from './harness.mjs';

useServerAndBrowser();

// The seed document: the official's report on the motion, then the motion
// itself as the councillors wrote it (from the line "Motion: Stärka ...").
const SEED_DOCUMENT = readFileSync(join(ROOT, 'tests/fixtures/seed/KSN-2020-02111.txt'), 'utf8');
const SEED_MOTION_TEXT = SEED_DOCUMENT.slice(SEED_DOCUMENT.search(/^Motion: Stärka/m));

const todayInPage = (page) =>
  page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });

const formValues = (page) =>
  page.evaluate(() => ({
    title: document.querySelector('#title').value,
    body: document.querySelector('#body').value,
    proposals: [...document.querySelectorAll('#proposals-list textarea')].map((a) => a.value),
    signatories: [...document.querySelectorAll('#signatories-list fieldset')].map((f) => ({
      name: f.querySelector('input').value,
      party: f.querySelector('select').value,
    })),
    submittedOn: document.querySelector('#submitted-on').value,
  }));

const dialogOpen = (page) => page.evaluate(() => document.querySelector('#paste-dialog').open);

/** Opens the dialog with the "Klistra in motion" button; focus is then in the text area. */
async function openDialog(page, name = 'Klistra in motion') {
  await page.getByRole('button', { name }).click();
  await page.locator('#paste-dialog').waitFor({ state: 'visible' });
  assert.equal(await activeId(page), 'paste-text', 'focus moves into the dialog, to the text area');
}

/** Pastes text into the dialog's text area through the clipboard, as a person does (Ctrl+V). */
async function pasteText(page, text) {
  await page.evaluate((s) => navigator.clipboard.writeText(s), text);
  await page.locator('#paste-text').focus();
  await page.keyboard.press('ControlOrMeta+V');
  assert.equal(await page.locator('#paste-text').inputValue(), text.replace(/\r\n?/g, '\n'));
}

async function openFormWithClipboard(t, options = {}) {
  return openForm(t, {
    ...options,
    beforeGoto: async (page, context) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await options.beforeGoto?.(page, context);
    },
  });
}

/** Waits until the server's second opinion is in; the verdict's heading. */
async function waitForVerdict(page) {
  await page.waitForFunction(() => {
    const r = document.querySelector('#result');
    return r && !r.hidden && r.dataset.server && r.dataset.server !== 'pending';
  });
  return (await page.locator('#result-title').textContent()).trim();
}

describe('"Klistra in motion"', () => {
  test('the seed motion pasted from the document fills the form; no problems found in the browser or on the server', async (t) => {
    const importRequests = [];
    const page = await openFormWithClipboard(t, {
      height: 800,
      beforeGoto: (p) => p.on('request', (r) => r.url().includes('/pkg/import-web/') && importRequests.push(r.url())),
    });
    assert.equal(await page.locator('#paste-hint').textContent(), 'Har du redan skrivit motionen i Word eller fått den som PDF? Klistra in texten så fylls fälten i.');
    assert.deepEqual(importRequests, [], 'the importer is not part of the page load');
    const today = await todayInPage(page);

    await openDialog(page);
    assert.equal(await page.getByRole('dialog', { name: 'Klistra in motion' }).count(), 1);
    assert.equal(await page.getByLabel('Motionens text').getAttribute('id'), 'paste-text');
    const dialogViolations = await assertAccessible(page, 'paste dialog (empty)');
    t.diagnostic(`axe, paste dialog, minor/moderate: ${dialogViolations.join(', ') || 'none'}`);

    await pasteText(page, SEED_MOTION_TEXT);
    await shot(page, '9-paste-dialog', false);
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      await page.locator('#paste-text').evaluate((a) => a.setSelectionRange(0, 0));
      await page.locator('#paste-text').evaluate((a) => (a.scrollTop = 0));
      await page.screenshot({ path: join(ROOT, 'docs/paste-dialog.png') });
    }
    const filledDialogViolations = await assertAccessible(page, 'paste dialog (text pasted)');
    t.diagnostic(`axe, paste dialog with text, minor/moderate: ${filledDialogViolations.join(', ') || 'none'}`);
    assert.ok(importRequests.length > 0, 'opening the dialog fetches the importer');

    await page.getByRole('button', { name: 'Läs in' }).click();
    await page.locator('#paste-dialog').waitFor({ state: 'hidden' });

    // The form: the seed's title, background, two yrkanden as att-satser,
    // three signatories of F! (the party select shows the canonical FI).
    // The motion text has no date: the date keeps today's.
    assert.deepEqual(await formValues(page), {
      title: SEED.title,
      body: SEED.body,
      proposals: SEED.proposals,
      signatories: SEED.signatories.map((s) => ({ name: s.name, party: 'FI' })),
      submittedOn: today,
    });

    // Checked at once, as on submit: no errors, no summary.
    assert.equal(await page.locator('#error-summary').isHidden(), true);
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    assert.equal(await page.locator('#motion-form .error-message').count(), 0);
    // The report: what was filled in, what was kept; no issues. It has focus.
    const report = page.locator('#paste-report');
    assert.equal(await report.isVisible(), true);
    assert.equal(await activeId(page), 'paste-report');
    assert.equal(
      await page.locator('#paste-report-filled').textContent(),
      'Ifyllt från texten: titel, bakgrund, 2 yrkanden och 3 undertecknare.',
    );
    assert.equal(await page.locator('#paste-report-kept').textContent(), 'Fanns inte i texten och är som förut: datum.');
    assert.equal(await page.locator('#paste-report-issues').isHidden(), true);
    const filledViolations = await assertAccessible(page, 'filled from the paste');
    t.diagnostic(`axe, filled from the paste, minor/moderate: ${filledViolations.join(', ') || 'none'}`);
    await shot(page, '9-paste-filled');

    // The motion as read is accepted by the browser and by the server.
    await page.getByRole('button', { name: 'Kontrollera motionen' }).click();
    assert.equal(await waitForVerdict(page), 'Inga fel hittades');
    assert.equal(await page.locator('#verdict-mismatch').isHidden(), true);
    const stored = await page.locator('#result-details').textContent();
    assert.ok(stored.includes('Charlie Strängberg (FI, Feministiskt initiativ)'), stored);

    // The text area is empty for the next paste.
    await openDialog(page);
    assert.equal(await page.locator('#paste-text').inputValue(), '');
    await page.keyboard.press('Escape');
  });

  test('pasting over typed fields asks first; keeping them changes nothing; replacing keeps what the text lacks', async (t) => {
    const page = await openFormWithClipboard(t);
    await page.locator('#title').fill('Min egen titel om cykelbanor');
    await page.locator('#proposal-0').fill('att bygga fler cykelbanor');
    await page.locator('#submitted-on').fill('2024-01-15');
    const typed = await formValues(page);

    await openDialog(page);
    await pasteText(page, SEED_MOTION_TEXT);
    await page.getByRole('button', { name: 'Läs in' }).click();

    // A question inside the dialog (not window.confirm) listing what would go.
    const question = page.locator('#paste-confirm-title');
    await question.waitFor({ state: 'visible' });
    assert.equal(await question.textContent(), 'Ersätta det du har skrivit?');
    assert.equal(await activeId(page), 'paste-confirm-title', 'focus moves to the question');
    assert.equal(await page.locator('#paste-text').isVisible(), false);
    // The date is not in the text, so it is kept and not listed; the empty background is not listed.
    assert.deepEqual(await page.locator('#paste-confirm-list li').allTextContents(), [
      'Titel: ”Min egen titel om cykelbanor”',
      'Yrkanden: 1 yrkande: ”att bygga fler cykelbanor”',
    ]);
    const confirmViolations = await assertAccessible(page, 'paste dialog, replace question');
    t.diagnostic(`axe, replace question, minor/moderate: ${confirmViolations.join(', ') || 'none'}`);
    await shot(page, '10-paste-confirm', false);

    // "Behåll det jag skrivit": back to the text, nothing changed.
    await page.getByRole('button', { name: 'Behåll det jag skrivit' }).click();
    assert.equal(await activeId(page), 'paste-text');
    assert.equal(await page.locator('#paste-text').inputValue(), SEED_MOTION_TEXT.replace(/\r\n?/g, '\n'));
    assert.deepEqual(await formValues(page), typed);

    // Escape at the question: the dialog closes, nothing changed, focus back on the button.
    await page.getByRole('button', { name: 'Läs in' }).click();
    await question.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await page.locator('#paste-dialog').waitFor({ state: 'hidden' });
    assert.equal(await activeId(page), 'paste-open');
    assert.deepEqual(await formValues(page), typed);
    assert.equal(await page.locator('#paste-report').isHidden(), true);

    // The pasted text is still there when the dialog opens again; this time, replace.
    await openDialog(page);
    await page.getByRole('button', { name: 'Läs in' }).click();
    await question.waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Ersätt fälten' }).click();
    await page.locator('#paste-dialog').waitFor({ state: 'hidden' });
    const after = await formValues(page);
    assert.equal(after.title, SEED.title);
    assert.deepEqual(after.proposals, SEED.proposals);
    assert.equal(after.signatories.length, 3);
    assert.equal(after.submittedOn, '2024-01-15', 'the date the text does not give is kept');
    assert.equal(await page.locator('#paste-report-kept').textContent(), 'Fanns inte i texten och är som förut: datum.');
    assert.equal(await page.locator('#error-summary').isHidden(), true);

    // Pasting the same text again replaces nothing typed: no question.
    await openDialog(page);
    await pasteText(page, SEED_MOTION_TEXT);
    await page.getByRole('button', { name: 'Läs in' }).click();
    await page.locator('#paste-dialog').waitFor({ state: 'hidden' });
    assert.deepEqual(await formValues(page), after);
  });

  test('a text with parts the importer cannot place: its issues with line numbers, errors and warnings apart', async (t) => {
    const page = await openFormWithClipboard(t);

    // The whole seed document: the official's report (lines 3–101) fits no field.
    await openDialog(page);
    await pasteText(page, SEED_DOCUMENT);
    await page.getByRole('button', { name: 'Läs in' }).click();
    await page.locator('#paste-dialog').waitFor({ state: 'hidden' });
    assert.equal(await activeId(page), 'paste-report', 'focus moves to what the importer has to say');
    const items = page.locator('#paste-report-list li');
    assert.equal(await items.count(), 1);
    assert.deepEqual(
      await items.first().evaluate((li) => ({ ...li.dataset, className: li.className, text: li.textContent })),
      {
        code: 'import_unrecognized',
        line: '3',
        endLine: '101',
        className: 'import-issue import-issue--error',
        text: 'Fel: Raderna 3–101 passade inte in i något fält och kom inte med (de börjar ”§ 221”).',
      },
    );
    assert.equal(await page.locator('#paste-report-issues-intro').textContent(), 'Kontrollera det här:');
    // The motion at its end is read all the same.
    assert.equal((await formValues(page)).title, SEED.title);
    assert.equal((await formValues(page)).signatories.length, 3);
    await shot(page, '11-paste-unrecognized', false);

    // A text with an error, a warning and markup: a stray line (with an
    // <img>) and "m.fl." after the names. It replaces what the last paste
    // filled in, so the dialog asks first.
    const text = [
      'Motion om fler cykelbanor i centrum',
      '',
      'Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.',
      '',
      'Jag yrkar att',
      '- Uppdra åt gatunämnden att planera nya cykelbanor',
      '',
      'Anna Berg m.fl.',
      '<img src=x onerror="window.__xss=1"> (MP) mitt i allt',
    ].join('\n');
    await openDialog(page);
    await pasteText(page, text);
    await page.getByRole('button', { name: 'Läs in' }).click();
    const question = page.locator('#paste-confirm-title');
    await question.waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Ersätt fälten' }).click();
    await page.locator('#paste-dialog').waitFor({ state: 'hidden' });
    assert.equal(await activeId(page), 'paste-report');

    const issues = await items.evaluateAll((lis) =>
      lis.map((li) => ({ code: li.dataset.code, line: li.dataset.line, className: li.className, text: li.textContent })),
    );
    const byCode = Object.fromEntries(issues.map((i) => [i.code, i]));
    assert.deepEqual(Object.keys(byCode).sort(), ['import_names_missing', 'import_unrecognized']);
    assert.equal(byCode.import_unrecognized.className, 'import-issue import-issue--error');
    assert.equal(byCode.import_unrecognized.line, '9');
    assert.equal(
      byCode.import_unrecognized.text,
      'Fel: Rad 9 passade inte in i något fält och kom inte med: ”<img src=x onerror="window.__xss=1"> (MP) mitt i allt”.',
    );
    assert.equal(byCode.import_names_missing.className, 'import-issue import-issue--warning');
    assert.equal(byCode.import_names_missing.line, '8');
    assert.match(byCode.import_names_missing.text, /^Varning: ”m\.fl\.” på rad 8: alla undertecknare är inte namngivna/);
    // Warnings look different from errors (not colour alone: the words too).
    const bars = await page.evaluate(() =>
      [...document.querySelectorAll('#paste-report-list li')].map((li) => getComputedStyle(li).borderLeftColor),
    );
    assert.equal(new Set(bars).size, 2);
    // The markup is text.
    assert.deepEqual(
      await page.evaluate(() => ({ img: document.querySelectorAll('img').length, xss: '__xss' in window })),
      { img: 0, xss: false },
    );

    // The form was checked at once: the party the text did not give is an
    // error, in the summary (shown, not focused) and beside the field.
    assert.equal(await page.locator('#error-summary').isVisible(), true);
    assert.deepEqual(await page.locator('#error-summary a').allTextContents(), ['Välj parti för undertecknare 1.']);
    assert.equal(await page.locator('#signatory-0-party').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#signatory-0-name').inputValue(), 'Anna Berg');
    const reportViolations = await assertAccessible(page, 'import issues');
    t.diagnostic(`axe, import issues, minor/moderate: ${reportViolations.join(', ') || 'none'}`);
    await shot(page, '11-paste-issues', false);

    // The warning about the signatories links to them.
    await page.locator('#paste-report-list li[data-code="import_names_missing"] a').click();
    assert.equal(await activeId(page), 'signatory-0-name');

    // In English: the page's words and the importer's messages.
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.locator('#paste-report-title').textContent(), 'Read in from the text');
    await page.waitForFunction(() =>
      document.querySelector('#paste-report-list li[data-code="import_unrecognized"]')?.textContent.startsWith('Error: Line 9 fits no field'),
    );
    assert.match(
      await page.locator('#paste-report-list li[data-code="import_names_missing"]').textContent(),
      /^Warning: “m\.fl\.” on line 8: not all signatories are named/,
    );
    await openDialog(page, 'Paste a motion');
    assert.equal(await page.getByRole('dialog', { name: 'Paste a motion' }).count(), 1);
    assert.equal(await page.getByLabel('The motion’s text').getAttribute('id'), 'paste-text');
    assert.equal(await page.getByRole('button', { name: 'Read in' }).count(), 1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await activeId(page), 'paste-open');

    // The report can be closed; focus goes back to the button.
    await page.getByRole('button', { name: 'Close this message' }).click();
    assert.equal(await page.locator('#paste-report').isHidden(), true);
    assert.equal(await activeId(page), 'paste-open');
  });

  test('the dialog: Escape and Avbryt close it, focus returns; an empty text is an error', async (t) => {
    const page = await openFormWithClipboard(t);
    await openDialog(page);
    await page.keyboard.press('Escape');
    assert.equal(await dialogOpen(page), false);
    assert.equal(await activeId(page), 'paste-open', 'focus returns to the button');

    await page.keyboard.press('Enter'); // the button, by keyboard
    await page.locator('#paste-dialog').waitFor({ state: 'visible' });
    assert.equal(await activeId(page), 'paste-text');
    // The page behind is inert while the dialog is open.
    await page.keyboard.press('Tab');
    assert.equal(await activeId(page), 'paste-read');
    await page.keyboard.press('Enter');
    assert.equal(await dialogOpen(page), true);
    assert.equal((await page.locator('#paste-text-error').textContent()).trim(), 'Fel: Klistra in motionens text först.');
    assert.equal(await page.locator('#paste-text').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#paste-text').getAttribute('aria-describedby'), 'paste-text-hint paste-text-error');
    assert.equal(await activeId(page), 'paste-text');
    await assertAccessible(page, 'paste dialog, empty text error');
    // Typing removes the message.
    await page.keyboard.type('Motion om något');
    assert.equal(await page.locator('#paste-text-error').isHidden(), true);
    assert.equal(await page.locator('#paste-text').getAttribute('aria-invalid'), null);

    await page.getByRole('button', { name: 'Avbryt' }).click();
    assert.equal(await dialogOpen(page), false);
    assert.equal(await activeId(page), 'paste-open');
    assert.equal(await page.locator('#title').inputValue(), '', 'cancelling fills nothing in');
  });

  test('while the importer loads the dialog says so; if it cannot load, the dialog says that and stays open', async (t) => {
    // Slow: the importer's files take 1.5 s.
    const slow = await openFormWithClipboard(t, {
      beforeGoto: (page) =>
        page.route('**/pkg/import-web/**', async (route) => {
          await new Promise((r) => setTimeout(r, 1500));
          await route.continue();
        }),
    });
    await openDialog(slow);
    await pasteText(slow, SEED_MOTION_TEXT);
    await slow.getByRole('button', { name: 'Läs in' }).click();
    const status = slow.locator('#paste-status');
    assert.equal(await status.textContent(), 'Läser in texten …');
    assert.equal(await status.getAttribute('role'), 'status');
    assert.equal(await slow.locator('#paste-dialog').getAttribute('aria-busy'), 'true');
    assert.equal(await slow.locator('#paste-read').getAttribute('aria-disabled'), 'true');
    await shot(slow, '12-paste-busy', false);
    // A second click while busy does nothing extra; then the form is filled.
    await slow.locator('#paste-read').click({ force: true });
    await slow.locator('#paste-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(await slow.locator('#paste-dialog').getAttribute('aria-busy'), null);
    assert.equal(await slow.locator('#title').inputValue(), SEED.title);
    assert.equal(await slow.locator('#proposals-list textarea').count(), 2);

    // Broken: the importer's files cannot be fetched.
    const broken = await openFormWithClipboard(t, {
      allowConsoleError: /Failed to load resource|import-web/,
      beforeGoto: (page) => page.route('**/pkg/import-web/**', (route) => route.abort()),
    });
    await openDialog(broken);
    await pasteText(broken, SEED_MOTION_TEXT);
    await broken.getByRole('button', { name: 'Läs in' }).click();
    const failed = broken.locator('#paste-failed');
    await failed.waitFor({ state: 'visible' });
    assert.equal(
      await failed.textContent(),
      'Inläsningen kunde inte starta. Kontrollera anslutningen och försök igen, eller fyll i fälten för hand.',
    );
    assert.equal(await failed.getAttribute('role'), 'alert');
    assert.equal(await dialogOpen(broken), true, 'the dialog stays open');
    assert.equal(await broken.locator('#paste-status').textContent(), '', 'no longer busy');
    assert.equal(await broken.locator('#paste-dialog').getAttribute('aria-busy'), null);
    assert.equal(await broken.locator('#paste-text').inputValue(), SEED_MOTION_TEXT.replace(/\r\n?/g, '\n'), 'the text is kept');
    assert.equal(await broken.locator('#title').inputValue(), '');
    await assertAccessible(broken, 'paste dialog, importer failed');
    await shot(broken, '12-paste-failed', false);

    // Back online: "försök igen" works without reloading the page.
    await broken.unroute('**/pkg/import-web/**');
    await broken.getByRole('button', { name: 'Läs in' }).click();
    await broken.locator('#paste-dialog').waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(await broken.locator('#title').inputValue(), SEED.title, 'the retry read the text');
  });

  test('at 320 px the dialog fits without sideways scrolling', async (t) => {
    const page = await openFormWithClipboard(t, { width: 320, height: 640 });
    await openDialog(page);
    await pasteText(page, SEED_MOTION_TEXT);
    const box = await page.locator('#paste-dialog').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 320, `dialog ${box.x}+${box.width} in 320`);
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(widths.doc <= widths.view, `page is ${widths.doc}px wide in a ${widths.view}px viewport`);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('#paste-dialog button, #paste-dialog textarea')]
        .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
        .map((e) => e.id),
    );
    assert.deepEqual(small, []);
    await shot(page, '13-paste-narrow', false);
    await assertAccessible(page, 'narrow paste dialog');
  });
});
