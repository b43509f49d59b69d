import {
  chmodSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RepoGuard, repoChangedMessage } from '../../src/sandbox/repo-guard.js';
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
    const guard = await RepoGuard.take(repo.path, join(await repo.tempDir(), 'kept'));
    guard.expose();
    expect(await guard.check()).toBeUndefined();

    writeFileSync(join(git, 'config.worktree'), '[core]\n\tfsmonitor = echo\n');
    chmodSync(join(git, 'hooks', 'pre-commit'), 0o644);
    rmSync(join(git, 'hooks'), { recursive: true });
    const elsewhere = await repo.tempDir();
    mkdirSync(join(elsewhere, 'sub'));
    writeFileSync(join(elsewhere, 'sub', 'post-checkout'), '#!/bin/sh\n');
    symlinkSync(elsewhere, join(git, 'hooks'));
    const changed = (await guard.check())!.paths;
    expect(changed).toContain('config.worktree');
    expect(changed).toContain('hooks');
    expect(changed).toContain('hooks/pre-commit');
    expect(treeHash(git)).toBe(before);
    expect(statSync(join(git, 'hooks', 'pre-commit')).mode & 0o777).toBe(0o755);
    // What the symlink pointed to is not the repository's: it is left alone.
    expect(readdirSync(join(elsewhere, 'sub'))).toEqual(['post-checkout']);
    expect(await guard.check()).toBeUndefined();
  });

  it('guards the common git folder of a linked worktree the user runs in', async () => {
    repo = await makeRepo();
    const linked = join(await repo.tempDir(), 'linked');
    git(repo.path, 'worktree', 'add', '-q', linked);
    const guard = await RepoGuard.take(linked, join(await repo.tempDir(), 'kept'));
    expect(guard.gitDir).toBe(join(repo.path, '.git'));
    const release = guard.expose();
    writeFileSync(join(repo.path, '.git', 'hooks', 'post-commit'), '#!/bin/sh\n');
    release();
    // The task that could have written it has ended: the check after it still puts it back.
    expect((await guard.check())?.paths).toEqual(['hooks/post-commit']);
  });

  it('keeps what it puts back, so a change the user made while a task ran is not lost', async () => {
    repo = await makeRepo();
    const kept = join(await repo.tempDir(), 'kept');
    const guard = await RepoGuard.take(repo.path, kept);
    const release = guard.expose();
    git(repo.path, 'config', 'user.signingkey', 'ABC123');
    const change = (await guard.check())!;
    release();
    expect(change.paths).toEqual(['config']);
    expect(git(repo.path, 'config', '--default', 'none', '--get', 'user.signingkey').trim()).toBe('none');
    expect(readFileSync(join(change.keptIn, 'config'), 'utf8')).toContain('signingkey = ABC123');
    expect(repoChangedMessage(guard.gitDir!, change)).toContain(`kept in ${change.keptIn}`);
  });

  it("takes a change made while no task that can write the git folder ran as the user's", async () => {
    repo = await makeRepo();
    const guard = await RepoGuard.take(repo.path, join(await repo.tempDir(), 'kept'));
    git(repo.path, 'config', 'user.signingkey', 'ABC123');
    expect(await guard.check()).toBeUndefined();
    // It is the baseline now: a later task's check neither undoes it nor blames the task for it.
    guard.expose();
    expect(await guard.check()).toBeUndefined();
    expect(git(repo.path, 'config', '--get', 'user.signingkey').trim()).toBe('ABC123');
  });
});
