// Small helpers shared by the benchmarks: timing child processes, medians, a seeded PRNG, printing.
import { spawnSync } from 'node:child_process';
import process from 'node:process';

/** The median of a list of numbers (the mean of the two middle ones for an even count). */
export function median(values) {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Wall time in milliseconds of running `command args` to completion, `runs` times.
 * A run that exits non-zero is an error: timing a failure would measure the wrong thing.
 */
export function timeCommand(command, args, { runs = 7, cwd, expectStatus = 0 } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.error) throw r.error;
    if (r.status !== expectStatus) {
      throw new Error(
        `${command} ${args.join(' ')} exited ${r.status} (expected ${expectStatus}):\n${r.stderr.slice(0, 2000)}`,
      );
    }
    times.push(ms);
  }
  return { times, median: median(times) };
}

/** mulberry32: a tiny seeded PRNG, so generated inputs are the same on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Prints rows of [label, value] aligned in two columns. */
export function printRows(title, rows) {
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [title, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `12.3 ms` */
export const ms = (value) => `${value.toFixed(1)} ms`;
