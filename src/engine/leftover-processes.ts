import { readFileSync } from 'node:fs';
import { isRunGroupAlive, stopRunGroup } from '../process/index.js';
import type { RunPaths } from '../state/run-paths.js';
import type { RunRecord, TaskRecord } from '../state/run-state.js';

/** A task's process that a run killed with SIGKILL left running. */
export interface LeftoverProcess {
  task: string;
  processGroup: number;
}

/**
 * The task's last process group: run.json's, or the file written as the process started when the
 * run died before run.json held it. Whether it is still the run's is for the caller to check (the
 * group's members carry the run's id).
 */
function groupOf(paths: RunPaths, task: string, t: TaskRecord): number | undefined {
  if (t.processGroup !== undefined) return t.processGroup;
  try {
    const pgid = Number(readFileSync(paths.abs(paths.processGroup(task)), 'utf8'));
    return Number.isInteger(pgid) && pgid > 1 ? pgid : undefined;
  } catch {
    return undefined;
  }
}

/** The process groups of a run's tasks that still run processes of that run. */
export async function leftoverProcesses(record: RunRecord, paths: RunPaths): Promise<LeftoverProcess[]> {
  const found: LeftoverProcess[] = [];
  for (const [task, t] of Object.entries(record.tasks)) {
    const group = groupOf(paths, task, t);
    if (group !== undefined && (await isRunGroupAlive(group, record.id)))
      found.push({ task, processGroup: group });
  }
  return found;
}

/**
 * Stops what the run left running when it died, before it is continued: an agent still at work
 * would race its new attempt (and write into a sandbox about to be made anew). Forgets the recorded
 * groups in `record` (the caller's next write persists that).
 */
export async function stopLeftoverProcesses(record: RunRecord, paths: RunPaths): Promise<void> {
  for (const [task, t] of Object.entries(record.tasks)) {
    const group = groupOf(paths, task, t);
    if (group !== undefined) await stopRunGroup(group, record.id);
    delete t.processGroup;
  }
}
