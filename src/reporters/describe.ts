import { assertNever } from '../util/assert-never.js';
import { formatDuration, formatFailure } from './format.js';
import type { EventOf, RunRecord } from './run-record.js';

/**
 * How a finished task is described in one line, shared by the plain log and the task tree:
 * `succeeded in 3.4s (2 attempts)`, `failed: gate-failed: …`, `blocked (needs auth-tests)`.
 */
export function describeFinished(event: EventOf<'task-finished'>, record: RunRecord): string {
  const attempts = event.attempts > 1 ? ` (${event.attempts} attempts)` : '';
  switch (event.status) {
    case 'succeeded':
      return `succeeded in ${formatDuration(event.durationMs)}${attempts}`;
    case 'failed':
      return event.failure === undefined ? `failed${attempts}` : `failed: ${formatFailure(event.failure)}`;
    case 'blocked':
      return event.blockedBy === undefined
        ? 'blocked (an upstream task failed)'
        : `blocked (needs ${event.blockedBy})`;
    case 'skipped': {
      const fromRun = record.reused.get(event.task);
      return fromRun === undefined ? 'skipped' : `skipped (reused from run ${fromRun})`;
    }
    case 'cancelled':
      return 'cancelled';
    case 'interrupted':
      return 'interrupted';
    // Not final statuses: a task-finished carrying them is an engine bug, shown rather than hidden.
    case 'pending':
    case 'running':
    case 'verifying':
      return `finished while ${event.status}`;
    default:
      return assertNever(event.status);
  }
}

/** `passed 1.2s` / `failed 3.1s`. */
export function describeGate(event: EventOf<'gate-finished'>): string {
  return `gate ${event.gate} ${event.ok ? 'passed' : 'failed'} ${formatDuration(event.durationMs)}`;
}
