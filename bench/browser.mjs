// The browser benchmark: serves the repository root on 127.0.0.1 (a random
// free port; .wasm as application/wasm; cross-origin isolated so that
// performance.now() has its finest resolution) and drives
// bench/browser/index.html in headless Chromium with playwright-core (the
// repository root's devDependency).
//
// - Cold start-up: each sample in a new browser context (empty HTTP cache,
//   no compiled-code cache), navigation start → a ready Validator.
// - Warm start-up: the same page navigated to again in one context (files
//   from the HTTP cache, which may also hold V8's compiled wasm code).
// - Per call: validateField on a diary number and on the seed title (10,000
//   calls, timed in batches of 100, and each call alone), validate() ops/s.
//
// Usage: node browser.mjs [--quick] [--samples N] [--calls N] [--json]
//   CHROMIUM=/path/to/chromium overrides /usr/bin/chromium.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PAGE = "/bench/browser/index.html";
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-gpu",
];

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};

/** A static file server for the repository root; resolves to {server, origin}. */
export function serveRoot(root = ROOT) {
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(root, path));
    if (!(file + sep).startsWith(root) && file !== root.slice(0, -1)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const st = statSync(file);
    res.writeHead(200, {
      "Content-Type": MIME[extname(file)] ?? "application/octet-stream",
      "Content-Length": st.size,
      // Cacheable, so that a warm start reads from the HTTP cache.
      "Cache-Control": "public, max-age=3600",
      "Last-Modified": st.mtime.toUTCString(),
      // Cross-origin isolation: performance.now() at 5 µs instead of 100 µs.
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
      "Cross-Origin-Resource-Policy": "same-origin",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

function loadPlaywright() {
  // playwright-core is a devDependency of the repository root, not of bench/.
  const require = createRequire(join(ROOT, "package.json"));
  return require("playwright-core");
}

async function runPage(context, url, timeoutMs) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  try {
    await page.goto(url, { waitUntil: "load", timeout: timeoutMs });
    const r = await page.evaluate(() => window.__benchResult, undefined, { timeout: timeoutMs });
    if (!r || r.error) throw new Error(`${url}: ${r?.error ?? "no result"}${errors.length ? `\n${errors.join("\n")}` : ""}`);
    return r;
  } finally {
    await page.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Runs the whole browser benchmark; returns plain data. */
/** zod's and valibot's schemas (bench/schemas) bundled for the page. */
async function bundlePeers() {
  const { build } = await import("esbuild");
  for (const lib of ["zod", "valibot"]) {
    await build({
      entryPoints: [join(ROOT, `bench/schemas/${lib}.mjs`)],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      outfile: join(ROOT, `bench/.generated/browser-peers/${lib}.mjs`),
      logLevel: "error",
    });
  }
}

export async function runBrowser({ quick = false, samples, calls } = {}) {
  if (!existsSync(join(ROOT, "pkg/web.js"))) throw new Error("pkg/web.js is missing: run bash scripts/build-pkg.sh first");
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (bash scripts/ensure-tools.sh browser installs Debian's)`);
  const nSamples = Number(samples ?? (quick ? 1 : 7));
  const nCalls = Number(calls ?? (quick ? 200 : 10000));
  const callParams = quick
    ? `calls=${nCalls}&batch=20&warmup=20&rounds=1&roundMs=10`
    : `calls=${nCalls}&batch=100&warmup=2000&rounds=5&roundMs=200`;
  const timeoutMs = quick ? 60_000 : 300_000;

  await bundlePeers();
  const { chromium } = loadPlaywright();
  const { server, origin } = await serveRoot();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const url = (q) => `${origin}${PAGE}?${q}`;
    // Cold: a fresh context (fresh HTTP and code caches) for every sample.
    const cold = [];
    for (let i = 0; i < nSamples; i++) {
      const ctx = await browser.newContext();
      try {
        cold.push((await runPage(ctx, url(`mode=startup&cold=${i}`), timeoutMs)).startup);
      } finally {
        await ctx.close();
      }
    }
    // Warm: one context; a first visit fills the caches, then the samples.
    const ctx = await browser.newContext();
    let calls;
    const warm = [];
    try {
      await runPage(ctx, url("mode=startup&prime=1"), timeoutMs);
      for (let i = 0; i < nSamples; i++) warm.push((await runPage(ctx, url(`mode=startup&warm=${i}`), timeoutMs)).startup);
      calls = await runPage(ctx, url(`mode=calls&${callParams}`), timeoutMs);
    } finally {
      await ctx.close();
    }
    const summary = (xs) => ({
      samples: xs.length,
      readyMs: median(xs.map((s) => s.readyMs)),
      readyMsAll: xs.map((s) => Math.round(s.readyMs * 10) / 10),
      moduleStartMs: median(xs.map((s) => s.moduleStartMs)),
      packageMs: median(xs.map((s) => s.readyMs - s.moduleStartMs)),
      importMs: median(xs.map((s) => s.importMs)),
      initMs: median(xs.map((s) => s.initMs)),
      constructorMs: median(xs.map((s) => s.constructorMs)),
      wasmTransferBytes: median(xs.map((s) => s.resources.find((r) => r.name.endsWith(".wasm"))?.transferSize ?? 0)),
    });
    return {
      quick,
      chromium: browser.version(),
      executable: CHROMIUM,
      args: CHROMIUM_ARGS,
      page: `${PAGE}?mode=calls&${callParams}`,
      crossOriginIsolated: calls.crossOriginIsolated,
      timerResolutionUs: calls.timerResolutionUs,
      userAgent: calls.userAgent,
      startup: { cold: summary(cold), warm: summary(warm) },
      field: calls.field,
      validate: calls.validate,
      peers: calls.peers,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values: opts } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      samples: { type: "string" },
      calls: { type: "string" },
      json: { type: "boolean", default: false },
      serve: { type: "boolean", default: false }, // only serve, to open the page by hand
    },
  });
  if (opts.serve) {
    const { origin } = await serveRoot();
    console.log(`serving ${ROOT} at ${origin}${PAGE}?mode=calls (Ctrl-C stops)`);
  } else {
    const r = await runBrowser(opts);
    if (opts.json) console.log(JSON.stringify(r));
    else {
      const { browserSection } = await import("./report.mjs");
      console.log(browserSection(r, `node bench/browser.mjs ${process.argv.slice(2).join(" ")}`.trim()));
    }
  }
}
