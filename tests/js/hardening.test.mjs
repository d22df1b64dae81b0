// Hostile input through the package (issue "Hardening"): bounded reports,
// no throws on odd values, size limits before crossing into WebAssembly,
// and a Standard Schema that outlives the options cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Validator, validate, validateField, normalizeDiaryNumber, motionSchema, parseMotionText } from '../../pkg/node.js';

const seed = JSON.parse(readFileSync(new URL('../fixtures/seed.json', import.meta.url), 'utf8'));

test('500 000 list items give a small report (no amplification)', () => {
  const v = new Validator({ today: '2021-06-01' });
  const r = v.validate({ proposals: new Array(500_000).fill(0) });
  assert.equal(r.valid, false);
  assert.ok(r.issues.length <= 101, `${r.issues.length} issues`);
  assert.equal(r.issues.find((i) => i.code === 'too_many').params.actual, 500_000);
  assert.ok(JSON.stringify(r).length < 20_000);
});

test('a report carries at most 100 issues and says how many more', () => {
  const m = { ...seed };
  for (let i = 0; i < 300; i++) m[`extra${i}`] = i;
  const r = validate(m, { today: '2021-06-01', lang: 'en' });
  assert.equal(r.issues.length, 101);
  const last = r.issues.at(-1);
  assert.equal(last.code, 'issues_truncated');
  assert.equal(last.params.omitted, 200);
  assert.equal(r.valid, true);
});

test('a motion over the size limit is refused before it crosses', () => {
  const v = new Validator({ today: '2021-06-01' });
  const r = v.validate({ ...seed, body: 'å'.repeat(600_000) });
  assert.deepEqual(r.issues.map((i) => i.code), ['input_too_large']);
  assert.equal(r.issues[0].params.max, 1_048_576);
  // The same byte count the engine gives for the same JSON.
  assert.equal(r.issues[0].params.actual, Buffer.byteLength(JSON.stringify({ ...seed, body: 'å'.repeat(600_000) })));
});

test('odd values never throw', () => {
  const odd = Object.create(null);
  assert.doesNotThrow(() => validateField([odd], 'x'));
  assert.equal(validateField([odd], 'x')[0].code, 'unknown_field');
  assert.equal(normalizeDiaryNumber(odd), null);
  const throwing = { toString() { throw new Error('no'); } };
  assert.equal(normalizeDiaryNumber(throwing), null);
  assert.doesNotThrow(() => validateField(['title', throwing], 'x'));
});

test('a schema keeps working after the options cache evicts its validator', () => {
  const schema = motionSchema({ profile: 'lund', today: '2021-06-01' });
  for (let d = 1; d <= 20; d++) {
    validate(seed, { today: `2021-06-${String(d).padStart(2, '0')}` });
  }
  const r = schema['~standard'].validate({ ...seed, diaryNumber: undefined });
  assert.ok(r.value || r.issues, 'a result, no throw');
});

test('a pasted text over the limit is refused with a report, never a trap', async () => {
  const big = 'x\n'.repeat(5_000_000); // 10 MB
  const r = await parseMotionText(big, { lang: 'en' });
  assert.deepEqual(r.issues.map((i) => i.code), ['input_too_large']);
  assert.equal(r.issues[0].params.actual, 10_000_000);
  assert.match(r.issues[0].message, /too long to read in/);
  assert.deepEqual(r.motion, {});
  // The importer still works afterwards.
  const ok = await parseMotionText('Motion: Fler bänkar i parken\n\nText.\n\nVi yrkar att\n- Ställa ut bänkar\n\nAnna Ek (S)');
  assert.equal(ok.motion.signatories[0].party, 'S');
});
