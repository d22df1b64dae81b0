// The README's portals, started for real: the Express app and the Fastify
// one (examples/js/express/server.mjs, examples/js/fastify/server.mjs, the
// README's code with a saveMotion that keeps motions in memory), each in a
// copy with the package installed by npm, on 127.0.0.1 and a free port. A
// valid motion gets 201, an invalid one 422, each with the report the
// package gives for it; only the valid one is stored, normalized.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, installExample, startNode } from './support.mjs';

const { Validator } = await import(join(ROOT, 'pkg/node.js'));
// The options of the README's portal.
const validator = new Validator({ profile: 'uppsala', lang: 'sv', stage: 'registration' });
const SEED = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/seed.json'), 'utf8'));
const INVALID = JSON.parse(readFileSync(join(ROOT, 'examples/motions/cykelbanor.json'), 'utf8'));

async function post(url, motion) {
  const res = await fetch(`${url}/motions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(motion),
  });
  return { status: res.status, body: await res.json() };
}

for (const name of ['express', 'fastify']) {
  test(`${name}: POST /motions answers 201 for a valid motion and 422 for an invalid one`, async (t) => {
    const dir = await installExample(t, name);
    const url = await startNode(t, 'server.mjs', dir);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);

    const valid = await post(url, SEED);
    const expectedValid = validator.validate(SEED);
    assert.equal(expectedValid.valid, true, 'the seed motion is valid at stage registration');
    assert.equal(valid.status, 201);
    assert.deepEqual(valid.body, expectedValid);

    const invalid = await post(url, INVALID);
    const expectedInvalid = validator.validate(INVALID);
    assert.equal(invalid.status, 422);
    assert.equal(invalid.body.valid, false);
    assert.deepEqual(invalid.body, expectedInvalid);
    assert.ok(invalid.body.issues.some((i) => i.code === 'proposal_missing_att'));

    // Only the valid motion was stored, in its normalized form ("F!" → "FI").
    const stored = await (await fetch(`${url}/motions`)).json();
    assert.deepEqual(stored, [expectedValid.normalized]);
    assert.equal(stored[0].signatories[0].party, 'FI');
  });
}
