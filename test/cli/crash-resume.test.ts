import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli, LiveCli } from '../support/cli.js';
import { HEADER, isAlive, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

const status = (runId?: string) => {
  const r = cli(['status', '--json', ...(runId ? ['--run', runId] : [])], fx.repo);
  return { code: r.code, record: JSON.parse(r.stdout) as RunRecord & { state: string } };
};
const worktrees = () =>
  fx
    .git('worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree '));
const runIdOf = (run: LiveCli) => (run.events[0] as Extract<EngineEvent, { type: 'run-started' }>).runId;

/** done → slow (the one killed) → after; `other` is independent and finishes first. */
const WORKFLOW = `${HEADER}gates:
  slowgate: "sleep 30"
  ok: "true"
tasks:
  done: { agent: bot, prompt: first }
  other: { agent: bot, prompt: independent }
  slow: { agent: bot, prompt: second, needs: [done] PHASE }
  after: { agent: bot, prompt: third, needs: [slow] }
`;

const phases = {
  'sandbox setup': {
    yaml: ', sandbox: { setup: ["sleep 30"] }',
    at: (e: EngineEvent) => e.type === 'task-phase' && e.task === 'slow' && e.phase === 'setup',
  },
  'agent running': {
    yaml: '',
    at: (e: EngineEvent) => e.type === 'task-started' && e.task === 'slow',
  },
  'gate running': {
    yaml: ', verify: [slowgate]',
    at: (e: EngineEvent) => e.type === 'task-phase' && e.task === 'slow' && e.phase === 'verify',
  },
} as const;

describe('kill -9 at each phase, then status, resume and clean', () => {
  it.each(Object.keys(phases) as (keyof typeof phases)[])('during %s', async (phase) => {
    fx = new RunFixture();
    const { yaml, at } = phases[phase];
    const file = fx.setup(WORKFLOW.replace(' PHASE', yaml), {
      slow: [{ sleepMs: phase === 'agent running' ? 30_000 : 0 }, {}],
    });
    const run = new LiveCli(['run', '-f', file], fx.repo);
    await run.waitFor((e) => e.type === 'task-finished' && e.task === 'other');
    await run.waitFor(at);
    run.child.kill('SIGKILL');
    await run.exited;
    const runId = runIdOf(run);

    const before = status(runId);
    expect(before.code).toBe(1);
    expect(before.record.state).toBe('interrupted');
    expect(before.record.tasks.done!.status).toBe('succeeded');
    expect(before.record.tasks.other!.status).toBe('succeeded');
    expect(before.record.tasks.slow!.status).toBe('interrupted');
    expect(before.record.tasks.after!.status).toBe('pending');

    // Resume with a quick gate and setup: the workflow edit only concerns the interrupted task.
    fx.setup(WORKFLOW.replace(' PHASE', yaml.replace('sleep 30', 'true').replace('slowgate', 'ok')));
    const agentRunsBefore = fx.invocations().length;
    const resumed = cli(['resume', '-f', file, '--json'], fx.repo);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const started = fx
      .invocations()
      .slice(agentRunsBefore)
      .map((i) => i.task);
    expect(started.sort()).toEqual(['after', 'slow']);
    const after = status(runId);
    expect(after.code).toBe(0);
    expect(fx.show(after.record.integration.branch, 'README.md')).toBe('# test');

    const cleaned = cli(['clean'], fx.repo);
    expect(cleaned.code).toBe(0);
    expect(worktrees()).toHaveLength(1);
    expect(existsSync(join(fx.sandboxes, runId)) ? readdirSync(join(fx.sandboxes, runId)) : []).toEqual([]);
  });

  it('during integration: the integration is redone by resume and nothing is half-made', async () => {
    fx = new RunFixture();
    const file = fx.setup(
      `${HEADER}gates:\n  slow: "sleep 30"\ntasks:\n  a: { agent: bot, prompt: x }\nintegrate:\n  verify: [slow]\n`,
    );
    const run = new LiveCli(['run', '-f', file], fx.repo);
    await run.waitFor((e) => e.type === 'integration-started');
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGKILL');
    await run.exited;
    const runId = runIdOf(run);
    expect(status(runId).record.state).toBe('interrupted');
    expect(fx.git('branch', '--list', `orchestra/${runId}`)).toBe('');
    fx.setup(
      `${HEADER}gates:\n  slow: "true"\ntasks:\n  a: { agent: bot, prompt: x }\nintegrate:\n  verify: [slow]\n`,
    );
    expect(cli(['resume', '-f', file], fx.repo, { CI: '1' }).code).toBe(0);
    expect(fx.invocations()).toHaveLength(1);
    expect(fx.git('branch', '--list', `orchestra/${runId}`)).toContain(runId);
    cli(['clean'], fx.repo);
    expect(worktrees()).toHaveLength(1);
  });
});

