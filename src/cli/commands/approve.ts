import type { ApprovalDecision } from '../../approvals/decision.js';
import { readDecision, writeDecision } from '../../approvals/decision.js';
import { userName } from '../../control/user-name.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { isRecord } from '../../util/is-record.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { Exit, ExitCode } from '../exit-codes.js';
import { printDiagnostics } from '../load.js';
import { runOrExit } from '../repo.js';

export interface DecideFlags {
  run?: string;
  message?: string;
  json?: boolean;
}

/**
 * `orchestra approve|reject <task>`: decides an approval task of a run, from any terminal. A run
 * waiting for it goes on at once; a run not running applies it when resumed.
 */
export async function decideCommand(
  decision: ApprovalDecision['decision'],
  task: string,
  flags: DecideFlags,
): Promise<number> {
  const json = flags.json === true;
  const { repoRoot, store, record } = await runOrExit(flags.run, json);
  const refuse = (message: string, hint?: string): never => {
    const d: Diagnostic = { severity: 'error', code: 'usage', message, ...(hint ? { hint } : {}) };
    printDiagnostics([d], new Map(), json);
    throw new Exit(ExitCode.usage);
  };
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
    ...(flags.message ? { note: flags.message } : {}),
  };
  await writeDecision(store.paths.dir, task, given);
  const live = (await store.holder()) !== undefined;
  if (json) {
    process.stdout.write(`${JSON.stringify({ runId: record.id, task, ...given, runLive: live })}\n`);
    return ExitCode.ok;
  }
  const next = live
    ? t.status === 'waiting'
      ? `run ${record.id} goes on`
      : `run ${record.id} applies it when "${task}" is reached`
    : `run ${record.id} is not running: continue it with "orchestra resume --run ${record.id}"`;
  process.stdout.write(`${task} ${decision} by ${given.by}; ${next}\n`);
  return ExitCode.ok;
}

export const approveCommand = (task: string, flags: DecideFlags) => decideCommand('approved', task, flags);
export const rejectCommand = (task: string, flags: DecideFlags) => decideCommand('rejected', task, flags);
