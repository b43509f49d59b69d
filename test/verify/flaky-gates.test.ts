import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/events/engine-event.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

/**
 * A gate that fails on its first run only: it counts its runs in a file outside the repository (so
 * the count survives reruns and retries alike) and notes the commit each run saw.
 */
function flakyGate(attempts?: number): string {
  const counter = join(fx.root, 'gate-runs');
  const seen = join(fx.root, 'gate-heads');
  const run = `n=$(( $(cat ${counter} 2>/dev/null || echo 0) + 1 )); echo $n > ${counter}; git rev-parse HEAD >> ${seen}; [ $n -ge 2 ] || { echo "flake on run $n"; exit 1; }`;
  return `gates:\n  test:\n    run: ${JSON.stringify(run)}\n${attempts ? `    attempts: ${attempts}\n` : ''}`;
}

const gateEvents = (events: EngineEvent[]) =>
  events.filter((e): e is Extract<EngineEvent, { type: 'gate-finished' }> => e.type === 'gate-finished');

describe('flaky gates (gates.<name>.attempts)', () => {
  it('reruns a failing gate on the same commit: it passes, is recorded flaky, and the agent runs once', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}${flakyGate(2)}tasks:\n  solve: { agent: bot, prompt: x, verify: [test], retries: 1 }\n`;
    const { result, events } = await fx.run(yaml, { solve: [{ write: { 'a.txt': 'a' } }] });
    expect(result.outcome).toBe('succeeded');
    expect(fx.invocations()).toHaveLength(1);
    expect(events.some((e) => e.type === 'task-retry')).toBe(false);
    const task = result.record.tasks.solve!;
    expect(task.attempts).toHaveLength(1);
    const [gate] = task.attempts[0]!.gates;
    expect(gate).toMatchObject({
      name: 'test',
      ok: true,
      flaky: true,
      log: 'logs/solve/attempt-1.gate-test.run-2.log',
      runs: [
        { ok: false, log: 'logs/solve/attempt-1.gate-test.log' },
        { ok: true, log: 'logs/solve/attempt-1.gate-test.run-2.log' },
      ],
    });
    // Both runs saw the attempt's commit: nothing ran or was committed between them.
    const heads = readFileSync(join(fx.root, 'gate-heads'), 'utf8').trim().split('\n');
    expect(heads).toEqual([task.commit, task.commit]);
    const runDir = join(fx.repo, '.orchestra', 'runs', result.record.id);
    expect(readFileSync(join(runDir, gate!.runs![0]!.log), 'utf8')).toContain('flake on run 1');
    expect(existsSync(join(runDir, gate!.log))).toBe(true);
    // One event per gate, after its runs, and the run's end lists the flaky gate.
    expect(gateEvents(events)).toMatchObject([
      { task: 'solve', gate: 'test', ok: true, flaky: true, runs: 2 },
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'run-finished',
      flaky: [{ task: 'solve', attempt: 1, gate: 'test', runs: 2 }],
    });
  });

  it('without attempts, the same gate failure spends a retry of the agent and nothing is flaky', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}${flakyGate()}tasks:\n  solve: { agent: bot, prompt: x, verify: [test], retries: 1 }\n`;
    const { result, events } = await fx.run(yaml, { solve: [{ write: { 'a.txt': 'a' } }, {}] });
    expect(result.outcome).toBe('succeeded');
    expect(fx.invocations()).toHaveLength(2);
    expect(events.some((e) => e.type === 'task-retry')).toBe(true);
    const attempts = result.record.tasks.solve!.attempts;
    expect(attempts.map((a) => a.gates)).toMatchObject([[{ ok: false }], [{ ok: true }]]);
    expect(attempts.flatMap((a) => a.gates).some((g) => g.flaky || g.runs)).toBe(false);
    expect(events.at(-1)).not.toHaveProperty('flaky');
  });

  it('fails the attempt when every run fails, with the last run as its log', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}gates:\n  test:\n    run: echo always red; exit 4\n    attempts: 3\ntasks:\n  solve: { agent: bot, prompt: x, verify: [test] }\n`;
    const { result, events } = await fx.run(yaml, { solve: [{}] });
    expect(result.outcome).toBe('failed');
    const [gate] = result.record.tasks.solve!.attempts[0]!.gates;
    expect(gate).toMatchObject({ ok: false, log: 'logs/solve/attempt-1.gate-test.run-3.log' });
    expect(gate!.flaky).toBeUndefined();
    expect(gate!.runs!.map((r) => r.ok)).toEqual([false, false, false]);
    expect(gateEvents(events)).toMatchObject([{ ok: false, runs: 3 }]);
    expect(result.record.tasks.solve!.failure?.message).toBe('gate "test" failed (exit code 4)');
  });

  it('reruns an integration gate too', async () => {
    fx = new RunFixture();
    const yaml = `${HEADER}${flakyGate(2)}tasks:\n  solve: { agent: bot, prompt: x }\nintegrate:\n  verify: [test]\n`;
    const { result } = await fx.run(yaml, { solve: [{ write: { 'a.txt': 'a' } }] });
    expect(result.outcome).toBe('succeeded');
    expect(result.record.integration.gates).toMatchObject([
      { name: 'test', ok: true, flaky: true, log: 'logs/_integration/test.run-2.log' },
    ]);
  });
});
