// The README's JS and HTML examples are the example files under
// examples/js/ that the other tests here build, start and load: each block
// carries an `<!-- example: PATH -->` comment and must equal that file (or
// its `#region readme`) character for character, and every js/html block of
// the package's section must carry one. So an example cannot change in one
// place and not the other.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, exampleRegion, readmeBlocks } from './support.mjs';

const blocks = readmeBlocks();
const marked = blocks.filter((b) => b.example);

test('every JS and HTML example of the package section names its example file', () => {
  const section = blocks.filter((b) => b.section.startsWith('In the browser and in Node'));
  assert.ok(section.length > 0, 'the README has the package section');
  const unmarked = section
    .filter((b) => (b.lang === 'js' || b.lang === 'html') && !b.example)
    .map((b) => `README.md:${b.line} (${b.heading})`);
  assert.deepEqual(unmarked, []);
  // Plain page, Vite (config and module), Express, Fastify, Standard Schema (snippet and TanStack Form).
  assert.ok(marked.length >= 7, `${marked.length} marked examples`);
});

for (const block of marked) {
  test(`README.md:${block.line} is ${block.example}`, () => {
    assert.ok(existsSync(join(ROOT, block.example)), `${block.example} exists`);
    assert.equal(block.code, exampleRegion(block.example));
  });
}
