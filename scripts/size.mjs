// Prints the size of the browser package (.wasm plus JS glue): raw, gzip
// and brotli. `node scripts/size.mjs --check` exits 1 over the budget.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const BUDGET_GZIP = 64 * 1024;
// What a page loads: the .wasm and web.js (the glue and api.js bundled in).
const FILES = ['web/motion_validator_bg.wasm', 'web.js'];

export function measure(pkgDir = new URL('../pkg/', import.meta.url)) {
  const rows = FILES.map((f) => {
    const buf = readFileSync(new URL(f, pkgDir));
    return {
      file: f,
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
  return { rows, total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, total } = measure();
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  for (const r of [...rows, { file: 'total', ...total }]) {
    console.log(`${r.file.padEnd(32)} raw ${kb(r.raw).padStart(10)}  gzip ${kb(r.gzip).padStart(9)}  brotli ${kb(r.brotli).padStart(9)}`);
  }
  console.log(`budget: gzip total at most ${kb(BUDGET_GZIP)}`);
  // The importer ("Klistra in motion") is a second module, loaded only when
  // someone pastes a motion: shown here, not part of the page's budget.
  const imp = ['import-web/motion_validator_import_bg.wasm', 'import-web/motion_validator_import.js']
    .map((f) => readFileSync(new URL(f, new URL('../pkg/', import.meta.url))))
    .reduce((t, b) => ({ raw: t.raw + b.length, gzip: t.gzip + gzipSync(b, { level: 9 }).length }), { raw: 0, gzip: 0 });
  console.log(`on demand: importer (import-web/) raw ${kb(imp.raw)}  gzip ${kb(imp.gzip)}`);
  if (process.argv.includes('--check') && total.gzip > BUDGET_GZIP) {
    console.error(`over budget by ${kb(total.gzip - BUDGET_GZIP)}`);
    process.exit(1);
  }
}
