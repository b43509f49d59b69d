import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

// Usage errors are caught before any command runs: an empty folder is enough.
const dir = mkdtempSync(join(tmpdir(), 'orchestra-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bad command lines exit 2 with the problem on stderr, never a stack trace', () => {
  const cases: [string[], string][] = [
    [['bogus'], "unknown command 'bogus'"],
    [['run', '--bogus'], "unknown option '--bogus'"],
    [['status', 'extra'], "too many arguments for 'status'"],
    [['logs'], "missing required argument 'task'"],
    [['logs', 'a', 'b'], "too many arguments for 'logs'"],
    [['run', '--concurrency', '0'], 'expected a whole number of at least 1'],
    [['run', '--concurrency', '-1'], 'expected a whole number of at least 1'],
    [['run', '--concurrency', 'abc'], 'expected a whole number of at least 1'],
    [['run', '--concurrency', '1.5'], 'expected a whole number of at least 1'],
    [['logs', 'a', '--attempt', '0'], 'expected a whole number of at least 1'],
    [['run', '--keep', 'sometimes'], 'Allowed choices are never, on-failure, always'],
    [['graph', '--format', 'png'], 'Allowed choices are text, mermaid, dot, json'],
    [['validate', '--var', 'novalue'], '--var novalue: expected NAME=value'],
    [['status', '--run'], "option '--run <id>' argument missing"],
  ];
  it.each(cases)('%j', (args, says) => {
    const r = cli(args, dir);
    expect(r.stderr).toContain(says);
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
    expect(r.code).toBe(2);
  });
});

describe('a repository git refuses is reported in git\'s words, not as "not in a git repository"', () => {
  const bare = join(dir, 'bare.git');
  const workflow = join(dir, 'bare-workflow.yaml');
  it.each([['status'], ['run', '-f', workflow], ['resume', '-f', workflow]])(
    'a bare repository: %j',
    (...args) => {
      execFileSync('git', ['init', '-q', '--bare', bare]);
      writeFileSync(workflow, 'version: 1\ntasks:\n  a: { run: "true" }\n');
      const r = cli(args, bare);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`git cannot use the repository at ${bare}: it is a bare repository`);
    },
  );

  // Only root can give a folder to another user; git then refuses it unless safe.directory says otherwise.
  const owned = join(dir, 'owned');
  const refused = () => {
    execFileSync('git', ['init', '-q', owned]);
    execFileSync('chown', ['-R', 'nobody', owned]);
    return spawnSync('git', ['rev-parse'], { cwd: owned, encoding: 'utf8' }).stderr.includes(
      'dubious ownership',
    );
  };
  it.skipIf(process.getuid?.() !== 0 || !refused())(
    'a repository owned by another user (skipped unless root, and git refuses it)',
    () => {
      const r = cli(['status'], owned);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`git cannot use the repository at ${owned}: detected dubious ownership`);
      expect(r.stderr).toContain(`git config --global --add safe.directory ${owned}`);
    },
  );

  it('a folder outside any repository says just that', () => {
    const r = cli(['status'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir} is not in a git repository`);
  });
});
