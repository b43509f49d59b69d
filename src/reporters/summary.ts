import path from 'node:path';
import type { TaskStatus } from '../events/task-status.js';
import { describeSkip, statusWord, TALLY_ORDER } from './describe.js';
import { displayPath, formatCost, formatDuration, formatFailure, formatTokens, shortSha } from './format.js';
import type { EventOf, RunRecord } from './run-record.js';
import type { Style } from './style.js';
import { landingHints } from '../integrate/landing.js';
import { budgetLine } from '../budget/spend.js';
import { shellQuote } from '../util/shell-quote.js';
import { repoResultLines } from '../repos/repo-summary.js';

/** How the summary addresses the user: paths relative to their cwd, git pointed at the repository. */
export interface SummaryOptions {
  style: Style;
  cwd: string;
  repoRoot: string;
}

type TaskRow = EventOf<'run-finished'>['tasks'][number];

/**
 * The end-of-run report shared by the terminal and plain reporters: a table of tasks, then where the
 * result is and how to look at it, then for each failure how to read its log and run it again.
 */
export function formatSummary(
  finished: EventOf<'run-finished'>,
  record: RunRecord,
  opts: SummaryOptions,
): string {
  const sections = [
    header(finished, record, opts),
    table(finished, record, opts),
    // Across repositories, the workflow's own has a result branch only when it had tasks.
    ...(finished.repos?.length && finished.resultBranch === undefined && !record.integration?.failure
      ? []
      : [result(finished, record, opts)]),
    ...repoResultLines(finished.repos ?? [], opts.style),
  ];
  const failures = failed(finished, record, opts);
  if (failures !== '') sections.push(failures);
  const kept = keptElsewhere(finished, record, opts);
  if (kept !== '') sections.push(kept);
  // Last, so that a run that passed thanks to a rerun says so where the eye lands.
  if (finished.flaky?.length) sections.push(flakyLine(finished.flaky, opts));
  for (const warning of finished.warnings ?? []) sections.push(opts.style.yellow(`warning: ${warning}`));
  return `${sections.join('\n\n')}\n`;
}

function header(
  finished: EventOf<'run-finished'>,
  record: RunRecord,
  { style, cwd }: SummaryOptions,
): string {
  // Keyed by the word shown: a reused task and one skipped by its `if:` share a status, not a word.
  const counts = new Map<string, { status: TaskStatus; n: number }>(
    TALLY_ORDER.map((status) => [statusWord(status), { status, n: 0 }]),
  );
  for (const t of finished.tasks) {
    const word = statusWord(t.status, t.skipped);
    const c = counts.get(word) ?? { status: t.status, n: 0 };
    counts.set(word, { ...c, n: c.n + 1 });
  }
  const tally = [...counts]
    .filter(([, c]) => c.n > 0)
    .map(([word, c]) => style.status(c.status, `${c.n} ${word}`))
    .join(', ');
  const outcome = finished.outcome === 'succeeded' ? style.green('succeeded') : style.red(finished.outcome);
  const runDir =
    record.started === undefined ? '' : style.dim(`  (${displayPath(record.started.runDir, cwd)})`);
  const first = `${style.bold(`run ${finished.runId}`)} ${outcome} in ${formatDuration(finished.durationMs)}: ${tally}${runDir}`;
  if (finished.budget === undefined) return first;
  const line = budgetLine(finished.budget, counts.get(statusWord('cancelled'))?.n);
  return `${first}\n${finished.budget.stopped ? style.red(line) : line}`;
}

