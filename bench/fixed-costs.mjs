// Benchmark: what a whole `orchestra run` process costs beyond its tasks. 30 `run:` tasks that sleep
// 200 ms (`sandbox: none`, concurrency 4): 24 independent ones and a chain of 6. The wall time from
// exec to exit is compared with the lower bound of the makespan (max(chain, work / 4)), and the time
// from exec to the first task-started event (from `--json`) with `node -e 0`, for `node <cli>` and
// for the CLI file exec'd as the installed command is (its shebang's node flags). Next to the bound:
// `make -j4` of the same 30 commands and dependencies, each through `/bin/sh -c` as a `run:` task's,
// and the best schedule itself run by a shell with nothing else to do: 8 rounds of 4 such commands at
// once (30 equal tasks on 4 slots need 8 rounds, where the bound counts 7.5), what any runner of real
// processes needs at least on this machine.
// Run standalone (`node bench/fixed-costs.mjs`, after `npm run build`) or through bench/run.mjs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { median, ms, printRows, timeCommand } from './lib.mjs';
import { deleteBranches, makeRepo, removeDir, runOrchestra, sh, tempDir } from './repo.mjs';

// 200 ms, and 500 ms: the issue's own figures (0.5 s before the first task and 0.2–0.7 s to integrate
// being 0.19x of the bound) put its tasks at 0.5–0.8 s.
export const TASK_LENGTHS = [200, 500];
const FAN_OUT = 24;
const CHAIN = 6;
const JOBS = 4;

