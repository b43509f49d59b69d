import { join } from 'node:path';
import { renderTemplate } from '../config/template.js';
import { combineCommits, type LabelledCommit } from '../git/merge.js';
import type { RunContext } from '../engine/run-context.js';
import { taskBranch } from '../engine/run-context.js';
import { templateValues } from '../engine/task-prompt.js';
import { createSandbox } from '../sandbox/create-sandbox.js';
import { removeLeftover } from '../sandbox/remove-leftover.js';
import { conflictResolver } from '../resolve/resolve-conflict.js';
import type { IntegrationRecord, PlacedBranch } from '../state/run-state.js';
import { placedBranch } from '../state/run-state.js';
import { RunStore } from '../state/run-store.js';
import { describeOutcome, runGates } from '../verify/run-gates.js';
import {
  baseCommitOf,
  integrationOf,
  placedIn,
  repoOfTask,
  SELF,
  setIntegration,
} from '../repos/repo-context.js';
import { gateFinished, gateRecord } from '../verify/gate-record.js';

/** Not a valid task id (ids start with a letter or digit), so it cannot collide with a task's branch. */
const SCRATCH = '_integration';

/** The result branch name for a run. */
export function resultBranch(ctx: Pick<RunContext, 'workflow' | 'journal'>): string {
  return renderTemplate(
    ctx.workflow.integrate.branch,
    templateValues(ctx.journal.record, ctx.workflow.vars, null),
  );
}

/**
 * The tasks whose branches are integrated, in topological order: those of the workflow's list that
 * ran, else the sinks of what ran. `run <task>` of tasks the list leaves out (upstream of them) still
 * gets its targets' results, not an empty branch at the base.
 */
export function integrationTasks(
  ctx: Pick<RunContext, 'workflow' | 'graph' | 'journal' | 'repoName'>,
): string[] {
  const { tasks } = ctx.journal.record;
  // A task skipped by its `if:` has no result: the results above it are integrated instead.
  // A dynamic matrix's instances are in their matrix task's result.
  // Across repositories, each result branch is of its own repository's tasks.
  const selected = new Set(
    ctx.journal.record.selected.filter(
      (id) => !tasks[id]!.skipped && !tasks[id]!.instanceOf && repoOfTask(ctx, id) === (ctx.repoName ?? SELF),
    ),
  );
  const list = ctx.workflow.integrate.tasks;
  const listed = list?.filter((t) => selected.has(t)) ?? [];
  // An empty list written as such integrates nothing; a list none of whose tasks ran falls back.
  const wanted = new Set(
    list !== undefined && (listed.length > 0 || list.length === 0)
      ? listed
      : [...selected].filter((id) => !ctx.graph.dependents(id).some((d) => selected.has(d))),
  );
  return ctx.journal.record.selected.filter((id) => wanted.has(id));
}

/**
 * Builds the result branch: the tasks' results combined per the strategy without any work tree
 * (`git merge-tree`), then the integrate gates in a scratch worktree of the result, made only when
 * there are gates. The branch is created only at the end, pointing at a verified commit, so a
 * conflict or a red gate leaves no half-made branch behind.
 */
export async function integrate(ctx: RunContext, signal: AbortSignal): Promise<IntegrationRecord> {
  const record = ctx.journal.record;
  const branch = resultBranch(ctx);
  const tasks = integrationTasks(ctx);
  const commits: LabelledCommit[] = tasks.map((t) => ({ commit: record.tasks[t]!.commit!, label: t }));
  // Carried through every write until a new result replaces it (see `placed`).
  const placed = placedBranch(integrationOf(record, ctx.repoName));
  const kept = placed ? { placed } : {};
  // Checked before the work (to fail fast), while the record is written, and again before the branch
  // is set (the user may have checked it out meanwhile).
  const checked = resultBranchState(ctx, branch, placed);
  checked.catch(() => undefined);
  await ctx.journal.update((r) =>
    setIntegration(r, ctx.repoName, { status: 'running', branch, tasks, gates: [], ...kept }),
  );
  const repo = ctx.repoName && ctx.repoName !== SELF ? { repo: ctx.repoName } : {};
  ctx.emit({ type: 'integration-started', time: Date.now(), branch, tasks, ...repo });

  const finish = async (outcome: IntegrationRecord): Promise<IntegrationRecord> => {
    const result: IntegrationRecord =
      outcome.status === 'succeeded'
        ? { ...outcome, placed: { branch, commit: outcome.commit! } }
        : { ...outcome, ...kept };
    await ctx.journal.update((r) => setIntegration(r, ctx.repoName, result));
    ctx.emit({
      type: 'integration-finished',
      time: Date.now(),
      ok: result.status === 'succeeded',
      branch,
      ...repo,
      ...(result.commit ? { commit: result.commit } : {}),
      ...(result.failure ? { failure: result.failure } : {}),
    });
    return result;
  };

  const before = await checked;
  if (before.refusal)
    return finish({ status: 'failed', branch, tasks, gates: [], failure: { message: before.refusal } });

  const strategy = ctx.workflow.integrate.strategy;
  const base: LabelledCommit = { commit: baseCommitOf(ctx), label: 'base' };
  const combined = await combineCommits(
    ctx.repo,
    strategy === 'merge' && commits.length > 0 ? commits : [base, ...commits],
    strategy,
    (theirs) => `orchestra: integrate ${theirs.label}`,
    conflictResolver(ctx, null, signal),
  );
  if (!combined.ok) {
    const { files, ours, theirs } = combined.conflict;
    return finish({
      status: 'failed',
      branch,
      tasks,
      gates: [],
      failure: {
        message: `the results of "${ours}" and "${theirs}" conflict in ${files.join(', ')}`,
        tasks: [ours, theirs],
        files,
      },
    });
  }

  const gates: IntegrationRecord['gates'] = [];
  const gateFailure = await verifyResult(ctx, combined.commit, tasks, signal, async (gate) => {
    gates.push(gate);
    await ctx.journal.update((rec) => (integrationOf(rec, ctx.repoName).gates = [...gates]));
  });
  if (gateFailure) return finish({ status: 'failed', branch, tasks, gates, failure: gateFailure });
  // A branch that did not exist cannot be checked out now unless someone made it, which the
  // compare-and-swap below refuses.
  const now = before.tip === undefined ? before : await resultBranchState(ctx, branch, placed);
  if (now.refusal) {
    return finish({ status: 'failed', branch, tasks, gates, failure: { message: now.refusal } });
  }
  // Only now does the result branch exist; a rerun moves it to the new result. Compare-and-swap: a
  // branch someone moved since it was checked is left alone (and keeps its reflog).
  if (!(await ctx.repo.moveBranch(branch, combined.commit, now.tip))) {
    const message = `branch ${branch} moved while the result was being made; integrate again with: orchestra resume --run ${ctx.journal.record.id}`;
    return finish({ status: 'failed', branch, tasks, gates, failure: { message } });
  }
  return finish({ status: 'succeeded', branch, commit: combined.commit, tasks, gates });
}

