// Markdown for RESULTS.md: one function per section, each taking the plain
// data its runner returned (run.mjs, size.mjs, browser.mjs, crossing.mjs,
// native.mjs). Nothing here measures anything; a section whose data is
// missing says why instead of showing a figure.
import { fmtInt, spread, usPerCall } from "./timing.mjs";

export const OURS = "motion-validator";
export const OTHERS = ["zod", "valibot", "ajv", "ajv-standalone"];
const CASES = { valid: "valid", invalid3: "invalid3 (3 errors)", invalidAll: "invalidAll (7 errors)", field: "field: diaryNumber" };

// ---------- small formatters ----------

/** A Markdown table; `align` is one letter per column, l or r (default: first l, rest r). */
export const table = (head, rows, align) =>
  [
    `| ${head.join(" | ")} |`,
    `|${head.map((_, i) => ((align ? align[i] === "r" : i > 0) ? " ---: " : " --- ")).join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
const kib = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (x) => (x == null ? "—" : `${x.toFixed(1)} ms`);
const us = (x) => (x == null ? "—" : x < 1 ? `${x.toFixed(3)} µs` : x < 10 ? `${x.toFixed(2)} µs` : x < 100 ? `${x.toFixed(1)} µs` : `${Math.round(x)} µs`);
const ns = (x) => (x < 1000 ? `${x.toFixed(0)} ns` : x < 1e6 ? `${(x / 1000).toFixed(2)} µs` : `${(x / 1e6).toFixed(2)} ms`);
const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : "—");
const x = (r) => (r >= 10 ? r.toFixed(0) : r >= 2 ? r.toFixed(1) : r.toFixed(2));
const code = (s) => `\`${s}\``;
const perSec = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M/s` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k/s` : `${n.toFixed(0)}/s`);

/** Throughput target (higher is better). */
function atLeast(measured, target) {
  if (measured == null) return "not measured";
  if (measured >= target) return `yes, ${x(measured / target)}× the target`;
  return `**no**: ${Math.round((1 - measured / target) * 100)}% short, needs ${x(target / measured)}× faster`;
}
/** Time or size target (lower is better); `unit` formats the amounts. */
function atMost(measured, target, unit) {
  if (measured == null) return "not measured";
  if (measured <= target) return `yes, ${unit(target - measured)} to spare`;
  return `**no**: ${x(measured / target)}× the target, ${unit(measured - target)} over`;
}

const quickNote = "> **Quick smoke run (`--quick`): one short round of everything cheap. These figures only show that the code runs; they are not a measurement.**";

// ---------- header ----------

export function header({ title = "Benchmarks: motion-validator", quick, command, machine: m, started, finished, loadEnd, extra = [] }) {
  const libs = Object.entries(m.libs)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return [
    `# ${title}`,
    ...(quick ? [`\n${quickNote}`] : []),
    `\nGenerated ${started ?? new Date().toISOString()}${finished ? ` – ${finished}` : ""} by ${code(command)}, in one run: every figure below comes from this run, and the command that produced each one is given with it.`,
    "",
    `- Machine: ${m.cpu}, ${m.cores} logical cores${m.threadsPerCore ? ` (${m.threadsPerCore} thread(s) per core)` : ""}, ${m.memoryGiB} GiB; ${m.os}`,
    `- Load average (1, 5, 15 min) at the start: ${m.loadAverage}${loadEnd ? `; at the end: ${loadEnd}` : ""}. The machine is shared and noisy: compare the ratios within a table, which were measured side by side, more than absolute figures across runs.`,
    `- Tools: Node ${m.node}; ${m.rustc ?? "rustc ?"}; ${m.cargo ?? "cargo ?"}; ${m.wasmBindgen ?? "wasm-bindgen ?"}; wasm-opt ${m.wasmOpt?.replace(/^wasm-opt\s*/, "") ?? "?"}; ${m.chromium ?? "Chromium ?"}`,
    `- Libraries: ${libs}`,
    `- Sources measured: ${m.source}; ${m.pkg}`,
    ...extra.map((e) => `- ${e}`),
  ].join("\n");
}

