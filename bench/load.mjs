#!/usr/bin/env node
// A load run against the real server: `motion-validator serve` started on
// 127.0.0.1 with a temporary data directory, CONNECTIONS keep-alive
// connections for SECONDS, posting the seed motion to /api/v1/validate with
// oversized (2 MB, refused with 413) and malformed (400) bodies mixed in.
// Prints a Markdown section: requests/s, latency p50/p99, status counts,
// errors (anything but the expected status, or a failed request) and the
// server's peak RSS. Traffic goes to 127.0.0.1 only, and stops by itself.
//
//   node bench/load.mjs [--connections 64] [--seconds 30] [--bin target/release/motion-validator]

import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const CONNECTIONS = Number(opt('connections', 64));
const SECONDS = Number(opt('seconds', 30));
const BIN = resolve(ROOT, opt('bin', 'target/release/motion-validator'));

const seed = readFileSync(join(ROOT, 'tests/fixtures/seed.json'));
const malformed = Buffer.from('{"title": "Fler cykelbanor", "body": ');
const oversized = Buffer.alloc(2 * 1024 * 1024, 0x20);
// One request in ten is malformed, one in ten oversized.
const kinds = [
  ...Array(8).fill({ name: 'seed', body: seed, expect: 200 }),
  { name: 'malformed', body: malformed, expect: 400 },
  { name: 'oversized', body: oversized, expect: 413 },
];

function startServer(dataDir) {
  return new Promise((ok, fail) => {
    const child = spawn(BIN, ['serve', '--port', '0', '--root', ROOT, '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 15000);
    const onData = (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, port: Number(m[2]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => fail(new Error(`server exited (${code}):\n${out}`)));
  });
}

function rssKb(pid, field) {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

// A large body is sent as a careful client sends one: `Expect:
// 100-continue`, the body only once the server says to go on. A server that
// refuses it by its Content-Length answers 413 at once, and nothing is sent.
const LARGE = 64 * 1024;

function post(agent, port, body) {
  return new Promise((ok) => {
    const large = body.length > LARGE;
    let done = false;
    const finish = (r) => {
      if (!done) {
        done = true;
        ok(r);
      }
    };
    const headers = { 'content-type': 'application/json', 'content-length': body.length };
    if (large) headers.expect = '100-continue';
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/v1/validate', method: 'POST', agent, headers },
      (res) => {
        res.resume();
        res.on('end', () => {
          finish({ status: res.statusCode });
          // The body was never sent: this connection cannot be reused.
          if (large) req.destroy();
        });
        res.on('error', (e) => finish({ error: e.code ?? String(e) }));
      },
    );
    req.on('error', (e) => finish({ error: e.code ?? String(e) }));
    if (large) req.on('continue', () => req.end(body));
    else req.end(body);
  });
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'mv-load-'));
  const { child, port } = await startServer(dataDir);
  const rssBefore = rssKb(child.pid, 'VmRSS');
  let peak = rssBefore;
  const poll = setInterval(() => (peak = Math.max(peak, rssKb(child.pid, 'VmRSS'))), 100);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  const statuses = {};
  const errors = {};
  let unexpected = 0;
  const load = loadavg().map((x) => x.toFixed(2)).join(' ');
  const started = process.hrtime.bigint();
  const deadline = Date.now() + SECONDS * 1000;
  let n = 0;
  async function worker() {
    while (Date.now() < deadline) {
      const kind = kinds[n++ % kinds.length];
      const t0 = process.hrtime.bigint();
      const r = await post(agent, port, kind.body);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.error) {
        errors[r.error] = (errors[r.error] ?? 0) + 1;
      } else {
        const key = `${r.status} (${kind.name})`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        if (r.status !== kind.expect) unexpected++;
      }
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(poll);
  const hwm = rssKb(child.pid, 'VmHWM');
  agent.destroy();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const total = latencies.length;
  const failed = Object.values(errors).reduce((a, b) => a + b, 0);
  const lines = [
    `## Load: the server under ${CONNECTIONS} connections for ${SECONDS} s`,
    '',
    `Command: \`node bench/load.mjs --connections ${CONNECTIONS} --seconds ${SECONDS}\` (load average at the start: ${load}). ` +
      'The release server on 127.0.0.1 with a temporary data directory; keep-alive connections, each posting to ' +
      '`/api/v1/validate` in turn: the seed motion (8 in 10), a malformed body (1 in 10, 400) and a 2 MB body ' +
      '(1 in 10, sent with `Expect: 100-continue`: 413 before it is sent). Client and server share the 2 cores.',
    '',
    '| requests | requests/s | p50 | p99 | max | errors | unexpected status | server RSS before / peak (VmHWM) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${total} | ${(total / elapsed).toFixed(0)} | ${percentile(latencies, 50).toFixed(2)} ms | ${percentile(latencies, 99).toFixed(2)} ms | ${(latencies.at(-1) ?? 0).toFixed(2)} ms | ${failed} | ${unexpected} | ${(rssBefore / 1024).toFixed(1)} MB / ${(Math.max(peak, hwm) / 1024).toFixed(1)} MB |`,
    '',
    `Statuses: ${Object.entries(statuses).map(([k, v]) => `${k}: ${v}`).join(', ')}` +
      (failed ? `. Errors: ${Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''),
    '',
  ];
  console.log(lines.join('\n'));
  process.exitCode = failed || unexpected ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
