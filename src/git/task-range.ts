import type { RunRecord } from '../state/run-state.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import type { Git } from './git.js';

/** Why a task has no change to show: a message and what to do instead. */
export interface NoRange {
  message: string;
  hint?: string;
}

/**
 * The commit a task started at and its result: the recorded commit, else its branch (a failed task's
 * last attempt is committed there too). What `orchestra diff` and the web view show.
 */
export async function taskRange(
  repo: Git,
  record: RunRecord,
  task: string,
): Promise<Result<{ from: string; to: string }, NoRange>> {
  // Own keys only: a task named "constructor" is not in the record.
  const t = Object.hasOwn(record.tasks, task) ? record.tasks[task] : undefined;
  if (!t)
    return err({
      message: `run ${record.id} has no task "${task}"`,
      hint: `its tasks: ${record.selected.join(', ')}`,
    });
  if (t.reusedFrom !== undefined && t.startCommit === undefined)
    return err({
      message: `"${task}" was reused from run ${t.reusedFrom}: this run did not change it`,
      hint: `see its change there: orchestra diff ${task} --run ${t.reusedFrom}`,
    });
  if (t.startCommit === undefined)
    return err({ message: `"${task}" has not started in run ${record.id} (${t.status})` });
  const to = t.commit ?? ((await repo.branchExists(t.branch)) ? t.branch : undefined);
  if (to === undefined)
    return err({
      message: `"${task}" has no result in run ${record.id} (${t.status}) and its branch ${t.branch} is gone`,
      hint: `its log says what happened: orchestra logs ${task} --run ${record.id}`,
    });
  return ok({ from: t.startCommit, to });
}