// ---------- targets ----------

/**
 * The issue's targets, each with the measured figure and by how much it
 * is met or missed. Inputs are whatever ran; a missing part shows as such.
 */
export function targetsSection({ native, libs, browser, sizes, breakdown, crossing, commands }) {
  const rows = [];
  const nb = native?.benches ?? {};
  const nat = (id) => (nb[id] ? 1e9 / nb[id].median.ns : null);
  const nativeNote = native ? "" : native === undefined ? " (native not run)" : "";
  rows.push([
    "Native, seed motion with JSON parsing: ≥ 1.5 M/s on one core",
    nb["seed/validate_json"] ? `${perSec(nat("seed/validate_json"))} (${ns(nb["seed/validate_json"].median.ns)} per call)` : `not measured${nativeNote}`,
    atLeast(nat("seed/validate_json"), 1.5e6),
    code(commands.native),
  ]);
  rows.push([
    "Native, validate only (parsed): ≥ 5 M/s",
    nb["seed/validate"] ? `${perSec(nat("seed/validate"))} (${ns(nb["seed/validate"].median.ns)} per call)` : `not measured${nativeNote}`,
    atLeast(nat("seed/validate"), 5e6),
    code(commands.native),
  ]);
  const ok = (lib) => (libs?.results?.[lib]?.status === "ok" ? libs.results[lib].cases : null);
  const ours = ok(OURS);
  // ours ÷ theirs in ops/s, and whether it reaches `min`.
  const vs = (a, b, min, who) => {
    if (a == null || b == null) return { text: "not measured", met: "not measured" };
    const r = a / b;
    return {
      text: `ours:${who} = ${r.toFixed(2)}`,
      met: r >= min ? `yes` : `**no**: ${x(min / r)}× short of ${min}`,
    };
  };
  const pair = (label, k, oursOps, zodOps, valibotOps, minZod, minValibot, command) => {
    const z = vs(oursOps, zodOps, minZod, "zod");
    const v = vs(oursOps, valibotOps, minValibot, "valibot");
    rows.push([
      `${label}, ${k}: ours ÷ zod ≥ ${minZod}, ours ÷ valibot ≥ ${minValibot}`,
      `${z.text}; ${v.text}${oursOps ? ` (ours ${us(1e6 / oursOps)} per call)` : ""}`,
      `zod: ${z.met}; valibot: ${v.met}`,
      code(command),
    ]);
  };
  for (const [k, min] of [["valid", 1], ["invalid3", 5]]) {
    pair("Node, public `Validator.validate`", k, ours?.[k].opsPerSec, ok("zod")?.[k].opsPerSec, ok("valibot")?.[k].opsPerSec, min, 1, commands.libs);
  }
  const peers = browser?.peers ?? {};
  for (const [k, pk, min] of [["seed", "seed", 1], ["invalid3", "invalid3", 5]]) {
    pair("Chromium, in the page", k === "seed" ? "valid (seed)" : k, browser?.validate?.[k]?.opsPerSec, peers.zod?.[pk]?.opsPerSec, peers.valibot?.[pk]?.opsPerSec, min, 1, commands.browser);
  }
  const fu = ours ? 1e6 / ours.field.opsPerSec : null;
  // An absolute target moves with the machine: zod's figure from the same
  // run says whether the code or the machine got faster.
  const zodField = ok("zod")?.field?.opsPerSec;
  const fieldText = fu == null ? "not measured" : `${us(fu)}${zodField ? ` (zod ${us(1e6 / zodField)} in this run: ours ÷ zod ${ratio(ours.field.opsPerSec, zodField)})` : ""}`;
  rows.push(['`validateField(["diaryNumber"], …)`, Node: ≤ 0.3 µs per call', fieldText, atMost(fu, 0.3, us), code(commands.libs)]);
  const s = sizes?.[OURS];
  rows.push([
    "Browser package (.wasm + JS glue) gzip ≤ 56 KB (the issue's target)",
    s ? `${kib(s.gzip)} (brotli ${kib(s.brotli)})` : "not built",
    atMost(s?.gzip ?? null, 56 * 1024, kib),
    code(commands.size),
  ]);
  rows.push([
    `Browser package (.wasm + JS glue) gzip ≤ ${kib(s?.budgetGzip ?? 65536)} (the budget test)`,
    s ? `${kib(s.gzip)} (brotli ${kib(s.brotli)})` : "not built",
    atMost(s?.gzip ?? null, s?.budgetGzip ?? 65536, kib),
    code(commands.size),
  ]);
  const lin = native ? linearity(nb) : null;
  rows.push([
    "Body scaling 1 KB → 1 MB grows linearly (test applied here: µs per KB at 1 MB within 1.5× of at 10 KB)",
    lin
      ? `${lin.at10.toFixed(3)} → ${lin.at1M.toFixed(3)} µs per KB (×${lin.factor.toFixed(2)}); marginal µs per KB ${lin.marginal.map((m) => m.toFixed(2)).join(" → ")}`
      : "not measured",
    lin
      ? `${lin.factor <= 1.5 ? "yes" : `**no**: ×${lin.factor.toFixed(2)}`}${lin.lastStep > 1.25 ? `; but the marginal cost per KB from 100 KB to 1 MB is ×${lin.lastStep.toFixed(2)} the one from 10 KB to 100 KB: not quadratic (that would be ×10), not flat either` : ""}`
      : "not measured",
    code(commands.native),
  ]);
  const bd = breakdown?.cases?.valid;
  const j2j = nb["seed/json_to_json"];
  const bound = bd
    ? [
        bd.tape
          ? `\nWhat bounds the JS figures (Node, \`valid\`, from "Where the time goes" below): of the ${us(1e6 / bd.api.opsPerSec)} a public \`validate()\` costs, its WASM call (the motion already in WebAssembly memory: the tape read, every rule, the short report made and copied out) takes ${us(1e6 / bd.tape.opsPerSec)}; the rest, about ${us(1e6 / bd.api.opsPerSec - 1e6 / bd.tape.opsPerSec)}, is JavaScript: writing the motion into WebAssembly memory and reading the report. On the JSON path (any other motion) \`JSON.stringify\` alone takes ${us(1e6 / bd.stringify.opsPerSec)} and the WASM call with the full report ${us(1e6 / bd.wasm.opsPerSec)}.`
          : `\nWhat bounds the JS figures (Node, \`valid\`, from "Where the time goes" below): of the ${us(1e6 / bd.api.opsPerSec)} a public \`validate()\` costs, \`JSON.stringify\` of the motion takes ${us(1e6 / bd.stringify.opsPerSec)} and \`JSON.parse\` of the report ${us(1e6 / bd.parse.opsPerSec)}; the WASM call takes ${us(1e6 / bd.wasm.opsPerSec)}.`,
        j2j
          ? ` The same work natively, JSON text in and the report as JSON text out (\`seed/json_to_json\`), takes ${ns(j2j.median.ns)}: inside the WASM call with the same full report, the engine compiled to WebAssembly (the Node build, built for speed: opt-level 3, wasm-opt -O3; Unicode tables left out; the browser's build is for size, opt-level "z") costs about ${x(1e9 / bd.wasm.opsPerSec / j2j.median.ns)}× its native time, while a WASM call that does nothing costs ${us(1e6 / breakdown.cases.field.empty.opsPerSec)}. So the engine's own speed, then its speed as WebAssembly, bound these targets.`
          : "",
        crossingNote(crossing),
      ].join("")
    : "";
  return [
    "## Targets from the issue",
    "",
    "Every target, the figure measured in this run, and whether it is met; a miss says by how much.",
    "",
    table(["target", "measured", "met?", "command"], rows, "llll"),
    bound,
  ].join("\n");
}

