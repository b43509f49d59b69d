import { expect, it } from 'vitest';
import { BranchBatch } from '../../src/git/branch-batch.js';
import { Git } from '../../src/git/git.js';
import { commitFiles, git, repoPerTest } from '../support/git-repo.js';

const fx = repoPerTest();

const branches = () =>
  git(fx.repo.path, 'for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads/t/')
    .trim()
    .split('\n');

it('creates the queued branches, nothing before the flush, and each only once', async () => {
  const batch = new BranchBatch(new Git(fx.repo.path));
  batch.add('t/a', fx.base);
  batch.add('t/b', fx.base);
  expect(git(fx.repo.path, 'branch', '--list', 't/*')).toBe('');

  await batch.flush();
  await batch.flush();

  expect(branches()).toEqual([`t/a ${fx.base}`, `t/b ${fx.base}`]);
});

it('leaves a branch that exists by then alone and still creates the others', async () => {
  await commitFiles(fx.repo.path, { 'x.txt': 'x' }, 'second');
  const second = git(fx.repo.path, 'rev-parse', 'HEAD').trim();
  git(fx.repo.path, 'branch', 't/b', second);
  const batch = new BranchBatch(new Git(fx.repo.path));
  batch.add('t/a', fx.base);
  batch.add('t/b', fx.base);
  batch.add('t/c', fx.base);

  await batch.flush();

  expect(branches()).toEqual([`t/a ${fx.base}`, `t/b ${second}`, `t/c ${fx.base}`]);
});

it('throws what git says when a branch cannot be made for another reason', async () => {
  const batch = new BranchBatch(new Git(fx.repo.path));
  batch.add('t/a', '0'.repeat(40).replace(/^0/, '1'));

  await expect(batch.flush()).rejects.toThrow(/update-ref/);
  expect(git(fx.repo.path, 'branch', '--list', 't/*')).toBe('');
});
