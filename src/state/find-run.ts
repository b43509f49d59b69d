import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import { didYouMean } from '../util/did-you-mean.js';
import { NEWER_RECORD } from './check-run-record.js';
import { isRunId, runsDir } from './run-paths.js';
import { RunStore } from './run-store.js';
import type { RunRecord } from './run-state.js';

/** A recorded run: the latest one, or the one named. */
export async function findRun(
  repoRoot: string,
  runId?: string,
): Promise<Result<{ store: RunStore; record: RunRecord }, Diagnostic>> {
  if (runId !== undefined && !isRunId(runId)) return err(badRunId(runId));
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
    // A folder without run.json: a run that died before its first write, or a damaged one.
    if (existsSync(join(runsDir(repoRoot), id)))
      return err({
        severity: 'error',
        code: 'usage',
        message: `run "${id}" has no record: .orchestra/runs/${id}/run.json is missing`,
        hint: `nothing can be continued from it; remove it with "orchestra clean --run ${id}"`,
      });
    return err({
      severity: 'error',
      code: 'usage',
      message: `no run "${id}"${didYouMean(id, ids)}`,
      hint: 'list them with "orchestra runs"',
    });
  }
  const store = new RunStore(repoRoot, id);
  const record = await store.load();
  if (!record.ok)
    return err({
      severity: 'error',
      code: 'usage',
      message: record.error,
      hint: record.error.includes(NEWER_RECORD)
        ? 'use that version of orchestra for this run'
        : `if it cannot be repaired, remove the run with "orchestra clean --run ${id}" (--branches deletes its branches too)`,
    });
  return ok({ store, record: record.value });
}

/** The error for a `--run` value that cannot be a run id at all. */
export function badRunId(runId: string): Diagnostic {
  return {
    severity: 'error',
    code: 'usage',
    message: `"${runId}" is not a run id: run ids are folder names in .orchestra/runs, like 20261126-101500-3f9a`,
    hint: 'list them with "orchestra runs"',
  };
}

/** The id of the latest run started from the workflow file `file`, if any is recorded. */
export async function latestRunOf(repoRoot: string, file: string): Promise<string | undefined> {
  const wanted = resolve(file);
  for (const id of await RunStore.list(repoRoot)) {
    const record = await new RunStore(repoRoot, id).load();
    if (record.ok && resolve(record.value.workflowFile) === wanted) return id;
  }
  return undefined;
}
