// Issue 10, item 1: nothing typed is lost. The draft is kept in this
// browser on each change and restored on load (reload, Back/Forward, a new
// tab), with a quiet note; "Töm formuläret" asks first; leaving with a
// motion not handed in asks first; two tabs never overwrite each other
// silently. Same harness as form.test.mjs.
//
// UPDATE_DOCS_SCREENSHOT=1 also rewrites docs/draft-restored.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, SEED, activeId, assertAccessible, env, openForm, shot, useServerAndBrowser } from './harness.mjs';
import { acceptLeaving, formState } from './form-helpers.mjs';

useServerAndBrowser();

/** Every field, both lists, the municipality and a party written in "Annat parti …". */
async function fillEverything(page) {
  await page.locator('#profile').selectOption('lund');
  await page.locator('#title').fill(SEED.title);
  await page.locator('#body').fill(SEED.body);
  await page.locator('#proposal-0').fill(SEED.proposals[0]);
  await page.getByRole('button', { name: 'Lägg till yrkande' }).click();
  await page.locator('#proposal-1').fill(SEED.proposals[1]);
  await page.locator('#signatory-0-name').fill('Lovisa Johansson');
  await page.locator('#signatory-0-party').selectOption('FI');
  await page.getByRole('button', { name: 'Lägg till undertecknare' }).click();
  await page.locator('#signatory-1-name').fill('Per Persson');
  await page.locator('#signatory-1-party').selectOption({ label: 'Annat parti …' });
  await page.locator('#signatory-1-party-other').fill('Piratpartiet');
  await page.locator('#submitted-on').fill('2020-05-25');
}

const EVERYTHING = {
  profile: 'lund',
  title: SEED.title,
  body: SEED.body,
  proposals: SEED.proposals,
  signatories: [
    { name: 'Lovisa Johansson', party: 'FI', other: '' },
    { name: 'Per Persson', party: '__other__', other: 'Piratpartiet' },
  ],
  submittedOn: '2020-05-25',
};

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]');
}

