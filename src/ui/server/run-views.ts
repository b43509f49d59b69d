import { open } from 'node:fs/promises';
import { effectiveRecord } from '../../cli/commands/status.js';
import { latestDuration } from '../../cli/commands/runs.js';
import type { EngineEvent } from '../../events/engine-event.js';
import type { TaskStatus } from '../../events/task-status.js';
import { TaskGraph } from '../../graph/task-graph.js';
import { isRecord } from '../../util/is-record.js';
import type { RunRecord, TaskRecord } from '../../state/run-state.js';
import { RunStore } from '../../state/run-store.js';
import { EVENTS_FILE } from '../event-journal.js';

/** What a run's record says it is now, as `status` shows it. */
export type RunState = ReturnType<typeof effectiveRecord>['state'];

/** A row of the runs page. */
export interface RunSummary {
  id: string;
  workflow?: string;
  startedAt?: number;
  durationMs?: number;
  state: RunState | 'unreadable';
  tasks?: Partial<Record<TaskStatus, number>>;
  tokens?: number;
  costUsd?: number;
  /** Why the record cannot be read (a damaged run.json). */
  problem?: string;
}

/** One span of the timeline other than an attempt: a gate, a wait for a rate limit or for a person. */
export interface Span {
  task: string | null;
  kind: 'gate' | 'wait' | 'approval';
  label: string;
  start: number;
  end: number;
  ok?: boolean;
}

/** Everything the run page shows but the logs and diffs. */
export interface RunView {
  run: RunRecord & { state: RunState };
  live: boolean;
  /** Each task's needs among the run's tasks, from the workflow the run was started with. */
  needs: Record<string, string[]>;
  /** The longest chain of needs, weighted by how long each task took. */
  critical: string[];
  spans: Span[];
  tokens: number;
  costUsd: number;
}

/** The recorded runs, newest first; an unreadable record is listed with what is wrong. */
export async function listRuns(repoRoot: string, now = Date.now()): Promise<RunSummary[]> {
  const rows: RunSummary[] = [];
  for (const id of await RunStore.list(repoRoot)) {
    const store = new RunStore(repoRoot, id);
    const loaded = await store.load();
    if (!loaded.ok) {
      rows.push({ id, state: 'unreadable', problem: loaded.error });
      continue;
    }
    const r = effectiveRecord(loaded.value, await store.isLocked());
    const tasks: Partial<Record<TaskStatus, number>> = {};
    for (const { status } of r.selected.map((task) => r.tasks[task]!))
      tasks[status] = (tasks[status] ?? 0) + 1;
    const durationMs = latestDuration(r, now);
    rows.push({
      id,
      workflow: r.workflowName,
      startedAt: r.startedAt,
      ...(durationMs === undefined ? {} : { durationMs }),
      state: r.state,
      tasks,
      ...spend(r),
    });
  }
  return rows;
}

/** A run as the run page shows it, from its (already checked) record. */
export async function runView(store: RunStore, record: RunRecord, now = Date.now()): Promise<RunView> {
  const live = await store.isLocked();
  const run = effectiveRecord(record, live);
  const needs = await recordedNeeds(store, run.selected);
  const graph = new TaskGraph(run.selected.map((id) => ({ id, needs: needs[id]! })));
  const critical = graph.criticalPath((id) => taskTime(run.tasks[id]!, now));
  return { run, live, needs, critical, spans: await spans(store), ...spend(run) };
}

function spend(r: RunRecord): { tokens: number; costUsd: number } {
  let tokens = 0;
  let costUsd = 0;
  for (const t of Object.values(r.tasks)) {
    tokens += (t.usage?.inputTokens ?? 0) + (t.usage?.outputTokens ?? 0);
    costUsd += t.usage?.costUsd ?? 0;
  }
  return { tokens, costUsd };
}

/** How long a task took (or has run so far); a task that did not run weighs a millisecond. */
function taskTime(t: TaskRecord, now: number): number {
  if (t.startedAt === undefined) return 1;
  return Math.max(1, (t.finishedAt ?? t.attempts.at(-1)?.finishedAt ?? now) - t.startedAt);
}

/** Needs as workflow.json recorded them; a task it does not hold (or a damaged file) has none shown. */
async function recordedNeeds(
  store: RunStore,
  selected: readonly string[],
): Promise<Record<string, string[]>> {
  const loaded = await store.loadWorkflow();
  const tasks = loaded.ok && isRecord(loaded.value) && isRecord(loaded.value.tasks) ? loaded.value.tasks : {};
  const inRun = new Set(selected);
  return Object.fromEntries(
    selected.map((id) => {
      const task = Object.hasOwn(tasks, id) ? tasks[id] : undefined;
      const needs = isRecord(task) && Array.isArray(task.needs) ? task.needs : [];
      return [id, needs.filter((n): n is string => typeof n === 'string' && inRun.has(n))];
    }),
  );
}

/** The journal is read from its end: a run's gates and waits fit in far less. */
const JOURNAL_TAIL = 4 * 1024 * 1024;

/**
 * Gates, rate-limit waits and approval waits from the run's event journal (none for a run recorded
 * without one); an approval still waiting runs to `now`.
 */
async function spans(store: RunStore, now = Date.now()): Promise<Span[]> {
  let text: string;
  try {
    const file = await open(store.paths.abs(EVENTS_FILE));
    try {
      const { size } = await file.stat();
      const start = Math.max(0, size - JOURNAL_TAIL);
      const { buffer, bytesRead } = await file.read(Buffer.alloc(size - start), 0, size - start, start);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await file.close();
    }
  } catch {
    return [];
  }
  const out: Span[] = [];
  const approvals = new Map<string, Span>();
  for (const line of text.split('\n')) {
    let e: EngineEvent;
    try {
      e = JSON.parse(line) as EngineEvent;
    } catch {
      continue; // the first line of a tail, or a line being written
    }
    if (e.type === 'gate-finished')
      out.push({
        task: e.task,
        kind: 'gate',
        label: e.gate,
        start: e.time - e.durationMs,
        end: e.time,
        ok: e.ok,
      });
    else if (e.type === 'task-waiting')
      out.push({ task: e.task, kind: 'wait', label: e.reason, start: e.time, end: e.time + e.retryInMs });
    else if (e.type === 'approval-waiting') {
      const span: Span = { task: e.task, kind: 'approval', label: e.text, start: e.time, end: now };
      approvals.set(e.task, span);
      out.push(span);
    } else if (e.type === 'task-finished') {
      const waiting = approvals.get(e.task);
      if (waiting) waiting.end = e.time;
      approvals.delete(e.task);
    }
  }
  return out;
}
