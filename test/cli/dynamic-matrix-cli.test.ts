import { afterEach, describe, expect, it } from 'vitest';
import { cli, readRunRecord, runIdOf } from '../support/cli.js';
import { PtyCli } from '../support/pty.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

const record = (runId: string) => readRunRecord(fx.repo, runId);

const WORKFLOW = `${HEADER}tasks:
  plan: { agent: bot, prompt: plan }
  implement:
    agent: bot
    needs: [plan]
    matrix: { item: "\${{ fromJSON(tasks.plan.outputs.items) }}" }
    prompt: "implement \${{ matrix.item }}"
  review: { agent: bot, prompt: review, needs: [implement] }
`;

describe('dynamic matrix: the fan-out comes from an upstream output', () => {
  it('expands when plan finishes; review starts from every instance; graph shows one node; rerun plan re-expands', () => {
    fx = new RunFixture();
    const file = fx.setup(WORKFLOW, {
      plan: [
        { write: { 'plan.md': '1' }, output: 'items=["core","Web UI"]\n' },
        { write: { 'plan.md': '2' }, output: 'items=["cli"]\n' },
      ],
      'implement-core': [{ write: { 'core.txt': 'core' } }],
      'implement-web-ui': [{ write: { 'web.txt': 'web' } }],
      'implement-cli': [{ write: { 'cli.txt': 'cli' } }],
    });
    const graph = cli(['graph', '-f', file, '--format', 'json'], fx.repo);
    expect((JSON.parse(graph.stdout) as { tasks: { id: string }[] }).tasks.map((t) => t.id)).toEqual([
      'plan',
      'implement',
      'review',
    ]);

    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const prompts = fx.invocations().map((i) => `${i.task}: ${i.prompt}`);
    expect(prompts.sort()).toEqual([
      'implement-core: implement core',
      'implement-web-ui: implement Web UI',
      'plan: plan',
      'review: review',
    ]);
    const runId = runIdOf(r.stdout);
    const run = record(runId);
    expect(run.selected).toEqual(['plan', 'implement', 'implement-core', 'implement-web-ui', 'review']);
    expect(run.tasks.implement).toMatchObject({
      status: 'succeeded',
      instances: ['implement-core', 'implement-web-ui'],
    });
    expect(fx.show(run.tasks.review!.branch, 'core.txt')).toBe('core');
    expect(fx.show(run.tasks.review!.branch, 'web.txt')).toBe('web');
    const status = cli(['status'], fx.repo);
    expect(status.stdout).toMatch(/^implement-web-ui\s+succeeded/m);

    const again = cli(['rerun', 'plan', '--run', runId, '--json'], fx.repo);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const rerun = record(runId);
    expect(rerun.selected).toEqual(['plan', 'implement', 'implement-cli', 'review']);
    expect(rerun.tasks['implement-core']).toBeUndefined();
    expect(fx.show(rerun.tasks.review!.branch, 'cli.txt')).toBe('cli');
    expect(fx.show(rerun.integration.branch, 'cli.txt')).toBe('cli');
  });

  it('an output that is not a JSON array of scalars, or too many instances, fails the matrix task; dependents are blocked', () => {
    fx = new RunFixture();
    const file = fx.setup(`${WORKFLOW}matrix_limit: 2\n`, {
      plan: [{ write: { 'plan.md': '1' }, output: 'items={"a":1}\n' }],
    });
    const r = cli(['run', '-f', file], fx.repo);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      'matrix.item: fromJSON(tasks.plan.outputs.items) is {"a":1}, not a JSON array of strings, numbers or booleans',
    );
    expect(out).toMatch(/review.*blocked \(needs implement\)/);

    fx.setup(`${WORKFLOW}matrix_limit: 2\n`, {
      plan: [{ write: { 'plan.md': '1' }, output: 'items=[1,2,3]\n' }],
    });
    const many = cli(['run', '-f', file], fx.repo);
    expect(many.code).toBe(1);
    expect(many.stdout + many.stderr).toContain(
      'the matrix makes 3 tasks, more than the limit of 2 (matrix_limit)',
    );
  });

  it("the instances share the run's concurrency with the tasks beside the matrix", () => {
    fx = new RunFixture();
    // Three agents meet only if three run at once; with the limit held, they wait and go on (met: false).
    const meet = { dir: `${fx.root}/meet`, count: 3 };
    const items = ['a', 'b', 'c', 'd'];
    const file = fx.setup(`${WORKFLOW}  long: { agent: bot, prompt: long }\nconcurrency: 2\n`, {
      plan: [{ write: { 'plan.md': '1' }, output: `items=${JSON.stringify(items)}\n` }],
      long: [{ meet, write: { 'long.txt': 'long' } }],
      ...Object.fromEntries(items.map((i) => [`implement-${i}`, [{ meet, write: { [`${i}.txt`]: i } }]])),
    });
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(
      fx
        .invocations()
        .map((i) => i.task)
        .sort(),
    ).toEqual(['implement-a', 'implement-b', 'implement-c', 'implement-d', 'long', 'plan', 'review']);
    expect(fx.peakConcurrency()).toBe(2);
  });

  it('rerun --failed runs only the instances that did not succeed; rerun of the matrix task runs all', () => {
    fx = new RunFixture();
    const script = (b: object) => ({
      plan: [{ write: { 'plan.md': '1' }, output: 'items=["a","b"]\n' }],
      'implement-a': [{ write: { 'a.txt': 'a' } }],
      'implement-b': [b],
    });
    const file = fx.setup(WORKFLOW, script({ exit: 1 }));
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.code).toBe(1);
    const runId = runIdOf(r.stdout);
    expect(record(runId).tasks['implement-b']!.status).toBe('failed');

    fx.setup(WORKFLOW, script({ write: { 'b.txt': 'b' } }));
    const count = (task: string) => fx.invocations().filter((i) => i.task === task).length;
    const [a, b] = [count('implement-a'), count('implement-b')];
    const again = cli(['rerun', '--failed', '--run', runId, '--json'], fx.repo);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect([count('implement-a'), count('implement-b')]).toEqual([a, b + 1]);
    const run = record(runId);
    expect(fx.show(run.tasks.review!.branch, 'a.txt')).toBe('a');
    expect(fx.show(run.tasks.review!.branch, 'b.txt')).toBe('b');

    const all = cli(['rerun', 'implement', '--run', runId, '--json'], fx.repo);
    expect(all.code).toBe(0);
    expect([count('implement-a'), count('implement-b')]).toEqual([a + 1, b + 2]);
  });

  it('in a terminal, the live view draws a row per instance under the matrix task, once plan decided them', async () => {
    fx = new RunFixture();
    const file = fx.setup(WORKFLOW, {
      plan: [{ write: { 'plan.md': '1' }, output: 'items=["core","web"]\n' }],
      'implement-core': [{ say: 'working on core', sleepMs: 1500, write: { 'core.txt': 'core' } }],
      'implement-web': [{ exit: 1 }],
    });
    const run = new PtyCli(['run', '-f', file], fx.repo);
    // While they run: the instances are rows of their own, under the matrix task's.
    await run.waitFor(/ {2}\S+ implement-core\s+(agent|starting|sandbox)/);
    expect(await run.exited).toBe(1);
    const final = run.lastFrame();
    expect(final).toMatch(/\n\S+ implement\s+failed[^\n]*\n {2}\S+ implement-core\s+succeeded/);
    expect(final).toMatch(/\n {2}\S+ implement-web\s+failed/);
    expect(final).toContain('matrix-failed: 1 of 2 instances did not succeed: implement-web');
    expect(final).toMatch(/review\s+blocked/);
  });
});
