/**
 * Where a distributed run lives on a git remote: under `refs/orchestra/runs/<id>/`, a namespace no
 * user branch or tag is in, so pushing there never touches the user's refs. Each job pushes only
 * refs of its own task, so jobs running at once never push to the same ref.
 */
export function runRefs(runId: string): string {
  return `refs/orchestra/runs/${runId}`;
}

/** A commit holding the run's record as `job --start` made it (its parent is the base commit). */
export function startRef(runId: string): string {
  return `${runRefs(runId)}/start`;
}

/** The task's branch: its result (or a failed task's attempts). */
export function taskRef(runId: string, task: string): string {
  return `${runRefs(runId)}/tasks/${task}`;
}

/** A commit holding the task's part of the record and its logs. */
export function recordRef(runId: string, task: string): string {
  return `${runRefs(runId)}/records/${task}`;
}

/** A commit holding the integration's part of the record and its gates' logs. */
export function integrationRef(runId: string): string {
  return `${runRefs(runId)}/integration`;
}
