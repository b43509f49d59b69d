import type { Workflow } from '../config/workflow.js';
import type { Git } from '../git/git.js';
import type { TaskGraph } from '../graph/task-graph.js';
import { definitionHash, fingerprint } from '../state/fingerprint.js';
import { RunStore } from '../state/run-store.js';
import type { RunRecord } from '../state/run-state.js';

/** The fingerprint of a task whose needs have results in `record`. */
export function taskFingerprint(
  workflow: Workflow,
  graph: TaskGraph,
  record: RunRecord,
  task: string,
): string {
  const needs = graph.needs(task);
  const inputs = needs.length ? needs.map((n) => record.tasks[n]!.commit!) : [record.baseCommit];
  return fingerprint(definitionHash(workflow.raw, task, workflow.vars), inputs);
}

/**
 * `run --reuse`: marks as `skipped` every task that an earlier run already did with the same
 * fingerprint (same definition, same inputs), in topological order so chains of reused tasks are
 * found. Agents are not deterministic, which is why this is opt-in.
 */
export async function reuseEarlierResults(
  workflow: Workflow,
  graph: TaskGraph,
  record: RunRecord,
  repo: Git,
): Promise<void> {
  const earlier: RunRecord[] = [];
  for (const id of await RunStore.list(record.repoRoot)) {
    if (id === record.id) continue;
    const r = await new RunStore(record.repoRoot, id).load();
    if (r.ok) earlier.push(r.value);
  }
  for (const task of record.selected) {
    if (!graph.needs(task).every((n) => record.tasks[n]?.status === 'skipped')) continue;
    const fp = taskFingerprint(workflow, graph, record, task);
    for (const run of earlier) {
      const hit = run.tasks[task];
      if (!hit?.commit || hit.fingerprint !== fp || !(await repo.resolveCommit(hit.commit))) continue;
      const t = record.tasks[task]!;
      t.status = 'skipped';
      t.commit = hit.commit;
      t.fingerprint = fp;
      t.reusedFrom = hit.reusedFrom ?? run.id;
      if (hit.usage) t.usage = hit.usage;
      // Downstream tasks and integration find every result on this run's own branches.
      if (await repo.branchExists(t.branch)) await repo.deleteBranch(t.branch);
      await repo.createBranch(t.branch, hit.commit);
      break;
    }
  }
}
