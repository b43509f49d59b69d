import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Git } from '../../src/git/git.js';
import { combineCommits, type CombineStrategy, type LabelledCommit } from '../../src/git/merge.js';
import {
  checkoutFingerprint,
  commitFiles,
  git,
  makeRepo,
  trackedFiles,
  writeFiles,
  type TestRepo,
} from '../support/git-repo.js';

let repo: TestRepo;
let base: string;
let g: Git;
/** The user's checkout, dirty: every combination must leave it as it was. */
let before: string;

beforeEach(async () => {
  repo = await makeRepo();
  base = git(repo.path, 'rev-parse', 'HEAD').trim();
  g = new Git(repo.path);
  await writeFiles(repo.path, { 'README.md': 'edited, not committed\n', 'untracked.txt': 'u' });
  before = await checkoutFingerprint(repo.path);
});
afterEach(async () => {
  expect(await checkoutFingerprint(repo.path)).toBe(before);
  await repo.cleanup();
});

/** Makes branch `name` from `from` with `files` committed on it, without touching the checkout. */
async function branchWith(name: string, files: Record<string, string>, from = base): Promise<LabelledCommit> {
  const dir = join(await repo.tempDir(), 'wt');
  git(repo.path, 'worktree', 'add', '--quiet', '-b', name, dir, from);
  const commit = await commitFiles(dir, files, `${name} work`);
  git(repo.path, 'worktree', 'remove', dir);
  return { commit, label: name };
}

const start = (): LabelledCommit => ({ commit: base, label: 'base' });
const message = (theirs: LabelledCommit): string => `integrate ${theirs.label}`;
const subjects = (commit: string, ...opts: string[]): string[] =>
  git(repo.path, 'log', '--format=%s', ...opts, commit)
    .trim()
    .split('\n');

describe.each<CombineStrategy>(['merge', 'squash', 'rebase'])('%s', (strategy) => {
  it('of tasks that changed nothing (all at one commit) runs no git process', async () => {
    // Any git process would fail here: there is no such folder to run it in.
    const nowhere = new Git(join(repo.path, 'no such folder'));
    const same = [start(), { ...start(), label: 'a' }, { ...start(), label: 'b' }];

    expect(await combineCommits(nowhere, same, strategy, message)).toEqual({ ok: true, commit: base });
  });
});

describe('merge', () => {
  it('merges branches with merge commits, each commit met before only once', async () => {
    const a = await branchWith('a', { 'a.txt': 'a' });
    const b = await branchWith('b', { 'b.txt': 'b' });

    const same = { ...start(), label: 'same' };
    const result = await combineCommits(
      g,
      [start(), same, a, { ...a, label: 'a again' }, b],
      'merge',
      message,
    );

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(git(repo.path, 'rev-list', '--parents', '-1', result.commit).trim().split(' ')).toHaveLength(3);
    expect(subjects(result.commit, '--first-parent')).toEqual(['integrate b', 'integrate a', 'initial']);
    expect(trackedFiles(repo.path, result.commit)).toEqual(['README.md', 'a.txt', 'b.txt']);
  });

  it('skips a branch that is in already (an upstream task of one merged before)', async () => {
    const a = await branchWith('a', { 'a.txt': 'a' });
    const b = await branchWith('b', { 'b.txt': 'b' }, a.commit);

    const result = await combineCommits(g, [b, a], 'merge', message);

    expect(result).toEqual({ ok: true, commit: b.commit });
  });

  it('reports a conflict with its files and the tasks that collided', async () => {
    const a = await branchWith('a', { 'shared.txt': 'from a', 'a.txt': 'a' });
    const b = await branchWith('b', { 'b.txt': 'b' });
    const c = await branchWith('c', { 'shared.txt': 'from c' });

    expect(await combineCommits(g, [start(), a, b, c], 'merge', message)).toEqual({
      ok: false,
      conflict: { files: ['shared.txt'], ours: 'a', theirs: 'c' },
    });
  });
});

describe('squash', () => {
  it('squashes each branch into one commit, none for a branch that brings nothing', async () => {
    const a = await branchWith('a', { 'a.txt': 'a' });
    const b = await branchWith('b', { 'b.txt': 'b' }, a.commit);

    const result = await combineCommits(g, [start(), a, b, a], 'squash', message);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(git(repo.path, 'rev-list', '--merges', '--count', result.commit).trim()).toBe('0');
    expect(subjects(result.commit)).toEqual(['integrate b', 'integrate a', 'initial']);
    expect(trackedFiles(repo.path, result.commit)).toEqual(['README.md', 'a.txt', 'b.txt']);
  });

  it('reports a conflict', async () => {
    const a = await branchWith('a', { 'shared.txt': 'from a' });
    const b = await branchWith('b', { 'shared.txt': 'from b', 'b-only.txt': 'b' });

    expect(await combineCommits(g, [start(), a, b], 'squash', message)).toEqual({
      ok: false,
      conflict: { files: ['shared.txt'], ours: 'a', theirs: 'b' },
    });
  });
});

