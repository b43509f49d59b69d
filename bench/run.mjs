// `npm run bench`: every benchmark, each figure next to a baseline measured in the same run (the
// machine is shared and noisy, so only ratios of medians mean anything), then bench/RESULTS.md is
// rewritten with the figures and the machine they ran on. `node bench/run.mjs overhead schedule`
// runs only those (RESULTS.md is then left alone).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { ms, printRows, timeCommand } from './lib.mjs';
import { benchFixedCosts, printFixedCosts, TASK_LENGTHS } from './fixed-costs.mjs';
import { benchIntegrate, printIntegrate } from './integrate.mjs';
import { benchIsolation, printIsolation } from './isolation.mjs';
import { benchCommit, printCommit } from './commit.mjs';
import { benchMemory, printMemory } from './memory.mjs';
import { benchOverhead, printOverhead } from './overhead.mjs';
import { CLI } from './repo.mjs';
import { benchSandbox, printSandbox } from './sandbox.mjs';
import { benchSchedule, printSchedule } from './schedule.mjs';
import { benchValidate, printValidate } from './validate.mjs';
import { benchUi, printUi } from './ui.mjs';

/** `orchestra --help` next to `node -e 0`. */
function benchHelp({ runs = 11 } = {}) {
  timeCommand(process.execPath, [CLI, '--help'], { runs: 1 });
  const help = timeCommand(process.execPath, [CLI, '--help'], { runs });
  const node = timeCommand(process.execPath, ['-e', '0'], { runs });
  return { runs, helpMs: help.median, nodeMs: node.median, ratio: help.median / node.median };
}

function printHelp(r) {
  printRows(`start-up: orchestra --help, median of ${r.runs}`, [
    ['orchestra --help', ms(r.helpMs)],
    ['node -e 0', ms(r.nodeMs)],
    ['ratio (goal <= 2x)', `${r.ratio.toFixed(2)}x`],
  ]);
}

const version = (command, args) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0].trim();
  } catch {
    return 'not installed';
  }
};

