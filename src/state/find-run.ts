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
