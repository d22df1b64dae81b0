// The README's Standard Schema examples in a copy with the package
// installed by npm: the motionSchema snippet (examples/js/standard-schema/
// check.mjs) run on a valid and an invalid motion, and TanStack Form's
// FormApi with the schema as its validator (tanstack-form.mjs): the errors
// land on the fields `title` and `proposals[0]`, go when fixed, and the
// form submits.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ROOT, installExample } from './support.mjs';

const { validate } = await import(join(ROOT, 'pkg/node.js'));
const SEED = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/seed.json'), 'utf8'));
const run = promisify(execFile);

async function check(dir, motion) {
  const file = join(dir, 'motion.json');
  writeFileSync(file, JSON.stringify(motion));
  try {
    const { stdout } = await run(process.execPath, ['check.mjs', file], { cwd: dir });
    return { code: 0, out: JSON.parse(stdout) };
  } catch (e) {
    if (e.code !== 1) throw e;
    return { code: 1, out: JSON.parse(e.stdout) };
  }
}

test('the motionSchema snippet: the normalized motion, or the errors with their paths', async (t) => {
  const dir = await installExample(t, 'standard-schema');
  const options = { profile: 'goteborg', lang: 'en' };

  // A Göteborg motion: its diary-number format, its parties.
  const motion = {
    ...SEED,
    signatories: [{ name: 'Karin Svensson', party: 'v' }, { name: ' Per   Lindqvist ', party: 'S' }],
    diaryNumber: '0263/20',
  };
  const expected = validate(motion, options);
  assert.equal(expected.valid, true);
  assert.deepEqual(expected.normalized.signatories, [{ name: 'Karin Svensson', party: 'V' }, { name: 'Per Lindqvist', party: 'S' }]);
  assert.deepEqual(await check(dir, motion), { code: 0, out: { value: expected.normalized } });

  const bad = { ...motion, title: 'Kort', proposals: ['uppdra åt kommunstyrelsen att avsätta resurser'], diaryNumber: 'KSN-2020-02111' };
  const report = validate(bad, options);
  const errors = report.issues.filter((i) => i.severity === 'error').map((i) => ({ message: i.message, path: i.path }));
  assert.deepEqual(
    errors.map((e) => e.path),
    [['title'], ['proposals', 0], ['diaryNumber']],
  );
  assert.deepEqual(await check(dir, bad), { code: 1, out: { issues: errors } });
});

test('TanStack Form: the schema as the form validator puts each error on its field', async (t) => {
  const dir = await installExample(t, 'standard-schema');
  const { motionForm, field } = await import(pathToFileURL(join(dir, 'tanstack-form.mjs')));
  const submitted = [];
  const start = {
    ...SEED,
    title: 'Kort',
    proposals: ['uppdra åt kommunstyrelsen att avsätta resurser', SEED.proposals[1]],
    signatories: [SEED.signatories[0], { name: 'Stina Jansson', party: 'Piratpartiet' }],
  };
  const form = motionForm(start, (value) => submitted.push(value));
  const title = field(form, 'title');
  const p0 = field(form, 'proposals[0]');
  const p1 = field(form, 'proposals[1]');
  const party1 = field(form, 'signatories[1].party');

  const messageAt = (motion, path) =>
    validate(motion, { profile: 'uppsala', lang: 'sv' }).issues.find((i) => JSON.stringify(i.path) === JSON.stringify(path))?.message;
  await form.handleSubmit();
  assert.deepEqual(submitted, [], 'an invalid motion is not submitted');
  assert.deepEqual(title.state.meta.errors.map((e) => e.message), [messageAt(start, ['title'])]);
  assert.deepEqual(p0.state.meta.errors.map((e) => e.message), [messageAt(start, ['proposals', 0])]);
  assert.deepEqual(party1.state.meta.errors.map((e) => e.message), [messageAt(start, ['signatories', 1, 'party'])]);
  assert.deepEqual(p1.state.meta.errors, []);
  assert.match(p0.state.meta.errors[0].message, /att/);

  title.handleChange(SEED.title);
  assert.deepEqual(title.state.meta.errors, [], 'the title error goes when the title is fixed');
  assert.equal(p0.state.meta.errors.length, 1, 'the yrkande is still wrong');
  p0.handleChange(`att ${start.proposals[0]}`);
  assert.deepEqual(p0.state.meta.errors, []);
  party1.handleChange('FI');
  assert.deepEqual(party1.state.meta.errors, []);

  await form.handleSubmit();
  assert.equal(submitted.length, 1, 'the valid motion is submitted');
  assert.equal(submitted[0].title, SEED.title);
  assert.equal(submitted[0].proposals[0], 'att uppdra åt kommunstyrelsen att avsätta resurser');
});
