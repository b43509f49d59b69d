import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

describe('run --dry-run --reuse', () => {
  it('shows which tasks run --reuse would take from an earlier run, and creates nothing', () => {
    fx = new RunFixture();
    const file = fx.setup(`${HEADER}tasks:
  a: { agent: bot, prompt: first }
  b: { agent: bot, prompt: second, needs: [a] }
`);
    expect(cli(['run', '-f', file], fx.repo, { CI: '1' }).code).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('prompt: second', 'prompt: second reworded'));
    const branches = fx.git('branch', '--list');

    const plan = cli(['run', '-f', file, '--reuse', '--dry-run', '--json'], fx.repo);
    expect(plan.code).toBe(0);
    const tasks = (JSON.parse(plan.stdout) as { tasks: { task: string; reusedFrom: string | null }[] }).tasks;
    expect(tasks.map((t) => [t.task, t.reusedFrom !== null])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    const text = cli(['run', '-f', file, '--reuse', '--dry-run'], fx.repo).stdout;
    expect(text).toContain('2 task(s) (1 reused)');
    expect(text).toMatch(/1\. a: reused from run \d{8}-\d{6}-[0-9a-f]{4} \(agent bot\)/);
    expect(text).toContain('2. b: agent bot');
    expect(fx.git('branch', '--list')).toBe(branches);
    expect(fx.invocations()).toHaveLength(2);

    // And the run itself does what the plan said.
    const run = cli(['run', '-f', file, '--reuse'], fx.repo, { CI: '1' });
    expect(run.code).toBe(0);
    expect(fx.invocations().map((i) => i.task)).toEqual(['a', 'b', 'b']);
  });
});

describe('run and --dry-run in a checkout with uncommitted changes', () => {
  it('say in one line which changes the sandboxes will not see', () => {
    fx = new RunFixture();
    const file = fx.setup(`${HEADER}tasks:\n  a: { run: "true" }\n`);
    fx.writeFiles({ 'README.md': 'edited\n', 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c' });
    const base = fx.git('rev-parse', 'HEAD').slice(0, 10);
    const warning = `4 uncommitted changes (README.md, a.txt, b.txt, …) are not in the sandboxes: they start from HEAD at ${base}`;
    const plan = cli(['run', '-f', file, '--dry-run'], fx.repo);
    expect(plan.stderr).toBe(`warning: ${warning}\n`);
    expect(JSON.parse(cli(['run', '-f', file, '--dry-run', '--json'], fx.repo).stdout)).toMatchObject({
      warnings: [warning],
    });
    const run = cli(['run', '-f', file], fx.repo, { CI: '1' });
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.includes('warning:'))).toEqual([
      expect.stringMatching(new RegExp(`^\\d\\d:\\d\\d:\\d\\d warning: ${warning.replace(/[().…]/g, '.')}$`)),
    ]);
  });
});
