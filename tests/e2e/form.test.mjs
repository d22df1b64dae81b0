// The motion form in a real browser (Debian's chromium through
// playwright-core) against the real server, started here on a free port of
// 127.0.0.1. Needs `cargo build --release -p motion-validator-cli` and pkg/
// (`bash scripts/build-pkg.sh`); ./test does both first.
//
//   node --test tests/e2e/*.test.mjs
//
// Screenshots of each state go to tests/e2e/screenshots/ (git-ignored).
// UPDATE_DOCS_SCREENSHOT=1 also rewrites docs/form-errors.png for the README.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ROOT,
  SEED,
  activeId,
  assertAccessible,
  errorOf,
  openForm,
  shot,
  startServer,
  stopServer,
  tabTo,
  useServerAndBrowser,
} from './harness.mjs';

useServerAndBrowser();

/** Waits until the server's second opinion is in (or known to be missing); the verdict's heading. */
async function waitForVerdict(page) {
  await page.waitForFunction(() => {
    const r = document.querySelector('#result');
    return r && !r.hidden && r.dataset.server && r.dataset.server !== 'pending';
  });
  return (await page.locator('#result-title').textContent()).trim();
}

/** Reloading a page with typed text asks first (beforeunload): these tests say yes. */
function acceptLeaving(page) {
  page.on('dialog', (d) => (d.type() === 'beforeunload' ? d.accept() : undefined));
}

