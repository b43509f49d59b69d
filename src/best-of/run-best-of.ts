import type { Failure } from '../events/task-status.js';
import type { RunContext } from '../engine/run-context.js';
import { taskBranch } from '../engine/run-context.js';
import { taskFingerprint } from '../engine/reuse.js';
import type { NodeOutcome, SlotRequest } from '../engine/scheduler.js';
import { executeTask } from '../engine/task-executor.js';
import type { TaskRecord } from '../state/run-state.js';
import { candidateDefs, contextWith } from './candidates.js';
import { judgeCandidates } from './judge.js';
import { smallestCandidate } from './smallest.js';
import { finishTask } from '../engine/finish-task.js';

/**
 * Runs a best_of task: its candidates are tasks of their own (sandbox, attempts, gates, logs, usage),
 * each started in a slot of the scheduler's; then `pick` names the winner, whose branch and commit
 * become the task's. With `pick: first` the first green candidate wins at once and the others are
 * stopped (`cancelled`, `lost`). Never throws: failures are outcomes.
 */
export async function executeBestOf(
  ctx: RunContext,
  id: string,
  signal: AbortSignal,
  slot: SlotRequest,
): Promise<NodeOutcome> {
  const task = ctx.workflow.tasks.get(id)!;
  const pick = task.bestOf!.pick;
  const started = Date.now();
  const defs = candidateDefs(task, ctx.workflow);
  const ids = defs.map((d) => d.id);
  const inner = contextWith(ctx, task, defs);
  // Stops the candidates: the run's cancellation, or a winner found first.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  // Asked before anything is awaited, so they are in line in the task's critical-path turn.
  const slots = ids.map((c) => slot(c, stop.signal));
  let first: string | undefined;
  let failure: Failure | undefined;
  try {
    await ctx.journal.update((r) => {
      const t = r.tasks[id]!;
      t.status = 'running';
      t.startedAt = started;
      t.candidates = ids;
      // The branch is the winner's, once there is one (a rerun's earlier winner is made anew).
      t.branch = taskBranch(r.id, id);
      for (const key of ['failure', 'commit', 'winner'] as const) delete t[key];
      // A rerun keeps what earlier candidates recorded (their sandboxes and branches are made anew).
      for (const c of ids) r.tasks[c] = fresh(r.tasks[c], taskBranch(r.id, c));
    });
    ctx.emit({
      type: 'task-phase',
      time: Date.now(),
      task: id,
      phase: 'agent',
      detail: `${ids.length} candidates`,
      parts: ids,
    });
    await Promise.all(
      ids.map(async (c, i) => {
        const release = await slots[i]!;
        if (!release) return;
        try {
          const out = await executeTask(inner, c, stop.signal);
          if (out === 'succeeded' && pick === 'first' && first === undefined) {
            first = c;
            stop.abort();
          }
        } finally {
          release();
        }
      }),
    );
    // Candidates that never got a slot, and those stopped for a winner.
    await ctx.journal.update((r) => {
      for (const c of ids) {
        const t = r.tasks[c]!;
        if (t.status === 'pending') t.status = 'cancelled';
        if (first !== undefined && t.status === 'cancelled') t.lost = true;
      }
    });
    // None started: the run stopped starting work (cancelled, or another task failed).
    const noneRan = ids.every((c) => ctx.journal.task(c).status === 'cancelled');
    if (signal.aborted || noneRan) return await finishTask(ctx, id, started, 'cancelled');
    const green = ids.filter((c) => ctx.journal.task(c).status === 'succeeded');
    if (green.length === 0) {
      failure = noneGreen(ctx, ids);
      return await finishTask(ctx, id, started, 'failed', failure);
    }
    const chosen =
      first ??
      (pick === 'smallest' || green.length === 1
        ? await smallestCandidate(ctx, green)
        : pick === 'first'
          ? green[0]!
          : await judgeCandidates(inner, task, pick.role, green, signal, slot));
    if (typeof chosen !== 'string') {
      if (signal.aborted) return await finishTask(ctx, id, started, 'cancelled');
      return await finishTask(ctx, id, started, 'failed', chosen);
    }
    const won = ctx.journal.task(chosen);
    const fp = taskFingerprint(ctx.workflow, ctx.graph, ctx.journal.record, id);
    await ctx.journal.updateTask(id, (t) => {
      t.status = 'succeeded';
      t.winner = chosen;
      t.branch = won.branch;
      t.commit = won.commit!;
      if (won.startCommit !== undefined) t.startCommit = won.startCommit;
      // The summary only, for `tasks.<id>.summary`: the tokens are counted in the candidates' records.
      if (won.usage?.summary !== undefined) t.usage = { summary: won.usage.summary };
      t.fingerprint = fp;
    });
    return await finishTask(ctx, id, started, 'succeeded');
  } catch (e) {
    failure = { reason: 'internal-error', message: e instanceof Error ? e.message : String(e) };
    return await finishTask(ctx, id, started, 'failed', failure);
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Slots given to candidates that never ran (after an error) go back; a release is idempotent.
    stop.abort();
    for (const given of slots) void given.then((release) => release?.());
  }
}

function fresh(before: TaskRecord | undefined, branch: string): TaskRecord {
  if (!before) return { status: 'pending', branch, attempts: [] };
  const { lost: _lost, failure: _failure, commit: _commit, ...kept } = before;
  return { ...kept, status: 'pending' };
}

/** Why no candidate passed: each one's failure, in order. */
function noneGreen(ctx: RunContext, ids: readonly string[]): Failure {
  const failures = ids.map((c) => ({ c, f: ctx.journal.task(c).failure }));
  const last = failures.findLast((x) => x.f)?.f;
  return {
    reason: last?.reason ?? 'internal-error',
    message: `no candidate passed: ${failures.map(({ c, f }) => `${c.slice(c.indexOf('/') + 1)}: ${f?.message ?? ctx.journal.task(c).status}`).join('; ')}`,
  };
}
