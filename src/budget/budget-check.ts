import type { RunContext } from '../engine/run-context.js';
import type { Workflow } from '../config/workflow.js';
import type { RunRecord } from '../state/run-state.js';
import { builtinAgents } from '../agents/index.js';
import type { BudgetState } from './spend.js';
import { describeSpend, reachedLimit, spendOf } from './spend.js';

/** The run's budget and what its tasks have spent so far (every attempt, reruns included). */
export function runBudget(workflow: Workflow, record: RunRecord): BudgetState | undefined {
  if (workflow.budget === undefined) return undefined;
  const spent = spendOf(Object.values(record.tasks).map((t) => t.usage));
  return { limit: workflow.budget, spent, ...(record.budget?.stopped ? { stopped: true } : {}) };
}

/** Whether the run's budget is spent: then no new attempt of any task starts. */
export function runBudgetReached(ctx: Pick<RunContext, 'workflow' | 'journal'>): boolean {
  const state = runBudget(ctx.workflow, ctx.journal.record);
  return state !== undefined && reachedLimit(state.limit, state.spent) !== undefined;
}

/**
 * Why the next attempt of `id` (a retry, or a restart after a rate limit) must not start: the run's
 * budget or the task's own is spent. Checked before every attempt; recorded as the task's `stoppedBy`.
 */
export async function attemptRefused(ctx: RunContext, id: string): Promise<string | undefined> {
  const run = runBudget(ctx.workflow, ctx.journal.record);
  const task = ctx.workflow.tasks.get(id)?.budget;
  const taskState = task && { limit: task, spent: spendOf([ctx.journal.task(id).usage]) };
  const why =
    run && reachedLimit(run.limit, run.spent)
      ? `the run's budget is spent (${describeSpend(run)})`
      : taskState && reachedLimit(taskState.limit, taskState.spent)
        ? `the task's budget is spent (${describeSpend(taskState)})`
        : undefined;
  if (why === undefined) return undefined;
  await ctx.journal.update((r) => {
    r.tasks[id]!.stoppedBy = 'budget';
    if (run && reachedLimit(run.limit, run.spent)) r.budget = { ...run, stopped: true };
  });
  return why;
}

/**
 * One warning line when a budget is set but tasks run agents that report no cost or tokens (custom
 * `command` agents): the budget cannot count what they spend.
 */
export function budgetWarning(workflow: Workflow, tasks: readonly string[]): string | undefined {
  const budgeted = workflow.budget !== undefined || tasks.some((id) => workflow.tasks.get(id)?.budget);
  if (!budgeted) return undefined;
  const silent = tasks.filter((id) => {
    const agent = workflow.tasks.get(id)?.agent;
    return (
      agent !== undefined && (workflow.agents.get(agent)?.command !== undefined || !builtinAgents.has(agent))
    );
  });
  if (silent.length === 0) return undefined;
  return `a budget is set, but ${silent.join(', ')} ${silent.length === 1 ? 'runs an agent' : 'run agents'} (a custom command) that report no cost or tokens: the budget does not count ${silent.length === 1 ? 'it' : 'them'}`;
}

/** Tells the reporters what the run has spent against its budget (after a task ran), if it has one. */
export async function reportSpend(ctx: RunContext): Promise<void> {
  const state = runBudget(ctx.workflow, ctx.journal.record);
  if (state === undefined) return;
  await ctx.journal.update((r) => (r.budget = state));
  ctx.emit({ type: 'budget-spend', time: Date.now(), budget: state });
}