function table(finished: EventOf<'run-finished'>, record: RunRecord, { style }: SummaryOptions): string {
  const withUsage = finished.tasks.some((t) => formatTokens(t.usage) ?? formatCost(t.usage?.costUsd));
  const rows: { cells: string[]; status?: TaskStatus; note?: string }[] = [
    { cells: ['task', 'status', 'attempts', 'time', ...(withUsage ? ['tokens in/out', 'cost'] : [])] },
  ];
  for (const t of finished.tasks) rows.push(taskRow(t, withUsage, record, finished));
  const integration = integrationRow(record, withUsage, flakyIn(finished, null));
  if (integration !== undefined) rows.push(integration);
  if (withUsage) {
    const total = finished.tasks.reduce((sum, t) => sum + (t.usage?.costUsd ?? 0), 0);
    rows.push({ cells: ['total', '', '', formatDuration(finished.durationMs), '', formatCost(total) ?? ''] });
  }
  const widths = rows[0]!.cells.map((_, i) => Math.max(...rows.map((r) => r.cells[i]?.length ?? 0)));
  return rows
    .map((row, index) => {
      const cells = row.cells.map((cell, i) => {
        const padded = cell.padEnd(widths[i]!);
        if (index === 0) return style.dim(padded);
        return i === 1 && row.status !== undefined ? style.status(row.status, padded) : padded;
      });
      const line = `  ${cells.join('  ').trimEnd()}`;
      // The failure message goes under the status column: long messages do not stretch the table.
      const indent = ' '.repeat(2 + widths[0]! + 2);
      return row.note === undefined ? line : `${line}\n${indent}${style.dim(row.note)}`;
    })
    .join('\n');
}

function taskRow(
  t: TaskRow,
  withUsage: boolean,
  record: RunRecord,
  finished: EventOf<'run-finished'>,
): { cells: string[]; status: TaskStatus; note?: string } {
  const ran = t.attempts > 0;
  const cells = [
    t.task,
    statusWord(t.status, t.skipped),
    ran ? String(t.attempts) : '-',
    ran ? formatDuration(t.durationMs) : '-',
  ];
  if (withUsage) cells.push(formatTokens(t.usage) ?? '', formatCost(t.usage?.costUsd) ?? '');
  const fromRun = record.reused.get(t.task);
  const flaky = flakyIn(finished, t.task);
  const note =
    t.failure !== undefined
      ? formatFailure(t.failure)
      : t.skipped
        ? describeSkip(t.skipped)
        : t.status === 'skipped' && fromRun !== undefined
          ? `from run ${fromRun}`
          : flaky.length
            ? `flaky: ${flaky.join(', ')}`
            : undefined;
  return note === undefined ? { cells, status: t.status } : { cells, status: t.status, note };
}

function integrationRow(
  record: RunRecord,
  withUsage: boolean,
  flaky: string[],
): { cells: string[]; status: TaskStatus; note?: string } | undefined {
  const done = record.integration;
  if (done === undefined) return undefined;
  const status: TaskStatus = done.ok ? 'succeeded' : 'failed';
  const startedAt = record.integrationStarted?.time;
  const time = startedAt === undefined ? '-' : formatDuration(done.time - startedAt);
  const cells = ['integration', status, '-', time, ...(withUsage ? ['', ''] : [])];
  if (done.failure !== undefined) return { cells, status, note: done.failure.message };
  return flaky.length ? { cells, status, note: `flaky: ${flaky.join(', ')}` } : { cells, status };
}

function result(finished: EventOf<'run-finished'>, record: RunRecord, opts: SummaryOptions): string {
  const { style } = opts;
  const branch = finished.resultBranch;
  if (branch === undefined) {
    const integration = record.integration;
    if (integration?.failure !== undefined) {
      const f = integration.failure;
      const details = [
        f.tasks !== undefined && f.tasks.length > 0 ? `tasks ${f.tasks.join(', ')}` : undefined,
        f.files !== undefined && f.files.length > 0 ? `files ${f.files.join(', ')}` : undefined,
      ].filter((d) => d !== undefined);
      const suffix = details.length > 0 ? ` (${details.join('; ')})` : '';
      return `${style.red('no result branch')}: integration failed: ${f.message}${suffix}`;
    }
    return `${style.yellow('no result branch')}: integration did not run`;
  }
  const base = shortSha(finished.baseCommit);
  const at = finished.resultCommit === undefined ? '' : ` at ${shortSha(finished.resultCommit)}`;
  const git = gitCommand(opts);
  const land = finished.landing ? landingHints(finished.landing, branch, git) : [];
  return [
    `result: branch ${style.bold(branch)}${at}`,
    `  commits  ${style.cyan(`${git} log --oneline ${base}..${branch}`)}`,
    `  changes  ${style.cyan(`${git} diff ${base}...${branch}`)}`,
    ...land.map(
      (h) =>
        `  ${h.label.padEnd(7)}  ${h.command ? `${style.cyan(h.command)}  ${style.dim(h.note)}` : h.note}`,
    ),
  ].join('\n');
}

