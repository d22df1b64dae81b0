// The README's Vite app (examples/js/vite/: vite.config.js and
// validator.js as the README shows them, index.html and main.js around
// them) in a copy with the package installed by npm, built with the real
// `vite build`, served and loaded in headless Chromium. The page fetches
// the validator's .wasm and checks a diary number in the browser; the
// importer's .wasm is fetched only when parseMotionText is first called.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, installExample, launchChromium, serveStatic, strictPage } from './support.mjs';

const { normalizeDiaryNumber, validateField } = await import(join(ROOT, 'pkg/node.js'));
const run = promisify(execFile);
const VALIDATOR_WASM = /\/motion_validator_bg[-.\w]*\.wasm$/;
const IMPORTER_WASM = /\/motion_validator_import_bg[-.\w]*\.wasm$/;
const LUND_TEXT = readFileSync(join(ROOT, 'tests/fixtures/import/02-lund-att-satser.txt'), 'utf8');
const LUND_MOTION = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/import/02-lund-att-satser.json'), 'utf8')).motion;

test('the Vite example builds with vite build and runs in Chromium; the importer loads on demand', async (t) => {
  const dir = await installExample(t, 'vite');
  // No warning either: with a target without top-level await, Vite 8 only
  // warns ("Top-level await is not available …"), where Vite 6 stops.
  const { stdout, stderr } = await run(join(ROOT, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: dir });
  assert.equal(`${stdout}${stderr}`, '', 'vite build prints no warning');
  const assets = readdirSync(join(dir, 'dist/assets'));
  assert.equal(assets.filter((f) => VALIDATOR_WASM.test(`/${f}`)).length, 1, `the validator's .wasm in ${assets}`);
  assert.equal(assets.filter((f) => IMPORTER_WASM.test(`/${f}`)).length, 1, `the importer's .wasm in ${assets}`);

  const url = await serveStatic(t, { '/': join(dir, 'dist') });
  const browser = await launchChromium();
  t.after(() => browser.close());
  const page = await strictPage(t, browser);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const fetched = (re) => requests.filter((p) => re.test(p));

  await page.goto(`${url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(fetched(VALIDATOR_WASM).length, 1, `the validator's .wasm is fetched on load: ${requests}`);
  assert.deepEqual(fetched(IMPORTER_WASM), [], 'the importer is not part of the page load');

  // A diary number as people type it: the suggestion Lund's format gives.
  const typed = 'ks 2017 996';
  const [expected] = validateField(['diaryNumber'], typed, { profile: 'lund', lang: 'sv' });
  assert.equal(expected.code, 'diary_number_format');
  assert.equal(expected.suggestion, normalizeDiaryNumber(typed, 'lund'));
  await page.locator('#diary-number').fill(typed);
  assert.equal(await page.locator('#diary-number-message').textContent(), `${expected.message} [diary_number_format]`);
  assert.equal(await page.locator('#diary-number-fix').textContent(), `Ändra till ${expected.suggestion}`);
  await page.locator('#diary-number-fix').click();
  assert.equal(await page.locator('#diary-number').inputValue(), 'KS 2017/0996');
  assert.equal(await page.locator('#diary-number-message').textContent(), '');
  assert.deepEqual(fetched(IMPORTER_WASM), [], 'still no importer after checking fields');

  // "Klistra in motion": the first parseMotionText fetches the importer.
  await page.locator('#paste-text').fill(LUND_TEXT);
  await page.locator('#paste-read').click();
  await page.waitForFunction(() => document.querySelector('#paste-title').textContent !== '');
  assert.equal(await page.locator('#paste-title').textContent(), `${LUND_MOTION.title} (0 anmärkningar)`);
  assert.equal(fetched(IMPORTER_WASM).length, 1, 'parseMotionText fetched the importer once');
  assert.equal(fetched(VALIDATOR_WASM).length, 1);
});
