// The JS API of the built package (pkg/node.js): no throws on bad input,
// no panic that poisons the instance, Standard Schema, profiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Validator,
  validate,
  validateField,
  normalizeDiaryNumber,
  profiles,
  profile,
  motionSchema,
} from '../../pkg/node.js';
import { readFileSync } from 'node:fs';

const seed = JSON.parse(readFileSync(new URL('../fixtures/seed.json', import.meta.url), 'utf8'));
const opts = { profile: 'uppsala', lang: 'sv', today: '2021-06-01' };

test('the seed motion is valid and normalized', () => {
  const r = new Validator(opts).validate(seed);
  assert.equal(r.valid, true);
  assert.deepEqual(r.issues, []);
  assert.equal(r.normalized.signatories[0].party, 'FI');
});

test('bad values give reports, never throws', () => {
  const v = new Validator(opts);
  const cycle = { title: 'x' };
  cycle.self = cycle;
  const cases = [
    [undefined, 'required'],
    [null, 'required'],
    [42, 'invalid_type'],
    ['x', 'invalid_type'],
    [[], 'invalid_type'],
    [() => 1, 'required'],
    [{ title: 42 }, 'invalid_type'],
    [{ title: 10n }, 'invalid_type'],
    [cycle, 'required'],
    [{ ...seed, signatories: [{ name: 7, party: ['S'] }] }, 'invalid_type'],
    [{ ...seed, proposals: 'att göra något bra' }, 'invalid_type'],
  ];
  for (const [input, code] of cases) {
    const r = v.validate(input);
    assert.equal(r.valid, false, String(input));
    assert.ok(r.issues.some((i) => i.code === code), `${String(input)} → ${JSON.stringify(r.issues)}`);
  }
});

test('lone surrogates are reported, not thrown', () => {
  const r = validate({ ...seed, title: 'Stärka arbetet \uD800 mot exploatering' }, opts);
  assert.equal(r.valid, false);
  assert.deepEqual(r.issues.map((i) => [i.path, i.code]), [[['title'], 'forbidden_characters']]);
  const f = validateField(['signatories', 0, 'name'], 'Anna \uDC00Berg', opts);
  assert.ok(f.some((i) => i.code === 'forbidden_characters'), JSON.stringify(f));
});

test('the instance stays usable after a flood of hostile input', () => {
  const v = new Validator(opts);
  const nasty = ['\u0000', '\u202E', '<script>', '\uD800', 'a'.repeat(30_000), '{"', '[]'];
  for (let i = 0; i < 1000; i++) {
    const s = nasty[i % nasty.length];
    v.validate({ title: s, body: s, proposals: [s], signatories: [{ name: s, party: s }], submittedOn: s, diaryNumber: s });
    v.validateField(['title'], s);
    v.validateField([s, i, {}], s);
  }
  assert.equal(v.validate(seed).valid, true);
});

test('input over the limit is refused before parsing', () => {
  const r = validate({ ...seed, body: 'a'.repeat(1_100_000) }, opts);
  assert.deepEqual(r.issues.map((i) => i.code), ['input_too_large']);
});

test('validateField: strings, other values, odd paths', () => {
  assert.deepEqual(validateField(['title'], 'Stärka arbetet mot exploatering', opts), []);
  const [i] = validateField(['diaryNumber'], 'ksn 2020 2111', opts);
  assert.equal(i.code, 'diary_number_format');
  assert.equal(i.suggestion, 'KSN-2020-02111');
  assert.equal(validateField(['proposals', 0], 'Uppdra till KS att utreda', opts)[0].suggestion, 'att uppdra till KS att utreda');
  assert.equal(validateField(['title'], 42, opts)[0].code, 'invalid_type');
  assert.equal(validateField(['nope'], 'x', opts)[0].code, 'unknown_field');
  assert.equal(validateField('title', 'x', opts)[0].code, 'too_short');
  assert.equal(validateField(['proposals', -1], 'x', opts)[0].code, 'unknown_field');
  assert.equal(validateField(undefined, undefined, opts)[0].code, 'unknown_field');
});

test('messages follow the language', () => {
  const sv = validateField(['proposals', 0], 'Uppdra till KS att utreda', opts)[0].message;
  const en = validateField(['proposals', 0], 'Uppdra till KS att utreda', { ...opts, lang: 'en' })[0].message;
  assert.equal(sv, 'Yrkandet ska börja med ”att”.');
  assert.match(en, /must begin with “att”/);
});

test('bad options throw a TypeError with the reason', () => {
  assert.throws(() => new Validator({ profile: 'narnia' }), (e) => e instanceof TypeError && /narnia/.test(e.message));
  assert.throws(() => new Validator({ today: '25 maj' }), TypeError);
  assert.throws(() => new Validator({ profile: { name: 'x' } }), TypeError);
});

test('profiles and normalizeDiaryNumber', () => {
  assert.deepEqual(profiles().map((p) => p.name), ['uppsala', 'lund', 'goteborg', 'riksdag', 'eskilstuna', 'halmstad']);
  assert.equal(profile('lund').diaryNumberFormats[0], 'KS {yyyy}/{n:4}');
  assert.equal(profile('narnia'), null);
  assert.equal(normalizeDiaryNumber('ksn 2020 2111'), 'KSN-2020-02111');
  assert.equal(normalizeDiaryNumber('ks 2017 996', 'lund'), 'KS 2017/0996');
  assert.equal(normalizeDiaryNumber('hej'), null);
});