function crossingNote(c) {
  if (!c || c.error) return "";
  const r = Object.values(c.cases).map((k) => k.json.opsPerSec / k.swb.opsPerSec);
  const sz = c.sizes.variant && c.sizes.base ? c.sizes.variant.wasm.gzip - c.sizes.base.wasm.gzip : null;
  return ` Passing the motion as a JS object through serde-wasm-bindgen would not help: JSON text runs at ${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}× its speed on the three inputs (ours:swb, "The crossing" below)${sz != null ? `, and it adds ${kib(sz)} gzipped` : ""}.`;
}

function linearity(nb) {
  const ids = ["1KB", "10KB", "100KB", "1MB"].map((s) => `body_scaling/${s}`);
  if (!ids.every((id) => nb[id]?.throughput?.Bytes)) return null;
  const t = ids.map((id) => nb[id].median.ns / 1000); // µs
  const kb = ids.map((id) => nb[id].throughput.Bytes / 1000);
  const marginal = [1, 2, 3].map((i) => (t[i] - t[i - 1]) / (kb[i] - kb[i - 1]));
  const at10 = t[1] / kb[1];
  const at1M = t[3] / kb[3];
  return { at10, at1M, factor: at1M / at10, marginal, lastStep: marginal[2] / marginal[1] };
}

