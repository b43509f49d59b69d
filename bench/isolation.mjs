// 10: what `sandbox.isolation: os` adds to a process of a task, against the same process (`true`)
// started plainly, both through orchestra's runProcess, interleaved so that the machine's load falls
// on all of them alike: the task's first process (which starts the task's kept jail), its later ones
// (which enter it), the first one behind a network gate (its proxy and relay start too), and a bare
// `bwrap --ro-bind / / true` (what one bwrap per process cost at the least). Also the one-off cost
// per task of making the jail (its private tmp, the agents' state copies, the network gate). Run as
// root, the same rounds run again as uid 65534 (`nonRoot`): a user's kept jail is entered another way.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { detectIsolation } from '../dist/isolation/detect.js';
import { openJail } from '../dist/isolation/jail.js';
import { runProcess } from '../dist/process/run-process.js';
import { median, ms, printRows } from './lib.mjs';

const NOBODY = 65534;

export async function benchIsolation({ runs = 21 } = {}) {
  const r = await benchIsolationAsThisUser(runs);
  return r.skipped || process.getuid() !== 0 ? r : { ...r, nonRoot: benchIsolationAsNobody(runs) };
}

/** The same rounds in a node of uid 65534's, with a HOME of its own; its figures as JSON. */
function benchIsolationAsNobody(runs) {
  const home = mkdtempSync(join(os.tmpdir(), 'orchestra-bench-home-'));
  try {
    chmodSync(home, 0o777);
    const script = fileURLToPath(import.meta.url);
    const ids = [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'];
    const out = execFileSync(
      'setpriv',
      [...ids, 'env', `HOME=${home}`, process.execPath, script, String(runs)],
      {
        encoding: 'utf8',
        cwd: os.tmpdir(),
      },
    );
    return JSON.parse(out);
  } catch (error) {
    return { skipped: `as uid ${NOBODY}: ${String(error.stderr ?? error.message).trim()}` };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function benchIsolationAsThisUser(runs) {
  const support = await detectIsolation();
  if (!support.ok) return { skipped: support.why };
  const root = mkdtempSync(join(os.tmpdir(), 'orchestra-bench-jail-'));
  try {
    const sandbox = mkdtempSync(join(root, 'sandbox-'));
    const opts = { command: { argv: ['true'] }, cwd: sandbox, env: {}, logFile: join(root, 'log') };
    let jails = 0;
    const open = async (network) => {
      const started = process.hrtime.bigint();
      const jail = await openJail({
        support,
        stateDir: join(root, `jail-${jails++}`),
        sandbox,
        sandboxWritable: true,
        repoRoot: sandbox,
        network,
        readDeny: [],
        write: [],
      });
      return { jail, openMs: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    // Wall time of wrapping (starting the kept jail, for a first process) and running `o`.
    const time = async (wrap, o = opts) => {
      const started = process.hrtime.bigint();
      const r = await runProcess(await wrap(o));
      if (r.outcome.kind !== 'exited' || r.outcome.exitCode !== 0) throw new Error(JSON.stringify(r.outcome));
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const bare = { ...opts, command: { argv: [support.program, '--ro-bind', '/', '/', 'true'] } };
    const kept = (await open([])).jail;
    await time((o) => kept.wrap(o)); // starts it; warms the page cache
    const t = { plain: [], later: [], first: [], firstNet: [], bare: [], open: [], openNet: [] };
    for (let i = 0; i < runs; i++) {
      t.plain.push(await time((o) => o));
      t.later.push(await time((o) => kept.wrap(o)));
      t.bare.push(await time((o) => o, bare));
      for (const [network, first, opened] of [
        [[], t.first, t.open],
        [['example.com'], t.firstNet, t.openNet],
      ]) {
        const { jail, openMs } = await open(network);
        first.push(await time((o) => jail.wrap(o)));
        opened.push(openMs);
        await jail.close();
      }
    }
    await kept.close();
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
    return {
      runs,
      plainMs: m.plain,
      laterMs: m.later,
      firstMs: m.first,
      firstNetMs: m.firstNet,
      bareMs: m.bare,
      openMs: m.open,
      openNetMs: m.openNet,
      // Medians of the differences of each round: the load moves between rounds, less within one.
      addedLaterMs: median(t.later.map((v, i) => v - t.plain[i])),
      addedFirstMs: median(t.first.map((v, i) => v - t.plain[i])),
      addedFirstNetMs: median(t.firstNet.map((v, i) => v - t.plain[i])),
      addedBareMs: median(t.bare.map((v, i) => v - t.plain[i])),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function printIsolation(r, as = process.getuid() === 0 ? 'root' : 'this user') {
  if (r.skipped) return printRows(`isolation, as ${as}`, [['skipped', r.skipped]]);
  const added = (v) => `${ms(v)} added`;
  printRows(
    `isolation, as ${as}: a process (\`true\`) started through runProcess, median of ${r.runs} interleaved rounds`,
    [
      ['plain', ms(r.plainMs)],
      ['jailed, later processes (goal <= 50 ms added)', `${ms(r.laterMs)}, ${added(r.addedLaterMs)}`],
      ['jailed, first process (starts the kept jail)', `${ms(r.firstMs)}, ${added(r.addedFirstMs)}`],
      ['the same behind a network gate', `${ms(r.firstNetMs)}, ${added(r.addedFirstNetMs)}`],
      ['bare `bwrap --ro-bind / / true`', `${ms(r.bareMs)}, ${added(r.addedBareMs)}`],
      ['making the jail, once per task', `${ms(r.openMs)}; with a network gate ${ms(r.openNetMs)}`],
    ],
  );
  if (r.nonRoot) printIsolation(r.nonRoot, `uid ${NOBODY}`);
}

// The child of `benchIsolationAsNobody`.
if (process.argv[1] === fileURLToPath(import.meta.url))
  process.stdout.write(JSON.stringify(await benchIsolationAsThisUser(Number(process.argv[2]))));