describe('the draft', () => {
  test('every field is back after a reload, and after Back and Forward, with a quiet note', async (t) => {
    const page = await openForm(t, { width: 375, height: 800 });
    acceptLeaving(page);
    assert.equal(await page.locator('#draft-note').isHidden(), true, 'a fresh form has no note');
    await fillEverything(page);
    assert.deepEqual(await formState(page), EVERYTHING);

    await page.reload();
    await ready(page);
    assert.deepEqual(await formState(page), EVERYTHING, 'everything is back after a reload');
    const note = page.locator('#draft-note');
    assert.match(await note.textContent(), /^Ditt utkast från \d{1,2} [a-zåäö]{3} \d\d:\d\d är återställt\. Det finns bara i den här webbläsaren\.$/);
    assert.equal(await note.getAttribute('role'), 'status', 'quiet: a status, not an alert, and no focus');
    assert.notEqual(await activeId(page), 'draft-note');
    // Restored quietly: no messages until the fields are left or checked.
    assert.equal(await page.locator('#motion-form .error-message').count(), 0);
    await assertAccessible(page, 'restored draft');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'draft-restored-sv', false);
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      // Tall enough to show the note and the restored fields under it.
      await page.setViewportSize({ width: 375, height: 1400 });
      await page.screenshot({ path: join(ROOT, 'docs/draft-restored.png') });
      await page.setViewportSize({ width: 375, height: 800 });
    }
    await page.getByRole('button', { name: 'English' }).click();
    assert.match(await note.textContent(), /^Your draft from \d{1,2} [A-Z][a-z]{2} \d\d:\d\d has been restored\./);
    await shot(page, 'draft-restored-en', false);
    await page.getByRole('button', { name: 'Svenska' }).click();

    // Away and Back: everything is there again; Forward and Back once more.
    await page.goto('about:blank');
    await page.goBack();
    await ready(page);
    assert.deepEqual(await formState(page), EVERYTHING, 'everything is back after Back');
    await page.goForward();
    await page.goBack();
    await ready(page);
    assert.deepEqual(await formState(page), EVERYTHING, 'and after Forward and Back');

    // A closed tab: a new one in the same browser takes the latest draft.
    const other = await page.context().newPage();
    acceptLeaving(other);
    await page.close();
    await other.goto(env.baseUrl);
    await ready(other);
    assert.deepEqual(await formState(other), EVERYTHING, 'a new tab finds the draft');
  });

  test('leaving with a motion not handed in asks first; "Töm formuläret" asks, then empties the form and the draft', async (t) => {
    const page = await openForm(t);
    const asked = acceptLeaving(page);
    await page.locator('#title').fill('Fler cykelbanor i centrum');
    await page.reload();
    await ready(page);
    assert.deepEqual(asked, ['beforeunload'], 'the browser asked before leaving');
    assert.equal(await page.locator('#title').inputValue(), 'Fler cykelbanor i centrum');

    // "Töm formuläret" asks first, in a dialog; Avbryt keeps everything.
    const clear = page.getByRole('button', { name: 'Töm formuläret' });
    await clear.click();
    const dialog = page.getByRole('dialog', { name: 'Tömma formuläret?' });
    await dialog.waitFor();
    assert.equal(await activeId(page), 'clear-title');
    await assertAccessible(page, 'empty-the-form question');
    await shot(page, 'draft-clear-question', false);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    assert.equal(await activeId(page), 'clear-open', 'focus back on the button');
    assert.equal(await page.locator('#title').inputValue(), 'Fler cykelbanor i centrum');
    // Escape too.
    await clear.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#title').inputValue(), 'Fler cykelbanor i centrum');

    await clear.click();
    await dialog.getByRole('button', { name: 'Töm formuläret' }).click();
    assert.equal(await page.locator('#title').inputValue(), '');
    assert.equal(await activeId(page), 'title');
    await page.waitForFunction(() => document.querySelector('#announcer').textContent === 'Formuläret är tömt.');
    assert.equal(await page.locator('#draft-note').isHidden(), true);

    // Nothing left to lose: no question on leaving, an empty form after.
    await page.reload();
    await ready(page);
    assert.deepEqual(asked, ['beforeunload'], 'no second question');
    assert.equal(await page.locator('#title').inputValue(), '');
    assert.equal(await page.locator('#draft-note').isHidden(), true);
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('motion-draft:')));
    assert.deepEqual(stored, [], 'the draft is gone from the browser');
  });

  test('two tabs on the same draft do not overwrite each other silently', async (t) => {
    const a = await openForm(t);
    acceptLeaving(a);
    await a.locator('#title').fill('Fler cykelbanor i centrum');
    // A second tab in the same browser takes the same draft.
    const b = await a.context().newPage();
    acceptLeaving(b);
    await b.goto(env.baseUrl);
    await ready(b);
    assert.equal(await b.locator('#title').inputValue(), 'Fler cykelbanor i centrum');
    assert.equal(await a.locator('#draft-conflict').isHidden(), true, 'opening it is no change');

    // B changes it: A is told, and keeps its own text.
    await b.locator('#body').fill('Text skriven i den andra fliken om cykelbanorna i centrum.');
    const conflict = a.locator('#draft-conflict');
    await conflict.waitFor({ state: 'visible' });
    assert.match(await a.locator('#draft-conflict-text').textContent(), /^Motionen har ändrats i en annan flik\. Det du skriver här sparas nu som ett eget utkast/);
    assert.equal(await conflict.getAttribute('role'), 'alert');
    assert.equal(await a.locator('#body').inputValue(), '', 'nothing in A changed under the councillor');
    await assertAccessible(a, 'another tab changed the draft');
    await shot(a, 'draft-two-tabs', false);

    // A goes on writing: B's draft is not overwritten (B reloads and has its own text).
    await a.locator('#title').fill('Fler cykelbanor i centrum och vid stationen');
    await b.reload();
    await ready(b);
    assert.equal(await b.locator('#title').inputValue(), 'Fler cykelbanor i centrum');
    assert.equal(await b.locator('#body').inputValue(), 'Text skriven i den andra fliken om cykelbanorna i centrum.');
    // And A's own text is a draft of its own: A reloads and has it.
    await a.reload();
    await ready(a);
    assert.equal(await a.locator('#title').inputValue(), 'Fler cykelbanor i centrum och vid stationen');
    assert.equal(await a.locator('#body').inputValue(), '');
  });

  test('"Hämta den andra flikens version" takes the other tab\'s text instead', async (t) => {
    const a = await openForm(t);
    acceptLeaving(a);
    await a.locator('#title').fill('Fler cykelbanor i centrum');
    const b = await a.context().newPage();
    acceptLeaving(b);
    await b.goto(env.baseUrl);
    await ready(b);
    await b.locator('#body').fill('Text skriven i den andra fliken om cykelbanorna i centrum.');
    await a.locator('#draft-conflict').waitFor({ state: 'visible' });
    await a.getByRole('button', { name: 'Hämta den andra flikens version' }).click();
    assert.equal(await a.locator('#body').inputValue(), 'Text skriven i den andra fliken om cykelbanorna i centrum.');
    assert.equal(await a.locator('#draft-conflict').isHidden(), true);
    await a.waitForFunction(() => document.querySelector('#announcer').textContent === 'Den andra flikens version är hämtad.');
    const drafts = await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('motion-draft:')).length);
    assert.equal(drafts, 1, 'one draft again, no copy left behind');
  });
});
