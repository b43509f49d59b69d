import { join } from 'node:path';
import type { LoadedWorkflow } from '../config/load-workflow.js';
import type { Workflow } from '../config/workflow.js';
import type { Keep } from '../config/workflow.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { EventSink } from '../events/engine-event.js';
import type { RunOutcome } from '../events/task-status.js';
import { hasResult } from '../events/task-status.js';
import { BranchBatch } from '../git/branch-batch.js';
import { Git } from '../git/git.js';
import { noWorkTree } from '../diagnostics/no-work-tree.js';
import { checkoutState, findLanding, type CheckoutState } from '../integrate/landing.js';
import { RepoGuard, repoChangedMessage } from '../sandbox/repo-guard.js';
import { WorktreePool } from '../sandbox/worktree-pool.js';
import { defaultSandboxRoot, newRunId } from '../state/run-paths.js';
import { RunJournal } from '../state/run-journal.js';
import type { RunRecord } from '../state/run-state.js';
import { isReused, placedBranch, taskHasResult } from '../state/run-state.js';
import { RunStore } from '../state/run-store.js';
import { removeEmptyRunFolder } from '../state/clean-runs.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { RunContext } from './run-context.js';
import { taskBranch } from './run-context.js';
import type { FailureMode } from './scheduler.js';
import { durationWeight, recordedDurations } from './durations.js';
import { reuseEarlierResults } from './reuse.js';
import { checkoutWarnings } from './checkout-warnings.js';
import { flakyGates } from '../verify/gate-record.js';
import { planIsolation, type IsolationPlan } from '../isolation/plan.js';
import { scheduleTasks } from './schedule-tasks.js';
import { watchCancelRequest } from '../cancel/cancel-request.js';
import { budgetWarning, runBudget } from '../budget/budget-check.js';
import type { StartProbe } from './start-probe.js';
import { resolveRepos, type ResolvedRepo } from '../repos/resolve-repos.js';
import { integrateRepos, repoRecords } from '../repos/integrate-repos.js';
import { repoResults } from '../repos/repo-results.js';
import {
  forTask,
  integrationOf,
  openRepoSides,
  repoSides,
  SELF,
  setIntegration,
} from '../repos/repo-context.js';

export interface RunOptions {
  /** Where the repository is found (default: the current folder). */
  cwd?: string;
  /** Run these tasks and what they need (make-target semantics); default: all. */
  targets?: readonly string[];
  concurrency?: number;
  failureMode?: FailureMode;
  /** Overrides every task's keep policy. */
  keep?: Keep;
  signal?: AbortSignal;
  onEvent?: EventSink;
  /** Reuse results of earlier runs whose task fingerprints match (opt-in: agents are not deterministic). */
  reuse?: boolean;
  /** Push the result branches of URL repositories (`repos.<name>.push`) to their URLs. */
  push?: boolean;
  /** What git was asked about the repository around `cwd` already (see start-probe.ts). */
  probe?: StartProbe;
  /**
   * Run only these of the tasks still to do, and do not integrate: `orchestra job`, where other
   * machines run the rest and one job integrates. The outcome is theirs.
   */
  only?: readonly string[];
  /** false: leave integration to a later `orchestra job --integrate` (`rerun --remote`). */
  integrate?: boolean;
}

export interface RunResult {
  runId: string;
  outcome: RunOutcome;
  record: RunRecord;
  runDir: string;
}

/** The repository, run id and base commit of a new run, or why it cannot start. */
export async function prepareRun(
  loaded: LoadedWorkflow,
  opts: RunOptions,
): Promise<
  Result<
    {
      repoRoot: string;
      baseCommit: string;
      selected: string[];
      isolation: IsolationPlan;
      repos: ResolvedRepo[];
    },
    Diagnostic[]
  >
