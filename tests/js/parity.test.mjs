// Byte-identical verdicts: every corpus case through the WASM package in
// Node gives exactly the report JSON the native engine wrote to
// tests/fixtures/corpus.jsonl (kept fresh by tests/parity_file.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Validator } from '../../pkg/node.js';

const raw = createRequire(import.meta.url)('../../pkg/node/motion_validator.js');
const corpus = readFileSync(new URL('../fixtures/corpus.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));

function rawValidator(o) {
  const profile = typeof o.profile === 'object' ? JSON.stringify(o.profile) : o.profile ?? '';
  return new raw.RawValidator(profile, o.lang ?? '', o.today ?? '', o.stage ?? '');
}

test('the corpus is large enough', () => {
  assert.ok(corpus.length >= 61, `${corpus.length} cases`);
});

for (const c of corpus) {
  test(`parity: ${c.file}`, () => {
    const v = rawValidator(c.options);
    assert.equal(v.validateJson(c.input), c.report);
    v.free();
    // The public API (object in, object out) agrees too. Raw-text cases
    // (malformed JSON, byte limits on the text as written) exist only on
    // the text path checked above.
    if (c.raw) return;
    const report = new Validator(c.options).validate(JSON.parse(c.input));
    assert.deepEqual(report, JSON.parse(c.report));
  });
}
