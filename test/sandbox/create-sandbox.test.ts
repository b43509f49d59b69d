import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import type { SandboxType } from '../../src/sandbox/sandbox.js';
import { checkoutFingerprint, git, writeFiles } from '../support/git-repo.js';
import { makeFixture, type Fixture } from './fixture.js';

let fx: Fixture;

beforeEach(async () => {
  fx = await makeFixture();
});
afterEach(() => fx.repo.cleanup());

/** Asserts a failed creation left nothing: no folder, no worktree entry, no branch, an untouched checkout. */
async function expectNothingLeft(before: string): Promise<void> {
  expect(existsSync(fx.spec.path)).toBe(false);
  expect(git(fx.repo.path, 'worktree', 'list', '--porcelain')).not.toContain(fx.spec.path);
  expect(git(fx.repo.path, 'branch', '--list', fx.spec.branch)).toBe('');
  expect(await checkoutFingerprint(fx.repo.path)).toBe(before);
}

describe.each(['worktree', 'clone', 'none'] as const satisfies SandboxType[])(
  'createSandbox(%s) refuses',
  (type) => {
    it('a base commit the repository does not have', async () => {
      const before = await checkoutFingerprint(fx.repo.path);

      const result = await createSandbox(type, { ...fx.spec, baseCommit: 'f'.repeat(40) });

      expect(result.ok || result.error.reason).toBe('base-missing');
      await expectNothingLeft(before);
    });

    it('a task branch that already exists', async () => {
      git(fx.repo.path, 'branch', fx.spec.branch, 'main');

      const result = await createSandbox(type, fx.spec);

      expect(result.ok || result.error).toEqual({
        reason: 'branch-exists',
        message: `branch ${fx.spec.branch} already exists in ${fx.repo.path}`,
      });
      expect(git(fx.repo.path, 'rev-parse', fx.spec.branch)).toBe(git(fx.repo.path, 'rev-parse', 'main'));
    });
  },
);

describe.each(['worktree', 'clone'] as const)('createSandbox(%s)', (type) => {
  it('accepts an empty existing folder', async () => {
    const empty = await fx.repo.tempDir();

    const result = await createSandbox(type, { ...fx.spec, path: empty });

    expect(result.ok && result.value.path).toBe(empty);
  });

  it('refuses a folder that is not empty, and leaves it alone', async () => {
    await writeFiles(fx.spec.path, { 'precious.txt': 'mine' });

    const result = await createSandbox(type, fx.spec);

    expect(result.ok || result.error.reason).toBe('path-unusable');
    expect(await readdir(fx.spec.path)).toEqual(['precious.txt']);
    expect(git(fx.repo.path, 'branch', '--list', fx.spec.branch)).toBe('');
  });

  it('reports a git failure and leaves nothing behind', async () => {
    const before = await checkoutFingerprint(fx.repo.path);

    const result = await createSandbox(type, { ...fx.spec, branch: 'bad..branch' });

    expect(result.ok || result.error.reason).toBe('git-failed');
    expect(existsSync(fx.spec.path)).toBe(false);
    expect(await checkoutFingerprint(fx.repo.path)).toBe(before);
  });

  it('undoes the checkout when linking fails', async () => {
    const before = await checkoutFingerprint(fx.repo.path);

    // src is tracked: a link must not silently replace it.
    const result = await createSandbox(type, { ...fx.spec, link: ['src'] });

    expect(result.ok || result.error.reason).toBe('copy-failed');
    expect(result.ok || result.error.message).toContain('EEXIST');
    await expectNothingLeft(before);
  });
});

it('copies nothing without a .worktreeinclude or copy entries', async () => {
  await rm(join(fx.repo.path, '.worktreeinclude'));

  const result = await createSandbox('worktree', { ...fx.spec, copy: [], link: [] });

  expect(result.ok && result.value.untracked).toEqual([]);
  expect(existsSync(join(fx.spec.path, 'secrets'))).toBe(false);
});
