// The browser package stays within its size budget (gzip, .wasm + glue).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measure, BUDGET_GZIP } from '../../scripts/size.mjs';

test(`.wasm plus JS glue is at most ${BUDGET_GZIP / 1024} KiB gzipped`, () => {
  const { total } = measure();
  assert.ok(total.gzip <= BUDGET_GZIP, `gzip total ${total.gzip} bytes > ${BUDGET_GZIP}`);
});
