// Benchmark: the engine's overhead per task. 100 no-op command tasks, each in a worktree sandbox,
// two at a time, against a bash script doing the same git steps by hand with xargs -P2: worktree add
// on a new branch, the command, add + commit (when anything changed), worktree remove, and at the end
// the result branch. Run standalone (`node bench/overhead.mjs`) or through bench/run.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { median, ms, printRows } from './lib.mjs';
import { deleteBranches, git, makeRepo, removeDir, runOrchestra, sh, tempDir } from './repo.mjs';

/** What a careful person would type: the same git steps orchestra takes for a task, nothing else. */
const RAW_SCRIPT = `#!/bin/bash
set -euo pipefail
# Concurrent worktree commands can read each other's half-written files and die ("failed to read
# .git/worktrees/<id>/commondir"); such a failure has no effect, so the command is simply run again.
retry() {
  local try
  for try in 1 2 3 4 5 6 7 8 9; do "$@" 2>/dev/null && return 0; done
  "$@"
}
task() {
  set -euo pipefail
  local id=$1 path="$SANDBOXES/raw-$1"
  git -C "$REPO" branch --no-track "raw/tasks/$id" "$BASE"
  retry git -C "$REPO" worktree add --quiet "$path" "raw/tasks/$id"
  (cd "$path" && /bin/sh -c true)
  git -C "$path" add --all
  git -C "$path" diff --cached --quiet || git -C "$path" commit --quiet -m "$id"
  retry git -C "$REPO" worktree remove --force "$path"
}
export -f task retry
seq -f 't%03g' "$TASKS" | xargs -P "$JOBS" -I{} bash -c 'task {}'
git -C "$REPO" branch raw/result "$BASE"
`;

/** A small project: what the sandboxes check out. */
function projectFiles() {
  const files = {};
  for (let d = 0; d < 10; d++) {
    for (let f = 0; f < 10; f++) files[`src/m${d}/f${f}.ts`] = `export const v${d}_${f} = ${d * 10 + f};\n`;
  }
  files['README.md'] = '# bench\n';
  return files;
}

function workflow(tasks, jobs, sandboxes) {
  const lines = [
    'version: 1',
    'name: overhead',
    `concurrency: ${jobs}`,
    'sandbox:',
    '  type: worktree',
    // Unjailed: the jail's cost is benchmark 10's.
    '  isolation: none',
    '  keep: never',
    `  dir: ${JSON.stringify(sandboxes)}`,
    'tasks:',
  ];
  for (let i = 1; i <= tasks; i++) lines.push(`  t${String(i).padStart(3, '0')}:`, '    run: "true"');
  return `${lines.join('\n')}\n`;
}

/**
 * Median wall times of orchestra and of the raw script, alternating so that both see the same noise.
 * @returns {{ tasks: number, jobs: number, runs: number, orchestraMs: number, rawMs: number, ratio: number, orchestraTimes: number[], rawTimes: number[] }}
 */
export function benchOverhead({ tasks = 100, jobs = 2, runs = 7 } = {}) {
  const dir = tempDir('overhead');
  try {
    const repo = join(dir, 'repo');
    const sandboxes = join(dir, 'sandboxes');
    mkdirSync(sandboxes);
    const base = makeRepo(repo, { ...projectFiles(), 'orchestra.yaml': workflow(tasks, jobs, sandboxes) });
    const script = join(dir, 'raw.sh');
    writeFileSync(script, RAW_SCRIPT, { mode: 0o755 });
    const env = {
      ...process.env,
      REPO: repo,
      SANDBOXES: sandboxes,
      BASE: base,
      TASKS: String(tasks),
      JOBS: String(jobs),
    };

    const raw = () => {
      const start = process.hrtime.bigint();
      sh(script, [], { cwd: dir, env });
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      deleteBranches(repo, 'raw/');
      return elapsed;
    };
    const orchestra = () => {
      const { wallMs, events } = runOrchestra(repo);
      const finished = events.filter((e) => e.type === 'task-finished' && e.status === 'succeeded');
      if (finished.length !== tasks) throw new Error(`${finished.length} of ${tasks} tasks succeeded`);
      deleteBranches(repo, 'orchestra/');
      removeDir(join(repo, '.orchestra'));
      git(repo, 'worktree', 'prune');
      return wallMs;
    };
    // Untimed warm-up of both: file caches, the first node start.
    raw();
    orchestra();
    const rawTimes = [];
    const orchestraTimes = [];
    for (let i = 0; i < runs; i++) {
      rawTimes.push(raw());
      orchestraTimes.push(orchestra());
    }
    const orchestraMs = median(orchestraTimes);
    const rawMs = median(rawTimes);
    return { tasks, jobs, runs, orchestraMs, rawMs, ratio: orchestraMs / rawMs, orchestraTimes, rawTimes };
  } finally {
    removeDir(dir);
  }
}

/** Prints the result of benchOverhead. */
export function printOverhead(r) {
  printRows(
    `engine overhead: ${r.tasks} no-op tasks in worktrees, concurrency ${r.jobs}, median of ${r.runs}`,
    [
      ['orchestra run', `${ms(r.orchestraMs)}  (${(r.orchestraMs / r.tasks).toFixed(1)} ms/task)`],
      ['bash + git, xargs -P', `${ms(r.rawMs)}  (${(r.rawMs / r.tasks).toFixed(1)} ms/task)`],
      ['ratio (goal <= 1.15x)', `${r.ratio.toFixed(2)}x`],
    ],
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printOverhead(benchOverhead());
}
