import type { RunContext } from './run-context.js';
import type { FailureMode, NodeOutcome, NotStarted } from './scheduler.js';
import { schedule } from './scheduler.js';
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
}

/**
 * Runs the selected tasks of the run through the scheduler: each one's `if:` first, a dynamic
 * matrix expanded and its instances run as a schedule of their own, any other task by the executor.
 */
export function scheduleTasks(
  ctx: RunContext,
  opts: ScheduleTasksOptions,
): Promise<Map<string, NodeOutcome | NotStarted>> {
  const { workflow, journal, emit } = ctx;
  // Tasks prepared ahead of a free slot (see `prepare` of the scheduler), until they start.
  const prepared = new Map<string, Promise<PreparedTask>>();
  return schedule({
    graph: ctx.graph,
    selected: opts.selected,
    prior: opts.prior,
    concurrency: journal.record.concurrency,
    ...(opts.weight ? { weight: opts.weight } : {}),
    pool: (id) => {
      const agent = agentOf(workflow, id);
      const limit = agent ? workflow.agents.get(agent)?.concurrency : undefined;
      return agent && limit ? { key: agent, limit } : undefined;
    },
    holdNew: () => runBudgetReached(ctx),
    // A waiting approval holds no slot: the run goes on with everything else.
    slotless: (id) => workflow.tasks.get(id)?.kind === 'approval',
    failureMode: opts.failureMode,
    signal: opts.signal,
    runsAfterAny: (id) => runsAfterAny(workflow.tasks.get(id)),
    // A best_of task runs its candidates, each in a slot of its own.
    coordinates: (id) => workflow.tasks.get(id)?.bestOf !== undefined,
    runTask: async (id, taskSignal, slot) => {
      const made = prepared.get(id);
      prepared.delete(id);
      // A dynamic matrix's `if:` is its instances', which know their matrix values.
      if (isDynamicMatrix(workflow.tasks.get(id)))
        return runDynamicMatrix(ctx, id, taskSignal, scheduleTasks);
      const skipped = await skipByCondition(ctx, id);
      if (skipped === undefined) {
        const task = workflow.tasks.get(id);
        if (task?.kind === 'approval') return runApproval(ctx, id, taskSignal);
        const outcome = task?.bestOf
          ? await executeBestOf(ctx, id, taskSignal, slot)
          : await executeTask(ctx, id, taskSignal, made);
        await reportSpend(ctx);
        return outcome;
      }
      if (made) await abandonTask(ctx, id, made);
      return skipped;
    },
    // A dynamic matrix and a best_of task run nothing themselves (their instances and candidates get
    // the sandboxes), nor does an approval.
    prepare: (id) => {
      const task = workflow.tasks.get(id);
      if (!isDynamicMatrix(task) && task?.kind !== 'approval' && !task?.bestOf)
        prepared.set(id, prepareTask(ctx, id));
    },
    unprepare: (id) => {
      const made = prepared.get(id);
      prepared.delete(id);
      return made ? abandonTask(ctx, id, made) : Promise.resolve();
    },
    notStarted: async (id, why, because) => {
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
    },
  });
}
