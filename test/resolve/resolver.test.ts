import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

const RESOLVE = `roles:\n  fixer: { agent: bot }\ngates:\n  merged: grep -q merged shared.txt\n`;
const SIDES = {
  left: [{ write: { 'shared.txt': 'left\n' }, say: 'left wrote its line' }],
  right: [{ write: { 'shared.txt': 'right\n' }, say: 'right wrote its line' }],
};

describe('integrate.resolve', () => {
  it('resolves a conflict between two needs, commits it as the merge, and runs the task’s gates', async () => {
    fx = new RunFixture({ 'shared.txt': 'base\n' });
    const yaml = `${HEADER}${RESOLVE}integrate:\n  resolve: { role: fixer }\ntasks:
  left: { agent: bot, prompt: l }
  right: { agent: bot, prompt: r }
  both: { agent: bot, prompt: b, needs: [left, right], verify: [merged] }
`;
    const { result } = await fx.run(yaml, {
      ...SIDES,
      'both/resolve': [{ write: { 'shared.txt': 'merged left and right\n' } }],
    });
    expect(result.outcome).toBe('succeeded');
    const tasks = result.record.tasks;
    const resolver = fx.invocations().find((i) => i.task === 'both/resolve')!;
    // Its prompt names the file, both tasks, their summaries and commits.
    expect(resolver.prompt).toContain('- shared.txt');
    expect(resolver.prompt).toContain(`task "left" at commit ${tasks.left!.commit}`);
    expect(resolver.prompt).toContain(`task "right" at commit ${tasks.right!.commit}`);
    expect(resolver.prompt).toContain('right wrote its line');
    // Its sandbox held the markers; the log is under the task's.
    expect(tasks['both/resolve']!.attempts[0]!.gates.map((g) => [g.name, g.ok])).toEqual([
      ['_conflict-markers', true],
      ['merged', true],
    ]);
    expect(existsSync(join(result.runDir, 'logs/both/resolve/attempt-1.log'))).toBe(true);
    // The task started from a merge commit of both sides holding the resolution.
    const start = tasks.both!.startCommit!;
    expect(fx.git('rev-list', '--parents', '-n1', start).split(' ').slice(1)).toEqual([
      tasks.left!.commit,
      tasks.right!.commit,
    ]);
    expect(fx.show(start, 'shared.txt')).toBe('merged left and right');
  });

  it('fails as a conflict naming the files when the resolver leaves markers, after its retries', async () => {
    fx = new RunFixture({ 'shared.txt': 'base\n' });
    const yaml = `${HEADER}${RESOLVE}integrate:\n  resolve: { role: fixer, retries: 1 }\ntasks:
  left: { agent: bot, prompt: l }
  right: { agent: bot, prompt: r }
  both: { agent: bot, prompt: b, needs: [left, right] }
`;
    const { result } = await fx.run(yaml, { ...SIDES, 'both/resolve': [{ write: { 'other.txt': 'x' } }] });
    expect(result.outcome).toBe('failed');
    expect(result.record.tasks.both!.failure).toMatchObject({
      reason: 'merge-conflict',
      files: ['shared.txt'],
    });
    const attempts = result.record.tasks['both/resolve']!.attempts;
    expect(attempts.map((a) => a.failure?.message)).toEqual([
      'gate "_conflict-markers" failed (exit code 1)',
      'gate "_conflict-markers" failed (exit code 1)',
    ]);
    // The second attempt was told where the markers are.
    const second = fx.invocations().filter((i) => i.task === 'both/resolve')[1]!;
    expect(second.prompt).toContain('shared.txt:1:<<<<<<<');
    expect(fx.invocations().some((i) => i.task === 'both')).toBe(false);
  });

  it('stops the resolver at once on Ctrl-C: the task is cancelled, not failed', async () => {
    fx = new RunFixture({ 'shared.txt': 'base\n' });
    const yaml = `${HEADER}${RESOLVE}integrate:\n  resolve: { role: fixer }\ntasks:
  left: { agent: bot, prompt: l }
  right: { agent: bot, prompt: r }
  both: { agent: bot, prompt: b, needs: [left, right] }
`;
    const stop = new AbortController();
    const running = fx.run(
      yaml,
      { ...SIDES, 'both/resolve': [{ sleepMs: 60_000 }] },
      { signal: stop.signal },
    );
    // The resolver's log appears as its agent starts.
    const started = () => {
      const runs = join(fx.repo, '.orchestra/runs');
      return (
        existsSync(runs) &&
        readdirSync(runs).some((id) => existsSync(join(runs, id, 'logs/both/resolve/attempt-1.log')))
      );
    };
    while (!started()) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    const { result } = await running;
    expect(result.outcome).toBe('cancelled');
    expect(result.record.tasks.both!.status).toBe('cancelled');
    expect(result.record.tasks['both/resolve']!.status).toBe('cancelled');
  });

  it('resolves a conflict of integration and runs integrate.verify on it', async () => {
    fx = new RunFixture({ 'shared.txt': 'base\n' });
    const yaml = `${HEADER}${RESOLVE}integrate:\n  verify: [merged]\n  resolve: { role: fixer }\ntasks:
  left: { agent: bot, prompt: l }
  right: { agent: bot, prompt: r }
`;
    const { result } = await fx.run(yaml, {
      ...SIDES,
      '_integration/resolve': [{ write: { 'shared.txt': 'merged\n' } }],
    });
    expect(result.outcome).toBe('succeeded');
    expect(fx.show(result.record.integration.branch, 'shared.txt')).toBe('merged');
    expect(existsSync(join(result.runDir, 'logs/_integration/resolve/attempt-1.log'))).toBe(true);
    expect(fx.invocations().find((i) => i.task === '_integration/resolve')!.prompt).toContain(
      'into its result branch',
    );
  });
});
