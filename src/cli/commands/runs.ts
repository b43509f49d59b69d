import { statusWord, TALLY_ORDER } from '../../reporters/describe.js';
import { formatDuration } from '../../reporters/format.js';
import type { TaskStatus } from '../../events/task-status.js';
import type { RunRecord } from '../../state/run-state.js';
import { RunStore } from '../../state/run-store.js';
import { repoOrExit } from '../repo.js';
import { effectiveRecord } from './status.js';

interface Row {
  id: string;
  workflow: string;
  /** ISO 8601 in UTC, for scripts; the table shows local time. */
  started: string;
  startedAt?: number;
  /** How long the latest run, rerun or resume of it took (so far, while it runs). */
  durationMs?: number | undefined;
  /** How many of its tasks are in each status. */
  tasks?: Partial<Record<TaskStatus, number>>;
  result: string;
  problem?: string;
}

/** `orchestra runs`: the recorded runs, newest first. */
export async function runsCommand(opts: { json?: boolean }): Promise<number> {
  const repoRoot = await repoOrExit(opts.json);
  const rows: Row[] = [];
  const now = Date.now();
  for (const id of await RunStore.list(repoRoot)) {
    const store = new RunStore(repoRoot, id);
    const record = await store.load();
    // Listed, not hidden: a damaged record is something the user has to hear about to clean it up.
    if (!record.ok) {
      rows.push({ id, workflow: '-', started: '-', result: 'unreadable', problem: record.error });
      continue;
    }
    const r = effectiveRecord(record.value, await store.isLocked());
    const tasks: Partial<Record<TaskStatus, number>> = {};
    for (const { status } of r.selected.map((task) => r.tasks[task]!))
      tasks[status] = (tasks[status] ?? 0) + 1;
    rows.push({
      id,
      workflow: r.workflowName,
      started: new Date(r.startedAt).toISOString(),
      startedAt: r.startedAt,
      durationMs: latestDuration(r, now),
      tasks,
      result: r.state,
    });
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows.map(({ startedAt: _, ...row }) => row))}\n`);
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write('no runs recorded yet\n');
    return 0;
  }
  const table = [
    ['RUN', 'WORKFLOW', 'STARTED', 'TIME', 'TASKS', 'RESULT'],
    ...rows.map((r) => [
      r.id,
      r.workflow,
      r.startedAt === undefined ? '-' : localTime(r.startedAt),
      r.durationMs === undefined
        ? '-'
        : `${formatDuration(r.durationMs)}${r.result === 'running' ? '…' : ''}`,
      r.tasks === undefined ? '-' : tally(r.tasks),
      r.result,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((cells) => cells[i]!.length)));
  const lines = table.map((cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const r of rows.filter((r) => r.problem))
    process.stderr.write(`warning: ${r.problem}\n  hint: remove it with "orchestra clean --run ${r.id}"\n`);
  return 0;
}

/** From the start of the latest run, rerun or resume to its end (or now, or unknown if it died). */
export function latestDuration(r: RunRecord & { state: string }, now: number): number | undefined {
  const began = r.history.at(-1)?.at ?? r.startedAt;
  if (r.finishedAt !== undefined) return r.finishedAt - began;
  return r.state === 'running' ? now - began : undefined;
}

/** `4 succeeded, 1 failed`: the statuses in the order a user reads them. */
function tally(tasks: Partial<Record<TaskStatus, number>>): string {
  const order: TaskStatus[] = [...TALLY_ORDER, 'running', 'verifying', 'pending'];
  return order
    .filter((s) => tasks[s])
    .map((s) => `${tasks[s]} ${statusWord(s)}`)
    .join(', ');
}

/** `2026-11-26 10:15`: local time, as the plain log and the user's clock show it. */
function localTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