describe('kill -9 leaves the agent running', () => {
  // The agent leads its own process group and outlives orchestra; resume started a second one
  // beside it, both writing into the task's sandbox.
  // run.json's record of the group is written without being awaited and may wait behind another
  // write: killed before it landed, the run still has the file written as the process started.
  it.each([
    ['in run.json', false],
    ['only in its own file', true],
  ])(
    'status says it still runs, and resume stops it before running the task again (group %s)',
    async (_, lost) => {
      fx = new RunFixture();
      const file = fx.setup(`${HEADER}tasks:\n  a: { agent: bot, prompt: x }\n`, {
        a: [{ sleepMs: 60_000, grandchild: true }, {}],
      });
      const run = new LiveCli(['run', '-f', file], fx.repo);
      await run.waitFor((e) => e.type === 'task-started');
      // The agent logs its start, with its pid and its grandchild's (which ignores SIGTERM), first.
      const agent = await waitFor(() => fx.invocations()[0]);
      run.child.kill('SIGKILL');
      await run.exited;
      const runId = runIdOf(run);
      expect(isAlive(agent.pid)).toBe(true);
      expect(isAlive(agent.grandchild!)).toBe(true);
      if (lost) {
        const state = join(fx.repo, '.orchestra', 'runs', runId, 'run.json');
        const record = JSON.parse(readFileSync(state, 'utf8')) as {
          tasks: Record<string, { processGroup?: number }>;
        };
        delete record.tasks.a!.processGroup;
        writeFileSync(state, JSON.stringify(record));
      }

      const shown = cli(['status', '--run', runId], fx.repo);
      expect(shown.stdout).toMatch(
        new RegExp(
          `still running, though the run died: a \\(process group ${agent.pid}\\); resume stops them first`,
        ),
      );
      expect(status(runId).record).toMatchObject({ stillRunning: [{ task: 'a', processGroup: agent.pid }] });

      const resumed = cli(['resume', '-f', file, '--json'], fx.repo);
      expect(resumed.code).toBe(0);
      expect(isAlive(agent.pid)).toBe(false);
      expect(isAlive(agent.grandchild!)).toBe(false);
      // The first agent never reached its end; the second one ran after it was gone.
      const [first, second] = fx.invocations();
      expect(first?.end).toBeUndefined();
      expect(second?.start).toBeGreaterThan(first!.start);
      const after = status(runId).record;
      expect(after.tasks.a!.processGroup).toBeUndefined();
      expect(after).not.toHaveProperty('stillRunning');
    },
  );
});

async function waitFor<T>(get: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const value = get();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

describe('the values of --var after kill -9', () => {
  it("resume and rerun keep the run's values; --var on rerun overrides them", async () => {
    fx = new RunFixture();
    const go = join(fx.root, 'go');
    const file = fx.setup(`${HEADER}vars:
  word: default
tasks:
  first: { run: "echo \${{ vars.word }} > first.txt" }
  second: { run: "while [ ! -e ${go} ]; do sleep 0.1; done; echo \${{ vars.word }} > second.txt", needs: [first] }
`);
    const run = new LiveCli(['run', '-f', file, '--var', 'word=given'], fx.repo);
    await run.waitFor((e) => e.type === 'task-started' && e.task === 'second');
    run.child.kill('SIGKILL');
    await run.exited;
    const runId = runIdOf(run);
    writeFileSync(go, '');

    // Not "first changed since the run": it ran with word=given, and so does what resume starts.
    const resumed = cli(['resume', '--json'], fx.repo);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const branch = status(runId).record.integration.branch;
    expect([fx.show(branch, 'first.txt'), fx.show(branch, 'second.txt')]).toEqual(['given', 'given']);

    expect(cli(['rerun', 'second', '--run', runId], fx.repo).code).toBe(0);
    expect(fx.show(branch, 'second.txt')).toBe('given');
    expect(cli(['rerun', 'first', 'second', '--var', 'word=other'], fx.repo).code).toBe(0);
    expect([fx.show(branch, 'first.txt'), fx.show(branch, 'second.txt')]).toEqual(['other', 'other']);
  });
});

describe('runs side by side', () => {
  it('two runs in one repository both complete with their own ids and branches', async () => {
    fx = new RunFixture();
    const file = fx.setup(
      `${HEADER}tasks:\n  a: { agent: bot, prompt: x }\n  b: { agent: bot, prompt: y, needs: [a] }\n`,
      { a: [{ sleepMs: 300 }] },
    );
    const one = new LiveCli(['run', '-f', file], fx.repo);
    const two = new LiveCli(['run', '-f', file], fx.repo);
    expect([await one.exited, await two.exited]).toEqual([0, 0]);
    const ids = [runIdOf(one), runIdOf(two)];
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(fx.git('branch', '--list', `orchestra/${id}`)).toContain(id);
  });

  it('refuses a second resume of a run that is being resumed', async () => {
    fx = new RunFixture();
    const file = fx.setup(`${HEADER}tasks:\n  a: { agent: bot, prompt: x }\n`, {
      a: [{ sleepMs: 3_000 }],
    });
    const run = new LiveCli(['run', '-f', file], fx.repo);
    await run.waitFor((e) => e.type === 'task-started');
    run.child.kill('SIGKILL');
    await run.exited;
    const first = new LiveCli(['resume', '-f', file], fx.repo);
    await first.waitFor((e) => e.type === 'task-started');
    const second = cli(['resume', '-f', file], fx.repo);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('is in use by another orchestra process');
    expect(await first.exited).toBe(0);
    expect(
      JSON.parse(readFileSync(join(fx.repo, '.orchestra/runs', runIdOf(run), 'run.json'), 'utf8')),
    ).toMatchObject({ outcome: 'succeeded' });
  });
});