// ---------- Node libraries ----------

export function librariesSection({ command, results, quick }) {
  const ok = (l) => results[l]?.status === "ok";
  const rounds = Object.values(results).find((r) => r.rounds)?.rounds ?? "?";
  const cell = (l, k) => (ok(l) ? `${fmtInt(results[l].cases[k].opsPerSec)}${spread(results[l].cases[k])}` : results[l]?.status ?? "—");
  const rows = Object.entries(CASES).map(([k, label]) => {
    const o = ok(OURS) ? results[OURS].cases[k].opsPerSec : null;
    return [
      label,
      ok(OURS) ? `${cell(OURS, k)} (${usPerCall(o)} µs)` : cell(OURS, k),
      ...OTHERS.flatMap((l) => [cell(l, k), ok(l) && o ? ratio(o, results[l].cases[k].opsPerSec) : "—"]),
    ];
  });
  const errs = Object.entries(CASES).map(([k, label]) => [
    label,
    ...[OURS, ...OTHERS].map((l) =>
      ok(l) ? `${results[l].cases[k].issues}${results[l].cases[k].warnings ? ` (+${results[l].cases[k].warnings} warning${results[l].cases[k].warnings > 1 ? "s" : ""})` : ""}` : results[l]?.status ?? "—",
    ),
  ]);
  return [
    "## Node: the same motions through each library (ops/s, higher is better)",
    "",
    `Command: ${code(command)}. Each library in its own process (\`run-lib.mjs LIB\`), one after the other; per case a calibrated batch, ${quick ? "no warm-up" : "0.5 s warm-up"}, then ${rounds} timed round${rounds === 1 ? "" : "s"}; the median ops/s, ± half the spread between the fastest and slowest round. Ours goes through the package's public API (\`new Validator(...).validate(motion)\`; in Node a motion of the usual shape, as these are, is written straight into WebAssembly memory, any other crosses as JSON text). \`ours:X\` is ours ÷ theirs: above 1 means ours is faster.`,
    "",
    table(["case", `${OURS} (µs/call)`, ...OTHERS.flatMap((l) => [l, `ours:${l}`])], rows),
    "",
    "Errors each library reported (checked before timing: valid 0, invalid3 ≥ 3, invalidAll ≥ 6, field 0; warnings are not errors):",
    "",
    table(["input", OURS, ...OTHERS], errs),
  ].join("\n");
}

// ---------- size ----------

