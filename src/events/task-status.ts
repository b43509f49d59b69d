/**
 * Where a task is in its life. One line each, because users read these in `status`:
 * - pending:     not started yet (waiting for its needs or a free slot)
 * - running:     its sandbox is being prepared or its agent/command is running
 * - verifying:   its gates are running on the committed result
 * - succeeded:   its gates passed and its result commit exists on its branch
 * - failed:      the agent/command or a gate failed and no retries were left
 * - blocked:     not run because a task it needs failed (or was blocked, or cancelled)
 * - cancelled:   stopped by Ctrl-C / SIGTERM, or by --failure-mode kill after another task failed
 * - skipped:     not run because its result was reused from an earlier run (rerun, --reuse)
 * - interrupted: orchestra died while it was running (kill -9, crash); `resume` starts it again
 * - waiting:     an approval task waiting for `orchestra approve|reject` (or the terminal's answer)
 */
export type TaskStatus =
  | 'pending'
  | 'running'
  | 'verifying'
  | 'succeeded'
  | 'failed'
  | 'blocked'
  | 'cancelled'
  | 'skipped'
  | 'interrupted'
  | 'waiting';

/** Statuses after which a task will not change again in this run. */
export const FINAL_STATUSES: readonly TaskStatus[] = [
  'succeeded',
  'failed',
  'blocked',
  'cancelled',
  'skipped',
];

/** Statuses whose result commit downstream tasks can start from. */
export function hasResult(status: TaskStatus): boolean {
  return status === 'succeeded' || status === 'skipped';
}

/** Why a task failed: a closed set, so reporters and `status` can explain each one. */
export type FailureReason =
  | 'sandbox-failed'
  | 'merge-conflict'
  | 'setup-failed'
  | 'agent-failed'
  | 'agent-timed-out'
  | 'agent-signaled'
  | 'agent-not-found'
  | 'no-changes'
  | 'output-invalid'
  | 'condition-failed'
  | 'matrix-invalid'
  | 'matrix-failed'
  | 'write-scope'
  | 'gate-failed'
  | 'commit-failed'
  | 'repo-changed'
  | 'submodule-changed'
  | 'disk-full'
  | 'rejected'
  | 'internal-error';

export interface Failure {
  reason: FailureReason;
  message: string;
  /** Files involved (conflicting files, forbidden paths). */
  files?: string[];
}

/** Why a task was skipped without a result: its own `if:` was false, or a need of it was skipped. */
export type SkipReason = { condition: string } | { need: string };

/** How a run ended. */
export type RunOutcome = 'succeeded' | 'failed' | 'cancelled';
