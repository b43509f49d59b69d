import { existsSync } from 'node:fs';
import { lstat, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox } from '../../src/sandbox/create-sandbox.js';
import { checkoutFingerprint, commitFiles, git, trackedFiles, writeFiles } from '../support/git-repo.js';
import { committed, makeFixture, unwrap, type Fixture } from './fixture.js';

let fx: Fixture;

beforeEach(async () => {
  fx = await makeFixture();
});
afterEach(() => fx.repo.cleanup());

describe.each(['worktree', 'clone'] as const)('%s sandbox', (type) => {
  it('starts at the base commit on the task branch, with the selected files copied and linked', async () => {
    const sandbox = unwrap(await createSandbox(type, fx.spec));

    expect(sandbox.type).toBe(type);
    expect(sandbox.path).toBe(fx.spec.path);
    expect(sandbox.branch).toBe(fx.spec.branch);
    expect(git(sandbox.path, 'rev-parse', 'HEAD').trim()).toBe(fx.base);
    expect(git(sandbox.path, 'symbolic-ref', '--short', 'HEAD').trim()).toBe(fx.spec.branch);
    // `node_modules/` in .gitignore does not match a symlink: only the exclusion keeps it out of commits.
    expect(git(sandbox.path, 'status', '--porcelain')).toBe('?? node_modules\n');
    expect(existsSync(join(sandbox.path, 'later.txt'))).toBe(false);
    expect(await readFile(join(sandbox.path, 'README.md'), 'utf8')).toBe('# test\n');
    expect(await readFile(join(sandbox.path, '.env'), 'utf8')).toBe('SECRET=1\n');
    expect(await readFile(join(sandbox.path, 'secrets/api.json'), 'utf8')).toBe('{"key":1}\n');
    expect(existsSync(join(sandbox.path, 'secrets/notes.txt'))).toBe(false);
    expect(existsSync(join(sandbox.path, 'scratch.txt'))).toBe(false);
    expect((await lstat(join(sandbox.path, 'node_modules'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(sandbox.path, 'node_modules'))).toBe(join(fx.repo.path, 'node_modules'));
    expect([...sandbox.untracked].sort()).toEqual(['.env', 'node_modules', 'secrets/api.json']);
  });

  it('commits the task changes but never the copied or linked files', async () => {
    const sandbox = unwrap(await createSandbox(type, fx.spec));
    await writeFiles(sandbox.path, {
      'src/app.ts': 'export const x = 1;\n',
      'src/new.ts': 'new\n',
      '.env': 'CHANGED=1\n',
    });

    const head = committed(await sandbox.commit('task-a: work'));

    expect(head).toBe(git(sandbox.path, 'rev-parse', fx.spec.branch).trim());
    expect(git(sandbox.path, 'rev-parse', `${head}^`).trim()).toBe(fx.base);
    expect(trackedFiles(sandbox.path, head)).toEqual([
      '.gitignore',
      '.worktreeinclude',
      'README.md',
      'src/app.ts',
      'src/new.ts',
    ]);
    expect(git(sandbox.path, 'log', '-1', '--format=%s', head).trim()).toBe('task-a: work');
    expect(committed(await sandbox.commit('nothing new'))).toBe(head);
  });

  it("keeps the agent's own commits, and takes out copied files the agent committed", async () => {
    const sandbox = unwrap(await createSandbox(type, fx.spec));
    // The agent commits everything it sees, the linked node_modules and copied secrets included.
    const agentCommit = await commitFiles(sandbox.path, { 'src/one.ts': '1\n' }, 'agent: one');
    expect(trackedFiles(sandbox.path, agentCommit)).toContain('node_modules');
    await writeFiles(sandbox.path, { 'src/two.ts': '2\n' });

    const head = committed(await sandbox.commit('task-a: rest'));

    expect(git(sandbox.path, 'log', '--format=%s', `${fx.base}..${head}`).trim().split('\n')).toEqual([
      'task-a: rest',
      'agent: one',
    ]);
    expect(trackedFiles(sandbox.path, head)).toEqual([
      '.gitignore',
      '.worktreeinclude',
      'README.md',
      'src/app.ts',
      'src/one.ts',
      'src/two.ts',
    ]);
  });

  it('is removed by dispose, twice without complaint, without harming the linked folder', async () => {
    const sandbox = unwrap(await createSandbox(type, fx.spec));
    await writeFiles(sandbox.path, { 'uncommitted.txt': 'x' });

    await sandbox.dispose();
    await sandbox.dispose();

    expect(existsSync(sandbox.path)).toBe(false);
    expect(existsSync(join(fx.repo.path, 'node_modules/pkg/index.js'))).toBe(true);
    expect(git(fx.repo.path, 'worktree', 'list', '--porcelain')).not.toContain(sandbox.path);
  });

  it("leaves the user's checkout exactly as it was", async () => {
    const before = await checkoutFingerprint(fx.repo.path);

    const sandbox = unwrap(await createSandbox(type, fx.spec));
    await writeFiles(sandbox.path, { 'README.md': 'sandbox edit\n', '.env': 'SANDBOX=1\n' });
    committed(await sandbox.commit('task-a: edit'));
    await sandbox.publish();
    await sandbox.dispose();

    expect(await checkoutFingerprint(fx.repo.path)).toBe(before);
  });
});

describe('worktree sandbox', () => {
  it('is a registered worktree whose branch is in the repository from the start', async () => {
    const sandbox = unwrap(await createSandbox('worktree', fx.spec));

    expect(git(fx.repo.path, 'worktree', 'list', '--porcelain')).toContain(`worktree ${sandbox.path}\n`);
    expect(git(fx.repo.path, 'rev-parse', fx.spec.branch).trim()).toBe(fx.base);
    await writeFiles(sandbox.path, { 'x.txt': 'x' });
    const head = committed(await sandbox.commit('x'));
    expect(git(fx.repo.path, 'rev-parse', fx.spec.branch).trim()).toBe(head);
  });

  it('is disposed even after someone deleted its folder', async () => {
    const sandbox = unwrap(await createSandbox('worktree', fx.spec));
    git(fx.repo.path, 'worktree', 'remove', '--force', sandbox.path);

    await sandbox.dispose();

    expect(git(fx.repo.path, 'worktree', 'list', '--porcelain')).not.toContain(sandbox.path);
  });
});

describe('clone sandbox', () => {
  it('is a repository of its own whose branch reaches the user repository on publish', async () => {
    const sandbox = unwrap(await createSandbox('clone', fx.spec));
    expect((await lstat(join(sandbox.path, '.git'))).isDirectory()).toBe(true);
    await writeFiles(sandbox.path, { 'x.txt': 'x' });
    const head = committed(await sandbox.commit('x'));
    expect(git(fx.repo.path, 'branch', '--list', fx.spec.branch)).toBe('');

    await sandbox.publish();

    expect(git(fx.repo.path, 'rev-parse', fx.spec.branch).trim()).toBe(head);
  });
});
