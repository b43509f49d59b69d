import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectIsolation } from '../../src/isolation/detect.js';
import { RunFixture } from '../support/run-fixture.js';

// Repositories as users have them (hooks, odd config, a submodule, a sparse checkout), under a jail.
const support = await detectIsolation();

let fx: RunFixture;
let home: string;
/** Writable in the jail (`write:`): where the user's programs leave a mark if they ever run. */
let marks: string;
beforeEach(() => {
  fx = new RunFixture({ 'README.md': '# test\n', 'a/x.txt': 'x\n', 'b/y.txt': 'y\n' });
  home = join(fx.root, 'home');
  marks = join(fx.root, 'marks');
  mkdirSync(home);
  mkdirSync(marks);
  vi.stubEnv('HOME', home);
  vi.stubEnv('GIT_CONFIG_GLOBAL', join(home, '.gitconfig'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  fx.cleanup();
});

/** An executable script that leaves `name` in the marks folder and fails (kept there: the jail sees it). */
function marker(name: string, path = join(marks, `${name}.sh`)): string {
  writeFileSync(path, `#!/bin/sh\ntouch "${join(marks, name)}"\nexit 1\n`);
  chmodSync(path, 0o755);
  return path;
}

async function runJailed(run: string) {
  const { result } = await fx.run(`version: 1
sandbox: { dir: ${JSON.stringify(fx.sandboxes)}, keep: never, isolation: os, write: [${JSON.stringify(marks)}] }
tasks:
  work: { run: ${JSON.stringify(run)} }
`);
  const task = result.record.tasks.work!;
  expect(task.failure).toBeUndefined();
  expect(task.status).toBe('succeeded');
  return task;
}

/** The agent commits and runs `git status` in the jail; none of the `unran` marks is left. */
async function commitJailed(unran: string[]): Promise<void> {
  const task = await runJailed(
    "echo one > one.txt && git add one.txt && git -c user.name=agent -c user.email=agent@localhost commit -qm 'agent: one' && git status --short && echo two > two.txt",
  );
  expect(fx.git('log', '--format=%s', task.branch)).toContain('agent: one');
  expect(fx.show(task.branch, 'two.txt')).toBe('two');
  for (const name of unran) expect(existsSync(join(marks, name)), name).toBe(false);
}

describe.skipIf(!support.ok)(
  `isolation: os on users' repositories${support.ok ? '' : `: skipped, ${support.why}`}`,
  () => {
    it("runs none of the repository's hooks or its fsmonitor, for the agent's commits or orchestra's", async () => {
      marker('pre-commit', join(fx.repo, '.git', 'hooks', 'pre-commit'));
      fx.git('config', 'core.fsmonitor', marker('repo-fsmonitor'));
      await commitJailed(['pre-commit', 'repo-fsmonitor']);
    });

    it("commits unsigned and runs no fsmonitor when the user's own git config asks for them", async () => {
      writeFileSync(
        join(home, '.gitconfig'),
        `[commit]\n\tgpgsign = true\n[tag]\n\tgpgsign = true\n[gpg]\n\tprogram = ${marker('gpg')}\n[core]\n\tfsmonitor = ${marker('fsmonitor')}\n`,
      );
      await commitJailed(['gpg', 'fsmonitor']);
    });

    it('checks out a submodule the agent can read and run git in', async () => {
      const sub = join(fx.root, 'sub-origin');
      mkdirSync(sub);
      const git = (cwd: string, ...args: string[]) =>
        fx.git('-C', cwd, '-c', 'protocol.file.allow=always', ...args);
      git(sub, 'init', '-q', '-b', 'main');
      writeFileSync(join(sub, 's.txt'), 'in the submodule\n');
      git(sub, 'add', '-A');
      git(sub, 'commit', '-qm', 'sub');
      git(fx.repo, 'submodule', '--quiet', 'add', sub, 'sub');
      git(fx.repo, 'commit', '-qm', 'add sub');
      const task = await runJailed(
        'cat sub/s.txt > seen.txt && git -C sub log --format=%s > sublog.txt && git status --short > status.txt',
      );
      expect(fx.show(task.branch, 'seen.txt')).toBe('in the submodule');
      expect(fx.show(task.branch, 'sublog.txt')).toBe('sub');
    });

    it("gives a full checkout of a sparse one, leaving the user's sparse", async () => {
      fx.git('sparse-checkout', 'set', 'a');
      expect(existsSync(join(fx.repo, 'b', 'y.txt'))).toBe(false);
      const task = await runJailed('cat b/y.txt > seen.txt && echo z > b/z.txt');
      expect(fx.show(task.branch, 'seen.txt')).toBe('y');
      expect(fx.show(task.branch, 'b/z.txt')).toBe('z');
      expect(existsSync(join(fx.repo, 'b'))).toBe(false);
    });
  },
);
