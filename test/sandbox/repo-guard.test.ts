import { chmodSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RepoGuard } from '../../src/sandbox/repo-guard.js';
import { git, makeRepo, type TestRepo } from '../support/git-repo.js';
import { treeHash } from '../support/checkout-state.js';

let repo: TestRepo;
afterEach(() => repo?.cleanup());

describe('RepoGuard', () => {
  it('puts back hooks replaced by a symlink, new and changed files, and modes', async () => {
    repo = await makeRepo();
    const git = join(repo.path, '.git');
    writeFileSync(join(git, 'hooks', 'pre-commit'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const before = treeHash(git);
    const guard = await RepoGuard.take(repo.path);
    expect(await guard.check()).toEqual([]);

    writeFileSync(join(git, 'config.worktree'), '[core]\n\tfsmonitor = echo\n');
    chmodSync(join(git, 'hooks', 'pre-commit'), 0o644);
    rmSync(join(git, 'hooks'), { recursive: true });
    const elsewhere = await repo.tempDir();
    mkdirSync(join(elsewhere, 'sub'));
    writeFileSync(join(elsewhere, 'sub', 'post-checkout'), '#!/bin/sh\n');
    symlinkSync(elsewhere, join(git, 'hooks'));
    const changed = await guard.check();
    expect(changed).toContain('config.worktree');
    expect(changed).toContain('hooks');
    expect(changed).toContain('hooks/pre-commit');
    expect(treeHash(git)).toBe(before);
    expect(statSync(join(git, 'hooks', 'pre-commit')).mode & 0o777).toBe(0o755);
    // What the symlink pointed to is not the repository's: it is left alone.
    expect(readdirSync(join(elsewhere, 'sub'))).toEqual(['post-checkout']);
    expect(await guard.check()).toEqual([]);
  });

  it('guards the common git folder of a linked worktree the user runs in', async () => {
    repo = await makeRepo();
    const linked = join(await repo.tempDir(), 'linked');
    git(repo.path, 'worktree', 'add', '-q', linked);
    const guard = await RepoGuard.take(linked);
    expect(guard.gitDir).toBe(join(repo.path, '.git'));
    writeFileSync(join(repo.path, '.git', 'hooks', 'post-commit'), '#!/bin/sh\n');
    expect(await guard.check()).toEqual(['hooks/post-commit']);
  });
});
