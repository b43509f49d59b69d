import type { TaskDef, Workflow } from '../../config/workflow.js';
import type { MatrixSpec } from '../../matrix/matrix-spec.js';
import { readMatrixSpec } from '../../matrix/matrix-spec.js';
import { isRecord } from '../../util/is-record.js';

/** A task as one GitHub job: a `matrix:` task is one job again, whose matrix GitHub expands. */
export interface TaskJob {
  task: string;
  /** The job id: the task id with what GitHub rejects replaced, unique, never `start`/`integrate`. */
  job: string;
  /** The task (for a static matrix task: its first instance, which has its settings). */
  def: TaskDef;
  /** Task ids it needs, matrix instances folded back into their task. */
  needs: string[];
  matrix?: MatrixSpec;
}

export const START_JOB = 'start';
export const INTEGRATE_JOB = 'integrate';

/** The workflow's tasks as jobs, in the order written. */
export function taskJobs(workflow: Workflow): TaskJob[] {
  const parentOf = new Map<string, string>();
  for (const [task, ids] of workflow.matrixInstances ?? []) for (const id of ids) parentOf.set(id, task);
  const fold = (id: string) => parentOf.get(id) ?? id;
  const taken = new Set([START_JOB, INTEGRATE_JOB]);
  const jobs: TaskJob[] = [];
  const seen = new Set<string>();
  for (const def of workflow.tasks.values()) {
    const task = fold(def.id);
    if (seen.has(task)) continue;
    seen.add(task);
    const raw: unknown = workflow.raw.tasks?.[task];
    const matrix = def.matrix ?? (task !== def.id && isRecord(raw) ? readMatrixSpec(raw.matrix) : undefined);
    jobs.push({
      task,
      job: jobId(task, taken),
      def,
      needs: [...new Set(def.needs.map(fold))],
      ...(matrix ? { matrix } : {}),
    });
  }
  return jobs;
}

function jobId(task: string, taken: Set<string>): string {
  let base = task.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `task-${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
