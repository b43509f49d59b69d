import { isDeepStrictEqual } from 'node:util';
import type { LoadedWorkflow } from '../config/load-workflow.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { writeDecision } from '../approvals/decision.js';
import { userName } from '../control/user-name.js';
import { rerunWorkflow, type RerunOptions } from '../engine/continue-run.js';
import { isDynamicMatrix } from '../engine/dynamic-matrix.js';
import { newRunRecord, prepareRun, type RunOptions, type RunResult } from '../engine/run-workflow.js';
import { hasResult } from '../events/task-status.js';
import { defaultSandboxRoot } from '../state/run-paths.js';
import type { RunRecord } from '../state/run-state.js';
import { taskHasResult } from '../state/run-state.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import type { RemoteRecord, RemoteRun } from './remote-run.js';

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
  const id = jobTask(loaded, task, opts.matrix);
  if (!id.ok) return err([id.error]);
  const { record } = fetched;
  if (!record.selected.includes(id.value))
    return err([
      usage(`task "${id.value}" is not part of run ${record.id}`, `its tasks: ${record.selected.join(', ')}`),
    ]);
  const missing = loaded.graph.needs(id.value).filter((n) => !taskHasResult(record.tasks[n]!));
  if (missing.length)
    return err(
      missing.map((n) =>
        usage(
          `task ${id.value} needs ${n}, which has no result on ${remote.remote} for run ${record.id}: run its job first`,
          `orchestra job ${n} --run-id ${record.id} --remote ${remote.remote}`,
        ),
      ),
    );
  const store = await remote.importRun(fetched, sandboxRootOf(loaded, remote.repoRoot));
  // The job only starts once the reviewers of its environment approved it: that is the decision.
  if (loaded.workflow.tasks.get(id.value)?.kind === 'approval')
    await writeDecision(store.paths.dir, id.value, {
      decision: 'approved',
      by: process.env.GITHUB_ACTOR || (await userName(remote.repoRoot)),
      at: Date.now(),
      note: 'approved for the job',
    });
  const done = await continueAndPush(loaded, {
    ...opts,
    command: 'job',
    runId: record.id,
    tasks: [id.value],
    only: [id.value],
  });
  return done.ok ? ok({ ...done.value, task: id.value }) : done;
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

/** The tasks of the fetched run without a result, or undefined when every one has one. */
export function incompleteTasks(record: RunRecord): Incomplete | undefined {
  const without = record.selected.filter(
    (id) => !record.tasks[id]!.instanceOf && !hasResult(record.tasks[id]!.status),
  );
  if (without.length === 0) return undefined;
  const ran = (id: string) => record.tasks[id]!.status !== 'pending';
  return { failed: without.filter(ran), neverRan: without.filter((id) => !ran(id)) };
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
  const pushed = await remote.pushIntegration(done, store.paths.dir);
  return pushed.ok ? result : err([pushed.error]);
}

/** Imports the fetched run, runs it on through the engine, and pushes the parts of the tasks that ran. */
async function continueAndPush(
  loaded: LoadedWorkflow,
  opts: RemoteOptions & RerunOptions & { command: 'rerun' | 'job' },
): Promise<Result<RunResult, Diagnostic[]>> {
  const { remote, fetched } = opts;
  await remote.importRun(fetched, sandboxRootOf(loaded, remote.repoRoot));
  const before = fetched.record.tasks;
  const result = await rerunWorkflow(loaded, { ...opts, cwd: remote.repoRoot });
  if (!result.ok) return result;
  const { record } = result.value;
  const changed = record.selected.filter(
    (id) => !record.tasks[id]!.instanceOf && !isDeepStrictEqual(record.tasks[id], before[id]),
  );
  const pushed = await remote.pushTasks(record, result.value.runDir, changed);
  return pushed.ok ? result : err([pushed.error]);
}

/** The task a job runs: for `--matrix`, the instance of a matrix task with those values. */
function jobTask(
  loaded: LoadedWorkflow,
  task: string,
  matrix: string | undefined,
): Result<string, Diagnostic> {
  const { workflow } = loaded;
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
    return ok(task);
  }
  if (isDynamicMatrix(workflow.tasks.get(task)))
    return err(
      usage(
        `task "${task}" is a dynamic matrix: its job runs every combination, without --matrix`,
        `orchestra job ${task} --run-id <id> --remote <name>`,
      ),
    );
  if (!instances) return err(usage(`task "${task}" has no matrix: --matrix is for a matrix task's job`));
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
  const found = instances.find((i) => isDeepStrictEqual({ ...workflow.tasks.get(i)!.matrixValues }, values));
  if (found) return ok(found);
  const combos = instances.map((i) => JSON.stringify(workflow.tasks.get(i)!.matrixValues));
  return err(
    usage(`--matrix ${matrix} is no combination of task "${task}"`, `its combinations: ${combos.join(', ')}`),
  );
}

function sandboxRootOf(loaded: LoadedWorkflow, repoRoot: string): string {
  return loaded.workflow.sandbox.dir ?? defaultSandboxRoot(repoRoot);
}

function usage(message: string, hint?: string): Diagnostic {
  return { severity: 'error', code: 'usage', message, ...(hint ? { hint } : {}) };
}
