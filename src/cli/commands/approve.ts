import type { ApprovalDecision } from '../../approvals/decision.js';
import { decideApproval } from '../../control/decide-approval.js';
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
  const decided = await decideApproval(repoRoot, { store, record }, task, decision, flags.message);
  if (!decided.ok) {
    printDiagnostics([decided.error], new Map(), json);
    throw new Exit(ExitCode.usage);
  }
  const { given, live } = decided.value;
  const t = record.tasks[task]!;
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
