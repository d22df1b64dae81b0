// The README's plain page (examples/js/plain/index.html) served by a
// static server with pkg/ next to it, as the README says, and loaded in
// headless Chromium: the inline module loads the package and puts the
// validator's message on the field with setCustomValidity.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EXAMPLES, PKG, ROOT, launchChromium, serveStatic, strictPage } from './support.mjs';

const { validateField } = await import(join(ROOT, 'pkg/node.js'));

test('the plain <script type="module"> page checks the diary number in Chromium', async (t) => {
  const url = await serveStatic(t, { '/': join(EXAMPLES, 'plain'), '/pkg/': PKG });
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await strictPage(t, browser);
  const wasm = page.waitForResponse((r) => r.url().endsWith('/pkg/web/motion_validator_bg.wasm'));
  await page.goto(`${url}/`);
  assert.equal((await wasm).status(), 200);

  const input = page.locator('#diary-number');
  const state = () => input.evaluate((i) => ({ message: i.validationMessage, valid: i.checkValidity() }));
  const typed = 'ksn 2020 2111';
  const [expected] = validateField(['diaryNumber'], typed, { profile: 'uppsala', lang: 'sv' });
  assert.equal(expected.code, 'diary_number_format');
  await input.fill(typed);
  // The listener is there once init() has resolved: send input until it answers.
  await page.waitForFunction(() => {
    const i = document.querySelector('#diary-number');
    i.dispatchEvent(new Event('input'));
    return i.validationMessage !== '';
  });
  assert.deepEqual(await state(), { message: expected.message, valid: false });

  await input.fill('KSN-2020-02111');
  assert.deepEqual(await state(), { message: '', valid: true });
});
