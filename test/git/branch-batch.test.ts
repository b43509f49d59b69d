import { afterEach, beforeEach, expect, it } from 'vitest';
import { BranchBatch } from '../../src/git/branch-batch.js';
import { Git } from '../../src/git/git.js';
import { commitFiles, git, makeRepo, type TestRepo } from '../support/git-repo.js';

let repo: TestRepo;
let base: string;

beforeEach(async () => {
  repo = await makeRepo();
  base = git(repo.path, 'rev-parse', 'HEAD').trim();
});
afterEach(() => repo.cleanup());

const branches = () =>
  git(repo.path, 'for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads/t/')
    .trim()
    .split('\n');

it('creates the queued branches, nothing before the flush, and each only once', async () => {
  const batch = new BranchBatch(new Git(repo.path));
  batch.add('t/a', base);
  batch.add('t/b', base);
  expect(git(repo.path, 'branch', '--list', 't/*')).toBe('');

  await batch.flush();
  await batch.flush();

  expect(branches()).toEqual([`t/a ${base}`, `t/b ${base}`]);
});

it('leaves a branch that exists by then alone and still creates the others', async () => {
  await commitFiles(repo.path, { 'x.txt': 'x' }, 'second');
  const second = git(repo.path, 'rev-parse', 'HEAD').trim();
  git(repo.path, 'branch', 't/b', second);
  const batch = new BranchBatch(new Git(repo.path));
  batch.add('t/a', base);
  batch.add('t/b', base);
  batch.add('t/c', base);

  await batch.flush();

  expect(branches()).toEqual([`t/a ${base}`, `t/b ${second}`, `t/c ${base}`]);
});

it('throws what git says when a branch cannot be made for another reason', async () => {
  const batch = new BranchBatch(new Git(repo.path));
  batch.add('t/a', '0'.repeat(40).replace(/^0/, '1'));

  await expect(batch.flush()).rejects.toThrow(/update-ref/);
  expect(git(repo.path, 'branch', '--list', 't/*')).toBe('');
});
