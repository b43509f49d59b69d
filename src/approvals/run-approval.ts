import { mkdir } from 'node:fs/promises';
import { renderTemplate } from '../config/template.js';
import { watchFolder } from '../control/watch-folder.js';
import type { RunContext } from '../engine/run-context.js';
import type { NodeOutcome } from '../engine/scheduler.js';
import { startCommitOf } from '../engine/start-commit.js';
import { templateValues } from '../engine/task-prompt.js';
import type { ApprovalDecision } from './decision.js';
import { decisionsDir, readDecision, removeDecision } from './decision.js';
import { finishTask } from '../engine/finish-task.js';

/**
 * Runs an approval task: it waits, taking no slot, until a decision for it is in the run folder
 * (`orchestra approve|reject`, or the terminal's answer), then records it. Approved: `succeeded`
 * with its start commit as its result; rejected: `failed`. Cancelled while waiting: `cancelled`,
 * and `resume` waits again (or applies a decision given meanwhile).
 */
export async function runApproval(ctx: RunContext, id: string, signal: AbortSignal): Promise<NodeOutcome> {
  const task = ctx.workflow.tasks.get(id)!;
  const started = Date.now();
  const start = await startCommitOf(ctx, task);
  if ('failure' in start) return finishTask(ctx, id, started, 'failed', start.failure);
  const text = renderTemplate(task.approval!, templateValues(ctx.journal.record, ctx.workflow.vars, id));
  const runDir = ctx.journal.store.paths.dir;
  // A decision given while the run was stopped (or before the task was reached) is applied as it is.
  const decision =
    (await readDecision(runDir, id)) ?? (await askAndWait(ctx, id, started, start.commit, text, signal));
  if (decision === undefined) return finishTask(ctx, id, started, 'cancelled');
  await ctx.journal.updateTask(id, (t) => {
    t.startedAt = started;
    t.startCommit = start.commit;
    t.approval = { text, ...decision };
    delete t.failure;
    if (decision.decision === 'approved') t.commit = start.commit;
    else delete t.commit;
  });
  // Applied: a rerun of the task asks again.
  await removeDecision(runDir, id);
  if (decision.decision === 'approved') return finishTask(ctx, id, started, 'succeeded');
  const note = decision.note ? `: ${decision.note}` : '';
  return finishTask(ctx, id, started, 'failed', {
    reason: 'rejected',
    message: `rejected by ${decision.by}${note}`,
  });
}

/** Shows the task `waiting` and waits for its decision; undefined if `signal` aborts first. */
async function askAndWait(
  ctx: RunContext,
  id: string,
  started: number,
  startCommit: string,
  text: string,
  signal: AbortSignal,
): Promise<ApprovalDecision | undefined> {
  await ctx.journal.updateTask(id, (t) => {
    t.status = 'waiting';
    t.startedAt = started;
    t.startCommit = startCommit;
    t.approval = { text };
    delete t.failure;
    delete t.commit;
  });
  const runDir = ctx.journal.store.paths.dir;
  // Watched from the start: a decision written a moment later wakes the run through fs.watch.
  await mkdir(decisionsDir(runDir), { recursive: true });
  ctx.emit({ type: 'approval-waiting', time: Date.now(), runId: ctx.journal.record.id, task: id, text });
  return waitForDecision(runDir, id, signal);
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
    const watcher = watchFolder(
      decisionsDir(runDir),
      async () => {
        const decision = await readDecision(runDir, task);
        if (decision !== undefined && !signal.aborted) done(decision);
      },
      { keepAlive: true },
    );
    if (signal.aborted) done(undefined);
  });
}
