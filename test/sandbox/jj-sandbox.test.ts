import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import { checkoutFingerprint, git, trackedFiles, writeFiles } from '../support/git-repo.js';
import { committed, makeFixture, unwrap, type Fixture } from './fixture.js';

const hasJj = spawnSync('jj', ['--version']).error === undefined;
if (!hasJj) {
  // Say it out loud: a skipped suite is easy to mistake for a passing one.
  // eslint-disable-next-line no-console
  console.warn('jj is not installed: the jj sandbox tests that need it are skipped');
}

let fx: Fixture;

beforeEach(async () => {
  fx = await makeFixture();
});
afterEach(() => fx.repo.cleanup());

it.skipIf(hasJj)('reports jj-missing and leaves nothing behind when jj is not installed', async () => {
  const before = await checkoutFingerprint(fx.repo.path);

  const result = await createSandbox('jj', fx.spec);

  expect(result.ok || result.error.reason).toBe('jj-missing');
  expect(existsSync(fx.spec.path)).toBe(false);
  expect(git(fx.repo.path, 'branch', '--list', fx.spec.branch)).toBe('');
  expect(await checkoutFingerprint(fx.repo.path)).toBe(before);
});

describe.skipIf(!hasJj)('jj sandbox', () => {
  beforeEach(() => {
    const init = spawnSync('jj', ['git', 'init', '--colocate'], { cwd: fx.repo.path, encoding: 'utf8' });
    expect(init.status, init.stderr).toBe(0);
  });

  it('is a workspace at the base whose commits land on the task branch, without copied files', async () => {
    const sandbox = unwrap(await createSandbox('jj', fx.spec));
    expect(git(fx.repo.path, 'rev-parse', fx.spec.branch).trim()).toBe(fx.base);
    expect(await readFile(join(sandbox.path, '.env'), 'utf8')).toBe('SECRET=1\n');
    await writeFiles(sandbox.path, { 'src/new.ts': 'new\n' });

    const head = committed(await sandbox.commit('task-a: work'));

    expect(git(fx.repo.path, 'rev-parse', fx.spec.branch).trim()).toBe(head);
    expect(git(fx.repo.path, 'rev-parse', `${head}^`).trim()).toBe(fx.base);
    expect(trackedFiles(fx.repo.path, head)).toEqual([
      '.gitignore',
      '.worktreeinclude',
      'README.md',
      'src/app.ts',
      'src/new.ts',
    ]);

    await sandbox.dispose();
    await sandbox.dispose();
    expect(existsSync(sandbox.path)).toBe(false);
    expect(git(fx.repo.path, 'rev-parse', fx.spec.branch).trim()).toBe(head);
  });
});
