import { isRunGroupAlive, stopRunGroup } from '../process/index.js';
import type { RunRecord } from '../state/run-state.js';

/** A task's process that a run killed with SIGKILL left running. */
export interface LeftoverProcess {
  task: string;
  processGroup: number;
}

/** The recorded process groups of a run's tasks that still run processes of that run. */
export async function leftoverProcesses(record: RunRecord): Promise<LeftoverProcess[]> {
  const found: LeftoverProcess[] = [];
  for (const [task, t] of Object.entries(record.tasks)) {
    if (t.processGroup !== undefined && (await isRunGroupAlive(t.processGroup, record.id)))
      found.push({ task, processGroup: t.processGroup });
  }
  return found;
}

/**
 * Stops what the run left running when it died, before it is continued: an agent still at work
 * would race its new attempt (and write into a sandbox about to be made anew). Forgets the recorded
 * groups in `record` (the caller's next write persists that).
 */
export async function stopLeftoverProcesses(record: RunRecord): Promise<void> {
  for (const t of Object.values(record.tasks)) {
    if (t.processGroup === undefined) continue;
    await stopRunGroup(t.processGroup, record.id);
    delete t.processGroup;
  }
}
