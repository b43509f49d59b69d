import { describeOutputs, describeSkip } from '../../reporters/describe.js';
import type { TaskStatus } from '../../events/task-status.js';
import { hasResult } from '../../events/task-status.js';
import type { RunRecord, TaskRecord } from '../../state/run-state.js';
import { isReused } from '../../state/run-state.js';
import { repoStatusLines, taskBranchesAcross } from '../../repos/repo-status.js';
import { displayPath, formatDuration } from '../../reporters/format.js';
import { leftoverProcesses } from '../../engine/leftover-processes.js';
import { ExitCode } from '../exit-codes.js';
import { runOrExit } from '../repo.js';
import { landingLines } from '../status-landing.js';
import { watchStatus } from '../watch-status.js';
import { flakyGates } from '../../verify/gate-record.js';
import { budgetLine } from '../../budget/spend.js';

/**
 * A record as `status` shows it: in a run that died in progress, the tasks that had started (running,
 * verifying, or still pending with a sandbox made for them) are `interrupted`.
 */
export function effectiveRecord(
  record: RunRecord,
  live: boolean,
): RunRecord & { state: 'running' | 'interrupted' | 'succeeded' | 'failed' | 'cancelled' } {
  // The tasks of a distributed run run elsewhere: nothing of it died here.
  const died = record.outcome === undefined && !live && record.remote === undefined;
  const tasks = Object.fromEntries(
    Object.entries(record.tasks).map(([id, t]): [string, TaskRecord] => [
      id,
      died &&
      (t.status === 'running' ||
        t.status === 'verifying' ||
        (t.status === 'pending' && t.sandbox !== undefined))
        ? { ...t, status: 'interrupted' }
        : t,
    ]),
  );
  const failed = Object.values(tasks).some((t) => t.status === 'failed');
  const going = record.remote === undefined ? live : !failed;
  return { ...record, tasks, state: record.outcome ?? (going ? 'running' : died ? 'interrupted' : 'failed') };
}

/** `orchestra status`: one row per task of a run, where its result is, and what to do next. */
export async function statusCommand(opts: {
  run?: string;
  file?: string;
  json?: boolean;
  watch?: boolean;
  /** A run of `orchestra job`s on this git remote: fetched into the run folder first. */
  remote?: string;
}): Promise<number> {
  if (opts.remote !== undefined)
    opts = {
      ...opts,
      run: await (await import('./job.js')).fetchRemoteRun(opts.remote, opts.run, opts.json === true),
    };
  if (!opts.watch) return printStatus(opts);
  return watchStatus(
    opts.run,
    (run, write) => printStatus({ ...opts, run }, write),
    opts.json === true,
    opts.file,
  );
}

