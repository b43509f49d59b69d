import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import type { RunRecord } from '../../src/state/run-state.js';
import { cli } from '../support/cli.js';
import { fakeClaude } from '../support/fake-claude.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';
import type { Step } from '../support/run-fixture.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const record = (repo: string, runId: string) =>
  JSON.parse(readFileSync(join(repo, '.orchestra/runs', runId, 'run.json'), 'utf8')) as RunRecord;
const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as EngineEvent);

/**
 * A fixture whose built-in `claude` agent is the scripted agent (a `claude` wrapper first on the
 * agent's PATH): it reports cost and tokens the way Claude Code does, so the budget counts them.
 */
function budgetFixture(yaml: string, tasks: Record<string, Step[]>): { fx: RunFixture; file: string } {
  const fx = new RunFixture();
  cleanups.push(() => fx.cleanup());
  const env = fakeClaude(fx);
  // Unjailed, as the shared header: the scripted agent logs outside its sandbox.
  const head = `version: 1\nsandbox:\n  dir: SANDBOX_DIR\n  keep: never\n  isolation: none\nagents:\n  claude:\n    env: ${JSON.stringify(env)}\n`;
  return { fx, file: fx.setup(`${head}${yaml}`, tasks) };
}

const costs = (usd: number): Step => ({ report: { costUsd: usd, inputTokens: 1000, outputTokens: 100 } });

describe('budgets', () => {
  it('stops starting work once the run budget is spent: running tasks finish, the rest cancelled (budget), exit 1', () => {
    const { fx, file } = budgetFixture(
      `concurrency: 1
budget: { usd: 1 }
tasks:
  a: { agent: claude, prompt: A }
  b: { agent: claude, prompt: B }
  c: { agent: claude, prompt: C, needs: [a, b] }
  d: { agent: claude, prompt: D }
`,
      { a: [costs(0.6)], b: [costs(0.6)], c: [costs(0.1)], d: [costs(0.1)] },
    );
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.code).toBe(1);
    const evs = events(r.stdout);
    const started = evs.find((e) => e.type === 'run-started') as Extract<
      EngineEvent,
      { type: 'run-started' }
    >;
    expect(started.budget).toEqual({ limit: { usd: 1 }, spent: { usd: 0, tokens: 0 } });
    const spends = evs.filter((e) => e.type === 'budget-spend');
    expect(spends.at(-1)).toMatchObject({ budget: { spent: { usd: 1.2, tokens: 2200 } } });
    const finished = evs.at(-1) as Extract<EngineEvent, { type: 'run-finished' }>;
    expect(finished.outcome).toBe('failed');
    expect(finished.budget).toEqual({ limit: { usd: 1 }, spent: { usd: 1.2, tokens: 2200 }, stopped: true });
    const rec = record(fx.repo, started.runId);
    const ran = ['a', 'b', 'c', 'd'].filter((t) => rec.tasks[t]!.status === 'succeeded');
    expect(ran).toHaveLength(2);
    for (const t of ['a', 'b', 'c', 'd'].filter((t) => !ran.includes(t)))
      expect(rec.tasks[t]).toMatchObject({ status: 'cancelled', stoppedBy: 'budget', attempts: [] });
    expect(rec.budget).toMatchObject({ stopped: true, spent: { usd: 1.2 } });

    const status = cli(['status'], fx.repo);
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(
      'budget: $1.20 of $1.00 spent; the budget stopped the run (no new attempts, 2 tasks not started)',
    );
    expect(status.stdout).toContain('not started: the budget was spent');
    // A rerun starts with the spend so far shown; with the budget still spent, nothing starts.
    const rerun = cli(['rerun', '--failed'], fx.repo);
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toContain('budget: $1.20 of $1.00 spent so far');
    expect(rerun.stderr).toContain('budget: $1.20 of $1.00 spent; the budget stopped the run');
    expect(readFileSync(fx.log, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it("a task's own budget ends its retries", () => {
    const { fx, file } = budgetFixture(
      `gates:
  never: "false"
tasks:
  x: { agent: claude, prompt: X, retries: 5, verify: [never], budget: { tokens: 2000 } }
`,
      { x: [costs(0.01)] },
    );
    const r = cli(['run', '-f', file, '--json'], fx.repo);
    expect(r.code).toBe(1);
    const finished = events(r.stdout).at(-1) as Extract<EngineEvent, { type: 'run-finished' }>;
    const x = finished.tasks[0]!;
    // 1,100 tokens an attempt: the second reaches 2,000, so no third starts.
    expect(x.attempts).toBe(2);
    expect(x.failure?.message).toContain("no retry: the task's budget is spent (2,200 of 2,000 tokens)");
    expect(finished.budget).toBeUndefined();
  });

  it('counts what a rate-limited run spent and starts no restart past the budget', () => {
    const { fx, file } = budgetFixture(
      `tasks:\n  x: { agent: claude, prompt: X, budget: { tokens: 2000 } }\n`,
      { x: [{ report: { inputTokens: 1000, outputTokens: 100, rateLimited: true }, exit: 1 }] },
    );
    const r = cli(['run', '-f', file, '--json'], fx.repo, { ORCHESTRA_RATE_LIMIT_BASE_MS: '0' });
    expect(r.code).toBe(1);
    const runId = (events(r.stdout)[0] as Extract<EngineEvent, { type: 'run-started' }>).runId;
    const x = record(fx.repo, runId).tasks.x!;
    // Run 1 (1,100 tokens) was limited and restarted; run 2 reached 2,200: no third run.
    expect(readFileSync(fx.log, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(x).toMatchObject({ status: 'failed', stoppedBy: 'budget', rateLimitWaits: 1 });
    expect(x.usage).toMatchObject({ inputTokens: 2000, outputTokens: 200 });
  });

  it('warns once when a budget is set but the agents report no cost', () => {
    const fx = new RunFixture();
    cleanups.push(() => fx.cleanup());
    const file = fx.setup(
      `${HEADER}budget: { usd: 2 }\ntasks:\n  a: { agent: bot, prompt: A }\n  b: { agent: bot, prompt: B }\n`,
    );
    const r = cli(['run', '-f', file], fx.repo);
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.includes('warning: a budget is set'));
    expect(warnings).toEqual([
      expect.stringContaining(
        'warning: a budget is set, but a, b run agents (a custom command) that report no cost or tokens: the budget does not count them',
      ),
    ]);
  });
});
