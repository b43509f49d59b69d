import type { TaskDef } from '../config/workflow.js';
import type { Failure } from '../events/task-status.js';
import type { ExpressionContext, StatusFunction } from '../expressions/expression.js';
import { calledFunctions, isTrue, parseExpression } from '../expressions/expression.js';
import type { RunRecord, TaskRecord } from '../state/run-state.js';
import { isReused, taskHasResult } from '../state/run-state.js';
import type { RunContext } from './run-context.js';
import type { NodeOutcome } from './scheduler.js';

/**
 * Whether the task's `if:` calls `always()` or `failure()`: as on GitHub, it then waits for its needs
 * to settle, whatever their results, instead of being skipped or blocked behind them.
 */
export function runsAfterAny(task: TaskDef | undefined): boolean {
  if (task?.if === undefined) return false;
  const parsed = parseExpression(task.if);
  if (!parsed.ok) return false;
  const called = calledFunctions(parsed.value.ast);
  return called.has('always') || called.has('failure');
}

/** What `tasks.<id>.status` reads: a reused task is as good as succeeded. */
function conditionStatus(t: TaskRecord): string {
  return isReused(t) ? 'succeeded' : t.status;
}

/** What an `if:` of `task` reads: vars, its ancestors' outputs, summaries and statuses, its matrix. */
export function conditionContext(
  ctx: Pick<RunContext, 'workflow' | 'graph'>,
  record: RunRecord,
  task: string,
): ExpressionContext {
  const tasks = Object.fromEntries(
    [...ctx.graph.ancestors([task])].flatMap((id) => {
      const t = record.tasks[id];
      if (!t) return [];
      return [
        [id, { outputs: t.outputs ?? {}, summary: t.usage?.summary ?? '', status: conditionStatus(t) }],
      ];
    }),
  );
  const matrix = ctx.workflow.tasks.get(task)?.matrixValues ?? {};
  return { vars: { ...ctx.workflow.vars }, tasks, matrix };
}

/**
 * GitHub's status functions for a job, over all of the task's ancestors: `success()` when each has a
 * result, `failure()` when one failed, `always()` always.
 */
function statusOf(ctx: Pick<RunContext, 'graph'>, record: RunRecord, task: string) {
  const above = [...ctx.graph.ancestors([task])].flatMap((id) => record.tasks[id] ?? []);
  return (fn: StatusFunction): boolean => {
    if (fn === 'always') return true;
    if (fn === 'failure') return above.some((t) => t.status === 'failed');
    return above.every(taskHasResult);
  };
}

/**
 * The task's `if:` over the record: true (or no `if:`) runs it; false skips it, with the expression;
 * an expression that cannot be evaluated (fromJSON of an output that is not JSON) fails it.
 */
export function conditionVerdict(
  ctx: Pick<RunContext, 'workflow' | 'graph'>,
  record: RunRecord,
  id: string,
): { run: true } | { skipped: { condition: string } } | { failure: Failure } {
  const condition = ctx.workflow.tasks.get(id)!.if;
  if (condition === undefined) return { run: true };
  const parsed = parseExpression(condition);
  // Validation parsed it already: a failure here is a bug.
  if (!parsed.ok) throw new Error(`if: of ${id} does not parse: ${parsed.error}`);
  const verdict = isTrue(parsed.value, conditionContext(ctx, record, id), statusOf(ctx, record, id));
  if (!verdict.ok)
    return {
      failure: { reason: 'condition-failed', message: `if: ${parsed.value.source}: ${verdict.error}` },
    };
  return verdict.value ? { run: true } : { skipped: { condition: parsed.value.source } };
}

/**
 * Evaluates the task's `if:` before it starts (see `conditionVerdict`): a task it does not run is
 * recorded `skipped` or `failed`, and that is returned. Undefined: the task runs.
 */
export async function skipByCondition(ctx: RunContext, id: string): Promise<NodeOutcome | undefined> {
  const verdict = conditionVerdict(ctx, ctx.journal.record, id);
  if ('run' in verdict) return undefined;
  const failure = 'failure' in verdict ? verdict.failure : undefined;
  const skipped = 'skipped' in verdict ? verdict.skipped : undefined;
  const status = failure ? 'failed' : 'skipped';
  const now = Date.now();
  await ctx.journal.updateTask(id, (t) => {
    t.status = status;
    t.startedAt = now;
    t.finishedAt = now;
    if (failure) t.failure = failure;
    if (skipped) t.skipped = skipped;
  });
  ctx.emit({
    type: 'task-finished',
    time: now,
    task: id,
    status,
    attempts: 0,
    durationMs: 0,
    branch: ctx.journal.task(id).branch,
    ...(failure ? { failure } : {}),
    ...(skipped ? { skipped } : {}),
  });
  return status;
}
