// Bundle size of each library plus its schema: esbuild (minified, esm,
// platform browser), then gzip (level 9) and brotli (quality 11) from node:zlib.
// Ours: the browser package as shipped, the same files and the same
// 64 KB gzip budget as scripts/size.mjs (the wasm, and web.js: the
// wasm-bindgen glue and api.js bundled and minified by scripts/build-pkg.sh).
// Usage: node size.mjs [--json]
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { BUDGET_GZIP, measure as measurePackage } from "../scripts/size.mjs";
import { STANDALONE_PATH, buildStandalone } from "./build-standalone.mjs";

export { BUDGET_GZIP };

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const PKG = new URL("../pkg/", import.meta.url);
const OURS_WASM = here("../pkg/web/motion_validator_bg.wasm");

const ENTRIES = {
  zod: here("./schemas/zod.mjs"),
  valibot: here("./schemas/valibot.mjs"),
  ajv: here("./schemas/ajv.mjs"),
  "ajv-standalone": STANDALONE_PATH,
};

const measureBytes = (buf) => ({
  bytes: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

async function bundle(entry) {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "error",
  });
  return Buffer.from(out.outputFiles[0].contents);
}

export async function measureSizes() {
  if (!existsSync(STANDALONE_PATH)) buildStandalone();
  const rows = {};
  if (existsSync(OURS_WASM)) {
    const { rows: files, total } = measurePackage(PKG);
    rows["motion-validator"] = { kind: "wasm + JS glue, as built", ...total, bytes: total.raw, files, budgetGzip: BUDGET_GZIP };
  } else {
    rows["motion-validator"] = null; // not built
  }
  for (const [lib, entry] of Object.entries(ENTRIES)) {
    rows[lib] = { kind: "esbuild --minify", ...measureBytes(await bundle(entry)) };
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await measureSizes();
  if (process.argv.includes("--json")) console.log(JSON.stringify(rows));
  else console.table(Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r ? { bytes: r.bytes, gzip: r.gzip, brotli: r.brotli } : "not built"])));
}
