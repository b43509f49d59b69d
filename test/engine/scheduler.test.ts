import { describe, expect, it } from 'vitest';
import type { NodeOutcome, NotStarted, SchedulerOptions } from '../../src/engine/scheduler.js';
import { schedule } from '../../src/engine/scheduler.js';
import { TaskGraph } from '../../src/graph/task-graph.js';

/** A runner the test drives: each started task waits until the test settles it. */
class FakeRunner {
  readonly started: string[] = [];
  readonly cancelled: string[] = [];
  running = 0;
  peak = 0;
  readonly #settle = new Map<string, (o: NodeOutcome) => void>();

  run = (task: string, signal: AbortSignal): Promise<NodeOutcome> => {
    this.started.push(task);
    this.running++;
    this.peak = Math.max(this.peak, this.running);
    return new Promise<NodeOutcome>((resolve) => {
      const done = (o: NodeOutcome) => {
        this.running--;
        this.#settle.delete(task);
        resolve(o);
      };
      this.#settle.set(task, done);
      signal.addEventListener('abort', () => {
        if (!this.#settle.has(task)) return;
        this.cancelled.push(task);
        done('cancelled');
      });
    });
  };

  /** Settles a running task, then lets the scheduler react. */
  async finish(task: string, outcome: NodeOutcome = 'succeeded'): Promise<void> {
    const settle = this.#settle.get(task);
    if (!settle) throw new Error(`${task} is not running (running: ${[...this.#settle.keys()].join(', ')})`);
    settle(outcome);
    await new Promise((r) => setImmediate(r));
  }

  /** Finishes whatever runs, in start order, until nothing does. */
  async drain(): Promise<void> {
    while (this.#settle.size > 0) await this.finish([...this.#settle.keys()][0]!);
  }
}

const graph = (spec: Record<string, string[]>) =>
  new TaskGraph(Object.entries(spec).map(([id, needs]) => ({ id, needs })));

function start(g: TaskGraph, runner: FakeRunner, opts: Partial<SchedulerOptions> = {}) {
  const notStarted: [string, NotStarted][] = [];
  const done = schedule({
    graph: g,
    selected: g.ids,
    prior: new Map(),
    concurrency: 2,
    pool: () => undefined,
    failureMode: 'continue',
    signal: new AbortController().signal,
    runTask: runner.run,
    notStarted: (t, why) => {
      notStarted.push([t, why]);
      return Promise.resolve();
    },
    ...opts,
  });
  return { done, notStarted };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('schedule', () => {
  it('fills every slot and never exceeds the limit', async () => {
    const runner = new FakeRunner();
    const g = graph(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`t${i}`, []])));
    const { done } = start(g, runner, { concurrency: 3 });
    await tick();
    expect(runner.running).toBe(3);
    await runner.drain();
    expect(runner.peak).toBe(3);
    expect(runner.started).toHaveLength(9);
    expect([...(await done).values()].every((o) => o === 'succeeded')).toBe(true);
  });

  it('starts the ready task on the longest remaining chain first', async () => {
    const runner = new FakeRunner();
    // "short" is written first, but "long" heads a chain of three.
    const g = graph({ short: [], long: [], mid: ['long'], end: ['mid'] });
    const { done } = start(g, runner, { concurrency: 1 });
    await tick();
    expect(runner.started).toEqual(['long']);
    await runner.drain();
    await done;
    // Then equal chains (short, end: one task each) go in the order written.
    expect(runner.started).toEqual(['long', 'mid', 'short', 'end']);
  });

  it('gives the slot of a task nothing waits for to the next task once its work is done', async () => {
    const runner = new FakeRunner();
    const workDone = new Map<string, () => void>();
    // One slot: `a` is needed by `b`, `x` and `y` by nobody.
    const g = graph({ a: [], b: ['a'], x: [], y: [] });
    const { done } = start(g, runner, {
      concurrency: 1,
      runTask: (task, signal, _slot, free) => {
        workDone.set(task, free);
        return runner.run(task, signal);
      },
    });
    await tick();
    expect(runner.started).toEqual(['a']);
    // `b` needs `a`: the slot stays taken until a's result is in, and `b` then gets it first.
    workDone.get('a')!();
    await tick();
    expect(runner.started).toEqual(['a']);
    await runner.finish('a');
    expect(runner.started).toEqual(['a', 'b']);
    // Nobody needs `b`: its slot goes to the next task while its result is still being recorded.
    workDone.get('b')!();
    await tick();
    expect(runner.started).toEqual(['a', 'b', 'x']);
    await runner.drain();
    expect((await done).get('b')).toBe('succeeded');
  });

  it('holds each pool to its limit while other tasks use the free slots', async () => {
    const runner = new FakeRunner();
    const g = graph({ a1: [], a2: [], a3: [], b1: [] });
    const { done } = start(g, runner, {
      concurrency: 3,
      pool: (t) => (t.startsWith('a') ? { key: 'a', limit: 1 } : undefined),
    });
    await tick();
    expect(runner.started.sort()).toEqual(['a1', 'b1']);
    await runner.finish('a1');
    expect(runner.started).toContain('a2');
    await runner.drain();
    await done;
  });

  it('continue: blocks the dependents of a failure, runs the independent tasks', async () => {
    const runner = new FakeRunner();
    const g = graph({ bad: [], after: ['bad'], later: ['after'], free: [] });
    const { done, notStarted } = start(g, runner);
    await tick();
    await runner.finish('bad', 'failed');
    await runner.drain();
    const outcome = await done;
    expect(outcome.get('after')).toBe('blocked');
    expect(outcome.get('later')).toBe('blocked');
    expect(outcome.get('free')).toBe('succeeded');
    expect(notStarted).toEqual([
      ['after', 'blocked'],
      ['later', 'blocked'],
    ]);
  });

  it('no-new: lets running tasks finish and starts nothing more', async () => {
    const runner = new FakeRunner();
    const g = graph({ bad: [], running: [], waiting: [] });
    const { done } = start(g, runner, { failureMode: 'no-new' });
    await tick();
    await runner.finish('bad', 'failed');
    await runner.finish('running');
    const outcome = await done;
    expect(outcome.get('running')).toBe('succeeded');
    expect(outcome.get('waiting')).toBe('cancelled');
    expect(runner.started).not.toContain('waiting');
  });

  it('kill: cancels the running tasks and starts nothing more', async () => {
    const runner = new FakeRunner();
    const g = graph({ bad: [], running: [], waiting: [] });
    const { done } = start(g, runner, { failureMode: 'kill' });
    await tick();
    await runner.finish('bad', 'failed');
    const outcome = await done;
    expect(runner.cancelled).toEqual(['running']);
    expect(outcome.get('running')).toBe('cancelled');
    expect(outcome.get('waiting')).toBe('cancelled');
  });

  it('abort: cancels what runs and what waits, including tasks behind them', async () => {
    const runner = new FakeRunner();
    const abort = new AbortController();
    const g = graph({ a: [], b: ['a'] });
    const { done } = start(g, runner, { signal: abort.signal });
    await tick();
    abort.abort();
    const outcome = await done;
    expect(outcome.get('a')).toBe('cancelled');
    expect(outcome.get('b')).toBe('cancelled');
  });

  it('counts prior results as needs met, and a prior failure as a blocker', async () => {
    const runner = new FakeRunner();
    const g = graph({ up: [], down: ['up'], other: [], after: ['other'] });
    const { done } = start(g, runner, {
      selected: ['down', 'after'],
      prior: new Map([
        ['up', true],
        ['other', false],
      ]),
    });
    await tick();
    expect(runner.started).toEqual(['down']);
    await runner.drain();
    const outcome = await done;
    expect(outcome.get('after')).toBe('blocked');
  });
});