function failed(finished: EventOf<'run-finished'>, record: RunRecord, opts: SummaryOptions): string {
  const { style, cwd } = opts;
  if (finished.outcome === 'cancelled') {
    return `${style.yellow('cancelled')}: ${style.cyan('orchestra resume')} continues the run`;
  }
  const failures = finished.tasks.filter((t) => t.status === 'failed');
  if (failures.length === 0) return record.integration?.ok === false ? integrationFailed(record, opts) : '';
  const lines: string[] = [];
  for (const t of failures) {
    lines.push(`${style.red('failed')}: ${style.bold(t.task)}`);
    // A task that failed before its first attempt (a conflict of its needs, its sandbox) has no log:
    // its failure above says it all.
    if (hasLog(t)) lines.push(`  log      ${style.cyan(`orchestra logs ${t.task}`)}`);
    const kept = record.keptSandboxes.get(t.task);
    if (kept !== undefined)
      lines.push(`  sandbox  ${displayPath(kept, cwd)} ${style.dim('(kept for inspection)')}`);
  }
  const names = failures.map((t) => t.task).join(' ');
  lines.push(
    `  rerun    ${style.cyan(`orchestra rerun ${names}`)}  ${style.dim('or every failed task:')} ${style.cyan('orchestra rerun --failed')}`,
  );
  return lines.join('\n');
}

/** Every task succeeded but the integration did not: `resume` integrates again. */
function integrationFailed(record: RunRecord, { style, cwd }: SummaryOptions): string {
  const log = record.integrationGateLog;
  return [
    `${style.red('failed')}: ${style.bold('integration')}`,
    ...(log === undefined ? [] : [`  log      ${displayPath(log, cwd)}`]),
    `  retry    ${style.cyan('orchestra resume')}  ${style.dim('(integrates the results again)')}`,
  ].join('\n');
}

/** Whether `orchestra logs <task>` has something to show: an attempt's output, or its setup's. */
function hasLog(t: TaskRow): boolean {
  return t.attempts > 0 || t.failure?.reason === 'setup-failed';
}

function keptElsewhere(
  finished: EventOf<'run-finished'>,
  record: RunRecord,
  { cwd }: SummaryOptions,
): string {
  const failedTasks = new Set(finished.tasks.filter((t) => t.status === 'failed').map((t) => t.task));
  const others = [...record.keptSandboxes].filter(([task]) => !failedTasks.has(task));
  if (others.length === 0) return '';
  return [
    'sandboxes kept:',
    ...others.map(([task, dir]) => `  ${record.label(task)}  ${displayPath(dir, cwd)}`),
  ].join('\n');
}

type Flaky = NonNullable<EventOf<'run-finished'>['flaky']>;

/** `test (run 2)`: each flaky gate of the task (`null`: the integration), with the run that passed. */
function flakyIn(finished: EventOf<'run-finished'>, task: string | null): string[] {
  return (finished.flaky ?? []).filter((f) => f.task === task).map((f) => `${f.gate} (run ${f.runs})`);
}

function flakyLine(flaky: Flaky, { style }: SummaryOptions): string {
  const where = flaky.map((f) => `${f.task ?? 'integration'}: ${f.gate} passed on run ${f.runs}`);
  return `${style.yellow('flaky gates')}: ${where.join('; ')} (failed first on the same tree)`;
}

/** `git`, or `git -C <repo>` when the user's cwd is outside the repository the run belongs to. */
function gitCommand({ cwd, repoRoot }: SummaryOptions): string {
  const rel = path.relative(repoRoot, cwd);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return 'git';
  return `git -C ${shellQuote(displayPath(repoRoot, cwd))}`;
}
