// `validate`'s fast path: a motion of the usual shape is written straight
// into WebAssembly memory (the tape) instead of crossing as JSON. Every
// motion here gives the same report as its JSON through the raw module,
// and takes the path it should: the tape when it can, JSON otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Validator } from '../../pkg/node.js';

const raw = createRequire(import.meta.url)('../../pkg/node/motion_validator.js');
const seed = JSON.parse(readFileSync(new URL('../fixtures/seed.json', import.meta.url), 'utf8'));
const TODAY = '2021-06-01';

// Which path each call took, counted on the raw module the package uses.
const calls = { tape: 0, json: 0 };
const proto = raw.RawValidator.prototype;
for (const [name, key] of [
  ['validateTapeShort', 'tape'],
  ['validateJsonShort', 'json'],
  ['tooLargeJson', 'json'],
]) {
  const real = proto[name];
  proto[name] = function (...args) {
    if (this !== reference) calls[key]++;
    return real.apply(this, args);
  };
}

// The report the motion's JSON gets (lone surrogates as U+FFFD, as the
// package sends them). Its calls are not counted.
const reference = new raw.RawValidator('', '', TODAY, '');
function expected(motion) {
  const json = JSON.stringify(motion, (_k, v) => (typeof v === 'string' ? v.toWellFormed() : v));
  return JSON.parse(reference.validateJson(json));
}

const v = new Validator({ today: TODAY });
function check(motion, path, message) {
  const before = { ...calls };
  const want = expected(motion);
  const report = v.validate(motion);
  // Reading `normalized` puts the input's strings back: compare all of it.
  assert.deepEqual(JSON.parse(JSON.stringify(report)), want, message);
  assert.equal(calls.tape - before.tape, path === 'tape' ? 1 : 0, `${message}: tape calls`);
  assert.equal(calls.json - before.json, path === 'json' ? 1 : 0, `${message}: JSON calls`);
  return report;
}

const clone = () => structuredClone(seed);

test('a motion of the usual shape goes on the tape, with the JSON report', () => {
  check(clone(), 'tape', 'the seed');
  const m = clone();
  m.signatories[1].party = 'XYZ';
  m.proposals[0] = 'Kommunen ska göra något';
  m.submittedOn = '2020-02-30';
  check(m, 'tape', 'three errors');
  check({}, 'tape', 'an empty object');
  check({ title: null, proposals: [null, 'att'], signatories: [null, {}] }, 'tape', 'nulls');
  check({ ...clone(), diaryNumber: undefined }, 'tape', 'an undefined key is left out');
  check({ title: 'x', body: [], proposals: 'att', signatories: 'Anna' }, 'tape', 'wrong but taped types');
  check(Object.assign(Object.create(null), clone()), 'tape', 'a null-prototype object');
  const keysLast = {};
  for (const k of Object.keys(seed).reverse()) keysLast[k] = seed[k];
  check(keysLast, 'tape', 'keys in another order');
  check({ ...clone(), title: 'Fler bänkar 😀 och “citat” <b>' }, 'tape', 'non-ASCII and HTML');
  check({ ...clone(), title: 'Fler\u0000bänkar\u2028 i parken\\"' }, 'tape', 'control and escaped characters');
  check({ ...clone(), title: 'Fler bänkar \ud800 i parken' }, 'tape', 'a lone surrogate is U+FFFD');
});

test('anything else goes as JSON, with the same report', () => {
  check({ ...clone(), extra: 'x' }, 'json', 'an unknown key');
  check({ ...clone(), submittedOn: 20200525 }, 'json', 'a number');
  check({ ...clone(), title: true }, 'json', 'a boolean');
  check({ ...clone(), submittedOn: new Date('2020-05-25') }, 'json', 'a Date (toJSON)');
  check({ ...clone(), proposals: ['att a', undefined] }, 'json', 'undefined in a list is null');
  check({ ...clone(), proposals: [, 'att a'] }, 'json', 'a hole is null');
  check({ ...clone(), proposals: [['att a']] }, 'json', 'a list in a list');
  check({ ...clone(), signatories: [{ name: 'Anna Ek', party: 'S', role: 'x' }] }, 'json', 'a signatory key');
  check({ ...clone(), signatories: [{ name: 'Anna Ek', party: ['S'] }] }, 'json', 'a list in a signatory');
  check({ ...clone(), signatories: { name: 'Anna Ek', party: 'S' } }, 'json', 'an object for a list');
  check({ ...clone(), title: new String('Fler bänkar i parken') }, 'json', 'a String object');
  check({ ...clone(), toJSON: () => 'x' }, 'json', 'its own toJSON');
  class M {
    constructor() {
      Object.assign(this, clone());
    }
  }
  check(new M(), 'json', 'a class instance');
  check([clone()], 'json', 'an array');
  check('motion', 'json', 'a string');
  const signatories = clone().signatories;
  Object.setPrototypeOf(signatories, null);
  check({ ...clone(), signatories }, 'json', 'a list without Array.prototype');
});

