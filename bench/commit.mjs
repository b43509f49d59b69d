// Benchmark: a task's commit phase, from its process's exit to its teardown, on a 3-file repository
// where the task writes one file (worktree sandbox), phase by phase. Every git process orchestra
// starts is timed by git itself (trace2 events, through a `$HOME/.gitconfig` of the benchmark's own:
// orchestra passes no GIT_* variable on, but git still reads the user's config), and attributed to
// the phase it ran in. Run standalone (`node bench/commit.mjs [path/to/orchestra.js]`) or through
// bench/run.mjs; with a path, another build (e.g. the previous version) is measured the same way.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { median, ms, printRows } from './lib.mjs';
import { GIT_ENV, git, makeRepo, removeDir, runOrchestra, tempDir } from './repo.mjs';

/** The git subcommand of an argv (options before it skipped), with `--is-ancestor` and the like kept apart. */
function subcommand(argv) {
  let i = 1;
  while (i < argv.length && argv[i].startsWith('-')) i += argv[i] === '-c' || argv[i] === '-C' ? 2 : 1;
  const name = argv[i] ?? '?';
  return name === 'rev-parse' || name === 'merge-base' ? `${name} ${argv[i + 1] ?? ''}`.trim() : name;
}

/** The git processes of a trace2 event file: start time (ms since the epoch), duration (ms), subcommand. */
function gitProcesses(traceFile) {
  const bySid = new Map();
  for (const line of readFileSync(traceFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    // Child processes of a git command (its sid has a parent's before a '/') are counted in their parent.
    if (e.sid.includes('/')) continue;
    if (e.event === 'start') bySid.set(e.sid, { start: Date.parse(e.time), command: subcommand(e.argv) });
    if (e.event === 'exit' && bySid.has(e.sid)) bySid.get(e.sid).ms = e.t_abs * 1000;
  }
  return [...bySid.values()].filter((p) => p.ms !== undefined);
}

/** What a person would type after the task in a worktree of `repo`: `git add --all`, `git commit`. */
function byHand(repo, path) {
  git(repo, 'worktree', 'add', '--quiet', '-b', `by-hand/${path.length}-${Date.now()}`, path);
  writeFileSync(join(path, 'x.txt'), 'x\n');
  const start = process.hrtime.bigint();
  git(path, 'add', '--all');
  git(path, 'commit', '--quiet', '-m', 'by hand');
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Median over `runs` whole `orchestra run`s of: the commit phase (the `commit` phase event to the
 * `teardown` one, which includes the awaited write of the task's success) and the git processes that
 * started in it, by subcommand; next to the two git commands a person would type for it.
 */
export function benchCommit({ runs = 9, cli } = {}) {
  const dir = tempDir('commit');
  const home = join(dir, 'home');
  mkdirSync(home);
  const trace = join(dir, 'trace.json');
  writeFileSync(join(home, '.gitconfig'), `[trace2]\n\teventTarget = ${trace}\n`);
  const phase = [];
  const perCommand = new Map();
  const processes = [];
  const baseline = [];
  try {
    for (let run = 0; run <= runs; run++) {
      const repo = join(dir, `repo-${run}`);
      makeRepo(repo, {
        'a.txt': 'a\n',
        'b.txt': 'b\n',
        'orchestra.yaml': [
          'version: 1',
          `sandbox: { dir: ${JSON.stringify(join(dir, 'sandboxes'))}, keep: never, isolation: none }`,
          'tasks:',
          '  one: { run: "echo x > x.txt" }',
          '',
        ].join('\n'),
      });
      rmSync(trace, { force: true });
      const { events } = runOrchestra(repo, { env: { ...GIT_ENV, HOME: home }, cli });
      const manual = byHand(repo, join(dir, `by-hand-${run}`));
      // The first run warms the file cache and is not counted.
      if (run === 0) continue;
      baseline.push(manual);
      const at = (name) => events.find((e) => e.type === 'task-phase' && e.phase === name)?.time;
      const [from, to] = [at('commit'), at('teardown')];
      phase.push(to - from);
      const inPhase = gitProcesses(trace).filter((p) => p.start >= from && p.start <= to);
      processes.push(inPhase.length);
      for (const p of inPhase) {
        if (!perCommand.has(p.command)) perCommand.set(p.command, []);
        perCommand.get(p.command).push(p.ms);
      }
    }
  } finally {
    removeDir(dir);
  }
  const commands = [...perCommand.entries()]
    .map(([command, times]) => ({ command, count: times.length / runs, ms: median(times) }))
    .sort((a, b) => b.ms * b.count - a.ms * a.count);
  return {
    runs,
    phaseMs: median(phase),
    processes: median(processes),
    commands,
    byHandMs: median(baseline),
  };
}

export function printCommit(r, title = 'commit phase of a task that writes one file, 3-file repository') {
  printRows(`${title}, median of ${r.runs}`, [
    ['process exit to teardown', ms(r.phaseMs)],
    ['git processes in it', String(r.processes)],
    ['by hand: git add --all, git commit', ms(r.byHandMs)],
    ...r.commands.map((c) => [`  git ${c.command}${c.count === 1 ? '' : ` (x${c.count})`}`, ms(c.ms)]),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cli = process.argv[2];
  printCommit(benchCommit({ cli }), cli ? `commit phase (${cli})` : undefined);
}
