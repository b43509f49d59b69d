import { afterEach, describe, expect, it } from 'vitest';
import { GitLog } from '../support/git-log.js';
import { HEADER, RunFixture } from '../support/run-fixture.js';

let fx: RunFixture;
afterEach(() => fx?.cleanup());

const yaml = `${HEADER}tasks:
  a: { run: "echo a > a.txt" }
  b: { needs: [a], run: "echo b > b.txt" }
  c: { run: "echo c > c.txt" }
`;

describe('run --reuse', () => {
  it("puts every reused result on the new run's branches in one git process, none a task", async () => {
    fx = new RunFixture();
    const first = await fx.run(yaml);
    expect(first.result.outcome).toBe('succeeded');
    const earlier = first.result.record.tasks;
    const log = new GitLog(fx.root);
    const saved = { ...process.env };
    Object.assign(process.env, log.env);
    let second;
    try {
      second = await fx.run(yaml, {}, { reuse: true });
    } finally {
      process.env = saved;
    }

    const { record } = second.result;
    expect(second.result.outcome).toBe('succeeded');
    for (const id of ['a', 'b', 'c']) {
      expect(record.tasks[id]).toMatchObject({ status: 'skipped', commit: earlier[id]!.commit });
      expect(fx.git('rev-parse', record.tasks[id]!.branch)).toBe(earlier[id]!.commit);
    }
    expect(fx.show(record.integration.branch, 'b.txt')).toBe('b');
    const calls = log.calls();
    const updates = calls.filter((c) => c.command === 'update-ref');
    expect(calls.filter((c) => c.command === 'branch' || c.command === 'show-ref')).toEqual([]);
    // One for the reused branches; the run's result branch is the other.
    expect(updates.length).toBeLessThanOrEqual(2);
    expect(calls.filter((c) => c.command === 'cat-file')).toHaveLength(1);
  });

  it('runs a task again whose earlier commit is gone', async () => {
    fx = new RunFixture();
    const first = await fx.run(yaml);
    const gone = first.result.record.tasks.c!;
    fx.git('branch', '-D', gone.branch);
    fx.git('branch', '-D', first.result.record.integration.branch);
    fx.git('reflog', 'expire', '--expire=now', '--all');
    fx.git('gc', '--prune=now', '--quiet');

    const second = await fx.run(yaml, {}, { reuse: true });

    expect(second.result.record.tasks.a!.status).toBe('skipped');
    expect(second.result.record.tasks.c!.status).toBe('succeeded');
  });
});