> {
  const { workflow, graph } = loaded;
  const base = workflow.sandbox.base;
  const located = await (opts.probe && base === 'HEAD'
    ? opts.probe.head
    : Git.locate(opts.cwd ?? process.cwd(), base));
  if (!located) {
    // Asked again only to say why: git's own words tell a bare or refused repository from none.
    const dir = opts.cwd ?? process.cwd();
    const why = await Git.workTreeOf(dir);
    return err([noWorkTree(dir, why.ok ? '' : why.error)]);
  }
  const { topLevel: repoRoot, commit: baseCommit } = located;
  if (!baseCommit) {
    return err([
      {
        severity: 'error',
        code: 'usage',
        path: 'sandbox.base',
        message: `the base ref "${workflow.sandbox.base}" does not resolve to a commit`,
        hint: 'set sandbox.base to an existing branch, tag or commit (a new repository needs a first commit)',
      },
    ]);
  }
  // A matrix task stands for its instances.
  const targets = (opts.targets ?? []).flatMap((t) => workflow.matrixInstances?.get(t) ?? [t]);
  const unknown = targets.filter((t) => !workflow.tasks.has(t));
  if (unknown.length) {
    return err(
      unknown.map((t) => ({
        severity: 'error',
        code: 'unknown-task',
        message: `unknown task "${t}"${didYouMean(t, workflow.tasks.keys())}`,
        hint: `tasks: ${graph.ids.join(', ')}`,
      })),
    );
  }
  const selected = targets.length ? graph.selectWithNeeds(targets) : graph.topologicalOrder();
  const isolation = await planIsolation(loaded, selected);
  if (!isolation.ok) return isolation;
  const repos = await resolveRepos(loaded);
  if (!repos.ok) return repos;
  return ok({ repoRoot, baseCommit, selected, isolation: isolation.value, repos: repos.value });
}

/** Starts a new run of the workflow and runs it to the end. */
export async function runWorkflow(
  loaded: LoadedWorkflow,
  opts: RunOptions = {},
): Promise<Result<RunResult, Diagnostic[]>> {
  const prepared = await prepareRun(loaded, opts);
  if (!prepared.ok) return prepared;
  const { repoRoot, isolation } = prepared.value;
  const { workflow } = loaded;
  const runId = newRunId();
  const record = newRunRecord(loaded, prepared.value, runId, opts.concurrency);
  const repo = new Git(repoRoot);
  if (opts.reuse) await reuseEarlierResults(workflow, loaded.graph, record, repo);
  const store = new RunStore(repoRoot, runId);
  const created = await store.create(record, workflow.raw);
  if (!created.ok) {
    return err([
      {
        severity: 'error',
        code: 'usage',
        message: created.error,
        hint: 'orchestra records each run in .orchestra/runs at the repository root: make it a writable folder',
      },
    ]);
  }
  const locked = await store.lock();
  if (!locked.ok) throw new Error(locked.error); // a brand-new run cannot be locked by anyone else
  return ok(await executeRun(loaded, new RunJournal(store, record), opts, isolation));
}

/** The record of a run that has not started a task yet (`run`, and `job --start` of a distributed one). */
export function newRunRecord(
  { workflow }: LoadedWorkflow,
  {
    repoRoot,
    baseCommit,
    selected,
    repos = [],
  }: { repoRoot: string; baseCommit: string; selected: string[]; repos?: readonly ResolvedRepo[] },
  runId: string,
  concurrency = workflow.concurrency,
  command = 'run',
): RunRecord {
  const record: RunRecord = {
    version: 1,
    id: runId,
    workflowFile: workflow.file,
    workflowName: workflow.name,
    repoRoot,
    sandboxRoot: workflow.sandbox.dir ?? defaultSandboxRoot(repoRoot),
    baseRef: workflow.sandbox.base,
    baseCommit,
    startedAt: Date.now(),
    selected,
    vars: { ...workflow.vars },
    concurrency,
    tasks: Object.fromEntries(
      selected.map((id) => {
        const repo = workflow.tasks.get(id)?.repo;
        return [
          id,
          { status: 'pending', branch: taskBranch(runId, id), attempts: [], ...(repo ? { repo } : {}) },
        ];
      }),
    ),
    integration: { status: 'pending', branch: '', tasks: [], gates: [] },
    ...(repos.length ? { repos: repoRecords(repos) } : {}),
    history: [{ at: Date.now(), command }],
  };
  // As every go starts with it (executeRun), so that a new run writes nothing more before its tasks.
  const budget = runBudget(workflow, record);
  if (budget) record.budget = { limit: budget.limit, spent: budget.spent };
  return record;
}

/**
 * Runs every task of the record that has no result yet, then integrates. Shared by run, rerun and
 * resume: what differs between them is only which tasks the record marks as still to do.
 * The caller holds the run's lock; it is released here.
 */
