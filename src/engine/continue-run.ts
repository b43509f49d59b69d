import type { LoadedWorkflow } from '../config/load-workflow.js';
import type { RawWorkflow } from '../config/workflow.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasResult } from '../events/task-status.js';
import type { TaskStatus } from '../events/task-status.js';
import { Git } from '../git/git.js';
import { integrations } from '../repos/repo-context.js';
import { noWorkTree } from '../diagnostics/no-work-tree.js';
import { definitionHash } from '../state/fingerprint.js';
import { findRun } from '../state/find-run.js';
import { RunJournal } from '../state/run-journal.js';
import type { RunRecord } from '../state/run-state.js';
import type { RunStore } from '../state/run-store.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import type { RunOptions, RunResult } from './run-workflow.js';
import { executeRun } from './run-workflow.js';
import { stopLeftoverProcesses } from './leftover-processes.js';
import { planIsolation } from '../isolation/plan.js';

export interface RerunOptions extends RunOptions {
  runId?: string;
  /** Tasks to run again (with everything downstream of them). */
  tasks?: readonly string[];
  /** Run again every task that has no result (failed, blocked, cancelled, interrupted). */
  failed?: boolean;
  /** Reuse upstream results even if their definitions changed since the run. */
  allowStale?: boolean;
}

/** `job` is a rerun of one task of a distributed run (see remote/run-job.ts). */
export type ContinueCommand = 'rerun' | 'resume' | 'job';

/**
 * `rerun`: a new attempt of a recorded run (GitHub Actions' "re-run failed jobs"). The named tasks
 * and everything downstream run again from the recorded upstream results; upstream agents are not
 * started; then integration is redone. `resume` is the same with "whatever has no result" as the
 * selection, for a run that was interrupted.
 */
export async function rerunWorkflow(
  loaded: LoadedWorkflow,
  opts: RerunOptions & { command: ContinueCommand },
): Promise<Result<RunResult, Diagnostic[]>> {
  const cwd = opts.cwd ?? process.cwd();
  const top = await Git.workTreeOf(cwd);
  if (!top.ok) return err([noWorkTree(cwd, top.error)]);
  const repoRoot = top.value;
  const found = await findRun(repoRoot, opts.runId);
  if (!found.ok) return err([found.error]);
  const { store, record } = found.value;
  const locked = await store.lock();
  if (!locked.ok)
    return err([
      {
        severity: 'error',
        code: 'usage',
        message: locked.error,
        hint: 'wait for it to finish, or stop it (Ctrl-C) first',
      },
    ]);
  try {
    const chosen = chooseTasks(loaded, record, opts);
    if (!chosen.ok) throw new Refused(chosen.error);
    const stale = await staleUpstream(
      loaded,
      store,
      record.vars,
      record.selected,
      chosen.value,
      opts.allowStale === true,
    );
    if (stale.length) throw new Refused(stale);
    const isolation = await planIsolation(loaded, record.selected);
    if (!isolation.ok) throw new Refused(isolation.error);
    await stopLeftoverProcesses(record, store.paths);
    const journal = new RunJournal(store, record);
    const rerun = new Set(chosen.value);
    await journal.update((r) => {
      r.history.push({ at: Date.now(), command: `${opts.command} ${[...rerun].join(' ')}`.trim() });
      r.vars = { ...loaded.workflow.vars };
      for (const id of rerun) {
        const t = r.tasks[id]!;
        t.status = 'pending';
        delete t.commit;
        delete t.failure;
        delete t.blockedBy;
        delete t.reusedFrom;
        delete t.skipped;
        delete t.outputs;
        // A dynamic matrix named to rerun runs every instance again; otherwise (resume, a job merging
        // the legs other jobs pushed) those that succeeded keep.
        if (opts.command === 'rerun' && !opts.failed)
          for (const i of t.instances ?? []) delete r.tasks[i]?.fingerprint;
      }
    });
    return ok(await executeRun(loaded, journal, opts, isolation.value));
  } catch (e) {
    await store.unlock();
    if (e instanceof Refused) return err(e.diagnostics);
    throw e;
  }
}

/** What `resume` starts again: everything that neither finished nor was blocked by a failure. */
const RESUMABLE: readonly TaskStatus[] = [
  'pending',
  'running',
  'verifying',
  'waiting',
  'interrupted',
  'cancelled',
];

class Refused extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('refused');
  }
}

