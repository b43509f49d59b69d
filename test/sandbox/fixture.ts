import { join } from 'node:path';
import { expect } from 'vitest';
import type { Sandbox, SandboxSpec } from '../../src/sandbox/sandbox.js';
import type { Result } from '../../src/util/result.js';
import { commitFiles, makeRepo, writeFiles, type TestRepo } from '../support/git-repo.js';

/** A user's repository as sandboxes meet it: ignored secrets and dependencies, and a dirty checkout. */
export interface Fixture {
  repo: TestRepo;
  /** The commit sandboxes start from; `main` has moved on since. */
  base: string;
  spec: SandboxSpec;
}

export async function makeFixture(): Promise<Fixture> {
  const repo = await makeRepo();
  const base = await commitFiles(
    repo.path,
    {
      '.gitignore': 'node_modules/\n.env\nsecrets/\n',
      '.worktreeinclude': '# secrets the app needs\nsecrets/*.json\n',
      'src/app.ts': 'export {};\n',
    },
    'app',
  );
  await commitFiles(repo.path, { 'later.txt': 'after the base' }, 'later');
  await writeFiles(repo.path, {
    '.env': 'SECRET=1\n',
    'secrets/api.json': '{"key":1}\n',
    'secrets/notes.txt': 'not selected\n',
    'node_modules/pkg/index.js': 'module.exports = 1;\n',
    // The user's own work in progress, which no sandbox may touch or pick up.
    'README.md': '# edited by the user\n',
    'scratch.txt': 'untracked user file\n',
  });
  const spec: SandboxSpec = {
    repoRoot: repo.path,
    path: join(await repo.tempDir(), 'nested', 'parents', 'task'),
    branch: 'orchestra/tasks/run-1/task-a',
    baseCommit: base,
    copy: ['.env', '.env.local'],
    link: ['node_modules', 'vendor/missing'],
  };
  return { repo, base, spec };
}

/** The sandbox of a result that must have succeeded. */
export function unwrap(result: Result<Sandbox, unknown>): Sandbox {
  if (!result.ok) expect.fail(`sandbox not created: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The commit of a sandbox's commit step that must have succeeded. */
export function committed(result: Result<string, unknown>): string {
  if (!result.ok) expect.fail(`not committed: ${JSON.stringify(result.error)}`);
  return result.value;
}
