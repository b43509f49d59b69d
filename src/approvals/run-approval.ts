import { mkdir } from 'node:fs/promises';
import { renderTemplate } from '../config/template.js';
import { watchFolder } from '../control/watch-folder.js';
import type { Failure } from '../events/task-status.js';
import type { RunContext } from '../engine/run-context.js';
import type { NodeOutcome } from '../engine/scheduler.js';
import { startCommitOf } from '../engine/start-commit.js';
import { templateValues } from '../engine/task-prompt.js';
import type { ApprovalDecision } from './decision.js';
import { decisionsDir, readDecision, removeDecision } from './decision.js';

/**
 * Runs an approval task: it waits, taking no slot, until a decision for it is in the run folder
 * (`orchestra approve|reject`, or the terminal's answer), then records it. Approved: `succeeded`
 * with its start commit as its result; rejected: `failed`. Cancelled while waiting: `cancelled`,
 * and `resume` waits again (or applies a decision given meanwhile).
 */
export async function runApproval(ctx: RunContext, id: string, signal: AbortSignal): Promise<NodeOutcome> {
  const task = ctx.workflow.tasks.get(id)!;
  const started = Date.now();
  const start = await startCommitOf(ctx, id);
  if ('failure' in start) return finish(ctx, id, started, 'failed', start.failure);
  const text = renderTemplate(task.approval!, templateValues(ctx.journal.record, ctx.workflow.vars, id));
  await ctx.journal.updateTask(id, (t) => {
    t.status = 'waiting';
    t.startedAt = started;
    t.startCommit = start.commit;
    t.approval = { text };
    delete t.failure;
    delete t.commit;
  });
  // Watched from the start: a decision written a moment later wakes the run through fs.watch.
  await mkdir(decisionsDir(ctx.journal.store.paths.dir), { recursive: true });
  ctx.emit({ type: 'approval-waiting', time: Date.now(), runId: ctx.journal.record.id, task: id, text });
  const decision = await waitForDecision(ctx.journal.store.paths.dir, id, signal);
  if (decision === undefined) return finish(ctx, id, started, 'cancelled');
  await ctx.journal.updateTask(id, (t) => {
    t.approval = { text, ...decision };
    if (decision.decision === 'approved') t.commit = start.commit;
  });
  // Applied: a rerun of the task asks again.
  await removeDecision(ctx.journal.store.paths.dir, id);
  if (decision.decision === 'approved') return finish(ctx, id, started, 'succeeded');
  const note = decision.note ? `: ${decision.note}` : '';
  return finish(ctx, id, started, 'failed', {
    reason: 'rejected',
    message: `rejected by ${decision.by}${note}`,
  });
}

/** The decision for `task`, as soon as it is there; undefined if `signal` aborts first. */
function waitForDecision(
  runDir: string,
  task: string,
  signal: AbortSignal,
): Promise<ApprovalDecision | undefined> {
  return new Promise((resolve) => {
    const done = (decision: ApprovalDecision | undefined) => {
      watcher.stop();
      signal.removeEventListener('abort', onAbort);
      resolve(decision);
    };
    const onAbort = () => done(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    const watcher = watchFolder(decisionsDir(runDir), async () => {
      const decision = await readDecision(runDir, task);
      if (decision !== undefined && !signal.aborted) done(decision);
    });
    if (signal.aborted) done(undefined);
  });
}

async function finish(
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
    attempts: 0,
    durationMs: Date.now() - started,
    branch: t.branch,
    ...(t.commit ? { commit: t.commit } : {}),
    ...(failure ? { failure } : {}),
  });
  return outcome;
}