async function printStatus(
  opts: { run?: string; file?: string; json?: boolean },
  write: (text: string) => void = (text) => void process.stdout.write(text),
): Promise<number> {
  const { store, record: raw } = await runOrExit(opts.run, opts.json, opts.file);
  const live = await store.isLocked();
  const record = effectiveRecord(raw, live);
  // Processes a run killed with SIGKILL left running (its agents do not die with it).
  const leftovers = live ? [] : await leftoverProcesses(raw, store.paths);
  const green = record.state === 'succeeded';
  if (opts.json) {
    const shown = leftovers.length ? { ...record, stillRunning: leftovers } : record;
    write(`${JSON.stringify(shown)}\n`);
    return green ? ExitCode.ok : ExitCode.failed;
  }
  const branches = await taskBranchesAcross(record);
  const now = Date.now();
  const withUsage = record.selected.some((id) => usage(record.tasks[id]!) !== '');
  const flaky = flakyGates(record);
  const flakyOf = (task: string | null) =>
    flaky.filter((f) => f.task === task).map((f) => `${f.gate} (attempt ${f.attempt}, run ${f.runs})`);
  // Shown once some task ran jailed: a run without isolation reads as before.
  const withIsolation = record.selected.some((id) => record.tasks[id]!.isolation === 'os');
  // A best_of task's candidates follow it, each a row of its own.
  const shown = record.selected.flatMap((id) => [id, ...(record.tasks[id]!.candidates ?? [])]);
  const rows = shown.map((id) => {
    const t = record.tasks[id]!;
    return [
      // Across repositories, each task's repository.
      ...(record.repos ? [t.repo ?? 'self'] : []),
      id,
      label(t.status, t),
      String(t.attempts.length),
      taskTime(t, now),
      // A failed task's branch holds its attempts' work too.
      branches.has(t.branch) ? t.branch : '-',
      ...(withIsolation ? [t.isolation ?? '-'] : []),
      ...(withUsage ? [usage(t)] : []),
      note(t, flakyOf(id)),
    ];
  });
  const header = [
    ...(record.repos ? ['REPO'] : []),
    'TASK',
    'STATUS',
    'ATTEMPTS',
    'TIME',
    'BRANCH',
    ...(withIsolation ? ['ISOLATION'] : []),
    ...(withUsage ? ['USAGE'] : []),
    'NOTE',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [
    `run ${record.id} (${record.workflowName}): ${record.state}`,
    `base: ${record.baseRef} at ${record.baseCommit.slice(0, 10)}`,
    '',
    line(header),
    ...rows.map(line),
    '',
  ];
  const tokens = Object.values(record.tasks).reduce(
    (n, t) => n + (t.usage?.inputTokens ?? 0) + (t.usage?.outputTokens ?? 0),
    0,
  );
  const cost = Object.values(record.tasks).reduce((n, t) => n + (t.usage?.costUsd ?? 0), 0);
  if (tokens || cost) out.push(`total usage: ${tokens} tokens${cost ? `, $${cost.toFixed(4)}` : ''}`);
  if (record.budget)
    out.push(
      budgetLine(
        record.budget,
        Object.values(record.tasks).filter((t) => t.stoppedBy === 'budget' && t.status === 'cancelled')
          .length,
      ),
    );
  const integration = record.integration;
  if (integration.status === 'succeeded') {
    out.push(`result: ${integration.branch} at ${integration.commit!.slice(0, 10)}`);
    const flakyHere = flakyOf(null);
    if (flakyHere.length) out.push(`  integration gates flaky: ${flakyHere.join(', ')}`);
    out.push(`  git log --oneline ${record.baseCommit.slice(0, 10)}..${integration.branch}`);
    out.push(`  git diff ${record.baseCommit.slice(0, 10)}...${integration.branch}`);
    out.push(...(await landingLines(record)));
  } else if (integration.status === 'failed') {
    out.push(`integration failed: ${integration.failure?.message ?? ''}`);
    const red = integration.gates.find((g) => !g.ok);
    if (red) out.push(`  log: ${displayPath(store.paths.abs(red.log), process.cwd())}`);
  }
  out.push(...repoStatusLines(record));
  if (leftovers.length) {
    const which = leftovers.map((l) => `${l.task} (process group ${l.processGroup})`).join(', ');
    out.push(`still running, though the run died: ${which}; resume stops them first`);
  }
  const failed = record.selected.filter((id) => !hasResult(record.tasks[id]!.status));
  if (record.remote !== undefined) {
    // Its jobs ran elsewhere: what is left is integrating what they pushed.
    if (failed.length === 0 && integration.status !== 'succeeded')
      out.push(`integrate it: orchestra job --integrate --run-id ${record.id} --remote ${record.remote}`);
  } else if (record.state === 'interrupted' || record.state === 'cancelled')
    out.push(`continue it: orchestra resume --run ${record.id}`);
  else if (integration.status === 'failed' && failed.length === 0)
    out.push(`integrate again: orchestra resume --run ${record.id}`);
  if (failed.length && record.state !== 'running') {
    // Only a task with a log: one that failed before its first attempt (a conflict) has none.
    const logged = failed.find((id) => hasLog(record.tasks[id]!));
    if (logged) out.push(`see why: orchestra logs ${logged} --run ${record.id}`);
    out.push(
      record.remote === undefined
        ? `rerun what failed: orchestra rerun --failed --run ${record.id}`
        : `rerun what failed here: orchestra rerun --failed --remote ${record.remote} --run ${record.id}, then orchestra job --integrate --run-id ${record.id} --remote ${record.remote}`,
    );
  }
  write(`${out.join('\n')}\n`);
  return green ? ExitCode.ok : ExitCode.failed;
}

function label(status: TaskStatus, t: TaskRecord): string {
  if (isReused(t)) return `reused${t.reusedFrom ? ` (${t.reusedFrom})` : ''}`;
  if (t.lost) return `${status} (lost)`;
  return status;
}

function note(t: TaskRecord, flaky: string[]): string {
  if (t.status === 'blocked' && t.blockedBy) return `needs ${t.blockedBy}`;
  if (t.status === 'waiting' && t.approval) return `waiting for approval: ${t.approval.text}`;
  if (t.status === 'succeeded' && t.approval?.by)
    return `approved by ${t.approval.by}${t.approval.note ? `: ${t.approval.note}` : ''}`;
  if (t.stoppedBy === 'budget' && t.status === 'cancelled') return 'not started: the budget was spent';
  if (t.skipped) return describeSkip(t.skipped);
  const outputs = t.outputs && describeOutputs(t.outputs);
  if (outputs) return outputs;
  if (t.failure && t.status === 'failed') return `${t.failure.reason}: ${t.failure.message}`;
  if (t.winner) return `winner: ${t.winner}`;
  if (t.sandbox && t.status !== 'running' && t.status !== 'verifying') return `sandbox kept: ${t.sandbox}`;
  if (flaky.length) return `flaky: ${flaky.join(', ')}`;
  return '';
}

/** What `orchestra logs <task>` can show: an attempt's output, or the setup's that failed. */
function hasLog(t: TaskRecord): boolean {
  return t.attempts.length > 0 || t.failure?.reason === 'setup-failed';
}

/** How long the task took, or has been running for; `-` when that is not known. */
function taskTime(t: TaskRecord, now: number): string {
  if (t.startedAt === undefined) return '-';
  if (t.status === 'running' || t.status === 'verifying' || t.status === 'waiting')
    return `${formatDuration(now - t.startedAt)}…`;
  // A record written before a success carried its end: the end of its last attempt, if recorded.
  const end = t.finishedAt ?? t.attempts.at(-1)?.finishedAt;
  return end === undefined ? '-' : formatDuration(end - t.startedAt);
}

function usage(t: TaskRecord): string {
  const u = t.usage;
  if (!u?.inputTokens && !u?.outputTokens) return '';
  return `${u.inputTokens ?? 0}/${u.outputTokens ?? 0} tok${u.costUsd ? ` $${u.costUsd.toFixed(4)}` : ''}`;
}