function machine() {
  return {
    cpus: `${os.availableParallelism()} x ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    git: version('git', ['--version']),
    make: version('make', ['--version']),
  };
}

const BENCHES = {
  startup: async () => {
    const validate = benchValidate();
    printValidate(validate);
    const help = benchHelp();
    printHelp(help);
    return { validate, help };
  },
  overhead: async () => {
    const r = benchOverhead();
    printOverhead(r);
    return r;
  },
  schedule: async () => {
    const r = benchSchedule();
    printSchedule(r);
    return r;
  },
  sandbox: async () => {
    const r = await benchSandbox();
    printSandbox(r);
    return r;
  },
  memory: async () => {
    const r = await benchMemory();
    printMemory(r);
    return r;
  },
  integrate: async () => {
    const r = await benchIntegrate();
    printIntegrate(r);
    return r;
  },
  fixed: async () => {
    const [r, longer] = TASK_LENGTHS.map((taskMs) => benchFixedCosts({ taskMs }));
    for (const one of [r, longer]) printFixedCosts(one);
    return { ...r, longer };
  },
  commit: async () => {
    const r = benchCommit();
    printCommit(r);
    return r;
  },
  ui: async () => {
    const r = await benchUi();
    printUi(r);
    return r;
  },
  isolation: async () => {
    const r = await benchIsolation();
    printIsolation(r);
    return r;
  },
};

const x = (value) => `${value.toFixed(2)}x`;
const met = (ok) => (ok ? 'met' : '**missed**');

function results(m, r) {
  const { validate, help } = r.startup;
  const o = r.overhead;
  const s = r.schedule;
  const b = r.sandbox;
  const mem = r.memory;
  const memKib = mem.run.polledKib;
  const i = r.integrate;
  const f = r.fixed;
  const c = r.commit;
  const j = r.isolation;
  return `# Benchmark results

Written by \`npm run bench\` (\`bench/run.mjs\`) on ${new Date().toISOString().slice(0, 10)}. Every
figure is a median of several runs, and every goal is a ratio to a baseline measured in the same
run: the machine is shared with other work, so absolute times move a lot from one run to the next
(on this one, writing a file into a new folder took anywhere from 0.02 to 0.6 ms).

Machine: ${m.cpus}, ${m.memory}, ${m.os}; Node ${m.node}; ${m.git}; ${m.make}.

| # | what | orchestra | baseline | ratio | goal | |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | ${o.tasks} no-op tasks in worktree sandboxes, concurrency ${o.jobs} | ${ms(o.orchestraMs)} | bash + git, \`xargs -P${o.jobs}\`: ${ms(o.rawMs)} | ${x(o.ratio)} | <= 1.15x | ${met(o.ratio <= 1.15)} |
| 2 | makespan of a random DAG of ${s.tasks} sleeps, concurrency ${s.jobs} | ${ms(s.orchestraMs)} | lower bound: ${ms(s.boundMs)} | ${(s.orchestraMs / s.boundMs).toFixed(3)}x | <= 1.05x | ${met(s.orchestraMs / s.boundMs <= 1.05)} |
| 2 | the same | ${ms(s.orchestraMs)} | \`make -j${s.jobs}\`: ${ms(s.makeMs)} | ${x(s.orchestraMs / s.makeMs)} | < 1x | ${met(s.orchestraMs < s.makeMs)} |
| 3 | sandbox ready, ${b.files.toLocaleString('en')}-file repository, worktree reused | ${ms(b.reusedMs)} | \`git worktree add\`: ${ms(b.plainAddMs)} | ${x(b.reusedMs / b.plainAddMs)} | <= 0.5x | ${met(b.reusedMs / b.plainAddMs <= 0.5)} |
| 3 | the same, new worktree (the first ones of a run) | ${ms(b.freshMs)} | \`git worktree add\`: ${ms(b.plainAddMs)} | ${x(b.freshMs / b.plainAddMs)} | <= 0.5x | ${met(b.freshMs / b.plainAddMs <= 0.5)} |
| 4 | \`orchestra validate\`, ${validate.tasks.toLocaleString('en')} tasks | ${ms(validate.validateMs)} | \`node -e 0\`: ${ms(validate.nodeMs)} | ${x(validate.ratio)} | <= 4x | ${met(validate.ratio <= 4)} |
| 4 | \`orchestra --help\` | ${ms(help.helpMs)} | \`node -e 0\`: ${ms(help.nodeMs)} | ${x(help.ratio)} | <= 2x | ${met(help.ratio <= 2)} |
| 5 | peak RSS while an agent prints 1 GB | ${(memKib / 1024).toFixed(1)} MB | \`orchestra --help\`: ${(mem.baseline.polledKib / 1024).toFixed(1)} MB | ${x(memKib / mem.baseline.polledKib)} | <= 100 MB | ${met(memKib <= 100 * 1024)} |
| 5 | its log | ${mem.logBytes.toLocaleString('en')} bytes | printed: ${mem.bytes.toLocaleString('en')} bytes | | complete | ${met(mem.logBytes === mem.bytes && mem.lastLineWhole)} |
| 6 | integrating ${i.branches} branches (merge), per branch | ${ms(i.merge)} | worktree + \`git merge\`: ${ms(i.worktreeMs)} | ${x(i.merge / i.worktreeMs)} | <= 15 ms | ${met(i.merge <= 15)} |
| 7 | \`orchestra run\`, exec to exit, ${f.tasks} tasks of ${f.taskMs} ms | ${ms(f.wallMs)} | lower bound: ${ms(f.boundMs)} | ${x(f.wallMs / f.boundMs)} | <= 1.10x | ${met(f.wallMs / f.boundMs <= 1.1)} |
| 7 | the same | ${ms(f.wallMs)} | \`make -j${f.jobs}\` of the same commands: ${ms(f.makeMs)} | ${x(f.wallMs / f.makeMs)} | | |
| 7 | the same | ${ms(f.wallMs)} | ${f.rounds} rounds of ${f.jobs} of the commands, run by \`sh\`: ${ms(f.roundsMs)} | ${x(f.wallMs / f.roundsMs)} | | |
| 7 | the same, ${f.longer.tasks} tasks of ${f.longer.taskMs} ms | ${ms(f.longer.wallMs)} | lower bound: ${ms(f.longer.boundMs)} | ${x(f.longer.wallMs / f.longer.boundMs)} | <= 1.10x | ${met(f.longer.wallMs / f.longer.boundMs <= 1.1)} |
| 7 | the same | ${ms(f.longer.wallMs)} | \`make -j${f.longer.jobs}\` of the same commands: ${ms(f.longer.makeMs)} | ${x(f.longer.wallMs / f.longer.makeMs)} | | |
| 7 | the same | ${ms(f.longer.wallMs)} | ${f.longer.rounds} rounds of ${f.longer.jobs} of the commands, run by \`sh\`: ${ms(f.longer.roundsMs)} | ${x(f.longer.wallMs / f.longer.roundsMs)} | | |
| 7 | 30 tasks of ${f.taskMs} ms, exec to the first task started (\`node <cli>\`) | ${ms(f.firstTaskMs)} | \`node -e 0\`: ${ms(f.nodeMs)} | ${x(f.firstTaskMs / f.nodeMs)} | <= 2x | ${met(f.firstTaskMs / f.nodeMs <= 2)} |
| 7 | the same, the installed command (the CLI file exec'd through its shebang) | ${ms(f.installedFirstTaskMs)} | \`node -e 0\`: ${ms(f.nodeMs)} | ${x(f.installedFirstTaskMs / f.nodeMs)} | <= 2x | ${met(f.installedFirstTaskMs / f.nodeMs <= 2)} |
| 8 | commit phase of a task that writes one file (process exit to teardown), 3-file repository | ${ms(c.phaseMs)}, ${c.processes} git processes | \`git add --all\`, \`git commit\` by hand: ${ms(c.byHandMs)} | ${x(c.phaseMs / c.byHandMs)} | <= 4 git processes | ${met(c.processes <= 4)} |
| 10 | ${j.skipped ? `a process in its bubblewrap jail: not measured (${j.skipped})` : `a later process of a jailed task (\`true\`, entering the task's kept jail), added start-up | ${ms(j.addedLaterMs)} | started plainly: ${ms(j.plainMs)} | ${x(j.laterMs / j.plainMs)} | <= 50 ms | ${met(j.addedLaterMs <= 50)}`} |
| 10 | ${j.nonRoot && !j.nonRoot.skipped ? `the same, as uid 65534 | ${ms(j.nonRoot.addedLaterMs)} | started plainly: ${ms(j.nonRoot.plainMs)} | ${x(j.nonRoot.laterMs / j.nonRoot.plainMs)} | <= 50 ms | ${met(j.nonRoot.addedLaterMs <= 50)}` : `the same as uid 65534: not measured (${j.nonRoot?.skipped ?? 'not run as root'})`} |
| 10 | ${j.skipped ? 'the same, first process: not measured' : `the same, the task's first process (starts the kept jail) | ${ms(j.addedFirstMs)} | started plainly: ${ms(j.plainMs)} | ${x(j.firstMs / j.plainMs)} | | `} |

More figures from the same run:

- 1: all runs, orchestra ${o.orchestraTimes.map((t) => ms(t)).join(', ')}; the script ${o.rawTimes.map((t) => ms(t)).join(', ')}.
- 2: critical path ${ms(s.criticalMs)}, work / ${s.jobs} ${ms(s.workMs / s.jobs)}; orchestra's first run,
  with no durations recorded yet (chains weighed by task count): ${ms(s.freshMs)}
  (${(s.freshMs / s.boundMs).toFixed(3)}x the bound); wall time of a run ${ms(s.orchestraWallMs)}, of which
  integration ${ms(s.integrationMs)}; \`make\` / bound ${(s.makeMs / s.boundMs).toFixed(3)}x. Tasks use
  \`sandbox: { type: none }\`: this measures the scheduler, 1 and 3 measure sandboxes.
- 3: removing the worktree: \`git worktree remove\` ${ms(b.plainRemoveMs)}, a new sandbox's dispose
  ${ms(b.freshDisposeMs)}, a reused one's (given back to the run's pool) ${ms(b.reusedDisposeMs)}.
- 6: a ${i.files.toLocaleString('en')}-file repository, each branch one commit; squash ${ms(i.squash)}, rebase
  ${ms(i.rebase)} a branch. Without \`integrate.verify\` gates no worktree is made at all.
- 7: ${f.tasks - 6} independent tasks and a chain of 6, \`sandbox: none\`, concurrency ${f.jobs}; integration of
  the unchanged tasks ${ms(f.integrationMs)}; all runs ${f.wallTimes.map((t) => ms(t)).join(', ')}.
- 5: /usr/bin/time's peak for the run ${mem.run.timeKib ? `${(mem.run.timeKib / 1024).toFixed(1)} MB` : 'n/a'};
  ${(mem.wallMs / 1000).toFixed(1)} s for the run.
- 8: each git process of the commit phase, timed by git (trace2): ${c.commands.map((p) => `\`${p.command}\` ${ms(p.ms)}`).join(', ')};
  the rest is starting them from node and the awaited write of the task's success.
