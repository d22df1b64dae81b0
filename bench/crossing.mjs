// The JS-to-WASM crossing: a motion passed as JSON text (what the package
// does: JSON.stringify in JS, serde_json in Rust, JSON.parse of the report)
// against the same motion passed as a JS object through serde-wasm-bindgen.
//
// Needs a variant build with bench/swb-variant.patch applied (made outside
// this repository by bench/make-swb-variant.sh). Every path is timed in the
// SAME .wasm binary, side by side in one process, rounds interleaved, so
// the engine, the build and the machine's noise are common to all of them.
//
// Usage: node crossing.mjs --variant DIR [--base DIR] [--quick] [--rounds N] [--round-ms MS] [--json]
//   DIR is a built package (the directory with node/ and web/, e.g. /tmp/swb/pkg).
//   --base: an unpatched build of the same sources for the size comparison
//   (default: DIR/../pkg-base if it exists, else this repo's pkg/).
// Also: MOTION_VALIDATOR_SWB_PKG=DIR instead of --variant.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { inputs } from "./inputs.mjs";
import { QUICK_PLAN, fullPlan, measureInterleaved, sinkValue } from "./timing.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const OPTIONS = ["uppsala", "sv", "2021-06-01", ""]; // RawValidator(profile, lang, today, stage)

// What each path does per call, for the report.
export const PATHS = {
  json: "JSON text (ours): `JSON.parse(raw.validateJson(JSON.stringify(m)))`",
  swb: "serde-wasm-bindgen both ways: `raw.validateValue(m)` (from_value → engine → to_value, json_compatible)",
  swbInJsonOut: "serde-wasm-bindgen in, JSON text out: `JSON.parse(raw.validateValueToJson(m))`",
};

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function wasmSize(pkgDir) {
  const wasm = join(pkgDir, "web/motion_validator_bg.wasm");
  const glue = join(pkgDir, "web/motion_validator.js");
  if (!existsSync(wasm)) return null;
  const w = readFileSync(wasm);
  const g = existsSync(glue) ? readFileSync(glue) : Buffer.alloc(0);
  return { dir: pkgDir, wasm: { bytes: w.length, gzip: gz(w), brotli: br(w) }, glue: { bytes: g.length, gzip: gz(g), brotli: br(g) } };
}

/** Runs the comparison; returns plain data for all.mjs or --json. */
export function runCrossing({ variant, base, quick = false, rounds = 7, roundMs = 400 } = {}) {
  variant = resolve(variant);
  const entry = join(variant, "node/motion_validator.js");
  if (!existsSync(entry)) throw new Error(`no variant build at ${entry} (see bench/make-swb-variant.sh)`);
  const raw = createRequire(import.meta.url)(entry);
  if (typeof raw.RawValidator?.prototype?.validateValue !== "function") {
    throw new Error(`${entry} has no validateValue export: build it with bench/swb-variant.patch applied`);
  }
  const v = new raw.RawValidator(...OPTIONS);
  const fns = {
    json: (m) => JSON.parse(v.validateJson(JSON.stringify(m))),
    swb: (m) => v.validateValue(m),
    swbInJsonOut: (m) => JSON.parse(v.validateValueToJson(m)),
  };

  // All paths must give the same report, or the comparison means nothing.
  const parity = {};
  for (const [name, input] of Object.entries(inputs)) {
    const want = JSON.stringify(fns.json(input));
    parity[name] = Object.fromEntries(Object.entries(fns).map(([k, f]) => [k, JSON.stringify(f(input)) === want]));
  }

  const plan = quick ? QUICK_PLAN : fullPlan({ rounds, roundMs });
  const cases = {};
  for (const [name, input] of Object.entries(inputs)) {
    const report = fns.json(input);
    cases[name] = {
      errors: report.issues.filter((i) => i.severity === "error").length,
      warnings: report.issues.filter((i) => i.severity === "warning").length,
      inputJsonBytes: Buffer.byteLength(JSON.stringify(input)),
      reportJsonBytes: Buffer.byteLength(JSON.stringify(report)),
      ...measureInterleaved(fns, input, plan),
    };
  }

  if (!base) {
    const sibling = join(dirname(variant), "pkg-base");
    base = existsSync(join(sibling, "web/motion_validator_bg.wasm")) ? sibling : here("../pkg");
  }
  return {
    variant,
    quick,
    rounds: plan.rounds,
    roundMs: plan.roundMs,
    paths: PATHS,
    parity,
    cases,
    sizes: { variant: wasmSize(variant), base: wasmSize(resolve(base)) },
    sink: sinkValue(),
  };
}

