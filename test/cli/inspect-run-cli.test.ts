import { execSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

// One run shared by the tests below, which only read it (and the last, which lands it).
let fx: RunFixture;
let summary: string;
let runId: string;
const WORKFLOW = `${HEADER}vars:
  topic: shouting
roles:
  writer: { agent: bot, instructions: Be brief. }
gates:
  done: test -f done.txt
tasks:
  a: { role: writer, prompt: "Write about \${{ vars.topic }}.", verify: [done], retries: 1 }
  b: { run: "echo b > b.txt", needs: [a] }
`;

beforeAll(() => {
  fx = new RunFixture();
  const file = fx.setup(WORKFLOW, {
    a: [{ write: { 'a.txt': 'one\n' } }, { write: { 'a.txt': 'one\ntwo\n', 'done.txt': 'yes\n' } }],
  });
  const r = cli(['run', '-f', file], fx.repo, { CI: '1' });
  expect(r.code, r.stderr).toBe(0);
  summary = r.stderr;
  runId = /run (\S+) succeeded/.exec(summary)![1]!;
});
afterAll(() => fx.cleanup());

describe('orchestra diff', () => {
  it("prints the task's change against the commit it started at", () => {
    const a = cli(['diff', 'a'], fx.repo);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('+++ b/a.txt');
    expect(a.stdout).toContain('+two');
    expect(a.stdout).not.toContain('b.txt');
    // b started from a's result: its diff holds its own change only.
    const b = cli(['diff', 'b', '--stat', '--run', runId], fx.repo);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/^ b\.txt \| 1 \+\n 1 file changed, 1 insertion\(\+\)\n$/);
  });

  it('refuses an unknown task with the tasks there are', () => {
    const r = cli(['diff', 'nope'], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`run ${runId} has no task "nope"`);
    expect(r.stderr).toContain('its tasks: a, b');
  });
});

describe('orchestra logs --prompt', () => {
  it('shows the exact prompt of each attempt, the retry with its feedback', () => {
    const first = cli(['logs', 'a', '--prompt', '--attempt', '1'], fx.repo);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('Be brief.\n\nWrite about shouting.\n');
    const last = cli(['logs', 'a', '--prompt'], fx.repo);
    expect(last.stdout).toMatch(
      /^Be brief\.\n\nWrite about shouting\.\n\n---\nYour previous attempt did not pass: gate "done" failed/,
    );
    // What the agent really received (the scripted agent logs its argv).
    expect(fx.invocations().map((i) => `${i.prompt}\n`)).toEqual([first.stdout, last.stdout]);
  });

  it("shows a run: task's command, and refuses --prompt with --gate", () => {
    expect(cli(['logs', 'b', '--prompt'], fx.repo).stdout).toBe('echo b > b.txt\n');
    const r = cli(['logs', 'a', '--prompt', '--gate', 'done'], fx.repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--prompt' cannot be used with option '--gate <name>'");
  });
});

describe('landing the result', () => {
  it('the summary and status say how to land it, and the hint works when pasted', () => {
    const branch = `orchestra/${runId}`;
    expect(summary).toContain(`  land     git merge --ff-only ${branch}  into main`);
    expect(summary).not.toContain('gh pr create'); // no remote to push to

    // main moved on: only a merge lands it now; with a remote, a pull request is offered too.
    fx.git('commit', '-q', '--allow-empty', '-m', 'elsewhere');
    fx.git('remote', 'add', 'origin', 'https://example.invalid/repo.git');
    const moved = cli(['status'], fx.repo).stdout;
    expect(moved).toContain(
      `  land it into main (a merge commit: it moved on since the run's base): git merge ${branch}`,
    );
    expect(moved).toContain(
      `  or open a pull request: git push -u origin ${branch} && gh pr create --fill --head ${branch}`,
    );

    fx.git('reset', '-q', '--hard', 'HEAD~1');
    const before = cli(['status'], fx.repo).stdout;
    const command = /land it into main: (.*)/.exec(before)![1]!;
    expect(command).toBe(`git merge --ff-only ${branch}`);
    execSync(command, { cwd: fx.repo, stdio: 'ignore' });
    expect(fx.git('show', 'main:b.txt')).toBe('b');
    const after = cli(['status'], fx.repo).stdout;
    expect(after).toContain('  already in main');
    expect(after).not.toContain('gh pr create');
  });

  it('from another branch: switch to the base branch, then fast-forward it', () => {
    const other = new RunFixture();
    try {
      const file = other.setup(
        `${HEADER.replace('sandbox:\n', 'sandbox:\n  base: main\n')}tasks:\n  t: { run: "echo t > t.txt" }\n`,
      );
      other.git('switch', '-q', '-c', 'topic');
      other.git('commit', '-q', '--allow-empty', '-m', 'on topic');
      const r = cli(['run', '-f', file], other.repo, { CI: '1' });
      expect(r.code, r.stderr).toBe(0);
      const id = /run (\S+) succeeded/.exec(r.stderr)![1]!;
      const hint = `git switch main && git merge --ff-only orchestra/${id}`;
      expect(r.stderr).toContain(`  land     ${hint}  into main`);
      execSync(hint, { cwd: other.repo, stdio: 'ignore' });
      expect(other.git('show', 'main:t.txt')).toBe('t');
    } finally {
      other.cleanup();
    }
  });
});
