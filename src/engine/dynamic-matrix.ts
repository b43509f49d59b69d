import type { TaskDef, Workflow } from '../config/workflow.js';
import type { Failure } from '../events/task-status.js';
import { evaluate, parseExpression } from '../expressions/expression.js';
import { combineCommits } from '../git/merge.js';
import { TaskGraph } from '../graph/task-graph.js';
import { combinations, instanceIds } from '../matrix/combinations.js';
import { instance, withInstances } from '../matrix/expand-matrix.js';
import type { MatrixValue } from '../matrix/matrix-spec.js';
import { dynamicKeys, isValue } from '../matrix/matrix-spec.js';
import type { RunRecord, TaskRecord } from '../state/run-state.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import type { RunContext } from './run-context.js';
import { taskBranch } from './run-context.js';
import { taskFingerprint } from './reuse.js';
import type { NodeOutcome } from './scheduler.js';
import type { scheduleTasks } from './schedule-tasks.js';
import { conditionContext } from './task-condition.js';

/** Whether the task is a matrix whose values come from an upstream output (expanded at run time). */
export function isDynamicMatrix(task: TaskDef | undefined): boolean {
  return task?.matrix !== undefined && dynamicKeys(task.matrix).length > 0;
}

/**
 * Runs a dynamic matrix task once its needs are done: its expressions are evaluated over their
 * outputs, one instance per combination is added to the run (replacing those of an earlier
 * expansion, but for those that succeeded with the same inputs), and the instances run as a
 * schedule of their own. The task itself then stands for
 * them: succeeded with the merge of their results when none failed, so that `needs: [<id>]` means
 * every instance. Values that are not a JSON array of scalars, or too many instances, fail it.
 */
export async function runDynamicMatrix(
  ctx: RunContext,
  id: string,
  signal: AbortSignal,
  run: typeof scheduleTasks,
): Promise<NodeOutcome> {
  const started = Date.now();
  const { journal } = ctx;
  const expanded = expandDynamicMatrix(ctx, journal.record, id);
  if (!expanded.ok)
    return finish(ctx, id, started, 'failed', { reason: 'matrix-invalid', message: expanded.error });
  const { ids, ...expansion } = expanded.value;
  const sub: RunContext = { ...ctx, ...expansion };
  // Instances that already succeeded with these inputs (a resumed run) keep their results.
  const kept = new Set(
    ids.filter((i) => {
      const t = journal.record.tasks[i];
      return (
        t?.instanceOf === id &&
        t.status === 'succeeded' &&
        t.fingerprint === taskFingerprint(sub.workflow, sub.graph, journal.record, i)
      );
    }),
  );
  await journal.update((r) => {
    const group = r.tasks[id]!;
    for (const old of group.instances ?? []) if (!ids.includes(old)) delete r.tasks[old];
    r.selected = r.selected.filter((s) => !group.instances?.includes(s));
    r.selected.splice(r.selected.indexOf(id) + 1, 0, ...ids);
    for (const i of ids) {
      const before = r.tasks[i]?.instanceOf === id ? r.tasks[i] : undefined;
      if (!kept.has(i))
        r.tasks[i] = before
          ? again(before)
          : { status: 'pending', branch: taskBranch(r.id, i), attempts: [], instanceOf: id };
    }
    group.instances = ids;
    group.status = 'running';
    group.startedAt = started;
    delete group.failure;
    delete group.commit;
  });
  ctx.emit({
    type: 'task-phase',
    time: Date.now(),
    task: id,
    phase: 'matrix',
    detail: ids.join(', '),
    parts: ids,
  });
  const prior = new Map([
    ...ctx.graph.needs(id).map((n) => [n, true] as const),
    ...[...kept].map((i) => [i, true] as const),
  ]);
  const selected = ids.filter((i) => !kept.has(i));
  const outcomes = await run(sub, { selected, prior, failureMode: 'continue', signal });
  const ended = ids.map((i) => (kept.has(i) ? 'succeeded' : outcomes.get(i)));
  if (signal.aborted || ended.includes('cancelled')) return finish(ctx, id, started, 'cancelled');
  const bad = ids.filter((i, n) => ended[n] === 'failed' || ended[n] === 'blocked');
  if (bad.length) return finish(ctx, id, started, 'failed', matrixFailed(ids, bad));
  const results = ids.flatMap((i) => {
    const commit = journal.task(i).commit;
    return commit && ended[ids.indexOf(i)] === 'succeeded' ? [{ commit, label: i }] : [];
  });
  if (results.length === 0) return finish(ctx, id, started, 'skipped');
  const merged = await combineCommits(
    ctx.repo,
    results,
    'merge',
    (t) => `orchestra: merge ${t.label} into ${id}`,
  );
  if (!merged.ok)
    return finish(ctx, id, started, 'failed', {
      reason: 'merge-conflict',
      message: `the results of "${merged.conflict.ours}" and "${merged.conflict.theirs}" conflict in ${merged.conflict.files.join(', ')}`,
      files: merged.conflict.files,
    });
  const branch = journal.task(id).branch;
  if (await ctx.repo.branchExists(branch)) await ctx.repo.deleteBranch(branch);
  await ctx.repo.createBranch(branch, merged.commit);
  return finish(ctx, id, started, 'succeeded', undefined, merged.commit);
}