test('motionSchema implements Standard Schema v1', () => {
  const schema = motionSchema(opts);
  const std = schema['~standard'];
  assert.equal(std.version, 1);
  assert.equal(std.vendor, 'motion-validator');
  const ok = std.validate({ ...seed, title: '  Stärka   arbetet mot exploatering ' });
  assert.equal(ok.issues, undefined);
  assert.equal(ok.value.title, 'Stärka arbetet mot exploatering');
  const bad = std.validate({ ...seed, proposals: ['Uppdra till KS att utreda'] });
  assert.deepEqual(bad.issues, [{ message: 'Yrkandet ska börja med ”att”.', path: ['proposals', 0] }]);
});

test('a custom profile object works', () => {
  const mine = { ...profile('lund'), name: 'mitt', displayName: 'Min kommun', requireAtt: false };
  const r = validate({ ...seed, proposals: ['Kommunen ska utreda frågan'], diaryNumber: 'KS 2020/0001' }, { ...opts, profile: mine });
  assert.equal(r.valid, true, JSON.stringify(r.issues));
});

// validateField writes a string value straight into the module's memory
// (no allocation per keystroke); a very long one crosses as a string.
// Both must give the same issues, before and after the memory grows.
test('validateField: the in-memory keystroke path gives the string path', async () => {
  const { createRequire } = await import('node:module');
  const raw = createRequire(import.meta.url)('../../pkg/node/motion_validator.js');
  const table = JSON.parse(raw.fieldTableJson());
  const byString = new raw.RawValidator('uppsala', 'sv', '2021-06-01', '');
  const v = new Validator(opts);
  const other = new Validator({ ...opts, lang: 'en' });
  const values = [
    '', ' ', 'x', 'KSN-2020-02111', 'ksn 2020 2111', 'KSN-2030-00001', '2020-05-25', '2020-02-30',
    'FI', 'F!', 'XYZ', 'Lovisa Johansson', 'att uppdra åt KS att utreda', 'Åsa Öberg',
    'a'.repeat(85), 'b'.repeat(86), 'c'.repeat(300), 'Ö'.repeat(21_845), 'ö'.repeat(21_846),
    'KSN-2020-0211\u00e9', '\u0000\u0001', 'x\u007f', 'Anna \uDC00Berg', 'Ett 😀 och \u202E',
  ];
  const check = (round) => {
    table.stringFields.forEach((tpl, code) => {
      const path = tpl.map((k) => (k === '#' ? 1 : k));
      for (const s of values) {
        const out = byString.validateField(JSON.stringify(path), s, true);
        const expected = out === undefined ? [] : JSON.parse(out);
        assert.deepEqual(v.validateField(path, s), expected, `${round} ${path} ${JSON.stringify(s)}`);
        // Another validator's buffer is its own.
        assert.equal(other.validateField(path, s).length, expected.length, `${round} other ${path}`);
      }
    });
  };
  check('before');
  // A big motion grows the module's memory, which detaches every view
  // of it that JS holds.
  const before = raw.wasmMemory().buffer.byteLength;
  v.validate({ ...seed, body: 'ord '.repeat(200_000) });
  assert.ok(raw.wasmMemory().buffer.byteLength > before, 'the memory grew');
  check('after');
});

// `normalized` is read from the report text only when someone reads it,
// yet behaves as the plain data property of a parsed report would.
test('report.normalized: lazy, yet an ordinary own property', () => {
  const v = new Validator(opts);
  const plain = JSON.parse(JSON.stringify(v.validate(seed)));
  assert.equal(plain.normalized.signatories[0].party, 'FI');

  const r = v.validate(seed);
  assert.deepEqual(Object.keys(r), ['valid', 'issues', 'normalized']);
  assert.equal(Object.getOwnPropertyDescriptor(r, 'normalized').enumerable, true);
  assert.equal(typeof Object.getOwnPropertyDescriptor(r, 'normalized').get, 'function');
  assert.deepEqual({ ...r }, plain);
  assert.deepEqual(structuredClone(v.validate(seed)), plain);
  // The first read leaves a data property behind; the motion's own text
  // is back in place of the engine's zeros.
  assert.equal(r.normalized.title, seed.title.trim());
  const d = Object.getOwnPropertyDescriptor(r, 'normalized');
  assert.equal(d.get, undefined);
  assert.equal(d.writable, true);
  assert.equal(r.normalized, r.normalized);
  // Assignment before any read replaces it too.
  const w = v.validate(seed);
  w.normalized = 'mine';
  assert.equal(w.normalized, 'mine');
  assert.equal(Object.getOwnPropertyDescriptor(w, 'normalized').value, 'mine');
  // Reports are separate objects: reading one leaves the next untouched.
  const a = v.validate(seed);
  const b = v.validate(seed);
  a.normalized.title = 'changed';
  assert.equal(b.normalized.title, seed.title.trim());
  assert.notEqual(a.issues, b.issues);
});
