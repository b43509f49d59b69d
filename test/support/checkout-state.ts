import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { RunFixture } from './run-fixture.js';

/** Runs git in `dir` (with an identity, for commits in test set-ups) and returns its trimmed stdout. */
export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** A hash of every file of a working tree (names, link targets, contents), `.git` and `.orchestra` left out. */
export function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (d === dir && (e.name === '.git' || e.name === '.orchestra')) continue;
      const p = join(d, e.name);
      h.update(`${p}\0`);
      if (e.isSymbolicLink()) h.update(readlinkSync(p));
      else if (e.isDirectory()) walk(p);
      else h.update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

/** What a user sees of one checkout (a repository's main work tree or a linked one of theirs). */
export interface CheckoutState {
  head: string;
  /** The symbolic ref of HEAD, or `detached`. */
  ref: string;
  /** `git status` (untracked and ignored files but orchestra's ignored records), taken before the index so it is settled. */
  status: string;
  /** The index with its stat data (`ls-files -s --debug`). */
  index: string;
  files: string;
}

/**
 * The state of the checkout at `dir`. Equal states before and after a run prove the run left it
 * alone: HEAD, current branch, index (stat data included), status and the bytes of every file.
 */
export function checkoutState(dir: string): CheckoutState {
  const symbolic = spawnSync('git', ['symbolic-ref', '-q', 'HEAD'], { cwd: dir, encoding: 'utf8' });
  // orchestra's run records are expected there, ignored (through .git/info/exclude); untracked they would count.
  const status = gitIn(dir, 'status', '--porcelain=v2', '--branch', '--untracked-files=all', '--ignored')
    .split('\n')
    .filter((line) => !line.startsWith('! .orchestra/runs/'))
    .join('\n');
  return {
    head: gitIn(dir, 'rev-parse', 'HEAD'),
    ref: symbolic.status === 0 ? symbolic.stdout.trim() : 'detached',
    status,
    index: gitIn(dir, 'ls-files', '-s', '--debug'),
    files: treeHash(dir),
  };
}

/** Every ref of the repository with its value, except orchestra's own task branches. */
export function userRefs(dir: string): string[] {
  return gitIn(dir, 'for-each-ref', '--format=%(refname) %(objectname)')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('refs/heads/orchestra/tasks/'));
}

/** Worktrees of the repository other than those under `sandboxes` (orchestra's). */
export function userWorktrees(dir: string, sandboxes: string): string[] {
  return gitIn(dir, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree ') && !l.startsWith(`worktree ${sandboxes}`));
}

/** The files in the tree of `commit`, sorted. */
export function filesAt(dir: string, commit: string): string[] {
  return gitIn(dir, 'ls-tree', '-r', '--name-only', commit).split('\n').filter(Boolean).sort();
}

/**
 * Leaves the user's checkout with every kind of local state: a staged new file, an unstaged edit,
 * untracked files (one named like a file a task will add), ignored files and folders.
 */
export function dirtyCheckout(f: RunFixture): void {
  f.writeFiles({ '.gitignore': 'secret.env\nbuild/\n' });
  f.git('add', '.gitignore');
  f.git('commit', '-qm', 'ignore');
  f.writeFiles({
    'staged.txt': 'staged\n',
    'README.md': '# edited, not committed\n',
    'untracked/deep/file.txt': 'untracked\n',
    'secret.env': 'TOKEN=1\n',
    'build/out.bin': '\u0000\u0001binary',
    'w0.txt': 'the user has a file of that name, untracked\n',
  });
  f.git('add', 'staged.txt');
}
