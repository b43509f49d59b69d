import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Git } from '../../src/git/git.js';
import { combineCommits, type LabelledCommit } from '../../src/git/merge.js';
import { GitLog } from '../support/git-log.js';
import { commitFiles, git, repoPerTest, writeFiles } from '../support/git-repo.js';

const fx = repoPerTest();

/**
 * Branch `name` from `from`: `change` edits its work tree (write files, delete, chmod, symlink), then
 * everything is committed. The user's checkout is not touched.
 */
async function branch(
  name: string,
  change: Record<string, string> | ((dir: string) => void),
  from = fx.base,
): Promise<LabelledCommit> {
  const dir = join(await fx.repo.tempDir(), 'wt');
  git(fx.repo.path, 'worktree', 'add', '--quiet', '-b', name, dir, from);
  if (typeof change === 'function') change(dir);
  const commit = await commitFiles(dir, typeof change === 'function' ? {} : change, `${name} work`);
  git(fx.repo.path, 'worktree', 'remove', '--force', dir);
  return { commit, label: name };
}

/** Branch `name`: one commit on the base that changes nothing. */
function emptyBranch(name: string): LabelledCommit {
  const commit = git(fx.repo.path, 'commit-tree', `${fx.base}^{tree}`, '-p', fx.base, '-m', name).trim();
  git(fx.repo.path, 'branch', name, commit);
  return { commit, label: name };
}

const start = (): LabelledCommit => ({ commit: fx.base, label: 'base' });
const message = (t: LabelledCommit) => `integrate ${t.label}\n\nwith ünïcode`;
const treeOf = (commit: string) => git(fx.repo.path, 'rev-parse', `${commit}^{tree}`).trim();

/** The trees `git merge-tree` gives when each commit is merged in turn into the one before. */
function mergeTreeSequence(commits: readonly LabelledCommit[]): string[] {
  const trees: string[] = [];
  let head = commits[0]!.commit;
  for (const theirs of commits.slice(1)) {
    const tree = git(fx.repo.path, 'merge-tree', '--write-tree', head, theirs.commit).trim();
    head = git(fx.repo.path, 'commit-tree', tree, '-p', head, '-p', theirs.commit, '-m', 'x').trim();
    trees.push(tree);
  }
  return trees;
}

/** The first-parent chain from `from` (excluded) to `commit`, oldest first. */
const firstParents = (from: string, commit: string): string[] =>
  git(fx.repo.path, 'rev-list', '--first-parent', '--reverse', `${from}..${commit}`).trim().split('\n');

/** Commits `files` on main (the user's branch); its sha. */
async function commitOnMain(files: Record<string, string>): Promise<string> {
  await writeFiles(fx.repo.path, files);
  git(fx.repo.path, 'add', '--all');
  git(fx.repo.path, 'commit', '--quiet', '-m', 'more');
  return git(fx.repo.path, 'rev-parse', 'HEAD').trim();
}

/** Runs combineCommits with a git that logs its processes; the subcommands it started. */
async function combine(commits: LabelledCommit[], strategy: 'merge' | 'squash') {
  const log = new GitLog(await fx.repo.tempDir());
  const saved = { ...process.env };
  Object.assign(process.env, log.env);
  const g = new Git(fx.repo.path);
  process.env = saved;
  const result = await combineCommits(g, commits, strategy, message);
  if (!result.ok) throw new Error(`conflict: ${JSON.stringify(result.conflict)}`);
  return { commit: result.commit, commands: log.calls().map((c) => c.command) };
}

const odd = 'odd "name"\twith\\ and\nnewline.txt';

