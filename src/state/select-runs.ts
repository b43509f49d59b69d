import { RunStore } from './run-store.js';

/** Which recorded runs to remove by age or count; both given, a run must match both. */
export interface RunSelection {
  /** Runs started longer ago than this. */
  olderThanMs?: number;
  /** Every run but the newest N. */
  keepLast?: number;
}

/** The recorded runs the selection names, newest first. */
export async function selectRuns(
  repoRoot: string,
  selection: RunSelection,
  now = Date.now(),
): Promise<string[]> {
  const ids = await RunStore.list(repoRoot); // newest first
  const picked: string[] = [];
  for (const [index, id] of ids.entries()) {
    if (selection.keepLast !== undefined && index < selection.keepLast) continue;
    if (selection.olderThanMs !== undefined) {
      const started = await startedAt(repoRoot, id);
      // A run whose start cannot be told is not old enough to remove unasked.
      if (started === undefined || now - started <= selection.olderThanMs) continue;
    }
    picked.push(id);
  }
  return picked;
}

/** When the run started: from its record, else from its id (`20261126-071502-3f9a`, UTC). */
async function startedAt(repoRoot: string, id: string): Promise<number | undefined> {
  const record = await new RunStore(repoRoot, id).load();
  if (record.ok) return record.value.startedAt;
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-/.exec(id);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}
