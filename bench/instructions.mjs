// Native work in instructions: callgrind (valgrind) counts the instructions
// one validation executes. Unlike times, the counts do not move with the
// machine or its load, so they show what a change to the engine did even
// on a shared, noisy machine, and they compare across runs and machines.
//
// Each case runs examples/profile_seed twice, with N and 2N calls; the
// difference divided by N leaves out start-up (the validator's compiled
// profile, the process) and keeps one call's work.
//
// Usage: node instructions.mjs [--quick] [--json]
//   --quick: N = 20; the difference leaves out start-up at any N, and the
//   counts came within 20 instructions of N = 2000's (the seed's equal)
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { inputs } from "./inputs.mjs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const ROOT = here("..");
const GENERATED = here("./.generated");
const BIN = join(ROOT, "target/release/examples/profile_seed");

/** What is counted: the argument profile_seed gets, and what it is. */
export const CASES = [
  { id: "seed", arg: null, what: "the seed motion, `validate_json` (parse included)" },
  { id: "seed, typed", arg: "typed", what: "the seed as a typed `Motion`, `validate_motion`" },
  { id: "seed, JSON short", arg: "short", what: "the seed's JSON text, `validate_json_str_short` (the tape's report from JSON, to compare)" },
  { id: "seed, tape", arg: "tape", what: "the seed as the package writes it into WebAssembly memory, `validate_tape_short`" },
  { id: "valid", input: "valid", what: "bench/inputs.mjs `valid`, `validate_json`" },
  { id: "invalid3", input: "invalid3", what: "bench/inputs.mjs `invalid3` (3 errors), `validate_json`" },
  { id: "invalidAll", input: "invalidAll", what: "bench/inputs.mjs `invalidAll` (7 errors), `validate_json`" },
  { id: "keystroke", arg: "field", what: "the diary number \"KSN-2020-02111\", `validate_field_str`" },
];

export function instructionsCommand({ quick = false } = {}) {
  const n = quick ? 20 : 2000;
  return {
    n,
    line: `cargo build --release --example profile_seed; valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/profile_seed N [ARG] for N = ${n} and ${2 * n}`,
  };
}

function refs(n, arg) {
  const args = ["--tool=callgrind", "--callgrind-out-file=/dev/null", BIN, String(n)];
  if (arg) args.push(arg);
  const r = spawnSync("valgrind", args, { encoding: "utf8" });
  if (r.error) throw new Error(`valgrind: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`valgrind ${args.join(" ")} failed (exit ${r.status ?? r.signal}): ${r.stderr.slice(-400)}`);
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (!m) throw new Error(`valgrind ${args.join(" ")}: no "I refs" line`);
  return Number(m[1].replaceAll(",", ""));
}

/** Builds the example, counts every case; returns plain data. */
export function runInstructions({ quick = false } = {}) {
  const { n, line } = instructionsCommand({ quick });
  const v = spawnSync("valgrind", ["--version"], { encoding: "utf8" });
  if (v.error || v.status !== 0) throw new Error("valgrind is not installed (scripts/ensure-tools.sh bench installs it)");
  const b = spawnSync("cargo", ["build", "--release", "--example", "profile_seed"], {
    cwd: ROOT,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (b.status !== 0) throw new Error(`cargo build --release --example profile_seed failed (exit ${b.status ?? b.signal})`);
  mkdirSync(GENERATED, { recursive: true });
  const cases = CASES.map((c) => {
    let arg = c.arg;
    if (c.input) {
      arg = join(GENERATED, `${c.input}.json`);
      writeFileSync(arg, JSON.stringify(inputs[c.input]));
    }
    const once = refs(n, arg);
    const twice = refs(2 * n, arg);
    return { ...c, perCall: Math.round((twice - once) / n) };
  });
  return { command: line, quick, valgrind: v.stdout.trim(), n, cases };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: opts } = parseArgs({
    options: { quick: { type: "boolean", default: false }, json: { type: "boolean", default: false } },
  });
  const r = runInstructions({ quick: opts.quick });
  if (opts.json) console.log(JSON.stringify(r));
  else for (const c of r.cases) console.log(`${c.id}: ${c.perCall} instructions per call`);
}
