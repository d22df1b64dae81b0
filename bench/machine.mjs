// What the figures were measured on and with: CPU, cores, OS, load, tool
// and library versions, and the state of the sources (read-only git calls).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const ROOT = here("..");

function run(cmd, args, opts = {}) {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 20_000, ...opts }).trim();
  } catch {
    return null;
  }
}

const readJson = (p) => (existsSync(p) ? JSON.parse(readFileSync(p, "utf8")) : null);
const npmVersion = (dir, name) => readJson(`${dir}/node_modules/${name}/package.json`)?.version ?? null;

/** Version of a crate in a Cargo.lock, or null. */
export function lockVersion(lockPath, name) {
  if (!existsSync(lockPath)) return null;
  const m = readFileSync(lockPath, "utf8").match(new RegExp(`name = "${name}"\\nversion = "([^"]+)"`));
  return m ? m[1] : null;
}

function osName() {
  const rel = existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "";
  const pretty = rel.match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1];
  return `${pretty ?? os.platform()} (${os.platform()} ${os.release()}, ${os.arch()})`;
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}

/** When pkg/ was built, and whether any of its sources changed since. */
export function packageState() {
  const stamp = join(ROOT, "pkg/package.json");
  if (!existsSync(stamp)) return "pkg/ not built";
  const built = statSync(stamp).mtimeMs;
  const newest = Math.max(...["src", "js", "profiles", "Cargo.toml", "Cargo.lock"].map((p) => newestMtime(join(ROOT, p))));
  return `pkg/ built ${new Date(built).toISOString()}${newest > built ? `; **older than its sources** (last change ${new Date(newest).toISOString()}), so the WASM figures may not match the native ones` : ", up to date with its sources"}`;
}

export function loadAverage() {
  return os.loadavg().map((x) => x.toFixed(2)).join(" ");
}

export function machine() {
  const cpus = os.cpus();
  const lscpu = run("lscpu", []) ?? "";
  const field = (k) => lscpu.match(new RegExp(`^${k}:\\s*(.+)$`, "m"))?.[1]?.trim() ?? null;
  const commit = run("git", ["rev-parse", "--short", "HEAD"]);
  const dirty = run("git", ["status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock", "js", "benches"]);
  return {
    cpu: field("Model name") ?? cpus[0]?.model ?? "unknown CPU",
    cores: cpus.length,
    threadsPerCore: field("Thread\\(s\\) per core"),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osName(),
    node: process.version,
    rustc: run("rustc", ["--version"]),
    cargo: run("cargo", ["--version"]),
    wasmBindgen: run("wasm-bindgen", ["--version"]),
    wasmOpt: run(here("../node_modules/.bin/wasm-opt"), ["--version"]),
    chromium: run(process.env.CHROMIUM ?? "/usr/bin/chromium", ["--version"])?.split("\n").at(-1) ?? null,
    libs: {
      "motion-validator": readJson(here("../pkg/package.json"))?.version ?? null,
      zod: npmVersion(here("."), "zod"),
      valibot: npmVersion(here("."), "valibot"),
      ajv: npmVersion(here("."), "ajv"),
      "ajv-formats": npmVersion(here("."), "ajv-formats"),
      esbuild: npmVersion(here("."), "esbuild"),
      "playwright-core": npmVersion(ROOT, "playwright-core"),
      criterion: lockVersion(here("../Cargo.lock"), "criterion"),
      "serde_json": lockVersion(here("../Cargo.lock"), "serde_json"),
      "wasm-bindgen": lockVersion(here("../Cargo.lock"), "wasm-bindgen"),
    },
    source: commit ? `commit ${commit}${dirty ? " with uncommitted changes in src/, js/, benches/ or Cargo.* (the engine is being worked on)" : ""}` : "unknown",
    pkg: packageState(),
    loadAverage: loadAverage(),
  };
}
