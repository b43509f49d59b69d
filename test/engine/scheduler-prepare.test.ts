import { describe, expect, it } from 'vitest';
import type { FailureMode, NodeOutcome, SchedulerOptions } from '../../src/engine/scheduler.js';
import { schedule } from '../../src/engine/scheduler.js';
import { TaskGraph } from '../../src/graph/task-graph.js';

/**
 * A scheduler whose tasks run until the test ends them, recording every call in order. The scheduler
 * reacts to a task's end in promise callbacks only (the hooks here resolve at once), so one turn of
 * the event loop later it has done all it will do until the next end.
 */
function harness(
  nodes: { id: string; needs?: string[] }[],
  opts: Partial<Pick<SchedulerOptions, 'concurrency' | 'weight'>> & { failureMode?: FailureMode } = {},
) {
  const graph = new TaskGraph(nodes.map((n) => ({ id: n.id, needs: n.needs ?? [] })));
  const log: string[] = [];
  const finish = new Map<string, (outcome: NodeOutcome) => void>();
  const ahead = new Set<string>();
  let peakAhead = 0;
  let running = 0;
  let peakRunning = 0;
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const done = schedule({
    graph,
    selected: graph.ids,
    prior: new Map(),
    concurrency: opts.concurrency ?? 2,
    ...(opts.weight ? { weight: opts.weight } : {}),
    pool: () => undefined,
    failureMode: opts.failureMode ?? 'continue',
    signal: new AbortController().signal,
    runTask: (id) => {
      log.push(`run ${id}${ahead.delete(id) ? ' (prepared)' : ''}`);
      peakRunning = Math.max(peakRunning, ++running);
      const outcome = new Promise<NodeOutcome>((resolve) => finish.set(id, resolve));
      return outcome.finally(() => running--);
    },
    prepare: (id) => {
      log.push(`prepare ${id}`);
      ahead.add(id);
      peakAhead = Math.max(peakAhead, ahead.size);
    },
    unprepare: (id) => {
      log.push(`unprepare ${id}`);
      ahead.delete(id);
      return Promise.resolve();
    },
    notStarted: (id, why) => {
      log.push(`${why} ${id}`);
      return Promise.resolve();
    },
  });
  return {
    log,
    done,
    peaks: () => ({ running: peakRunning, ahead: peakAhead }),
    /** Ends a running task and waits until the scheduler has reacted. */
    async end(id: string, outcome: NodeOutcome = 'succeeded') {
      const end = finish.get(id)!;
      finish.delete(id);
      end(outcome);
      await turn();
    },
    started: turn,
    /** Ends running tasks one by one, oldest first, until the schedule is done; the run order. */
    async endAll(): Promise<string[]> {
      const ended: string[] = [];
      for (let id = [...finish.keys()][0]; id !== undefined; id = [...finish.keys()][0]) {
        const end = finish.get(id)!;
        finish.delete(id);
        end('succeeded');
        ended.push(id);
        await turn();
      }
      await done;
      return ended;
    },
  };
}

describe('the scheduler', () => {
  it('prepares the next tasks in line while every slot is taken, never more than the limit', async () => {
    const h = harness(['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })));
    await h.started();
    expect(h.log).toEqual(['run a', 'run b', 'prepare c', 'prepare d']);

    await h.end('a');
    expect(h.log.slice(4)).toEqual(['run c (prepared)', 'prepare e']);
    expect(await h.endAll()).toEqual(['b', 'c', 'd', 'e']);

    expect(h.log.slice(6)).toEqual(['run d (prepared)', 'run e (prepared)']);
    expect(h.peaks()).toEqual({ running: 2, ahead: 2 });
  });

  it('gives up prepared tasks before recording them cancelled when it stops starting tasks', async () => {
    const h = harness(
      ['a', 'b', 'c', 'd'].map((id) => ({ id })),
      { failureMode: 'no-new' },
    );
    await h.started();

    await h.end('a', 'failed');
    await h.end('b');
    const outcome = await h.done;

    expect(h.log).toEqual([
      'run a',
      'run b',
      'prepare c',
      'prepare d',
      'unprepare c',
      'cancelled c',
      'unprepare d',
      'cancelled d',
    ]);
    expect(outcome.get('c')).toBe('cancelled');
  });

  it('starts the longest remaining chain first, by task count or by weight', async () => {
    // a → a2 is the longer chain by count; b alone takes longer by weight.
    const nodes = [{ id: 'a' }, { id: 'a2', needs: ['a'] }, { id: 'b' }];
    const byCount = harness(nodes, { concurrency: 1 });
    await byCount.started();
    const weight = (id: string) => (id === 'b' ? 10 : 1);
    const byWeight = harness(nodes, { concurrency: 1, weight });
    await byWeight.started();

    expect(await byCount.endAll()).toEqual(['a', 'a2', 'b']);
    expect(await byWeight.endAll()).toEqual(['b', 'a', 'a2']);
  });
});
