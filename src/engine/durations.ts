import { RunStore } from '../state/run-store.js';
import type { RunRecord } from '../state/run-state.js';

/** How many earlier runs are read for durations: the latest ones say the most, and reading is not free. */
const RUNS_READ = 5;

/**
 * How long each of `tasks` took the last time it succeeded (from its first attempt to its end): in
 * `current` (a rerun or resume of it), else in the latest earlier runs of the repository. Tasks never
 * seen to succeed are absent.
 */
export async function recordedDurations(
  current: RunRecord,
  tasks: readonly string[],
): Promise<Map<string, number>> {
  const durations = new Map<string, number>();
  const take = (record: RunRecord) => {
    for (const id of tasks) {
      const t = record.tasks[id];
      if (durations.has(id) || t?.status !== 'succeeded' || !t.startedAt || !t.finishedAt) continue;
      // From its first attempt of its latest try: before that it may have waited for a slot, prepared.
      const begun = Math.min(...t.attempts.map((a) => a.startedAt).filter((at) => at >= t.startedAt!));
      durations.set(id, Math.max(1, t.finishedAt - (Number.isFinite(begun) ? begun : t.startedAt)));
    }
  };
  take(current);
  const earlier = (await RunStore.list(current.repoRoot)).filter((id) => id !== current.id);
  for (const id of earlier.slice(0, RUNS_READ)) {
    if (durations.size === tasks.length) break;
    const record = await new RunStore(current.repoRoot, id).load();
    if (record.ok) take(record.value);
  }
  return durations;
}

/**
 * The weight of each task for critical-path-first scheduling: its recorded duration; for a task
 * without one, the median of the others (nothing better is known); all equal without any.
 */
export function durationWeight(durations: ReadonlyMap<string, number>): (id: string) => number {
  const known = [...durations.values()].sort((a, b) => a - b);
  const typical = known.length ? known[Math.floor(known.length / 2)]! : 1;
  return (id) => durations.get(id) ?? typical;
}
