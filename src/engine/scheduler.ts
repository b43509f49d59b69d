import type { TaskGraph } from '../graph/task-graph.js';

/** What happens to other tasks when one fails (wireit's names). */
export type FailureMode = 'continue' | 'no-new' | 'kill';

/** How a started task ended, as far as scheduling cares (`skipped`: its `if:` was false). */
export type NodeOutcome = 'succeeded' | 'failed' | 'cancelled' | 'skipped';

/** How a task that never started ended (`skipped`: behind a skipped task, as on GitHub). */
export type NotStarted = 'blocked' | 'cancelled' | 'skipped';

export interface SchedulerOptions {
  graph: TaskGraph;
  /** Tasks to run, any order. */
  selected: readonly string[];
  /**
   * Tasks settled before this schedule (reused, or kept from an earlier attempt of the run), and
   * whether each has a result (`skipped` for none, because it was skipped). Every need of a selected
   * task is selected or here.
   */
  prior: ReadonlyMap<string, boolean | 'skipped'>;
  /**
   * Tasks that start once their needs are settled, whatever their results (an `if:` with `always()`
   * or `failure()`); default: none, every task needs results.
   */
  runsAfterAny?: (task: string) => boolean;
  concurrency: number;
  /**
   * How long a task is expected to take (any unit), for the critical path; default: all alike, so the
   * longest remaining chain is the one with the most tasks.
   */
  weight?: (task: string) => number;
  /** When true, no further task starts: those not started end `cancelled` (a spent budget). */
  holdNew?: () => boolean;
  /** Tasks that take no slot while they run (an approval waits for a person, not a machine). */
  slotless?: (task: string) => boolean;
  /** The per-agent pool a task draws from, if any: `{ key: agent, limit }`. */
  pool: (task: string) => { key: string; limit: number } | undefined;
  failureMode: FailureMode;
  signal: AbortSignal;
  /** Runs one task to its end; must resolve (failures are outcomes, not rejections). */
  runTask: (task: string, signal: AbortSignal) => Promise<NodeOutcome>;
  /**
   * Optional: does the first part of a ready task (its sandbox) while every slot is taken, so that
   * `runTask` finds it done and the task starts the moment a slot frees. Called for at most
   * `concurrency` tasks at a time, the next ones in priority order. Must not reject.
   */
  prepare?: (task: string) => void;
  /** Undoes `prepare` for a task that will not run after all; awaited before `notStarted`. */
  unprepare?: (task: string) => Promise<void>;
  /** Records a task that will not start, before the scheduler moves on. */
  notStarted: (task: string, why: NotStarted, because?: string) => Promise<void>;
}

/**
 * Starts every task whose needs have results, within the global limit and each pool's limit; among
 * ready tasks the one with the longest remaining chain (by `weight`) starts first: critical-path-first
 * keeps the makespan near its lower bound. Resolves when nothing runs and nothing more can start.
 */
export async function schedule(opts: SchedulerOptions): Promise<Map<string, NodeOutcome | NotStarted>> {
  const { graph } = opts;
  const selected = new Set(opts.selected);
  const priority = graph.remainingLengths(opts.weight);
  const order = new Map(graph.ids.map((id, i) => [id, i]));
  const outcome = new Map<string, NodeOutcome | NotStarted>();
  const running = new Map<string, Promise<void>>();
  /** Prepared ahead, not started yet. */
  const ahead = new Set<string>();
  const poolUse = new Map<string, number>();
  /** Running tasks that hold a slot. */
  let slotsUsed = 0;
  const kill = new AbortController();
  const onAbort = () => kill.abort();
  opts.signal.addEventListener('abort', onAbort, { once: true });
  let stopStarting = false;

  const hasResult = (id: string) =>
    opts.prior.has(id) ? opts.prior.get(id) === true : outcome.get(id) === 'succeeded';
  const afterAny = (id: string) => opts.runsAfterAny?.(id) === true;
  const settled = (id: string) => opts.prior.has(id) || outcome.has(id);
  const waiting = () => [...selected].filter((id) => !outcome.has(id) && !running.has(id));

  try {
    for (;;) {
      // Settle tasks that can no longer run: a need without a result will never get one.
      for (const id of waiting()) {
        if (afterAny(id)) continue;
        const dead = graph.needs(id).find((n) => settled(n) && !hasResult(n));
        if (dead !== undefined) {
          // Behind a cancelled task a task is cancelled too, so `resume` knows to start it again;
          // behind a skipped one it is skipped.
          const ended = outcome.get(dead) ?? opts.prior.get(dead);
          const why = ended === 'cancelled' ? 'cancelled' : ended === 'skipped' ? 'skipped' : 'blocked';
          outcome.set(id, why);
          await opts.notStarted(id, why, dead);
        }
      }
      if (stopStarting || opts.signal.aborted || opts.holdNew?.() === true) {
        for (const id of waiting()) {
          outcome.set(id, 'cancelled');
          if (ahead.delete(id)) await opts.unprepare?.(id);
          await opts.notStarted(id, 'cancelled');
        }
      }
      const ready = waiting()
        .filter((id) => graph.needs(id).every(afterAny(id) ? settled : hasResult))
        .sort((a, b) => priority.get(b)! - priority.get(a)! || order.get(a)! - order.get(b)!);
      const waitingForSlot: string[] = [];
      for (const id of ready) {
        const pool = opts.pool(id);
        const slot = opts.slotless?.(id) !== true;
        if ((slot && slotsUsed >= opts.concurrency) || (pool && (poolUse.get(pool.key) ?? 0) >= pool.limit)) {
          waitingForSlot.push(id);
          continue;
        }
        if (pool) poolUse.set(pool.key, (poolUse.get(pool.key) ?? 0) + 1);
        if (slot) slotsUsed += 1;
        ahead.delete(id);
        const done = opts.runTask(id, kill.signal).then((result) => {
          outcome.set(id, result);
          running.delete(id);
          if (slot) slotsUsed -= 1;
          if (pool) poolUse.set(pool.key, poolUse.get(pool.key)! - 1);
          if (result === 'failed' && opts.failureMode !== 'continue') stopStarting = true;
          if (result === 'failed' && opts.failureMode === 'kill') kill.abort();
        });
        running.set(id, done);
      }
      // The next tasks in line get their sandboxes while they wait: slot time is then task time.
      if (opts.prepare) {
        for (const id of waitingForSlot) {
          if (ahead.size >= opts.concurrency) break;
          if (ahead.has(id)) continue;
          ahead.add(id);
          opts.prepare(id);
        }
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
  }
  return outcome;
}
