// The harness the browser tests share: the real server binary started on
// a free port of 127.0.0.1, Debian's chromium through playwright-core, a
// fresh page per test that fails the test on any script error, axe-core,
// screenshots under tests/e2e/screenshots/.
//
// A test file calls useServerAndBrowser() once at its top level; node --test
// runs each file in its own process, so each file has its own server.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.MOTION_VALIDATOR_BIN ?? join(ROOT, 'target/release/motion-validator');
// The directory the server serves www/ and pkg/ from (default: this repository).
export const SERVE_ROOT = process.env.E2E_SERVE_ROOT ?? ROOT;
export const SHOTS = join(ROOT, 'tests/e2e/screenshots');
export const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
export const SEED = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/seed.json'), 'utf8'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The server and browser of this file's tests (set in before()). */
export const env = { server: null, baseUrl: '', browser: null };

/**
 * Starts `motion-validator serve --port 0` and reads the URL it prints.
 * Options: `dataDir` (the database's directory; default a fresh temporary
 * one, so tests never write ./data), `args` (more CLI arguments, such as
 * `--registrar-password-file FILE`), `env` (more environment variables).
 * Handing in is not rate-limited unless `args` has `--submit-limit`.
 */
export function startServer(root = SERVE_ROOT, { dataDir, args = [], env: extraEnv = {} } = {}) {
  const data = dataDir ?? mkdtempSync(join(tmpdir(), 'motion-validator-e2e-'));
  const limit = args.includes('--submit-limit') ? [] : ['--submit-limit', '0'];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BIN, ['serve', '--port', '0', '--root', root, '--data', data, ...limit, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...extraEnv },
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 15 s:\n${out}\n${err}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ child, url: m[1], dataDir: data });
      }
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}\n${err}`));
    });
  });
}

export async function stopServer(child) {
  // A child killed by a signal has exitCode null but signalCode set: it is gone.
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

/** Debian's chromium, headless, through playwright-core (no browser download). */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
}

/** Starts the server and the browser before this file's tests and stops them after. */
export function useServerAndBrowser(serverOptions = {}) {
  before(async () => {
    assert.ok(existsSync(BIN), `${BIN} is missing: run cargo build --release -p motion-validator-cli`);
    assert.ok(existsSync(join(SERVE_ROOT, 'pkg/web.js')), 'pkg/ is missing: run bash scripts/build-pkg.sh');
    assert.ok(existsSync(AXE), 'axe-core is missing: run npm ci');
    mkdirSync(SHOTS, { recursive: true });
    const started = await startServer(SERVE_ROOT, serverOptions);
    env.server = started.child;
    env.baseUrl = started.url;
    env.browser = await launchChromium();
  });

  after(async () => {
    await env.browser?.close();
    await stopServer(env.server);
  });
}

/**
 * A fresh page on the form, ready (the WebAssembly validator loaded), that
 * fails the test on any script error. bypassCSP lets axe-core be injected;
 * the page itself runs under the server's CSP everywhere else.
 * `beforeGoto(page, context)` runs before the page loads (to set up routes);
 * `allowConsoleError` (a RegExp) lets the console errors a test provokes pass.
 */
export async function openForm(
  t,
  { width = 1000, height = 900, url = env.baseUrl, expectLoadError = false, allowConsoleError, beforeGoto } = {},
) {
  const context = await env.browser.newContext({ viewport: { width, height }, bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expectLoadError && !allowConsoleError?.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], 'the page logged errors');
  });
  if (beforeGoto) await beforeGoto(page, context);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('#load-error').isHidden(), !expectLoadError, 'the validator loaded (or not)');
  return page;
}

export async function shot(page, name, fullPage = true) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function assertAccessible(page, state) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], `axe on the ${state} state`);
  return result.violations.map((v) => `${v.id} (${v.impact})`);
}

export const activeId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses Tab until `id` has focus (at most 40 times): proves it can be reached by keyboard. */
export async function tabTo(page, id) {
  for (let i = 0; i < 40; i++) {
    if ((await activeId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached #${id}`);
}

export async function errorOf(page, id) {
  const loc = page.locator(`#${id}-error`);
  return (await loc.count()) ? (await loc.textContent()).trim() : null;
}
