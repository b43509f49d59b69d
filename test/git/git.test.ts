import { existsSync } from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Git, GitCommandError } from '../../src/git/git.js';
import { probeHead } from '../../src/git/head-probe.js';
import { commitFiles, git, makeRepo, trackedFiles, writeFiles, type TestRepo } from '../support/git-repo.js';

let repo: TestRepo;
let base: string;

beforeEach(async () => {
  repo = await makeRepo();
  base = git(repo.path, 'rev-parse', 'HEAD').trim();
});
afterEach(() => repo.cleanup());

function show(dir: string, commit: string, file: string): string {
  return git(dir, 'show', `${commit}:${file}`);
}

describe('refs', () => {
  it('resolves refs to full shas and missing refs to undefined', async () => {
    const g = new Git(repo.path);
    expect(await g.resolveCommit('HEAD')).toBe(base);
    expect(await g.resolveCommit('main')).toBe(base);
    expect(await g.resolveCommit(base.slice(0, 8))).toBe(base);
    expect(await g.resolveCommit('no-such-branch')).toBeUndefined();
    expect(await g.resolveCommit('0'.repeat(40))).toBeUndefined();
  });

  it('creates, lists, finds and deletes branches', async () => {
    const g = new Git(repo.path);
    await g.createBranch('orchestra/tasks/r1/a', base);
    await g.createBranch('orchestra/tasks/r1/b', base);
    await g.createBranch('other', base);
    expect(await g.branchExists('orchestra/tasks/r1/a')).toBe(true);
    expect(await g.branchExists('orchestra/tasks/r1')).toBe(false);
    expect(await g.listBranches('orchestra/tasks/r1/')).toEqual([
      'orchestra/tasks/r1/a',
      'orchestra/tasks/r1/b',
    ]);
    await g.deleteBranch('orchestra/tasks/r1/a');
    expect(await g.listBranches('orchestra/')).toEqual(['orchestra/tasks/r1/b']);
    await expect(g.createBranch('other', base)).rejects.toThrow(GitCommandError);
  });

  it('moves a branch only from where it was expected to be (compare-and-swap)', async () => {
    const g = new Git(repo.path);
    const next = await commitFiles(repo.path, { 'next.txt': 'n' }, 'next');
    expect(await g.moveBranch('result', base, undefined)).toBe(true);
    expect(await g.moveBranch('result', next, undefined)).toBe(false);
    expect(await g.moveBranch('result', next, next)).toBe(false);
    expect(await g.resolveCommit('result')).toBe(base);
    expect(await g.moveBranch('result', next, base)).toBe(true);
    expect(await g.resolveCommit('result')).toBe(next);
    await expect(g.moveBranch('bad..name', next, undefined)).rejects.toThrow(GitCommandError);
  });

  it('probes a commit and a branch at once', async () => {
    const g = new Git(repo.path);
    await g.createBranch('orchestra/tasks/r1/a', base);

    expect(await g.probe('main', 'orchestra/tasks/r1/a')).toEqual({ commit: base, branchExists: true });
    expect(await g.probe(base.slice(0, 10), 'orchestra/tasks/r1/b')).toEqual({
      commit: base,
      branchExists: false,
    });
    expect(await g.probe('f'.repeat(40), 'main')).toEqual({ commit: undefined, branchExists: true });
    // A tree is not a commit; a branch name that reads as an expression is not taken as one.
    expect((await g.probe(`${base}^{tree}`, 'main@{0}')).commit).toBeUndefined();
    expect((await g.probe('main', 'main@{0}')).branchExists).toBe(false);
  });

  it('reports the current branch, or none when detached', async () => {
    const g = new Git(repo.path);
    expect(await g.headState()).toEqual({ branch: 'main', commit: base });
    git(repo.path, 'checkout', '--quiet', '--detach');
    expect(await g.headState()).toEqual({ branch: undefined, commit: base });
    // Before the first commit: the branch HEAD will be on, no commit.
    const empty = await repo.tempDir();
    git(empty, 'init', '--quiet', '--initial-branch=trunk');
    expect(await new Git(empty).headState()).toEqual({ branch: 'trunk', commit: undefined });
  });

  it('finds the merge base of two commits either way round', async () => {
    const next = await commitFiles(repo.path, { 'a.txt': 'a' }, 'next');
    const g = new Git(repo.path);
    expect(await g.mergeBase(base, next)).toBe(base);
    expect(await g.mergeBase(next, base)).toBe(base);
  });

  it('tells ancestors apart', async () => {
    const next = await commitFiles(repo.path, { 'a.txt': 'a' }, 'next');
    const g = new Git(repo.path);
    expect(await g.isAncestor(base, next)).toBe(true);
    expect(await g.isAncestor(next, base)).toBe(false);
    expect(await g.isAncestor(base, base)).toBe(true);
  });

  it('ignores GIT_DIR and similar variables inherited from the environment', async () => {
    const elsewhere = await makeRepo();
    process.env.GIT_DIR = join(elsewhere.path, '.git');
    try {
      expect(await new Git(repo.path).resolveCommit('HEAD')).toBe(base);
    } finally {
      delete process.env.GIT_DIR;
      await elsewhere.cleanup();
    }
  });
});

