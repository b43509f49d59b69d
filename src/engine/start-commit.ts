import type { Failure } from '../events/task-status.js';
import { combineCommits, type MergeConflict } from '../git/merge.js';
import type { TaskDef } from '../config/workflow.js';
import { conflictResolver } from '../resolve/resolve-conflict.js';
import type { RunContext } from './run-context.js';
import { baseCommitOf, repoOfTask, SELF } from '../repos/repo-context.js';

/**
 * Where a task starts: the base, its need's result, or a merge of its needs' results. The merge is
 * made without any work tree (`git merge-tree`): a `none` sandbox is the user's own checkout, a jj
 * workspace is no git work tree at all, and an approval task has no sandbox. `ahead` (the task waits
 * for a slot): a conflict for the resolver is `deferred` to when the task has its slot.
 */
export function startCommitOf(
  ctx: RunContext,
  task: TaskDef,
): Promise<{ commit: string } | { failure: Failure }>;
export function startCommitOf(
  ctx: RunContext,
  task: TaskDef,
  ahead: boolean,
): Promise<{ commit: string } | { failure: Failure } | { deferred: true }>;
export async function startCommitOf(
  ctx: RunContext,
  task: TaskDef,
  ahead = false,
): Promise<{ commit: string } | { failure: Failure } | { deferred: true }> {
  const record = ctx.journal.record;
  const id = task.id;
  // A conflict resolver starts from the conflicted merge it is to fix.
  if (task.from !== undefined) return { commit: task.from };
  // Needs without a result (behind an `if:` with always() or failure()) add nothing, nor do needs in
  // another repository (unrelated histories: their results reach the task through templates).
  const needs = ctx.graph
    .needs(id)
    .filter((n) => repoOfTask(ctx, n) === (ctx.repoName ?? SELF))
    .flatMap((n) => (record.tasks[n]!.commit ? [{ commit: record.tasks[n]!.commit, label: n }] : []));
  if (needs.length < 2) return { commit: needs[0]?.commit ?? baseCommitOf(ctx) };
  const resolver = conflictResolver(ctx, task, ctx.signal);
  const merged = await combineCommits(
    ctx.repo,
    needs,
    'merge',
    (theirs) => `orchestra: merge ${theirs.label} into ${id}`,
    // Ahead of its slot (see `prepare` of the scheduler) a task runs no agent: the resolver is one.
    ahead ? undefined : resolver,
  );
  if (merged.ok) return { commit: merged.commit };
  return ahead && resolver ? { deferred: true } : { failure: conflictFailure(merged.conflict) };
}

function conflictFailure({ files, ours, theirs }: MergeConflict): Failure {
  return {
    reason: 'merge-conflict',
    message: `the results of "${ours}" and "${theirs}" conflict in ${files.join(', ')}`,
    files,
  };
}
