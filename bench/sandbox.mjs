// Benchmark: how long until a task's sandbox is ready on a big repository (30,000 files), measured
// in-process through the sandbox module, next to a plain `git worktree add` of the same commit. The
// repository is generated once into a cache folder under the system temp folder and reused.
// Run standalone (`node bench/sandbox.mjs`) or through bench/run.mjs.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { median, ms, printRows } from './lib.mjs';
import { GIT_ENV, git, removeDir, sh, tempDir } from './repo.mjs';

const { createSandbox } = await import('../dist/sandbox/create-sandbox.js');
const { WorktreePool } = await import('../dist/sandbox/worktree-pool.js');

/**
 * A repository of `files` files (30 packages of 40 modules, ~200 bytes each) on `main`, and a branch
 * `next` one commit later that changes 50 of them: a task's start commit is usually near, not at, the
 * commit a reused worktree holds. Made with fast-import (no checkout needed to write the objects),
 * then checked out once as the user's own working tree. Cached across runs of the benchmark.
 */
export function bigRepo(files = 30_000) {
  const dir = join(tmpdir(), 'orchestra-bench-cache', `repo-${files}-v1`);
  if (existsSync(join(dir, '.ready'))) return dir;
  removeDir(dir);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'config', 'user.name', 'bench');
  git(dir, 'config', 'user.email', 'bench@localhost');
  const path = (i) => `pkg${i % 30}/mod${Math.floor(i / 30) % 40}/file${i}.ts`;
  const body = (i, v) =>
    `export const value${i} = ${JSON.stringify(path(i))}; // v${v}\n// ${'x'.repeat(140)}\n`;
  const blob = (p, text) => `M 100644 inline ${p}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  const stream = [
    'commit refs/heads/main\ncommitter bench <bench@localhost> 1700000000 +0000\ndata 8\ninitial\n',
  ];
  for (let i = 0; i < files; i++) stream.push(blob(path(i), body(i, 1)));
  stream.push('commit refs/heads/next\ncommitter bench <bench@localhost> 1700000100 +0000\ndata 5\nnext\n');
  stream.push('from refs/heads/main\n');
  for (let i = 0; i < files; i += Math.floor(files / 50)) stream.push(blob(path(i), body(i, 2)));
  sh('git', ['fast-import', '--quiet'], { cwd: dir, input: stream.join('') });
  git(dir, 'checkout', '--quiet', '--force', 'main');
  writeFileSync(join(dir, '.git', 'info', 'exclude'), '/.ready\n');
  writeFileSync(join(dir, '.ready'), '');
  return dir;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Medians over `runs` of: a plain `git worktree add` (and its removal), createSandbox making a new
 * worktree, and createSandbox reusing a worktree a finished task gave back (alternating the start
 * commit between `main` and `next`, so every reuse checks out a different commit than it held).
 */
export async function benchSandbox({ files = 30_000, runs = 5 } = {}) {
  const repo = bigRepo(files);
  const commits = ['main', 'next'].map((ref) => git(repo, 'rev-parse', ref).trim());
  const dir = tempDir('sandbox');
  let n = 0;
  const spec = (commit, pool) => ({
    repoRoot: repo,
    path: join(dir, `task-${++n}`),
    branch: `bench/sandbox/${process.pid}/${n}`,
    baseCommit: commit,
    copy: [],
    link: [],
    ...(pool ? { pool } : {}),
  });
  const made = (result) => {
    if (!result.ok) throw new Error(`createSandbox failed: ${result.error.message}`);
    return result.value;
  };
  const plain = { add: [], remove: [] };
  const fresh = { ready: [], dispose: [] };
  const reused = { ready: [], dispose: [] };
  try {
    // Untimed: the object store and the user's checkout into the file cache.
    const warm = join(dir, 'warm');
    git(repo, 'worktree', 'add', '--quiet', '--detach', warm, commits[0]);
    git(repo, 'worktree', 'remove', '--force', warm);

    const pool = new WorktreePool(repo, 1);
    // The pool's first worktree: what a finished task leaves behind.
    await made(await createSandbox('worktree', spec(commits[0], pool))).dispose();
    for (let i = 0; i < runs; i++) {
      const commit = commits[i % 2];

      const path = join(dir, `plain-${i}`);
      let start = now();
      sh('git', ['worktree', 'add', '--quiet', '-b', `bench/plain/${process.pid}/${i}`, path, commit], {
        cwd: repo,
        env: GIT_ENV,
      });
      plain.add.push(now() - start);
      start = now();
      sh('git', ['worktree', 'remove', '--force', path], { cwd: repo, env: GIT_ENV });
      plain.remove.push(now() - start);

      start = now();
      const sandbox = made(await createSandbox('worktree', spec(commit)));
      fresh.ready.push(now() - start);
      start = now();
      await sandbox.dispose();
      fresh.dispose.push(now() - start);

      start = now();
      const recycled = made(await createSandbox('worktree', spec(commits[(i + 1) % 2], pool)));
      reused.ready.push(now() - start);
      start = now();
      await recycled.dispose();
      reused.dispose.push(now() - start);
    }
    await pool.drain();
  } finally {
    git(repo, 'worktree', 'prune');
    const refs = git(repo, 'for-each-ref', '--format=delete %(refname)', 'refs/heads/bench/');
    if (refs.trim()) sh('git', ['update-ref', '--stdin'], { cwd: repo, input: refs });
    removeDir(dir);
  }
  const med = (list) => median(list);
  return {
    files,
    runs,
    plainAddMs: med(plain.add),
    plainRemoveMs: med(plain.remove),
    freshMs: med(fresh.ready),
    freshDisposeMs: med(fresh.dispose),
    reusedMs: med(reused.ready),
    reusedDisposeMs: med(reused.dispose),
  };
}

/** Prints the result of benchSandbox. */
export function printSandbox(r) {
  printRows(`sandbox on a ${r.files.toLocaleString('en')}-file repository, median of ${r.runs}`, [
    ['git worktree add', `${ms(r.plainAddMs)}  (git worktree remove ${ms(r.plainRemoveMs)})`],
    ['new worktree sandbox', `${ms(r.freshMs)}  (dispose ${ms(r.freshDisposeMs)})`],
    ['reused worktree sandbox', `${ms(r.reusedMs)}  (dispose: given back ${ms(r.reusedDisposeMs)})`],
    ['new / git worktree add', `${(r.freshMs / r.plainAddMs).toFixed(2)}x`],
    ['reused / git worktree add (goal <= 0.5x)', `${(r.reusedMs / r.plainAddMs).toFixed(2)}x`],
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printSandbox(await benchSandbox());
}
