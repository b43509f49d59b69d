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
  /**
   * Runs one task to its end; must resolve (failures are outcomes, not rejections). A task that
   * `coordinates` takes no slot itself: it asks `slot` for one per part it runs (best_of candidates).
   * `workDone` says that the task's work is over and only its record is left to write: its slot goes
   * to the next task then, unless a task of this schedule needs it (that one competes for the slot
   * once the result is recorded, so the critical path keeps its turn).
   */
  runTask: (
    task: string,
    signal: AbortSignal,
    slot: SlotRequest,
    workDone: () => void,
  ) => Promise<NodeOutcome>;
  /** Tasks that run their work in parts, each part in a slot of its own (see `runTask`). */
  coordinates?: (task: string) => boolean;
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
 * A slot for part `unit` of a coordinating task, drawn from `pool(unit)` and given in the task's
 * critical-path turn: resolves with its release, or undefined when no more work starts (cancelled,
 * failure mode, or `signal` aborted while it waited).
 */
export type SlotRequest = (unit: string, signal: AbortSignal) => Promise<(() => void) | undefined>;

interface Request {
  task: string;
  unit: string;
  grant: (release: (() => void) | undefined) => void;
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
  /** Slots taken, by tasks and by the parts of coordinating tasks. */
  let busy = 0;
  const requests: Request[] = [];
  // Wakes the loop when a part asks for a slot or gives one back.
  let wake = () => {};
  const poke = () => wake();
  const coordinates = (id: string) => opts.coordinates?.(id) === true;
  const free = (pool: { key: string; limit: number } | undefined) =>
    busy < opts.concurrency && !(pool && (poolUse.get(pool.key) ?? 0) >= pool.limit);
  const take = (pool: { key: string; limit: number } | undefined) => {
    busy += 1;
    if (pool) poolUse.set(pool.key, (poolUse.get(pool.key) ?? 0) + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      busy -= 1;
      if (pool) poolUse.set(pool.key, poolUse.get(pool.key)! - 1);
      poke();
    };
  };
  const slot =
    (task: string): SlotRequest =>
    (unit, signal) =>
      new Promise((grant) => {
        if (stopStarting || signal.aborted || kill.signal.aborted) return grant(undefined);
        const request = { task, unit, grant };
        requests.push(request);
        signal.addEventListener(
          'abort',
          () => {
            const i = requests.indexOf(request);
            if (i >= 0) requests.splice(i, 1);
            grant(undefined);
          },
          { once: true },
        );
        poke();
      });
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
        for (const r of requests.splice(0)) r.grant(undefined);
        for (const id of waiting()) {
          outcome.set(id, 'cancelled');
          if (ahead.delete(id)) await opts.unprepare?.(id);
          await opts.notStarted(id, 'cancelled');
        }
      }
      const first = (a: string, b: string) =>
        priority.get(b)! - priority.get(a)! || order.get(a)! - order.get(b)!;
      const ready = waiting()
        .filter((id) => graph.needs(id).every(afterAny(id) ? settled : hasResult))
        .sort(first);
      // Parts asking for a slot compete with ready tasks in their task's turn.
      const turns: ({ task: string } | Request)[] = [...ready.map((id) => ({ task: id })), ...requests].sort(
        (a, b) => first(a.task, b.task),
      );
      const waitingForSlot: string[] = [];
      let coordinatorStarted = false;
      for (const turn of turns) {
        if ('unit' in turn) {
          const pool = opts.pool(turn.unit);
          if (!free(pool)) continue;
          requests.splice(requests.indexOf(turn), 1);
          turn.grant(take(pool));
          continue;
        }
        const id = turn.task;
        // A coordinating task's parts take the slots; an approval waits for a person, not a machine.
        const slotless = coordinates(id) || opts.slotless?.(id) === true;
        const pool = slotless ? undefined : opts.pool(id);
        if (!slotless && !free(pool)) {
          waitingForSlot.push(id);
          continue;
        }
        const release = slotless ? () => {} : take(pool);
        ahead.delete(id);
        const needed = graph.dependents(id).some((d) => selected.has(d));
        const done = opts.runTask(id, kill.signal, slot(id), needed ? () => {} : release).then((result) => {
          outcome.set(id, result);
          running.delete(id);
          release();
          if (result === 'failed' && opts.failureMode !== 'continue') stopStarting = true;
          if (result === 'failed' && opts.failureMode === 'kill') kill.abort();
        });
        running.set(id, done);
        // Its parts asked for slots as it started: they take their turn before the tasks after it.
        if (coordinates(id)) {
          coordinatorStarted = true;
          break;
        }
      }
      if (coordinatorStarted) continue;
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
      await Promise.race([...running.values(), new Promise<void>((r) => (wake = r))]);
    }
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
  }
  return outcome;
}