describe('probeHead', () => {
  it('answers as locate and uncommittedPaths do, from a subfolder, in one process', async () => {
    await writeFiles(repo.path, { 'sub/new file.txt': 'n', 'README.md': 'changed' });
    git(repo.path, 'mv', 'README.md', 'READ.md');
    const sub = join(repo.path, 'sub');
    const probed = await probeHead(sub);
    expect(probed.head).toEqual(await Git.locate(sub, 'HEAD'));
    expect(probed.head).toEqual({ topLevel: repo.path, commit: base });
    expect(probed.uncommitted.sort()).toEqual((await new Git(sub).uncommittedPaths()).sort());
    expect(probed.uncommitted.sort()).toEqual(['READ.md', 'sub/']);
  });

  it('tells a repository without a commit from no repository at all', async () => {
    const empty = await makeRepo();
    try {
      await rm(join(empty.path, '.git'), { recursive: true });
      git(empty.path, 'init', '--quiet');
      expect((await probeHead(empty.path)).head).toEqual({ topLevel: empty.path });
      await rm(join(empty.path, '.git'), { recursive: true });
      // Above the repository's folder (a temp folder) there is none either.
      const none = await probeHead(empty.path);
      expect(none).toEqual({ uncommitted: [] });
      expect(await Git.locate(empty.path, 'HEAD')).toBeUndefined();
    } finally {
      await empty.cleanup();
    }
  });

  it('answers nothing for a folder that does not exist', async () => {
    expect(await probeHead(join(repo.path, 'gone'))).toEqual({ uncommitted: [] });
  });
});

