import type { RunContext } from './run-context.js';
import type { FailureMode, NodeOutcome, NotStarted, SlotRequest } from './scheduler.js';
import { schedule } from './scheduler.js';
import { forTask } from '../repos/repo-context.js';
import { abandonTask, executeTask, prepareTask, type PreparedTask } from './task-executor.js';
import { runsAfterAny, skipByCondition } from './task-condition.js';
import { isDynamicMatrix, runDynamicMatrix } from './dynamic-matrix.js';
import { runApproval } from '../approvals/run-approval.js';
import { agentOf } from '../best-of/candidates.js';
import { executeBestOf } from '../best-of/run-best-of.js';
import { reportSpend, runBudgetReached } from '../budget/budget-check.js';

export interface ScheduleTasksOptions {
  selected: readonly string[];
  prior: ReadonlyMap<string, boolean | 'skipped'>;
  weight?: (task: string) => number;
  failureMode: FailureMode;
  signal: AbortSignal;
  /**
   * The slots of the schedule this one runs inside (a dynamic matrix's instances): every task and
   * part here holds one of them too, so the run's limits hold across both schedules.
   */
  outer?: SlotRequest;
}

/**
 * Runs the selected tasks of the run through the scheduler: each one's `if:` first, a dynamic
 * matrix expanded and its instances run as a schedule of their own (in slots of this one), any other
 * task by the executor.
 */
export function scheduleTasks(
  ctx: RunContext,
  opts: ScheduleTasksOptions,
): Promise<Map<string, NodeOutcome | NotStarted>> {
  const { workflow, journal, emit } = ctx;
  // Tasks prepared ahead of a free slot (see `prepare` of the scheduler), until they start.
  const prepared = new Map<string, Promise<PreparedTask>>();
  const { outer } = opts;
  const coordinates = (id: string) => {
    const task = workflow.tasks.get(id);
    return task?.bestOf !== undefined || isDynamicMatrix(task);
  };
  const slotless = (id: string) => workflow.tasks.get(id)?.kind === 'approval';
  return schedule({
    graph: ctx.graph,
    selected: opts.selected,
    prior: opts.prior,
    concurrency: journal.record.concurrency,
    ...(opts.weight ? { weight: opts.weight } : {}),
    pool: (id) => {
      // A dynamic matrix's instance asks this schedule for a slot in its matrix task's pool.
      const agent = agentOf(workflow, journal.record.tasks[id]?.instanceOf ?? id);
      const limit = agent ? workflow.agents.get(agent)?.concurrency : undefined;
      return agent && limit ? { key: agent, limit } : undefined;
    },
    holdNew: () => runBudgetReached(ctx),
    // A waiting approval holds no slot: the run goes on with everything else.
    slotless,
    failureMode: opts.failureMode,
    signal: opts.signal,
    runsAfterAny: (id) => runsAfterAny(workflow.tasks.get(id)),
    // A best_of task runs its candidates, each in a slot of its own; a dynamic matrix its instances.
    coordinates,
    runTask: async (id, taskSignal, inner, workDone) => {
      const slot = outer ? both(inner, outer) : inner;
      if (!outer || coordinates(id) || slotless(id)) return runTask(id, taskSignal, slot, workDone);
      const release = await outer(id, taskSignal);
      if (!release) {
        await unprepare(id);
        await notStarted(id, 'cancelled');
        return 'cancelled';
      }
      try {
        // The outer slot is held to the end: a matrix instance gives back neither early.
        return await runTask(id, taskSignal, slot, () => {});
      } finally {
        release();
      }
    },
    // A dynamic matrix and a best_of task run nothing themselves (their instances and candidates get
    // the sandboxes), nor does an approval.
    prepare: (id) => {
      const task = workflow.tasks.get(id);
      if (!coordinates(id) && task?.kind !== 'approval')
        prepared.set(id, prepareTask(forTask(ctx, id), id, true));
    },
    unprepare,
    notStarted,
  });

  async function runTask(
    id: string,
    taskSignal: AbortSignal,
    slot: SlotRequest,
    workDone: () => void,
  ): Promise<NodeOutcome> {
    const made = prepared.get(id);
    prepared.delete(id);
    // Each task works in its own repository (`repo:`).
    const taskCtx = forTask(ctx, id);
    // A dynamic matrix's `if:` is its instances', which know their matrix values.
    if (isDynamicMatrix(workflow.tasks.get(id)))
      return runDynamicMatrix(taskCtx, id, taskSignal, (sub, o) => scheduleTasks(sub, { ...o, outer: slot }));
    // Without an `if:` nothing is awaited first: a best_of task asks for its candidates' slots before
    // the scheduler hands the next slot to a task after it.
    const skipped = workflow.tasks.get(id)?.if === undefined ? undefined : await skipByCondition(ctx, id);
    if (skipped === undefined) {
      const task = workflow.tasks.get(id);
      if (task?.kind === 'approval') return runApproval(taskCtx, id, taskSignal);
      const outcome = task?.bestOf
        ? await executeBestOf(taskCtx, id, taskSignal, slot)
        : await executeTask(taskCtx, id, taskSignal, made, workDone);
      await reportSpend(ctx);
      return outcome;
    }
    if (made) await abandonTask(taskCtx, id, made);
    return skipped;
  }

  async function notStarted(id: string, why: NotStarted, because?: string): Promise<void> {
    const budgetStop = why === 'cancelled' && !opts.signal.aborted && runBudgetReached(ctx);
    await journal.update((r) => {
      const t = r.tasks[id]!;
      t.status = why;
      if (because && why === 'blocked') t.blockedBy = because;
      if (because && why === 'skipped') t.skipped = { need: because };
      if (budgetStop) {
        t.stoppedBy = 'budget';
        if (r.budget) r.budget.stopped = true;
      }
    });
    const t = journal.task(id);
    emit({
      type: 'task-finished',
      time: Date.now(),
      task: id,
      status: why,
      attempts: t.attempts.length,
      durationMs: 0,
      branch: t.branch,
      ...(because && why === 'blocked' ? { blockedBy: because } : {}),
      ...(because && why === 'skipped' ? { skipped: { need: because } } : {}),
    });
  }

  function unprepare(id: string): Promise<void> {
    const made = prepared.get(id);
    prepared.delete(id);
    return made ? abandonTask(forTask(ctx, id), id, made) : Promise.resolve();
  }
}

/** A slot of both schedules, the inner one's first: a part of a task of a dynamic matrix's schedule. */
function both(inner: SlotRequest, outer: SlotRequest): SlotRequest {
  return async (unit, signal) => {
    const first = await inner(unit, signal);
    if (!first) return undefined;
    const second = await outer(unit, signal);
    if (!second) first();
    return (
      second &&
      (() => {
        second();
        first();
      })
    );
  };
}
