import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { watchFolder } from '../control/watch-folder.js';

/**
 * `orchestra cancel` asks the process that holds a run to stop through a file in the run folder,
 * naming that process: a request outlives neither the process it names (a pid reused later is never
 * that run's owner again, and the file is removed when the run ends) nor reaches a later resume.
 */
export interface CancelRequest {
  /** The pid of the orchestra process holding the run. */
  pid: number;
  by: string;
  at: number;
}

export function cancelFile(runDir: string): string {
  return join(runDir, 'cancel.json');
}

export async function writeCancelRequest(runDir: string, request: CancelRequest): Promise<void> {
  await writeFileAtomic(cancelFile(runDir), `${JSON.stringify(request)}\n`);
}

async function readCancelRequest(runDir: string): Promise<CancelRequest | undefined> {
  try {
    const value = JSON.parse(await readFile(cancelFile(runDir), 'utf8')) as Partial<CancelRequest>;
    return typeof value.pid === 'number' ? (value as CancelRequest) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A signal that aborts when a cancel request for this process appears in `runDir` (at once through
 * fs.watch, within a second otherwise). `stop()` ends the watch and removes the request.
 */
export function watchCancelRequest(runDir: string): { signal: AbortSignal; stop: () => Promise<void> } {
  const cancel = new AbortController();
  const watcher = watchFolder(
    runDir,
    async () => {
      if (cancel.signal.aborted) return;
      const request = await readCancelRequest(runDir);
      if (request?.pid === process.pid) cancel.abort();
    },
    // Not every write of run.json: a third of a short run's file reads were of a missing cancel.json.
    { only: 'cancel.json' },
  );
  return {
    signal: cancel.signal,
    stop: async () => {
      watcher.stop();
      await rm(cancelFile(runDir), { force: true });
    },
  };
}
