import { isDeepStrictEqual } from 'node:util';
import type { LoadedWorkflow } from '../config/load-workflow.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { writeDecision } from '../approvals/decision.js';
import { userName } from '../control/user-name.js';
import { rerunWorkflow, type RerunOptions } from '../engine/continue-run.js';
import { expandDynamicMatrix, isDynamicMatrix } from '../engine/dynamic-matrix.js';
import { taskBranch } from '../engine/run-context.js';
import { newRunRecord, prepareRun, type RunOptions, type RunResult } from '../engine/run-workflow.js';
import { hasResult } from '../events/task-status.js';
import { defaultSandboxRoot } from '../state/run-paths.js';
import type { RunRecord } from '../state/run-state.js';
import { taskHasResult } from '../state/run-state.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import type { RemoteRecord, RemoteRun } from './remote-run.js';
import { settleUnpushed } from './unpushed-tasks.js';

/** A distributed run's remote and what was fetched of it. */
export interface RemoteOptions extends RunOptions {
  remote: RemoteRun;
  fetched: RemoteRecord;
}

/** `job --start`: records a new run (base: HEAD here) on the remote, running nothing. */
export async function startJob(
  loaded: LoadedWorkflow,
  remote: RemoteRun,
  opts: RunOptions,
): Promise<Result<RunRecord, Diagnostic[]>> {
  const prepared = await prepareRun(loaded, opts);
  if (!prepared.ok) return prepared;
  const record = newRunRecord(loaded, prepared.value, remote.runId, opts.concurrency, 'job --start');
  const pushed = await remote.pushStart(record, loaded.workflow.raw);
  return pushed.ok ? ok(record) : err([pushed.error]);
}

/**
 * `job <task>`: one task of the run, on this machine, as `rerun <task>` runs it (its needs' pushed
 * results reused, nothing downstream, no integration); then its record part and branch are pushed.
 */
export async function runJob(
  loaded: LoadedWorkflow,
  task: string,
  opts: RemoteOptions & { matrix?: string },
): Promise<Result<RunResult & { task: string }, Diagnostic[]>> {
  const { remote, fetched } = opts;
  const { record } = fetched;
  const { graph } = loaded;
  // A need that is a dynamic matrix whose legs all pushed their results is merged here first, by
  // the engine, as a local run does before it starts what needs it.
  const { settled } = settleUnpushed(loaded, record);
  const first = (n: string) => settled.has(n) && record.tasks[n]!.status === 'pending';
  // A dynamic matrix's values come from its needs' outputs: they must be there to pick a leg.
  const unready = graph.ids.includes(task) ? missingNeeds(graph, record, task, remote, first) : [];
  if (unready.length) return err(unready);
  const picked = jobTask(loaded, record, task, opts.matrix);
  if (!picked.ok) return err([picked.error]);
  const { id, matrixTask } = picked.value;
  if (!record.selected.includes(matrixTask ?? id))
    return err([
      usage(`task "${id}" is not part of run ${record.id}`, `its tasks: ${record.selected.join(', ')}`),
    ]);
  const missing = missingNeeds(picked.value.loaded.graph, record, id, remote, first);
  if (missing.length) return err(missing);
  // A leg of a dynamic matrix runs as a task of its own here (as a static matrix's instance does);
  // its pushed part says which matrix it is a leg of.
  if (matrixTask) {
    const { instanceOf: _leg, ...earlier } = record.tasks[id] ?? {
      status: 'pending',
      branch: taskBranch(record.id, id),
      attempts: [],
    };
    record.tasks[id] = earlier;
    // The other legs are other jobs': this one neither reuses nor checks them.
    record.selected = [...record.selected.filter((s) => record.tasks[s]!.instanceOf !== matrixTask), id];
  }
  const store = await remote.importRun(fetched, sandboxRootOf(loaded, remote.repoRoot));
  // The job only starts once the reviewers of its environment approved it: that is the decision.
  if (loaded.workflow.tasks.get(id)?.kind === 'approval')
    await writeDecision(store.paths.dir, id, {
      decision: 'approved',
      by: process.env.GITHUB_ACTOR || (await userName(remote.repoRoot)),
      at: Date.now(),
      note: 'approved for the job',
    });
  const tasks = [...picked.value.loaded.graph.needs(id).filter(first), id];
  const done = await continueAndPush(
    picked.value.loaded,
    { ...opts, command: 'job', runId: record.id, tasks, only: tasks },
    { task: id, ...(matrixTask ? { matrixTask } : {}) },
  );
  return done.ok ? ok({ ...done.value, task: id }) : done;
}

