// What the example tests share: the README's code blocks, the example
// files they must equal, an example installed the way a user installs the
// package (`npm install ./path/to/pkg`), a static file server, servers
// started and stopped, and Debian's chromium (from tests/e2e/harness.mjs).

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../e2e/harness.mjs';

export { BIN, ROOT, launchChromium, stopServer } from '../e2e/harness.mjs';

export const README = join(ROOT, 'README.md');
export const PKG = join(ROOT, 'pkg');
export const EXAMPLES = join(ROOT, 'examples/js');

/**
 * The README's fenced code blocks: { lang, code, line, section, heading,
 * example }: `section` is the ## heading above the block, `heading` the
 * nearest heading of any level.
 * `example` is the path in an `<!-- example: PATH -->` comment on the line
 * just above the fence: the file (or its `#region readme`) the block is.
 */
export function readmeBlocks(text = readFileSync(README, 'utf8')) {
  const lines = text.split('\n');
  const blocks = [];
  let heading = '';
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const h = /^(#{1,6}) (.*)$/.exec(lines[i]);
    if (h) heading = h[2];
    if (h?.[1] === '##') section = h[2];
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '```') end++;
    assert.ok(end < lines.length, `README.md:${start + 1}: the code block is never closed`);
    const marker = /^<!-- example: (\S+) -->$/.exec(lines[start - 1] ?? '');
    blocks.push({
      lang: open[1],
      code: lines.slice(start + 1, end).join('\n') + '\n',
      line: start + 1,
      section,
      heading,
      example: marker?.[1] ?? null,
    });
    i = end;
  }
  return blocks;
}

/**
 * The part of an example file the README shows: the lines between
 * `#region readme` and `#endregion readme` (in a // or <!-- --> comment),
 * or the whole file when it has no region.
 */
export function exampleRegion(path) {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const lines = text.split('\n');
  const begin = lines.findIndex((l) => /#region readme\b/.test(l));
  const end = lines.findIndex((l) => /#endregion readme\b/.test(l));
  if (begin === -1 && end === -1) return text;
  assert.ok(begin !== -1 && end > begin, `${path}: #region readme … #endregion readme`);
  return lines.slice(begin + 1, end).join('\n') + '\n';
}

const run = promisify(execFile);

/**
 * A copy of examples/js/NAME in a fresh folder under target/examples-js/
 * (inside the repository, so the dev tools in node_modules resolve), with
 * the package installed as a user installs it: `npm install PATH/TO/pkg`.
 * Removed after the test file's tests.
 */
export async function installExample(t, name) {
  assert.ok(existsSync(join(PKG, 'web.js')), 'pkg/ is missing: run bash scripts/build-pkg.sh');
  const base = join(ROOT, 'target/examples-js');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${name}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(EXAMPLES, name), dir, { recursive: true });
  // Its own package.json, so that npm installs here and not in the repository.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `example-${name}`, private: true, type: 'module' }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', relative(dir, PKG)], { cwd: dir });
  assert.ok(existsSync(join(dir, 'node_modules/motion-validator/package.json')), 'npm installed motion-validator');
  return dir;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * A static file server on a free port of 127.0.0.1: `mounts` maps a URL
 * prefix ('/', '/pkg/') to a folder. Resolves to its base URL; stopped
 * after the test.
 */
export async function serveStatic(t, mounts) {
  const entries = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/favicon.ico') {
      res.writeHead(204).end(); // what a browser asks for on its own
      return;
    }
    const mount = entries.find(([prefix]) => path.startsWith(prefix));
    let file = mount && normalize(join(mount[1], path.slice(mount[0].length)));
    if (file && !file.startsWith(mount[1] + sep) && file !== mount[1]) file = null;
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}

/**
 * Starts `node FILE` in `cwd` and waits for the `listening on URL` line it
 * prints; stopped after the test.
 */
export function startNode(t, file, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${file} did not listen in 15 s:\n${out}\n${err}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited (${code}) before listening:\n${out}\n${err}`));
    });
  });
}

/** A fresh page that fails the test on any script error or console error. */
export async function strictPage(t, browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, [], 'the page logged errors');
  });
  return page;
}
