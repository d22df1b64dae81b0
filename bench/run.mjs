// Orchestrator: one child process per library (sequential, side by side in one
// run), then sizes, then RESULTS.md.
// Usage: node run.mjs [--quick] [--rounds N] [--round-ms MS] [--out FILE]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildStandalone } from "./build-standalone.mjs";
import { measureSizes } from "./size.mjs";

const OURS = "motion-validator";
const LIBS = [OURS, "zod", "valibot", "ajv", "ajv-standalone"];
const CASES = { valid: "valid", invalid3: "invalid3 (3 errors)", invalidAll: "invalidAll (7 errors)", field: "field: diaryNumber" };
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    rounds: { type: "string", default: "7" },
    "round-ms": { type: "string", default: "400" },
    out: { type: "string", default: "RESULTS.md" },
  },
});

buildStandalone();

const results = {};
let failed = false;
for (const lib of LIBS) {
  const args = ["--expose-gc", here("./run-lib.mjs"), lib, "--rounds", opts.rounds, "--round-ms", opts["round-ms"]];
  if (opts.quick) args.push("--quick");
  process.stderr.write(`${lib}: running…\n`);
  const child = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const line = child.stdout.trim().split("\n").at(-1);
  if (child.status === 3) results[lib] = { status: "not built" };
  else if (child.status === 0) results[lib] = { status: "ok", ...JSON.parse(line) };
  else {
    failed = true;
    results[lib] = { status: `failed (exit ${child.status ?? child.signal})`, ...(line?.startsWith("{") ? JSON.parse(line) : {}) };
  }
  process.stderr.write(`${lib}: ${results[lib].status}\n`);
}
process.stderr.write("sizes: bundling…\n");
const sizes = await measureSizes();

// ---- RESULTS.md ----
const readVersion = (p) => (existsSync(p) ? JSON.parse(readFileSync(p, "utf8")).version : null);
const versions = Object.fromEntries(
  ["zod", "valibot", "ajv", "ajv-formats", "esbuild"].map((p) => [p, readVersion(here(`./node_modules/${p}/package.json`))]),
);
const oursVersion = readVersion(here("../pkg/node/package.json"));

const fmtOps = (c) => {
  if (!c) return "—";
  const spread = c.samples.length > 1 ? ` ±${Math.round(((Math.max(...c.samples) - Math.min(...c.samples)) / 2 / c.opsPerSec) * 100)}%` : "";
  return `${Math.round(c.opsPerSec).toLocaleString("en-US")}${spread}`;
};
const fmtKB = (n) => `${(n / 1024).toFixed(1)} kB`;
const cell = (lib, fn) => (results[lib].status === "ok" ? fn(results[lib].cases) : results[lib].status);
const table = (head, rows) =>
  [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i ? " ---: " : " --- ")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

const oursOk = results[OURS].status === "ok";
const others = LIBS.filter((l) => l !== OURS);
const rounds = Object.values(results).find((r) => r.rounds)?.rounds ?? "?";
const cpus = os.cpus();

const md = `# Benchmark: motion-validator vs zod, valibot, ajv

${opts.quick ? "> **Quick smoke run (`--quick`): one short round per case. These figures only show that the code runs; they are not a measurement.**\n\n" : ""}Generated ${new Date().toISOString()} by \`node run.mjs${process.argv.slice(2).map((a) => " " + a).join("")}\`.

- Machine: ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${os.platform()} ${os.release()}, Node ${process.version}
- Libraries: ${OURS} ${oursVersion ?? "(not built)"}, zod ${versions.zod}, valibot ${versions.valibot}, ajv ${versions.ajv} + ajv-formats ${versions["ajv-formats"]}; sizes by esbuild ${versions.esbuild}
- Method: each library runs in its own process, one after the other; per case a warm-up, then ${rounds} timed round(s), median ops/s (± half the spread between the fastest and slowest round).

## Throughput (ops/s, higher is better)

${table(["case", ...LIBS], Object.entries(CASES).map(([k, label]) => [label, ...LIBS.map((l) => cell(l, (c) => fmtOps(c[k])))]))}

## Ours relative to each library (ours ÷ theirs; above 1 means ours is faster)

${table(["case", ...others], Object.entries(CASES).map(([k, label]) => [label, ...others.map((l) =>
  oursOk && results[l].status === "ok" ? (results[OURS].cases[k].opsPerSec / results[l].cases[k].opsPerSec).toFixed(2) : "—")]))}

## Errors reported (checked: valid 0, invalid3 ≥ 3, invalidAll ≥ 6, field 0; warnings are not errors)

${table(["input", ...LIBS], Object.entries(CASES).map(([k, label]) => [label, ...LIBS.map((l) =>
  cell(l, (c) => `${c[k].issues}${c[k].warnings ? ` (+${c[k].warnings} warning${c[k].warnings > 1 ? "s" : ""})` : ""}`))]))}

## Size (library + schema; ours: wasm + JS glue as wasm-pack emits them)

${table(["library", "bytes", "gzip", "brotli"], LIBS.map((l) => {
  const s = sizes[l];
  return s ? [`${l} (${s.kind})`, fmtKB(s.bytes), fmtKB(s.gzip), fmtKB(s.brotli)] : [l, "not built", "—", "—"];
}))}
${sizes[OURS] ? `\nOurs in detail: wasm ${fmtKB(sizes[OURS].files.wasm.bytes)} (gzip ${fmtKB(sizes[OURS].files.wasm.gzip)}, brotli ${fmtKB(sizes[OURS].files.wasm.brotli)}), JS ${fmtKB(sizes[OURS].files.js.bytes)} (gzip ${fmtKB(sizes[OURS].files.js.gzip)}, brotli ${fmtKB(sizes[OURS].files.js.brotli)}).\n` : ""}
Others: \`esbuild --bundle --minify --format=esm --platform=browser\` of \`schemas/LIB.mjs\` (ajv-standalone: the generated module). gzip level 9, brotli quality 11, 1 kB = 1024 bytes.
`;

writeFileSync(here(`./${opts.out}`), md);
process.stderr.write(`wrote ${opts.out}\n`);
if (failed) process.exit(1);
