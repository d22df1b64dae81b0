// Nothing handed in is lost: the real server and a real database file.
// - kill -9 right after the 201, start again on the same data directory:
//   the motion is there with the same reference (and the numbers go on);
// - a double click and a retry with the same Idempotency-Key store one
//   motion; the same key with another motion is 409;
// - the per-client rate limit on handing in: 429 with Retry-After.
// No browser: these are about the server and the file.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED, SERVE_ROOT, startServer, stopServer } from './harness.mjs';

const TOKEN = 'e2e-token-0123456789abcdef0123456789abcdef';
const started = [];
after(async () => {
  // The ones killed with SIGKILL are already gone; stop the others.
  for (const child of started) await stopServer(child);
});

async function serve(dataDir, args = []) {
  const server = await startServer(SERVE_ROOT, { dataDir, args, env: { MOTION_VALIDATOR_API_TOKEN: TOKEN } });
  started.push(server.child);
  return server;
}

function handIn(url, motion = SEED, headers = {}) {
  return fetch(`${url}/api/v1/motions?profile=uppsala`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(motion),
  });
}

async function get(url, path) {
  const r = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: r.status, body: await r.json() };
}

/** SIGKILL and wait until the process is gone. */
async function killHard(child) {
  const gone = new Promise((r) => child.once('exit', (code, signal) => r(signal)));
  child.kill('SIGKILL');
  assert.equal(await gone, 'SIGKILL');
}

test('a motion acknowledged with 201 survives kill -9', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'motion-validator-durability-'));
  const first = await serve(dataDir);
  const t0 = performance.now();
  const response = await handIn(first.url, SEED, { 'idempotency-key': 'draft-kill-9' });
  const receipt = await response.json();
  const ms = performance.now() - t0;
  // Killed the moment the 201 is in: no graceful shutdown, no checkpoint.
  await killHard(first.child);
  assert.equal(response.status, 201);
  console.log(`POST /api/v1/motions → 201 in ${ms.toFixed(1)} ms (SQLite commit with fsync included)`);

  const second = await serve(dataDir);
  const { status, body } = await get(second.url, `/api/v1/motions/${receipt.reference}`);
  assert.equal(status, 200, 'the motion is there after kill -9');
  assert.equal(body.reference, receipt.reference);
  assert.equal(body.receivedAt, receipt.receivedAt);
  assert.deepEqual(body.motion, receipt.motion);
  // The retry after the crash is the same receipt, and numbering goes on.
  const retry = await handIn(second.url, SEED, { 'idempotency-key': 'draft-kill-9' });
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(await retry.json(), receipt);
  const next = await (await handIn(second.url)).json();
  assert.equal(next.reference, receipt.reference.replace(/\d{4}$/, '0002'));
  await killHard(second.child);
});

test('a double click or a retry with the same Idempotency-Key stores one motion', async () => {
  const { url } = await serve(mkdtempSync(join(tmpdir(), 'motion-validator-idem-')));
  const key = { 'idempotency-key': 'draft-double-click' };
  const responses = await Promise.all([handIn(url, SEED, key), handIn(url, SEED, key), handIn(url, SEED, key)]);
  const bodies = await Promise.all(responses.map((r) => r.text()));
  assert.deepEqual(responses.map((r) => r.status), [201, 201, 201]);
  assert.equal(new Set(bodies).size, 1, 'the same receipt every time');
  assert.equal(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 2);
  const other = await handIn(url, { ...SEED, title: `${SEED.title} (ändrad)` }, key);
  assert.equal(other.status, 409);
  assert.equal((await other.json()).error, 'idempotency_key_reused');
  const { body } = await get(url, '/api/v1/motions');
  assert.equal(body.total, 1, 'one motion, not three');
});

test('handing in is rate-limited per client with Retry-After', async () => {
  const { url } = await serve(mkdtempSync(join(tmpdir(), 'motion-validator-rate-')), ['--submit-limit', '3']);
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await handIn(url, { ...SEED, title: `Motion nummer ${i} om cykelbanor` })).status);
  assert.deepEqual(statuses, [201, 201, 201]);
  const limited = await handIn(url);
  assert.equal(limited.status, 429);
  const retryAfter = Number(limited.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
  const body = await limited.json();
  assert.equal(body.error, 'rate_limited');
  assert.match(body.message, /sekunder/);
  assert.equal((await get(url, '/api/v1/motions')).body.total, 3);
});

test('the inbox is off without a password, and says how to turn it on', async () => {
  const { url } = await serve(mkdtempSync(join(tmpdir(), 'motion-validator-off-')));
  const r = await fetch(`${url}/registrator`);
  assert.equal(r.status, 503);
  assert.match(await r.text(), /--registrar-password-file/);
});