export function sizeSection({ command, sizes }) {
  const o = sizes[OURS];
  const rows = [OURS, ...OTHERS].map((l) => {
    const s = sizes[l];
    if (!s) return [l, "not built", "—", "—", "—"];
    return [`${l} (${s.kind})`, kib(s.bytes), kib(s.gzip), kib(s.brotli), l === OURS ? "1.00" : o ? ratio(o.gzip, s.gzip) : "—"];
  });
  return [
    "## Size (library + schema, min + gzip and brotli; lower is better)",
    "",
    `Command: ${code(command)}. Others: \`esbuild --bundle --minify --format=esm --platform=browser\` of \`bench/schemas/LIB.mjs\` (library + schema + the call; ajv-standalone: the generated module). Ours: the browser package as built by \`scripts/build-pkg.sh\` (the same files and budget as \`scripts/size.mjs\`). gzip level 9, brotli quality 11, each file compressed on its own, 1 KB = 1024 bytes. \`ours:X\` is our gzip size ÷ theirs: above 1 means ours is larger.`,
    "",
    table(["library", "bytes", "gzip", "brotli", "ours:X (gzip)"], rows),
    o ? `\nOurs by file: ${o.files.map((f) => `${f.file} ${kib(f.raw)} (gzip ${kib(f.gzip)})`).join(", ")}. Budget: gzip ≤ ${kib(o.budgetGzip)}.` : "",
  ].join("\n");
}

// ---------- browser ----------

export function browserSection(b, command) {
  if (!b || b.error) return `## Browser (headless Chromium)\n\nNot measured${b?.error ? `: ${b.error}` : ""}.`;
  const st = b.startup;
  const sRows = [
    ["navigation start → ready Validator", ms(st.cold.readyMs), ms(st.warm.readyMs)],
    ["… before the package: navigation start → bench.js runs (new tab, HTML, bench.js)", ms(st.cold.moduleStartMs), ms(st.warm.moduleStartMs)],
    ["… the package's share: import + init + new Validator", ms(st.cold.packageMs), ms(st.warm.packageMs)],
    ["    … `import('/pkg/web.js')` (one module: api.js and the wasm-bindgen glue bundled in)", ms(st.cold.importMs), ms(st.warm.importMs)],
    ["    … `await init()` (fetch + compile + instantiate the .wasm)", ms(st.cold.initMs), ms(st.warm.initMs)],
    ["    … `new Validator(options)`", ms(st.cold.constructorMs), ms(st.warm.constructorMs)],
    [".wasm bytes over the network", fmtInt(st.cold.wasmTransferBytes), fmtInt(st.warm.wasmTransferBytes)],
    ["every sample, ready (ms)", st.cold.readyMsAll.join(", "), st.warm.readyMsAll.join(", ")],
  ];
  const f = b.field;
  const fRows = Object.entries(f).map(([k, r]) => [
    `${code(`validateField(["${k}"], …)`)}${k === "title" ? " (seed title)" : ' ("KSN-2020-02111")'}`,
    us(r.batchUs.median),
    us(r.batchUs.p99),
    us(r.singleUs.median),
    us(r.singleUs.p99),
    us(r.singleUs.max),
    `${fmtInt(r.calls)} + ${fmtInt(r.calls)}`,
    String(r.issues),
  ]);
  const vRows = Object.entries(b.validate).map(([k, r]) => [
    k === "seed" ? "seed motion (tests/fixtures/seed.json)" : `${k} (bench/inputs.mjs)`,
    String(r.errors),
    `${fmtInt(r.opsPerSec)}${spread(r)}`,
    us(1e6 / r.opsPerSec),
  ]);
  return [
    "## Browser: headless Chromium",
    "",
    `Command: ${code(command)} — ${b.chromium} (${b.executable}, headless, ${b.args.join(" ")}), page ${code(b.page)} served from the repository root by a static server in the script (\`application/wasm\`; cross-origin isolated: ${b.crossOriginIsolated ? "yes" : "**no**"}). Times from \`performance.now()\`, whose zero is the navigation start.`,
    "",
    `### Start-up (median of ${st.cold.samples} cold and ${st.warm.samples} warm page loads)`,
    "",
    "Cold: every sample in a new browser context (empty HTTP cache, nothing compiled). Warm: the same context, after a first visit (files from the HTTP cache). Each row is the median of its own samples, so the rows need not add up exactly.",
    "",
    table(["", "cold", "warm"], sRows),
    "",
    "### Per call",
    "",
    `\`performance.now()\` ticks every ${us(b.timerResolutionUs)} here (measured), so a single call mostly reads as 0 or one tick: the per-call median and p99 come from batches of ${Object.values(f)[0].batch} calls (each batch's mean), over ${fmtInt(Object.values(f)[0].calls)} calls after a warm-up. Each call was also timed alone (another ${fmtInt(Object.values(f)[0].calls)} calls); those figures are quantised to the timer's step and include its jitter, so read them as upper bounds.`,
    "",
    table(["call", "median (batches)", "p99 (batches)", "median (single)", "p99 (single)", "max (single)", "calls", "issues"], fRows),
    "",
    table(["`validator.validate(…)`", "errors", "ops/s", "µs/call"], vRows),
    ...peersInPage(b),
  ].join("\n");
}

