// The Node libraries: one child process per library (run-lib.mjs), one
// after the other in the same run, so the ratios compare like with like on
// a noisy machine; then the bundle sizes. `./run-all` calls runLibraries()
// and writes the full RESULTS.md; run on its own, this writes the Node part.
// Usage: node run.mjs [--quick] [--rounds N] [--round-ms MS] [--out FILE] [--json]
//   --out defaults to .generated/RESULTS.node.md (RESULTS.md is ./run-all's).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { buildStandalone } from "./build-standalone.mjs";
import { measureSizes } from "./size.mjs";

export const OURS = "motion-validator";
export const LIBS = [OURS, "zod", "valibot", "ajv", "ajv-standalone"];
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** Runs every library in its own process; returns { results, failed }. */
export function runLibraries({ quick = false, rounds = "7", roundMs = "400" } = {}) {
  buildStandalone();
  const results = {};
  let failed = false;
  for (const lib of LIBS) {
    const args = ["--expose-gc", here("./run-lib.mjs"), lib, "--rounds", String(rounds), "--round-ms", String(roundMs)];
    if (quick) args.push("--quick");
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
  return { results, failed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: opts } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      rounds: { type: "string", default: "7" },
      "round-ms": { type: "string", default: "400" },
      out: { type: "string", default: ".generated/RESULTS.node.md" },
      json: { type: "boolean", default: false },
    },
  });
  const { results, failed } = runLibraries({ quick: opts.quick, rounds: opts.rounds, roundMs: opts["round-ms"] });
  process.stderr.write("sizes: bundling…\n");
  const sizes = await measureSizes();
  const command = `node bench/run.mjs${process.argv.slice(2).map((a) => " " + a).join("")}`;
  if (opts.json) console.log(JSON.stringify({ command, results, sizes }));
  const { machine } = await import("./machine.mjs");
  const { header, librariesSection, sizeSection } = await import("./report.mjs");
  const md = [
    header({ title: "Node libraries: motion-validator vs zod, valibot, ajv", quick: opts.quick, command, machine: machine() }),
    librariesSection({ command, results, quick: opts.quick }),
    sizeSection({ command: "node bench/size.mjs", sizes }),
  ].join("\n\n");
  const out = resolve(here("."), opts.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  process.stderr.write(`wrote ${out}\n`);
  if (failed) process.exit(1);
}