export async function executeRun(
  loaded: LoadedWorkflow,
  journal: RunJournal,
  opts: RunOptions,
  isolation: IsolationPlan,
): Promise<RunResult> {
  const record = journal.record;
  // A rerun's or resume's time is its own: the run may have sat idle since it first started.
  const began = Date.now();
  const emit: EventSink = opts.onEvent ?? (() => undefined);
  // `orchestra cancel` from another terminal stops the run as Ctrl-C does.
  const cancelRequest = watchCancelRequest(journal.store.paths.dir);
  const signal = opts.signal ? AbortSignal.any([opts.signal, cancelRequest.signal]) : cancelRequest.signal;
  const repo = new Git(record.repoRoot);
  const self = {
    repo,
    repoRoot: record.repoRoot,
    pool: new WorktreePool(record.repoRoot, record.concurrency),
    branches: new BranchBatch(repo),
    repoGuard: await RepoGuard.take(record.repoRoot, journal.store.paths.repoChanges(SELF)),
  };
  const ctx: RunContext = {
    workflow: loaded.workflow,
    graph: loaded.graph,
    journal,
    ...self,
    sandboxRoot: record.sandboxRoot,
    emit,
    isolation,
    ...(record.repos ? { repos: await openRepoSides(record, self, journal.store.paths) } : {}),
    signal,
    ...(opts.keep ? { keep: opts.keep } : {}),
  };
  // Only pending tasks run; the others keep what an earlier attempt of this run recorded.
  // Instances of a dynamic matrix are made again when their matrix task runs.
  const todo = record.selected.filter(
    (id) =>
      record.tasks[id]!.status === 'pending' &&
      !record.tasks[id]!.instanceOf &&
      (opts.only?.includes(id) ?? true),
  );
  // A run killed before its tasks were done made none of its `none` sandboxes' branches.
  if (record.outcome === undefined && record.history.length > 1)
    for (const id of record.selected) {
      const { branch, startCommit } = record.tasks[id]!;
      if (!todo.includes(id) && startCommit && loaded.workflow.tasks.get(id)?.sandbox.type === 'none')
        forTask(ctx, id).branches.add(branch, startCommit);
    }
  const prior = new Map(
    record.selected
      .filter((id) => !todo.includes(id))
      .map((id) => {
        const t = record.tasks[id]!;
        return [id, t.skipped ? ('skipped' as const) : taskHasResult(t)];
      }),
  );
  // The durations of earlier runs make the critical path one of time, not of task count. Read while
  // the run starts: with many runs recorded, reading them took as long as the rest of the start.
  const durations = recordedDurations(record, todo);
  durations.catch(() => undefined); // awaited below
  try {
    const warnings = await checkoutWarnings(
      ctx.repo,
      { ref: record.baseRef, commit: record.baseCommit },
      record.history.length > 1,
      opts.probe?.uncommitted,
    );
    const unbudgeted = budgetWarning(loaded.workflow, todo);
    if (unbudgeted !== undefined) warnings.push(unbudgeted);
    // A new go (rerun, resume). A new run's record holds all this from the start: nothing is written.
    await journal.update((r) => {
      // A raised budget may let it go on, so "stopped" is for this go to say again.
      const budget = runBudget(loaded.workflow, r);
      if (budget) r.budget = { limit: budget.limit, spent: budget.spent };
      else delete r.budget;
      delete r.outcome;
      delete r.finishedAt;
      // Where an earlier integration of this run put the result branch is kept: it says the branch is
      // orchestra's to move (see `integrate`).
      for (const name of ctx.repos?.keys() ?? [SELF]) {
        const placed = placedBranch(integrationOf(r, name));
        setIntegration(r, name, {
          status: 'pending',
          branch: '',
          tasks: [],
          gates: [],
          ...(placed ? { placed } : {}),
        });
      }
    });
    emit({
      type: 'run-started',
      time: Date.now(),
      runId: record.id,
      workflow: record.workflowName,
      runDir: journal.store.paths.dir,
      baseCommit: record.baseCommit,
      tasks: record.selected,
      reused: record.selected
        .filter((id) => isReused(record.tasks[id]!))
        .map((task) => ({ task, fromRun: record.tasks[task]!.reusedFrom ?? record.id })),
      finishedEarlier: [...prior.keys()]
        .filter((id) => !isReused(record.tasks[id]!))
        .map((task) => ({ task, status: record.tasks[task]!.status })),
      concurrency: record.concurrency,
      warnings: [...warnings, ...isolation.warnings],
      ...(record.budget ? { budget: record.budget } : {}),
    });

    const weight = durationWeight(await durations);
    const scheduled = scheduleTasks(ctx, {
      selected: todo,
      prior,
      weight,
      failureMode: opts.failureMode ?? 'continue',
      signal,
    });
    let branchesMade: Promise<unknown> = Promise.resolve();
    try {
      await scheduled;
    } finally {
      // Spares are of no use once the tasks are done (integration makes its own worktree).
      for (const side of repoSides(ctx)) await side.pool.drain();
      // The `none` sandboxes' branches are made while the result is: it is combined from the
      // tasks' commits, not from their branches. Awaited before the run's end is recorded.
      branchesMade = Promise.all(repoSides(ctx).map((side) => side.branches.flush()));
      branchesMade.catch(() => undefined);
    }

    const green = (opts.only ?? record.selected).every((id) => hasResult(record.tasks[id]!.status));
    let outcome: RunOutcome = signal.aborted ? 'cancelled' : green ? 'succeeded' : 'failed';
    let checkout: Promise<CheckoutState> | undefined;
    if (opts.only || opts.integrate === false) {
      // Another process integrates (`orchestra job --integrate`).
    } else if (outcome === 'succeeded') {
      // What the landing hint reads of the user's checkout, asked while the result is made.
      checkout = checkoutState(ctx.repo);
      checkout.catch(() => undefined);
      // Integration gates run unjailed, in worktrees that share each repository's git folder.
      const releases = integrationRunsGates(loaded.workflow)
        ? repoSides(ctx).map((side) => side.repoGuard.expose())
        : [];
      const integrated = await integrateRepos(ctx, signal, { push: opts.push === true }).finally(() =>
        releases.forEach((release) => release()),
      );
      if (!integrated) outcome = signal.aborted ? 'cancelled' : 'failed';
    } else {
      await journal.update((r) => {
        for (const name of ctx.repos?.keys() ?? [SELF]) integrationOf(r, name).status = 'skipped';
      });
    }
    const { branch, commit } = record.integration;
    // A hint only: a git error here must not turn a finished run into a crash. Found while the
    // run's end is checked and written.
    const landing =
      record.integration.status === 'succeeded' && commit !== undefined
        ? findLanding(ctx.repo, { branch, commit }, record.baseRef, checkout).catch(() => undefined)
        : undefined;
    await branchesMade;
    // What a setup command or an integration gate changed there is found by no attempt's check.
    const repoWarnings: string[] = [];
    for (const side of repoSides(ctx)) {
      const change = await side.repoGuard.check();
      if (change) repoWarnings.push(repoChangedMessage(side.repoGuard.gitDir!, change, 'run'));
    }
    await removeEmptyRunFolder(record.repoRoot, join(record.sandboxRoot, record.id));
    await journal.update((r) => {
      r.outcome = outcome;
      r.finishedAt = Date.now();
      const budget = runBudget(loaded.workflow, r);
      if (budget) r.budget = budget;
    });
    const landed = await landing;
    const flaky = flakyGates(record);
    emit({
      type: 'run-finished',
      time: Date.now(),
      runId: record.id,
      outcome,
      durationMs: Date.now() - began,
      baseCommit: record.baseCommit,
      ...(record.integration.status === 'succeeded'
        ? { resultBranch: record.integration.branch, resultCommit: record.integration.commit! }
        : {}),
      ...(landed ? { landing: landed } : {}),
      ...(record.budget ? { budget: record.budget } : {}),
      ...(record.repos ? { repos: repoResults(record) } : {}),
      tasks: record.selected.map((task) => {
        const t = record.tasks[task]!;
        return {
          task,
          status: t.status,
          attempts: t.attempts.length,
          durationMs: t.startedAt && t.finishedAt ? t.finishedAt - t.startedAt : 0,
          branch: t.branch,
          ...(t.failure && t.status !== 'succeeded' ? { failure: t.failure } : {}),
          ...(t.usage ? { usage: t.usage } : {}),
          ...(t.skipped ? { skipped: t.skipped } : {}),
          ...(t.outputs ? { outputs: t.outputs } : {}),
        };
      }),
      ...(flaky.length ? { flaky } : {}),
      ...(repoWarnings.length ? { warnings: repoWarnings } : {}),
    });
    return { runId: record.id, outcome, record, runDir: journal.store.paths.dir };
  } finally {
    await cancelRequest.stop();
    await journal.store.unlock();
  }
}

/** Whether integration runs gates (unjailed) in any repository of the workflow. */
function integrationRunsGates(workflow: Workflow): boolean {
  return workflow.integrate.verify.length > 0 || [...workflow.repos.values()].some((r) => r.verify?.length);
}
