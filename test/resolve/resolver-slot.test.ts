import { afterEach, describe, expect, it } from 'vitest';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

describe('a conflict resolver and the concurrency limit', () => {
  it('waits for its task’s slot: a task made ready ahead of a slot does not resolve its needs’ conflict meanwhile', async () => {
    fx = new RunFixture({ 'shared.txt': 'base\n' });
    // concurrency 1: left, right, then long (the longer chain) takes the slot while both waits for
    // one, its sandbox prepared ahead; its needs conflict.
    const yaml = `${HEADER}roles:\n  fixer: { agent: bot }\nintegrate:\n  resolve: { role: fixer }\ntasks:
  left: { agent: bot, prompt: l }
  right: { agent: bot, prompt: r }
  long: { agent: bot, prompt: x }
  after-long: { agent: bot, prompt: y, needs: [long] }
  both: { agent: bot, prompt: b, needs: [left, right] }
`;
    const { result } = await fx.run(
      yaml,
      {
        left: [{ write: { 'shared.txt': 'left\n' } }],
        right: [{ write: { 'shared.txt': 'right\n' } }],
        long: [{ sleepMs: 2000, write: { 'long.txt': 'x' } }],
        'after-long': [{ write: { 'after.txt': 'y' } }],
        'both/resolve': [{ write: { 'shared.txt': 'merged\n' } }],
      },
      { concurrency: 1 },
    );
    expect(result.outcome).toBe('succeeded');
    const order = fx.invocations().map((i) => i.task);
    expect(order).toContain('both/resolve');
    expect(fx.peakConcurrency()).toBe(1);
    // The resolver ran right before its task, in the slot the task then used.
    expect(order.indexOf('both')).toBe(order.indexOf('both/resolve') + 1);
  });
});
