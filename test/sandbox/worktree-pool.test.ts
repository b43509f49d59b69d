import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import type { SandboxSpec } from '../../src/sandbox/sandbox.js';
import { WorktreePool } from '../../src/sandbox/worktree-pool.js';
import { checkoutFingerprint, commitFiles, git, trackedFiles, writeFiles } from '../support/git-repo.js';
import { makeFixture, unwrap, type Fixture } from './fixture.js';

let fx: Fixture;
let pool: WorktreePool;

beforeEach(async () => {
  fx = await makeFixture();
  pool = new WorktreePool(fx.repo.path, 2);
});
afterEach(() => fx.repo.cleanup());

/** A spec for task `name` of the fixture's run, drawing on the pool. */
async function task(name: string, base = fx.base): Promise<SandboxSpec> {
  return {
    ...fx.spec,
    path: join(await fx.repo.tempDir(), name),
    branch: `orchestra/tasks/run-1/${name}`,
    baseCommit: base,
    pool,
  };
}

/** Worktree admin folders: one per worktree git knows, reused ones keep theirs. */
const adminIds = async () => (await readdir(join(fx.repo.path, '.git', 'worktrees')).catch(() => [])).sort();

/** Every file under `dir` except `.git`, with contents. */
async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || path === join(dir, '.git')) continue;
    out[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
  }
  return out;
}

describe('a worktree pool', () => {
  it('makes the next sandbox from a returned one: exactly its commit, on its new branch', async () => {
    const first = unwrap(await createSandbox('worktree', await task('a')));
    const ids = await adminIds();
    // What a task leaves: a commit of its own, edits after it, untracked and ignored files.
    const resultA = await commitFiles(first.path, { 'src/app.ts': 'export const a = 1;\n' }, 'a');
    await writeFiles(first.path, {
      'README.md': 'uncommitted edit\n',
      'notes.txt': 'untracked\n',
      'dist/out.js': 'ignored? no: untracked dir\n',
      'node_modules/.cache/x': 'under the linked folder',
    });
    await first.dispose();
    expect(existsSync(join(fx.repo.path, 'node_modules/.cache/x'))).toBe(true);
    expect(pool.spares).toBe(1);

    const next = await commitFiles(fx.repo.path, { 'next.txt': 'n' }, 'next');
    const second = unwrap(await createSandbox('worktree', await task('b', next)));

    expect(await adminIds()).toEqual(ids);
    expect(existsSync(first.path)).toBe(false);
    expect(git(second.path, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('orchestra/tasks/run-1/b');
    expect(git(second.path, 'rev-parse', 'HEAD').trim()).toBe(next);
    expect(git(second.path, 'status', '--porcelain', '--ignored').split('\n').sort()).toEqual([
      '',
      '!! .env',
      '!! secrets/',
      '?? node_modules',
    ]);
    // The same files a new worktree of that commit would have, plus the copies and links.
    const { pool: _, ...withoutPool } = await task('c', next);
    const fresh = unwrap(await createSandbox('worktree', withoutPool));
    const { 'secrets/api.json': _s, '.env': _e, ...tracked } = await files(second.path);
    const { 'secrets/api.json': _fs, '.env': _fe, ...trackedFresh } = await files(fresh.path);
    expect(tracked).toEqual(trackedFresh);
    expect(Object.keys(trackedFresh).sort()).toEqual(trackedFiles(fx.repo.path, next));
    // The first task's branch and result are untouched.
    expect(git(fx.repo.path, 'rev-parse', 'orchestra/tasks/run-1/a').trim()).toBe(resultA);
  });

  it('does not reuse a worktree left in the middle of an operation or with settings of its own', async () => {
    const first = unwrap(await createSandbox('worktree', await task('a')));
    git(first.path, 'sparse-checkout', 'set', '--no-cone', '/src/');
    expect(existsSync(join(first.path, 'README.md'))).toBe(false);
    const ids = await adminIds();
    await first.dispose();

    const second = unwrap(await createSandbox('worktree', await task('b')));

    expect(await adminIds()).not.toEqual(ids);
    expect(await readFile(join(second.path, 'README.md'), 'utf8')).toBe('# test\n');
    expect(git(fx.repo.path, 'branch', '--list', 'orchestra/tasks/run-1/b').trim()).not.toBe('');
    expect(git(fx.repo.path, 'worktree', 'list', '--porcelain')).not.toContain(first.path);
  });

  it('keeps no more spares than its capacity, and drain removes them all', async () => {
    const sandboxes = [];
    for (const name of ['a', 'b', 'c'])
      sandboxes.push(unwrap(await createSandbox('worktree', await task(name))));
    for (const sandbox of sandboxes) await sandbox.dispose();
    expect(pool.spares).toBe(2);
    expect(existsSync(sandboxes[2]!.path)).toBe(false);
    const before = await checkoutFingerprint(fx.repo.path);

    await pool.drain();

    expect(pool.spares).toBe(0);
    expect(git(fx.repo.path, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
    for (const sandbox of sandboxes) expect(existsSync(sandbox.path)).toBe(false);
    for (const name of ['a', 'b', 'c']) {
      expect(git(fx.repo.path, 'rev-parse', `orchestra/tasks/run-1/${name}`).trim()).toBe(fx.base);
    }
    expect(await checkoutFingerprint(fx.repo.path)).toBe(before);
  });

  it('refuses an existing branch without using a spare, and a failed sandbox leaves nothing', async () => {
    await unwrap(await createSandbox('worktree', await task('a'))).dispose();
    git(fx.repo.path, 'branch', 'orchestra/tasks/run-1/b', fx.base);

    const taken = await createSandbox('worktree', await task('b'));
    expect(taken.ok || taken.error.reason).toBe('branch-exists');
    expect(pool.spares).toBe(1);

    // src is tracked: linking over it fails after the spare was taken.
    const spec = { ...(await task('c')), link: ['src'] };
    const failed = await createSandbox('worktree', spec);
    expect(failed.ok || failed.error.reason).toBe('copy-failed');
    expect(existsSync(spec.path)).toBe(false);
    expect(git(fx.repo.path, 'branch', '--list', 'orchestra/tasks/run-1/c')).toBe('');
    expect(git(fx.repo.path, 'worktree', 'list', '--porcelain')).not.toContain(spec.path);
  });
});