function chooseTasks(
  loaded: LoadedWorkflow,
  record: RunRecord,
  opts: RerunOptions & { command: ContinueCommand },
): Result<string[], Diagnostic[]> {
  const { selected } = record;
  const status = (id: string): TaskStatus => record.tasks[id]!.status;
  const inRun = new Set(selected);
  // Instances of a dynamic matrix are made again by their matrix task.
  const gone = selected.filter((t) => !loaded.workflow.tasks.has(t) && !record.tasks[t]!.instanceOf);
  if (gone.length) {
    return err(
      gone.map((t) => ({
        severity: 'error',
        code: 'unknown-task',
        message: `task "${t}" of the run is no longer in ${loaded.workflow.file}`,
        hint: 'start a new run with "orchestra run" instead',
      })),
    );
  }
  if (opts.command === 'resume') {
    const resumable = selected.filter(
      (id) => RESUMABLE.includes(status(id)) && !record.tasks[id]!.instanceOf,
    );
    // A finished run has nothing left to continue (an interrupted integration leaves no outcome),
    // unless only its integration failed (a result branch the user had checked out, say): resume
    // integrates again.
    const integrationOnly =
      integrations(record).some((i) => i.status === 'failed') &&
      selected.every((id) => status(id) === 'succeeded' || status(id) === 'skipped');
    if (resumable.length === 0 && record.outcome !== undefined && !integrationOnly) {
      return err([
        {
          severity: 'error',
          code: 'usage',
          message: `run ${record.id} is not interrupted: it ${record.outcome}, so there is nothing to resume`,
          hint:
            record.outcome === 'succeeded'
              ? `its result is branch ${record.integration.branch || `orchestra/${record.id}`}; run a task again with "orchestra rerun <task> --run ${record.id}"`
              : `rerun what failed: orchestra rerun --failed --run ${record.id}`,
        },
      ]);
    }
    return ok(resumable);
  }
  const missing = (opts.tasks ?? []).filter((t) => !inRun.has(t));
  if (missing.length) {
    return err(
      missing.map((t) => ({
        severity: 'error',
        code: 'unknown-task',
        message: `task "${t}" is not part of this run`,
        hint: `its tasks: ${selected.join(', ')}`,
      })),
    );
  }
  const done = (id: string) => hasResult(status(id));
  const named = opts.failed ? selected.filter((id) => !done(id)) : [...(opts.tasks ?? [])];
  if (named.length === 0) {
    return err([
      {
        severity: 'error',
        code: 'usage',
        message: opts.failed
          ? 'nothing to rerun: every task of the run succeeded'
          : 'name the tasks to rerun, or use --failed',
      },
    ]);
  }
  const chosen = new Set(named.map((id) => record.tasks[id]?.instanceOf ?? id));
  // `orchestra job` runs its one task: the jobs of the tasks downstream run theirs.
  if (!opts.only) for (const d of loaded.graph.descendants(named)) if (inRun.has(d)) chosen.add(d);
  // Upstream results are reused: each must exist.
  const problems = [...chosen].flatMap((id) =>
    loaded.graph
      .needs(id)
      .filter((n) => !chosen.has(n) && !done(n))
      .map((n): Diagnostic => ({
        severity: 'error',
        code: 'usage',
        message: `"${id}" needs "${n}", which has no result in this run`,
        hint: `rerun it too: orchestra rerun ${n} ${id} (or orchestra rerun --failed)`,
      })),
  );
  return problems.length ? err(problems) : ok(selected.filter((id) => chosen.has(id)));
}

/** Reused tasks whose definition changed since the run: their results answer an old question. */
async function staleUpstream(
  loaded: LoadedWorkflow,
  store: RunStore,
  recordedVars: Readonly<Record<string, string>>,
  selected: readonly string[],
  rerun: readonly string[],
  allowStale: boolean,
): Promise<Diagnostic[]> {
  const reused = selected.filter((id) => !rerun.includes(id));
  if (allowStale || reused.length === 0) return [];
  const recorded = await store.loadWorkflow();
  const tasks = recorded.ok ? (recorded.value as Partial<RawWorkflow>).tasks : undefined;
  if (!recorded.ok || tasks === null || typeof tasks !== 'object') {
    return [
      {
        severity: 'error',
        code: 'usage',
        message: `cannot tell whether the results to reuse (${reused.join(', ')}) are stale: ${recorded.ok ? 'the recorded workflow has no tasks' : recorded.error}`,
        hint: 'reuse them anyway with --allow-stale, or start a new run with "orchestra run"',
      },
    ];
  }
  const before = recorded.value as RawWorkflow;
  const changed = reused.filter(
    (id) =>
      definitionHash(before, id, recordedVars) !==
      definitionHash(loaded.workflow.raw, id, loaded.workflow.vars),
  );
  return changed.map((id) => ({
    severity: 'error',
    code: 'usage',
    message: `"${id}" changed since the run (its definition, role, agent, gates or variables), but its old result would be reused`,
    hint: `rerun it too (orchestra rerun ${id} ${rerun.join(' ')}), or reuse the old result anyway with --allow-stale`,
  }));
}
