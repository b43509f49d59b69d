import { writeCancelRequest } from '../cancel/cancel-request.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RunRecord } from '../state/run-state.js';
import type { RunStore } from '../state/run-store.js';
import { err, ok, type Result } from '../util/result.js';
import { userName } from './user-name.js';

/**
 * Asks the orchestra process that holds the run to stop it, as Ctrl-C there would: the request names
 * that process, which watches its run folder. `orchestra cancel` and the web view's button call this.
 * Returns the pid asked, or why there is nothing to cancel.
 */
export async function requestCancel(
  repoRoot: string,
  store: RunStore,
  record: RunRecord,
): Promise<Result<number, Diagnostic>> {
  const pid = await store.holder();
  if (pid === undefined) {
    const finished = record.outcome !== undefined;
    return err({
      severity: 'error',
      code: 'usage',
      message: finished
        ? `run ${record.id} has finished (${record.outcome}): there is nothing to cancel`
        : `run ${record.id} is not running: no orchestra process works on it, so there is nothing to cancel`,
      hint: finished
        ? `see it with "orchestra status --run ${record.id}"`
        : `continue it with "orchestra resume --run ${record.id}", or remove what it left with "orchestra clean --run ${record.id}"`,
    });
  }
  await writeCancelRequest(store.paths.dir, { pid, by: await userName(repoRoot), at: Date.now() });
  return ok(pid);
}