describe('rebase', () => {
  it('replays commits linearly, skipping those of an upstream branch already replayed', async () => {
    const a = await branchWith('a', { 'a.txt': 'a' });
    // b was built on a's result, as a downstream task is, in two commits.
    const b1 = await branchWith('b', { 'b.txt': 'b' }, a.commit);
    const b = await branchWith('b2', { 'b.txt': 'b2', 'a.txt': 'a, then b' }, b1.commit);
    // The integration starts past the base, so a's replayed commit is a new one, not a's own.
    const moved = await branchWith('moved', { 'main.txt': 'm' });

    const result = await combineCommits(g, [{ ...moved, label: 'base' }, a, b], 'rebase', message);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(subjects(result.commit)).toEqual(['b2 work', 'b work', 'a work', 'moved work', 'initial']);
    expect(await g.isAncestor(a.commit, result.commit)).toBe(false);
    expect(trackedFiles(repo.path, result.commit)).toEqual(['README.md', 'a.txt', 'b.txt', 'main.txt']);
    expect(git(repo.path, 'show', `${result.commit}:a.txt`)).toBe('a, then b');
  });

  it('keeps each replayed commit’s message, author and author date; the committer is the user', async () => {
    const dir = join(await repo.tempDir(), 'wt');
    git(repo.path, 'worktree', 'add', '--quiet', '-b', 'a', dir, base);
    await writeFiles(dir, { 'a.txt': 'a' });
    git(dir, 'add', '--all');
    const env = { ...process.env, GIT_AUTHOR_DATE: '1700000000 +0530' };
    const text = 'Subject line\n\nBody  with  spaces\n\n# not a comment\n';
    const author = ['-c', 'user.name=Agent Ä', '-c', 'user.email=agent@example.com'];
    execGit(dir, env, [...author, 'commit', '--quiet', '--cleanup=verbatim', '-m', text]);
    const a = { commit: git(dir, 'rev-parse', 'HEAD').trim(), label: 'a' };

    const result = await combineCommits(g, [start(), a], 'rebase', message);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const format = '%an|%ae|%ad|%cn|%ce';
    expect(git(repo.path, 'log', '-1', '--date=raw', `--format=${format}`, result.commit).trim()).toBe(
      'Agent Ä|agent@example.com|1700000000 +0530|Test User|test@example.com',
    );
    expect(git(repo.path, 'log', '-1', '--format=%B', result.commit)).toBe(
      git(repo.path, 'log', '-1', '--format=%B', a.commit),
    );
  });

  it('reports a conflict', async () => {
    const a = await branchWith('a', { 'shared.txt': 'from a' });
    const b = await branchWith('b', { 'shared.txt': 'from b' });

    expect(await combineCommits(g, [start(), a, b], 'rebase', message)).toEqual({
      ok: false,
      conflict: { files: ['shared.txt'], ours: 'a', theirs: 'b' },
    });
  });
});

/** Hooks that fail, for every hook `git merge` or `git commit` would run. */
function failingHooks(): string {
  const dir = join(repo.path, '.git', 'failing-hooks');
  mkdirSync(dir);
  for (const hook of ['pre-merge-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'post-merge']) {
    writeFileSync(join(dir, hook), '#!/bin/sh\nexit 1\n');
    chmodSync(join(dir, hook), 0o755);
  }
  return dir;
}

// Settings of the user's that act on `git merge` and `git commit`: none may change or break a result.
const hostile = (): Record<string, string> => ({
  'merge.verifySignatures': 'true',
  'commit.gpgSign': 'true',
  'gpg.program': 'false',
  'core.hooksPath': failingHooks(),
  'rerere.enabled': 'true',
  'rerere.autoUpdate': 'true',
  'log.showSignature': 'true',
  'commit.template': '/nonexistent',
});
describe.each(['false', 'only'])('with merge.ff=%s, signing, verifying, failing hooks, rerere', (ff) => {
  const settings = () => ({ ...hostile(), 'merge.ff': ff });
  it.each<CombineStrategy>(['merge', 'squash', 'rebase'])('%s gives the same result', async (strategy) => {
    const a = await branchWith('a', { 'a.txt': 'a' });
    const b = await branchWith('b', { 'b.txt': 'b' });
    const plain = await combineCommits(g, [start(), a, b], strategy, message);
    for (const [key, value] of Object.entries(settings())) git(repo.path, 'config', key, value);

    const configured = await combineCommits(g, [start(), a, b], strategy, message);

    expect(configured.ok).toBe(true);
    if (!configured.ok || !plain.ok) return;
    expect(git(repo.path, 'rev-parse', `${configured.commit}^{tree}`)).toBe(
      git(repo.path, 'rev-parse', `${plain.commit}^{tree}`),
    );
    expect(git(repo.path, 'cat-file', 'commit', configured.commit)).not.toMatch(/^gpgsig/m);
  });
});

function execGit(cwd: string, env: NodeJS.ProcessEnv, args: string[]): void {
  execFileSync('git', args, { cwd, env, stdio: 'ignore' });
}
