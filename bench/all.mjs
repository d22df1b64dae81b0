// Everything, in one run, into one Markdown file (RESULTS.md by default).
// Normally started by ./run-all, which first makes sure pkg/ is built.
//
// Usage: node all.mjs [--quick] [--out FILE] [--rounds N] [--round-ms MS]
//                     [--native | --no-native] [--no-browser] [--samples N] [--calls N]
//   --quick     one short round of everything cheap; criterion is skipped
//               unless --native is given (then 0.1 s warm-up, 0.2 s per benchmark)
//   MOTION_VALIDATOR_SWB_PKG=/tmp/swb/pkg   also run the crossing comparison
//               (make the variant with bench/make-swb-variant.sh)
// Exit status 1 when any part failed (the report still shows the others).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runBrowser } from "./browser.mjs";
import { runBreakdown, runCrossing } from "./crossing.mjs";
import { loadAverage, lockVersion, machine } from "./machine.mjs";
import { runInstructions } from "./instructions.mjs";
import { nativeCommand, runNative } from "./native.mjs";
import {
  breakdownSection,
  browserSection,
  crossingSection,
  header,
  instructionsSection,
  librariesSection,
  nativeSection,
  sizeSection,
  targetsSection,
} from "./report.mjs";
import { runLibraries } from "./run.mjs";
import { measureSizes } from "./size.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const { values: opts } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    out: { type: "string", default: "RESULTS.md" },
    rounds: { type: "string", default: "7" },
    "round-ms": { type: "string", default: "400" },
    native: { type: "boolean" },
    "no-native": { type: "boolean", default: false },
    "no-browser": { type: "boolean", default: false },
    samples: { type: "string" },
    calls: { type: "string" },
  },
});
const argv = process.argv.slice(2);
if (opts["no-native"]) opts.native = false;
opts.browser = !opts["no-browser"];

const quick = opts.quick;
const runNativeToo = opts.native ?? !quick;
const variant = process.env.MOTION_VALIDATOR_SWB_PKG;
const q = quick ? " --quick" : "";
const lr = quick ? "" : ` --rounds ${opts.rounds} --round-ms ${opts["round-ms"]}`;
const commands = {
  all: `bench/run-all${argv.length ? " " + argv.join(" ") : ""}`,
  native: runNativeToo ? nativeCommand({ quick }).line : "(criterion not run)",
  libs: `node bench/run.mjs${q}${lr}`,
  size: "node bench/size.mjs",
  browser: `node bench/browser.mjs${q}${opts.samples ? ` --samples ${opts.samples}` : ""}${opts.calls ? ` --calls ${opts.calls}` : ""}`,
  crossing: `node bench/crossing.mjs --variant ${variant}${q}${lr}`,
  breakdown: `node -e 'import("./bench/crossing.mjs").then(m => m.runBreakdown(${quick ? "{quick: true}" : ""}))'`,
};

const started = new Date().toISOString();
const m = machine();
const log = (s) => process.stderr.write(`run-all: ${s}\n`);
const failures = [];
async function step(name, fn) {
  log(`${name}…`);
  const t = Date.now();
  try {
    const r = await fn();
    log(`${name}: done in ${Math.round((Date.now() - t) / 1000)} s`);
    return r;
  } catch (e) {
    log(`${name}: FAILED: ${e?.stack ?? e}`);
    failures.push(name);
    return { error: String(e?.message ?? e).split("\n")[0] };
  }
}

// Native first: cargo compiles it, and the others are not running meanwhile.
const native = runNativeToo ? await step("native (criterion)", () => runNative({ quick })) : null;
// Counted, not timed: the one figure here that a busy machine cannot move.
const instructions = await step("native instructions (callgrind)", () => runInstructions({ quick }));
const libs = await step("Node libraries", () => {
  const r = runLibraries({ quick, rounds: opts.rounds, roundMs: opts["round-ms"] });
  if (r.failed) failures.push("Node libraries (a library failed; see its row)");
  return r;
});
const breakdown = await step("breakdown", () => runBreakdown({ quick, rounds: opts.rounds, roundMs: opts["round-ms"] }));
const crossing = variant ? await step("crossing", () => runCrossing({ variant, quick, rounds: opts.rounds, roundMs: opts["round-ms"] })) : null;
if (crossing && !crossing.error && !Object.values(crossing.parity).every((p) => Object.values(p).every(Boolean))) {
  failures.push("crossing (the paths disagree)");
}
const browser = opts.browser ? await step("browser", () => runBrowser({ quick, samples: opts.samples, calls: opts.calls })) : null;
const sizes = await step("sizes", () => measureSizes());

const extra = [];
if (crossing && !crossing.error) {
  extra.push(`Crossing variant: ${crossing.variant} (serde-wasm-bindgen ${lockVersion(resolve(crossing.variant, "../Cargo.lock"), "serde-wasm-bindgen") ?? "?"})`);
}
const md = [
  header({ title: "Benchmarks: motion-validator", quick, command: commands.all, machine: m, started, finished: new Date().toISOString(), loadEnd: loadAverage(), extra }),
  failures.length ? `\n> **Parts that failed in this run: ${failures.join("; ")}.** Their sections say so; nothing is filled in for them.` : "",
  targetsSection({ native: native && !native.error ? native : native === null ? undefined : null, libs: libs?.error ? null : libs, browser: browser?.error ? null : browser, sizes: sizes?.error ? null : sizes, breakdown: breakdown?.error ? null : breakdown, crossing, commands }),
  libs?.error ? `## Node libraries\n\nFailed: ${libs.error}` : librariesSection({ command: commands.libs, results: libs.results, quick }),
  sizes?.error ? `## Size\n\nFailed: ${sizes.error}` : sizeSection({ command: commands.size, sizes }),
  browserSection(opts.browser ? browser : { error: "skipped (--no-browser)" }, commands.browser),
  breakdownSection(breakdown, commands.breakdown),
  crossingSection(crossing, commands.crossing, variant ? null : "MOTION_VALIDATOR_SWB_PKG is not set"),
  nativeSection(native, quick ? "skipped in --quick (add --native for a 0.1 s smoke run of criterion)" : "skipped (--no-native)"),
  instructionsSection(instructions),
  "## How to read this\n\nSee `bench/README.md`: what each figure means, how the other libraries' schemas differ from ours, and how to run a single part.",
].filter(Boolean).join("\n\n");

const out = resolve(here("."), opts.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, md + "\n");
log(`wrote ${out}`);
if (failures.length) {
  log(`failed: ${failures.join("; ")}`);
  process.exit(1);
}