/**
 * `rerun <task> --remote`: a rerun of the fetched run here (the task and what is downstream of it),
 * without integration; each task it ran is pushed back, replacing what its job pushed.
 */
export function rerunRemote(
  loaded: LoadedWorkflow,
  tasks: readonly string[],
  opts: RemoteOptions & Pick<RerunOptions, 'failed' | 'allowStale'>,
): Promise<Result<RunResult, Diagnostic[]>> {
  return continueAndPush(loaded, {
    ...opts,
    command: 'rerun',
    runId: opts.fetched.record.id,
    tasks,
    integrate: false,
  });
}

/** Why `job --integrate` cannot integrate: tasks without a result, failed or never run. */
export interface Incomplete {
  failed: string[];
  neverRan: string[];
}

/**
 * The tasks of the fetched run without a result, or undefined when every one has one or is settled
 * by the integration (see `settleUnpushed`, which gives a dynamic matrix its legs' aggregate).
 */
export function incompleteTasks(loaded: LoadedWorkflow, record: RunRecord): Incomplete | undefined {
  const { settled, missingLegs } = settleUnpushed(loaded, record);
  const without = record.selected.filter(
    (id) => !record.tasks[id]!.instanceOf && !hasResult(record.tasks[id]!.status) && !settled.has(id),
  );
  if (without.length === 0) return undefined;
  const ran = (id: string) => record.tasks[id]!.status !== 'pending';
  const failed = without.filter(ran).map((id) => {
    const failure = record.tasks[id]!.failure;
    return failure?.reason === 'matrix-failed' ? `${id} (${failure.message})` : id;
  });
  const neverRan = without
    .filter((id) => !ran(id))
    .map((id) => (missingLegs.has(id) ? `${id} (legs ${missingLegs.get(id)!.join(', ')})` : id));
  return { failed, neverRan };
}

/**
 * `job --integrate` of a run whose every task has a result on the remote (see `incompleteTasks`):
 * integrates them as a local run does (strategy, integrate.verify, resolve) and pushes the result
 * branch and the integration's record.
 */
export async function integrateJob(
  loaded: LoadedWorkflow,
  opts: RemoteOptions,
): Promise<Result<RunResult, Diagnostic[]>> {
  const { remote, fetched } = opts;
  const { record } = fetched;
  // Integrated again after a rerun: the earlier outcome is this integration's to decide.
  const { outcome: _earlier, ...fresh } = record;
  const store = await remote.importRun({ ...fetched, record: fresh }, sandboxRootOf(loaded, remote.repoRoot));
  const placed = record.integration.placed;
  const result = await rerunWorkflow(loaded, {
    ...opts,
    cwd: remote.repoRoot,
    command: 'resume',
    runId: record.id,
  });
  if (!result.ok) return result;
  const done = result.value.record;
  const { branch, commit, status } = done.integration;
  if (status === 'succeeded' && commit) {
    const pushed = await remote.pushResult(
      branch,
      commit,
      placed?.branch === branch ? placed.commit : undefined,
    );
    if (!pushed.ok) return err([pushed.error]);
  }
  // The tasks the integration settled (skipped, a dynamic matrix's aggregate) are pushed as a job's are.
  const settled = await remote.pushTasks(done, store.paths.dir, changedTasks(done, fresh.tasks));
  if (!settled.ok) return err([settled.error]);
  const pushed = await remote.pushIntegration(done, store.paths.dir);
  return pushed.ok ? result : err([pushed.error]);
}

/**
 * Imports the fetched run, runs it on through the engine, and pushes the parts of the tasks that ran:
 * for a job, only its own task's (a leg of `matrixTask` marked as such), so that parallel jobs never
 * push the same refs.
 */
async function continueAndPush(
  loaded: LoadedWorkflow,
  opts: RemoteOptions & RerunOptions & { command: 'rerun' | 'job' },
  job?: { task: string; matrixTask?: string },
): Promise<Result<RunResult, Diagnostic[]>> {
  const { remote, fetched } = opts;
  await remote.importRun(fetched, sandboxRootOf(loaded, remote.repoRoot));
  const before = fetched.record.tasks;
  const result = await rerunWorkflow(loaded, { ...opts, cwd: remote.repoRoot });
  if (!result.ok) return result;
  const { record } = result.value;
  if (job?.matrixTask) record.tasks[job.task]!.instanceOf = job.matrixTask;
  const changed = job
    ? [job.task].filter((id) => !isDeepStrictEqual(record.tasks[id], before[id]))
    : changedTasks(record, before);
  const pushed = await remote.pushTasks(record, result.value.runDir, changed);
  return pushed.ok ? result : err([pushed.error]);
}