/** zod and valibot timed in the same page, right after ours. */
function peersInPage(b) {
  const p = b.peers;
  if (!p) return [];
  const rows = [];
  for (const k of ["seed", "invalid3"]) {
    const o = b.validate?.[k];
    const cells = [k === "seed" ? "seed motion" : k, o ? `${fmtInt(o.opsPerSec)} (${o.errors})` : "—"];
    for (const lib of ["zod", "valibot"]) {
      const r = p[lib]?.[k];
      cells.push(r ? `${fmtInt(r.opsPerSec)} (${r.errors})` : p[lib]?.error ? `failed: ${p[lib].error}` : "—");
      cells.push(r && o ? ratio(o.opsPerSec, r.opsPerSec) : "—");
    }
    rows.push(cells);
  }
  return [
    "",
    "The JS peers in the same page (their `bench/schemas/*.mjs` bundled with esbuild by `bench/browser.mjs`), timed right after ours on the same inputs; ops/s with the error count in brackets; `ours:X` is ours ÷ theirs:",
    "",
    table(["input", "motion-validator", "zod", "ours:zod", "valibot", "ours:valibot"], rows),
  ];
}

// ---------- crossing ----------

export function crossingSection(c, command, why) {
  if (!c || c.error) {
    return [
      "## The JS-to-WASM crossing: JSON text vs serde-wasm-bindgen",
      "",
      c?.error
        ? `Failed: ${c.error}`
        : `Not run${why ? `: ${why}` : ""}. It needs a variant build made outside this repository: \`bash bench/make-swb-variant.sh\` (applies \`bench/swb-variant.patch\` to a copy in /tmp and builds it), then \`MOTION_VALIDATOR_SWB_PKG=/tmp/swb/pkg bench/run-all\`.`,
    ].join("\n");
  }
  const rows = Object.entries(c.cases).map(([k, r]) => [
    `${k} (${r.errors} errors)`,
    `${fmtInt(r.json.opsPerSec)}${spread(r.json)} (${usPerCall(r.json.opsPerSec)} µs)`,
    `${fmtInt(r.swb.opsPerSec)}${spread(r.swb)} (${usPerCall(r.swb.opsPerSec)} µs)`,
    ratio(r.json.opsPerSec, r.swb.opsPerSec),
    `${fmtInt(r.swbInJsonOut.opsPerSec)}${spread(r.swbInJsonOut)}`,
    ratio(r.json.opsPerSec, r.swbInJsonOut.opsPerSec),
    `${fmtInt(r.inputJsonBytes)} / ${fmtInt(r.reportJsonBytes)}`,
  ]);
  const parityOk = Object.values(c.parity).every((p) => Object.values(p).every(Boolean));
  const sv = c.sizes.variant;
  const sb = c.sizes.base;
  const sizeRows = [
    sb ? [`without the patch (${sb.dir})`, kib(sb.wasm.bytes), kib(sb.wasm.gzip), kib(sb.wasm.brotli), kib(sb.glue.gzip)] : ["without the patch", "—", "—", "—", "—"],
    sv ? [`with serde-wasm-bindgen (${sv.dir})`, kib(sv.wasm.bytes), kib(sv.wasm.gzip), kib(sv.wasm.brotli), kib(sv.glue.gzip)] : ["variant", "—", "—", "—", "—"],
  ];
  return [
    "## The JS-to-WASM crossing: JSON text vs serde-wasm-bindgen",
    "",
    `Command: ${code(command)}. The variant (\`bench/swb-variant.patch\`, built outside the repository by \`bench/make-swb-variant.sh\`) adds serde-wasm-bindgen and two exports next to the package's own \`validateJson\`, so all paths run in the **same .wasm**, in one process, rounds interleaved (${c.rounds} round${c.rounds === 1 ? "" : "s"} of ~${c.roundMs} ms, median). Paths:`,
    "",
    ...Object.entries(c.paths).map(([k, d]) => `- \`${k}\`: ${d}`),
    "",
    `All paths give byte-identical reports on every input: ${parityOk ? "yes (checked)" : "**no** — see crossing.mjs output"}. \`ours:X\` is ours (JSON) ÷ X in ops/s: above 1 means JSON text is faster.`,
    "",
    table(["input", "JSON text (ours)", "serde-wasm-bindgen", "ours:swb", "swb in, JSON out", "ours:swb-in", "JSON bytes in / out"], rows),
    "",
    "Size of the .wasm (after wasm-opt) and its wasm-bindgen glue:",
    "",
    table(["build", ".wasm", ".wasm gzip", ".wasm brotli", "glue gzip"], sizeRows),
    sv && sb
      ? `\nserde-wasm-bindgen adds ${kib(sv.wasm.gzip - sb.wasm.gzip)} gzipped to the .wasm and ${kib(sv.glue.gzip - sb.glue.gzip)} to the glue here. It is *added* next to serde_json, which the engine keeps (its data model is \`serde_json::Value\`, and field checks, paths and custom profiles still parse JSON), so this is the cost of offering both, not of a build with serde-wasm-bindgen only.`
      : "",
  ].join("\n");
}