/**
 * Where the time of one validate() goes, in this repository's build (no
 * variant needed): the raw WASM call on the tape the public call wrote;
 * the JSON path's pieces (JSON.stringify of the motion, the WASM call:
 * text copied in, parse, rules, report serialised, text copied out;
 * JSON.parse of the report); and the whole public Validator.validate.
 * Same for validateField on one string.
 */
export async function runBreakdown({ pkg = here("../pkg"), quick = false, rounds = 7, roundMs = 400 } = {}) {
  const entry = join(pkg, "node/motion_validator.js");
  if (!existsSync(entry)) throw new Error(`no package at ${entry} (bash scripts/build-pkg.sh)`);
  const raw = createRequire(import.meta.url)(entry);
  const { Validator } = await import(pathToFileURL(join(pkg, "node.js")).href);
  const v = new raw.RawValidator(...OPTIONS);
  const api = new Validator({ profile: OPTIONS[0], lang: OPTIONS[1], today: OPTIONS[2] });
  const plan = quick ? QUICK_PLAN : fullPlan({ rounds, roundMs });
  const cases = {};
  for (const [name, input] of Object.entries(inputs)) {
    const text = JSON.stringify(input);
    const reportText = v.validateJson(text);
    const fns = {
      stringify: () => JSON.stringify(input),
      wasm: () => v.validateJson(text),
      parse: () => JSON.parse(reportText),
      api: () => api.validate(input),
    };
    // The tape path the public validate() takes for a motion of the usual
    // shape: its raw WASM call, on the buffers the public call wrote
    // (caught from that call; each api.validate below writes the same).
    const proto = raw.RawValidator.prototype;
    if (typeof proto.validateTapeShort === "function") {
      const real = proto.validateTapeShort;
      let caught;
      proto.validateTapeShort = function (...args) {
        caught = [this, args];
        return real.apply(this, args);
      };
      api.validate(input);
      proto.validateTapeShort = real;
      if (caught) {
        const [rv, [bytes, words]] = caught;
        fns.tape = () => rv.validateTapeShort(bytes, words);
      }
    }
    cases[name] = measureInterleaved(fns, null, plan);
  }
  const DIARY = '["diaryNumber"]';
  const fieldFns = {
    wasm: () => v.validateField(DIARY, "KSN-2020-02111", true),
    api: () => api.validateField(["diaryNumber"], "KSN-2020-02111"),
    empty: () => v.todayFixed, // one crossing that does nothing: the floor
  };
  // The keystroke fast path (field code 6 = diaryNumber in Field::STRING_FIELDS), where the
  // build has it: the value written into the validator's buffer, then the call.
  if (typeof v.validateFieldScratch === "function") {
    const at = v.fieldScratch(64);
    const value = "KSN-2020-02111";
    fieldFns.fast = () => {
      const mem = new Uint8Array(raw.wasmMemory().buffer, at, value.length);
      for (let i = 0; i < value.length; i++) mem[i] = value.charCodeAt(i);
      return v.validateFieldScratch(6, 0, value.length);
    };
  }
  cases.field = measureInterleaved(fieldFns, null, plan);
  return { pkg, quick, rounds: plan.rounds, roundMs: plan.roundMs, cases, sink: sinkValue() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: opts } = parseArgs({
    options: {
      variant: { type: "string", default: process.env.MOTION_VALIDATOR_SWB_PKG },
      base: { type: "string" },
      quick: { type: "boolean", default: false },
      rounds: { type: "string", default: "7" },
      "round-ms": { type: "string", default: "400" },
      json: { type: "boolean", default: false },
    },
  });
  if (!opts.variant) {
    console.error("usage: node crossing.mjs --variant /tmp/swb/pkg [--base DIR] [--quick] [--json]\n(make the variant with bench/make-swb-variant.sh)");
    process.exit(2);
  }
  const r = runCrossing({ variant: opts.variant, base: opts.base, quick: opts.quick, rounds: opts.rounds, roundMs: opts["round-ms"] });
  if (opts.json) console.log(JSON.stringify(r));
  else {
    const { crossingSection } = await import("./report.mjs");
    console.log(crossingSection(r, `node bench/crossing.mjs ${process.argv.slice(2).join(" ")}`));
  }
  const bad = Object.entries(r.parity).filter(([, p]) => !Object.values(p).every(Boolean));
  if (bad.length) {
    console.error(`the paths disagree on: ${bad.map(([k]) => k).join(", ")}`);
    process.exit(1);
  }
}
