// Benchmark: building a result branch from many task branches. 60 branches, each one commit adding a
// file of its own to a 1,000-file repository, combined by orchestra's `combineCommits` with each
// strategy (no work tree: merge and squash of such disjoint branches by one `git fast-import`, rebase
// by a `git merge-tree` a commit and one `git hash-object` for the commits), and, as the baseline, the
// worktree way orchestra used before: a scratch worktree, `git merge --no-ff` of each branch in it,
// the worktree removed.
// Run standalone (`node bench/integrate.mjs`, after `npm run build`) or through bench/run.mjs.
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { Git } from '../dist/git/git.js';
import { combineCommits } from '../dist/git/merge.js';
import { median, ms, printRows } from './lib.mjs';
import { git, makeRepo, removeDir, sh, tempDir } from './repo.mjs';

/** `count` branches off `base`, each with one commit adding `tasks/<name>.txt`, made without a checkout. */
function makeBranches(repo, base, count) {
  const branches = [];
  for (let i = 0; i < count; i++) {
    const name = `t${String(i).padStart(2, '0')}`;
    const blob = sh('git', ['hash-object', '-w', '--stdin'], { cwd: repo, input: `${name}\n` }).trim();
    const index = join(repo, '.git', `bench-index-${name}`);
    const env = { ...process.env, GIT_INDEX_FILE: index };
    sh('git', ['read-tree', base], { cwd: repo, env });
    sh('git', ['update-index', '--add', '--cacheinfo', `100644,${blob},tasks/${name}.txt`], {
      cwd: repo,
      env,
    });
    const tree = sh('git', ['write-tree'], { cwd: repo, env }).trim();
    removeDir(index);
    const commit = git(repo, 'commit-tree', tree, '-p', base, '-m', `${name} work`).trim();
    git(repo, 'branch', name, commit);
    branches.push({ commit, label: name });
  }
  return branches;
}

function worktreeWay(repo, dir, base, branches) {
  const scratch = join(dir, 'scratch');
  git(repo, 'worktree', 'add', '--quiet', '--detach', scratch, base);
  for (const b of branches)
    git(scratch, 'merge', '--quiet', '--no-ff', '--no-verify', '-m', b.label, b.commit);
  const head = git(scratch, 'rev-parse', 'HEAD').trim();
  git(repo, 'worktree', 'remove', '--force', scratch);
  return head;
}

async function timed(action) {
  const start = process.hrtime.bigint();
  const value = await action();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/**
 * Median time of each way to combine `branches` branches, alternating runs.
 * @returns {Promise<{ branches: number, files: number, runs: number, worktreeMs: number, merge: number, squash: number, rebase: number }>}
 */
export async function benchIntegrate({ count = 60, files = 1000, runs = 5 } = {}) {
  const dir = tempDir('integrate');
  try {
    const repo = join(dir, 'repo');
    const tree = Object.fromEntries(
      Array.from({ length: files }, (_, i) => [`src/m${i % 20}/f${i}.txt`, `file ${i}\n`]),
    );
    const base = makeRepo(repo, tree);
    const branches = makeBranches(repo, base, count);
    const repoGit = new Git(repo);
    const message = (theirs) => `orchestra: integrate ${theirs.label}`;
    const times = { worktreeMs: [], merge: [], squash: [], rebase: [] };
    for (let i = 0; i < runs; i++) {
      times.worktreeMs.push((await timed(() => worktreeWay(repo, dir, base, branches))).ms);
      for (const strategy of ['merge', 'squash', 'rebase']) {
        const start = { commit: base, label: 'base' };
        const r = await timed(() => combineCommits(repoGit, [start, ...branches], strategy, message));
        if (!r.value.ok) throw new Error(`${strategy}: ${JSON.stringify(r.value.conflict)}`);
        times[strategy].push(r.ms);
      }
    }
    const per = (list) => median(list) / count;
    return {
      branches: count,
      files,
      runs,
      worktreeMs: per(times.worktreeMs),
      merge: per(times.merge),
      squash: per(times.squash),
      rebase: per(times.rebase),
    };
  } finally {
    removeDir(dir);
  }
}

/** Prints the result of benchIntegrate. */
export function printIntegrate(r) {
  printRows(
    `integration: ${r.branches} branches into a ${r.files.toLocaleString('en')}-file repository, per branch, median of ${r.runs}`,
    [
      ['worktree + git merge --no-ff (before)', ms(r.worktreeMs)],
      ['combineCommits, merge (goal <= 15 ms)', ms(r.merge)],
      ['combineCommits, squash', ms(r.squash)],
      ['combineCommits, rebase', ms(r.rebase)],
      ['merge / worktree way', `${(r.merge / r.worktreeMs).toFixed(2)}x`],
    ],
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printIntegrate(await benchIntegrate());
}