describe('the motion form', () => {
  test('an empty submit shows the error summary; each link focuses its field', async (t) => {
    const page = await openForm(t);
    await shot(page, '1-empty');
    const emptyViolations = await assertAccessible(page, 'empty');
    t.diagnostic(`axe, empty state, minor/moderate: ${emptyViolations.join(', ') || 'none'}`);

    await page.click('#submit');
    const summary = page.locator('#error-summary');
    await summary.waitFor({ state: 'visible' });
    assert.equal(await activeId(page), 'error-summary', 'the summary has focus');
    assert.equal(await summary.getAttribute('tabindex'), '-1');
    assert.equal(await page.locator('#error-summary-title').textContent(), 'Det finns problem');
    assert.match(await page.title(), /^Fel: /);

    // One link per error: title, body, yrkande 1, name and party of signatory 1.
    const links = summary.locator('a');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, ['#title', '#body', '#proposal-0', '#signatory-0-name', '#signatory-0-party']);
    const texts = await links.allTextContents();
    assert.deepEqual(texts, [
      'Skriv en titel.',
      'Skriv en bakgrund till motionen.',
      'Yrkande 1 är tomt. Skriv yrkandet eller ta bort det.',
      'Skriv namnet på undertecknare 1.',
      'Välj parti för undertecknare 1.',
    ]);

    // Each field shows the same message inline, is aria-invalid and described by it.
    for (const [i, href] of hrefs.entries()) {
      const id = href.slice(1);
      const field = page.locator(href);
      assert.equal(await field.getAttribute('aria-invalid'), 'true', id);
      const describedBy = (await field.getAttribute('aria-describedby')).split(' ');
      assert.ok(describedBy.includes(`${id}-error`), `${id} is described by its error`);
      assert.equal(await errorOf(page, id), `Fel: ${texts[i]}`);
    }
    const errorViolations = await assertAccessible(page, 'error');
    t.diagnostic(`axe, error state, minor/moderate: ${errorViolations.join(', ') || 'none'}`);
    await shot(page, '2-errors', false);
    await shot(page, '2-errors-full');

    // Following a link (mouse) moves focus to the field.
    for (const href of hrefs) {
      await summary.locator(`a[href="${href}"]`).click();
      assert.equal(await activeId(page), href.slice(1), `${href} focuses its field`);
    }
    // And by keyboard: from the summary, Tab to the first link, Enter.
    await summary.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await activeId(page), 'title');
    // The label is scrolled into view with the field.
    assert.ok(await page.locator('label[for="title"]').isVisible());
    const labelTop = await page.locator('label[for="title"]').evaluate((l) => l.getBoundingClientRect().top);
    assert.ok(labelTop > -1 && labelTop < 900, `label in view (top ${labelTop})`);
  });

  test('the seed motion entered through the form: no problems found, by the browser and by the server', async (t) => {
    const page = await openForm(t);
    await page.getByLabel('Titel', { exact: true }).fill(SEED.title);
    await page.getByLabel('Bakgrund').fill(SEED.body);

    await page.getByLabel('Yrkande 1').fill(SEED.proposals[0]);
    await page.getByRole('button', { name: 'Lägg till yrkande' }).click();
    assert.equal(await activeId(page), 'proposal-1', 'the new yrkande has focus');
    await page.keyboard.type(SEED.proposals[1]);

    for (const [i, s] of SEED.signatories.entries()) {
      if (i > 0) {
        await page.getByRole('button', { name: 'Lägg till undertecknare' }).click();
        assert.equal(await activeId(page), `signatory-${i}-name`);
      }
      await page.locator(`#signatory-${i}-name`).fill(s.name);
      // The seed writes F!, an alias: the form offers the canonical code.
      await page.locator(`#signatory-${i}-party`).selectOption('FI');
    }
    await page.getByLabel('Datum då motionen väcks').fill(SEED.submittedOn);

    await page.getByRole('button', { name: 'Kontrollera motionen' }).click();
    // "Inga fel hittades": what the check can say; not "godkänd", which reads as the council's decision.
    assert.equal(await waitForVerdict(page), 'Inga fel hittades');
    assert.equal(await page.locator('#verdict-mismatch').isHidden(), true, 'browser and server agree: nothing about the server is shown');
    assert.doesNotMatch(await page.locator('#result').textContent(), /godkänd|Webbläsaren|Servern/);
    assert.equal(await page.locator('#error-summary').isHidden(), true);
    assert.equal(await activeId(page), 'result-title', 'focus moves to the verdict');
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Lämna in motionen' }).isVisible(), true);

    // The motion as it will be handed in: party codes canonical.
    const stored = await page.locator('#result-details').textContent();
    assert.ok(stored.includes('Lovisa Johansson (FI, Feministiskt initiativ)'), stored);

    const validViolations = await assertAccessible(page, 'valid');
    t.diagnostic(`axe, valid state, minor/moderate: ${validViolations.join(', ') || 'none'}`);
    await shot(page, '4-valid');

    // The server, asked directly with the same options, agrees.
    const response = await page.evaluate(async (motion) => {
      const r = await fetch('/api/v1/validate?profile=uppsala&lang=sv', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(motion),
      });
      return { status: r.status, report: await r.json() };
    }, { ...SEED, signatories: SEED.signatories.map((s) => ({ ...s, party: 'FI' })) });
    assert.equal(response.status, 200);
    assert.equal(response.report.valid, true);
  });

  test('switching to English changes the messages and the page', async (t) => {
    const page = await openForm(t);
    acceptLeaving(page);
    await page.locator('#title').fill('Kort');
    await page.locator('#title').blur();
    assert.equal(await errorOf(page, 'title'), 'Fel: Titeln är för kort: minst 10 tecken, nu 4.');
    await page.click('#submit');
    assert.equal(await waitForVerdict(page), 'Motionen behöver rättas');

    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('h1.heading-xl').textContent(), 'Submit a motion');
    assert.equal(await errorOf(page, 'title'), 'Error: The title is too short: at least 10 characters, now 4.');
    assert.equal(await page.locator('#error-summary-title').textContent(), 'There is a problem');
    assert.deepEqual((await page.locator('#error-summary a').allTextContents()).slice(0, 2), [
      'The title is too short: at least 10 characters, now 4.',
      'Enter the background text of the motion.',
    ]);
    assert.equal(await page.getByLabel('Proposal 1').count(), 1);
    await page.waitForFunction(() => document.querySelector('#result-title').textContent === 'The motion needs correcting');
    assert.equal(await waitForVerdict(page), 'The motion needs correcting');
    assert.equal(await page.locator('#verdict-mismatch').isHidden(), true);
    await shot(page, '5-english', false);

    // Live checks speak English now too.
    await page.locator('#title').fill('Fler cykelbanor i centrum');
    assert.equal(await errorOf(page, 'title'), null);
    await page.locator('#signatory-0-name').fill('Anna');
    await page.locator('#signatory-0-name').blur();
    assert.equal(await errorOf(page, 'signatory-0-name'), 'Error: The name of signatory 1 needs both a first and a last name.');

    // The choice is remembered, and Swedish comes back.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.locator('h1.heading-xl').textContent(), 'Submit a motion');
    await page.getByRole('button', { name: 'Svenska' }).click();
    assert.equal(await page.locator('h1.heading-xl').textContent(), 'Lämna in en motion');
  });

  test('markup in a field shows as text and runs nothing', async (t) => {
    const page = await openForm(t);
    const dialogs = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    const payload = '<img src=x onerror=alert(1)>';
    await page.locator('#title').fill(payload);
    await page.locator('#title').blur();
    await page.locator('#body').fill(`<script>alert(2)</script>${'x'.repeat(60)}`);
    await page.locator('#proposal-0').fill('att <img src=y onerror="window.__xss=1">');
    await page.locator('#signatory-0-name').fill('<b onmouseover=alert(3)>Anna</b> Berg');
    await page.click('#submit');
    await waitForVerdict(page);
    await page.waitForTimeout(300);

    const titleError = await errorOf(page, 'title');
    assert.ok(titleError.includes(payload), `the payload is shown as text: ${titleError}`);
    assert.ok((await page.locator('#error-summary').textContent()).includes(payload));
    const created = await page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      script: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
      bold: document.querySelectorAll('main b').length,
      xss: '__xss' in window,
    }));
    assert.deepEqual(created, { img: 0, script: 0, bold: 0, xss: false });
    assert.deepEqual(dialogs, []);
    assert.equal(await page.locator('#title').inputValue(), payload);
    await shot(page, '6-markup-as-text');
  });

  test('yrkanden are added, moved and removed with the keyboard alone, focus following', async (t) => {
    const page = await openForm(t);
    await tabTo(page, 'title');
    await page.keyboard.type('Fler cykelbanor i centrum');
    await page.keyboard.press('Tab');
    assert.equal(await activeId(page), 'body');
    await page.keyboard.type('Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.');
    await page.keyboard.press('Tab');
    assert.equal(await activeId(page), 'proposal-0');
    await page.keyboard.type('att planera nya cykelbanor');
    await tabTo(page, 'proposals-add');
    await page.keyboard.press('Enter');
    assert.equal(await activeId(page), 'proposal-1');
    await page.keyboard.type('Bygga cykelparkeringar vid stationen');
    // Leaving the field shows its message, and the one-click fix right after the field.
    await page.keyboard.press('Tab');
    assert.match(await errorOf(page, 'proposal-1'), /Yrkandet ska börja med ”att”/);
    await page.keyboard.press('Shift+Tab');
    const fixText = await page.evaluate(() => document.activeElement.textContent);
    assert.equal(fixText, 'Ändra till: att bygga cykelparkeringar vid stationen (i yrkande 2)');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#proposal-1').inputValue(), 'att bygga cykelparkeringar vid stationen');
    assert.equal(await errorOf(page, 'proposal-1'), null);
    assert.equal(await activeId(page), 'proposal-1');

    // Move yrkande 2 up with the keyboard: focus stays with the moved item.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Flytta upp yrkande 2');
    await page.keyboard.press('Enter');
    assert.deepEqual(await page.locator('#proposals-list textarea').evaluateAll((a) => a.map((x) => x.value)), [
      'att bygga cykelparkeringar vid stationen',
      'att planera nya cykelbanor',
    ]);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Flytta ner yrkande 1');
    await page.waitForFunction(() => document.querySelector('#announcer').textContent === 'Yrkande 2 har flyttats till plats 1.');

    // Remove the first: focus goes to the one that takes its place.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Ta bort yrkande 1');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#proposals-list textarea').count(), 1);
    assert.equal(await activeId(page), 'proposal-0');
    assert.equal(await page.locator('#proposal-0').inputValue(), 'att planera nya cykelbanor');
    // The only yrkande cannot be removed or moved.
    assert.equal(await page.locator('#proposals-list button').count(), 0);

    // Signatory with the keyboard: name, then the party by typing its name in the select.
    await tabTo(page, 'signatory-0-name');
    await page.keyboard.type('Anna Svensson');
    await page.keyboard.press('Tab');
    assert.equal(await activeId(page), 'signatory-0-party');
    await page.keyboard.type('Milj');
    assert.equal(await page.locator('#signatory-0-party').inputValue(), 'MP');
    await tabTo(page, 'submit');
    const focusBg = await page.locator('#submit').evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(focusBg, 'rgb(255, 221, 0)', 'keyboard focus is the yellow focus style');
    await page.keyboard.press('Enter');
    assert.equal(await waitForVerdict(page), 'Inga fel hittades');
  });

  test('works at 320 px: no sideways scrolling, errors readable', async (t) => {
    const page = await openForm(t, { width: 320, height: 640 });
    await page.click('#submit');
    await page.locator('#error-summary').waitFor();
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(widths.doc <= widths.view, `page is ${widths.doc}px wide in a ${widths.view}px viewport`);
    // Large click targets: every button and control at least 44px tall.
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('main button:not([disabled]), main input, main select, main textarea')]
        .filter((e) => e.offsetParent !== null && e.type !== 'radio' && e.getBoundingClientRect().height < 44)
        .map((e) => e.id || e.textContent),
    );
    assert.deepEqual(small, []);
    await shot(page, '7-narrow-errors');
    await shot(page, '7-narrow-errors-top', false);
    await page.locator('#proposals-group').scrollIntoViewIfNeeded();
    await shot(page, '7-narrow-errors-lists', false);
    await assertAccessible(page, 'narrow error');
  });

  test('another municipality: its parties in the select; a party it does not seat stays as written', async (t) => {
    const page = await openForm(t);
    await page.locator('#signatory-0-name').fill('Anna Svensson');
    await page.locator('#signatory-0-party').selectOption('FI');
    await page.locator('#profile').selectOption('goteborg');
    const parties = await page.locator('#signatory-0-party option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(parties.includes('D') && parties.includes('-'), `Göteborg's parties and partilös: ${parties}`);
    // FI, chosen under Uppsala, is kept as written ("Annat parti …") so that the check can say why it is wrong here.
    assert.equal(await page.locator('#signatory-0-party-other').inputValue(), 'FI');
    assert.match(await errorOf(page, 'signatory-0-party'), /^Fel: ”FI” är inget parti i Göteborgs stad/);
    await page.locator('#signatory-0-party').selectOption('D');
    assert.equal(await errorOf(page, 'signatory-0-party'), null);
    assert.equal(await page.locator('#signatory-0-party-other').isVisible(), false);

    // The riksdag: yrkanden are not att-satser there, and the hint says so.
    await page.locator('#profile').selectOption('riksdag');
    assert.match(await page.locator('#proposals-hint').textContent(), /Riksdagen ställer sig bakom/);
    await page.locator('#proposal-0').fill('Riksdagen ställer sig bakom det som anförs i motionen om cykelbanor');
    await page.locator('#proposal-0').blur();
    assert.equal(await errorOf(page, 'proposal-0'), null);
  });

  test('a partly wrong motion: errors, a warning and one-click fixes together', async (t) => {
    const page = await openForm(t, { width: 1000, height: 900 });
    await page.locator('#title').fill('FLER CYKELBANOR I CENTRUM');
    await page.locator('#body').fill('CYKLISTER SAKNAR TRYGGA VÄGAR.');
    await page.locator('#proposal-0').fill('Uppdra åt gatunämnden att planera nya cykelbanor');
    await page.locator('#signatory-0-name').fill('Anna');
    await page.locator('#signatory-0-party').selectOption('MP');
    await page.locator('#submitted-on').fill('25 maj 2020');
    await page.click('#submit');
    await waitForVerdict(page);

    // Four errors in the summary; the all-caps title is a warning, not in it.
    assert.deepEqual(await page.locator('#error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), [
      '#body',
      '#proposal-0',
      '#signatory-0-name',
      '#submitted-on',
    ]);
    // A list message that does not say which item gets the item's name in the summary.
    assert.equal(
      await page.locator('#error-summary a[href="#proposal-0"]').textContent(),
      'Yrkande 1: Yrkandet ska börja med ”att”.',
    );
    // The warning: visible word, its own style, no aria-invalid.
    const warning = page.locator('#title-warning');
    assert.match((await warning.textContent()).trim(), /^Varning: Titeln är till största delen skriven med versaler/);
    assert.equal(await page.locator('#title-error').count(), 0);
    assert.equal(await page.locator('#title').getAttribute('aria-invalid'), null);
    assert.equal(await page.locator('#title').getAttribute('aria-describedby'), 'title-hint title-warning');
    const styles = await page.evaluate(() => ({
      error: getComputedStyle(document.querySelector('#body-group')).borderLeftColor,
      warning: getComputedStyle(document.querySelector('#title-group')).borderLeftColor,
    }));
    assert.notEqual(styles.error, styles.warning, 'warnings look different from errors');
    // A field with both: the error, then the warning, both described.
    assert.equal(await page.locator('#body').getAttribute('aria-describedby'), 'body-hint body-error body-warning');
    assert.match((await page.locator('#body-error').textContent()).trim(), /^Fel: Bakgrunden är för kort/);
    assert.match((await page.locator('#body-warning').textContent()).trim(), /^Varning: Bakgrunden är till största delen skriven med versaler/);
    // Suggestions for the yrkande and the date.
    assert.equal((await page.locator('#proposal-0-fixes button').textContent()).trim(), 'Ändra till: att uppdra åt gatunämnden att planera nya cykelbanor (i yrkande 1)');
    assert.equal((await page.locator('#submitted-on-fixes button').textContent()).trim(), 'Ändra till: 2020-05-25');
    await shot(page, '8-mixed-summary', false);
    // The fields: a warning, errors, one-click fixes (the README's picture).
    await page.evaluate(() => window.scrollTo(0, document.querySelector('#body-group').getBoundingClientRect().top + window.scrollY - 30));
    await shot(page, '8-mixed-fields', false);
    await assertAccessible(page, 'mixed error and warning');
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      await page.screenshot({ path: join(ROOT, 'docs/form-errors.png') });
    }

    // Both fixes, one click each; then the body, and the name; the motion passes.
    await page.locator('#proposal-0-fixes button').click();
    await page.locator('#submitted-on-fixes button').click();
    await page.locator('#body').fill('Cyklister i centrum saknar trygga och sammanhängande cykelbanor året runt.');
    await page.locator('#signatory-0-name').fill('Anna Svensson');
    await page.click('#submit');
    assert.equal(await waitForVerdict(page), 'Inga fel hittades');
    // Still a warning: no errors, and the verdict says what to look at, with a link to it.
    assert.match(await page.locator('#result-note').textContent(), /titta på det här/);
    const warningLink = page.locator('#result-warnings a');
    assert.match(await warningLink.textContent(), /^Titeln är till största delen skriven med versaler/);
    await warningLink.click();
    assert.equal(await activeId(page), 'title');
  });

  test('without the WebAssembly package the page says so and the server still checks', async (t) => {
    // A root with the form but no pkg/: what a half-built checkout serves.
    const root = mkdtempSync(join(tmpdir(), 'motion-form-'));
    symlinkSync(join(ROOT, 'www'), join(root, 'www'));
    const bare = await startServer(root);
    t.after(async () => {
      await stopServer(bare.child);
      rmSync(root, { recursive: true, force: true });
    });
    const page = await openForm(t, { url: bare.url, expectLoadError: true });
    assert.match(await page.locator('#load-error').textContent(), /Kontrollen i webbläsaren kunde inte starta/);
    // The municipalities come from GET /api/v1/profiles instead.
    assert.deepEqual(await page.locator('#profile option').evaluateAll((os) => os.map((o) => o.value)), [
      'uppsala',
      'lund',
      'goteborg',
      'riksdag',
      'eskilstuna',
      'halmstad',
    ]);
    await page.locator('#title').fill('Kort');
    await page.click('#submit');
    // The server's report is the verdict then.
    assert.equal(await waitForVerdict(page), 'Motionen behöver rättas');
    // The server's report is shown the same way: summary, focus, inline messages.
    assert.equal(await activeId(page), 'error-summary');
    assert.equal(await page.locator('#error-summary a').count(), 5);
    assert.equal(await errorOf(page, 'title'), 'Fel: Titeln är för kort: minst 10 tecken, nu 4.');

    // "Klistra in motion" needs the package too: the dialog says so at once.
    await page.getByRole('button', { name: 'Klistra in motion' }).click();
    await page.locator('#paste-failed').waitFor({ state: 'visible' });
    assert.match(await page.locator('#paste-failed').textContent(), /^Inläsningen kunde inte starta/);
    assert.equal(await activeId(page), 'paste-text');
    await page.keyboard.press('Escape');
    assert.equal(await activeId(page), 'paste-open');
  });
});
