import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import { didYouMean } from '../util/did-you-mean.js';
import { RunStore } from './run-store.js';
import type { RunRecord } from './run-state.js';

/** A recorded run: the latest one, or the one named. */
export async function findRun(
  repoRoot: string,
  runId?: string,
): Promise<Result<{ store: RunStore; record: RunRecord }, Diagnostic>> {
  const ids = await RunStore.list(repoRoot);
  const id = runId ?? ids[0];
  if (!id)
    return err({
      severity: 'error',
      code: 'usage',
      message: `no runs are recorded in ${repoRoot}`,
      hint: 'start one with "orchestra run"',
    });
  if (!ids.includes(id)) {
    return err({
      severity: 'error',
      code: 'usage',
      message: `no run "${id}"${didYouMean(id, ids)}`,
      hint: 'list them with "orchestra runs"',
    });
  }
  const store = new RunStore(repoRoot, id);
  const record = await store.load();
  if (!record.ok) return err({ severity: 'error', code: 'usage', message: record.error });
  return ok({ store, record: record.value });
}

/**
 * Whether a run that has no outcome is still going: a live process holds its lock. Otherwise it
 * died (kill -9, crash, power loss) and its running tasks are `interrupted`.
 */
export async function isLive(store: RunStore): Promise<boolean> {
  return store.isLocked();
}
