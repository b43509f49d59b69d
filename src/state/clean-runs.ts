import { existsSync, statSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { Git } from '../git/git.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { Result } from '../util/result.js';
import { err, ok } from '../util/result.js';
import { removeEmptyFolders, removeTree } from '../sandbox/remove-tree.js';
import { removeStrayRefs, startTrail } from '../sandbox/stray-refs.js';
import { badRunId } from './find-run.js';
import { defaultSandboxRoot, isRunId, RunPaths, runsDir } from './run-paths.js';
import { placedBranch, type PlacedBranch, type RunRecord, type TaskRecord } from './run-state.js';
import { RunStore } from './run-store.js';
import type { RunSelection } from './select-runs.js';
import { selectRuns } from './select-runs.js';

export interface CleanOptions {
  /** Only this run (its record is removed too). */
  runId?: string;
  /** Every run, records included. Without runId or all, only leftovers are removed and records stay. */
  all?: boolean;
  /** Also delete the task branches and result branch of the runs cleaned. */
  branches?: boolean;
  /** Only the runs this selects by age or count (their records are removed too). */
  select?: RunSelection;
}

export interface CleanReport {
  worktrees: string[];
  folders: string[];
  branches: string[];
  records: string[];
  /** Runs left alone because a live process holds them. */
  live: string[];
  /** Branches of the runs cleaned that `--branches` left alone, each with why (`<branch>: <why>`). */
  keptBranches: string[];
}

/**
 * Removes what runs left behind — sandboxes, worktree registrations (also after kill -9), and on
 * request branches and records — without ever touching a run that a live process holds.
 */
export async function cleanRuns(
  repo: Git,
  repoRoot: string,
  opts: CleanOptions,
): Promise<Result<CleanReport, Diagnostic>> {
  const report: CleanReport = {
    worktrees: [],
    folders: [],
    branches: [],
    records: [],
    live: [],
    keptBranches: [],
  };
  if (opts.runId !== undefined) {
    // The id becomes a path that is removed recursively: it must be a run's, never `..` or `/x`.
    if (!isRunId(opts.runId)) return err(badRunId(opts.runId));
    if (!(await leftSomething(repo, repoRoot, opts.runId))) {
      const known = await RunStore.list(repoRoot);
      return err({
        severity: 'error',
        code: 'usage',
        message: `no run "${opts.runId}"${didYouMean(opts.runId, known)}: it has no record, sandboxes or branches`,
        hint: 'list them with "orchestra runs"',
      });
    }
  }
  const ids =
    opts.runId !== undefined
      ? [opts.runId]
      : opts.select
        ? await selectRuns(repoRoot, opts.select)
        : await runFolders(repoRoot);
  // Only a clean of every run may take sandboxes no record names: some may be the unselected runs'.
  const whole = opts.runId === undefined && opts.select === undefined;
  const roots = new Map<string, string>(); // run id → its sandbox folder
  for (const id of ids) {
    const store = new RunStore(repoRoot, id);
    if (await store.isLocked()) {
      report.live.push(id);
      continue;
    }
    const record = await store.load();
    roots.set(id, join(record.ok ? record.value.sandboxRoot : defaultSandboxRoot(repoRoot), id));
  }
  // Worktrees of runs without a record (deleted by hand) are still ours if they sit in the default root.
  const defaultRoot = defaultSandboxRoot(repoRoot);
  for (const wt of await repo.listWorktrees()) {
    const owner = [...roots.entries()].find(([, dir]) => wt.path.startsWith(dir + sep));
    const orphan =
      whole &&
      wt.path.startsWith(defaultRoot + sep) &&
      !report.live.some((id) => wt.path.startsWith(join(defaultRoot, id) + sep));
    if (owner || orphan) {
      // A run killed before its teardown left the branches and stash entries its agents made.
      const trail = await startTrail(
        wt.path,
        `orchestra/tasks/${basename(dirname(wt.path))}/${basename(wt.path)}`,
        true,
      );
      if (trail)
        await removeStrayRefs(repo, new Git(wt.path, { gitDir: trail.gitDir }), trail, false).catch(
          () => undefined,
        );
      await repo.removeWorktree(wt.path).catch(() => undefined);
      report.worktrees.push(wt.path);
    }
  }
  for (const [id, dir] of roots) {
    if (existsSync(dir)) {
      await removeTree(dir);
      report.folders.push(dir);
    }
    await removeEmptyRunFolder(repoRoot, dir);
    const record = await new RunStore(repoRoot, id).load();
    // A run across repositories (`repos:`) had worktrees of each in its folder: git forgets them now.
    const others = record.ok ? Object.values(record.value.repos ?? {}) : [];
    for (const other of others) await new Git(other.root).pruneWorktrees().catch(() => undefined);
    if (opts.branches) {
      const tasks = record.ok ? record.value.tasks : undefined;
      await removeRunBranches(
        repo,
        id,
        tasks,
        record.ok ? placedBranch(record.value.integration) : undefined,
        report,
      );
      // A run across repositories has branches in each.
      for (const other of others)
        await removeRunBranches(
          new Git(other.root),
          id,
          tasks,
          placedBranch(other.integration),
          report,
        ).catch(() => undefined);
    }
    if (!whole || opts.all) {
      await rm(new RunPaths(join(runsDir(repoRoot), id)).dir, { recursive: true, force: true });
      report.records.push(id);
    }
  }
  await repo.pruneWorktrees();
  return ok(report);
}

/**
 * Deletes the task branches of run `id` in one repository, and the result branch it put there, except
 * those the user may have committed on or has checked out (each reported as kept, with why).
 */
async function removeRunBranches(
  repo: Git,
  id: string,
  tasks: RunRecord['tasks'] | undefined,
  placed: PlacedBranch | undefined,
  report: CleanReport,
): Promise<void> {
  // git refuses to delete a branch checked out somewhere: the user's checkout is left as it is.
  const checkedOut = new Map((await repo.listWorktrees()).map((wt) => [wt.branch, wt.path]));
  const remove = async (branch: string) => {
    const at = checkedOut.get(branch);
    if (at !== undefined) return void report.keptBranches.push(`${branch}: checked out at ${at}`);
    await repo.deleteBranch(branch);
    report.branches.push(branch);
  };
  const prefix = `orchestra/tasks/${id}/`;
  for (const b of await repo.listBranches(prefix)) {
    // A task branch the user committed on is theirs now, as a moved result branch is.
    const name = b.slice(prefix.length);
    const moved = tasks
      ? await taskBranchMoved(repo, b, Object.hasOwn(tasks, name) ? tasks[name] : undefined)
      : "the run's record is unreadable, so it may hold commits of yours";
    if (moved === undefined) await remove(b);
    else report.keptBranches.push(`${b}: ${moved}`);
  }
  // Only the result branch the run put there, while it is still there: `integrate.branch` may
  // name a branch of the user's, and the user may have committed on the result since.
  const tip = placed ? await repo.resolveCommit(`refs/heads/${placed.branch}`) : undefined;
  if (placed && tip !== undefined) {
    if (tip === placed.commit) await remove(placed.branch);
    else
      report.keptBranches.push(
        `${placed.branch}: it has moved since the run put it at ${placed.commit.slice(0, 10)}`,
      );
  }
}

/**
 * Why task branch `branch` may hold commits of the user's, or undefined when it is where orchestra
 * last put it: at the task's start, an attempt's result or its recorded result. A branch of no task
 * of the run (the integration's scratch branch) is orchestra's alone.
 */
async function taskBranchMoved(
  repo: Git,
  branch: string,
  task: TaskRecord | undefined,
): Promise<string | undefined> {
  if (task === undefined) return undefined;
  const left = [task.commit, ...task.attempts.map((a) => a.commit).reverse(), task.startCommit].filter(
    (c): c is string => typeof c === 'string',
  );
  const tip = await repo.resolveCommit(`refs/heads/${branch}`);
  if (tip !== undefined && left.includes(tip)) return undefined;
  return left[0] === undefined
    ? 'the run recorded no commit of it, so it may hold commits of yours'
    : `it has moved since the run left it at ${left[0].slice(0, 10)}`;
}

/**
 * Removes a run's sandbox folder if it is empty (every sandbox of the run is gone), then the
 * repository's folder of the default sandbox location above it if that is empty too. A `sandbox.dir`
 * of the user's is left, empty or not.
 */
export function removeEmptyRunFolder(repoRoot: string, runFolder: string): Promise<void> {
  const root = dirname(runFolder);
  return removeEmptyFolders(root === defaultSandboxRoot(repoRoot) ? [runFolder, root] : [runFolder]);
}

/** Every run folder, also one without a readable record (a run that died before its first write). */
async function runFolders(repoRoot: string): Promise<string[]> {
  const dir = runsDir(repoRoot);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && isRunId(e.name)).map((e) => e.name);
}

/** Whether run `id` left anything to clean: its folder, sandboxes in the default root, or branches. */
async function leftSomething(repo: Git, repoRoot: string, id: string): Promise<boolean> {
  return (
    existsSync(join(runsDir(repoRoot), id)) ||
    existsSync(join(defaultSandboxRoot(repoRoot), id)) ||
    (await repo.listBranches(`orchestra/tasks/${id}/`)).length > 0 ||
    (await repo.branchExists(`orchestra/${id}`))
  );
}
