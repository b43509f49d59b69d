import type { SkipReason, TaskStatus } from '../events/task-status.js';
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
      if (event.skipped) return describeSkip(event.skipped);
      const fromRun = record.reused.get(event.task);
      return fromRun === undefined ? 'reused' : `reused from run ${fromRun}`;
    }
    case 'cancelled':
      return 'cancelled';
    case 'interrupted':
      return 'interrupted';
    // Not final statuses: a task-finished carrying them is an engine bug, shown rather than hidden.
    case 'pending':
    case 'running':
    case 'verifying':
    case 'waiting':
      return `finished while ${event.status}`;
    default:
      return assertNever(event.status);
  }
}

/** Counts of tasks by status give the good news first, then what needs the user. */
export const TALLY_ORDER: readonly TaskStatus[] = [
  'succeeded',
  'skipped',
  'failed',
  'blocked',
  'cancelled',
  'interrupted',
];

/**
 * A status as users read it: a task whose result was reused is recorded as `skipped` (the record's
 * and `--json`'s word) but shown as `reused`, which is what happened to it.
 */
export function statusWord(status: TaskStatus, skipped?: SkipReason): string {
  return status === 'skipped' && !skipped ? 'reused' : status;
}

/** `skipped (if: … was false)`, `skipped (needs plan, which was skipped)`. */
export function describeSkip(skipped: SkipReason): string {
  return 'condition' in skipped
    ? `skipped (if: ${skipped.condition} was false)`
    : `skipped (needs ${skipped.need}, which was skipped)`;
}

/** A task's outputs on one line, each value cut to its first line: `outputs: items=["a","b"], go=yes`. */
export function describeOutputs(outputs: Readonly<Record<string, string>>): string | undefined {
  const shown = Object.entries(outputs).map(([k, v]) => {
    const first = v.split('\n')[0]!;
    const cut = first.length > 60 || first !== v ? `${first.slice(0, 60)}…` : first;
    return `${k}=${cut}`;
  });
  return shown.length ? `outputs: ${shown.join(', ')}` : undefined;
}

/** `passed 1.2s` / `failed 3.1s`. */
export function describeGate(event: EventOf<'gate-finished'>): string {
  const verdict = event.flaky
    ? `flaky (passed on run ${event.runs})`
    : `${event.ok ? 'passed' : 'failed'}${event.runs ? ` ${event.runs} runs` : ''}`;
  return `gate ${event.gate} ${verdict} ${formatDuration(event.durationMs)}`;
}

/** `5 tasks`, or `3 of 5 tasks (1 reused, 1 finished earlier)` when some will not run. */
export function describeTaskCount(event: EventOf<'run-started'>): string {
  const total = event.tasks.length;
  const notRun = [
    event.reused.length ? `${event.reused.length} reused` : '',
    event.finishedEarlier.length ? `${event.finishedEarlier.length} finished earlier` : '',
  ].filter(Boolean);
  const toRun = total - event.reused.length - event.finishedEarlier.length;
  const tasks = `${total} ${total === 1 ? 'task' : 'tasks'}`;
  return notRun.length ? `${toRun} of ${tasks} to run (${notRun.join(', ')})` : tasks;
}

/** A task of a rerun or resume that keeps what an earlier try of the run gave it. */
export function describeEarlier(status: TaskStatus): string {
  return `${statusWord(status)} earlier, not run again`;
}

/** The command that approves a waiting task, as the live view and the plain log show it. */
export function approveCommand(event: { task: string; runId: string }): string {
  return `orchestra approve ${event.task} --run ${event.runId}`;
}
