// Usage: node [--expose-gc] run-lib.mjs LIB [--quick] [--rounds N] [--round-ms MS]
// Benchmarks one library in this process and prints one JSON line.
// Exit codes: 0 ok, 1 a schema missed errors, 2 usage, 3 library not built.
import { parseArgs } from "node:util";
import { expectedIssues, fieldValue, inputs } from "./inputs.mjs";
import { QUICK_PLAN, fullPlan, measure as measureWith, sinkValue } from "./timing.mjs";

const LIBS = ["motion-validator", "zod", "valibot", "ajv", "ajv-standalone"];

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: "boolean", default: false },
    rounds: { type: "string", default: "7" },
    "round-ms": { type: "string", default: "400" },
  },
});
const lib = positionals[0];
if (!LIBS.includes(lib)) {
  console.error(`usage: node run-lib.mjs (${LIBS.join("|")}) [--quick] [--rounds N] [--round-ms MS]`);
  process.exit(2);
}
const plan = opts.quick ? QUICK_PLAN : fullPlan({ rounds: opts.rounds, roundMs: opts["round-ms"] });

let adapter;
try {
  adapter = await import(`./schemas/${lib}.mjs`);
} catch (err) {
  if (err.constructor.name !== "NotBuiltError") throw err;
  console.error(err.message);
  process.exit(3);
}

const measure = (fn, arg) => measureWith(fn, arg, plan);

// Ours also reports warnings (severity "warning"), which leave a motion valid:
// only errors are checked. The other libraries' issues carry no severity.
const isWarning = (issue) => issue?.severity === "warning";
const count = (list) => ({ issues: list.filter((i) => !isWarning(i)).length, warnings: list.filter(isWarning).length });

const cases = {};
const failures = [];
for (const [name, input] of Object.entries(inputs)) {
  const { issues, warnings } = count(adapter.validate(input));
  const want = expectedIssues[name];
  if (want === 0 ? issues !== 0 : issues < want) failures.push(`${name}: ${issues} issues, expected ${want === 0 ? "0" : `≥${want}`}`);
  cases[name] = { issues, warnings, ...measure(adapter.validate, input) };
}
const field = count(adapter.validateField(fieldValue));
if (field.issues !== 0) failures.push(`field: ${field.issues} issues for ${fieldValue}, expected 0`);
cases.field = { ...field, ...measure(adapter.validateField, fieldValue) };

console.log(JSON.stringify({ lib, quick: opts.quick, rounds: plan.rounds, roundMs: plan.roundMs, cases, sink: sinkValue() }));
if (failures.length) {
  console.error(`${lib}: the schema missed errors:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