function workflow(taskMs) {
  const lines = [
    'version: 1',
    'name: fixed-costs',
    `concurrency: ${JOBS}`,
    'sandbox:',
    '  type: none',
    // Unjailed: the jail's cost is benchmark 10's.
    '  isolation: none',
    'tasks:',
  ];
  const sleep = `    run: sleep ${taskMs / 1000}`;
  for (let i = 0; i < FAN_OUT; i++) lines.push(`  f${i}:`, sleep);
  for (let i = 1; i <= CHAIN; i++) {
    lines.push(`  c${i}:`, sleep);
    if (i > 1) lines.push(`    needs: [c${i - 1}]`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The same DAG for make. `exec` sends each recipe through `/bin/sh -c` (make runs a plain command
 * itself), which then execs `sleep`, as for a `run:` task; the chain's end is listed first, since make
 * starts prerequisites in the order given and has no critical path of its own.
 */
function makefile(taskMs) {
  const fanOut = Array.from({ length: FAN_OUT }, (_, i) => `f${i}`);
  const lines = [`all: c${CHAIN} ${fanOut.join(' ')}`, '.PHONY: all'];
  const recipe = `\t@exec sleep ${taskMs / 1000}`;
  for (const id of fanOut) lines.push(`${id}:`, recipe);
  for (let i = 1; i <= CHAIN; i++) lines.push(`c${i}:${i > 1 ? ` c${i - 1}` : ''}`, recipe);
  return `${lines.join('\n')}\n`;
}

/**
 * Medians of the whole process and of its start-up, next to their baselines.
 * @returns {{ taskMs: number, tasks: number, jobs: number, runs: number, boundMs: number, rounds: number, roundsMs: number, makeMs: number, wallMs: number, firstTaskMs: number, installedFirstTaskMs: number, integrationMs: number, nodeMs: number, wallTimes: number[] }}
 */
export function benchFixedCosts({ runs = 7, taskMs = TASK_LENGTHS[0] } = {}) {
  const tasks = FAN_OUT + CHAIN;
  const boundMs = Math.max(CHAIN * taskMs, (tasks * taskMs) / JOBS);
  const dir = tempDir('fixed');
  try {
    const repo = join(dir, 'repo');
    makeRepo(repo, { 'orchestra.yaml': workflow(taskMs), 'README.md': '# fixed costs\n' });
    writeFileSync(join(dir, 'Makefile'), makefile(taskMs));
    const make = () => {
      const start = process.hrtime.bigint();
      sh('make', ['-s', `-j${JOBS}`, '-f', join(dir, 'Makefile')], { cwd: dir });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const rounds = Math.max(CHAIN, Math.ceil(tasks / JOBS));
    const command = `/bin/sh -c 'exec sleep ${taskMs / 1000}'`;
    const roundScript = `i=0; while [ $i -lt ${rounds} ]; do ${Array(JOBS).fill(`${command} &`).join(' ')} wait; i=$((i+1)); done`;
    const bestSchedule = () => {
      const start = process.hrtime.bigint();
      sh('/bin/sh', ['-c', roundScript], { cwd: dir });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const once = (installed = false) => {
      const execAt = Date.now();
      const { wallMs, events } = runOrchestra(repo, { installed });
      deleteBranches(repo, 'orchestra/');
      const started = Math.min(...events.filter((e) => e.type === 'task-started').map((e) => e.time));
      const integration = events.filter((e) => e.type.startsWith('integration-')).map((e) => e.time);
      return { wallMs, firstTaskMs: started - execAt, integrationMs: integration[1] - integration[0] };
    };
    once();
    once(true);
    // Alternating with orchestra's runs: all see the same load.
    const makeTimes = [];
    const roundTimes = [];
    const nodeTimes = [];
    const installedFirst = [];
    const all = Array.from({ length: runs }, () => {
      makeTimes.push(make());
      roundTimes.push(bestSchedule());
      nodeTimes.push(timeCommand(process.execPath, ['-e', '0'], { runs: 1 }).median);
      installedFirst.push(once(true).firstTaskMs);
      return once();
    });
    const med = (key) => median(all.map((r) => r[key]));
    return {
      taskMs,
      tasks,
      jobs: JOBS,
      runs,
      boundMs,
      rounds,
      roundsMs: median(roundTimes),
      makeMs: median(makeTimes),
      wallMs: med('wallMs'),
      firstTaskMs: med('firstTaskMs'),
      installedFirstTaskMs: median(installedFirst),
      integrationMs: med('integrationMs'),
      nodeMs: median(nodeTimes),
      wallTimes: all.map((r) => r.wallMs),
    };
  } finally {
    removeDir(dir);
  }
}

/** Prints the result of benchFixedCosts. */
export function printFixedCosts(r) {
  printRows(
    `a run's fixed costs: ${r.tasks} run: tasks of ${r.taskMs} ms (${FAN_OUT} fanned out, a chain of ${CHAIN}), sandbox none, concurrency ${r.jobs}, median of ${r.runs}`,
    [
      ['lower bound of the makespan', ms(r.boundMs)],
      [
        `make -j${r.jobs}, the same commands`,
        `${ms(r.makeMs)}  (${(r.makeMs / r.boundMs).toFixed(3)}x the bound)`,
      ],
      [
        'orchestra run, exec to exit',
        `${ms(r.wallMs)}  (all: ${r.wallTimes.map((t) => t.toFixed(0)).join(', ')})`,
      ],
      ['  / bound (goal <= 1.10x)', `${(r.wallMs / r.boundMs).toFixed(3)}x`],
      [`  / make -j${r.jobs}`, `${(r.wallMs / r.makeMs).toFixed(3)}x`],
      [
        `${r.rounds} rounds of ${r.jobs} commands, run by sh`,
        `${ms(r.roundsMs)}  (${(r.roundsMs / r.boundMs).toFixed(3)}x the bound)`,
      ],
      [`  orchestra / ${r.rounds} rounds`, `${(r.wallMs / r.roundsMs).toFixed(3)}x`],
      ['exec to first task started', ms(r.firstTaskMs)],
      ['  the installed command (shebang)', ms(r.installedFirstTaskMs)],
      ['node -e 0', ms(r.nodeMs)],
      ['  first task / node (goal <= 2x)', `${(r.firstTaskMs / r.nodeMs).toFixed(2)}x`],
      ['  installed command / node', `${(r.installedFirstTaskMs / r.nodeMs).toFixed(2)}x`],
      ['integration (30 unchanged tasks)', ms(r.integrationMs)],
    ],
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const taskMs of TASK_LENGTHS) printFixedCosts(benchFixedCosts({ taskMs }));
}