describe('coordinating tasks (best_of)', () => {
  it('gives each part a slot of its own in its task’s turn, within the limit', async () => {
    const runner = new FakeRunner();
    const g = graph({ solo: [], x: [], after: ['x'] });
    const parts: (string | undefined)[] = [];
    const done = schedule({
      graph: g,
      selected: g.ids,
      prior: new Map(),
      concurrency: 2,
      pool: (unit) => (unit === 'x/3' ? { key: 'slow', limit: 1 } : undefined),
      failureMode: 'continue',
      signal: new AbortController().signal,
      coordinates: (id) => id === 'x',
      runTask: async (task, signal, slot) => {
        if (task !== 'x') return runner.run(task, signal);
        const units = ['x/1', 'x/2', 'x/3'];
        const outcomes = await Promise.all(
          units.map(async (unit, i) => {
            const release = await slot(unit, signal);
            parts[i] = release ? unit : undefined;
            if (!release) return 'cancelled';
            try {
              return await runner.run(unit, signal);
            } finally {
              release();
            }
          }),
        );
        return outcomes.includes('succeeded') ? 'succeeded' : 'failed';
      },
      notStarted: async () => {},
    });
    await new Promise((r) => setImmediate(r));
    // x heads the longer chain: two of its parts take both slots before solo, written first.
    expect(runner.started).toEqual(['x/1', 'x/2']);
    await runner.finish('x/1');
    expect(runner.started).toEqual(['x/1', 'x/2', 'x/3']);
    await runner.drain();
    await done;
    expect(runner.peak).toBe(2);
    expect(runner.started.slice(3).sort()).toEqual(['after', 'solo']);
    expect(parts).toEqual(['x/1', 'x/2', 'x/3']);
  });
});
