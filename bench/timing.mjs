// Timing helpers shared by run-lib.mjs and crossing.mjs (Node only).
//
// A case is timed in batches: the batch size is doubled until one batch
// takes `calibrateMs`, the case is warmed up for `warmupMs`, then each round
// runs enough iterations for about `roundMs`. The figure is the median
// ops/s over the rounds; `samples` keeps every round so a reader sees the
// spread. GC is forced between rounds when node runs with --expose-gc.
import { performance } from "node:perf_hooks";

export const QUICK_PLAN = { warmupMs: 0, calibrateMs: 1, roundMs: 5, rounds: 1 };
export const fullPlan = ({ rounds = 7, roundMs = 400 } = {}) => ({
  warmupMs: 500,
  calibrateMs: 20,
  roundMs: Number(roundMs),
  rounds: Math.max(5, Number(rounds)),
});

let sink = 0; // consumes every result so that no call can be optimised away
export const sinkValue = () => sink % 1000;

// Any result: an array, an object (a report), a string or null.
const weigh = (r) => (r == null ? 1 : typeof r === "object" ? (r.length ?? (r.valid ? 2 : 3)) : r.length ?? 1);

function runBatch(fn, arg, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) sink += weigh(fn(arg));
  return performance.now() - t;
}

/** Batch size and warm-up for one case. */
export function prepare(fn, arg, plan) {
  const start = performance.now();
  let n = 1;
  let dt;
  for (;;) {
    dt = runBatch(fn, arg, n);
    if (dt >= plan.calibrateMs || n >= 1 << 30) break;
    n *= 2;
  }
  while (performance.now() - start < plan.warmupMs) runBatch(fn, arg, n);
  return Math.max(1, Math.round((n * plan.roundMs) / Math.max(dt, 1e-3)));
}

const summarise = (samples, iterations) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { opsPerSec: sorted[sorted.length >> 1], samples: samples.map(Math.round), iterations };
};

/** Median ops/s of one function on one argument. */
export function measure(fn, arg, plan) {
  const iterations = prepare(fn, arg, plan);
  const samples = [];
  for (let r = 0; r < plan.rounds; r++) {
    globalThis.gc?.();
    samples.push((iterations * 1000) / runBatch(fn, arg, iterations));
  }
  return summarise(samples, iterations);
}

/**
 * Several functions on the same argument, measured side by side: each round
 * times every function once, in an order that rotates from round to round,
 * so a burst of noise from the machine falls on all of them alike.
 * `fns` is { name: fn }; returns { name: {opsPerSec, samples, iterations} }.
 */
export function measureInterleaved(fns, arg, plan) {
  const names = Object.keys(fns);
  const iterations = Object.fromEntries(names.map((k) => [k, prepare(fns[k], arg, plan)]));
  const samples = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < plan.rounds; r++) {
    for (let j = 0; j < names.length; j++) {
      const k = names[(r + j) % names.length];
      globalThis.gc?.();
      samples[k].push((iterations[k] * 1000) / runBatch(fns[k], arg, iterations[k]));
    }
  }
  return Object.fromEntries(names.map((k) => [k, summarise(samples[k], iterations[k])]));
}

/** "1,234,567" */
export const fmtInt = (n) => Math.round(n).toLocaleString("en-US");

/** ± half the spread between the fastest and slowest round, in % of the median. */
export const spread = (c) =>
  c.samples.length > 1 ? ` ±${Math.round(((Math.max(...c.samples) - Math.min(...c.samples)) / 2 / c.opsPerSec) * 100)}%` : "";

/** µs per call from ops/s, with sensible precision. */
export const usPerCall = (opsPerSec) => {
  const us = 1e6 / opsPerSec;
  return us < 1 ? us.toFixed(3) : us < 10 ? us.toFixed(2) : us < 100 ? us.toFixed(1) : Math.round(us).toString();
};
