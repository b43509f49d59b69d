import type { ApprovalDecision } from '../approvals/decision.js';
import { readDecision, writeDecision } from '../approvals/decision.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RunRecord } from '../state/run-state.js';
import type { RunStore } from '../state/run-store.js';
import { didYouMean } from '../util/did-you-mean.js';
import { isRecord } from '../util/is-record.js';
import { err, ok, type Result } from '../util/result.js';
import { userName } from './user-name.js';

/** A decision written for a run, and whether a process was running it then. */
export interface Decided {
  given: ApprovalDecision;
  live: boolean;
}

/**
 * Decides an approval task of a run, from any process: a run waiting for it goes on at once, a run
 * not running applies it when resumed. `orchestra approve|reject` and the web view call this.
 */
export async function decideApproval(
  repoRoot: string,
  { store, record }: { store: RunStore; record: RunRecord },
  task: string,
  decision: ApprovalDecision['decision'],
  note?: string,
): Promise<Result<Decided, Diagnostic>> {
  const refuse = (message: string, hint?: string) =>
    err<Diagnostic>({ severity: 'error', code: 'usage', message, ...(hint ? { hint } : {}) });
  const t = record.tasks[task];
  if (t === undefined)
    return refuse(
      `task "${task}" is not part of run ${record.id}${didYouMean(task, Object.keys(record.tasks))}`,
    );
  // The workflow the run was started with says which tasks are approvals.
  const workflow = await store.loadWorkflow();
  const raw = workflow.ok && isRecord(workflow.value) ? workflow.value.tasks : undefined;
  const def = isRecord(raw) ? raw[task] : undefined;
  if (!isRecord(def) || typeof def.approval !== 'string')
    return refuse(
      `task "${task}" of run ${record.id} is not an approval task: there is nothing to ${decision === 'approved' ? 'approve' : 'reject'}`,
    );
  // A decision of an earlier try of the task counts only while its result stands (a rerun asks again).
  const settled = t.status === 'succeeded' || t.status === 'failed';
  const earlier = settled && t.approval?.decision ? t.approval : await readDecision(store.paths.dir, task);
  if (earlier?.decision !== undefined)
    return refuse(
      `"${task}" was already ${earlier.decision} by ${earlier.by ?? 'someone'} at ${new Date(earlier.at ?? 0).toISOString()}`,
      settled
        ? `to decide again, run it again: orchestra rerun ${task} --run ${record.id}`
        : `the run applies it when "${task}" is reached`,
    );
  // A cancelled approval waits again on resume; these never do.
  if (settled || t.status === 'blocked' || t.status === 'skipped')
    return refuse(`"${task}" is ${t.status}: it will not wait for a decision in this run`);
  const given: ApprovalDecision = {
    decision,
    by: await userName(repoRoot),
    at: Date.now(),
    ...(note ? { note } : {}),
  };
  await writeDecision(store.paths.dir, task, given);
  return ok({ given, live: (await store.holder()) !== undefined });
}