/**
 * Runs the integrate gates on `commit` in a scratch worktree, made for them and removed after; none
 * is made when there are no gates. Returns why the result is refused, or undefined.
 */
async function verifyResult(
  ctx: RunContext,
  commit: string,
  tasks: string[],
  signal: AbortSignal,
  onGate: (gate: IntegrationRecord['gates'][number]) => Promise<void>,
): Promise<IntegrationRecord['failure']> {
  const repoDef = ctx.workflow.repos.get(ctx.repoName ?? SELF);
  const verify = repoDef?.verify ?? ctx.workflow.integrate.verify;
  if (verify.length === 0) return undefined;
  const { copy, link } = repoDef?.sandbox ?? ctx.workflow.sandbox;
  const record = ctx.journal.record;
  const paths = ctx.journal.store.paths;
  const scratchBranch = taskBranch(record.id, SCRATCH);
  // The repositories' scratch worktrees share the run's sandbox folder.
  const scratchPath = join(ctx.sandboxRoot, record.id, repoDef ? `${SCRATCH}-${repoDef.name}` : SCRATCH);
  const dropScratchBranch = async () => {
    if (await ctx.repo.branchExists(scratchBranch)) await ctx.repo.deleteBranch(scratchBranch);
  };
  await removeLeftover(ctx.repo, scratchPath);
  await dropScratchBranch();
  const made = await createSandbox('worktree', {
    repoRoot: ctx.repoRoot,
    path: scratchPath,
    branch: scratchBranch,
    baseCommit: commit,
    copy: [...copy],
    link: [...link],
  });
  if (!made.ok) return { message: `cannot make the integration sandbox: ${made.error.message}` };
  const sandbox = made.value;
  try {
    const red = await runGates(
      verify.map((g) => ctx.workflow.gates.get(g)!),
      {
        cwd: sandbox.path,
        env: { ORCHESTRA_RUN_ID: record.id, ORCHESTRA_SANDBOX: sandbox.path },
        values: templateValues(record, ctx.workflow.vars, null),
        signal,
        // Each repository's gates log apart: they may share names.
        logFile: (g, run) =>
          paths.abs(
            repoDef ? paths.gateLog(`${SCRATCH}-${repoDef.name}`, 0, g, run) : paths.gateLog(null, 0, g, run),
          ),
        onResult: async (r) => {
          await onGate(gateRecord(r, paths.dir));
          ctx.emit(gateFinished(null, r));
        },
      },
    );
    return red
      ? { message: describeOutcome(`integration gate "${red.gate}"`, red.outcome), tasks }
      : undefined;
  } finally {
    await sandbox.dispose();
    await dropScratchBranch();
  }
}

/**
 * Where the result branch is now, and why it cannot be set, if it cannot. A branch checked out somewhere (the user's
 * checkout, a linked worktree of theirs) is not moved under their files. An existing branch is
 * replaced only while it is where this run or another recorded run put it: the user may have
 * committed on it since, or `integrate.branch` may name a branch of their own, and replacing it
 * would throw their commits away (deleting a branch deletes its reflog too).
 */
async function resultBranchState(
  ctx: RunContext,
  branch: string,
  placed: PlacedBranch | undefined,
): Promise<{ tip?: string; refusal?: string }> {
  const tip = await ctx.repo.resolveCommit(`refs/heads/${branch}`);
  if (tip === undefined) return {};
  const runId = ctx.journal.record.id;
  const holder = (await ctx.repo.listWorktrees()).find((w) => w.branch === branch);
  if (holder) {
    return {
      tip,
      refusal: `the result branch ${branch} is checked out at ${holder.path}; switch it to another branch there, then integrate again with: orchestra resume --run ${runId}`,
    };
  }
  const isTip = (p: PlacedBranch | undefined) => p?.branch === branch && p.commit === tip;
  if (isTip(placed)) return { tip };
  // The records are in the workflow's repository, whichever repository the branch is in.
  const records = ctx.journal.record.repoRoot;
  for (const id of await RunStore.list(records)) {
    if (id === runId) continue;
    const other = await new RunStore(records, id).load();
    if (other.ok && placedIn(other.value, ctx.repoRoot).some(isTip)) return { tip };
  }
  return {
    tip,
    refusal: `branch ${branch} already exists at ${tip.slice(0, 10)}, and no orchestra run put it there: rename or delete it, or set integrate.branch to another name, then integrate again with: orchestra resume --run ${runId}`,
  };
}
