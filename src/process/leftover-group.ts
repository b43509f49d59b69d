import { readFile } from 'node:fs/promises';
import { GroupTerminator, liveGroupMembers } from './process-group.js';

/**
 * Whether process group `pgid`, recorded by a run that died (kill -9), still has a live process of
 * that run: one whose environment says `ORCHESTRA_RUN_ID=<runId>`, as every process orchestra starts
 * for a task does. The id alone proves nothing: once its group is gone, the system may reuse it.
 * False where /proc cannot be read.
 */
export async function isRunGroupAlive(pgid: number, runId: string): Promise<boolean> {
  const marker = `ORCHESTRA_RUN_ID=${runId}`;
  for (const pid of (await liveGroupMembers(pgid)) ?? []) {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    if (environ.split('\0').includes(marker)) return true;
  }
  return false;
}

/**
 * Stops what a dead run left running in group `pgid` (SIGTERM, SIGKILL after `graceMs`), if it is
 * still that run's. Resolves once the group is gone; true when there was something to stop.
 */
export async function stopRunGroup(pgid: number, runId: string, graceMs = 5000): Promise<boolean> {
  if (!(await isRunGroupAlive(pgid, runId))) return false;
  const terminator = new GroupTerminator(pgid, graceMs);
  terminator.terminate();
  await terminator.settle();
  return true;
}