- \`orchestra ui\`: ${r.ui.skipped ? `skipped (${r.ui.skipped})` : `a ${r.ui.tasks}-task run's page shows the run and its timeline in ${ms(r.ui.large.shownMs)} (a 2-task run's: ${ms(r.ui.baseline.shownMs)}), its DAG laid out by dagre in a worker and drawn in ${ms(r.ui.large.drawnMs)}; the server's peak RSS while a client follows a log growing to 1 GB: ${(r.ui.peakKib / 1024).toFixed(1)} MB (goal <= 100 MB; idle ${(r.ui.idleKib / 1024).toFixed(1)} MB)`}.
- 10: making a task's jail (its private tmp, the agents' state copies, the network gate), once per task:
  ${j.skipped ? 'n/a' : `${ms(j.openMs)}, with a network gate ${ms(j.openNetMs)}; a first process behind a network gate (its proxy relay starts in the kept jail) ${ms(j.addedFirstNetMs)} added; a bare \`bwrap --ro-bind / / true\` ${ms(j.addedBareMs)} added. Medians of the per-round differences, rounds interleaved`}.
`;
}

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const m = machine();
printRows('machine', Object.entries(m));
const r = {};
for (const name of chosen.length ? chosen : Object.keys(BENCHES)) {
  process.stdout.write('\n');
  r[name] = await BENCHES[name]();
}
if (chosen.length === 0) {
  writeFileSync(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), results(m, r));
  process.stdout.write('\nwrote bench/RESULTS.md\n');
}
