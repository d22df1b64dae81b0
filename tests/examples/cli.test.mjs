// The README's CLI transcripts: every ```console block that starts with
// `$ ./run check` or `$ ./run import` is run with the release binary (what
// ./run runs) from the repository's root, and what it prints (stdout and
// stderr in one stream, as a terminal shows them) must be the block's text
// exactly. A reworded message fails here until the README says it too.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BIN, ROOT, readmeBlocks } from './support.mjs';

const transcripts = readmeBlocks()
  .filter((b) => b.lang === 'console' && /^\$ \.\/run (check|import) /.test(b.code))
  .map((b) => {
    const [first, ...rest] = b.code.split('\n');
    return { ...b, command: first.slice(2), expected: rest.join('\n') };
  });

test('the README has transcripts of ./run check and ./run import', () => {
  const commands = transcripts.map((t) => t.command.split(' ')[1]);
  assert.ok(commands.includes('check'), 'a ./run check transcript');
  assert.ok(commands.includes('import'), 'a ./run import transcript');
});

for (const { command, expected, line } of transcripts) {
  test(`README.md:${line}: ${command}`, () => {
    assert.ok(existsSync(BIN), `${BIN} is missing: run cargo build --release --features server`);
    assert.doesNotMatch(command, /["'\\$`*?]/, 'a plain command: words split on spaces');
    assert.ok(expected.trim() !== '', 'the transcript shows the output');
    const args = command.split(/ +/).slice(1);
    // One pipe for both streams: the order in which the program writes them.
    const r = spawnSync('sh', ['-c', '"$0" "$@" 2>&1', BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.error, undefined);
    assert.ok(r.status === 0 || r.status === 1, `exit status ${r.status} (2 is a usage error):\n${r.stdout}`);
    assert.equal(r.stdout, expected, `the output of \`${command}\` differs from README.md:${line}`);
  });
}
