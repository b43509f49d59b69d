import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import { claudeEnv, startAnthropicServer } from '../support/anthropic-server.js';
import type { ModelServer } from '../support/anthropic-server.js';
import { byPrompt, reply, say, write } from '../support/model-script.js';
import { RunFixture } from '../support/run-fixture.js';
import {
  agentHome,
  cliAsync,
  eventsOf,
  expectCleanServer,
  header,
  latestRunRecord,
  requireCli,
} from './e2e.js';

// A run budget against the cost the real Claude Code CLI reports (its own figure from the tokens the
// scripted Anthropic server says it used): the first task spends it, the second never starts.

let fx: RunFixture | undefined;
let server: ModelServer | undefined;

beforeAll(() => requireCli('claude'));

afterEach(async () => {
  await server?.close();
  fx?.cleanup();
  server = undefined;
  fx = undefined;
});

describe('a budget with the real claude CLI', () => {
  it('counts the cost Claude Code reports and stops starting tasks once it is spent', async () => {
    fx = new RunFixture();
    server = await startAnthropicServer(
      byPrompt([
        [
          'FIRST-TASK',
          [
            say('Writing.', write('one.txt', 'one\n')),
            reply('done', { inputTokens: 200_000, outputTokens: 2_000 }),
          ],
        ],
        ['SECOND-TASK', [reply('should not run')]],
      ]),
    );
    const env = claudeEnv({ url: server.url, home: agentHome(fx) });
    env.IS_SANDBOX = '';
    const file = fx.setup(`${header('claude', env, server.url)}concurrency: 1
budget: { usd: 0.10 }
tasks:
  first: { agent: claude, model: claude-sonnet-4-5, prompt: FIRST-TASK write one.txt }
  second: { agent: claude, model: claude-sonnet-4-5, prompt: SECOND-TASK, needs: [first] }
`);
    const r = await cliAsync(['run', '-f', file, '--json'], fx.repo);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as EngineEvent);
    expect(r.code, r.stderr).toBe(1);
    expectCleanServer(server);
    const record = latestRunRecord(fx);
    const cost = record.tasks.first!.usage!.costUsd!;
    // Claude Code's own price for 200k tokens in is well over the budget.
    expect(cost).toBeGreaterThan(0.1);
    expect(record.tasks.first!.status).toBe('succeeded');
    expect(record.tasks.second).toMatchObject({ status: 'cancelled', stoppedBy: 'budget', attempts: [] });
    expect(server.requests.some((q) => q.userTexts.some((t) => t.includes('SECOND-TASK')))).toBe(false);
    const [finished] = eventsOf(events, 'run-finished');
    expect(finished!.budget).toMatchObject({ limit: { usd: 0.1 }, stopped: true });
    expect(finished!.budget!.spent.usd).toBeCloseTo(cost, 10);
    expect((await cliAsync(['status'], fx.repo)).stdout).toContain(
      `budget: $${cost.toFixed(2)} of $0.10 spent; the budget stopped the run (no new attempts, 1 task not started)`,
    );
  });
});