/**
 * An instance to run again, without its earlier result; its attempts stay, so that the executor
 * replaces what they left (their branch).
 */
function again(before: TaskRecord): TaskRecord {
  const {
    failure: _f,
    commit: _c,
    outputs: _o,
    fingerprint: _p,
    blockedBy: _b,
    skipped: _s,
    ...rest
  } = before;
  return { ...rest, status: 'pending' };
}

/** A dynamic matrix's failure: the instances that did not succeed. */
export function matrixFailed(ids: readonly string[], bad: readonly string[]): Failure {
  return {
    reason: 'matrix-failed',
    message: `${bad.length} of ${ids.length} instances did not succeed: ${bad.join(', ')}`,
  };
}

/**
 * The instances of a dynamic matrix, from its expressions' values over the record, and the workflow
 * and graph with them beside the task they came from (their needs are its needs). `orchestra job`
 * runs one of them in this workflow, so that its fingerprint is the one the matrix task checks.
 */
export function expandDynamicMatrix(
  ctx: Pick<RunContext, 'workflow' | 'graph'>,
  record: RunRecord,
  id: string,
): Result<{ ids: string[]; workflow: Workflow; graph: TaskGraph }, string> {
  const expanded = expand(ctx, record, ctx.workflow.tasks.get(id)!);
  if (!expanded.ok) return expanded;
  const defs = expanded.value;
  const workflow = withInstances(ctx.workflow, new Map(), new Map([[id, defs]]));
  const tasks = new Map([...ctx.workflow.tasks, ...defs.map(({ def }) => [def.id, def] as const)]);
  return ok({
    ids: defs.map((d) => d.def.id),
    workflow: { ...workflow, tasks },
    graph: new TaskGraph(tasks.values()),
  });
}

/** The instances of the matrix, from its expressions' values. */
function expand(
  ctx: Pick<RunContext, 'workflow' | 'graph'>,
  record: RunRecord,
  task: TaskDef,
): Result<{ def: TaskDef; combo: Record<string, MatrixValue> }[], string> {
  const spec = task.matrix!;
  const context = conditionContext(ctx, record, task.id);
  const axes: Record<string, MatrixValue[]> = {};
  for (const [key, v] of Object.entries(spec.axes)) {
    if (typeof v !== 'string') {
      axes[key] = [...v];
      continue;
    }
    const parsed = parseExpression(v);
    const value = parsed.ok ? evaluate(parsed.value, context) : parsed;
    if (!value.ok) return err(`matrix.${key}: ${value.error}`);
    if (!Array.isArray(value.value) || !value.value.every(isValue))
      return err(
        `matrix.${key}: ${parsed.ok ? parsed.value.source : v} is ${clip(JSON.stringify(value.value))}, not a JSON array of strings, numbers or booleans`,
      );
    axes[key] = value.value;
  }
  const combos = combinations(axes, spec.include, spec.exclude);
  const limit = ctx.workflow.matrixLimit;
  if (combos.length > limit)
    return err(`the matrix makes ${combos.length} tasks, more than the limit of ${limit} (matrix_limit)`);
  const ids = instanceIds(task.id, combos);
  return ok(combos.map((combo, i) => ({ def: instance(task, ids[i]!, combo), combo })));
}

async function finish(
  ctx: RunContext,
  id: string,
  started: number,
  status: NodeOutcome,
  failure?: Failure,
  commit?: string,
): Promise<NodeOutcome> {
  await ctx.journal.updateTask(id, (t) => {
    t.status = status;
    t.startedAt = started;
    t.finishedAt = Date.now();
    if (failure) t.failure = failure;
    if (commit) t.commit = commit;
    if (status === 'skipped') t.skipped = { need: t.instances?.[0] ?? id };
  });
  const t = ctx.journal.task(id);
  ctx.emit({
    type: 'task-finished',
    time: Date.now(),
    task: id,
    status,
    attempts: 0,
    durationMs: Date.now() - started,
    branch: t.branch,
    ...(commit ? { commit } : {}),
    ...(failure ? { failure } : {}),
    ...(t.skipped ? { skipped: t.skipped } : {}),
  });
  return status;
}

function clip(text: string | undefined): string {
  const s = text ?? 'undefined';
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