test('a motion near the input limit goes as JSON, which measures it exactly', () => {
  const limit = 1 << 20;
  // Control characters are six bytes each in JSON: 200 000 of them make
  // 1.2 MB of JSON from 200 000 UTF-16 units.
  const r = check({ ...clone(), body: '\u0001'.repeat(200_000) }, 'json', 'over the limit');
  assert.equal(r.issues[0].code, 'input_too_large');
  // Just under the limit as JSON, but past what the tape's bound allows.
  const under = check({ ...clone(), body: 'a'.repeat(limit - 3000) }, 'json', 'under the limit');
  assert.notEqual(under.issues[0]?.code, 'input_too_large');
  // Large, far from the limit: the buffers grow, the tape is used.
  check({ ...clone(), body: 'Bänkar i parken. '.repeat(9000) }, 'tape', 'a 150 KB body');
  check({ ...clone(), proposals: Array(3000).fill('att göra något') }, 'tape', '3 000 proposals');
  check(clone(), 'tape', 'then the seed again');
});

test('getters: read once, a throw or a call back in is handled', () => {
  let reads = 0;
  const m = clone();
  Object.defineProperty(m, 'title', {
    enumerable: true,
    get() {
      reads++;
      return seed.title;
    },
  });
  check(m, 'tape', 'a getter');
  const before = reads;
  v.validate(m);
  assert.equal(reads - before, 1, 'read once per validate');

  const throwing = clone();
  Object.defineProperty(throwing, 'body', {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
  const r = v.validate(throwing);
  assert.equal(r.valid, false, 'a throwing getter is a report, not a throw');

  // A getter that validates with the same validator: the inner call goes
  // as JSON, the outer one still gets its own report.
  let inner;
  const reentrant = clone();
  Object.defineProperty(reentrant, 'body', {
    enumerable: true,
    get() {
      inner = v.validate({ title: 'Kort' });
      return seed.body;
    },
  });
  const outer = v.validate(reentrant);
  assert.deepEqual(JSON.parse(JSON.stringify(outer)), expected(clone()));
  assert.deepEqual(JSON.parse(JSON.stringify(inner)), expected({ title: 'Kort' }));

  // A getter that makes the module's memory grow (as anything that calls
  // into the module may) moves what was written: it then goes as JSON.
  const growing = clone();
  Object.defineProperty(growing, 'signatories', {
    enumerable: true,
    get() {
      raw.wasmMemory().grow(1);
      return seed.signatories;
    },
  });
  check(growing, 'json', 'the memory grew inside the walk');
  check(clone(), 'tape', 'and after it');
});

test('normalized is the motion as validated, not as changed since', () => {
  const m = clone();
  const report = v.validate(m);
  m.title = 'Ändrad titel efteråt';
  m.proposals[0] = 'att ändra';
  m.signatories[0].name = 'Någon Annan';
  assert.equal(report.normalized.title, seed.title);
  assert.equal(report.normalized.proposals[0], seed.proposals[0]);
  assert.equal(report.normalized.signatories[0].name, seed.signatories[0].name);
});

test('each validator has its own buffers: interleaved calls keep their reports', () => {
  const en = new Validator({ today: TODAY, lang: 'en' });
  const big = { ...clone(), body: 'Bänkar i parken. '.repeat(5000) };
  for (let i = 0; i < 3; i++) {
    const a = v.validate(big);
    const b = en.validate({ title: 'Kort' });
    const c = v.validate(clone());
    assert.equal(a.valid, expected(big).valid);
    assert.equal(b.issues[0].message, 'The title is too short: at least 10 characters, now 4.');
    assert.deepEqual(JSON.parse(JSON.stringify(c)), expected(clone()));
  }
});
