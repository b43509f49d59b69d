import { join, relative } from 'node:path';
import { parseDuration } from '../config/duration.js';
import type { Notify } from '../config/workflow-types.js';
import type { TaskStatus } from '../events/task-status.js';
import { runProcess } from '../process/run-process.js';
import type { RunResult } from '../engine/run-workflow.js';
import { describeOutcome } from '../verify/run-gates.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/** The environment the `notify:` command gets: how the run ended and where its result is. */
export function notifyEnv(result: RunResult): Record<string, string> {
  const { record } = result;
  const count = (...statuses: TaskStatus[]) =>
    String(record.selected.filter((id) => statuses.includes(record.tasks[id]!.status)).length);
  const integration = record.integration;
  const landed = integration.status === 'succeeded';
  return {
    ORCHESTRA_RUN_ID: record.id,
    ORCHESTRA_RUN_STATUS: result.outcome,
    ORCHESTRA_RUN_DIR: result.runDir,
    ORCHESTRA_WORKFLOW: record.workflowName,
    ORCHESTRA_BASE_COMMIT: record.baseCommit,
    ORCHESTRA_RESULT_BRANCH: landed ? integration.branch : '',
    ORCHESTRA_RESULT_COMMIT: landed ? (integration.commit ?? '') : '',
    ORCHESTRA_TASKS_TOTAL: String(record.selected.length),
    ORCHESTRA_TASKS_SUCCEEDED: count('succeeded', 'skipped'),
    ORCHESTRA_TASKS_FAILED: count('failed'),
    ORCHESTRA_TASKS_BLOCKED: count('blocked'),
    ORCHESTRA_TASKS_CANCELLED: count('cancelled', 'interrupted'),
  };
}

/**
 * Runs the workflow's `notify:` command once a run has ended, in the repository, with the outcome in
 * its environment (output in `logs/_notify.log`). Returns a warning when it did not succeed: a
 * failed notification never changes how the run ended.
 */
export async function runNotify(notify: Notify, result: RunResult): Promise<string | undefined> {
  const command = typeof notify === 'string' ? notify : notify.run;
  const timeoutMs =
    (typeof notify === 'string' ? undefined : parseDuration(notify.timeout)) ?? DEFAULT_TIMEOUT_MS;
  const logFile = join(result.runDir, 'logs', '_notify.log');
  const r = await runProcess({
    command: { shell: command },
    cwd: result.record.repoRoot,
    env: notifyEnv(result),
    logFile,
    timeoutMs,
    killGraceMs: 1000,
  });
  if (r.outcome.kind === 'exited' && r.outcome.exitCode === 0) return undefined;
  const last = r.tail.trimEnd().split('\n').at(-1)?.trim();
  return `${describeOutcome('the notify command', r.outcome, timeoutMs)}${last ? `: ${last}` : ''} (output: ${relative(process.cwd(), logFile) || logFile})`;
}