describe('merging branches that change files of their own', () => {
  it('gives the trees, parents and messages merge-tree would, from one fast-import', async () => {
    const branches = [
      await branch('add', { 'src/a.ts': 'a\n', 'src/deep/b.ts': 'b\n' }),
      await branch('edit', { 'README.md': '# edited\n' }),
      await branch('odd', { [odd]: 'odd\n', 'ü/ñ.txt': 'u\n' }),
      await branch('mode', (dir) => {
        writeFileSync(join(dir, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
        mkdirSync(join(dir, 'links'));
        symlinkSync('../README.md', join(dir, 'links', 'readme'));
      }),
      emptyBranch('empty'),
    ];
    const commits = [start(), ...branches];

    const { commit, commands } = await combine(commits, 'merge');

    expect(commands.filter((c) => c === 'merge-tree')).toEqual([]);
    expect(commands.filter((c) => c === 'fast-import')).toHaveLength(1);
    const chain = firstParents(fx.base, commit);
    expect(chain.map(treeOf)).toEqual(mergeTreeSequence(commits));
    for (const [i, c] of chain.entries()) {
      const parents = git(fx.repo.path, 'rev-list', '--parents', '-1', c).trim().split(' ').slice(1);
      expect(parents).toEqual([i === 0 ? fx.base : chain[i - 1], branches[i]!.commit]);
      expect(git(fx.repo.path, 'cat-file', 'commit', c).split('\n\n').slice(1).join('\n\n')).toBe(
        message(branches[i]!),
      );
    }
    expect(git(fx.repo.path, 'show', `${commit}:${odd}`)).toBe('odd\n');
    expect(git(fx.repo.path, 'for-each-ref', '--format=%(refname)').trim().split('\n')).toEqual(
      branches
        .map((b) => `refs/heads/${b.label}`)
        .concat('refs/heads/main')
        .sort(),
    );
  });

  it('keeps modes and symlinks, and a squash makes no commit for a branch that changes nothing', async () => {
    const branches = [
      await branch('exec', (dir) => {
        chmodSync(join(dir, 'README.md'), 0o755);
      }),
      await branch('link', (dir) => symlinkSync('README.md', join(dir, 'link'))),
      emptyBranch('empty'),
      await branch('file', { 'f.txt': 'f\n' }),
    ];
    const commits = [start(), ...branches];

    const { commit, commands } = await combine(commits, 'squash');

    expect(commands.filter((c) => c === 'merge-tree')).toEqual([]);
    const made = git(fx.repo.path, 'rev-list', '--reverse', `${fx.base}..${commit}`).trim().split('\n');
    expect(made).toHaveLength(3);
    const trees = mergeTreeSequence(commits);
    expect(made.map(treeOf)).toEqual([trees[0], trees[1], trees[3]]);
    expect(git(fx.repo.path, 'ls-tree', commit, 'README.md', 'link').trim().split(/\s+/)).toEqual(
      expect.arrayContaining(['100755', '120000']),
    );
  });
});

describe('the fast way stops and merge-tree takes over', () => {
  it('at a branch that changes a file merged before (and merges it as merge-tree does)', async () => {
    const from = await commitOnMain({ 'lines.txt': 'one\ntwo\nthree\nfour\nfive\n' });
    const base = { commit: from, label: 'base' };
    const branches = [
      await branch('a', { 'a.txt': 'a\n' }, from),
      await branch('top', { 'lines.txt': 'ONE\ntwo\nthree\nfour\nfive\n' }, from),
      await branch('b', { 'b.txt': 'b\n' }, from),
      await branch('bottom', { 'lines.txt': 'one\ntwo\nthree\nfour\nFIVE\n' }, from),
      await branch('c', { 'c.txt': 'c\n' }, from),
    ];
    const commits = [base, ...branches];

    const { commit, commands } = await combine(commits, 'merge');

    // a, top and b at once; bottom changes lines.txt again, so it and c are merged one by one.
    expect(commands.filter((c) => c === 'merge-tree')).toHaveLength(2);
    expect(firstParents(from, commit).map(treeOf)).toEqual(mergeTreeSequence(commits));
    expect(git(fx.repo.path, 'show', `${commit}:lines.txt`)).toBe('ONE\ntwo\nthree\nfour\nFIVE\n');
  });

  it('at a deletion (merge-ort may see a rename in it) and at a branch made from one merged before', async () => {
    const from = await commitOnMain({ 'old/x.txt': 'x\n' });
    const a = await branch('a', { 'a.txt': 'a\n' }, from);
    const after = await branch('after-a', { 'a2.txt': 'a2\n' }, a.commit);
    const b = await branch('b', { 'b.txt': 'b\n' }, from);
    const rename = await branch(
      'rename',
      (dir) => {
        mkdirSync(join(dir, 'new'));
        git(dir, 'mv', 'old/x.txt', 'new/x.txt');
      },
      from,
    );
    const added = await branch('add-old', { 'old/y.txt': 'y\n' }, from);

    const commits = [{ commit: from, label: 'base' }, a, after, b];
    const { commit, commands } = await combine(commits, 'merge');
    expect(commands.filter((c) => c === 'merge-tree')).toHaveLength(2);
    expect(firstParents(from, commit).map(treeOf)).toEqual(mergeTreeSequence(commits));

    // Had y.txt gone into old/ at once, the rename of old/ to new/ would have lost it.
    const renamed = [{ commit: from, label: 'base' }, a, b, rename, added];
    const result = await combineCommits(new Git(fx.repo.path), renamed, 'merge', message);
    expect(result).toMatchObject({ ok: false, conflict: { files: ['new/y.txt'], theirs: 'add-old' } });
  });

  it('at a file where a folder was added before: the conflict is reported as merge-tree reports it', async () => {
    const commits = [
      start(),
      await branch('a', { 'a.txt': 'a\n' }),
      await branch('b', { 'b.txt': 'b\n' }),
      await branch('file', { x: 'file\n' }),
      await branch('folder', { 'x/y.txt': 'folder\n' }),
    ];

    const result = await combineCommits(new Git(fx.repo.path), commits, 'merge', message);

    expect(result).toMatchObject({ ok: false, conflict: { theirs: 'folder' } });
  });
});
