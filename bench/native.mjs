// Native speed: runs the criterion benchmarks in benches/validate.rs and
// reads criterion's own estimates (median time per iteration, with its 95%
// confidence interval) from CRITERION_HOME, which this script points at
// bench/.generated/criterion so that it never touches target/criterion,
// where others keep their baselines.
//
// Usage: node native.mjs [--quick] [--filter REGEX] [--json]
//   --quick: --warm-up-time 0.1 --measurement-time 0.2 (shows it runs; not a measurement)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const ROOT = here("..");
export const CRITERION_HOME = here("./.generated/criterion");

/** The cargo command line (for the report) and its arguments. */
export function nativeCommand({ quick = false, filter } = {}) {
  const args = ["bench", "-p", "motion-validator", "--bench", "validate", "--"];
  if (quick) args.push("--warm-up-time", "0.1", "--measurement-time", "0.2");
  if (filter) args.push(filter);
  return { args, line: `CRITERION_HOME=bench/.generated/criterion cargo ${args.join(" ")}` };
}

function* findBenchmarks(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (name === "new" && existsSync(join(p, "benchmark.json")) && existsSync(join(p, "estimates.json"))) yield p;
    else if (name !== "report" && name !== "base" && name !== "change") yield* findBenchmarks(p);
  }
}

/** Reads every benchmark criterion wrote under `home`. */
export function readEstimates(home = CRITERION_HOME) {
  const out = {};
  for (const dir of findBenchmarks(home)) {
    const b = JSON.parse(readFileSync(join(dir, "benchmark.json"), "utf8"));
    const e = JSON.parse(readFileSync(join(dir, "estimates.json"), "utf8"));
    const est = (k) => ({
      ns: e[k].point_estimate,
      lo: e[k].confidence_interval.lower_bound,
      hi: e[k].confidence_interval.upper_bound,
    });
    out[b.full_id] = {
      id: b.full_id,
      throughput: b.throughput ?? null, // {Bytes: n} or {Elements: n}
      median: est("median"),
      mean: est("mean"),
    };
  }
  return out;
}

/** Runs cargo bench (output to stderr) and returns the estimates. */
export function runNative({ quick = false, filter } = {}) {
  rmSync(CRITERION_HOME, { recursive: true, force: true });
  const { args, line } = nativeCommand({ quick, filter });
  const started = Date.now();
  const r = spawnSync("cargo", args, {
    cwd: ROOT,
    env: { ...process.env, CRITERION_HOME },
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if (r.status !== 0) throw new Error(`${line} failed (exit ${r.status ?? r.signal})`);
  const benches = readEstimates();
  if (!Object.keys(benches).length) throw new Error(`${line} wrote no estimates under ${CRITERION_HOME}`);
  return { command: line, quick, seconds: Math.round((Date.now() - started) / 1000), benches };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: opts } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      filter: { type: "string" },
      json: { type: "boolean", default: false },
      "no-run": { type: "boolean", default: false }, // only read what the last run left
    },
  });
  const r = opts["no-run"] ? { command: "(read only)", benches: readEstimates() } : runNative(opts);
  if (opts.json) console.log(JSON.stringify(r));
  else {
    const { nativeSection } = await import("./report.mjs");
    console.log(nativeSection(r));
  }
}