describe('commitAll', () => {
  it('commits changes, deletions and new files but leaves excluded paths out', async () => {
    // cfg/ is ignored, .env is not: both kinds of excluded path must stay out.
    await commitFiles(repo.path, { 'keep.txt': 'k', 'gone.txt': 'g', '.gitignore': 'cfg/\n' }, 'setup');
    await writeFiles(repo.path, {
      'keep.txt': 'changed',
      'new/file.txt': 'n',
      '.env': 'SECRET=1',
      'cfg/local.json': '{}',
    });
    await rm(join(repo.path, 'gone.txt'));
    await symlink(join(repo.path, 'new'), join(repo.path, 'node_modules'));
    const g = new Git(repo.path);

    const head = (await g.commitAll('task work', { exclude: ['.env', 'cfg/local.json', 'node_modules'] }))
      .commit;

    expect(head).toBe(git(repo.path, 'rev-parse', 'HEAD').trim());
    expect(trackedFiles(repo.path, head)).toEqual(['.gitignore', 'README.md', 'keep.txt', 'new/file.txt']);
    expect(show(repo.path, head, 'keep.txt')).toBe('changed');
    expect(git(repo.path, 'log', '-1', '--format=%s').trim()).toBe('task work');
    expect(git(repo.path, 'status', '--porcelain', '--untracked-files=all').split('\n').sort()).toEqual([
      '',
      '?? .env',
      '?? node_modules',
    ]);
  });

  it('returns HEAD unchanged when there is nothing to commit', async () => {
    await writeFile(join(repo.path, '.env'), 'x');
    expect((await new Git(repo.path).commitAll('nothing', { exclude: ['.env'] })).commit).toBe(base);
    expect(git(repo.path, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('commits what the agent staged or renamed, and what it committed without leaving changes', async () => {
    await commitFiles(repo.path, { 'old-name.txt': 'same content\n'.repeat(20) }, 'setup');
    const from = git(repo.path, 'rev-parse', 'HEAD').trim();
    const g = new Git(repo.path);
    await writeFiles(repo.path, { 'staged.txt': 's' });
    git(repo.path, 'add', 'staged.txt');
    git(repo.path, 'mv', 'old-name.txt', 'new-name.txt');

    const head = (await g.commitAll('staged work', { exclude: [] })).commit;

    expect(head).not.toBe(from);
    expect(trackedFiles(repo.path, head)).toEqual(['README.md', 'new-name.txt', 'staged.txt']);
    const own = await commitFiles(repo.path, { 'own.txt': 'o' }, 'agent commit');
    expect((await g.commitAll('nothing left', { exclude: [], excludeFrom: from })).commit).toBe(own);
  });

  it('takes excluded paths the work tree committed itself back to their state in excludeFrom', async () => {
    await writeFiles(repo.path, { '.env': 'SECRET=1' });
    await commitFiles(repo.path, { 'work.txt': 'w' }, 'agent commits everything');
    expect(trackedFiles(repo.path, 'HEAD')).toContain('.env');

    const { commit: head } = await new Git(repo.path).commitAll('final', {
      exclude: ['.env'],
      excludeFrom: base,
    });

    expect(trackedFiles(repo.path, head)).toEqual(['README.md', 'work.txt']);
    expect(existsSync(join(repo.path, '.env'))).toBe(true);
  });

  it('leaves out an excluded path the work tree staged without committing it', async () => {
    await writeFiles(repo.path, { '.env': 'SECRET=1', 'work.txt': 'w' });
    git(repo.path, 'add', '.env');

    const { commit } = await new Git(repo.path).commitAll('staged', { exclude: ['.env'], excludeFrom: base });

    expect(trackedFiles(repo.path, commit)).toEqual(['README.md', 'work.txt']);
  });

  it('commits as "orchestra" where no identity is configured', async () => {
    const home = await repo.tempDir();
    const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
    process.env.HOME = home;
    process.env.XDG_CONFIG_HOME = home;
    try {
      git(repo.path, 'config', '--unset', 'user.name');
      git(repo.path, 'config', '--unset', 'user.email');
      await writeFile(join(repo.path, 'a.txt'), 'a');
      await new Git(repo.path).commitAll('anonymous', { exclude: [] });
    } finally {
      Object.assign(process.env, saved);
    }
    expect(git(repo.path, 'log', '-1', '--format=%an <%ae> / %cn').trim()).toBe(
      'orchestra <orchestra@localhost> / orchestra',
    );
  });
});

describe('changedPaths', () => {
  it('lists additions, modifications, deletions and both sides of renames', async () => {
    await commitFiles(
      repo.path,
      { 'mod.txt': 'm', 'del.txt': 'd', 'old-name.txt': 'same content\n'.repeat(20) },
      'setup',
    );
    const from = git(repo.path, 'rev-parse', 'HEAD').trim();
    await writeFiles(repo.path, { 'mod.txt': 'changed', 'added.txt': 'a' });
    await rm(join(repo.path, 'del.txt'));
    await rename(join(repo.path, 'old-name.txt'), join(repo.path, 'new-name.txt'));
    git(repo.path, 'add', '--all');
    git(repo.path, 'commit', '--quiet', '-m', 'changes');
    expect(git(repo.path, 'show', '--name-status', '--format=', '-M', 'HEAD')).toContain('R100');

    const paths = await new Git(repo.path).changedPaths(from, 'HEAD');

    expect(paths.sort()).toEqual(['added.txt', 'del.txt', 'mod.txt', 'new-name.txt', 'old-name.txt']);
  });
});

describe('worktrees, clones and fetching', () => {
  it('adds, lists and removes worktrees, and prunes deleted ones', async () => {
    const g = new Git(repo.path);
    const one = join(await repo.tempDir(), 'one');
    const two = join(await repo.tempDir(), 'two');
    await g.addWorktree(one, 'task/one', base);
    await g.addWorktree(two, 'task/two', base);

    const byPath = (a: { path: string }, b: { path: string }): number => a.path.localeCompare(b.path);
    expect((await g.listWorktrees()).sort(byPath)).toEqual(
      [
        { path: repo.path, head: base, branch: 'main' },
        { path: one, head: base, branch: 'task/one' },
        { path: two, head: base, branch: 'task/two' },
      ].sort(byPath),
    );

    await writeFile(join(one, 'dirty.txt'), 'uncommitted');
    await g.removeWorktree(one);
    await rm(two, { recursive: true });
    await g.pruneWorktrees();

    expect(existsSync(one)).toBe(false);
    expect((await g.listWorktrees()).map((worktree) => worktree.path)).toEqual([repo.path]);
    expect(await g.listBranches('task/')).toEqual(['task/one', 'task/two']);
  });

  it('tries again a command that read a worktree another git process was still writing', async () => {
    // A worktree half made by another git process: git dies reading its empty commondir.
    const ghost = join(repo.path, '.git', 'worktrees', 'ghost');
    await mkdir(ghost, { recursive: true });
    await writeFile(join(ghost, 'gitdir'), `${join(await repo.tempDir(), 'ghost')}/.git\n`);
    await writeFile(join(ghost, 'HEAD'), `${base}\n`);
    await writeFile(join(ghost, 'commondir'), '');
    expect(() => git(repo.path, 'worktree', 'add', '--quiet', '-b', 'plain', join(ghost, 'x'))).toThrow(
      /worktrees\/ghost\/commondir/,
    );
    const g = new Git(repo.path);
    // The lost try made its branch before it died: trying again as it was would fail on that.
    expect(await g.branchExists('plain')).toBe(true);
    const path = join(await repo.tempDir(), 'wt');

    const adding = g.addWorktree(path, 'task/a', base);
    // The other process finishes writing while ours waits to try again.
    setTimeout(() => void writeFile(join(ghost, 'commondir'), '../..\n'), 30);
    await adding;

    expect(git(path, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('task/a');
    expect(await g.resolveCommit('task/a')).toBe(base);
    expect((await g.listWorktrees()).map((w) => w.path)).toContain(path);
  });

  it('clones, works in the clone, and fetches its branch back', async () => {
    const g = new Git(repo.path);
    const clone = await g.cloneShared(join(await repo.tempDir(), 'clone'));
    await clone.checkoutNewBranch('task/x', base);
    await writeFile(join(clone.dir, 'x.txt'), 'x');
    const head = (await clone.commitAll('x', { exclude: [] })).commit;
    expect(await g.resolveCommit(head)).toBeUndefined();

    await g.fetchBranch(clone.dir, 'task/x');

    expect(await g.resolveCommit('task/x')).toBe(head);
  });

  it('lists untracked files matching gitignore-style patterns, ignored or not', async () => {
    await commitFiles(repo.path, { '.gitignore': 'node_modules/\n.env\n' }, 'ignore');
    await writeFiles(repo.path, {
      '.env': '',
      'sub/.env': '',
      'node_modules/pkg/index.js': '',
      'cfg/a.json': '',
      'cfg/b.txt': '',
    });
    const g = new Git(repo.path);
    const list = async (patterns: string[]): Promise<string[]> =>
      (await g.listUntracked({ patterns, patternFiles: [] })).sort();

    expect(await list([])).toEqual([]);
    expect(await list(['/.env'])).toEqual(['.env']);
    expect(await list(['.env'])).toEqual(['.env', 'sub/.env']);
    expect(await list(['cfg/*.json', 'node_modules/'])).toEqual(['cfg/a.json', 'node_modules/pkg/index.js']);
    expect(await list(['/cfg'])).toEqual(['cfg/a.json', 'cfg/b.txt']);
    expect(await list(['README.md'])).toEqual([]);
  });
});
