// "Klistra in motion" through the package: the importer module (a second
// .wasm, loaded on first use) gives the motion and the issues the native
// engine gives for every import fixture (tests/fixtures/import, checked
// natively by tests/import.rs), and never throws on any text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { parseMotionText, Validator } from '../../pkg/node.js';

const dir = new URL('../fixtures/import/', import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.txt'));

test('there are import fixtures', () => assert.ok(fixtures.length >= 16, `${fixtures.length}`));

for (const f of fixtures) {
  test(`import parity: ${f}`, async () => {
    const expected = JSON.parse(readFileSync(new URL(f.replace(/\.txt$/, '.json'), dir), 'utf8'));
    const text = readFileSync(new URL(f, dir), 'utf8');
    const got = await parseMotionText(text, { profile: expected.profile ?? 'uppsala', lang: 'sv' });
    assert.deepEqual(got.motion, expected.motion);
    assert.deepEqual(
      got.issues.map((i) => [i.code, i.params.line]),
      expected.issues.map((i) => [i.code, i.params?.line ?? i.line]),
    );
  });
}

test('the seed motion text reads into a valid motion', async () => {
  const doc = readFileSync(new URL('../fixtures/seed/KSN-2020-02111.txt', import.meta.url), 'utf8');
  const seed = JSON.parse(readFileSync(new URL('../fixtures/seed.json', import.meta.url), 'utf8'));
  const { motion, issues } = await parseMotionText(doc.slice(doc.indexOf('Motion: Stärka')));
  assert.deepEqual(issues, []);
  assert.deepEqual(motion.proposals, seed.proposals);
  assert.deepEqual(motion.signatories.map((s) => s.party), ['FI', 'FI', 'FI']);
  const report = new Validator({ today: '2021-06-01' }).validate({ ...motion, submittedOn: '2020-05-25' });
  assert.equal(report.valid, true, JSON.stringify(report.issues));
});

test('odd input gives a result, never a throw', async () => {
  for (const text of [undefined, null, 42, '', '\uD800', '<script>', 'Motion:'.repeat(10_000)]) {
    const r = await parseMotionText(text);
    assert.equal(typeof r.motion, 'object');
    assert.ok(Array.isArray(r.issues));
  }
  await assert.rejects(parseMotionText('x', { profile: 'narnia' }), TypeError);
});

test('import messages follow the language', async () => {
  const doc = readFileSync(new URL('../fixtures/seed/KSN-2020-02111.txt', import.meta.url), 'utf8');
  const sv = await parseMotionText(doc, { lang: 'sv' });
  const en = await parseMotionText(doc, { lang: 'en' });
  assert.equal(sv.issues[0].code, 'import_unrecognized');
  assert.notEqual(sv.issues[0].message, en.issues[0].message);
});
