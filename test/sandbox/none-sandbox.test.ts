import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import { checkoutFingerprint, git } from '../support/git-repo.js';
import { committed, makeFixture, unwrap, type Fixture } from './fixture.js';

let fx: Fixture;

beforeEach(async () => {
  fx = await makeFixture();
});
afterEach(() => fx.repo.cleanup());

it('runs in the repository itself, creates the branch at the base and changes nothing else', async () => {
  const before = await checkoutFingerprint(fx.repo.path);
  const main = git(fx.repo.path, 'rev-parse', 'main').trim();

  const sandbox = unwrap(await createSandbox('none', fx.spec));

  expect(sandbox).toMatchObject({ type: 'none', path: fx.repo.path, branch: fx.spec.branch, untracked: [] });
  expect(git(fx.repo.path, 'rev-parse', fx.spec.branch).trim()).toBe(fx.base);
  // The user's uncommitted README edit is there, and must not become the task's commit.
  expect(committed(await sandbox.commit('read-only task'))).toBe(fx.base);
  await sandbox.publish();
  await sandbox.dispose();
  await sandbox.dispose();

  expect(git(fx.repo.path, 'rev-parse', fx.spec.branch).trim()).toBe(fx.base);
  expect(git(fx.repo.path, 'rev-parse', 'main').trim()).toBe(main);
  expect(existsSync(fx.spec.path)).toBe(false);
  expect(existsSync(join(fx.repo.path, 'vendor'))).toBe(false);
  expect(await checkoutFingerprint(fx.repo.path)).toBe(before);
});
