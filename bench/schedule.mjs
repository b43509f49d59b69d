// Benchmark: how well orchestra schedules a DAG. A seeded random DAG of 60 tasks that sleep 50–500 ms,
// concurrency 4, run by orchestra and, written as a Makefile, by `make -j4`. Orchestra's makespan (first
// task-started to last task-finished, from its --json events: the per-run fixed costs, start-up and
// integration, are reported apart) is compared with the lower bound max(critical path, work / 4) and with
// make. The tasks use `sandbox: { type: none }`: this measures the scheduler, not checkouts (bench/overhead
// and bench/sandbox do). Run standalone (`node bench/schedule.mjs`) or through bench/run.mjs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { median, ms, printRows, prng } from './lib.mjs';
import { deleteBranches, makeRepo, removeDir, runOrchestra, sh, tempDir } from './repo.mjs';

/**
 * A random DAG: task i needs up to three earlier tasks, mostly recent ones, so that chains and joins
 * of every length occur; each sleeps a whole number of milliseconds in [minMs, maxMs].
 */
export function randomDag({ tasks = 60, seed = 6, minMs = 50, maxMs = 500 } = {}) {
  const random = prng(seed);
  const nodes = [];
  for (let i = 0; i < tasks; i++) {
    const id = `t${String(i).padStart(2, '0')}`;
    const needs = new Set();
    const count = i === 0 ? 0 : Math.floor(random() * 4);
    for (let k = 0; k < count; k++) {
      const back = 1 + Math.floor(random() * Math.min(i, random() < 0.7 ? 6 : i));
      needs.add(nodes[i - back].id);
    }
    nodes.push({ id, needs: [...needs], ms: minMs + Math.floor(random() * (maxMs - minMs + 1)) });
  }
  return nodes;
}

/** max(critical path, total work / jobs): no schedule on `jobs` workers can finish sooner. */
export function lowerBound(nodes, jobs) {
  const finish = new Map();
  for (const n of nodes) finish.set(n.id, Math.max(0, ...n.needs.map((d) => finish.get(d))) + n.ms);
  const criticalMs = Math.max(...finish.values());
  const workMs = nodes.reduce((sum, n) => sum + n.ms, 0);
  return { criticalMs, workMs, boundMs: Math.max(criticalMs, workMs / jobs) };
}

const seconds = (n) => (n.ms / 1000).toFixed(3);

function workflow(nodes, jobs) {
  const lines = [
    'version: 1',
    'name: schedule',
    `concurrency: ${jobs}`,
    'sandbox:',
    '  type: none',
    // Unjailed: the jail's cost is benchmark 10's.
    '  isolation: none',
    'tasks:',
  ];
  for (const n of nodes) {
    lines.push(`  ${n.id}:`, `    run: sleep ${seconds(n)}`);
    if (n.needs.length) lines.push(`    needs: [${n.needs.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

function makefile(nodes) {
  const needed = new Set(nodes.flatMap((n) => n.needs));
  const sinks = nodes.filter((n) => !needed.has(n.id)).map((n) => n.id);
  const lines = [`all: ${sinks.join(' ')}`, `.PHONY: all ${nodes.map((n) => n.id).join(' ')}`];
  for (const n of nodes) lines.push(`${n.id}: ${n.needs.join(' ')}`, `\t@sleep ${seconds(n)}`);
  return `${lines.join('\n')}\n`;
}

/** Makespan from the events: the first task-started to the last task-finished. */
function makespan(events) {
  const started = events.filter((e) => e.type === 'task-started').map((e) => e.time);
  const finished = events.filter((e) => e.type === 'task-finished').map((e) => e.time);
  const integrationStarted = events.find((e) => e.type === 'integration-started')?.time;
  const integrationFinished = events.find((e) => e.type === 'integration-finished')?.time;
  return {
    makespanMs: Math.max(...finished) - Math.min(...started),
    integrationMs: integrationFinished - integrationStarted,
  };
}

/**
 * Median makespans of orchestra and make on the same DAG, alternating runs.
 * @returns {{ tasks: number, jobs: number, runs: number, criticalMs: number, workMs: number, boundMs: number, orchestraMs: number, orchestraWallMs: number, integrationMs: number, freshMs: number, makeMs: number }}
 */
export function benchSchedule({ tasks = 60, jobs = 4, runs = 7, seed = 6 } = {}) {
  const nodes = randomDag({ tasks, seed });
  const { criticalMs, workMs, boundMs } = lowerBound(nodes, jobs);
  const dir = tempDir('schedule');
  try {
    const repo = join(dir, 'repo');
    makeRepo(repo, { 'orchestra.yaml': workflow(nodes, jobs), 'README.md': '# schedule\n' });
    writeFileSync(join(dir, 'Makefile'), makefile(nodes));
    const make = () => {
      const start = process.hrtime.bigint();
      sh('make', ['-s', `-j${jobs}`, '-f', join(dir, 'Makefile')], { cwd: dir });
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    // `fresh`: no earlier run recorded, so the critical path counts tasks; otherwise orchestra weighs
    // tasks by the durations earlier runs recorded (the run before this one, here).
    const orchestra = ({ fresh }) => {
      if (fresh) removeDir(join(repo, '.orchestra'));
      const { wallMs, events } = runOrchestra(repo);
      deleteBranches(repo, 'orchestra/');
      return { wallMs, ...makespan(events) };
    };
    orchestra({ fresh: true });
    const makeTimes = [];
    const fresh = [];
    const known = [];
    for (let i = 0; i < runs; i++) {
      makeTimes.push(make());
      fresh.push(orchestra({ fresh: true }));
      known.push(orchestra({ fresh: false }));
    }
    const med = (list, key) => median(list.map((r) => r[key]));
    return {
      tasks,
      jobs,
      runs,
      criticalMs,
      workMs,
      boundMs,
      orchestraMs: med(known, 'makespanMs'),
      orchestraWallMs: med(known, 'wallMs'),
      integrationMs: med(known, 'integrationMs'),
      freshMs: med(fresh, 'makespanMs'),
      makeMs: median(makeTimes),
    };
  } finally {
    removeDir(dir);
  }
}

/** Prints the result of benchSchedule. */
export function printSchedule(r) {
  printRows(
    `scheduling: random DAG of ${r.tasks} sleeps (50-500 ms), concurrency ${r.jobs}, sandbox none, median of ${r.runs}`,
    [
      [
        'lower bound',
        `${ms(r.boundMs)}  (critical path ${ms(r.criticalMs)}, work / ${r.jobs} ${ms(r.workMs / r.jobs)})`,
      ],
      ['orchestra makespan', `${ms(r.orchestraMs)}  (durations of the previous run known)`],
      ['orchestra makespan, first run', `${ms(r.freshMs)}  (no earlier run: chains weighed by task count)`],
      ['orchestra wall time', `${ms(r.orchestraWallMs)}  (integration ${ms(r.integrationMs)})`],
      ['make -j', ms(r.makeMs)],
      ['orchestra / bound (goal <= 1.05x)', `${(r.orchestraMs / r.boundMs).toFixed(3)}x`],
      ['orchestra / make (goal < 1x)', `${(r.orchestraMs / r.makeMs).toFixed(3)}x`],
      ['first run / bound', `${(r.freshMs / r.boundMs).toFixed(3)}x`],
      ['make / bound', `${(r.makeMs / r.boundMs).toFixed(3)}x`],
    ],
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printSchedule(benchSchedule());
}
