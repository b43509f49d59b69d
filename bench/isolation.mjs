// 9: what `sandbox.isolation: os` adds to a task: each process of the task started in its bubblewrap
// jail next to the same process started plainly, both through orchestra's runProcess; and the
// one-off cost per task of making the jail (its private tmp, the agents' state copies).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { detectIsolation } from '../dist/isolation/detect.js';
import { openJail } from '../dist/isolation/jail.js';
import { runProcess } from '../dist/process/run-process.js';
import { median, ms, printRows } from './lib.mjs';

export async function benchIsolation({ runs = 21 } = {}) {
  const support = await detectIsolation();
  if (!support.ok) return { skipped: support.why };
  const root = mkdtempSync(join(os.tmpdir(), 'orchestra-bench-jail-'));
  try {
    const sandbox = mkdtempSync(join(root, 'sandbox-'));
    const opened = process.hrtime.bigint();
    const jail = await openJail({
      support,
      stateDir: join(root, 'jail'),
      sandbox,
      sandboxWritable: true,
      repoRoot: sandbox,
      network: [],
      readDeny: [],
      write: [],
    });
    const openMs = Number(process.hrtime.bigint() - opened) / 1e6;
    const opts = { command: { argv: ['true'] }, cwd: sandbox, env: {}, logFile: join(root, 'log') };
    const time = async (wrap) => {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const r = await runProcess(await wrap(opts));
        if (r.outcome.kind !== 'exited' || r.outcome.exitCode !== 0)
          throw new Error(JSON.stringify(r.outcome));
        times.push(r.durationMs);
      }
      return median(times);
    };
    await time((o) => jail.wrap(o)); // warm-up: the page cache, bwrap's first start
    const plainMs = await time((o) => o);
    const jailedMs = await time((o) => jail.wrap(o));
    await jail.close();
    return { runs, plainMs, jailedMs, addedMs: jailedMs - plainMs, openMs };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function printIsolation(r) {
  if (r.skipped) return printRows('isolation', [['skipped', r.skipped]]);
  printRows(`isolation: a process started through runProcess, median of ${r.runs}`, [
    ['jailed (bwrap)', ms(r.jailedMs)],
    ['plain', ms(r.plainMs)],
    ['added (goal <= 50 ms)', ms(r.addedMs)],
    ['making the jail, once per task', ms(r.openMs)],
  ]);
}
