import type { Failure } from '../events/task-status.js';
import type { RunContext } from './run-context.js';
import type { NodeOutcome } from './scheduler.js';

/**
 * Ends a task that the executor did not run itself (an approval, a best_of task whose candidates
 * did the work): records its status, end and failure, then emits its `task-finished`.
 */
export async function finishTask(
  ctx: RunContext,
  id: string,
  started: number,
  outcome: NodeOutcome,
  failure?: Failure,
): Promise<NodeOutcome> {
  await ctx.journal.updateTask(id, (t) => {
    t.status = outcome;
    t.finishedAt = Date.now();
    if (failure) t.failure = failure;
  });
  const t = ctx.journal.task(id);
  ctx.emit({
    type: 'task-finished',
    time: Date.now(),
    task: id,
    status: t.status,
    attempts: t.attempts.length,
    durationMs: Date.now() - started,
    branch: t.branch,
    ...(t.commit ? { commit: t.commit } : {}),
    ...(failure ? { failure } : {}),
  });
  return outcome;
}