/** The run's tasks (not instances: their matrix task's part holds them) whose records differ from `before`. */
function changedTasks(record: RunRecord, before: RunRecord['tasks']): string[] {
  return record.selected.filter(
    (id) => !record.tasks[id]!.instanceOf && !isDeepStrictEqual(record.tasks[id], before[id]),
  );
}

/**
 * The task a job runs: for `--matrix`, the instance of a matrix task with those values; a dynamic
 * matrix is expanded first over its needs' recorded outputs, as the engine expands it, and the leg
 * runs in that workflow (`matrixTask` names the matrix it is a leg of).
 */
function jobTask(
  loaded: LoadedWorkflow,
  record: RunRecord,
  task: string,
  matrix: string | undefined,
): Result<{ id: string; loaded: LoadedWorkflow; matrixTask?: string }, Diagnostic> {
  const { workflow } = loaded;
  const dynamic = isDynamicMatrix(workflow.tasks.get(task));
  const instances = workflow.matrixInstances?.get(task);
  if (!workflow.tasks.has(task) && !instances)
    return err({
      severity: 'error',
      code: 'unknown-task',
      message: `unknown task "${task}"${didYouMean(task, [...workflow.tasks.keys(), ...(workflow.matrixInstances?.keys() ?? [])])}`,
      hint: `tasks: ${loaded.graph.ids.join(', ')}`,
    });
  if (matrix === undefined) {
    if (instances)
      return err(
        usage(
          `task "${task}" is a matrix: a job runs one combination of it`,
          `give it with --matrix '{"key":"value"}'`,
        ),
      );
    return ok({ id: task, loaded });
  }
  if (!instances && !dynamic)
    return err(usage(`task "${task}" has no matrix: --matrix is for a matrix task's job`));
  let values: unknown;
  try {
    values = JSON.parse(matrix);
  } catch {
    return err(
      usage(
        `--matrix ${matrix}: not JSON`,
        `give one combination as a JSON object: --matrix '{"os":"linux"}'`,
      ),
    );
  }
  let legs = { ids: instances ?? [], loaded };
  if (dynamic) {
    const expanded = expandDynamicMatrix(loaded, record, task);
    if (!expanded.ok) return err(usage(`task "${task}": ${expanded.error}`));
    const { ids, ...expansion } = expanded.value;
    legs = { ids, loaded: { ...loaded, ...expansion } };
  }
  const combo = (i: string) => legs.loaded.workflow.tasks.get(i)!.matrixValues;
  const found = legs.ids.find((i) => isDeepStrictEqual({ ...combo(i) }, values));
  if (found) return ok({ id: found, loaded: legs.loaded, ...(dynamic ? { matrixTask: task } : {}) });
  const combos = legs.ids.map((i) => JSON.stringify(combo(i)));
  return err(
    usage(
      `--matrix ${matrix} is no combination of task "${task}"`,
      combos.length ? `its combinations: ${combos.join(', ')}` : 'its matrix has no combinations',
    ),
  );
}

/** The needs of `task` without a result on the remote (but those `settled` here): the jobs to run first. */
function missingNeeds(
  graph: LoadedWorkflow['graph'],
  record: RunRecord,
  task: string,
  remote: RemoteRun,
  settled: (need: string) => boolean,
): Diagnostic[] {
  return graph
    .needs(task)
    .filter((n) => !taskHasResult(record.tasks[n]!) && !settled(n))
    .map((n) =>
      usage(
        `task ${task} needs ${n}, which has no result on ${remote.remote} for run ${record.id}: run its job first`,
        `orchestra job ${n} --run-id ${record.id} --remote ${remote.remote}`,
      ),
    );
}

function sandboxRootOf(loaded: LoadedWorkflow, repoRoot: string): string {
  return loaded.workflow.sandbox.dir ?? defaultSandboxRoot(repoRoot);
}

function usage(message: string, hint?: string): Diagnostic {
  return { severity: 'error', code: 'usage', message, ...(hint ? { hint } : {}) };
}
