import type { LoadedWorkflow } from '../config/load-workflow.js';
import { hasResult } from '../events/task-status.js';
import { expandDynamicMatrix, isDynamicMatrix, matrixFailed } from '../engine/dynamic-matrix.js';
import { conditionVerdict, runsAfterAny } from '../engine/task-condition.js';
import type { RunRecord } from '../state/run-state.js';

/** What `job --integrate` makes of the run's tasks that no job pushed a record of. */
export interface Unpushed {
  /** Tasks the integration's resume records as the engine does: skipped, or a matrix's aggregate. */
  settled: Set<string>;
  /** Dynamic matrices with legs that no job pushed, and those legs. */
  missingLegs: Map<string, string[]>;
}

/**
 * Goes through the fetched run's pending tasks in order, as the engine would reach them. GitHub
 * starts no job for a task whose `if:` is false, behind a skipped need, or for an empty dynamic
 * matrix: those are left for the integration's resume, whose engine skips them. A dynamic matrix
 * whose every leg pushed its part gets them as its instances (the resume merges them, keeping their
 * results); one with a failed leg is failed here, naming them. Only what is certain to be settled
 * without running anything is: the rest never ran.
 */
export function settleUnpushed(loaded: LoadedWorkflow, record: RunRecord): Unpushed {
  const settled = new Set<string>();
  const missingLegs = new Map<string, string[]>();
  const skipped = new Set<string>();
  const isSkipped = (id: string) => skipped.has(id) || record.tasks[id]?.skipped !== undefined;
  for (const id of loaded.graph.topologicalOrder()) {
    const t = record.tasks[id];
    if (!record.selected.includes(id) || t?.status !== 'pending') continue;
    const task = loaded.workflow.tasks.get(id);
    const needs = loaded.graph.needs(id);
    // Behind a skipped need a task is skipped, unless its `if:` waits for any result (the scheduler).
    if (!runsAfterAny(task) && needs.some(isSkipped)) {
      settled.add(id);
      skipped.add(id);
      continue;
    }
    if (needs.some((n) => record.tasks[n]?.status === 'pending')) continue;
    if (isDynamicMatrix(task)) {
      const expanded = expandDynamicMatrix(loaded, record, id);
      if (!expanded.ok) continue;
      const { ids } = expanded.value;
      const unpushed = ids.filter((i) => record.tasks[i]?.instanceOf !== id);
      if (unpushed.length) {
        missingLegs.set(id, unpushed);
        continue;
      }
      t.instances = ids;
      const bad = ids.filter((i) => !hasResult(record.tasks[i]!.status));
      if (bad.length) {
        t.status = 'failed';
        t.failure = matrixFailed(ids, bad);
        continue;
      }
      settled.add(id);
      if (ids.length === 0) skipped.add(id);
      continue;
    }
    if ('skipped' in conditionVerdict(loaded, record, id)) {
      settled.add(id);
      skipped.add(id);
    }
  }
  return { settled, missingLegs };
}