export function breakdownSection(bd, command) {
  if (!bd || bd.error) return `## Where the time goes (Node)\n\nNot measured${bd?.error ? `: ${bd.error}` : ""}.`;
  const rows = ["valid", "invalid3", "invalidAll"].map((k) => {
    const c = bd.cases[k];
    const t = (m) => (m ? us(1e6 / m.opsPerSec) : "—");
    return [k, t(c.tape), t(c.stringify), t(c.wasm), t(c.parse), t(c.api)];
  });
  const f = bd.cases.field;
  return [
    "## Where the time goes (Node, this repository's build)",
    "",
    `Command: ${code(command)}. The pieces of one \`validate()\`, timed side by side (rounds interleaved). The public call writes a motion of the usual shape (the motion's keys with strings, null, lists of strings and signatories: what a form sends) straight into WebAssembly memory and makes one raw call, \`validateTapeShort\` (the tape read, every rule, the report made and copied out, each normalized text equal to the input's as \`0\`, and parsed in JS only when \`report.normalized\` is first read): its time is the first column, measured on what the public call wrote. Any other motion takes the JSON path, whose pieces follow: \`JSON.stringify(motion)\`; the raw call \`validateJson(text)\` (text copied in, JSON parsed, every rule, the report serialised and copied out) and \`JSON.parse\` of its report. Last, the whole public \`Validator.validate(motion)\`.`,

    "",
    table(["input", "WASM call (tape)", "JSON.stringify", "WASM call (JSON)", "JSON.parse (report)", "Validator.validate"], rows),
    "",
    `validateField on "KSN-2020-02111": public \`validateField(["diaryNumber"], …)\` ${us(1e6 / f.api.opsPerSec)}; raw \`validateField('["diaryNumber"]', …, true)\` (path as JSON, the general export) ${us(1e6 / f.wasm.opsPerSec)}${f.fast ? `; raw \`validateFieldScratch(6, 0, 14)\` after writing the value into the validator's buffer (the keystroke fast path the public call uses) ${us(1e6 / f.fast.opsPerSec)}` : ""}; a WASM call that does nothing (a getter) ${us(1e6 / f.empty.opsPerSec)}.`,
  ].join("\n");
}

// ---------- native ----------

export function nativeSection(n, why) {
  if (!n || n.error) {
    return `## Native (criterion)\n\n${n?.error ? `Failed: ${n.error}` : `Not run${why ? `: ${why}` : ""}.`}`;
  }
  const b = n.benches;
  const ids = Object.keys(b).filter((id) => !id.startsWith("body_scaling/")).sort();
  const rows = ids.map((id) => [
    code(id),
    ns(b[id].median.ns),
    `${ns(b[id].median.lo)} – ${ns(b[id].median.hi)}`,
    perSec(1e9 / b[id].median.ns),
  ]);
  const order = ["1KB", "10KB", "100KB", "1MB"].map((s) => `body_scaling/${s}`).filter((id) => b[id]);
  let prev = null;
  const sRows = order.map((id) => {
    const bytes = b[id].throughput?.Bytes ?? 0;
    const perKb = b[id].median.ns / 1000 / (bytes / 1000);
    const marginal = prev ? (b[id].median.ns - prev.ns) / 1000 / ((bytes - prev.bytes) / 1000) : null;
    prev = { ns: b[id].median.ns, bytes };
    return [code(id), fmtInt(bytes), ns(b[id].median.ns), `${perKb.toFixed(3)} µs`, marginal == null ? "—" : `${marginal.toFixed(3)} µs`, `${((bytes / (b[id].median.ns / 1e9)) / 2 ** 20).toFixed(0)} MiB/s`];
  });
  return [
    "## Native (criterion, one core)",
    "",
    `Command: ${code(n.command)}${n.quick ? " (quick: not a measurement)" : ""}; figures are criterion's median time per iteration with its 95% confidence interval, read from \`estimates.json\` by \`bench/native.mjs\`. Benchmarks in \`benches/validate.rs\`: \`seed/validate\` (the seed motion already parsed), \`seed/validate_motion\` (the seed as a typed \`Motion\`), \`seed/validate_json\` (from raw JSON bytes, parse included), \`seed/json_to_json\` (raw JSON bytes in, the report as JSON text out: what the WASM package's \`validateJson\` does, without the crossing), \`field/diary_number\` (\`validate_field\` on "KSN-2020-02111").`,
    "",
    table(["benchmark", "median", "95% CI", "rate"], rows),
    "",
    "Body scaling (`validate_json` of the seed motion with its body replaced by 1 KB … 1 MB of Swedish text, limits raised; 1 KB = 1,000 bytes). \"Marginal\" is the extra time per extra KB from the previous size, which leaves out the fixed cost of the rest of the motion; linear time means it stays flat.",
    "",
    table(["benchmark", "body bytes", "median", "per KB", "marginal per KB", "throughput"], sRows),
  ].join("\n");
}

export function instructionsSection(r, why) {
  const title = "## Native, in instructions (callgrind)";
  if (!r || r.error) return `${title}\n\n${r?.error ? `Failed: ${r.error}` : `Not run${why ? `: ${why}` : ""}.`}`;
  return [
    title,
    "",
    `Command: ${code(r.command)}${r.quick ? " (quick: fewer calls, the same difference; within about 20 instructions of a full run)" : ""}; ${r.valgrind}. Instructions one call executes: the difference between ${fmtInt(2 * r.n)} and ${fmtInt(r.n)} calls, divided by ${fmtInt(r.n)}, which leaves out start-up. Unlike the times above, these counts do not move with the machine or its load: compare them across runs to see what a change to the engine did.`,
    "",
    table(["case", "instructions per call", "what"], r.cases.map((c) => [c.id, fmtInt(c.perCall), c.what]), ["l", "r", "l"]),
  ].join("\n");
}
